//! Learning a rule set from 1,000 pages of one site (issue 4, point 7).
//!
//! Pages are the ten Devdiscourse-layout test pages, each made distinct: its date, and a
//! page-specific sentence in every body paragraph, so the number of distinct lines grows with
//! the pages like on a real site.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dechrome::{learn, learn_from_loader, LearnOptions, Page};

fn pages(n: usize) -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/learn/devdiscourse");
    let seeds: Vec<String> = (0..10)
        .map(|i| std::fs::read_to_string(format!("{dir}/{i:02}.txt")).unwrap())
        .collect();
    (0..n)
        .map(|i| {
            let seed = &seeds[i % seeds.len()];
            let day = 1 + i % 28;
            let month = 1 + (i / 28) % 12;
            let mut out = String::with_capacity(seed.len() + 200);
            for line in seed.lines() {
                let line = line
                    .replace("2025-03-21", &format!("2024-{month:02}-{day:02}"))
                    .replace("2025-03-22", &format!("2024-{month:02}-{day:02}"));
                out.push_str(&line);
                // Body paragraphs are the long lines: make each one unique to the page.
                if line.len() > 120 && !line.starts_with("This image") {
                    out.push_str(&format!(" Reference {i} notes item {} here.", line.len()));
                }
                out.push('\n');
            }
            out
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let all = pages(1000);
    let refs: Vec<&str> = all.iter().map(|s| s.as_str()).collect();
    let bytes: usize = all.iter().map(|s| s.len()).sum();
    let mut g = c.benchmark_group("learn");
    g.sample_size(10);
    g.throughput(Throughput::Elements(refs.len() as u64));
    g.bench_function("1000 text pages", |b| {
        b.iter(|| learn(&refs, &LearnOptions::default()))
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("1000 text pages, loader", |b| {
        b.iter(|| {
            learn_from_loader(
                refs.len(),
                |i| Some(Page::from_text(refs[i])),
                &LearnOptions::default(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
