//! Writing results: stdout that tolerates a closed pipe, atomic files, stderr messages.

use std::io::{self, Write};
use std::path::Path;

/// Print an error or warning line on stderr, prefixed with the program name.
pub(crate) fn error(msg: &str) {
    let _ = writeln!(io::stderr().lock(), "dechrome: {msg}");
}

/// Print a warning line on stderr.
pub(crate) fn warn(msg: &str) {
    let _ = writeln!(io::stderr().lock(), "dechrome: warning: {msg}");
}

/// Standard output that remembers when the reader went away (`| head`), after which writes
/// are dropped silently: a closed pipe is not an error.
pub(crate) struct Stdout {
    out: io::BufWriter<io::StdoutLock<'static>>,
    closed: bool,
}

impl Stdout {
    pub(crate) fn new() -> Stdout {
        Stdout {
            out: io::BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
            closed: false,
        }
    }

    /// Whether the reader has gone away.
    pub(crate) fn closed(&self) -> bool {
        self.closed
    }

    /// Write bytes; returns an error only for failures other than a closed pipe.
    pub(crate) fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.out.write_all(bytes) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            r => r,
        }
    }

    pub(crate) fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.out.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            r => r,
        }
    }
}

impl Drop for Stdout {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Write `bytes` to `path` atomically: a temporary file in the same folder, then a rename.
/// An interrupted run leaves either the old file or the new one, never half of one.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".dechrome-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_data().ok();
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
