//! Collectors: what the walk of a code file gathers for the project phase. Each collector
//! is one entry of `CODE_COLLECTORS`; it says which fact it gives (`Fact`), which files may
//! hold it (a cheap test of the bytes), which node kinds it looks at (for the walk's
//! pruning), and how to gather it during the one walk of the file. The engine runs a
//! collector only when an enabled rule reads its fact (`Rule::facts`).

use tree_sitter::Node;

use crate::lang::tree::KindExt;

use crate::facts::lazy_summaries::LazySummaries;
use crate::facts::{
    FileFacts, auth_routes, cors, csrf, debug_switch, env_reads, express, jwt_verify, listen,
    route_paths, server_timeout, summaries,
};
use crate::lang::context::TreeContext;

/// A kind of project fact that rules read in `check_project`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    /// Servers started in app code (`FileFacts::listens`).
    Listens,
    /// Environment reads and startup checks of app code (`FileFacts::env_use`).
    EnvUse,
    /// Express apps, routers, registrations, handlers, imports and exports
    /// (`FileFacts::express`).
    Express,
    /// Function summaries: queries, calls, imports, exports and calls made per row of a
    /// loop (`FileFacts::summaries`).
    Summaries,
    /// Credential routes and rate limiters (`FileFacts::auth_routes`).
    AuthRoutes,
    /// Cookie sessions and CSRF defences (`FileFacts::csrf`).
    Csrf,
    /// CORS credentials allowed from any origin, and how modules authenticate
    /// (`FileFacts::cors`).
    Cors,
    /// Debug switches in Python code and default Django settings modules
    /// (`FileFacts::debug_switches`).
    DebugSwitches,
    /// jsonwebtoken `verify` calls that restrict no algorithm (`FileFacts::jwt_verifies`).
    JwtVerifies,
    /// Servers, outbound calls without a timeout and timeouts named
    /// (`FileFacts::server_timeouts`).
    ServerTimeouts,
    /// Path words, literal routes and catch-alls of code modules (`FileFacts::route_paths`).
    RoutePaths,
}

impl Fact {
    pub fn name(self) -> &'static str {
        match self {
            Fact::Listens => "listens",
            Fact::EnvUse => "env-use",
            Fact::Express => "express",
            Fact::Summaries => "summaries",
            Fact::AuthRoutes => "auth-routes",
            Fact::Csrf => "csrf",
            Fact::Cors => "cors",
            Fact::DebugSwitches => "debug-switches",
            Fact::JwtVerifies => "jwt-verifies",
            Fact::ServerTimeouts => "server-timeouts",
            Fact::RoutePaths => "route-paths",
        }
    }
}

/// Which files a collector is asked to look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demand {
    /// Every code file that may hold the fact: the rules reading it judge the project as a
    /// whole (a startup check anywhere silences a read elsewhere).
    EveryFile,
    /// Only files where a rule that reads the fact may match (its needles and `may_match`
    /// accept the file): the fact links what such files hold.
    WhereRuleMayMatch,
    /// Only files parsed for another reason (a rule or another collector). A file the
    /// collector wants that nothing else parses is held unparsed; the project phase parses
    /// it later only when a question about the facts already gathered needs it
    /// (`summary_model::wanted_files`).
    WhenParsed,
}

/// What a collector may know of a file before it is parsed.
pub struct Gate<'a> {
    pub bytes: &'a [u8],
    pub python: bool,
    /// Code that runs with the app: not a test, a script, browser code or generated.
    pub runs_with_the_app: bool,
    /// Minified or generated code.
    pub generated: bool,
    /// A rule that reads this collector's fact may match the file (`Demand::WhereRuleMayMatch`).
    pub requested: bool,
    /// The enabled rules' questions (a collector may gather only what they ask about).
    pub questions: Questions,
}

/// The questions about code that belong to the enabled rules and that collectors ask while
/// they gather (the facts layer knows no rule: the engine hands these over).
#[derive(Clone, Copy, Default)]
pub struct Questions {
    /// Asked of each call by the summary collector (`summaries::CallQuestions`).
    pub calls: Option<&'static summaries::CallQuestions>,
    /// Asked of functions and calls by the summary collector (`summaries::SendQuestions`).
    pub sends: Option<&'static summaries::SendQuestions>,
    /// Asked of calls by the summary collector (`summaries::AcquireQuestions`).
    pub acquires: Option<&'static summaries::AcquireQuestions>,
    /// Asked of functions by the summary collector (`summaries::RejectQuestions`).
    pub rejects: Option<&'static summaries::RejectQuestions>,
}

/// A collector of one fact from code files.
pub trait CodeCollector: Sync {
    fn fact(&self) -> Fact;
    fn demand(&self) -> Demand;
    /// False when the file cannot hold the fact: it is then not gathered from this file.
    fn wants(&self, gate: &Gate) -> bool;
    /// For a `Demand::WhenParsed` collector: whether a file it wants is worth a parse of its
    /// own (nothing else parses it, and what it may hold is asked about even so).
    fn wants_alone(&self, _gate: &Gate) -> bool {
        false
    }
    /// The node kinds the collector acts on (the walk's pruning keeps them).
    fn visited_kinds(&self, python: bool) -> &'static [&'static [&'static str]];
    /// Starts gathering from one file; the run sees every named node of the walk.
    fn start<'a>(
        &self,
        src: &'a str,
        python: bool,
        questions: &Questions,
    ) -> Box<dyn CollectorRun<'a> + 'a>;
}

/// One collector gathering from one file.
pub trait CollectorRun<'a> {
    fn visit(&mut self, node: Node<'a>, cx: &TreeContext<'a>);
    /// Puts what was gathered into the file's facts (the tree is still there to ask).
    fn finish(self: Box<Self>, cx: &TreeContext<'a>, facts: &mut FileFacts);
}

/// Every code collector, in the order their facts are gathered.
pub static CODE_COLLECTORS: &[&dyn CodeCollector] = &[
    &ListenCollector,
    &EnvUseCollector,
    &ExpressCollector,
    &SummaryCollector,
    &AuthRoutesCollector,
    &CsrfCollector,
    &CorsCollector,
    &DebugSwitchCollector,
    &JwtVerifyCollector,
    &ServerTimeoutCollector,
    &RoutePathCollector,
];

/// Servers started by app code: `app.listen(3000)`, `uvicorn.run(app, port=8000)`.
pub struct ListenCollector;

struct ListenRun {
    python: bool,
    found: Vec<crate::facts::ListenFact>,
}

impl CodeCollector for ListenCollector {
    fn fact(&self) -> Fact {
        Fact::Listens
    }
    fn demand(&self) -> Demand {
        Demand::EveryFile
    }
    fn wants(&self, gate: &Gate) -> bool {
        !gate.generated && listen::may_start_server(gate.bytes, gate.python)
    }
    fn visited_kinds(&self, python: bool) -> &'static [&'static [&'static str]] {
        if python {
            &[&["call"]]
        } else {
            &[&["call_expression"]]
        }
    }
    fn start<'a>(
        &self,
        _src: &'a str,
        python: bool,
        _questions: &Questions,
    ) -> Box<dyn CollectorRun<'a> + 'a> {
        Box::new(ListenRun {
            python,
            found: Vec::new(),
        })
    }
}

impl<'a> CollectorRun<'a> for ListenRun {
    fn visit(&mut self, node: Node<'a>, cx: &TreeContext<'a>) {
        let call = if self.python {
            "call"
        } else {
            "call_expression"
        };
        if node.kind_name() != call {
            return;
        }
        let fact = if self.python {
            listen::py_listen(node, cx)
        } else {
            listen::js_listen(node, cx)
        };
        self.found.extend(fact);
    }

    fn finish(self: Box<Self>, _cx: &TreeContext<'a>, facts: &mut FileFacts) {
        facts.listens = self.found;
    }
}

/// Environment variables app code reads, and the startup checks it makes. A check a test, a
/// script or the browser makes does not run when the app starts: such files give none.
pub struct EnvUseCollector;

struct EnvUseRun {
    python: bool,
    collector: env_reads::EnvCollector,
}

impl CodeCollector for EnvUseCollector {
    fn fact(&self) -> Fact {
        Fact::EnvUse
    }
    fn demand(&self) -> Demand {
        Demand::EveryFile
    }
    fn wants(&self, gate: &Gate) -> bool {
        gate.runs_with_the_app && !gate.generated && env_reads::may_read_env(gate.bytes)
    }
    fn visited_kinds(&self, python: bool) -> &'static [&'static [&'static str]] {
        if python {
            &[env_reads::PY_VISITED]
        } else {
            &[env_reads::JS_VISITED]
        }
    }
    fn start<'a>(
        &self,
        src: &'a str,
        python: bool,
        _questions: &Questions,
    ) -> Box<dyn CollectorRun<'a> + 'a> {
        Box::new(EnvUseRun {
            python,
            collector: env_reads::EnvCollector::new(src, python),
        })
    }
}

impl<'a> CollectorRun<'a> for EnvUseRun {
    fn visit(&mut self, node: Node<'a>, cx: &TreeContext<'a>) {
        if self.python {
            self.collector.visit_py(node, cx);
        } else {
            self.collector.visit_js(node, cx);
        }
    }

    fn finish(self: Box<Self>, _cx: &TreeContext<'a>, facts: &mut FileFacts) {
        facts.env_use = self.collector.finish();
    }
}

/// The Express model's per-module facts (JavaScript and TypeScript only).
pub struct ExpressCollector;

struct ExpressRun<'a> {
    extractor: express::Extractor<'a>,
}

impl CodeCollector for ExpressCollector {
    fn fact(&self) -> Fact {
        Fact::Express
    }
    fn demand(&self) -> Demand {
        Demand::WhereRuleMayMatch
    }
    fn wants(&self, gate: &Gate) -> bool {
        !gate.python && gate.requested
    }
    fn visited_kinds(&self, _python: bool) -> &'static [&'static [&'static str]] {
        &[express::VISITED_KINDS, crate::lang::js::FUNCTION_KINDS]
    }
    fn start<'a>(
        &self,
        src: &'a str,
        _python: bool,
        _questions: &Questions,
    ) -> Box<dyn CollectorRun<'a> + 'a> {
        Box::new(ExpressRun {
            extractor: express::Extractor::new(src),
        })
    }
}

impl<'a> CollectorRun<'a> for ExpressRun<'a> {
    fn visit(&mut self, node: Node<'a>, _cx: &TreeContext<'a>) {
        self.extractor.visit(node);
    }

    fn finish(self: Box<Self>, _cx: &TreeContext<'a>, facts: &mut FileFacts) {
        facts.express = self.extractor.finish();
    }
}

/// Credential routes and the rate limiters each module applies. Test code, scripts and
/// browser code serve no route and apply no limiter the app runs with.
pub struct AuthRoutesCollector;

struct AuthRoutesRun<'a> {
    collector: auth_routes::AuthRouteCollector<'a>,
}

impl CodeCollector for AuthRoutesCollector {
    fn fact(&self) -> Fact {
        Fact::AuthRoutes
    }
    fn demand(&self) -> Demand {
        Demand::EveryFile
    }
    fn wants(&self, gate: &Gate) -> bool {
        gate.runs_with_the_app && !gate.generated && auth_routes::may_hold(gate.bytes)
    }
    fn visited_kinds(&self, python: bool) -> &'static [&'static [&'static str]] {
        if python {
            &[&["decorated_definition"]]
        } else {
            &[&["call_expression", "decorator"]]
        }
    }
    fn start<'a>(
        &self,
        src: &'a str,
        python: bool,
        _questions: &Questions,
    ) -> Box<dyn CollectorRun<'a> + 'a> {
        Box::new(AuthRoutesRun {
            collector: auth_routes::AuthRouteCollector::new(src, python),
        })
    }
}

impl<'a> CollectorRun<'a> for AuthRoutesRun<'a> {
    fn visit(&mut self, node: Node<'a>, _cx: &TreeContext<'a>) {
        self.collector.visit(node);
    }

    fn finish(self: Box<Self>, _cx: &TreeContext<'a>, facts: &mut FileFacts) {
        facts.auth_routes = self.collector.finish();
    }
}

/// Cookie sessions, state-changing routes and CSRF defences of JavaScript and TypeScript
/// modules that run with the app.
pub struct CsrfCollector;

struct CsrfRun<'a> {
    collector: csrf::CsrfCollector<'a>,
}

impl CodeCollector for CsrfCollector {
    fn fact(&self) -> Fact {
        Fact::Csrf
    }
    fn demand(&self) -> Demand {
        Demand::EveryFile
    }
    fn wants(&self, gate: &Gate) -> bool {
        !gate.python && gate.runs_with_the_app && !gate.generated && csrf::may_hold(gate.bytes)
    }
    fn visited_kinds(&self, _python: bool) -> &'static [&'static [&'static str]] {
        &[&["call_expression"]]
    }
    fn start<'a>(
        &self,
        src: &'a str,
        _python: bool,
        _questions: &Questions,
    ) -> Box<dyn CollectorRun<'a> + 'a> {
        Box::new(CsrfRun {
            collector: csrf::CsrfCollector::new(src),
        })
    }
}

impl<'a> CollectorRun<'a> for CsrfRun<'a> {
    fn visit(&mut self, node: Node<'a>, _cx: &TreeContext<'a>) {
        self.collector.visit(node);
    }

    fn finish(self: Box<Self>, _cx: &TreeContext<'a>, facts: &mut FileFacts) {
        facts.csrf = self.collector.finish();
    }
}

/// CORS settings that allow credentials from any origin, and what each module shows of how
/// the app authenticates (cookies and sessions, or an `Authorization` header). Test code,
/// scripts and browser code configure no server the app runs.
pub struct CorsCollector;

struct CorsRun {
    collector: cors::CorsCollector,
}

impl CodeCollector for CorsCollector {
    fn fact(&self) -> Fact {
        Fact::Cors
    }
    fn demand(&self) -> Demand {
        Demand::EveryFile
    }
    fn wants(&self, gate: &Gate) -> bool {
        gate.runs_with_the_app && !gate.generated && cors::may_hold(gate.bytes)
    }
    fn visited_kinds(&self, python: bool) -> &'static [&'static [&'static str]] {
        if python {
            &[&["call", "assignment"]]
        } else {
            &[&["object", "call_expression"]]
        }
    }
    fn start<'a>(
        &self,
        src: &'a str,
        python: bool,
        _questions: &Questions,
    ) -> Box<dyn CollectorRun<'a> + 'a> {
        Box::new(CorsRun {
            collector: cors::CorsCollector::new(src, python),
        })
    }
}

impl<'a> CollectorRun<'a> for CorsRun {
    fn visit(&mut self, node: Node<'a>, cx: &TreeContext<'a>) {
        self.collector.visit(node, cx);
    }

    fn finish(self: Box<Self>, _cx: &TreeContext<'a>, facts: &mut FileFacts) {
        facts.cors = self.collector.finish();
    }
}

/// Function summaries of app code (`facts::summaries`). The helper a loop elsewhere calls,
/// and the request handler that reaches that loop, may be in any file of the app: each file
/// that may run a query, or may be a request handler calling into another module, gives its
/// summaries (`summaries::may_summarise`); tests, scripts, browser and generated code give
/// none. A file parsed for nothing else is summarised only on demand (`Demand::WhenParsed`).
/// The enabled rules' questions (`Questions::calls`) decide what a call runs; a file that
/// may send to the client what a function is given, or hand a caught error to another
/// module, gives its summaries when a rule asks about that (`Questions::sends`); so does a
/// file that may return a pooled connection, or hold one an imported function returns
/// (`Questions::acquires`), and one that may define or await an async function that never
/// rejects (`Questions::rejects`).
pub struct SummaryCollector;

struct SummaryRun<'a> {
    run: summaries::SummaryRun<'a>,
}

impl CodeCollector for SummaryCollector {
    fn fact(&self) -> Fact {
        Fact::Summaries
    }
    fn demand(&self) -> Demand {
        Demand::WhenParsed
    }
    fn wants(&self, gate: &Gate) -> bool {
        gate.runs_with_the_app
            && !gate.generated
            && (summaries::may_summarise(gate.bytes, gate.python)
                || gate
                    .questions
                    .sends
                    .is_some_and(|q| (q.may_send)(gate.bytes, gate.python))
                || gate.questions.acquires.is_some_and(|q| {
                    (q.may_return_connection)(gate.bytes, gate.python)
                        || (q.may_hold_connection)(gate.bytes, gate.python)
                })
                || gate
                    .questions
                    .rejects
                    .is_some_and(|q| (q.may_ask)(gate.bytes, gate.python)))
    }
    /// A file whose loop may call a lookup helper of its own: its loop is asked about
    /// whether anything else parses the file or not. So is a file that may define a
    /// function sending what it is given to the client (`SendQuestions::may_define_sender`).
    fn wants_alone(&self, gate: &Gate) -> bool {
        summaries::may_loop_over_own_lookup(gate.bytes, gate.python)
            || gate
                .questions
                .sends
                .is_some_and(|q| (q.may_define_sender)(gate.bytes, gate.python))
            || gate
                .questions
                .acquires
                .is_some_and(|q| (q.may_return_connection)(gate.bytes, gate.python))
    }
    fn visited_kinds(&self, python: bool) -> &'static [&'static [&'static str]] {
        if python {
            &[summaries::PY_VISITED]
        } else {
            &[summaries::JS_VISITED]
        }
    }
    fn start<'a>(
        &self,
        src: &'a str,
        python: bool,
        questions: &Questions,
    ) -> Box<dyn CollectorRun<'a> + 'a> {
        Box::new(SummaryRun {
            run: summaries::SummaryRun::new(
                src,
                python,
                questions.calls,
                questions.sends,
                questions.acquires,
                questions.rejects,
            ),
        })
    }
}

impl<'a> CollectorRun<'a> for SummaryRun<'a> {
    fn visit(&mut self, node: Node<'a>, cx: &TreeContext<'a>) {
        self.run.visit(node, cx);
    }

    fn finish(self: Box<Self>, cx: &TreeContext<'a>, facts: &mut FileFacts) {
        facts.summaries = self.run.finish(cx).map(LazySummaries::new);
    }
}

/// Debug switches of Python modules that run with the app: servers started with a debugger
/// or reloader, apps built in debug mode, Django's `DEBUG`, and the settings module an entry
/// file names by default.
pub struct DebugSwitchCollector;

struct DebugSwitchRun<'a> {
    collector: debug_switch::DebugSwitchCollector<'a>,
}

impl CodeCollector for DebugSwitchCollector {
    fn fact(&self) -> Fact {
        Fact::DebugSwitches
    }
    fn demand(&self) -> Demand {
        Demand::EveryFile
    }
    fn wants(&self, gate: &Gate) -> bool {
        gate.python
            && gate.runs_with_the_app
            && !gate.generated
            && debug_switch::may_hold(gate.bytes)
    }
    fn visited_kinds(&self, _python: bool) -> &'static [&'static [&'static str]] {
        &[debug_switch::VISITED]
    }
    fn start<'a>(
        &self,
        src: &'a str,
        _python: bool,
        _questions: &Questions,
    ) -> Box<dyn CollectorRun<'a> + 'a> {
        Box::new(DebugSwitchRun {
            collector: debug_switch::DebugSwitchCollector::new(src),
        })
    }
}

impl<'a> CollectorRun<'a> for DebugSwitchRun<'a> {
    fn visit(&mut self, node: Node<'a>, _cx: &TreeContext<'a>) {
        self.collector.visit(node);
    }

    fn finish(self: Box<Self>, _cx: &TreeContext<'a>, facts: &mut FileFacts) {
        facts.debug_switches = self.collector.finish();
    }
}

/// jsonwebtoken `verify` calls without `algorithms` in JavaScript and TypeScript modules that
/// run with the app.
pub struct JwtVerifyCollector;

struct JwtVerifyRun {
    collector: jwt_verify::JwtVerifyCollector,
}

impl CodeCollector for JwtVerifyCollector {
    fn fact(&self) -> Fact {
        Fact::JwtVerifies
    }
    fn demand(&self) -> Demand {
        Demand::WhereRuleMayMatch
    }
    fn wants(&self, gate: &Gate) -> bool {
        !gate.python
            && gate.requested
            && gate.runs_with_the_app
            && !gate.generated
            && jwt_verify::may_hold(gate.bytes)
    }
    fn visited_kinds(&self, _python: bool) -> &'static [&'static [&'static str]] {
        &[&["call_expression"]]
    }
    fn start<'a>(
        &self,
        _src: &'a str,
        _python: bool,
        _questions: &Questions,
    ) -> Box<dyn CollectorRun<'a> + 'a> {
        Box::new(JwtVerifyRun {
            collector: jwt_verify::JwtVerifyCollector::default(),
        })
    }
}

impl<'a> CollectorRun<'a> for JwtVerifyRun {
    fn visit(&mut self, node: Node<'a>, cx: &TreeContext<'a>) {
        self.collector.visit(node, cx);
    }

    fn finish(self: Box<Self>, _cx: &TreeContext<'a>, facts: &mut FileFacts) {
        facts.jwt_verifies = self.collector.finish();
    }
}

/// Servers, outbound calls and timeouts of JavaScript and TypeScript modules that run with
/// the app.
pub struct ServerTimeoutCollector;

struct ServerTimeoutRun<'a> {
    collector: server_timeout::ServerTimeoutCollector<'a>,
}

impl CodeCollector for ServerTimeoutCollector {
    fn fact(&self) -> Fact {
        Fact::ServerTimeouts
    }
    fn demand(&self) -> Demand {
        Demand::EveryFile
    }
    fn wants(&self, gate: &Gate) -> bool {
        !gate.python
            && gate.runs_with_the_app
            && !gate.generated
            && server_timeout::may_hold(gate.bytes)
    }
    fn visited_kinds(&self, _python: bool) -> &'static [&'static [&'static str]] {
        &[&["call_expression", "decorator"]]
    }
    fn start<'a>(
        &self,
        src: &'a str,
        _python: bool,
        _questions: &Questions,
    ) -> Box<dyn CollectorRun<'a> + 'a> {
        Box::new(ServerTimeoutRun {
            collector: server_timeout::ServerTimeoutCollector::new(src),
        })
    }
}

impl<'a> CollectorRun<'a> for ServerTimeoutRun<'a> {
    fn visit(&mut self, node: Node<'a>, _cx: &TreeContext<'a>) {
        self.collector.visit(node);
    }

    fn finish(self: Box<Self>, _cx: &TreeContext<'a>, facts: &mut FileFacts) {
        facts.server_timeouts = self.collector.finish();
    }
}

/// The paths code modules that run with the app may serve.
pub struct RoutePathCollector;

struct RoutePathRun<'a> {
    collector: route_paths::RoutePathCollector<'a>,
}

impl CodeCollector for RoutePathCollector {
    fn fact(&self) -> Fact {
        Fact::RoutePaths
    }
    fn demand(&self) -> Demand {
        Demand::EveryFile
    }
    fn wants(&self, gate: &Gate) -> bool {
        gate.runs_with_the_app && !gate.generated && route_paths::may_hold(gate.bytes)
    }
    fn visited_kinds(&self, python: bool) -> &'static [&'static [&'static str]] {
        if python {
            &[&["string", "call"]]
        } else {
            &[&["string", "template_string", "call_expression", "decorator"]]
        }
    }
    fn start<'a>(
        &self,
        src: &'a str,
        python: bool,
        _questions: &Questions,
    ) -> Box<dyn CollectorRun<'a> + 'a> {
        Box::new(RoutePathRun {
            collector: route_paths::RoutePathCollector::new(src, python),
        })
    }
}

impl<'a> CollectorRun<'a> for RoutePathRun<'a> {
    fn visit(&mut self, node: Node<'a>, _cx: &TreeContext<'a>) {
        self.collector.visit(node);
    }

    fn finish(self: Box<Self>, _cx: &TreeContext<'a>, facts: &mut FileFacts) {
        facts.route_paths = self.collector.finish();
    }
}
