//! Generic heuristics: labelling what no rule claimed, on sites no rule set knows.
//!
//! Structural steps that hold on every site live here too (a caption repeating the title).

mod gallery;
mod html;
mod text;

use crate::engine::Found;
use crate::label::{Label, Labels, Reason};
use crate::page::{InputKind, Page};

pub(crate) use text::Scan as TextScan;

/// What the text heuristics compile on first use (regexes, language tables), costliest
/// first: some 60M instructions, otherwise paid by the first pages cleaned, one worker at a
/// time (each waits on the lazy value another is building).
const LAZIES: &[fn()] = &[
    text::force_byline,
    text::region::force_rail,
    text::force_date,
    text::region::force_ends,
    text::region::force_signature,
    gallery::force_counter,
    text::region::force_lists,
    text::force_tables,
];

/// This thread's clone of the `static` regex `$shared`, as a `&'static LocalKey<Regex>`:
/// `here!(RAIL).with(|r| r.is_match(text))`. One per thread and use site, for the reason
/// [`crate::Cleaner`] copies its rule sets per thread: regex's cache pool favours the first
/// thread that searches, and makes the others take a slower, shared path on every search.
macro_rules! here {
    ($shared:expr) => {{
        ::std::thread_local! {
            static HERE: ::regex::Regex = ::regex::Regex::clone(&$shared);
        }
        &HERE
    }};
}
pub(crate) use here;

/// Start-up work that threads share: each thread that calls [`Warmup::run`] takes the next
/// job not yet taken until none is left, so the work spreads over the threads whatever each
/// job costs (the bundled rule sets take some 150M instructions, the text heuristics' lazy
/// values 60M). Cleaning gives the same result with or without it.
#[derive(Debug)]
pub struct Warmup {
    jobs: Vec<Job>,
    next: std::sync::atomic::AtomicUsize,
}

#[derive(Debug, Clone, Copy)]
enum Job {
    /// Compile bundled rule set `i` (see [`crate::builtin::set`]).
    Set(usize),
    Lazy(fn()),
}

impl Warmup {
    /// The jobs: compiling the bundled rule sets when `builtin` (the last, `generic`, is the
    /// costliest: first), and what the text heuristics compile on first use when `text`.
    pub fn new(builtin: bool, text: bool) -> Warmup {
        let mut jobs = Vec::new();
        if builtin {
            jobs.extend((0..crate::builtin::SOURCES.len()).rev().map(Job::Set));
        }
        if text {
            jobs.extend(LAZIES.iter().map(|&f| Job::Lazy(f)));
        }
        Warmup {
            jobs,
            next: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Do jobs until none is left to take.
    pub fn run(&self) {
        use std::sync::atomic::Ordering;
        while let Some(job) = self.jobs.get(self.next.fetch_add(1, Ordering::Relaxed)) {
            match *job {
                Job::Set(i) => {
                    crate::builtin::set(i);
                }
                Job::Lazy(f) => f(),
            }
        }
    }
}

/// Structural cleanup that applies whatever rule sets ran: photo galleries (numbered items,
/// see [`gallery`]), and a block repeating the title verbatim after it (an image caption, a
/// breadcrumb), are chrome.
pub(crate) fn structure(page: &Page, labels: &mut Labels, found: &Found) {
    gallery::label(page, labels);
    let Some(title) = found.title.as_deref() else {
        return;
    };
    let Some(title_at) = labels
        .iter()
        .position(|l| matches!(l, Some((Label::Title, _))))
    else {
        return;
    };
    for (i, b) in page.blocks().iter().enumerate().skip(title_at + 1) {
        if labels[i].is_none() && b.text() == title {
            labels[i] = Some((
                Label::Chrome,
                Reason::Heuristic {
                    name: "repeated-title",
                    score: 1.0,
                },
            ));
        }
    }
}

/// Label the blocks no rule claimed on a page no site rule set knows.
/// `raw` is the text page's input, when the caller has it. Returns new paragraph indices for
/// the blocks of a text page read in columns (see [`text::label`]), and a text page's scan:
/// `cache` is the scan of a page of the same lines (a later look, see `Cleaner::settle`).
pub(crate) fn unknown_site(
    page: &Page,
    labels: &mut Labels,
    found: &mut Found,
    raw: Option<&str>,
    cache: Option<&TextScan>,
) -> (Option<Vec<u32>>, Option<TextScan>) {
    match page.input_kind() {
        InputKind::Text => text::label(page, labels, found, raw, cache),
        InputKind::Html => {
            html::label(page, labels, found);
            (None, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static DONE: [AtomicUsize; 4] = [const { AtomicUsize::new(0) }; 4];

    /// Threads sharing a warm-up do each job once between them, and every bundled set is
    /// compiled when it ends.
    #[test]
    fn threads_share_the_warmup_jobs_each_done_once() {
        let mut w = Warmup::new(true, true);
        assert_eq!(w.jobs.len(), crate::builtin::SOURCES.len() + LAZIES.len());
        assert_eq!(Warmup::new(false, false).jobs.len(), 0);
        let slow: [fn(); 4] = [
            || {
                DONE[0].fetch_add(1, Ordering::SeqCst);
            },
            || {
                DONE[1].fetch_add(1, Ordering::SeqCst);
            },
            || {
                DONE[2].fetch_add(1, Ordering::SeqCst);
            },
            || {
                DONE[3].fetch_add(1, Ordering::SeqCst);
            },
        ];
        w.jobs.extend(slow.iter().map(|&f| Job::Lazy(f)));
        std::thread::scope(|s| {
            for _ in 0..3 {
                s.spawn(|| w.run());
            }
        });
        for d in &DONE {
            assert_eq!(d.load(Ordering::SeqCst), 1);
        }
        for i in 0..crate::builtin::SOURCES.len() {
            assert!(crate::builtin::is_compiled(i), "set {i}");
        }
    }
}
