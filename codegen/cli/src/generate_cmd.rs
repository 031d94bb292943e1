//! `errgen generate` and `errgen check`: render `errors.ts` and
//! `openapi.yaml` (and, with `--rust`, a Rust file) from the spec, and
//! write them (only when changed, atomically) or report how they differ
//! from what is on disk.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use errgen::emit::{self, Header};
use errgen_cli::write;

use crate::SpecArgs;

/// The command that regenerates the files, as an installed `errgen` runs
/// it (in errgen's own repository, `cargo run -p errgen-cli --`
/// stands for `errgen`).
const BASE_COMMAND: &str = "errgen generate";
const DEFAULT_OUT: &str = "generated";

/// Arguments of `errgen generate` and `errgen check`.
#[derive(Args, Clone)]
#[allow(clippy::struct_excessive_bools)] // one flag per option of `errgen::Config`
pub struct GenerateArgs {
    #[command(flatten)]
    spec: SpecArgs,
    /// Folder for errors.ts and openapi.yaml.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_OUT)]
    out: PathBuf,
    /// Also write the Rust error types (as `errgen::Config` generates them
    /// for build scripts) to FILE.
    #[arg(long, value_name = "FILE")]
    rust: Option<PathBuf>,
    /// With --rust: implement serde's Serialize and Deserialize.
    #[arg(long, requires = "rust")]
    serde: bool,
    /// With --rust: conversions to and from the `http` crate's `StatusCode`.
    #[arg(long, requires = "rust")]
    http: bool,
    /// With --rust: `axum::response::IntoResponse` for the error and status
    /// types (needs --serde: the body is JSON).
    #[arg(long, requires = "rust")]
    axum: bool,
    /// With --rust: format the file with prettyplease, as
    /// `errgen::Config::format(true)` does (default: errgen's own layout).
    #[arg(long, requires = "rust")]
    format: bool,
    #[command(flatten)]
    openapi: crate::openapi_cmd::InfoArgs,
}

/// Loads the spec and reports its problems; `None` (after saying that
/// nothing is written) when it has errors.
pub(crate) fn load_model(spec: &SpecArgs) -> Option<(errgen::Model, errgen::Loaded)> {
    let mut loaded = spec.load();
    let errors = crate::report_problems(&loaded.diagnostics);
    match loaded.model.take() {
        Some(model) if !errors => Some((model, loaded)),
        _ => {
            eprintln!("error: nothing written: {}", errgen::diag::summary(&loaded.diagnostics));
            None
        }
    }
}

/// Runs `generate` (`check == false`) or `check`.
pub fn run(args: &GenerateArgs, check: bool) -> ExitCode {
    let Some((model, loaded)) = load_model(&args.spec) else {
        return ExitCode::from(1);
    };
    let command = command_line(args);
    let header = Header { command: command.clone(), sources: loaded.files.iter().map(|f| slashed(f)).collect() };
    let rendered = match emit::render_all_with(&model, &header, &args.openapi.info()) {
        Ok(rendered) => rendered,
        Err(e) => {
            eprintln!("error: nothing written: cannot render the templates: {e}");
            return ExitCode::from(1);
        }
    };
    let mut files: Vec<(PathBuf, String)> =
        rendered.into_iter().map(|r| (args.out.join(r.file_name), r.contents)).collect();
    if let Some(rust) = &args.rust {
        let generated =
            errgen::Config::new()
                .generated_by(command.clone())
                .serde(args.serde)
                .http(args.http)
                .axum(args.axum)
                .format(args.format)
                .generate(&model);
        match generated {
            Ok(contents) => files.push((rust.clone(), contents)),
            Err(e) => {
                eprintln!("{e}\nerror: nothing written");
                return ExitCode::from(1);
            }
        }
    }
    write_or_check(&files, check, &command)
}

/// Writes `files` (each only when changed, atomically) and prints one line
/// per file, or with `check` writes nothing and reports how they differ,
/// naming `command` as the fix.
pub(crate) fn write_or_check(files: &[(PathBuf, String)], check: bool, command: &str) -> ExitCode {
    if check {
        match write::check_all(files, command) {
            Ok(()) => {
                for (path, _) in files {
                    println!("fresh      {}", path.display());
                }
                ExitCode::SUCCESS
            }
            Err(report) => {
                eprint!("{report}");
                ExitCode::from(1)
            }
        }
    } else {
        // SIGINT, SIGTERM, SIGHUP: this run's temporary files go with it.
        let _ = ctrlc::set_handler(|| {
            write::remove_staged();
            eprintln!("error: interrupted: files being staged were removed");
            std::process::exit(130);
        });
        match write::write_all(files) {
            Ok(outcomes) => {
                for ((path, _), outcome) in files.iter().zip(outcomes) {
                    println!("{:<10} {}", outcome.as_str(), path.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        }
    }
}

/// The `generate` command line for these arguments, every path named
/// relative to the working directory and normalised (`./spec` is `spec`),
/// so that it works from there on any machine and the same files always
/// name the same command.
fn command_line(args: &GenerateArgs) -> String {
    let mut command = BASE_COMMAND.to_owned();
    for spec in &args.spec.spec {
        command.push_str(" --spec ");
        command.push_str(&shell_word(&slashed(spec)));
    }
    command.push_str(" --out ");
    command.push_str(&shell_word(&slashed(&args.out)));
    if let Some(rust) = &args.rust {
        command.push_str(" --rust ");
        command.push_str(&shell_word(&slashed(rust)));
        for (on, flag) in [(args.serde, " --serde"), (args.http, " --http"), (args.axum, " --axum"), (args.format, " --format")] {
            if on {
                command.push_str(flag);
            }
        }
    }
    args.openapi.push_flags(&mut command, shell_word);
    command
}

fn slashed(path: &Path) -> String {
    errgen::shown_path(path)
}

/// `word` quoted for a POSIX shell when it needs quoting.
pub(crate) fn shell_word(word: &str) -> String {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c)) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}
