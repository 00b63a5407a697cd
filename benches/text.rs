//! End-to-end throughput on text input: decode → segment → rules → heuristics → body, for
//! the pages of `testdata/text/` and `testdata/devdiscourse/` (no site set applies to the
//! former, so the unknown-site heuristics run). Reported in bytes/s by criterion.
//!
//! `text/datasets` runs the same over a larger sample of real renders when the evaluation
//! data is present (`$DECHROME_DATA`, default `../shared/data` next to the crate): the first
//! 40 pages by name of each dataset's `text-w3m/` and `text-inscriptis/`. Skipped otherwise.
//!
//! `cargo bench --bench text`

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dechrome::{Cleaner, Options};

mod support;

fn pages(dir: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("txt"))
        .collect();
    v.sort();
    v.iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn datasets(c: &mut Criterion) {
    let pages = support::dataset_pages();
    if pages.is_empty() {
        eprintln!("text/datasets: no evaluation data, skipped");
        return;
    }
    let options = Options::default().input(dechrome::InputMode::Text);
    let cleaner = Cleaner::new();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("text");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("datasets", |b| {
        b.iter(|| {
            let mut n = 0;
            for p in &pages {
                let text = dechrome::decode(p);
                n += cleaner.clean(text.text(), &options).body().len();
            }
            n
        })
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let options = Options::default();
    let bundled = Cleaner::new();
    // No rule set at all: segmentation and the heuristics alone.
    let bare = Cleaner::builder().builtin(false).build().unwrap();
    for (name, dir, cleaner) in [
        ("unknown-site", "testdata/text", &bundled),
        ("unknown-site-no-rules", "testdata/text", &bare),
        ("devdiscourse", "testdata/devdiscourse", &bundled),
    ] {
        let pages = pages(dir);
        let bytes: usize = pages.iter().map(String::len).sum();
        let mut g = c.benchmark_group("text");
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for p in &pages {
                    let bytes = dechrome::decode(p.as_bytes());
                    n += cleaner.clean(bytes.text(), &options).body().len();
                }
                n
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench, datasets);
criterion_main!(benches);
