//! The `dechrome` command: the CLI definition and glue over the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
