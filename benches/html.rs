//! Whole-pipeline throughput on HTML pages: decode → parse → segment → rules → heuristics →
//! render, one page at a time on one thread, over the Readability and L3S-GN1 pages.
//!
//! The pages are read from `$DECHROME_BENCH_DATA` (default `/work/shared/data`), the
//! evaluation datasets, which are not in the repository. Run with
//! `cargo bench --bench html`; criterion reports MiB/s per group. `clean` is the whole
//! pipeline, `parse-only` decoding, parsing and segmenting into blocks, `scraper-parse`
//! decoding and scraper's parse alone (the floor under everything dechrome adds).

use std::io::Read;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn load(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return Vec::new(),
    };
    paths.sort();
    paths
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .map(|p| {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(p).unwrap())
                .read_to_end(&mut out)
                .unwrap();
            out
        })
        .collect()
}

fn pipeline(c: &mut Criterion) {
    let root = std::env::var_os("DECHROME_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/data"));
    let cleaner = dechrome::Cleaner::new();
    let opts = dechrome::Options::default().input(dechrome::InputMode::Html);
    for set in ["readability", "l3s-gn1"] {
        let pages = load(&root.join(set).join("html"));
        if pages.is_empty() {
            eprintln!("skipping {set}: no pages under {}", root.display());
            continue;
        }
        let bytes: usize = pages.iter().map(Vec::len).sum();
        let mut g = c.benchmark_group(format!("html/{set}"));
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.bench_function("clean", |b| {
            b.iter(|| {
                let mut n = 0usize;
                for p in &pages {
                    let d = dechrome::decode_input(p, dechrome::InputMode::Html);
                    let a = cleaner.clean(d.text(), &opts);
                    n += a.body().len();
                }
                n
            })
        });
        g.bench_function("parse-only", |b| {
            b.iter(|| {
                let mut n = 0usize;
                for p in &pages {
                    let d = dechrome::decode_input(p, dechrome::InputMode::Html);
                    n += dechrome::Page::from_html(d.text()).blocks().len();
                }
                n
            })
        });
        // The floor: html5ever building scraper's tree, nothing of dechrome's.
        g.bench_function("scraper-parse", |b| {
            b.iter(|| {
                let mut n = 0usize;
                for p in &pages {
                    let d = dechrome::decode_input(p, dechrome::InputMode::Html);
                    n += scraper::Html::parse_document(d.text()).tree.nodes().count();
                }
                n
            })
        });
        g.finish();
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
