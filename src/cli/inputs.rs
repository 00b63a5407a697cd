//! Finding inputs (files, folders, stdin) and reading them.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// One input to clean.
#[derive(Clone, Debug)]
pub(crate) struct Input {
    /// None for standard input.
    pub(crate) path: Option<PathBuf>,
    /// Path relative to the output folder (`--out-dir`), extension included.
    pub(crate) rel: PathBuf,
}

impl Input {
    pub(crate) fn display(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "<stdin>".to_string(),
        }
    }
}

/// An input that could not even be listed (a dangling symlink in a folder, a loop…).
#[derive(Debug)]
pub(crate) struct ListError {
    pub(crate) path: String,
    pub(crate) message: String,
}

/// Expand the command-line inputs: `-` (or none) is stdin, folders are walked recursively in
/// name order, skipping hidden entries (names starting with `.`) and `skip` (the output
/// folder) when it lies strictly inside a walked folder. Problems found while walking are returned alongside, in order.
pub(crate) fn expand(args: &[PathBuf], skip: Option<&Path>) -> (Vec<Input>, Vec<ListError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    if args.is_empty() {
        inputs.push(stdin_input());
        return (inputs, errors);
    }
    let skip = skip.and_then(|s| s.canonicalize().ok());
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(stdin_input());
            continue;
        }
        match std::fs::metadata(arg) {
            Ok(m) if m.is_dir() => walk(arg, skip.as_deref(), &mut inputs, &mut errors),
            // A missing or unreadable file is reported when it is read, in its place.
            _ => inputs.push(Input {
                path: Some(arg.clone()),
                rel: relative_for_file(arg),
            }),
        }
    }
    (inputs, errors)
}

fn stdin_input() -> Input {
    Input {
        path: None,
        rel: PathBuf::from("stdin.txt"),
    }
}

fn walk(root: &Path, skip: Option<&Path>, inputs: &mut Vec<Input>, errors: &mut Vec<ListError>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            let skipped = e.depth() > 0
                && skip.is_some_and(|s| e.path().canonicalize().is_ok_and(|p| p == s));
            !hidden && !skipped
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(e.path())
                    .to_path_buf();
                inputs.push(Input {
                    path: Some(e.path().to_path_buf()),
                    rel,
                });
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| root.display().to_string());
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else if let Some(io) = err.io_error() {
                    if io.kind() == std::io::ErrorKind::NotFound {
                        "dangling symbolic link or vanished file".to_string()
                    } else {
                        dechrome_io_message(io)
                    }
                } else {
                    err.to_string()
                };
                errors.push(ListError { path, message });
            }
        }
    }
}

/// The out-dir relative path of a file named on the command line: the path itself when it is
/// relative and stays below the current folder, else its file name.
fn relative_for_file(arg: &Path) -> PathBuf {
    let clean = arg
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if clean {
        arg.components()
            .filter(|c| matches!(c, Component::Normal(_)))
            .collect()
    } else {
        arg.file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("input"))
    }
}

/// Read an input's bytes, gunzipping `.gz` files, refusing more than `max` bytes.
pub(crate) fn read(input: &Input, max: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    match &input.path {
        None => {
            std::io::stdin()
                .lock()
                .take(max + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| dechrome_io_message(&e))?;
        }
        Some(p) => {
            let file = std::fs::File::open(p).map_err(|e| dechrome_io_message(&e))?;
            if file.metadata().is_ok_and(|m| m.is_dir()) {
                return Err("is a directory".to_string());
            }
            let gz = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
            if !gz {
                // Read into a buffer of the file's size, not one grown by doubling.
                if let Ok(m) = file.metadata() {
                    bytes.reserve_exact(m.len().min(max + 1) as usize);
                }
            }
            let res = if gz {
                flate2::read::MultiGzDecoder::new(file)
                    .take(max + 1)
                    .read_to_end(&mut bytes)
            } else {
                file.take(max + 1).read_to_end(&mut bytes)
            };
            res.map_err(|e| {
                if gz {
                    format!("cannot gunzip: {}", dechrome_io_message(&e))
                } else {
                    dechrome_io_message(&e)
                }
            })?;
        }
    }
    if bytes.len() as u64 > max {
        return Err(format!(
            "input is larger than the limit of {max} bytes (raise it with --max-size)"
        ));
    }
    Ok(bytes)
}

pub(crate) fn dechrome_io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or directory".to_string(),
        K::PermissionDenied => "permission denied".to_string(),
        K::IsADirectory => "is a directory".to_string(),
        _ => {
            let s = e.to_string();
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_lowercase().chain(c).collect(),
                None => s,
            }
        }
    }
}

/// Output path for an input: the relative path below `dir`, with `.gz` and one extension
/// replaced by the format's extension.
pub(crate) fn out_path(dir: &Path, rel: &Path, ext: &str) -> PathBuf {
    let mut rel = rel.to_path_buf();
    if rel
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        rel.set_extension("");
    }
    rel.set_extension(ext);
    dir.join(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_paths() {
        let d = Path::new("OUT");
        assert_eq!(
            out_path(d, Path::new("a/b.txt"), "txt"),
            Path::new("OUT/a/b.txt")
        );
        assert_eq!(
            out_path(d, Path::new("x.html.gz"), "json"),
            Path::new("OUT/x.json")
        );
        assert_eq!(
            out_path(d, Path::new("noext"), "md"),
            Path::new("OUT/noext.md")
        );
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_for_file(Path::new("./a/b.txt")),
            Path::new("a/b.txt")
        );
        assert_eq!(
            relative_for_file(Path::new("../a/b.txt")),
            Path::new("b.txt")
        );
        assert_eq!(
            relative_for_file(Path::new("/abs/c.txt")),
            Path::new("c.txt")
        );
    }
}
