//! error-handler-headers-sent: custom error middleware that writes a response without first
//! delegating to `next(err)` when the headers are already sent.

use tree_sitter::Node;
use crate::lang::tree::{FieldExt, KindExt};

use crate::diagnostic::Findings;
use crate::lang::js;
use crate::lang::tree::{descendants, text};
use crate::rules::shared::express::{is_error_name, param_list};
use crate::rules::{Rule, TreeContext};

pub struct ErrorHandlerHeadersSent;

const RESPONSE_METHODS: &[&str] = &[
    "send", "json", "jsonp", "render", "end", "sendStatus", "sendFile", "redirect", "write",
];

impl Rule for ErrorHandlerHeadersSent {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&["next"]]
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &[
            "function_declaration",
            "function_expression",
            "function",
            "arrow_function",
            "method_definition",
        ]
    }

    fn check_js(&self, function: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        let params = param_list(function, src);
        if params.len() != 4 || !params.first().is_some_and(|p| is_error_name(p)) {
            return;
        }
        let response = params[2].as_str();
        if response.is_empty() {
            return;
        }
        let Some(body) = function.field("body") else {
            return;
        };
        if text(body, src).contains("headersSent") {
            return;
        }
        let Some(write) = descendants(body).find(|n| {
            n.kind_name() == "call_expression"
                && js::callee_name(*n, src).is_some_and(|m| RESPONSE_METHODS.contains(&m))
                && js::callee(*n)
                    .and_then(|c| js::dotted_path(c, src))
                    .is_some_and(|p| p.split('.').next() == Some(response))
        }) else {
            return;
        };
        let head_end = body.start_byte();
        out.report(
            function.start_byte()..head_end,
            "error middleware responds without checking `res.headersSent`: when the error comes after the response has started, writing again fails with ERR_HTTP_HEADERS_SENT instead of letting Express close the connection",
        )
        .label(write.byte_range(), "responds here")
        .help("delegate to the default handler first: `if (res.headersSent) { return next(err) }`");
    }
}
