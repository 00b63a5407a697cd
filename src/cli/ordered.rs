//! An ordered parallel map over a stream: items are pulled one at a time, cleaned on the
//! pool as soon as a worker is free, and handed on in input order.
//!
//! Batches with a barrier between them (the first design) leave a worker idle while the
//! other finishes the batch's largest page; pages vary a hundredfold in size, so two workers
//! gave 1.3× of one. Here nothing waits for a batch: the window of items in flight (read, not
//! yet handed on) bounds memory, and a slow item only holds up the hand-off, not the workers,
//! until the window is full.

use std::collections::VecDeque;
use std::sync::mpsc;

/// Limits of the window: at most `items` items, and no new item once those in flight weigh
/// `weight` or more (one item is always let in, whatever it weighs).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window {
    pub(crate) items: usize,
    pub(crate) weight: usize,
}

/// Pull items from `next` (each with its weight, e.g. its bytes) until it returns `None`, run
/// `work` on each on `pool`, and give the results to `sink` in the order the items came.
/// `sink` returns false to stop: no more items are pulled, the ones in flight are finished
/// and dropped. A panic in `work` stops the stream and is raised again here, once the
/// workers are done.
pub(crate) fn map<I, O>(
    pool: &rayon::ThreadPool,
    window: Window,
    mut next: impl FnMut() -> Option<(I, usize)>,
    work: impl Fn(I) -> O + Sync,
    mut sink: impl FnMut(O) -> bool,
) where
    I: Send,
    O: Send,
{
    let (tx, rx) = mpsc::channel::<(usize, Option<O>)>();
    let work = &work;
    pool.in_place_scope(|s| {
        // Slot k holds the result of item `head + k` once it is back.
        let mut slots: VecDeque<(Option<O>, usize)> = VecDeque::new();
        let mut head = 0usize;
        let mut weight = 0usize;
        let mut pulling = true;
        let mut open = true;
        loop {
            while pulling
                && open
                && slots.len() < window.items.max(1)
                && (slots.is_empty() || weight < window.weight)
            {
                let Some((item, w)) = next() else {
                    pulling = false;
                    break;
                };
                let seq = head + slots.len();
                slots.push_back((None, w));
                weight += w;
                let tx = tx.clone();
                s.spawn(move |_| {
                    // Sends `None` if `work` unwinds, so the loop below never waits forever.
                    let mut guard = Reply { tx, seq, out: None };
                    guard.out = Some(work(item));
                });
            }
            if slots.is_empty() {
                break;
            }
            let mut got = rx.recv().ok();
            while let Some((seq, out)) = got {
                match out {
                    Some(o) => slots[seq - head].0 = Some(o),
                    // A worker panicked: stop; the scope raises the panic when it closes.
                    None => {
                        open = false;
                        slots[seq - head].1 = usize::MAX;
                    }
                }
                got = rx.try_recv().ok();
            }
            while let Some((out, w)) = slots.front_mut() {
                if out.is_none() && *w != usize::MAX {
                    break;
                }
                let (out, w) = slots.pop_front().expect("front exists");
                head += 1;
                weight = weight.saturating_sub(if w == usize::MAX { 0 } else { w });
                if let Some(o) = out {
                    if open && !sink(o) {
                        open = false;
                    }
                }
            }
        }
    });
}

/// Sends a worker's result, or `None` when it unwound before having one.
struct Reply<O> {
    tx: mpsc::Sender<(usize, Option<O>)>,
    seq: usize,
    out: Option<O>,
}

impl<O> Drop for Reply<O> {
    fn drop(&mut self) {
        let _ = self.tx.send((self.seq, self.out.take()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn pool(n: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    }

    /// A window of `items` items, whatever they weigh.
    fn items(items: usize) -> Window {
        Window {
            items,
            weight: usize::MAX,
        }
    }

    /// Items 1..=n, each weighing 1.
    fn count_to(n: u64) -> impl FnMut() -> Option<(u64, usize)> {
        let mut i = 0;
        move || {
            i += 1;
            (i <= n).then_some((i, 1))
        }
    }

    #[test]
    fn results_come_in_input_order_whatever_the_finishing_order() {
        // Early items take longest, so they finish last.
        let mut got = Vec::new();
        map(
            &pool(2),
            items(8),
            count_to(40),
            |n| {
                std::thread::sleep(std::time::Duration::from_micros(40 * (41 - n)));
                n * 10
            },
            |o| {
                got.push(o);
                true
            },
        );
        assert_eq!(got, (1..=40).map(|n| n * 10).collect::<Vec<_>>());
    }

    #[test]
    fn the_window_bounds_items_and_weight_in_flight() {
        let live = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let mut i = 0usize;
        let mut n = 0;
        map(
            &pool(2),
            Window {
                items: 5,
                weight: 30,
            },
            || {
                i += 1;
                let now = live.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                // Every item weighs 10: at most 3 fit under 30.
                (i <= 50).then_some((i, 10))
            },
            |x| x,
            |_| {
                live.fetch_sub(1, Ordering::SeqCst);
                n += 1;
                true
            },
        );
        assert_eq!(n, 50);
        // The final pull (None) counts itself too, but only once fewer than 3 are out.
        assert!(peak.load(Ordering::SeqCst) <= 3, "{peak:?}");
    }

    #[test]
    fn a_sink_that_stops_stops_the_pulling() {
        let mut pulled = 0;
        let mut seen = 0;
        map(
            &pool(2),
            items(4),
            || {
                pulled += 1;
                Some((pulled, 1))
            },
            |x| x,
            |_| {
                seen += 1;
                seen < 3
            },
        );
        assert_eq!(seen, 3);
        assert!(pulled <= 3 + 4, "pulled {pulled}");
    }

    #[test]
    fn a_panicking_worker_is_raised_not_hung() {
        let r = std::panic::catch_unwind(|| {
            map(
                &pool(2),
                items(4),
                count_to(10),
                |x| {
                    assert!(x != 5, "boom");
                    x
                },
                |_| true,
            );
        });
        assert!(r.is_err());
    }
}
