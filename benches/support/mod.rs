//! Corpus generation and process driving shared by the benches. Inputs are generated on the
//! fly from the pages under `testdata/`; nothing large is written to disk but unnamed
//! temporary files, gone when the bench ends.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The release CLI built by `cargo bench`.
pub const DECHROME: &str = env!("CARGO_BIN_EXE_dechrome");

/// The text pages under `testdata/` (sorted by path).
pub fn pages() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut paths: Vec<_> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let pages: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read testdata page"))
        .collect();
    assert!(!pages.is_empty(), "no .txt pages under testdata/");
    pages
}

/// Pages per dataset and render in the dataset samples (`text/datasets`, `jsonl_renders_cpu`).
pub const DATASET_PAGES: usize = 40;

/// Raw bytes of a sample of real page renders, or nothing when the evaluation data is absent:
/// the first [`DATASET_PAGES`] pages by name of each dataset's `text-w3m/` and
/// `text-inscriptis/` under `$DECHROME_DATA` (default `../shared/data` next to the crate).
pub fn dataset_pages() -> Vec<Vec<u8>> {
    let root = std::env::var_os("DECHROME_DATA").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
        PathBuf::from,
    );
    let Ok(sets) = std::fs::read_dir(&root) else {
        return Vec::new();
    };
    let mut sets: Vec<PathBuf> = sets.filter_map(|e| Some(e.ok()?.path())).collect();
    sets.sort();
    let mut out = Vec::new();
    for set in sets {
        for render in ["text-w3m", "text-inscriptis"] {
            let Ok(files) = std::fs::read_dir(set.join(render)) else {
                continue;
            };
            let mut files: Vec<PathBuf> = files
                .filter_map(|e| Some(e.ok()?.path()))
                .filter(|p| p.to_string_lossy().ends_with(".txt.gz"))
                .collect();
            files.sort();
            for f in files.iter().take(DATASET_PAGES) {
                let mut page = Vec::new();
                let gz = std::fs::File::open(f).unwrap();
                flate2::read::GzDecoder::new(gz)
                    .read_to_end(&mut page)
                    .unwrap();
                out.push(page);
            }
        }
    }
    out
}

/// The [`dataset_pages`] as JSONL text records (`{"id": n, "text": page}`, invalid UTF-8
/// replaced), repeated until the corpus holds at least `bytes` bytes (so that start-up, some
/// 25 ms, stays a small share of a run), with the record count; empty when the data is absent.
pub fn dataset_records(bytes: usize) -> (Vec<u8>, u64) {
    let pages: Vec<String> = dataset_pages()
        .iter()
        .map(|p| serde_json::to_string(&String::from_utf8_lossy(p)).expect("strings serialise"))
        .collect();
    let mut out = Vec::new();
    let mut n = 0u64;
    while !pages.is_empty() && out.len() < bytes {
        for page in &pages {
            out.extend_from_slice(format!("{{\"id\":{n},\"text\":").as_bytes());
            out.extend_from_slice(page.as_bytes());
            out.extend_from_slice(b"}\n");
            n += 1;
        }
    }
    (out, n)
}

/// Makes JSONL text records from the test pages, endlessly: record `n` is page `n % pages`,
/// with its number as `id`, and every other record carries a page URL (so both site
/// selection paths run: by URL host and by detect patterns).
pub struct Records {
    /// Each page as a JSON string literal (quoted, escaped), ready to splice.
    pages: Vec<String>,
    n: u64,
}

impl Records {
    pub fn new() -> Records {
        let pages = pages()
            .iter()
            .map(|p| serde_json::to_string(p).expect("strings serialise"))
            .collect();
        Records { pages, n: 0 }
    }

    /// Large records: each is all the test pages, one after the other, repeated until the
    /// record's page text reaches `bytes` (a long page of many articles and rails).
    pub fn large(bytes: usize) -> Records {
        let all = pages().join("\n\n");
        let mut text = String::with_capacity(bytes + all.len());
        while text.len() < bytes {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&all);
        }
        let page = serde_json::to_string(&text).expect("strings serialise");
        Records {
            pages: vec![page],
            n: 0,
        }
    }

    /// Append the next record (with its newline) to `out`; returns the page bytes in it.
    pub fn next_into(&mut self, out: &mut Vec<u8>) -> usize {
        let n = self.n;
        self.n += 1;
        let page = &self.pages[(n as usize) % self.pages.len()];
        out.extend_from_slice(b"{\"id\":");
        out.extend_from_slice(n.to_string().as_bytes());
        if n % 2 == 1 {
            out.extend_from_slice(b",\"url\":\"https://www.devdiscourse.com/article/");
            out.extend_from_slice(n.to_string().as_bytes());
            out.push(b'"');
        }
        out.extend_from_slice(b",\"text\":");
        out.extend_from_slice(page.as_bytes());
        out.extend_from_slice(b"}\n");
        page.len()
    }

    /// A corpus of at least `bytes` bytes; returns it and its record count.
    pub fn corpus(bytes: usize) -> (Vec<u8>, u64) {
        let mut r = Records::new();
        let mut out = Vec::with_capacity(bytes + (64 << 10));
        let mut count = 0;
        while out.len() < bytes {
            r.next_into(&mut out);
            count += 1;
        }
        (out, count)
    }
}

/// `dechrome clean --jsonl -j JOBS` with piped stdin and stdout.
pub fn spawn_jsonl(jobs: usize) -> Child {
    spawn_jsonl_with(jobs, Stdio::piped(), Stdio::piped())
}

/// `dechrome clean --jsonl -j JOBS` reading `stdin`, writing `stdout` (reap it with [`wait4`]).
pub fn spawn_jsonl_with(jobs: usize, stdin: Stdio, stdout: Stdio) -> Child {
    Command::new(DECHROME)
        .args(["clean", "--jsonl", "-j", &jobs.to_string()])
        .stdin(stdin)
        .stdout(stdout)
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the dechrome binary")
}

/// Reads a child's stdout to the end on a thread; returns (bytes, lines).
pub fn drain(child: &mut Child) -> std::thread::JoinHandle<(u64, u64)> {
    let mut stdout = child.stdout.take().expect("piped stdout");
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 20];
        let (mut bytes, mut lines) = (0u64, 0u64);
        loop {
            match stdout.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    bytes += n as u64;
                    lines += memchr_count(&buf[..n]);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => panic!("read dechrome output: {e}"),
            }
        }
        (bytes, lines)
    })
}

fn memchr_count(b: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', b).count() as u64
}

/// Wall time and CPU time (user + system) of one process run.
pub struct Timing {
    pub wall: Duration,
    pub cpu: Duration,
}

/// Run the CLI over an in-memory corpus, checking that one line came out per line in.
pub fn run_corpus(corpus: &[u8], records: u64, jobs: usize) -> Timing {
    let start = Instant::now();
    let mut child = spawn_jsonl(jobs);
    let reader = drain(&mut child);
    {
        let mut stdin = child.stdin.take().expect("piped stdin");
        stdin.write_all(corpus).expect("feed dechrome");
    }
    let (_, lines) = reader.join().expect("reader thread");
    let reaped = wait4(child.id());
    let wall = start.elapsed();
    assert_eq!(reaped.code, 0, "dechrome failed: {}", reaped.code);
    assert_eq!(lines, records, "one output line per input line");
    Timing {
        wall,
        cpu: reaped.cpu,
    }
}

/// A corpus in an unnamed temporary file (in the page cache), for wall-clock runs: the child
/// reads it as its stdin and writes to /dev/null, so this process stays idle while it runs.
/// Fed and drained through pipes by this process (as [`run_corpus`] does), a `-j 2` run on a
/// two-core machine shares its cores with that feeding: `jsonl_text_pages` gave 1.49x there
/// where `scripts/scaling.sh` gives 1.75x on a stream of the same pages.
pub struct CorpusFile {
    file: std::fs::File,
}

impl CorpusFile {
    /// Write `corpus` to a temporary file, checking once (through pipes) that the CLI gives
    /// one output line per record of it.
    pub fn new(corpus: &[u8], records: u64) -> CorpusFile {
        run_corpus(corpus, records, 1);
        let mut file = tempfile::tempfile().expect("temporary corpus file");
        file.write_all(corpus).expect("write the corpus");
        CorpusFile { file }
    }

    /// Wall time and CPU time of `dechrome clean --jsonl -j JOBS < corpus > /dev/null`.
    pub fn run(&self, jobs: usize) -> Timing {
        use std::io::{Seek, SeekFrom};
        // The child shares this file's offset: rewind it for each run.
        (&self.file)
            .seek(SeekFrom::Start(0))
            .expect("rewind the corpus");
        let stdin = self.file.try_clone().expect("corpus file handle");
        let start = Instant::now();
        let pid = spawn_jsonl_with(jobs, Stdio::from(stdin), Stdio::null()).id();
        let reaped = wait4(pid);
        let wall = start.elapsed();
        assert_eq!(reaped.code, 0, "dechrome failed: {}", reaped.code);
        Timing {
            wall,
            cpu: reaped.cpu,
        }
    }
}

/// What `wait4` tells about a finished child.
pub struct Reaped {
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Peak resident set size in bytes.
    pub peak_rss: u64,
    /// User + system CPU time.
    pub cpu: Duration,
}

/// Reap a child started with `std::process::Command` (do not call `Child::wait` after).
pub fn wait4(pid: u32) -> Reaped {
    let mut status = 0;
    // SAFETY: plain syscall with valid out-pointers; the child is ours and not yet reaped.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(r, pid as libc::pid_t, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Reaped {
        code,
        peak_rss: usage.ru_maxrss as u64 * 1024,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
    }
}

/// A process's resident set size and its peak, in bytes, from /proc (Linux).
pub fn rss(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line[name.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(kb * 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}
