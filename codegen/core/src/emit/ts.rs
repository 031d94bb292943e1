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
    super::render_file(&ErrorsTs { v }, v.text_size() * 6 + 1024)
}

pub(super) fn write(v: &View<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    super::write_file(&ErrorsTs { v }, out)
}
