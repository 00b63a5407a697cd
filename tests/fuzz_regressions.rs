//! The fuzz targets' invariants as ordinary tests: every saved crash input under
//! `testdata/fuzz/TARGET/` (with a `.md` note on its root cause next to it) and every test page
//! are replayed through the same checks the fuzzer runs (`fuzz/src/checks.rs`).

#[allow(dead_code)]
#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::path::Path;

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else if p.extension().is_none_or(|e| e != "md") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn replay(target: &str, check: fn(&[u8])) {
    for path in files_under(&Path::new("testdata/fuzz").join(target)) {
        let data = std::fs::read(&path).unwrap();
        if let Err(e) = std::panic::catch_unwind(|| check(&data)) {
            panic!("{}: {:?}", path.display(), e.downcast_ref::<String>());
        }
    }
}

#[test]
fn saved_crashes_clean_text() {
    replay("clean_text", checks::clean_text);
}

#[test]
fn saved_crashes_clean_html() {
    replay("clean_html", checks::clean_html);
}

#[test]
fn saved_crashes_rule_set() {
    replay("rule_set", checks::rule_set);
}

#[test]
fn saved_crashes_clean_with_rules() {
    replay("clean_with_rules", checks::clean_with_rules);
}

/// The invariants hold on every test page, and every bundled rule file round-trips.
#[test]
fn invariants_hold_on_test_pages() {
    for path in files_under(Path::new("testdata")) {
        let name = path.to_string_lossy();
        if name.contains("testdata/fuzz/") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        if name.ends_with(".toml") {
            checks::rule_set(&data);
        } else if name.ends_with(".html") {
            checks::clean_html(&data);
        } else if name.ends_with(".txt") {
            checks::clean_text(&data);
            checks::text_idempotent(&data);
        }
    }
    for rules in ["rules/devdiscourse.toml", "rules/generic.toml"] {
        checks::rule_set(&std::fs::read(rules).unwrap());
        let mut data = std::fs::read(rules).unwrap();
        data.push(0);
        data.extend(std::fs::read("testdata/devdiscourse/001_49e7fa0b8c2722ee.txt").unwrap());
        checks::clean_with_rules(&data);
    }
}
