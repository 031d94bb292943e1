//! Property tests: random models with hostile Unicode text and arbitrary
//! code names survive being written as Markdown and parsed back.
//!
//! The writer (`support/mdwriter.rs`) documents how each character is
//! encoded and the one thing Markdown cannot carry (white space around the
//! lines of a cell: README rule 3). Runs 256 cases in a few seconds;
//! `PROPTEST_CASES=5000 cargo test --test props` for a longer search.

mod support;

use errgen::model::Model;
use proptest::prelude::*;
use support::mdwriter::{self, normalize};
use support::strategies::{model, outside_model, text};

fn round_trip(model: &Model) -> Result<(), TestCaseError> {
    let (md, expected) = mdwriter::write(model, "spec/t.md");
    let (parsed, diags) = errgen::from_sources(vec![("spec/t.md".to_owned(), md.clone())]);
    let Some(parsed) = parsed else {
        return Err(TestCaseError::fail(format!(
            "written spec does not parse:\n{}\n--- spec ---\n{md}",
            errgen::diag::render_all(&diags, false)
        )));
    };
    prop_assert_eq!(&parsed, &expected, "--- spec ---\n{}", md);
    Ok(())
}

/// The forms outside tables this build reads (HTML tables with `html`).
fn outside_forms() -> Vec<mdwriter::Form> {
    let mut forms = vec![mdwriter::Form::Heading, mdwriter::Form::Bold, mdwriter::Form::List];
    if cfg!(feature = "html") {
        forms.push(mdwriter::Form::Html);
    }
    forms
}

proptest! {
    #[test]
    fn outside_forms_parse_back_to_the_same_model(model in outside_model(), form in prop::sample::select(outside_forms())) {
        let (md, expected) = mdwriter::write_outside(&model, "spec/t.md", form);
        let (parsed, diags) = errgen::from_sources(vec![("spec/t.md".to_owned(), md.clone())]);
        let Some(parsed) = parsed else {
            return Err(TestCaseError::fail(format!("written spec does not parse:\n{}\n--- spec ---\n{md}", errgen::diag::render_all(&diags, false))));
        };
        prop_assert_eq!(&parsed.codes, &expected.codes, "--- {:?} spec ---\n{}", form, md);
    }

    #[test]
    fn written_markdown_parses_back_to_the_same_model(model in model()) {
        round_trip(&model)?;
    }

    #[test]
    fn cell_text_round_trips_through_the_encoding(text in text()) {
        let mut model = mdwriter::sample_model();
        model.codes[0].description = normalize(&text);
        model.statuses[0].description = normalize(&text);
        model.codes[0].group = normalize(&text);
        round_trip(&model)?;
    }
}

/// The normalization the writer relies on is the parser's rule 3, and it is
/// idempotent.
#[test]
fn normalize_is_idempotent_and_trims_only_line_edges() {
    for s in ["  a  \n  b ", "a\r\nb", "\u{2028}x\u{A0}", "a\n\n\nb", "\0"] {
        assert_eq!(normalize(&normalize(s)), normalize(s));
    }
    assert_eq!(normalize(" a \r\n b\t"), "a\nb");
    assert_eq!(normalize("\u{2028}x\u{A0}"), "x");
    assert_eq!(normalize("a\n\nb"), "a\n\nb", "empty lines inside are kept");
}

/// Regression (found by the round-trip property): a code containing `=`
/// could not be named by `ident.CODE=Name`, because the directive split at
/// the first `=`. It now splits an `ident.` entry at the last one.
#[test]
fn a_code_containing_equals_can_be_named_by_a_directive() {
    let md = "# E\n\n```json\n{\"code\": \"a=b\", \"message\": \"m\"}\n```\n\n## Errors\n\n<!-- errgen: status=500 ident.a=b=AEqualsB ident.==Eq -->\n\n| code | message |\n|-|-|\n| a=b | x |\n| \\= | y |\n";
    let (model, diags) = errgen::from_sources(vec![("t.md".to_owned(), md.to_owned())]);
    let model = model.unwrap_or_else(|| panic!("{}", errgen::diag::render_all(&diags, false)));
    let idents: Vec<_> = model.codes.iter().map(|c| (c.code.as_str(), c.ident.as_str())).collect();
    assert_eq!(idents, [("a=b", "AEqualsB"), ("=", "Eq")]);
}
