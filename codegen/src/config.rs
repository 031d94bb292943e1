//! [`Config`]: generating Rust from a spec, from a build script or a tool.
//!
//! [`Config::generate`] is pure (a model in, the file's text out);
//! [`Config::compile`] is the build-script entry point that reads the spec,
//! talks to Cargo and writes into `OUT_DIR`.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Severity};
use crate::model::Model;
use crate::rust::{Settings, TypeNames};

/// Builder for generating Rust error types from Markdown error documentation.
///
/// Setters take `&mut self` and return it, so calls chain; nothing happens
/// until [`Config::generate`] or [`Config::compile`].
///
/// # Example
///
/// In a build script (`build.rs`), with the spec in the crate's `spec/`
/// folder:
///
/// ```no_run
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     errgen::Config::new().spec("spec").serde(true).compile()?;
///     Ok(())
/// }
/// ```
///
/// and in the crate:
///
/// ```text
/// include!(concat!(env!("OUT_DIR"), "/errors.rs"));
/// ```
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // one switch per option, as its setters
pub struct Config {
    specs: Vec<PathBuf>,
    file_name: String,
    out_dir: Option<PathBuf>,
    generated_by: String,
    serde: bool,
    http: bool,
    axum: bool,
    format: bool,
    names: TypeNames,
    read: crate::ReadOptions,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            specs: Vec::new(),
            file_name: "errors.rs".to_owned(),
            out_dir: None,
            generated_by: "errgen::Config::compile (build.rs)".to_owned(),
            serde: false,
            http: false,
            axum: false,
            format: false,
            names: TypeNames::default(),
            read: crate::ReadOptions::default(),
        }
    }
}

impl Config {
    /// A configuration with the defaults: no spec paths yet, output file
    /// `errors.rs`, serde and http integration off, and the type names
    /// `ErrorCode`, `Error`, `HttpStatus`, `ErrorBody`, `UnknownErrorCode`
    /// and `Outcome`.
    ///
    /// ```
    /// let config = errgen::Config::new();
    /// # let _ = config;
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a spec path: a folder (every `*.md` under it, recursively) or a
    /// Markdown file. May be called more than once; all paths form one
    /// model. Relative paths are relative to the crate's root when run from
    /// a build script.
    ///
    /// ```
    /// errgen::Config::new().spec("spec").spec("extra/errors.md");
    /// ```
    pub fn spec(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.specs.push(path.as_ref().to_path_buf());
        self
    }

    /// Reads every table column headed `header` in the role `role`, for
    /// headers the vocabulary does not know (the README lists it). A
    /// table's own `<!-- errgen: columns … -->` directive wins.
    ///
    /// ```
    /// errgen::Config::new().spec("spec").column(errgen::Role::Code, "Fehlercode");
    /// ```
    pub fn column(&mut self, role: crate::Role, header: impl Into<String>) -> &mut Self {
        self.read.columns.push((role, header.into()));
        self
    }

    /// The name of the file written into `OUT_DIR` (default `errors.rs`):
    /// a plain file name, so that nothing is written outside `OUT_DIR`.
    ///
    /// ```
    /// errgen::Config::new().spec("spec").file_name("api_errors.rs");
    /// ```
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = name.into();
        self
    }

    /// Writes into this folder instead of the `OUT_DIR` Cargo gives build
    /// scripts.
    ///
    /// ```
    /// errgen::Config::new().spec("spec").out_dir("target/errgen");
    /// ```
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The command named in the file's `@generated` header (default
    /// `errgen::Config::compile (build.rs)`).
    ///
    /// ```
    /// errgen::Config::new().generated_by("errgen generate --rust src/errors.rs");
    /// ```
    pub fn generated_by(&mut self, command: impl Into<String>) -> &mut Self {
        self.generated_by = command.into();
        self
    }

    /// Whether to implement serde's `Serialize` and `Deserialize` (default
    /// off). Codes serialize as their wire string, errors as the JSON error
    /// body. The crate then needs `serde` with its `derive` feature.
    ///
    /// ```
    /// errgen::Config::new().serde(true);
    /// ```
    pub fn serde(&mut self, enabled: bool) -> &mut Self {
        self.serde = enabled;
        self
    }

    /// Whether to add the `http` crate's types (default off):
    /// `http::StatusCode` accessors, and `Outcome::from_http_response`,
    /// which classifies a whole `http::Response<B>` (`B: AsRef<[u8]>`, as
    /// reqwest, hyper or ureq bodies collected into bytes are): it reads
    /// the error body where the status carries one, keeps a body that is not
    /// the documented JSON as text, and takes the server's `Retry-After`.
    /// The crate then needs `http` (version 1) and `httpdate` (version 1,
    /// for `Retry-After` dates); where the spec has codes,
    /// `from_http_response` is generated only with [`Config::serde`] too,
    /// and reads the body with `serde_json` (version 1), which the crate
    /// then needs as well.
    ///
    /// ```
    /// errgen::Config::new().http(true);
    /// ```
    pub fn http(&mut self, enabled: bool) -> &mut Self {
        self.http = enabled;
        self
    }

    /// Whether to implement `axum::response::IntoResponse` (default off),
    /// so that a handler returns `Result<_, Error>`: the error becomes its
    /// documented status (500 Internal Server Error for an unknown code or
    /// one the documentation gives no status) with the JSON error body, field
    /// names as the spec gives them, `Content-Type: application/json`; a
    /// status of the status table becomes a response with that status and
    /// no body. The crate then needs `axum` (version 0.8, with its default
    /// `json` feature). The body is written by serde, so this needs
    /// [`Config::serde`] too: [`Config::generate`] fails with axum on and
    /// serde off, saying so.
    ///
    /// ```
    /// errgen::Config::new().serde(true).axum(true);
    /// ```
    pub fn axum(&mut self, enabled: bool) -> &mut Self {
        self.axum = enabled;
        self
    }

    /// Whether to format the file with prettyplease (default off). Without
    /// it the file is in errgen's own layout: four-space indentation, one
    /// item, variant, field and `match` arm per line, lines within 100
    /// columns except where one string literal or name is longer. Needs
    /// errgen's feature `format` (which compiles syn and prettyplease);
    /// without the feature, [`Config::generate`] fails when this is on.
    ///
    /// ```
    /// errgen::Config::new().format(cfg!(feature = "format"));
    /// ```
    pub fn format(&mut self, enabled: bool) -> &mut Self {
        self.format = enabled;
        self
    }

    /// The name of the enum of documented codes (default `ErrorCode`).
    ///
    /// ```
    /// errgen::Config::new().code_type_name("ApiErrorCode");
    /// ```
    pub fn code_type_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.names.code = name.into();
        self
    }

    /// The name of the error value enum, one variant per code with the
    /// message parameters as fields (default `Error`).
    ///
    /// ```
    /// errgen::Config::new().error_type_name("ApiError");
    /// ```
    pub fn error_type_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.names.error = name.into();
        self
    }

    /// The name of the enum of the status table (default `HttpStatus`).
    ///
    /// ```
    /// errgen::Config::new().status_type_name("ApiStatus");
    /// ```
    pub fn status_type_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.names.status = name.into();
        self
    }

    /// The name of the wire body struct (default `ErrorBody`).
    ///
    /// ```
    /// errgen::Config::new().body_type_name("ApiErrorBody");
    /// ```
    pub fn body_type_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.names.body = name.into();
        self
    }

    /// The name of the error returned when parsing an unknown code
    /// (default `UnknownErrorCode`).
    ///
    /// ```
    /// errgen::Config::new().unknown_code_type_name("UnknownApiErrorCode");
    /// ```
    pub fn unknown_code_type_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.names.unknown = name.into();
        self
    }

    /// The name of the retry decision type (default `Outcome`).
    ///
    /// ```
    /// errgen::Config::new().outcome_type_name("RetryDecision");
    /// ```
    pub fn outcome_type_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.names.outcome = name.into();
        self
    }

    /// What the Rust emitter needs from this configuration.
    pub(crate) fn settings(&self) -> Settings {
        let specs: Vec<String> = self.specs.iter().map(|p| crate::shown_path(p)).collect();
        let from = if specs.is_empty() { String::new() } else { format!(" from {}", specs.join(", ")) };
        Settings {
            serde: self.serde,
            http: self.http,
            axum: self.axum,
            format: self.format,
            header: format!("@generated by {}{from}. DO NOT EDIT.", self.generated_by),
            names: self.names.clone(),
        }
    }

    /// The generated Rust file for `model`, with its `@generated` header
    /// (formatted by prettyplease with [`Config::format`]). Pure: no IO, and the same model and
    /// configuration always give the same bytes.
    ///
    /// # Errors
    ///
    /// When a type name is not a usable identifier, two type names are the
    /// same, two codes become the same Rust name, the model has neither codes
    /// nor statuses, [`Config::axum`] is on without [`Config::serde`], or
    /// [`Config::format`] is on without the feature `format`.
    ///
    /// ```
    /// let spec = "# Errors\n\n<!-- errgen: status=404 -->\n\n| code | message |\n| --- | --- |\n| NOT_FOUND | Not found |\n";
    /// let (model, _diagnostics) = errgen::from_sources(vec![("errors.md".to_owned(), spec.to_owned())]);
    /// let rust = errgen::Config::new().generate(&model.unwrap()).unwrap();
    /// assert!(rust.starts_with("// @generated by "));
    /// assert!(rust.contains("pub enum ErrorCode"));
    /// ```
    pub fn generate(&self, model: &Model) -> Result<String, GenerateError> {
        crate::rust::generate(model, &self.settings()).map_err(GenerateError::message)
    }

    /// [`Config::generate`], written into `out` as it is generated: the
    /// same bytes, without holding the whole file (with [`Config::format`]
    /// it is held, to be formatted). `errgen generate --rust` writes its
    /// temporary file this way.
    ///
    /// # Errors
    ///
    /// As [`Config::generate`], before anything is written; and the first
    /// error `out` gives, after which nothing more is written.
    ///
    /// ```
    /// let spec = "# Errors\n\n<!-- errgen: status=404 -->\n\n| code | message |\n| --- | --- |\n| NOT_FOUND | Not found |\n";
    /// let (model, _diagnostics) = errgen::from_sources(vec![("errors.md".to_owned(), spec.to_owned())]);
    /// let model = model.unwrap();
    /// let mut out = Vec::new();
    /// errgen::Config::new().generate_into(&model, &mut out).unwrap();
    /// assert_eq!(out, errgen::Config::new().generate(&model).unwrap().into_bytes());
    /// ```
    pub fn generate_into(&self, model: &Model, out: &mut dyn Write) -> Result<(), GenerateError> {
        match crate::rust::generate_into(model, &self.settings(), out) {
            Ok(written) => written.map_err(|e| GenerateError::message(format!("cannot write the Rust file: {e}"))),
            Err(why) => Err(GenerateError::message(why)),
        }
    }

    /// Reads the spec and generates from it: the file's text, with the
    /// warnings found on the way.
    fn load_and_generate(&self) -> (Result<String, GenerateError>, crate::Loaded) {
        let loaded = crate::load_with(&self.specs, &self.read);
        let result = match &loaded.model {
            Some(model) if !loaded.has_errors() => self.generate(model),
            _ => Err(GenerateError::diagnostics(&loaded.diagnostics)),
        };
        (result, loaded)
    }

    /// The build-script entry point: reads the spec, generates, and writes
    /// `OUT_DIR/<file name>` if its content changed (an unchanged file keeps
    /// its modification time). Prints `cargo:rerun-if-changed` for every
    /// spec folder and file read, and each warning as a `cargo:warning=`
    /// line naming the file and line.
    ///
    /// # Errors
    ///
    /// When the spec has errors (the error renders them rustc style, with
    /// `file:line:col`), `OUT_DIR` is not set and no [`Config::out_dir`] was
    /// given, or the file cannot be written.
    ///
    /// ```no_run
    /// // build.rs
    /// fn main() -> Result<(), Box<dyn std::error::Error>> {
    ///     errgen::Config::new().spec("spec").compile()?;
    ///     Ok(())
    /// }
    /// ```
    pub fn compile(&self) -> Result<(), GenerateError> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => match std::env::var_os("OUT_DIR") {
                Some(dir) => PathBuf::from(dir),
                None => {
                    return Err(GenerateError::message(
                        "OUT_DIR is not set: call `compile` from a build script, or set `out_dir`",
                    ))
                }
            },
        };
        let stdout = std::io::stdout();
        self.compile_into(&out_dir, &mut stdout.lock()).map(|_| ())
    }

    /// [`Config::compile`] with the folder and the stream for Cargo's
    /// directives given; says whether the file was (re)written.
    fn compile_into(&self, out_dir: &Path, cargo: &mut dyn Write) -> Result<bool, GenerateError> {
        let mut parts = Path::new(&self.file_name).components();
        if !matches!((parts.next(), parts.next()), (Some(std::path::Component::Normal(_)), None)) {
            return Err(GenerateError::message(format!(
                "file name `{}` is not a plain file name: the output goes into OUT_DIR itself",
                self.file_name
            )));
        }
        let (result, loaded) = self.load_and_generate();
        let io = |e: std::io::Error| GenerateError::message(format!("cannot write Cargo directives: {e}"));
        for path in loaded.folders.iter().chain(&loaded.files) {
            writeln!(cargo, "cargo:rerun-if-changed={}", path.display()).map_err(io)?;
        }
        for d in loaded.diagnostics.iter().filter(|d| d.severity == Severity::Warning) {
            writeln!(cargo, "cargo:warning={}", one_line(d)).map_err(io)?;
        }
        let text = result?;
        let path = out_dir.join(&self.file_name);
        write_if_changed(&path, &text)
            .map_err(|e| GenerateError::message(format!("cannot write `{}`: {e}", path.display())))
    }
}

/// A warning as one line: `file:line:col: message (help: …)`. Cargo puts
/// `warning: crate@version: ` before it, so the line names the severity
/// once.
fn one_line(d: &Diagnostic) -> String {
    let at = d.labels.first().map(|l| format!("{}: ", l.source));
    let help = d.help.as_ref().map(|h| format!(" (help: {h})"));
    let out = format!("{}{}{}", at.unwrap_or_default(), d.message, help.unwrap_or_default());
    out.replace(['\n', '\r'], " ")
}

/// Writes `contents` to `path` unless the file already holds exactly that,
/// so that an unchanged file keeps its modification time. Returns whether
/// it wrote. (The CLI's `errgen::write` also writes atomically, but needs
/// `tempfile`, which build scripts should not compile.)
fn write_if_changed(path: &Path, contents: &str) -> std::io::Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, contents)?;
    Ok(true)
}

/// Why no Rust was generated: the spec's rendered diagnostics, or a
/// sentence. `Debug` shows the same text as `Display`, so that a build
/// script's `main` returning it prints readable diagnostics.
pub struct GenerateError {
    text: String,
    diagnostics: Vec<Diagnostic>,
}

impl GenerateError {
    fn message(text: impl fmt::Display) -> Self {
        GenerateError { text: format!("error: {text}"), diagnostics: Vec::new() }
    }

    fn diagnostics(diagnostics: &[Diagnostic]) -> Self {
        let mut text = String::new();
        for d in diagnostics.iter().filter(|d| d.severity != Severity::Note) {
            text.push_str(&d.to_string());
            text.push_str("\n\n");
        }
        text.push_str("error: could not generate Rust: ");
        text.push_str(&crate::diag::summary(diagnostics));
        GenerateError { text, diagnostics: diagnostics.to_vec() }
    }

    /// The spec's diagnostics, when those are the reason (empty otherwise).
    #[must_use]
    pub fn spec_diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{}", self.text)
    }
}

impl std::error::Error for GenerateError {}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "# Errors\n\n<!-- errgen: status=404 -->\n\n| code | message |\n| --- | --- |\n| NOT_FOUND | Not found |\n";

    fn model() -> Model {
        let (model, diagnostics) = crate::from_sources(vec![("errors.md".to_owned(), SPEC.to_owned())]);
        model.unwrap_or_else(|| panic!("{diagnostics:?}"))
    }

    /// A fresh folder under the system's temp folder.
    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("errgen-config-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn generate_is_deterministic_and_names_the_command() {
        let mut config = Config::new();
        config.spec("spec").generated_by("my-tool");
        let a = config.generate(&model()).unwrap();
        let b = config.generate(&model()).unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with("// @generated by my-tool from spec. DO NOT EDIT.\n"), "{a}");
        assert!(!a.contains("#!["), "no inner attributes");
    }

    #[test]
    fn type_names_are_renamed_and_checked() {
        let mut config = Config::new();
        config.code_type_name("ApiCode").error_type_name("ApiError");
        let text = config.generate(&model()).unwrap();
        assert!(text.contains("pub enum ApiCode"));
        assert!(text.contains("pub enum ApiError"));
        assert!(!text.contains("enum ErrorCode"));
        for bad in ["", "type", "Self", "lower", "Two Words", "Outcome"] {
            let mut config = Config::new();
            config.code_type_name(bad);
            assert!(config.generate(&model()).is_err(), "`{bad}` accepted");
        }
    }

    #[test]
    fn options_switch_serde_and_http() {
        let plain = Config::new().generate(&model()).unwrap();
        assert!(!plain.contains("serde") && !plain.contains("http::"));
        let full = Config::new().serde(true).http(true).generate(&model()).unwrap();
        assert!(full.contains("::serde::Serialize") && full.contains("::http::StatusCode"));
    }

    #[test]
    fn compile_writes_only_on_change_and_tells_cargo() {
        let dir = temp("compile");
        let spec = dir.join("spec");
        std::fs::create_dir_all(&spec).unwrap();
        std::fs::write(spec.join("errors.md"), SPEC).unwrap();
        let out = dir.join("out");
        let mut config = Config::new();
        config.spec(&spec);
        let mut cargo = Vec::new();
        assert!(config.compile_into(&out, &mut cargo).unwrap());
        let cargo = String::from_utf8(cargo).unwrap();
        let lines: Vec<&str> = cargo.lines().collect();
        assert_eq!(
            lines[..2],
            [
                format!("cargo:rerun-if-changed={}", spec.display()),
                format!("cargo:rerun-if-changed={}", spec.join("errors.md").display())
            ]
        );
        assert!(lines[2..].iter().all(|l| l.starts_with("cargo:warning=")), "{cargo}");
        let written = out.join("errors.rs");
        let first = std::fs::metadata(&written).unwrap().modified().unwrap();
        assert!(!config.compile_into(&out, &mut Vec::new()).unwrap(), "unchanged content is not rewritten");
        assert_eq!(std::fs::metadata(&written).unwrap().modified().unwrap(), first);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_typo_in_a_header_reaches_the_build_as_a_cargo_warning() {
        let dir = temp("typo");
        let file = dir.join("errors.md");
        let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed/error-response.md")).unwrap();
        std::fs::write(&file, seed.replacen("| code                    | message", "| cdoe                    | message", 1)).unwrap();
        let mut cargo = Vec::new();
        Config::new().spec(&file).compile_into(&dir, &mut cargo).unwrap();
        let cargo = String::from_utf8(cargo).unwrap();
        let warning = cargo.lines().find(|l| l.contains("cdoe")).unwrap_or_else(|| panic!("no warning names `cdoe`:\n{cargo}"));
        assert!(warning.starts_with(&format!("cargo:warning={}:43:3:", file.display())), "{warning}");
        assert!(warning.contains("did you mean `code`?"), "{warning}");
        // Cargo shows it as `warning: crate@0.1.0: file:43:3: …`: the
        // severity once, the problem once.
        assert!(!warning.contains("warning:"), "{warning}");
        assert_eq!(cargo.lines().filter(|l| l.contains("cdoe")).count(), 1, "{cargo}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_spec_wide_column_mapping_reads_an_unknown_header() {
        let dir = temp("columns");
        let file = dir.join("errors.md");
        std::fs::write(&file, "# Fehler\n\n| Fehlercode | Text |\n|-|-|\n| F1 | Weg |\n").unwrap();
        let err = Config::new().spec(&file).compile_into(&dir, &mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("no error codes or statuses"), "{err}");
        let mut config = Config::new();
        config.spec(&file).column(crate::Role::Code, "Fehlercode").column(crate::Role::Message, "Text");
        assert!(config.compile_into(&dir, &mut Vec::new()).unwrap());
        assert!(std::fs::read_to_string(dir.join("errors.rs")).unwrap().contains("\"F1\""));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn compile_reports_warnings_with_their_line_and_fails_on_errors() {
        let dir = temp("diagnostics");
        let file = dir.join("errors.md");
        let warn = format!("{SPEC}\n| HTTP Status | HTTP Code | Description |\n| --- | --- | --- |\n| 405 | | Nope |\n");
        std::fs::write(&file, warn).unwrap();
        let mut cargo = Vec::new();
        Config::new().spec(&file).compile_into(&dir, &mut cargo).unwrap();
        let cargo = String::from_utf8(cargo).unwrap();
        let shown = file.display().to_string();
        assert!(cargo.contains(&format!("cargo:warning={shown}:11:")), "{cargo}");
        std::fs::write(&file, "# Nothing here\n").unwrap();
        let mut cargo = Vec::new();
        let err = Config::new().spec(&file).compile_into(&dir, &mut cargo).unwrap_err();
        assert!(err.to_string().contains("error"), "{err}");
        assert_eq!(format!("{err:?}").trim(), err.to_string().trim());
        assert!(String::from_utf8(cargo).unwrap().contains("cargo:rerun-if-changed="));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_file_name_cannot_leave_out_dir() {
        let dir = temp("file-name");
        std::fs::write(dir.join("errors.md"), SPEC).unwrap();
        for bad in ["../errors.rs", "/tmp/errors.rs", "sub/errors.rs", "", "."] {
            let err = Config::new().spec(dir.join("errors.md")).file_name(bad).compile_into(&dir, &mut Vec::new());
            assert!(err.is_err(), "`{bad}` accepted");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_paths_are_never_named_to_cargo() {
        let mut cargo = Vec::new();
        let missing = std::env::temp_dir().join("errgen-no-such-spec-folder");
        let err = Config::new().spec(&missing).compile_into(&std::env::temp_dir(), &mut cargo).unwrap_err();
        assert!(cargo.is_empty(), "{}", String::from_utf8_lossy(&cargo));
        assert!(err.to_string().contains("cannot read spec path"), "{err}");
    }
}
