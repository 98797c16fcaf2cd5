use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: backlint::allocator::MiMalloc = backlint::allocator::MiMalloc;

fn main() -> ExitCode {
    backlint::allocator::install_for_tree_sitter();
    let status = backlint::cli::run(std::env::args_os().collect());
    ExitCode::from(u8::try_from(status.code()).unwrap_or(2))
}
