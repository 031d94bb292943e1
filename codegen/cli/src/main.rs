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
    /// Read every table column headed HEADER in the role ROLE (code, name,
    /// status, message, description, retryable, success, extra); may repeat.
    #[arg(long = "column", value_name = "ROLE=HEADER", value_parser = column_mapping)]
    columns: Vec<(errgen::Role, String)>,
}

impl SpecArgs {
    /// Loads the spec with the column mapping given.
    fn load(&self) -> errgen::Loaded {
        errgen::load_with(&self.spec, &errgen::ReadOptions { columns: self.columns.clone() })
    }
}

/// Parses `--column ROLE=HEADER`.
fn column_mapping(value: &str) -> Result<(errgen::Role, String), String> {
    let (role, header) = value.split_once('=').ok_or_else(|| format!("`{value}` is not ROLE=HEADER"))?;
    let role = errgen::Role::from_name(role.trim())
        .ok_or_else(|| format!("unknown column role `{role}`; roles are code, name, status, message, description, retryable, success, extra"))?;
    let header = header.trim().trim_matches('"');
    if header.is_empty() {
        return Err(format!("`{value}` names no column header"));
    }
    Ok((role, header.to_owned()))
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
        /// Also print how each table was read: its kind, each column's
        /// role, and where statuses and retryability came from.
        #[arg(long)]
        explain: bool,
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
        Command::Lint { spec, deny_warnings, explain } => lint(&spec, deny_warnings, explain),
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
/// since notes explain choices a writer asks about with `lint`; but when
/// there are errors, the notes too, since they may explain them.
fn report_problems<'a>(diagnostics: impl IntoIterator<Item = &'a errgen::Diagnostic>) -> bool {
    let all: Vec<&errgen::Diagnostic> = diagnostics.into_iter().collect();
    let failed = all.iter().any(|d| d.is_error());
    let shown: Vec<errgen::Diagnostic> =
        all.into_iter().filter(|d| failed || d.severity != errgen::Severity::Note).cloned().collect();
    report(&shown)
}

fn model(spec: &SpecArgs) -> ExitCode {
    let loaded = spec.load();
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

fn lint(spec: &SpecArgs, deny_warnings: bool, explain: bool) -> ExitCode {
    let loaded = spec.load();
    if explain {
        print!("{}", errgen::explain(&loaded.readings));
    }
    let errors = report(&loaded.diagnostics);
    let warnings = loaded.diagnostics.iter().any(|d| d.severity == errgen::Severity::Warning);
    if loaded.diagnostics.is_empty() {
        let files = loaded.files.len();
        eprintln!("lint: clean: {files} file{} read, no errors, no warnings", if files == 1 { "" } else { "s" });
    } else {
        eprintln!("{}: {}", if errors { "error" } else { "lint" }, errgen::diag::summary(&loaded.diagnostics));
    }
    if errors || (deny_warnings && warnings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
