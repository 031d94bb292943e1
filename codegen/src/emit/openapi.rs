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
    // askama drops the template's final line break; files end with one.
    let mut out = String::with_capacity(v.text_size() * 3 + 1024);
    OpenApiYaml { v }.render_into(&mut out)?;
    out.push('\n');
    Ok(out)
}
