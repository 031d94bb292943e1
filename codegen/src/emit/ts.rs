//! The TypeScript module: `templates/errors.ts`.

use askama::Template;

use super::filters;
use super::View;

#[derive(Template)]
#[template(path = "errors.ts", escape = "none")]
struct ErrorsTs<'a, 'v> {
    v: &'v View<'a>,
}

pub(super) fn render(v: &View<'_>) -> askama::Result<String> {
    // askama drops the template's final line break; files end with one.
    let mut out = String::with_capacity(v.text_size() * 6 + 1024);
    ErrorsTs { v }.render_into(&mut out)?;
    out.push('\n');
    Ok(out)
}
