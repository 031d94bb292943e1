//! `Config::generate_into` writes the same bytes as `Config::generate`,
//! in pieces (a file of many codes spills many times), and a sink that
//! fails stops it with an error, never a panic or a partial success.

use std::io::{self, Write};

#[path = "../benches/support/synth.rs"]
mod synth;

fn model(n: usize) -> errgen::Model {
    errgen::from_sources(synth::spec(n)).0.expect("the synthetic spec builds a model")
}

/// Counts the writes it is given and the bytes, and fails once it has
/// taken `fail_after` bytes.
struct Sink {
    bytes: Vec<u8>,
    writes: usize,
    fail_after: usize,
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len() >= self.fail_after {
            return Err(io::Error::other("disk full"));
        }
        self.writes += 1;
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn streamed_output_is_the_generated_file_byte_for_byte() {
    for (n, serde) in [(1, false), (100, true), (3_000, true)] {
        let model = model(n);
        let mut config = errgen::Config::new();
        config.serde(serde).http(serde);
        let whole = config.generate(&model).expect("generates");
        let mut sink = Sink { bytes: Vec::new(), writes: 0, fail_after: usize::MAX };
        config.generate_into(&model, &mut sink).expect("streams");
        assert!(sink.bytes == whole.as_bytes(), "n = {n}: streamed bytes differ from generate's");
        if whole.len() > 1 << 20 {
            assert!(sink.writes > 8, "n = {n}: {} bytes came in {} writes, not spilled as they were made", whole.len(), sink.writes);
        }
    }
}

#[test]
fn a_failing_sink_is_an_error_naming_it() {
    let model = model(3_000);
    let mut sink = Sink { bytes: Vec::new(), writes: 0, fail_after: 100_000 };
    let err = errgen::Config::new().generate_into(&model, &mut sink).expect_err("the sink fails");
    assert!(err.to_string().contains("cannot write the Rust file: disk full"), "{err}");
    let taken = sink.bytes.len();
    assert!((100_000..300_000).contains(&taken), "writing went on after the sink failed: {taken} bytes");
}

#[test]
fn a_file_that_cannot_be_generated_writes_nothing() {
    let model = model(10);
    let mut sink = Sink { bytes: Vec::new(), writes: 0, fail_after: usize::MAX };
    let mut config = errgen::Config::new();
    config.axum(true);
    let err = config.generate_into(&model, &mut sink).expect_err("axum without serde");
    assert!(err.to_string().contains("needs the serde option"), "{err}");
    assert!(sink.bytes.is_empty(), "{} bytes written before the error", sink.bytes.len());
}
