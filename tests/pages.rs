//! Page tests: one insta snapshot per page under `testdata/` (ledger, fields, body), plus the
//! hand-written expectations of `PAGE.expect.toml` checked as hard assertions, so that a
//! snapshot update cannot loosen them.

use std::path::Path;

use dechrome::{normalize_space, Article, Cleaner, Label, Options};

/// Hand-written expectations for one page (`PAGE.expect.toml`).
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// The exact body, compared line by line after whitespace normalisation.
    body: Option<String>,
    title: Option<String>,
    /// `false` when the page must have no summary.
    summary: Option<toml::Value>,
    #[serde(default)]
    must_keep: Vec<String>,
    #[serde(default)]
    must_drop: Vec<String>,
    countries: Option<Vec<String>>,
    #[serde(default)]
    meta: toml::Table,
}

fn expect_for(page: &Path) -> Expect {
    let path = page.with_extension("expect.toml");
    match std::fs::read_to_string(&path) {
        Ok(s) => toml::from_str(&s).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        Err(_) => Expect::default(),
    }
}

fn norm_lines(s: &str) -> Vec<String> {
    s.lines().map(|l| normalize_space(l).into_owned()).collect()
}

/// What a reviewer needs to judge a change: fields, the ledger, then the body.
fn render(a: &Article) -> String {
    let mut out = String::new();
    out.push_str(&format!("site: {}\n", a.site().unwrap_or("-")));
    out.push_str(&format!("title: {}\n", a.title().unwrap_or("-")));
    out.push_str(&format!("summary: {}\n", a.summary().unwrap_or("-")));
    out.push_str("meta:\n");
    for (k, v) in a.meta().iter() {
        out.push_str(&format!("  {k}: {}\n", serde_json::to_string(v).unwrap()));
    }
    out.push_str("removed:\n");
    for r in a.removed() {
        let (l1, l2) = r.lines();
        out.push_str(&format!(
            "  {l1:>3}-{l2:<3} {:<7} {:<32} {}\n",
            r.label(),
            r.rule(),
            r.text()
        ));
    }
    out.push_str("body:\n");
    out.push_str(a.body());
    out.push('\n');
    out
}

fn check_invariants(input: &str, a: &Article, name: &str) {
    // Never invent text: every body line is a line of the input, whitespace-normalised.
    let input_lines: std::collections::HashSet<String> = norm_lines(input).into_iter().collect();
    for line in a.body().lines().filter(|l| !l.is_empty()) {
        assert!(
            input_lines.contains(&*normalize_space(line)),
            "{name}: body line not in input: {line:?}"
        );
    }
    // Every block has exactly one label and body blocks make up the body.
    let body_blocks = a.blocks().filter(|b| b.label() == Label::Body).count();
    let body_lines = a.body().lines().filter(|l| !l.is_empty()).count();
    assert_eq!(body_blocks, body_lines, "{name}: body blocks vs body lines");
}

fn check_expect(a: &Article, e: &Expect, name: &str) {
    let body = norm_lines(a.body());
    if let Some(want) = &e.body {
        let want = norm_lines(want.trim_end());
        assert_eq!(body, want, "{name}: body differs from the expected body");
    }
    if let Some(t) = &e.title {
        assert_eq!(a.title(), Some(t.as_str()), "{name}: title");
    }
    match &e.summary {
        Some(toml::Value::String(s)) => {
            assert_eq!(a.summary(), Some(s.as_str()), "{name}: summary")
        }
        Some(toml::Value::Boolean(false)) => assert_eq!(a.summary(), None, "{name}: summary"),
        Some(other) => panic!("{name}: summary must be a string or false, not {other}"),
        None => {}
    }
    for line in &e.must_keep {
        assert!(
            body.iter().any(|l| l == line),
            "{name}: must-keep line missing from body: {line:?}"
        );
    }
    for line in &e.must_drop {
        assert!(
            !body
                .iter()
                .any(|l| l == line || l.trim_start_matches("• ") == line),
            "{name}: must-drop line still in body: {line:?}"
        );
    }
    if let Some(c) = &e.countries {
        let got = a.meta().get("countries").and_then(|v| v.as_list());
        assert_eq!(got, Some(&c[..]), "{name}: countries");
    }
    for (k, v) in &e.meta {
        let got = a.meta().get(k).and_then(|v| v.as_str());
        assert_eq!(got, v.as_str(), "{name}: meta field {k}");
    }
}

#[test]
fn devdiscourse_pages() {
    let cleaner = Cleaner::new();
    insta::glob!("../testdata", "devdiscourse/*.txt", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let a = cleaner.clean(&input, &Options::default());
        assert_eq!(a.site(), Some("devdiscourse"), "{name}: detected site");
        check_invariants(&input, &a, &name);
        check_expect(&a, &expect_for(path), &name);
        insta::assert_snapshot!(render(&a));
    });
}

/// The same pages picked by URL instead of by detect patterns give the same article.
#[test]
fn devdiscourse_by_url_equals_by_detection() {
    let cleaner = Cleaner::new();
    let by_url = Options::default().url("https://www.devdiscourse.com/article/x/123");
    for entry in std::fs::read_dir("testdata/devdiscourse").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let input = std::fs::read_to_string(&path).unwrap();
            let a = cleaner.clean(&input, &Options::default());
            let b = cleaner.clean(&input, &by_url);
            assert_eq!(a.body(), b.body(), "{}", path.display());
            assert_eq!(a.removed(), b.removed(), "{}", path.display());
        }
    }
}

/// The generic set alone, forced by name so no heuristic runs: chrome lines go, look-alike
/// prose stays.
#[test]
fn generic_rule_set_pages() {
    let cleaner = Cleaner::new();
    let generic_only = Options::default().site("generic");
    insta::glob!("../testdata", "generic/*.txt", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let a = cleaner.clean(&input, &generic_only);
        check_invariants(&input, &a, &name);
        let e = expect_for(path);
        assert!(
            !e.must_drop.is_empty() && !e.must_keep.is_empty(),
            "{name}: expectations"
        );
        check_expect(&a, &e, &name);
        insta::assert_snapshot!(render(&a));
    });
}

/// The site rules contain no headline, country or sentence of the seed pages.
#[test]
fn devdiscourse_rules_name_no_content() {
    let rules = std::fs::read_to_string("rules/devdiscourse.toml").unwrap();
    let rule_text: String = rules
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    for entry in std::fs::read_dir("testdata/devdiscourse").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let a = Cleaner::new().clean(
            &std::fs::read_to_string(&path).unwrap(),
            &Options::default(),
        );
        let mut content: Vec<String> = a.body().lines().map(str::to_string).collect();
        content.extend(a.title().map(str::to_string));
        if let Some(c) = a.meta().get("countries").and_then(|v| v.as_list()) {
            content.extend(c.iter().cloned());
        }
        if let Some(loc) = a.meta().get("location").and_then(|v| v.as_str()) {
            content.push(loc.to_string());
        }
        for piece in content.iter().filter(|p| p.len() > 3) {
            assert!(
                !rule_text.contains(piece.as_str()),
                "rules/devdiscourse.toml names page content: {piece:?}"
            );
        }
    }
}
