//! Hostile inputs at the CLI level: each must end with the right exit code, within a stated
//! CPU time and peak memory, without a panic. Limits are generous (debug builds) but would
//! catch quadratic time or unbounded memory. Time is the child's CPU time (user + system, from
//! `wait4`), so a loaded machine does not fail a test; a wall-clock watchdog of ten times the
//! limit still catches a hang that burns no CPU.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;

struct Measured {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
    elapsed: Duration,
    cpu: Duration,
    max_rss_mb: f64,
}

/// Peak RSS of a running process, from `VmHWM` in /proc (kB), once it runs our binary (before
/// `exec` the child still shares the test process's memory, which must not count).
fn hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let name = status.lines().next()?.strip_prefix("Name:")?.trim();
    if name != "dechrome" {
        return Some(0);
    }
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Run the binary, feeding `stdin`, and measure its wall time and peak RSS (`VmHWM`, sampled
/// every millisecond until the process exits).
// The child is reaped with `wait4` (for its CPU time), which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn measured(args: &[&str], stdin: Option<&[u8]>) -> Measured {
    let mut cmd = Command::cargo_bin("dechrome").unwrap();
    cmd.args(args)
        .env_remove("RUST_BACKTRACE")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let input = stdin.map(|s| s.to_vec());
    let mut sin = child.stdin.take();
    let feeder = std::thread::spawn(move || {
        if let (Some(mut w), Some(data)) = (sin.take(), input) {
            let _ = w.write_all(&data);
        }
    });
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        so.read_to_end(&mut v).unwrap();
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        se.read_to_end(&mut v).unwrap();
        v
    });
    let pid = child.id();
    let mut peak_kb = 0;
    // Reaped here with `wait4` rather than `Child::try_wait`, for the child's resource usage.
    let (code, cpu) = loop {
        if let Some(kb) = hwm_kb(pid) {
            peak_kb = peak_kb.max(kb);
        }
        let mut status = 0;
        // SAFETY: `rusage` is plain data that `wait4` fills in; `pid` is our own child.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        let got = unsafe { libc::wait4(pid as i32, &mut status, libc::WNOHANG, &mut ru) };
        assert!(
            got >= 0,
            "wait4 failed: {}",
            std::io::Error::last_os_error()
        );
        if got == pid as i32 {
            let tv = |t: libc::timeval| {
                Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
            };
            let code = if libc::WIFEXITED(status) {
                libc::WEXITSTATUS(status)
            } else {
                -1
            };
            break (code, tv(ru.ru_utime) + tv(ru.ru_stime));
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let elapsed = start.elapsed();
    feeder.join().unwrap();
    let stdout = out_t.join().unwrap();
    let stderr = String::from_utf8_lossy(&err_t.join().unwrap()).into_owned();
    Measured {
        code,
        stdout,
        stderr,
        elapsed,
        cpu,
        max_rss_mb: peak_kb as f64 / 1024.0,
    }
}

fn check(m: &Measured, code: i32, secs: u64, mb: f64, what: &str) {
    eprintln!(
        "{what}: exit {}, {:.2} s CPU ({:.2} s wall), peak RSS {:.1} MB",
        m.code,
        m.cpu.as_secs_f64(),
        m.elapsed.as_secs_f64(),
        m.max_rss_mb
    );
    assert!(
        !m.stderr.contains("panicked"),
        "{what}: panic: {}",
        m.stderr
    );
    assert_eq!(m.code, code, "{what}: exit code; stderr: {}", m.stderr);
    assert!(
        m.cpu < Duration::from_secs(secs),
        "{what}: took {:?} of CPU (limit {secs} s)",
        m.cpu
    );
    assert!(
        m.elapsed < Duration::from_secs(10 * secs),
        "{what}: took {:?} wall-clock (watchdog {} s): a hang?",
        m.elapsed,
        10 * secs
    );
    assert!(
        m.max_rss_mb < mb,
        "{what}: peak RSS {:.0} MB (limit {mb} MB)",
        m.max_rss_mb
    );
}

fn write(dir: &Path, name: &str, data: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, data).unwrap();
    p.to_string_lossy().into_owned()
}

/// xorshift: reproducible "random" bytes without a dependency.
fn random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

#[test]
fn empty_file() {
    let tmp = tempfile::tempdir().unwrap();
    let f = write(tmp.path(), "empty.txt", b"");
    let m = measured(&["clean", &f], None);
    check(&m, 0, 10, 100.0, "empty file");
    assert!(m.stdout.is_empty());
    let m = measured(&["clean", "--format", "json", &f], None);
    check(&m, 0, 10, 100.0, "empty file json");
}

#[test]
fn one_megabyte_of_random_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let f = write(
        tmp.path(),
        "random.bin",
        &random_bytes(1 << 20, 0x9e37_79b9_7f4a_7c15),
    );
    for input in ["auto", "text", "html"] {
        let m = measured(&["clean", "--input", input, &f], None);
        check(&m, 0, 30, 200.0, "random bytes");
        // Text is UTF-8 with replacement (and says so); HTML bytes that are not UTF-8 go
        // through charset detection, which decodes them as some legacy encoding.
        if input == "text" {
            assert!(m.stderr.contains("invalid UTF-8"), "{}", m.stderr);
        }
    }
}

#[test]
fn utf16_with_bom_is_decoded() {
    let text = "Body of the article, in UTF-16.\n\nAdvertisement\n";
    let mut bytes = vec![0xff, 0xfe];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let m = measured(&["clean"], Some(&bytes));
    check(&m, 0, 10, 100.0, "utf-16");
    assert_eq!(
        String::from_utf8(m.stdout).unwrap(),
        "Body of the article, in UTF-16.\n"
    );
}

#[test]
fn fifty_megabyte_single_line() {
    let tmp = tempfile::tempdir().unwrap();
    let mut line = Vec::with_capacity(50 << 20);
    let sentence = b"The quick brown fox jumps over the lazy dog, again and again. ";
    while line.len() < 50 << 20 {
        line.extend_from_slice(sentence);
    }
    let f = write(tmp.path(), "long.txt", &line);
    let m = measured(&["clean", "--input", "text", &f], None);
    check(&m, 0, 120, 600.0, "50 MB line");
    assert_eq!(m.stdout.len(), line.trim_ascii_end().len() + 1);
}

#[test]
fn deep_and_wide_html() {
    let tmp = tempfile::tempdir().unwrap();
    let mut nested = b"<html><body>".to_vec();
    nested.extend(b"<div>".repeat(100_000));
    nested.extend(b"<p>Deep inside a hundred thousand divs there is a paragraph of text.</p>");
    nested.extend(b"</div>".repeat(100_000));
    let f = write(tmp.path(), "nested.html", &nested);
    let m = measured(&["clean", "--input", "html", &f], None);
    // Flattened beyond depth 512 before parsing (src/segment/depth.rs): html5ever alone takes
    // minutes of CPU on this page (its scope checks walk the open-element stack).
    check(&m, 0, 10, 200.0, "100,000 nested divs");
    assert_eq!(
        String::from_utf8_lossy(&m.stdout).trim(),
        "Deep inside a hundred thousand divs there is a paragraph of text."
    );

    let mut links = b"<html><body><p>Intro paragraph with enough words to be prose.</p>".to_vec();
    for i in 0..1_000_000 {
        links.extend(format!("<a href=\"/{i}\">x</a>").as_bytes());
    }
    let f = write(tmp.path(), "links.html", &links);
    let m = measured(&["clean", "--input", "html", &f], None);
    check(&m, 0, 180, 2000.0, "a million links");
}

#[test]
fn unclosed_comment_and_cdata() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, data) in [
        (
            "comment.html",
            "<html><body><p>Visible text here.</p><!-- never closed <p>hidden</p>",
        ),
        (
            "cdata.html",
            "<html><body><p>Visible.</p><![CDATA[ never closed <p>x</p>",
        ),
        (
            "script.html",
            "<html><body><p>Visible.</p><script>var a = '<p>no</p>';",
        ),
    ] {
        let f = write(tmp.path(), name, data.as_bytes());
        let m = measured(&["clean", "--input", "html", &f], None);
        check(&m, 0, 10, 100.0, name);
    }
}

#[test]
fn exploding_regex_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let f = write(
        tmp.path(),
        "boom.toml",
        b"name = 'boom'\n[[rule]]\nid = 'x'\ntext = '(((a{100}){100}){100})'\naction = 'drop'\n",
    );
    let m = measured(&["rules", "check", &f], None);
    check(&m, 2, 10, 200.0, "exploding regex");
    assert!(
        m.stderr.contains(":4:8: regex is too large"),
        "{}",
        m.stderr
    );
}

#[test]
fn too_many_rules_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = String::from("name = 'many'\n");
    for i in 0..=dechrome::MAX_RULES {
        s.push_str(&format!(
            "[[rule]]\nid = 'r{i}'\ntext = '^x{i}$'\naction = 'drop'\n"
        ));
    }
    let f = write(tmp.path(), "many.toml", s.as_bytes());
    let m = measured(&["rules", "check", &f], None);
    check(&m, 2, 20, 200.0, "too many rules");
    assert!(m.stderr.contains("at most 1000 rules"), "{}", m.stderr);
}

#[test]
fn input_over_the_size_limit_fails_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let big = write(tmp.path(), "big.txt", &vec![b'a'; 10_000]);
    let small = write(tmp.path(), "small.txt", b"Small page.\n");
    let m = measured(&["clean", "--max-size", "5000", &big, &small], None);
    check(&m, 1, 10, 100.0, "size limit");
    assert!(
        m.stderr
            .contains("big.txt: input is larger than the limit of 5000 bytes"),
        "{}",
        m.stderr
    );
    assert!(String::from_utf8_lossy(&m.stdout).contains("Small page."));
}

#[test]
fn batch_with_broken_entries_cleans_every_good_page() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("batch");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), "First good page.\n").unwrap();
    std::fs::write(dir.join("sub/b.txt"), "Second good page.\n").unwrap();
    std::os::unix::fs::symlink(dir.join("missing.txt"), dir.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
    std::fs::write(dir.join("corrupt.txt.gz"), b"\x1f\x8b\x08\x00garbage").unwrap();
    let unreadable = dir.join("unreadable.txt");
    std::fs::write(&unreadable, "Unreadable page.\n").unwrap();
    std::fs::set_permissions(
        &unreadable,
        std::os::unix::fs::PermissionsExt::from_mode(0o000),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let m = measured(
        &[
            "clean",
            "--out-dir",
            out.to_str().unwrap(),
            dir.to_str().unwrap(),
        ],
        None,
    );
    check(&m, 1, 20, 100.0, "broken batch");
    assert_eq!(
        std::fs::read_to_string(out.join("a.txt")).unwrap(),
        "First good page.\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("sub/b.txt")).unwrap(),
        "Second good page.\n"
    );
    assert!(m.stderr.contains("dangling.txt"), "{}", m.stderr);
    assert!(m.stderr.contains("symbolic link loop"), "{}", m.stderr);
    assert!(
        m.stderr.contains("corrupt.txt.gz: cannot gunzip"),
        "{}",
        m.stderr
    );
    // Root reads a mode-000 file anyway; anyone else must get an error naming it.
    let is_root = unsafe { libc::geteuid() } == 0;
    if !is_root {
        assert!(
            m.stderr.contains("unreadable.txt: permission denied"),
            "{}",
            m.stderr
        );
    }
}

#[test]
fn out_dir_equal_to_input_folder_overwrites_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let a = write(tmp.path(), "a.txt", b"Page one.\n\nAdvertisement\n");
    write(tmp.path(), "b.html", b"<p>Page two.</p>");
    let before_a = std::fs::read(&a).unwrap();
    let dir = tmp.path().to_str().unwrap();
    let m = measured(&["clean", "--out-dir", dir, dir], None);
    check(&m, 1, 10, 100.0, "out-dir = input");
    assert_eq!(std::fs::read(&a).unwrap(), before_a, "input overwritten");
    assert!(
        m.stderr.contains("would overwrite an input"),
        "{}",
        m.stderr
    );
    // b.html → b.txt is a new file, not an input: it is written.
    assert!(tmp.path().join("b.txt").exists());
}

#[test]
fn stdout_closed_early_is_success() {
    let mut cmd = Command::cargo_bin("dechrome").unwrap();
    cmd.args(["clean", "--input", "text"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut sin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let para = "A line of article text that goes on for a while.\n\n".repeat(200_000);
        let _ = sin.write_all(para.as_bytes());
    });
    let mut so = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    so.read_exact(&mut buf).unwrap();
    drop(so);
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Files in `dir` (recursively), as paths relative to it, sorted.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = walk(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    v.sort();
    v
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Start `dechrome ARGS`, wait until `ready(out_dir)` holds, then send SIGINT; returns the
/// exit code and stderr.
fn interrupt_when(args: &[&str], out_dir: &Path, ready: impl Fn(&Path) -> bool) -> (i32, String) {
    let mut child = Command::cargo_bin("dechrome")
        .unwrap()
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !ready(out_dir) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be interrupted; make the input bigger"
        );
        assert!(start.elapsed() < Duration::from_secs(60), "never got ready");
        std::thread::sleep(Duration::from_millis(2));
    }
    // SAFETY: kill(2) with a pid we own and a valid signal number has no memory effects.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn interrupted_jsonl_run_leaves_no_partial_file() {
    let tmp = tempfile::tempdir().unwrap();
    let record = format!(
        "{{\"text\":\"{}\"}}\n",
        "A sentence of the article that goes on for a while, with words. ".repeat(5)
    );
    let input = write(tmp.path(), "big.jsonl", record.repeat(60_000).as_bytes());
    let out = tmp.path().join("out");
    let (code, stderr) = interrupt_when(
        &[
            "clean",
            "--jsonl",
            "-j",
            "1",
            "--out-dir",
            out.to_str().unwrap(),
            &input,
        ],
        &out,
        |d| {
            files_under(d)
                .iter()
                .any(|p| p.to_string_lossy().ends_with(".tmp"))
        },
    );
    assert_eq!(code, 130, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert_eq!(files_under(&out), Vec::<std::path::PathBuf>::new());
}

#[test]
fn interrupted_batch_keeps_only_whole_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("pages");
    std::fs::create_dir(&src).unwrap();
    for i in 0..4000 {
        let page = format!(
            "Home | News | Sport\n\nHeadline number {i}\n\n{}\n\nCopyright 2024 Example\n",
            "A sentence of the article that goes on for a while, with words. ".repeat(8)
        );
        write(&src, &format!("p{i:05}.txt"), page.as_bytes());
    }
    let full = tmp.path().join("full");
    let m = measured(
        &[
            "clean",
            "--out-dir",
            full.to_str().unwrap(),
            src.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(m.code, 0, "{}", m.stderr);
    let cut = tmp.path().join("cut");
    let (code, stderr) = interrupt_when(
        &[
            "clean",
            "-j",
            "1",
            "--out-dir",
            cut.to_str().unwrap(),
            src.to_str().unwrap(),
        ],
        &cut,
        |d| files_under(d).len() >= 10,
    );
    assert_eq!(code, 130, "{stderr}");
    let written = files_under(&cut);
    assert!(written.len() < 4000, "the run was not interrupted");
    for p in &written {
        assert!(!p.to_string_lossy().ends_with(".tmp"), "left behind: {p:?}");
        assert_eq!(
            std::fs::read(cut.join(p)).unwrap(),
            std::fs::read(full.join(p)).unwrap(),
            "{p:?} is not whole"
        );
    }
}

#[test]
fn oversized_jsonl_record_is_skipped_without_being_held() {
    let mut input = b"{\"text\":\"First record. It is short.\"}\n".to_vec();
    input.extend_from_slice(b"{\"text\":\"");
    input.extend(std::iter::repeat_n(b'x', 60 << 20));
    input.extend_from_slice(b"\"}\n{\"text\":\"Third record. Also short.\"}\n");
    // Piped, the reader thread skips it; in a file, the worker whose range it starts in
    // reads it to its end (over some 240 ranges) and keeps only its first bytes.
    let tmp = tempfile::tempdir().unwrap();
    let file = write(tmp.path(), "big.jsonl", &input);
    let file = file.as_str();
    for (m, how) in [
        (
            measured(&["clean", "--jsonl", "--max-size", "4096"], Some(&input)),
            "piped",
        ),
        (
            measured(&["clean", "--jsonl", "--max-size", "4096", file], None),
            "in a file",
        ),
    ] {
        check(
            &m,
            0,
            60,
            45.0,
            &format!("60 MB JSONL record over --max-size, {how}"),
        );
        let out = String::from_utf8(m.stdout).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "{how}: {out:.300}");
        assert!(lines[0].contains("First record"), "{}", lines[0]);
        assert!(
            lines[1].contains("\"error\":\"line 2: record is larger than the limit"),
            "{how}: {:.300}",
            lines[1]
        );
        assert!(
            lines[1].len() < 1000,
            "{how}: the oversized record was echoed back"
        );
        assert!(lines[2].contains("Third record"), "{}", lines[2]);
    }
}
