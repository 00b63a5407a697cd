//! `peers-runner TOOL GROUND_TRUTH_JSON HTML_DIR OUT_DIR`
//!
//! Reads every `HTML_DIR/<id>.html.gz` into memory, then times TOOL (`dechrome` or
//! `dom_smoothie`) over all pages on one thread, writes `OUT_DIR/<id>.txt` and
//! `OUT_DIR/_timing.json` (`docs`, `bytes`, `seconds`, `docs_per_s`, `mb_per_s`,
//! `failed`, and `cpu_seconds`: user + system time of the timed loop), the format
//! `shared/tools/score.py` reads.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        eprintln!("usage: peers-runner dechrome|dom_smoothie GROUND_TRUTH_JSON HTML_DIR OUT_DIR");
        std::process::exit(2);
    }
    let (tool, gt, dir, out) = (
        &args[1],
        &args[2],
        Path::new(&args[3]),
        PathBuf::from(&args[4]),
    );
    let gt: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(gt).expect("read ground truth"))
            .expect("ground truth is JSON");
    let mut pages: Vec<(String, Option<String>, String)> = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("read html dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    names.sort();
    for p in names {
        let id = p
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".html.gz")
            .to_string();
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&p).expect("open page"))
            .read_to_end(&mut bytes)
            .expect("gunzip page");
        let html = String::from_utf8_lossy(&bytes).into_owned();
        let url = gt[&id]["url"].as_str().map(str::to_string);
        pages.push((id, url, html));
    }
    let bytes: usize = pages.iter().map(|p| p.2.len()).sum();
    let mut outputs = Vec::with_capacity(pages.len());
    let mut failed = 0usize;
    // Timed: the extraction loop only (the cleaner is built before it).
    let (seconds, cpu_seconds) = match tool.as_str() {
        "dechrome" => {
            let cleaner = dechrome::Cleaner::new();
            let (start, cpu0) = (Instant::now(), cpu_time());
            for (_, url, html) in &pages {
                let mut opts = dechrome::Options::default().input(dechrome::InputMode::Html);
                if let Some(u) = url {
                    opts = opts.url(u.clone());
                }
                outputs.push(cleaner.clean(html, &opts).body().to_string());
            }
            (start.elapsed().as_secs_f64(), cpu_time() - cpu0)
        }
        "dom_smoothie" => {
            let (start, cpu0) = (Instant::now(), cpu_time());
            for (_, url, html) in &pages {
                let cfg = dom_smoothie::Config {
                    text_mode: dom_smoothie::TextMode::Formatted,
                    ..Default::default()
                };
                let text = dom_smoothie::Readability::new(html.as_str(), url.as_deref(), Some(cfg))
                    .and_then(|mut r| r.parse())
                    .map(|a| a.text_content.to_string());
                match text {
                    Ok(t) => outputs.push(t),
                    Err(_) => {
                        failed += 1;
                        outputs.push(String::new());
                    }
                }
            }
            (start.elapsed().as_secs_f64(), cpu_time() - cpu0)
        }
        other => {
            eprintln!("unknown tool {other}");
            std::process::exit(2);
        }
    };
    std::fs::create_dir_all(&out).expect("create out dir");
    for ((id, _, _), text) in pages.iter().zip(&outputs) {
        std::fs::write(out.join(format!("{id}.txt")), text).expect("write output");
    }
    let timing = serde_json::json!({
        "tool": tool,
        "docs": pages.len(),
        "bytes": bytes,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "docs_per_s": pages.len() as f64 / seconds,
        "mb_per_s": bytes as f64 / 1e6 / seconds,
        "failed": failed,
    });
    std::fs::write(out.join("_timing.json"), timing.to_string()).expect("write timing");
    println!("{timing}");
}

/// CPU time (user + system) of this process so far, in seconds.
fn cpu_time() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: valid out-pointer; CLOCK_PROCESS_CPUTIME_ID is always available on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}
