//! Writing results: stdout that tolerates a closed pipe, atomic files, stderr messages.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

/// Temporary files being written. An interrupted run (Ctrl-C, SIGTERM, SIGHUP) removes
/// them before it exits, so it leaves neither a half-written output nor a stray temporary.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Remove partial outputs and exit with 130 when the run is interrupted. Called once, at
/// start-up; a process that cannot install the handler runs on without it.
pub(crate) fn remove_partial_outputs_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        // Holding the lock until exit also stops any new temporary file from starting.
        let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        for path in pending.iter() {
            let _ = std::fs::remove_file(path);
        }
        let _ = writeln!(
            io::stderr().lock(),
            "dechrome: interrupted; {} partial output(s) removed",
            pending.len()
        );
        std::process::exit(130);
    });
}

/// A temporary file in `dir` (named `.dechrome-*.tmp`), registered so that an interrupted
/// run removes it. Keep the returned [`Pending`] alive until the file is persisted.
pub(crate) fn temp_in(dir: &Path) -> io::Result<(tempfile::NamedTempFile, Pending)> {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let tmp = tempfile::Builder::new()
        .prefix(".dechrome-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let path = tmp.path().to_path_buf();
    pending.push(path.clone());
    Ok((tmp, Pending(path)))
}

/// The registration of a temporary file; dropping it (after the rename, or after the file
/// was deleted on an error) takes it off the list.
pub(crate) struct Pending(PathBuf);

impl Drop for Pending {
    fn drop(&mut self) {
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = pending.iter().position(|p| *p == self.0) {
            pending.swap_remove(i);
        }
    }
}

/// Write `bytes` to `path` atomically: a temporary file in the same folder, then a rename.
/// An interrupted run leaves either the old file or the new one, never half of one. `sync`
/// flushes the data to disk before the rename (durable across a power loss, not only a kill).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let (mut tmp, _pending) = temp_in(dir)?;
    tmp.write_all(bytes)?;
    if sync {
        tmp.as_file().sync_data()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
