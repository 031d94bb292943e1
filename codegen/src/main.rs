//! The `errgen` command-line tool.

mod generate_cmd;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

mod diff_cmd;
mod merge_cmd;
mod openapi_cmd;

/// Generate typed errors from Markdown error documentation.
#[derive(Parser)]
#[command(name = "errgen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct SpecArgs {
    /// Spec folder or Markdown file; may repeat.
    #[arg(long = "spec", value_name = "PATH", default_value = "spec")]
    spec: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Write errors.ts and openapi.yaml from the spec, each only when its
    /// content changed.
    Generate(generate_cmd::GenerateArgs),
    /// Write nothing; exit 1 with a diff when `generate` would change a file.
    Check(generate_cmd::GenerateArgs),
    /// Print the error model as JSON.
    Model {
        #[command(flatten)]
        spec: SpecArgs,
    },
    /// Check the spec and print its diagnostics.
    Lint {
        #[command(flatten)]
        spec: SpecArgs,
        /// Exit 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Compare two versions of a spec; classify each change for Rust and
    /// wire clients.
    Diff(diff_cmd::DiffArgs),
    /// Work with OpenAPI documents (`merge`).
    #[command(subcommand)]
    Openapi(merge_cmd::OpenApiCommand),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        Command::Generate(args) => generate_cmd::run(&args, false),
        Command::Check(args) => generate_cmd::run(&args, true),
        Command::Model { spec } => model(&spec),
        Command::Lint { spec, deny_warnings } => lint(&spec, deny_warnings),
        Command::Diff(args) => diff_cmd::run(&args),
        Command::Openapi(command) => merge_cmd::run(&command),
    }
}

/// Prints diagnostics to stderr (coloured on a terminal) and says whether
/// any of them was an error.
fn report(diagnostics: &[errgen::Diagnostic]) -> bool {
    let color = std::io::stderr().is_terminal();
    let _ = write!(anstream::stderr(), "{}", errgen::diag::render_all(diagnostics, color));
    errgen::diag::has_errors(diagnostics)
}

/// [`report`] for commands other than `lint`: errors and warnings only,
/// since notes explain choices a writer asks about with `lint`.
fn report_problems<'a>(diagnostics: impl IntoIterator<Item = &'a errgen::Diagnostic>) -> bool {
    let shown: Vec<errgen::Diagnostic> =
        diagnostics.into_iter().filter(|d| d.severity != errgen::Severity::Note).cloned().collect();
    report(&shown)
}

fn model(spec: &SpecArgs) -> ExitCode {
    let loaded = errgen::load(&spec.spec);
    report_problems(&loaded.diagnostics);
    let Some(model) = loaded.model else {
        eprintln!("error: could not build the model: {}", errgen::diag::summary(&loaded.diagnostics));
        return ExitCode::from(1);
    };
    match serde_json::to_string_pretty(&model) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write the model as JSON: {e}");
            ExitCode::from(1)
        }
    }
}

fn lint(spec: &SpecArgs, deny_warnings: bool) -> ExitCode {
    let loaded = errgen::load(&spec.spec);
    let errors = report(&loaded.diagnostics);
    let warnings = loaded.diagnostics.iter().any(|d| d.severity == errgen::Severity::Warning);
    if !loaded.diagnostics.is_empty() {
        eprintln!("{}: {}", if errors { "error" } else { "lint" }, errgen::diag::summary(&loaded.diagnostics));
    }
    if errors || (deny_warnings && warnings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
