//! The Caddyfile lexer and parser, as a whole file and as an imported fragment.

#![no_main]

use backlint::lang::caddyfile::{self, Caddyfile, Directive};
use backlint_fuzz::{check_span, text};
use libfuzzer_sys::fuzz_target;

fn check_directive(text: &str, d: &Directive) {
    check_span(text, &d.name.range, "directive name");
    for arg in &d.args {
        check_span(text, &arg.range, "directive argument");
    }
}

fn check_file(text: &str, file: &Caddyfile) {
    for (addresses, directive) in file.directives() {
        for a in addresses {
            check_span(text, &a.range, "site address");
        }
        check_directive(text, directive);
    }
    for import in &file.imports {
        check_span(text, &import.pattern.range, "import pattern");
        let _ = file.defines_snippet(&import.pattern.text);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    if let Ok(tokens) = caddyfile::tokenize(&text) {
        for t in &tokens {
            check_span(&text, &t.range, "token");
        }
    }
    for parsed in [caddyfile::parse(&text), caddyfile::parse_fragment(&text)] {
        match parsed {
            Ok(file) => check_file(&text, &file),
            Err(err) => check_span(&text, &err.range, "syntax error"),
        }
    }
});
