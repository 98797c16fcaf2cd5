use std::process::ExitCode;

fn main() -> ExitCode {
    let status = backlint::cli::run(std::env::args_os().collect());
    ExitCode::from(u8::try_from(status.code()).unwrap_or(2))
}
