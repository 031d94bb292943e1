//! The `OpenAPI` 3.1 fragment: `templates/openapi.yaml`.

use askama::Template;

use super::filters;
use super::View;

#[derive(Template)]
#[template(path = "openapi.yaml", escape = "none")]
struct OpenApiYaml<'a, 'v> {
    v: &'v View<'a>,
}

pub(super) fn render(v: &View<'_>) -> askama::Result<String> {
    super::render_file(&OpenApiYaml { v }, v.text_size() * 3 + 16 * 1024)
}

pub(super) fn write(v: &View<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    super::write_file(&OpenApiYaml { v }, out)
}
