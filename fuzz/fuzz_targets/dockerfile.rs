//! The Dockerfile reader, and the stage queries rules ask of it.

#![no_main]

use backlint::lang::dockerfile::{self, Instruction};
use backlint_fuzz::{check_span, text};
use libfuzzer_sys::fuzz_target;

fn check_instruction(text: &str, i: &Instruction) {
    check_span(text, &i.range, "instruction");
    check_span(text, &i.args_range, "instruction arguments");
    let _ = i.words();
    if matches!(i.keyword.as_str(), "ENV" | "ARG" | "LABEL") {
        let _ = dockerfile::env_pairs(&i.args);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let file = dockerfile::parse(&text);
    for i in &file.global_args {
        check_instruction(&text, i);
    }
    for (index, stage) in file.stages.iter().enumerate() {
        check_span(&text, &stage.range, "stage");
        for i in &stage.instructions {
            check_instruction(&text, i);
        }
        let _ = file.lineage(index);
        let _ = file.env(index);
        let _ = file.last_in(index, "USER");
        for (_, range) in file.exposed_ports_in(index) {
            check_span(&text, &range, "exposed port");
        }
        let _ = file.target_index(stage.name.as_deref());
    }
    let _ = file.final_stage();
    let _ = file.target_index(None);
    let _ = file.last("CMD");
    let _ = file.exposed_ports();
});
