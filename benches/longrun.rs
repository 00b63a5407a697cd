//! Long runs through the release CLI (`clean --jsonl`), memory sampled from /proc:
//!
//! 0. **scaling**: pages/s of `-j 1` and `-j 2` on a 64 MB corpus read from a file, output
//!    thrown away (see `support::CorpusFile`), alternated: best of 10 each, and the median of
//!    the 10 pairs' ratios (printed, not checked: it depends on the machine's other load).
//! 1. **flat RSS**: 100,000 generated pages streamed through one process; RSS is sampled
//!    every 20 ms against the number of records fed so far. After warm-up (the first 20 %),
//!    the highest RSS of the last quarter of the run must not exceed that of the first
//!    quarter after warm-up by more than 2 MB.
//! 2. **bounded memory**: 1 GB of JSONL fed through stdin, once as ordinary pages and once as
//!    1 MB records; the peak RSS (from `wait4`) must stay under 200 MB each time.
//!
//! `cargo bench --bench longrun [-- --pages N] [--gb X] [--record-kb N] [--rounds N] [-j N]`. Exits
//! non-zero when a bound is broken. Linux only (it reads /proc and calls wait4).

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod support;

/// Allowed RSS growth between the early and late parts of the run.
const FLAT_SLACK: u64 = 2 << 20;
/// Corpus of the scaling runs: 64 MB, so that start-up (about 25 ms, mostly compiling the
/// rule sets' regexes, and serial) weighs under 2 % of a `-j 2` run.
const SCALING_BYTES: usize = 64 << 20;
/// Peak RSS allowed for the 1 GB input.
const BIG_LIMIT: u64 = 200 << 20;

struct Run {
    /// (records fed so far, RSS bytes) samples.
    samples: Vec<(u64, u64)>,
    records: u64,
    bytes: u64,
    peak: u64,
    cpu: Duration,
    elapsed: Duration,
}

/// Feed generated records to one `clean --jsonl -j JOBS` process until `stop(records, bytes)`.
fn run(jobs: usize, mut records: support::Records, stop: impl Fn(u64, u64) -> bool) -> Run {
    let mut child = support::spawn_jsonl(jobs);
    let pid = child.id();
    let reader = support::drain(&mut child);
    let fed = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (fed, done) = (fed.clone(), done.clone());
        std::thread::spawn(move || {
            let mut samples = Vec::new();
            while !done.load(Ordering::Relaxed) {
                if let Some((rss, _)) = support::rss(pid) {
                    samples.push((fed.load(Ordering::Relaxed), rss));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            samples
        })
    };
    let start = Instant::now();
    let (mut n, mut bytes) = (0u64, 0u64);
    let mut buf = Vec::with_capacity(1 << 20);
    {
        let mut stdin = child.stdin.take().expect("piped stdin");
        while !stop(n, bytes) {
            records.next_into(&mut buf);
            n += 1;
            if buf.len() >= 256 << 10 {
                stdin.write_all(&buf).expect("feed dechrome");
                bytes += buf.len() as u64;
                buf.clear();
                fed.store(n, Ordering::Relaxed);
            }
        }
        stdin.write_all(&buf).expect("feed dechrome");
        bytes += buf.len() as u64;
        fed.store(n, Ordering::Relaxed);
    }
    let (_, lines) = reader.join().expect("reader thread");
    let reaped = support::wait4(pid);
    let elapsed = start.elapsed();
    done.store(true, Ordering::Relaxed);
    let samples = sampler.join().expect("sampler thread");
    assert_eq!(
        reaped.code, 0,
        "dechrome exited with status {}",
        reaped.code
    );
    assert_eq!(lines, n, "one output line per input line");
    Run {
        samples,
        records: n,
        bytes,
        peak: reaped.peak_rss,
        cpu: reaped.cpu,
        elapsed,
    }
}

fn mb(b: u64) -> f64 {
    b as f64 / (1 << 20) as f64
}

fn main() {
    let mut pages = 100_000u64;
    let mut gb = 1.0f64;
    let mut jobs = 2usize;
    let mut record_kb = 1024usize;
    let mut rounds = 10usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => pages = args.next().and_then(|v| v.parse().ok()).expect("--pages N"),
            "--gb" => gb = args.next().and_then(|v| v.parse().ok()).expect("--gb X"),
            "-j" => jobs = args.next().and_then(|v| v.parse().ok()).expect("-j N"),
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--rounds N")
            }
            "--record-kb" => {
                record_kb = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--record-kb N")
            }
            _ => {} // cargo bench passes --bench and filters
        }
    }
    let mut ok = true;

    // 0. Parallel speed-up: -j 1 and -j 2 alternated, `rounds` pairs. Two figures: the best
    //    run of each (the least disturbed by other load on the machine), and the median of
    //    the pairs' ratios (each pair ran seconds apart, so a slow spell of the machine
    //    weighs on both of its runs alike).
    if rounds > 0 {
        let (corpus, records) = support::Records::corpus(SCALING_BYTES);
        let file = support::CorpusFile::new(&corpus, records);
        let mut best = [Duration::MAX; 2];
        let mut ratios = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let mut pair = [Duration::ZERO; 2];
            for (i, j) in [1, 2].into_iter().enumerate() {
                pair[i] = file.run(j).wall;
                best[i] = best[i].min(pair[i]);
            }
            ratios.push(pair[0].as_secs_f64() / pair[1].as_secs_f64());
        }
        ratios.sort_by(f64::total_cmp);
        let rate = |d: Duration| records as f64 / d.as_secs_f64();
        println!(
            "longrun/scaling: {records} pages ({:.1} MB), best of {rounds}: -j 1 {:.0} pages/s, -j 2 {:.0} pages/s: {:.2}x; median of {rounds} paired ratios {:.2}x (range {:.2}-{:.2})",
            corpus.len() as f64 / 1e6,
            rate(best[0]),
            rate(best[1]),
            best[0].as_secs_f64() / best[1].as_secs_f64(),
            ratios[ratios.len() / 2],
            ratios[0],
            ratios[ratios.len() - 1],
        );
    }

    // 1. Flat RSS over `pages` pages.
    let r = run(jobs, support::Records::new(), |n, _| n >= pages);
    let post: Vec<(u64, u64)> = r
        .samples
        .iter()
        .copied()
        .filter(|&(fed, _)| fed >= pages / 5)
        .collect();
    println!(
        "longrun/flat_rss: {} pages, {:.1} MB in {:.1} s ({:.0} pages/s, {:.1} MB/s; {:.1} MB per CPU-second), -j {jobs}, {} RSS samples",
        r.records,
        r.bytes as f64 / 1e6,
        r.elapsed.as_secs_f64(),
        r.records as f64 / r.elapsed.as_secs_f64(),
        r.bytes as f64 / 1e6 / r.elapsed.as_secs_f64(),
        r.bytes as f64 / 1e6 / r.cpu.as_secs_f64(),
        r.samples.len()
    );
    for tenth in 1..=10 {
        let upto = pages * tenth / 10;
        if let Some(&(fed, rss)) = r.samples.iter().rev().find(|&&(fed, _)| fed <= upto) {
            println!("  after {fed:>7} pages fed: RSS {:7.1} MB", mb(rss));
        }
    }
    if post.len() < 8 {
        println!(
            "  too few samples after warm-up ({}); run more pages",
            post.len()
        );
        ok = false;
    } else {
        let q = post.len() / 4;
        let early = post[..q].iter().map(|s| s.1).max().unwrap_or(0);
        let late = post[post.len() - q..]
            .iter()
            .map(|s| s.1)
            .max()
            .unwrap_or(0);
        let growth = late.saturating_sub(early);
        let pass = growth <= FLAT_SLACK;
        ok &= pass;
        println!(
            "  RSS after warm-up: early max {:.1} MB, late max {:.1} MB, growth {:.2} MB (limit {:.0} MB): {}",
            mb(early),
            mb(late),
            mb(growth),
            mb(FLAT_SLACK),
            if pass { "flat" } else { "GROWS" }
        );
    }
    println!("  peak RSS {:.1} MB", mb(r.peak));

    // 2. Bounded memory for a large input: ordinary pages, then 1 MB records.
    if gb > 0.0 {
        let limit = (gb * 1e9) as u64;
        for (what, records) in [
            ("pages", support::Records::new()),
            ("1MB_records", support::Records::large(record_kb << 10)),
        ] {
            let r = run(jobs, records, |_, bytes| bytes >= limit);
            let pass = r.peak < BIG_LIMIT;
            ok &= pass;
            println!(
                "longrun/big_input/{what}: {:.2} GB ({} records) in {:.1} s ({:.1} MB/s; {:.1} MB per CPU-second), -j {jobs}: peak RSS {:.1} MB (limit {:.0} MB): {}",
                r.bytes as f64 / 1e9,
                r.records,
                r.elapsed.as_secs_f64(),
                r.bytes as f64 / 1e6 / r.elapsed.as_secs_f64(),
                r.bytes as f64 / 1e6 / r.cpu.as_secs_f64(),
                mb(r.peak),
                mb(BIG_LIMIT),
                if pass { "ok" } else { "TOO HIGH" }
            );
        }
    }
    if !ok {
        std::process::exit(1);
    }
}
