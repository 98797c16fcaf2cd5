//! server-timeout-missing: a Node HTTP server whose package serves routes and calls other
//! services without a timeout, and names no timeout anywhere (neither on the server nor on
//! any outbound call or client). Reported at the server's `listen` call.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::rules::Rule;

pub struct ServerTimeoutMissing;

const HELP: &str = "bound how long a request may wait: give outbound calls a timeout (`axios.create({ timeout: 10_000 })`, `fetch(url, { signal: AbortSignal.timeout(10_000) })`) and the server one (`server.setTimeout(30_000)` or `server.timeout = 30_000` on what `listen` returns)";

/// What a package holds, over its modules.
#[derive(Default)]
struct PackageState<'p> {
    names_timeout: bool,
    registers_routes: bool,
    /// (file index, server start) of each server.
    servers: Vec<(usize, &'p crate::facts::server_timeout::ServerStart)>,
    /// (file index, call) of each outbound call without a timeout.
    untimed: Vec<(usize, &'p crate::facts::server_timeout::UntimedCall)>,
}

impl Rule for ServerTimeoutMissing {
    fn facts(&self) -> &'static [Fact] {
        &[Fact::ServerTimeouts]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let project = cx.project;
        let mut packages: BTreeMap<Option<&Path>, PackageState> = BTreeMap::new();
        for (index, file) in project.files.iter().enumerate() {
            let Some(facts) = &file.facts.server_timeouts else {
                continue;
            };
            let state = packages
                .entry(project.packages.package_of(&file.path))
                .or_default();
            state.names_timeout |= facts.names_timeout;
            state.registers_routes |= facts.registers_routes;
            state
                .servers
                .extend(facts.servers.iter().map(|s| (index, s)));
            state
                .untimed
                .extend(facts.untimed_calls.iter().map(|c| (index, c)));
        }
        for state in packages.values() {
            if state.names_timeout || !state.registers_routes {
                continue;
            }
            let Some((call_file, call)) = state.untimed.first() else {
                continue;
            };
            let Some(call_path) = project.files.get(*call_file).map(|f| f.display.clone()) else {
                continue;
            };
            let more = match state.untimed.len() - 1 {
                0 => String::new(),
                1 => " and 1 other call".to_string(),
                n => format!(" and {n} other calls"),
            };
            for (index, server) in &state.servers {
                let Some(file) = project.files.get(*index) else {
                    continue;
                };
                out.report_in(
                    Some(file.display.clone()),
                    server.range.clone(),
                    format!(
                        "`{}` starts a server with no timeout, and its routes call other services with none (`{}` in {call_path}{more}): a slow or silent upstream holds the request and its socket open indefinitely",
                        server.call, call.call
                    ),
                )
                .help(HELP);
            }
        }
    }
}
