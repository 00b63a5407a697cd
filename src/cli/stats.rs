//! `--stats` and the progress bar.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::time::Instant;

use dechrome::Article;

/// What one cleaned page contributes to the statistics.
#[derive(Default)]
pub(crate) struct PageStats {
    pub(crate) bytes_in: u64,
    pub(crate) removed: u64,
    pub(crate) total: u64,
    pub(crate) hits: Vec<(String, u32)>,
}

impl PageStats {
    pub(crate) fn of(article: &Article, bytes_in: usize) -> PageStats {
        let (removed, total) = article.removed_bytes();
        let mut hits: Vec<(String, u32)> = Vec::new();
        for b in article.blocks() {
            if b.label() == dechrome::Label::Body && b.reason().rule().is_none() {
                continue;
            }
            let key = match b.reason() {
                dechrome::Reason::Heuristic { name, .. }
                | dechrome::Reason::Scored { name, .. } => {
                    format!("heuristic:{name}")
                }
                r => r.to_string(),
            };
            match hits.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => hits.push((key, 1)),
            }
        }
        PageStats {
            bytes_in: bytes_in as u64,
            removed: removed as u64,
            total: total as u64,
            hits,
        }
    }
}

/// Totals over a run.
pub(crate) struct Stats {
    start: Instant,
    pages: u64,
    failed: u64,
    bytes_in: u64,
    removed: u64,
    total: u64,
    hits: BTreeMap<String, u64>,
}

impl Stats {
    pub(crate) fn new() -> Stats {
        Stats {
            start: Instant::now(),
            pages: 0,
            failed: 0,
            bytes_in: 0,
            removed: 0,
            total: 0,
            hits: BTreeMap::new(),
        }
    }

    pub(crate) fn add(&mut self, p: &PageStats) {
        self.pages += 1;
        self.bytes_in += p.bytes_in;
        self.removed += p.removed;
        self.total += p.total;
        for (k, n) in &p.hits {
            *self.hits.entry(k.clone()).or_default() += u64::from(*n);
        }
    }

    pub(crate) fn fail(&mut self) {
        self.failed += 1;
    }

    /// The summary printed on stderr by `--stats`.
    pub(crate) fn report(&self) -> String {
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let mb = self.bytes_in as f64 / 1e6;
        let share = if self.total > 0 {
            100.0 * self.removed as f64 / self.total as f64
        } else {
            0.0
        };
        let mut out = format!(
            "pages: {} cleaned, {} failed\nbytes: {} in ({:.1} MB)\nremoved: {:.1}% of block text\ntime: {:.2} s, {:.1} MB/s, {:.0} pages/s\n",
            self.pages,
            self.failed,
            self.bytes_in,
            mb,
            share,
            secs,
            mb / secs,
            self.pages as f64 / secs
        );
        if !self.hits.is_empty() {
            out.push_str("blocks labelled, by rule or heuristic:\n");
            let mut hits: Vec<_> = self.hits.iter().collect();
            hits.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (k, n) in hits {
                out.push_str(&format!("  {n:>9}  {k}\n"));
            }
        }
        out
    }
}

/// A progress bar on stderr, only when stderr is a terminal and asked for.
pub(crate) fn progress(total: Option<u64>, enabled: bool) -> indicatif::ProgressBar {
    if !enabled || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = match total {
        Some(n) => indicatif::ProgressBar::new(n).with_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} pages  {per_sec}  eta {eta}",
            )
            .expect("valid template"),
        ),
        None => indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} records  {per_sec}")
                .expect("valid template"),
        ),
    };
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(5));
    bar
}
