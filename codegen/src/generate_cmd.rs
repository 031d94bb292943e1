//! `errgen generate` and `errgen check`: render `errors.ts` and
//! `openapi.yaml` (and, with `--rust`, a Rust file) from the spec, and
//! write them (only when changed, atomically) or report how they differ
//! from what is on disk.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use errgen::emit::{self, Header};
use errgen::write;

use crate::SpecArgs;

/// The command that regenerates `generated/` with the defaults.
const BASE_COMMAND: &str = "cargo run -p errgen --features cli -- generate";
const DEFAULT_SPEC: &str = "spec";
const DEFAULT_OUT: &str = "generated";

/// Arguments of `errgen generate` and `errgen check`.
#[derive(Args, Clone)]
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
}

/// Runs `generate` (`check == false`) or `check`.
pub fn run(args: &GenerateArgs, check: bool) -> ExitCode {
    let loaded = errgen::load(&args.spec.spec);
    let errors = crate::report_problems(&loaded.diagnostics);
    let model = match loaded.model {
        Some(model) if !errors => model,
        _ => {
            eprintln!("error: nothing written: {}", errgen::diag::summary(&loaded.diagnostics));
            return ExitCode::from(1);
        }
    };
    let command = command_line(args);
    let header = Header { command: command.clone(), sources: loaded.files.iter().map(|f| slashed(f)).collect() };
    let rendered = match emit::render_all(&model, &header) {
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
            errgen::Config::new().generated_by(command.clone()).serde(args.serde).http(args.http).generate(&model);
        match generated {
            Ok(contents) => files.push((rust.clone(), contents)),
            Err(e) => {
                eprintln!("{e}\nerror: nothing written");
                return ExitCode::from(1);
            }
        }
    }
    if check {
        match write::check_all(&files, &command) {
            Ok(()) => {
                for (path, _) in &files {
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
        match write::write_all(&files) {
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

/// The `generate` command line for these arguments: the defaults are left
/// out, so `generated/` always names the same command.
fn command_line(args: &GenerateArgs) -> String {
    let mut command = BASE_COMMAND.to_owned();
    if args.spec.spec.len() != 1 || args.spec.spec[0] != Path::new(DEFAULT_SPEC) {
        for spec in &args.spec.spec {
            command.push_str(" --spec ");
            command.push_str(&shell_word(&slashed(spec)));
        }
    }
    if args.out != Path::new(DEFAULT_OUT) {
        command.push_str(" --out ");
        command.push_str(&shell_word(&slashed(&args.out)));
    }
    if let Some(rust) = &args.rust {
        command.push_str(" --rust ");
        command.push_str(&shell_word(&slashed(rust)));
        for (on, flag) in [(args.serde, " --serde"), (args.http, " --http")] {
            if on {
                command.push_str(flag);
            }
        }
    }
    command
}

fn slashed(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}

/// `word` quoted for a POSIX shell when it needs quoting.
fn shell_word(word: &str) -> String {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c)) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}
