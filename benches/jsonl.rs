//! JSONL throughput of text records, through the release CLI (`clean --jsonl`), and the
//! library's own cleaning speed for the same pages.
//!
//! `cargo bench --bench jsonl` prints, per group:
//! - `jsonl_text_cpu/j1`: MB per CPU-second (user + system time of the process, so the
//!   figure holds on a loaded machine) of one worker over a generated corpus, counting the
//!   whole JSONL input (goal: ≥ 100 MB/s per core);
//! - `jsonl_text_pages/j1`, `/j2`: pages/s with 1 and 2 workers, wall clock, the corpus read
//!   from a file and the output thrown away, so nothing else runs on the machine's cores
//!   (goal: j2 ≥ 1.8 × j1 on a machine whose 2 cores are otherwise idle);
//! - `library_text`: `Cleaner::clean` alone on the same pages, no JSON or process around it;
//! - `jsonl_renders_cpu/j1`: as `jsonl_text_cpu`, over real page renders of the evaluation
//!   sets instead (the 400 pages of `text/datasets`, repeated to 48 MB, when
//!   `$DECHROME_DATA` or `../shared/data` holds them; skipped otherwise): records of the size
//!   scrapers store.
//!
//! The corpus is made in memory from the pages under `testdata/` (see benches/support): small
//! pages, so per-page costs weigh more than on real records.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

mod support;

/// Corpus size per process run of the test pages' corpus (start-up, some 25 ms, is about 5%
/// of a run).
const CORPUS_BYTES: usize = 16 << 20;

fn cli(c: &mut Criterion) {
    let (corpus, records) = support::Records::corpus(CORPUS_BYTES);
    // Per core: the child's CPU time (user + system), so other load on the machine does not
    // count against it. Wall time below, where the point is parallel speed-up.
    cpu_per_byte(c, "jsonl_text_cpu", &corpus, records);
    let (renders, rendered) = support::dataset_records(3 * CORPUS_BYTES);
    if rendered == 0 {
        eprintln!("jsonl_renders_cpu: no evaluation data, skipped");
    } else {
        cpu_per_byte(c, "jsonl_renders_cpu", &renders, rendered);
    }

    let mut pages = c.benchmark_group("jsonl_text_pages");
    pages
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(8));
    pages.throughput(Throughput::Elements(records));
    let file = support::CorpusFile::new(&corpus, records);
    for jobs in [1, 2] {
        pages.bench_function(format!("j{jobs}"), |b| {
            b.iter_custom(|iters| (0..iters).map(|_| file.run(jobs).wall).sum())
        });
    }
    pages.finish();
}

/// Group `name`, bench `j1`: one worker over `corpus`, timed by the child's CPU time.
fn cpu_per_byte(c: &mut Criterion, name: &str, corpus: &[u8], records: u64) {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(8));
    g.throughput(Throughput::Bytes(corpus.len() as u64));
    g.bench_function("j1", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| support::run_corpus(corpus, records, 1).cpu)
                .sum()
        })
    });
    g.finish();
}

fn library(c: &mut Criterion) {
    let pages = support::pages();
    let cleaner = dechrome::Cleaner::new();
    let options = dechrome::Options::default().input(dechrome::InputMode::Text);
    let total: usize = pages.iter().map(String::len).sum();
    let mut g = c.benchmark_group("library_text");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("all_testdata_pages", |b| {
        b.iter(|| {
            for p in &pages {
                std::hint::black_box(cleaner.clean(std::hint::black_box(p), &options));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, cli, library);
criterion_main!(benches);
