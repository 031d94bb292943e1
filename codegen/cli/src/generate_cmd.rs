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
///
/// One output is in memory at a time. `generate` makes the Rust file (a
/// `String` from `errgen::Config::generate`) first, so that its errors stop
/// the run before anything is staged, stages it and drops it, then renders
/// `errors.ts` and `openapi.yaml` straight into their temporary files.
/// `check` renders, compares and drops each file in turn, in the order
/// they are reported.
pub fn run(args: &GenerateArgs, check: bool) -> ExitCode {
    let Some((model, loaded)) = load_model(&args.spec) else {
        return ExitCode::from(1);
    };
    let command = command_line(args);
    let header = Header { command: command.clone(), sources: loaded.files.iter().map(|f| slashed(f)).collect() };
    // Only the file names were needed from here on.
    drop(loaded);
    let info = args.openapi.info();
    // Built only when rendered, so that it is not held beside the Rust file.
    let outputs = || emit::Outputs::new(&model, &header, &info);
    let mut paths: Vec<PathBuf> = emit::Output::ALL.iter().map(|o| args.out.join(o.file_name())).collect();
    paths.extend(args.rust.iter().cloned());
    let config = args.rust.as_ref().map(|_| {
        let mut config = errgen::Config::new();
        config.generated_by(command.clone()).serde(args.serde).http(args.http).axum(args.axum).format(args.format);
        config
    });
    if check {
        let rust = || -> Result<Option<String>, ExitCode> {
            let Some(config) = &config else { return Ok(None) };
            config.generate(&model).map(Some).map_err(|e| {
                eprintln!("{e}\nerror: nothing written");
                ExitCode::from(1)
            })
        };
        check_outputs(outputs, &paths, rust, &command)
    } else {
        write_outputs(outputs, &paths, config.as_ref().map(|config| (config, &model)))
    }
}

/// `check`: each output compared with its file in turn, then dropped.
fn check_outputs<'a>(
    outputs: impl FnOnce() -> emit::Outputs<'a>,
    paths: &[PathBuf],
    rust: impl FnOnce() -> Result<Option<String>, ExitCode>,
    command: &str,
) -> ExitCode {
    let mut check = write::Check::default();
    let mut compared = Ok(());
    let outputs = outputs();
    for (&output, path) in emit::Output::ALL.iter().zip(paths) {
        compared = match outputs.render(output) {
            Ok(contents) => check.file(path, &contents),
            Err(e) => Err(format!("error: cannot render the templates: {e}\n")),
        };
        if compared.is_err() {
            break;
        }
    }
    drop(outputs);
    if compared.is_ok() {
        match rust() {
            Ok(Some(contents)) => compared = check.file(&paths[emit::Output::ALL.len()], &contents),
            Ok(None) => {}
            Err(code) => return code,
        }
    }
    match compared.and_then(|()| check.finish(command)) {
        Ok(()) => {
            for path in paths {
                println!("fresh      {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(report) => {
            eprint!("{report}");
            ExitCode::from(1)
        }
    }
}

/// `generate`: each output staged as it is produced, all renamed at the end.
/// Stages the Rust file (written into its temporary file as it is
/// generated, so that it is never held whole: `rust` is the configuration
/// and the model), then `errors.ts` and `openapi.yaml`, then renames the
/// changed ones. A Rust file that cannot be generated is refused before it
/// writes a byte, so before any folder is created or locked; it stops the
/// run, and nothing is renamed.
fn write_outputs<'a>(
    outputs: impl FnOnce() -> emit::Outputs<'a>,
    paths: &[PathBuf],
    rust: Option<(&errgen::Config, &errgen::Model)>,
) -> ExitCode {
    set_interrupt_handler();
    let mut refused: Option<errgen::GenerateError> = None;
    let staged = (|| {
        let mut staging = write::Staging::new(paths.to_vec())?;
        if let Some((config, model)) = rust {
            staging.stage_with(&paths[emit::Output::ALL.len()], |out| {
                config.generate_into(model, out).map_err(|e| {
                    let text = e.to_string();
                    refused = Some(e);
                    std::io::Error::other(text)
                })
            })?;
        }
        let outputs = outputs();
        for (&output, path) in emit::Output::ALL.iter().zip(paths) {
            staging.stage_with(path, |out| outputs.write(output, out))?;
        }
        staging.finish()
    })();
    if let Some(e) = refused {
        eprintln!("{e}\nerror: nothing written");
        return ExitCode::from(1);
    }
    report_written(paths, staged)
}

/// SIGINT, SIGTERM, SIGHUP: this run's temporary files go with it.
fn set_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        write::remove_staged();
        eprintln!("error: interrupted: files being staged were removed");
        std::process::exit(130);
    });
}

/// One line per file written or unchanged, or the error.
fn report_written(paths: &[PathBuf], outcomes: std::io::Result<Vec<write::Outcome>>) -> ExitCode {
    match outcomes {
        Ok(outcomes) => {
            for (path, outcome) in paths.iter().zip(outcomes) {
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
        set_interrupt_handler();
        let paths: Vec<PathBuf> = files.iter().map(|(path, _)| path.clone()).collect();
        report_written(&paths, write::write_all(files))
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
