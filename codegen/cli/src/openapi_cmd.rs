//! The `OpenAPI` fragment's options for `errgen generate`/`check`
//! (`--title`, `--api-version`, `--license`, `--server`).

use std::fmt::Write as _;

use clap::Args;
use errgen::emit::{License, LicenseId, OpenApiInfo};

/// Document metadata of `openapi.yaml`; each defaults to what errgen
/// writes without it.
#[derive(Args, Clone, Default)]
pub struct InfoArgs {
    /// `info.title` of openapi.yaml [default: API error responses].
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// `info.version` of openapi.yaml [default: the model version].
    #[arg(long, value_name = "VERSION")]
    api_version: Option<String>,
    /// `info.license.name` of openapi.yaml [default: none].
    #[arg(long, value_name = "NAME")]
    license: Option<String>,
    /// With --license: its SPDX identifier (`info.license.identifier`).
    #[arg(long, value_name = "SPDX", requires = "license", conflicts_with = "license_url")]
    license_id: Option<String>,
    /// With --license: the URL of its text (`info.license.url`).
    #[arg(long, value_name = "URL", requires = "license")]
    license_url: Option<String>,
    /// A `servers[].url` of openapi.yaml; may repeat [default: /].
    #[arg(long = "server", value_name = "URL")]
    servers: Vec<String>,
}

impl InfoArgs {
    /// The metadata these options give.
    pub fn info(&self) -> OpenApiInfo {
        let default = OpenApiInfo::default();
        OpenApiInfo {
            title: self.title.clone().unwrap_or(default.title),
            version: self.api_version.clone(),
            license: self.license.clone().map(|name| License {
                name,
                id: match (&self.license_id, &self.license_url) {
                    (Some(id), _) => Some(LicenseId::Spdx(id.clone())),
                    (None, Some(url)) => Some(LicenseId::Url(url.clone())),
                    (None, None) => None,
                },
            }),
            servers: self.servers.clone(),
        }
    }

    /// The options as command-line words, in a fixed order, for the
    /// `@generated` header (`word` quotes one for a shell).
    pub fn push_flags(&self, command: &mut String, word: impl Fn(&str) -> String) {
        let single = [
            ("--title", &self.title),
            ("--api-version", &self.api_version),
            ("--license", &self.license),
            ("--license-id", &self.license_id),
            ("--license-url", &self.license_url),
        ];
        for (flag, value) in single {
            if let Some(value) = value {
                let _ = write!(command, " {flag} {}", word(value));
            }
        }
        for server in &self.servers {
            let _ = write!(command, " --server {}", word(server));
        }
    }
}
