//! compose-depends-on-unhealthy: a service waits only for its database to start, not to be ready.

use crate::diagnostic::{Applicability, Findings, Fix};
use crate::facts::collect::Fact;
use crate::facts::topology::{MergedService, Part, Topology, backing_kind, image_name};
use crate::facts::{ProjectContext, ProjectFile};
use crate::lang::FileKind;
use crate::lang::compose::Dependency;
use crate::lang::dockerfile::Dockerfile;
use crate::rules::Rule;

pub struct ComposeDependsOnUnhealthy;

/// A Dockerfile stage an image is built from, with its file.
type BuiltStage<'p> = (&'p ProjectFile, &'p Dockerfile, usize);

/// Databases whose clients connect when the app starts and fail when the server does not
/// answer yet. Caches and brokers (redis, rabbitmq, memcached, ...) are reached lazily and
/// their clients reconnect; MongoDB drivers wait for the server (server selection).
const CONNECTS_AT_BOOT: &[&str] = &["postgres", "mysql", "cassandra"];

/// Database web consoles: they connect when someone logs in, not when they start.
const DATABASE_CONSOLES: &[&str] = &[
    "adminer",
    "pgadmin",
    "phpmyadmin",
    "mongo-express",
    "dbgate",
    "cloudbeaver",
];

/// Words of a start command that wait for the database before the app starts.
const WAITS: &[&str] = &[
    "wait_for",
    "wait-for",
    "waitfor",
    "pg_isready",
    "mysqladmin",
    "dockerize",
    "/dev/tcp/",
    "nc -z",
    "until ",
    "sleep ",
];

impl Rule for ComposeDependsOnUnhealthy {
    /// The topology knows where each service listens from app code.
    fn facts(&self) -> &'static [Fact] {
        &[Fact::Listens]
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let topology = cx.topology();
        for service in &topology.services {
            // The last declaration of each dependency wins.
            let mut deps = Vec::new();
            for part in &service.parts {
                for dep in &part.service.depends_on {
                    deps.retain(|(_, d): &(_, &Dependency)| d.service != dep.service);
                    deps.push((*part, dep));
                }
            }
            for (part, dep) in deps {
                let Some(target) = topology
                    .services_of(service.project)
                    .find(|s| s.name == dep.service)
                else {
                    continue;
                };
                let healthy = dep.condition.as_deref() == Some("service_healthy");
                let declared = target.declared_at();
                if healthy && lacks_healthcheck(topology, target) {
                    out.report_in(
                        Some(part.file.display.clone()),
                        dep.range.clone(),
                        format!(
                            "`{}` waits for `{}` to be healthy, but `{}` has no healthcheck: `docker compose up` fails with \"dependency failed to start\"",
                            service.name, target.name, target.name
                        ),
                    )
                    .label_in(declared.file, declared.range, format!("`{}` defines no healthcheck", target.name))
                    .help(format!("add a healthcheck to `{}` (e.g. `test: [\"CMD-SHELL\", \"pg_isready -U postgres\"]`)", target.name));
                    continue;
                }
                if healthy {
                    continue;
                }
                let Some(kind) = database_kind(target) else {
                    continue;
                };
                if !connects_unwaited(topology, service) || in_unread_language(topology, service) {
                    continue;
                }
                let fix = wait_for_health_fix(topology, part, dep, target);
                let mut report = out
                    .report_in(
                        Some(part.file.display.clone()),
                        dep.range.clone(),
                        format!(
                            "`{}` starts as soon as the `{}` container starts, before {kind} accepts connections: the first queries fail with ECONNREFUSED",
                            service.name, target.name
                        ),
                    )
                    .help(format!(
                        "wait for readiness: `depends_on: {{ {}: {{ condition: service_healthy }} }}` with a healthcheck on `{}`",
                        target.name, target.name
                    ));
                if let Some(fix) = fix {
                    report = report.fix(fix);
                }
                drop(report);
            }
        }
    }
}

/// The kind of a dependency that is a database its clients connect to at startup.
fn database_kind(target: &MergedService<'_>) -> Option<&'static str> {
    target
        .image()
        .map(|i| image_name(&i))
        .and_then(|i| backing_kind(&i))
        .or_else(|| backing_kind(&target.name))
        .filter(|k| CONNECTS_AT_BOOT.contains(k))
}

/// True for an image of Docker's official library (`postgres:16`, `library/node`, or the
/// library through a registry mirror, `mirror.example/library/python`): those define no
/// HEALTHCHECK and start their command through a plain entrypoint.
fn is_library_image(image: &str) -> bool {
    let name = image_name(image);
    let name = name.strip_prefix("docker.io/").unwrap_or(&name);
    let name = name.strip_prefix("library/").unwrap_or(name);
    let name = name.rsplit_once("/library/").map_or(name, |(_, n)| n);
    !name.contains('/')
}

/// Management programs that take a subcommand: run without one they print their usage and
/// exit, so a service that starts one bare is a shell for `docker compose run SERVICE CMD`.
const MANAGEMENT_CLIS: &[&str] = &["manage.py", "django-admin", "artisan", "flask", "rails"];

/// The Dockerfile stage a service's image comes from: its own build, or the build of another
/// service of the project that tags the image this one runs (`image: app` next to a service
/// with `build:` and `image: app`).
fn image_build<'p>(topology: &Topology<'p>, service: &MergedService<'p>) -> Option<BuiltStage<'p>> {
    if let Some(built) = topology.built_stage(service) {
        return Some(built);
    }
    let image = service.image()?;
    topology
        .services_of(service.project)
        .filter(|s| s.name != service.name && s.image().as_deref() == Some(image.as_str()))
        .find_map(|s| topology.built_stage(s))
}

/// True when a service surely has no healthcheck: none in compose (its own or one it
/// `extends`), and its image has none — a Dockerfile of the project without HEALTHCHECK on an
/// official base image, or an official image. Images of other publishers may ship one.
fn lacks_healthcheck<'p>(topology: &Topology<'p>, target: &MergedService<'p>) -> bool {
    if compose_healthcheck(topology, target) {
        return false;
    }
    match built_image_healthcheck(topology, target) {
        Some((has_check, library_base)) => !has_check && library_base,
        None => target.image().is_some_and(|i| is_library_image(&i)),
    }
}

/// True when compose gives the service a healthcheck (its own or one it `extends`).
fn compose_healthcheck<'p>(topology: &Topology<'p>, target: &MergedService<'p>) -> bool {
    target.has_healthcheck()
        || topology
            .extended_services(target)
            .iter()
            .any(|s| s.healthcheck.is_some())
}

/// For a service built from a Dockerfile of the project: whether its stages define a
/// `HEALTHCHECK`, and whether the first of them starts from an official image.
fn built_image_healthcheck<'p>(
    topology: &Topology<'p>,
    target: &MergedService<'p>,
) -> Option<(bool, bool)> {
    let (_, dockerfile, index) = topology.built_stage(target)?;
    let stages = dockerfile.lineage(index);
    let has_check = stages
        .iter()
        .any(|s| s.instructions.iter().any(|i| i.keyword == "HEALTHCHECK"));
    let library_base = stages.last().is_some_and(|s| is_library_image(&s.base));
    Some((has_check, library_base))
}

/// True when the dependent's start command is known and connects to the database at once:
/// it does not wait for the database first (a `wait-for-it`, `pg_isready` or `/dev/tcp`
/// loop, `dockerize -wait`, `manage.py wait_for_db`), does not start through an entrypoint
/// script backlint does not read (where images put such waits), is not a cron job or an idle
/// container, is not a management program started without its subcommand (a service for
/// `docker compose run`), and is not a database console. An image of another publisher run
/// with its own command, or built here on such an image without an ENTRYPOINT of its own,
/// starts through an entrypoint backlint does not know.
fn connects_unwaited<'p>(topology: &Topology<'p>, service: &MergedService<'p>) -> bool {
    let image = service.image().map(|i| image_name(&i)).unwrap_or_default();
    if DATABASE_CONSOLES.iter().any(|c| image.ends_with(c)) {
        return false;
    }
    let built = image_build(topology, service);
    let compose_entrypoint = service.entrypoint().map(|(_, c)| c.split_words());
    let compose_command = service.command().map(|(_, c)| c.split_words());
    let image_instruction = |keyword: &str| {
        built
            .and_then(|(_, d, i)| d.last_in(i, keyword))
            .map(|i| i.words())
    };
    let entrypoint = match compose_entrypoint {
        Some(words) => Some(words),
        None if built.is_some() => match image_instruction("ENTRYPOINT") {
            Some(words) => Some(words),
            // Without an ENTRYPOINT of its own the image runs its base image's: known to
            // only run the command for an official base, unknown for another publisher's.
            None if built
                .and_then(|(_, d, i)| d.lineage(i).last().map(|s| is_library_image(&s.base)))
                .unwrap_or(false) =>
            {
                None
            }
            None => return false,
        },
        // What a published image runs before its command is not in the project, except for
        // official images, whose entrypoints only run the command.
        None if service.image().is_some_and(|i| is_library_image(&i)) => None,
        None => return false,
    };
    let command = match compose_command {
        Some(words) => Some(words),
        None if service.entrypoint().is_none() => image_instruction("CMD"),
        None => None,
    };
    let words: Vec<String> = entrypoint.into_iter().chain(command).flatten().collect();
    if words.is_empty() {
        return false;
    }
    let text = words.join(" ").to_ascii_lowercase();
    let runs_script = text
        .split(|c: char| {
            c.is_whitespace() || c == ';' || c == '&' || c == '|' || c == '"' || c == '\''
        })
        .any(|w| w.ends_with(".sh") || w.contains("entrypoint"));
    // A cron job connects on its schedule; a container kept alive for `exec` sessions
    // (`tail -f /dev/null`) connects to nothing by itself.
    let not_at_boot = text.contains("cron") || text.contains("tail -f") || runs_task_worker(&words);
    let bare_cli = words.last().is_some_and(|w| {
        let program = w.rsplit('/').next().unwrap_or(w).to_ascii_lowercase();
        MANAGEMENT_CLIS.contains(&program.as_str())
    });
    if bare_cli {
        return false;
    }
    !(runs_script
        || not_at_boot
        || WAITS.iter().any(|w| text.contains(w))
        || starts_unknown_program(&words))
}

/// Programs that start through a launcher before the app's own program (`tini -- node ...`).
const LAUNCHERS: &[&str] = &["tini", "dumb-init", "--", "exec", "env"];

/// Interpreters, package runners, servers, shells and process managers whose start of the
/// app backlint reads (the app's code, a `-c` shell line, its supervisord config).
const KNOWN_PROGRAMS: &[&str] = &[
    "node",
    "nodejs",
    "npm",
    "npx",
    "yarn",
    "pnpm",
    "bun",
    "deno",
    "ts-node",
    "tsx",
    "nodemon",
    "pm2",
    "pm2-runtime",
    "npm-run-all",
    "concurrently",
    "pip",
    "poetry",
    "pipenv",
    "uv",
    "gunicorn",
    "uvicorn",
    "hypercorn",
    "daphne",
    "granian",
    "uwsgi",
    "celery",
    "rq",
    "flask",
    "fastapi",
    "django-admin",
    "manage.py",
    "alembic",
    "sh",
    "bash",
    "ash",
    "dash",
    "zsh",
    "supervisord",
    "php",
    "php-fpm",
    "ruby",
    "bundle",
    "rails",
    "rake",
    "puma",
    "java",
    "dotnet",
];

/// True when the container starts a program backlint knows nothing of: the first word after
/// any launcher is neither a known interpreter, server or shell nor a script of the app
/// (`app.py`, `server.js`). A console command the project installs (`myapp migrate-and-serve`)
/// or a compiled binary may wait for the database before it connects, as entrypoint
/// scripts do, and backlint cannot see whether it does.
fn starts_unknown_program(words: &[String]) -> bool {
    let Some(program) = words
        .iter()
        .map(|w| w.rsplit('/').next().unwrap_or(w).to_ascii_lowercase())
        .find(|w| !LAUNCHERS.contains(&w.as_str()) && !w.starts_with('-'))
    else {
        return false;
    };
    let script = [".py", ".js", ".mjs", ".cjs", ".ts"]
        .iter()
        .any(|ext| program.ends_with(ext));
    let interpreter = program.starts_with("python") || program.starts_with("node");
    !(script || interpreter || KNOWN_PROGRAMS.contains(&program.as_str()))
}

/// True when the command starts a task-queue process that opens no database connection when
/// it boots: a Celery worker or its Flower dashboard (`celery -A app worker`, `python -m
/// celery -A app flower`), an RQ worker (`rq worker`). They connect to the broker, retrying
/// until it answers, and a task opens its database connection when it runs.
fn runs_task_worker(words: &[String]) -> bool {
    let program_at = |name: &str| {
        words.iter().position(|w| {
            w.rsplit('/')
                .next()
                .is_some_and(|p| p.eq_ignore_ascii_case(name))
        })
    };
    let has_after = |at: usize, subcommands: &[&str]| {
        words[at + 1..]
            .iter()
            .any(|w| subcommands.contains(&w.to_ascii_lowercase().as_str()))
    };
    program_at("celery").is_some_and(|at| has_after(at, &["worker", "flower"]))
        || program_at("rq").is_some_and(|at| has_after(at, &["worker"]))
}

/// Images of compilers and runtimes of languages backlint does not read: the JVM, .NET, Go,
/// Rust. An app built on one of them keeps its connection code where backlint cannot see
/// whether it retries.
const UNREAD_LANGUAGE_IMAGES: &[&str] = &[
    "openjdk",
    "eclipse-temurin",
    "amazoncorretto",
    "maven",
    "gradle",
    "tomcat",
    "jetty",
    "ibm-semeru-runtimes",
    "sapmachine",
    "dotnet/sdk",
    "dotnet/runtime",
    "dotnet/aspnet",
    "golang",
    "rust",
];

/// True when the service is built here by a Dockerfile whose stages start from a compiler or
/// runtime of a language backlint does not read (`openjdk`, `mcr.microsoft.com/dotnet/sdk`,
/// `golang`) and its build context holds no JavaScript, TypeScript or Python file: a Java,
/// C# or Go app, whose connection code may retry until the database answers (a retry loop,
/// Spring Retry), and nothing backlint reads says whether it does.
fn in_unread_language<'p>(topology: &Topology<'p>, service: &MergedService<'p>) -> bool {
    if service.build_paths().is_none() {
        return false;
    }
    let Some((_, dockerfile, _)) = topology.built_stage(service) else {
        return false;
    };
    let compiled = dockerfile.stages.iter().any(|stage| {
        let name = image_name(&stage.base).to_ascii_lowercase();
        UNREAD_LANGUAGE_IMAGES
            .iter()
            .any(|image| name == *image || name.ends_with(&format!("/{image}")))
    });
    compiled
        && !topology
            .build_context_files(service)
            .iter()
            .any(|(file, _)| {
                matches!(
                    file.kind,
                    FileKind::Js | FileKind::Ts | FileKind::Tsx | FileKind::Py
                )
            })
}

/// The fix that makes `part`'s service wait for `target` to be healthy: the condition
/// rewritten (long form) or the list rewritten to the long form, every other dependency kept
/// with `service_started` (what the short form means). Safe when `target` has a healthcheck;
/// when it surely has none and is an official PostgreSQL, MySQL or MariaDB image declared in
/// the same file, the fix also adds the image's usual healthcheck (unsafe: a new check of the
/// database's readiness that may need its credentials).
fn wait_for_health_fix<'p>(
    topology: &Topology<'p>,
    part: Part<'p>,
    dep: &Dependency,
    target: &MergedService<'p>,
) -> Option<Fix> {
    let file = part.file.display.clone();
    let condition = condition_edit(part, dep)?;
    if has_healthcheck(topology, target) {
        return Some(Fix::replace_in(
            Applicability::Safe,
            format!("wait for `{}` to be healthy", target.name),
            file,
            condition.0,
            condition.1,
        ));
    }
    if !lacks_healthcheck(topology, target) {
        return None;
    }
    let test = target
        .image()
        .filter(|i| is_library_image(i))
        .and_then(|i| healthcheck_test(&image_name(&i)))?;
    // The healthcheck goes into the target's definition in the same file.
    let declared = target
        .parts
        .iter()
        .find(|p| p.file.display == file && p.service.image.is_some())?;
    let at = declared.service.key_insertion.as_ref()?;
    let indent = " ".repeat(at.indent);
    let healthcheck = format!(
        "\n{indent}healthcheck:\n{indent}  test: {test}\n{indent}  interval: 5s\n{indent}  timeout: 5s\n{indent}  retries: 10"
    );
    Some(Fix::edits_in(
        Applicability::Unsafe,
        format!(
            "add a healthcheck to `{}` and wait for it to be healthy",
            target.name
        ),
        Some(file),
        [(at.offset..at.offset, healthcheck), condition],
    ))
}

/// The edit that sets `dep`'s condition to `service_healthy`: the written condition replaced
/// (long form), or the short-form list rewritten as the long form. `None` when the
/// `depends_on` cannot be rewritten without losing something (a comment inside, a flow map,
/// a name that would need quoting, a key not at the start of its line).
fn condition_edit(part: Part<'_>, dep: &Dependency) -> Option<(std::ops::Range<usize>, String)> {
    let span = part.service.depends_on_span.as_ref()?;
    if !span.short_form {
        return dep
            .condition_range
            .clone()
            .map(|range| (range, "service_healthy".to_string()));
    }
    let indent = " ".repeat(span.indent?);
    if span.has_comment {
        return None;
    }
    let mut text = String::from(":");
    for other in &part.service.depends_on {
        let plain = other
            .service
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.');
        if !plain {
            return None;
        }
        let condition = if other.service == dep.service {
            "service_healthy"
        } else {
            "service_started"
        };
        text.push_str(&format!(
            "\n{indent}  {}:\n{indent}    condition: {condition}",
            other.service
        ));
    }
    Some((span.rewrite.clone(), text))
}

/// True when the service surely has a healthcheck: in compose (its own or one it `extends`)
/// or a `HEALTHCHECK` in the Dockerfile it is built from.
fn has_healthcheck<'p>(topology: &Topology<'p>, target: &MergedService<'p>) -> bool {
    compose_healthcheck(topology, target)
        || built_image_healthcheck(topology, target).is_some_and(|(has_check, _)| has_check)
}

/// The usual readiness check of an official database image, over TCP so that the server the
/// image's entrypoint runs while it initialises (socket only) does not count as ready.
fn healthcheck_test(image: &str) -> Option<&'static str> {
    let name = image.rsplit('/').next().unwrap_or(image);
    match name {
        "postgres" => {
            Some(r#"["CMD-SHELL", "pg_isready -h 127.0.0.1 -U $${POSTGRES_USER:-postgres}"]"#)
        }
        "mysql" => Some(r#"["CMD", "mysqladmin", "ping", "-h", "127.0.0.1"]"#),
        "mariadb" => Some(r#"["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]"#),
        _ => None,
    }
}
