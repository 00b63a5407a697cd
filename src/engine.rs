//! Applying a compiled rule set to a page: the rule half of labelling.

use crate::label::{Label, Labels, Reason};
use crate::meta::Meta;
use crate::page::Page;
use crate::rules::{Action, Rule, RuleSet};

/// What applying rules found besides labels.
#[derive(Default)]
pub(crate) struct Found {
    pub(crate) meta: Meta,
    pub(crate) title: Option<String>,
    pub(crate) summary: Vec<String>,
}

/// Per rule of a set, the blocks whose text its `text` pattern matches, in page order: what
/// the text patterns find, which depends on the blocks' texts alone.
pub(crate) type Candidates = Vec<Vec<u32>>;

/// Apply every rule of `set`, in order, to the blocks not labelled yet.
pub(crate) fn apply(set: &RuleSet, page: &Page, labels: &mut Labels, found: &mut Found) {
    apply_with(set, page, labels, found, None);
}

/// [`apply`], with the text patterns' matches given when they are known (`known`: the
/// candidates of the same set on a page of the same block texts, every block unlabelled).
/// Returns the candidates it used. With nothing known, they cover the blocks unlabelled on
/// entry.
pub(crate) fn apply_with(
    set: &RuleSet,
    page: &Page,
    labels: &mut Labels,
    found: &mut Found,
    known: Option<Candidates>,
) -> Candidates {
    let blocks = page.blocks();
    let n = blocks.len();
    if n == 0 || set.rules.is_empty() {
        return Candidates::new();
    }
    let candidates = match known {
        Some(c) if c.len() == set.rules.len() => c,
        _ => candidates(set, page, labels),
    };
    label_with(set, page, labels, found, &candidates);
    candidates
}

/// Candidate blocks per text rule, from one pass over the blocks not labelled yet.
fn candidates(set: &RuleSet, page: &Page, labels: &Labels) -> Candidates {
    let mut candidates: Candidates = vec![Vec::new(); set.rules.len()];
    for (bi, b) in page.blocks().iter().enumerate() {
        if labels[bi].is_some() {
            continue;
        }
        let text = b.text();
        if let Some(rs) = set.literals.get(text) {
            for &r in rs {
                candidates[r].push(bi as u32);
            }
        }
        // Most lines match no pattern: `is_match` tells so with the fast (non-overlapping)
        // search, and only the lines it accepts pay for the overlapping one.
        if let Some(rs) = set.text_set.as_ref().filter(|rs| rs.is_match(text)) {
            for m in rs.matches(text).iter() {
                candidates[set.set_map[m]].push(bi as u32);
            }
        }
    }
    candidates
}

/// The rules of `set`, in order, over their candidates.
fn label_with(
    set: &RuleSet,
    page: &Page,
    labels: &mut Labels,
    found: &mut Found,
    candidates: &Candidates,
) {
    let n = page.blocks().len();
    // Blocks each rule labelled, for `after`, `before` and `same_as` of later rules.
    let mut fired: Vec<Vec<u32>> = vec![Vec::new(); set.rules.len()];
    let all: Vec<u32> = if set.scan_all.is_empty() {
        Vec::new()
    } else {
        (0..n as u32).collect()
    };
    // Selector matches of every selector rule that can fire, from one walk of the document.
    let mut selector_hits: Vec<Option<Vec<bool>>> = vec![None; set.rules.len()];
    if page.dom.is_some() {
        let wanted: Vec<usize> = (0..set.rules.len())
            .filter(|&ri| {
                let r = &set.rules[ri];
                r.selector.is_some()
                    && (r.text.is_none() || r.windowed() || !candidates[ri].is_empty())
            })
            .collect();
        if !wanted.is_empty() {
            let sels: Vec<_> = wanted
                .iter()
                .filter_map(|&ri| set.rules[ri].selector.as_ref())
                .collect();
            let hits = crate::segment::html::selectors_hits(page, &sels);
            for (ri, h) in wanted.into_iter().zip(hits) {
                selector_hits[ri] = Some(h);
            }
        }
    }
    // A windowed rule's candidates: the blocks of its window, in order, that its pattern
    // matches, tested as the loop below reaches them (see `Rule::windowed`).
    let mut window: Vec<u32> = Vec::new();
    for (ri, rule) in set.rules.iter().enumerate() {
        let windowed = rule.windowed();
        let cands: &[u32] = if windowed {
            window.clear();
            window.extend(0..n as u32);
            &window
        } else if rule.text.is_some() {
            &candidates[ri]
        } else {
            &all
        };
        // Selector rules never match text input: skip them before any work.
        if cands.is_empty() || (rule.selector.is_some() && page.dom.is_none()) {
            continue;
        }
        let after = match rule.after {
            Some(a) => match fired[a].first() {
                Some(&i) => Some(i as usize),
                None => continue,
            },
            None => None,
        };
        let before = match rule.before {
            Some(b) => match fired[b].first() {
                Some(&i) => Some(i as usize),
                None => continue,
            },
            None => None,
        };
        let mut last = after;
        let mut count = 0u32;
        for &bi in cands {
            let bi = bi as usize;
            if labels[bi].is_some() {
                continue;
            }
            if let Some(a) = after {
                if bi <= a {
                    continue;
                }
            }
            if let Some(b) = before {
                if bi >= b {
                    break;
                }
            }
            if windowed
                && !rule
                    .text
                    .as_ref()
                    .is_some_and(|p| p.regex.is_match(page.blocks()[bi].text()))
            {
                continue;
            }
            if rule.contiguous {
                let prev = last.unwrap_or(0);
                if !contiguous(page, labels, prev, bi) {
                    break;
                }
            }
            if !constraints_hold(rule, page, bi, &selector_hits[ri], &fired) {
                continue;
            }
            fire(rule, page, bi, labels, found);
            fired[ri].push(bi as u32);
            last = Some(bi);
            count += 1;
            if rule.action.is_range() || rule.max.is_some_and(|m| count >= m) {
                break;
            }
        }
    }
}

/// Whether `bi` directly follows `prev` in the same paragraph, skipping blocks labelled chrome
/// or meta in between.
fn contiguous(page: &Page, labels: &Labels, prev: usize, bi: usize) -> bool {
    let blocks = page.blocks();
    blocks[prev].para == blocks[bi].para
        && (prev + 1..bi).all(|j| matches!(labels[j], Some((Label::Chrome | Label::Meta, _))))
}

fn constraints_hold(
    rule: &Rule,
    page: &Page,
    bi: usize,
    selector_hits: &Option<Vec<bool>>,
    fired: &[Vec<u32>],
) -> bool {
    let b = &page.blocks()[bi];
    if let Some(k) = rule.kind {
        if !b.kind.satisfies(k) {
            return false;
        }
    }
    if let Some(hits) = selector_hits {
        if !hits.get(bi).copied().unwrap_or(false) {
            return false;
        }
    }
    if let Some(m) = rule.max_words {
        if b.word_count() > m as usize {
            return false;
        }
    }
    if let Some(s) = rule.same_as {
        let text = b.text();
        if !fired[s]
            .iter()
            .any(|&j| page.blocks()[j as usize].text() == text)
        {
            return false;
        }
    }
    true
}

fn fire(rule: &Rule, page: &Page, bi: usize, labels: &mut Labels, found: &mut Found) {
    let blocks = page.blocks();
    let b = &blocks[bi];
    let reason = || Reason::Rule(rule.qualified.clone());
    // Named captures become metadata, whatever the action.
    let mut captured = false;
    if let Some(p) = &rule.text {
        if p.has_names {
            if let Some(caps) = p.regex.captures(b.text()) {
                for name in p.regex.capture_names().flatten() {
                    if let Some(m) = caps.name(name) {
                        captured = true;
                        if rule.list {
                            found.meta.push(name, m.as_str());
                        } else {
                            found.meta.set_first(name, m.as_str());
                        }
                    }
                }
            }
        }
    }
    match rule.action {
        Action::Drop => labels[bi] = Some((Label::Chrome, reason())),
        Action::Meta => {
            if !captured {
                if rule.list {
                    found.meta.push(&rule.id, b.text());
                } else {
                    found.meta.set_first(&rule.id, b.text());
                }
            }
            labels[bi] = Some((Label::Meta, reason()));
        }
        Action::Title => {
            if found.title.is_none() {
                found.title = Some(b.text().to_string());
            }
            labels[bi] = Some((Label::Title, reason()));
        }
        Action::Summary => {
            found.summary.push(b.text().to_string());
            labels[bi] = Some((Label::Summary, reason()));
        }
        Action::Keep => labels[bi] = Some((Label::Body, reason())),
        Action::DropRest => fill(labels, bi..blocks.len(), reason()),
        Action::DropBefore => fill(labels, 0..bi + 1, reason()),
        Action::DropUntil => {
            let until = rule
                .until
                .as_ref()
                .expect("validated: drop-until has until");
            let end = (bi + 1..blocks.len())
                .find(|&j| until.regex.is_match(blocks[j].text()))
                .unwrap_or(bi + 1);
            fill(labels, bi..end, reason());
        }
    }
}

fn fill(labels: &mut Labels, range: std::ops::Range<usize>, reason: Reason) {
    for l in &mut labels[range] {
        if l.is_none() {
            *l = Some((Label::Chrome, reason.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Cleaner, Label, Options, RuleSet};

    /// A cleaner with only the rule set `t` made of `rules`.
    fn only(rules: &str) -> Cleaner {
        let set = RuleSet::from_toml(&format!("name = 't'\n{rules}")).unwrap();
        Cleaner::builder()
            .builtin(false)
            .rule_set(set)
            .build()
            .unwrap()
    }

    /// Clean `page` with one rule set forced (no heuristics) and return (label, reason) per
    /// block as short strings.
    fn labels(rules: &str, page: &str) -> Vec<String> {
        let a = only(rules).clean(
            page,
            &Options::default().site("t").input(crate::InputMode::Text),
        );
        a.blocks()
            .map(|b| format!("{}:{}", b.label().as_str(), b.reason()))
            .collect()
    }

    #[test]
    fn drop_before_includes_anchor() {
        let got = labels(
            "[[rule]]\nid='top'\ntext='^MENU END$'\naction='drop-before'",
            "a\nb\nMENU END\nc",
        );
        assert_eq!(
            got,
            [
                "chrome:t/top",
                "chrome:t/top",
                "chrome:t/top",
                "body:default"
            ]
        );
    }

    #[test]
    fn drop_until_stops_before_until_and_is_safe_without_it() {
        let r = "[[rule]]\nid='rel'\ntext='^Related$'\naction='drop-until'\nuntil='^Comments$'";
        let got = labels(r, "a\nRelated\nx\ny\nComments\nz");
        assert_eq!(
            got,
            [
                "body:default",
                "chrome:t/rel",
                "chrome:t/rel",
                "chrome:t/rel",
                "body:default",
                "body:default"
            ]
        );
        let got = labels(r, "a\nRelated\nx");
        assert_eq!(got, ["body:default", "chrome:t/rel", "body:default"]);
    }

    #[test]
    fn first_label_wins_and_keep_protects() {
        let r = "[[rule]]\nid='k'\ntext='^keep me$'\naction='keep'\n[[rule]]\nid='rest'\ntext='^STOP$'\naction='drop-rest'";
        let got = labels(r, "a\nSTOP\nkeep me\nb");
        assert_eq!(
            got,
            ["body:default", "chrome:t/rest", "body:t/k", "chrome:t/rest"]
        );
    }

    #[test]
    fn anchors_max_and_same_as() {
        let r = "[[rule]]\nid='by'\ntext='^By (?<author>.+)$'\naction='meta'\n\
                 [[rule]]\nid='title'\nbefore='by'\nmax=1\naction='title'\n\
                 [[rule]]\nid='dup'\nsame_as='title'\nafter='by'\naction='drop'";
        let got = labels(r, "Head\nDeck\nBy Ann\nHead\nText Head\nHead");
        assert_eq!(
            got,
            [
                "title:t/title",
                "body:default",
                "meta:t/by",
                "chrome:t/dup",
                "body:default",
                "chrome:t/dup"
            ]
        );
    }

    #[test]
    fn anchors_that_never_fired_disable_the_rule() {
        let r = "[[rule]]\nid='by'\ntext='^By .+$'\naction='meta'\n[[rule]]\nid='title'\nbefore='by'\naction='title'";
        assert_eq!(labels(r, "Head\nText"), ["body:default", "body:default"]);
    }

    #[test]
    fn contiguous_lists_stop_at_a_gap_or_paragraph_break() {
        let r = "[[rule]]\nid='lab'\ntext='^Tags:$'\naction='drop'\n\
                 [[rule]]\nid='tag'\nkind='list-item'\nafter='lab'\ncontiguous=true\nlist=true\naction='meta'";
        let cleaner = only(r);
        let a = cleaner.clean(
            "* Tags:\n* one\n* two\n\n* body item\ntext\n* later item",
            &Options::default().site("t"),
        );
        let body: Vec<_> = a
            .blocks()
            .filter(|b| b.label() == Label::Body)
            .map(|b| b.block().text())
            .collect();
        assert_eq!(body, ["body item", "text", "later item"]);
        let tags = a.meta().get("tag").unwrap().as_list().unwrap();
        assert_eq!(tags, ["one", "two"]);
    }

    /// A windowed rule (a non-literal pattern with an anchor) is tried inside its window
    /// only, and labels what the same rule would label from the set's pass: matching blocks
    /// after the anchor, contiguous ones while they last, never a block already labelled.
    #[test]
    fn windowed_rules_match_inside_their_window() {
        let r = "[[rule]]\nid='lab'\ntext='^Tags:$'\naction='drop'\n\
                 [[rule]]\nid='no'\ntext='^x\\d$'\naction='keep'\n\
                 [[rule]]\nid='stop'\ntext='^STOP$'\naction='drop'\n\
                 [[rule]]\nid='tag'\ntext='^[a-z]\\d$'\nafter='lab'\ncontiguous=true\naction='drop'\n\
                 [[rule]]\nid='end'\ntext='^[A-Z]+$'\nafter='lab'\nbefore='stop'\naction='drop'";
        let set = RuleSet::from_toml(&format!("name = 't'\n{r}")).unwrap();
        let windowed: Vec<bool> = set.rules.iter().map(|r| r.windowed()).collect();
        assert_eq!(windowed, [false, false, false, true, true]);
        // The set's regex pass holds the free non-literal pattern only.
        assert_eq!(set.set_map, [1]);
        let got = labels(r, "a1\nAB\nTags:\nb2\nd5\nx3\nc4\nd\nCD\nSTOP\nEF");
        assert_eq!(
            got,
            [
                "body:default",
                "body:default",
                "chrome:t/lab",
                "chrome:t/tag",
                "chrome:t/tag",
                // A kept block between breaks the contiguous run.
                "body:t/no",
                "body:default",
                "body:default",
                "chrome:t/end",
                "chrome:t/stop",
                "body:default"
            ]
        );
    }

    /// A windowed rule with a selector as well keeps its selector: on HTML input it fires
    /// only on the blocks of its window that both its pattern and its selector match.
    #[test]
    fn windowed_rules_keep_their_selector() {
        let r = "[[rule]]\nid='lab'\ntext='^Tags$'\naction='drop'\n\
                 [[rule]]\nid='tag'\ntext='^[a-z]+$'\nselector='.tag'\nafter='lab'\naction='drop'";
        let html = "<html><body><article><p>Tags</p><p class='tag'>alpha</p><p>beta</p>\
                    <p class='tag'>gamma</p><p>The story goes on here.</p></article></body></html>";
        let a = only(r).clean(html, &Options::default().site("t"));
        let got: Vec<String> = a
            .blocks()
            .map(|b| format!("{}:{}", b.block().text(), b.reason()))
            .collect();
        assert_eq!(
            got,
            [
                "Tags:t/lab",
                "alpha:t/tag",
                "beta:default",
                "gamma:t/tag",
                "The story goes on here.:default"
            ]
        );
    }

    #[test]
    fn named_captures_go_to_meta_first_wins() {
        let r = "[[rule]]\nid='d'\ntext='^Date: (?<date>\\S+)$'\naction='drop'";
        let cleaner = only(r);
        let a = cleaner.clean("Date: 1\nx\nDate: 2", &Options::default().site("t"));
        assert_eq!(a.meta().get("date").unwrap().as_str(), Some("1"));
        assert_eq!(a.body(), "x");
    }
}
