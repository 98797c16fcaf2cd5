//! The compose model read from the first YAML document, with port specs and `${VAR}`
//! interpolation of its values.

#![no_main]

use backlint::lang::compose::{self, ComposeFile, Spanned};
use backlint::lang::yaml;
use backlint::source::LineIndex;
use backlint_fuzz::{check_span, text};
use libfuzzer_sys::fuzz_target;

fn check_spanned(text: &str, s: &Spanned, what: &str) {
    check_span(text, &s.range, what);
}

fn check_model(text: &str, file: &ComposeFile) {
    let lookup = |name: &str| name.len().is_multiple_of(2).then(|| name.to_string());
    for service in &file.services {
        check_span(text, &service.name_range, "service name");
        for s in [&service.image, &service.container_name, &service.hostname]
            .into_iter()
            .chain([&service.network_mode])
            .flatten()
        {
            check_spanned(text, s, "service scalar");
            let _ = compose::interpolate(&s.value, &lookup);
        }
        if let Some(build) = &service.build {
            check_span(text, &build.range, "build");
        }
        for n in &service.networks {
            check_span(text, &n.range, "service network");
        }
        for p in &service.ports {
            check_span(text, &p.range, "port");
            if let Some(published) = &p.published {
                let _ = compose::interpolate(published, &lookup);
            }
        }
        for e in &service.expose {
            check_spanned(text, e, "expose");
            let _ = compose::parse_port_spec(&e.value, e.range.clone());
        }
        for c in [&service.command, &service.entrypoint]
            .into_iter()
            .flatten()
        {
            check_span(text, &c.range, "command");
            let _ = c.split_words();
        }
        for v in &service.environment {
            check_span(text, &v.key_range, "environment key");
            check_span(text, &v.value_range, "environment value");
            if let Some(value) = &v.value {
                let _ = compose::interpolate(value, &lookup);
            }
        }
        for f in &service.env_file {
            check_spanned(text, f, "env_file");
        }
        for d in &service.depends_on {
            check_span(text, &d.range, "depends_on");
        }
        if let Some(h) = &service.healthcheck {
            check_span(text, h, "healthcheck");
        }
        for m in &service.volumes {
            check_span(text, &m.range, "volume");
        }
    }
    for n in &file.networks {
        check_span(text, &n.range, "network");
    }
    for i in &file.includes {
        check_span(text, &i.range, "include");
        for p in &i.paths {
            check_spanned(text, p, "include path");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    // The raw input as a port spec and an interpolated value, as they are written in compose.
    let _ = compose::parse_port_spec(&text, 0..text.len());
    let _ = compose::interpolate(&text, &|name: &str| Some(name.to_string()));
    let lines = LineIndex::new(&text);
    let docs = yaml::parse(&text, &lines).unwrap_or_default();
    if let Some(doc) = docs.first() {
        let model = compose::model(doc, &text);
        check_model(&text, &model);
    }
});
