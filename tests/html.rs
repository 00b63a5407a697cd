//! HTML input: snapshot tests over `testdata/html/*.html`, hard must-keep / must-drop checks,
//! the bundled generic rules against article text, selector rules, deep nesting, decoding, and
//! the eval metric against the reference scorer.

use std::path::Path;

use dechrome::{Cleaner, InputKind, Label, Options, Reason, RuleSet};

/// Decoded page and its `must-keep:` / `must-drop:` comment lines.
fn load(path: &Path) -> (String, Vec<String>, Vec<String>) {
    let bytes = std::fs::read(path).unwrap();
    let text = dechrome::decode_html(&bytes).text().to_string();
    let mut keep = Vec::new();
    let mut drop = Vec::new();
    for line in text.lines() {
        let Some(c) = line
            .trim()
            .strip_prefix("<!--")
            .and_then(|l| l.strip_suffix("-->"))
        else {
            continue;
        };
        let c = c.trim();
        if let Some(k) = c.strip_prefix("must-keep:") {
            keep.push(k.trim().to_string());
        } else if let Some(d) = c.strip_prefix("must-drop:") {
            drop.push(d.trim().to_string());
        }
    }
    (text, keep, drop)
}

fn pages() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/html"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    v.sort();
    v
}

fn report(a: &dechrome::Article) -> String {
    let mut out = String::new();
    out.push_str(&format!("title: {:?}\n", a.title()));
    for (k, v) in a.meta().iter() {
        out.push_str(&format!("meta {k}: {:?}\n", v.as_str().unwrap_or_default()));
    }
    out.push_str("--- blocks\n");
    for b in a.blocks() {
        let (f, l) = b.block().lines();
        out.push_str(&format!(
            "{:>3}-{:<3} {:<7} {:<40} {}\n",
            f,
            l,
            b.label().as_str(),
            b.reason().to_string(),
            b.block().line().replace('\n', " / ")
        ));
    }
    out.push_str("--- markdown\n");
    out.push_str(&a.to_markdown());
    out
}

#[test]
fn snapshots() {
    insta::glob!("../testdata/html", "*.html", |path| {
        let (text, _, _) = load(path);
        let a = Cleaner::new().clean(&text, &Options::default());
        assert_eq!(a.input_kind(), InputKind::Html);
        insta::assert_snapshot!(report(&a));
    });
}

#[test]
fn must_keep_and_must_drop() {
    let mut failures = Vec::new();
    let all = pages();
    assert_eq!(all.len(), 12);
    for path in all {
        let (text, keep, drop) = load(&path);
        assert!(!keep.is_empty(), "{}: no must-keep line", path.display());
        let a = Cleaner::new().clean(&text, &Options::default());
        for k in &keep {
            if !a.body().contains(k.as_str()) {
                failures.push(format!("{}: lost {k:?}", path.display()));
            }
        }
        for d in &drop {
            if a.body().contains(d.as_str()) {
                failures.push(format!("{}: kept {d:?}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The bundled generic rules (text and selector) never take a block of the article: no block
/// that is part of a must-keep line is labelled by a `generic/` rule.
#[test]
fn generic_rules_stay_out_of_the_article() {
    for path in pages() {
        let (text, keep, _) = load(&path);
        let a = Cleaner::new().clean(&text, &Options::default());
        for b in a.blocks() {
            let Reason::Rule(r) = b.reason() else {
                continue;
            };
            if !r.starts_with("generic/") {
                continue;
            }
            let t = b.block().text();
            assert!(
                !keep.iter().any(|k| k.contains(t)),
                "{}: rule {r} removed article text {t:?}",
                path.display()
            );
        }
    }
}

#[test]
fn selector_rules_match_element_or_ancestor() {
    let set = RuleSet::from_toml(
        "name = 'site'\n[[rule]]\nid = 'promo'\nselector = 'div.promo'\naction = 'drop'\n\
         [[rule]]\nid = 'kicker'\nselector = 'p.kicker'\ntext = '^Exclusive'\naction = 'drop'\n",
    )
    .unwrap();
    let cleaner = Cleaner::builder()
        .builtin(false)
        .rule_set(set)
        .build()
        .unwrap();
    let html = "<div class='promo'><p>Buy <b>now</b></p><ul><li>Deal one</li></ul></div>\
                <p class='kicker'>Exclusive interview</p><p class='kicker'>Not matched</p>\
                <p>Exclusive but not a kicker</p>";
    let a = cleaner.clean(html, &Options::default());
    let got: Vec<(&str, Label, String)> = a
        .blocks()
        .map(|b| (b.block().text(), b.label(), b.reason().to_string()))
        .collect();
    assert_eq!(got[0], ("Buy now", Label::Chrome, "site/promo".to_string()));
    assert_eq!(
        got[1],
        ("Deal one", Label::Chrome, "site/promo".to_string())
    );
    assert_eq!(got[2].2, "site/kicker");
    assert_eq!(got[3].1, Label::Body);
    assert_eq!(got[4].1, Label::Body);
    // Selector rules never match text input.
    let t = cleaner.clean(
        "Buy now\n",
        &Options::default().input(dechrome::InputMode::Text),
    );
    assert_eq!(t.body(), "Buy now");
}

#[test]
fn invalid_selector_is_refused_with_position() {
    let err =
        RuleSet::from_toml("name = 'x'\n[[rule]]\nid = 'a'\nselector = 'div[['\naction = 'drop'\n")
            .unwrap_err()
            .to_string();
    assert!(err.contains("4:"), "{err}");
    assert!(err.contains("selector"), "{err}");
    assert!(!err.contains("Unexpected error occurred"), "{err}");
}

#[test]
fn deep_nesting_runs_without_recursion() {
    let n = 100_000;
    let html = format!(
        "<html><body>{}<p>Deep paragraph of text that is the whole article here.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let a = dechrome::clean(&html);
    assert_eq!(
        a.body(),
        "Deep paragraph of text that is the whole article here."
    );
    let bold = format!("<p>{}bold text</p>", "<b>".repeat(60_000));
    assert_eq!(dechrome::clean(&bold).body(), "bold text");
}

#[test]
fn br_is_a_line_break_and_hidden_text_never_shows() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/html/08_hidden_script.html");
    let (text, _, _) = load(&path);
    let a = dechrome::clean(&text);
    assert!(
        a.body()
            .contains("adjust to the dark.\nEntry is free.\nParking is limited."),
        "{}",
        a.body()
    );
    for hidden in [
        "do not show",
        "template text",
        "svg label",
        "iframe fallback",
        "enable JavaScript",
        "secret hidden",
        "invisible by style",
    ] {
        assert!(
            a.blocks().all(|b| !b.block().text().contains(hidden)),
            "{hidden}"
        );
    }
}

#[test]
fn headings_and_lists_keep_structure_in_markdown() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/html/04_lists.html");
    let (text, _, _) = load(&path);
    let md = dechrome::clean(&text).to_markdown();
    assert!(md.starts_with("# Five habits for tidy commits\n"), "{md}");
    assert!(md.contains("\n## The habits\n"), "{md}");
    assert!(md.contains("\n- Start with a clean working tree"), "{md}");
    assert!(md.contains("\n## Why small commits help\n"), "{md}");
}

#[test]
fn metadata_from_meta_tags_json_ld_and_time() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/html/09_jsonld_meta.html");
    let (text, _, _) = load(&path);
    let a = dechrome::clean(&text);
    let m = a.meta();
    let get = |k: &str| m.get(k).and_then(|v| v.as_str()).map(str::to_string);
    assert_eq!(get("author").as_deref(), Some("Sam Writer"));
    assert_eq!(get("date").as_deref(), Some("2024-02-11T09:30:00Z"));
    assert_eq!(get("site_name").as_deref(), Some("Coastal Gazette"));
    assert_eq!(get("language").as_deref(), Some("en-GB"));
    assert_eq!(
        get("url").as_deref(),
        Some("https://gazette.example/news/sea-wall-passes-first-test")
    );
    assert_eq!(a.title(), Some("Sea wall passes first test"));
}

#[test]
fn declared_charset_is_honoured() {
    let bytes =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/html/12_latin1.html"))
            .unwrap();
    let d = dechrome::decode_input(&bytes, dechrome::InputMode::Auto);
    assert_eq!(d.encoding(), "windows-1252");
    assert_eq!(d.replaced(), 0);
    assert!(dechrome::clean(d.text()).body().contains("crème brûlée"));
}

#[test]
fn page_with_prose_never_gets_an_empty_body() {
    // Everything sits in chrome-named, link-heavy containers; the prose must still come out.
    let html = "<div class='sidebar comments'><a href='/x'>Short link one</a></div>\
                <div class='related share'><p>This page has only this one sentence of real prose in it.</p></div>";
    let a = dechrome::clean(html);
    assert!(
        a.body().contains("only this one sentence of real prose"),
        "{:?}",
        a.body()
    );
}

/// The figures were computed by the reference scorer on the same fixture:
/// `python3 /work/shared/tools/score.py --gt testdata/eval/gold.json testdata/eval/out`
/// → F1 0.65142592600916, precision 0.7571428571428571, recall 0.5716137123745819,
/// accuracy 0.16666666666666666.
#[test]
fn eval_agrees_with_reference_scorer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/eval");
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let mut ids: Vec<&String> = gold.as_object().unwrap().keys().collect();
    ids.sort();
    let scores: Vec<dechrome::eval::PageScore> = ids
        .iter()
        .map(|id| {
            let truth = gold[id.as_str()]["articleBody"].as_str().unwrap();
            let pred = std::fs::read_to_string(dir.join("out").join(format!("{id}.txt")))
                .unwrap_or_default();
            dechrome::eval::PageScore::new(truth, &pred)
        })
        .collect();
    let s = dechrome::eval::Summary::of(&scores);
    assert!((s.f1() - 0.65142592600916).abs() < 1e-9, "{}", s.f1());
    assert!((s.precision() - 0.7571428571428571).abs() < 1e-9);
    assert!((s.recall() - 0.5716137123745819).abs() < 1e-9);
    assert!((s.accuracy() - 0.16666666666666666).abs() < 1e-9);
}
