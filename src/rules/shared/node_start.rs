//! How a Node service starts: the package script a start command runs, and whether a
//! command starts a development server or sets development mode.

/// Commands that start a development server (a watcher, a bundler's dev server), which
/// needs devDependencies and is not meant to serve production traffic.
const DEV_SERVERS: &[&[&str]] = &[
    &["npm", "run", "dev"],
    &["npm", "run", "start:dev"],
    &["yarn", "dev"],
    &["yarn", "run", "dev"],
    &["pnpm", "dev"],
    &["pnpm", "run", "dev"],
    &["bun", "run", "dev"],
    &["next", "dev"],
    &["nuxt", "dev"],
    &["vite"],
    &["nodemon"],
    &["ts-node-dev"],
    &["tsx", "watch"],
    &["node", "--watch"],
    &["nest", "start", "--watch"],
    &["react-scripts", "start"],
    &["ng", "serve"],
    &["webpack", "serve"],
    &["webpack-dev-server"],
    &["vue-cli-service", "serve"],
];

/// `vite build`, `vite preview`: the bundler's other commands serve no source.
const VITE_OTHER_COMMANDS: &[&str] = &["build", "preview", "optimize"];

/// The development server a command starts, as its words say (`nodemon`, `next dev`), if any.
pub fn dev_server<S: AsRef<str>>(words: &[S]) -> Option<&'static [&'static str]> {
    let words: Vec<&str> = words.iter().map(|w| w.as_ref()).collect();
    for at in 0..words.len() {
        for server in DEV_SERVERS {
            let matches = server.iter().enumerate().all(|(k, part)| {
                words
                    .get(at + k)
                    .is_some_and(|w| *w == *part || (k == 0 && w.ends_with(&format!("/{part}"))))
            });
            let vite_other = server == &["vite"]
                && words
                    .get(at + 1)
                    .is_some_and(|w| VITE_OTHER_COMMANDS.contains(w));
            if matches && !vite_other {
                return Some(server);
            }
        }
    }
    None
}

/// The package script a start command runs: `start` for `npm start`, `npm run start`,
/// `yarn start`, `pnpm start`; `serve` for `npm run serve`, `yarn serve`,
/// `npm run-script serve`, `bun run serve`.
pub fn script_run_by<S: AsRef<str>>(words: &[S]) -> Option<&str> {
    let words: Vec<&str> = words.iter().map(|w| w.as_ref()).collect();
    let at = words
        .iter()
        .position(|w| matches!(w.rsplit('/').next(), Some("npm" | "yarn" | "pnpm" | "bun")))?;
    let manager = words[at].rsplit('/').next()?;
    let rest: Vec<&str> = words[at + 1..]
        .iter()
        .copied()
        .filter(|w| !w.starts_with('-'))
        .collect();
    match (manager, rest.as_slice()) {
        (_, ["start", ..]) => Some("start"),
        ("npm" | "pnpm" | "bun" | "yarn", ["run" | "run-script", name, ..]) => Some(name),
        ("yarn" | "pnpm", [name, ..])
            if !matches!(
                *name,
                "install" | "add" | "build" | "test" | "exec" | "dlx" | "node"
            ) =>
        {
            Some(name)
        }
        _ => None,
    }
}

/// What makes a script run in development: `NODE_ENV=development` set for it, or a
/// development server it starts (following `npm run other` into the package's other
/// scripts). `scripts` looks a script up by name. Returns what the script does and what
/// that means.
pub fn development_start<'s>(
    command: &'s str,
    scripts: &dyn Fn(&str) -> Option<&'s str>,
) -> Option<(String, &'static str)> {
    let mut pending = vec![command];
    let mut followed = 0;
    while let Some(command) = pending.pop() {
        for segment in command.split(['&', ';', '|']) {
            let words: Vec<&str> = segment
                .split_whitespace()
                .map(|w| w.trim_matches(|c| c == '"' || c == '\''))
                .collect();
            if let Some(set) = words
                .iter()
                .find(|w| matches!(**w, "NODE_ENV=development" | "NODE_ENV=dev"))
            {
                return Some((
                    format!("sets `{set}`"),
                    "Express and other libraries run in development mode: error pages carry stack traces, views are not cached",
                ));
            }
            if let Some(server) = dev_server(&words) {
                if !matches!(server.first(), Some(&("npm" | "yarn" | "pnpm" | "bun"))) {
                    return Some((
                        format!("starts `{}`", server.join(" ")),
                        "a development server: it watches the files and restarts, and is not built to serve production traffic",
                    ));
                }
            }
            if followed < 4 {
                if let Some(next) = script_run_by(&words).and_then(scripts) {
                    followed += 1;
                    pending.push(next);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_a_start_command_runs() {
        assert_eq!(script_run_by(&["npm", "start"]), Some("start"));
        assert_eq!(
            script_run_by(&["npm", "run", "start:prod"]),
            Some("start:prod")
        );
        assert_eq!(script_run_by(&["yarn", "serve"]), Some("serve"));
        assert_eq!(
            script_run_by(&["/usr/local/bin/npm", "run-script", "web"]),
            Some("web")
        );
        assert_eq!(script_run_by(&["npm", "ci"]), None);
        assert_eq!(script_run_by(&["node", "server.js"]), None);
    }

    #[test]
    fn development_starts() {
        let scripts = |name: &str| match name {
            "dev" => Some("nodemon src/index.js"),
            "build" => Some("tsc -p ."),
            _ => None,
        };
        assert!(development_start("nodemon index.js", &scripts).is_some());
        assert!(development_start("cross-env NODE_ENV=development node .", &scripts).is_some());
        assert!(development_start("npm run dev", &scripts).is_some());
        assert!(development_start("next dev -p 3000", &scripts).is_some());
        assert!(development_start("node --watch server.js", &scripts).is_some());
        assert!(development_start("vite", &scripts).is_some());
        assert!(development_start("vite preview --host", &scripts).is_none());
        assert!(development_start("npm run build && node dist/main.js", &scripts).is_none());
        assert!(development_start("NODE_ENV=production node server.js", &scripts).is_none());
        assert!(development_start("next start", &scripts).is_none());
    }
}
