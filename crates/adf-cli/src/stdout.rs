//! Writing the output. `print!` panics when standard output fails (`adf check | head` closes the
//! pipe; `> /dev/full` has no space), so every subcommand writes through here instead: a closed
//! pipe ends the run quietly with its own exit code (the reader chose to stop; the verdict
//! stands), any other write error with a message and exit 2.

use std::io::{self, Write};
use std::process::ExitCode;

/// Exit code when the output could not be written.
const CANNOT_WRITE: u8 = 2;

/// Writes `text` to standard output, then ends with `code` (or 2 when writing failed).
pub fn emit(text: &str, code: ExitCode) -> ExitCode {
    match finish(write_all(&mut io::stdout().lock(), text)) {
        Some(failed) => failed,
        None => code,
    }
}

/// Writes to `out` and flushes it.
fn write_all(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// What a write's result means for the exit: `None` to go on as planned (written, or the
/// reader went away), the code of a failed run otherwise.
fn finish(result: io::Result<()>) -> Option<ExitCode> {
    match result {
        Ok(()) => None,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => None,
        Err(e) => {
            line_to_stderr(&format!("error: cannot write the output: {e}"));
            Some(ExitCode::from(CANNOT_WRITE))
        }
    }
}

/// Writes a line to standard error; when that fails too there is nowhere left to say so.
pub fn line_to_stderr(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails the way a closed pipe or a full disk does.
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_quiet_and_other_failures_exit_2() {
        let closed = write_all(&mut Failing(io::ErrorKind::BrokenPipe), "x");
        assert!(finish(closed).is_none());
        let full = write_all(&mut Failing(io::ErrorKind::StorageFull), "x");
        assert_eq!(finish(full), Some(ExitCode::from(CANNOT_WRITE)));
    }
}
