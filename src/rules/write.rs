//! RuleSet → TOML, in the same format `from_toml` reads.
//!
//! Written by hand rather than through serde so that regexes come out as literal strings
//! (`'^\d+$'`, readable and copy-pasteable), keys come in a fixed order, and learned sets can
//! carry comments.

use std::fmt::Write;

use super::{Pattern, RuleSet};

pub(super) fn to_toml(set: &RuleSet) -> String {
    let mut out = String::new();
    if let Some(c) = &set.comment {
        comment(&mut out, c);
    }
    let _ = writeln!(out, "name = {}", string(&set.name));
    if let Some(d) = &set.description {
        let _ = writeln!(out, "description = {}", string(d));
    }
    if !set.hosts.is_empty() {
        let hosts: Vec<_> = set.hosts.iter().map(|h| string(h)).collect();
        let _ = writeln!(out, "hosts = [{}]", hosts.join(", "));
    }
    if !set.detect.is_empty() {
        out.push_str("\n[detect]\npatterns = [\n");
        for p in &set.detect {
            let _ = writeln!(out, "    {},", string(p.source()));
        }
        out.push_str("]\n");
        if let Some(min) = set.detect_min_written {
            let _ = writeln!(out, "min = {min}");
        }
    }
    for r in &set.rules {
        out.push('\n');
        if let Some(c) = &r.comment {
            comment(&mut out, c);
        }
        out.push_str("[[rule]]\n");
        let _ = writeln!(out, "id = {}", string(&r.id));
        if let Some(p) = &r.text {
            let _ = writeln!(out, "text = {}", pattern(p));
        }
        if let Some(s) = &r.selector {
            let _ = writeln!(out, "selector = {}", string(&s.source));
        }
        if let Some(k) = r.kind {
            let _ = writeln!(out, "kind = {}", string(k.as_str()));
        }
        for (key, anchor) in [
            ("after", r.after),
            ("before", r.before),
            ("same_as", r.same_as),
        ] {
            if let Some(i) = anchor {
                let _ = writeln!(out, "{key} = {}", string(&set.rules[i].id));
            }
        }
        if r.contiguous {
            out.push_str("contiguous = true\n");
        }
        if let Some(m) = r.max {
            let _ = writeln!(out, "max = {m}");
        }
        if let Some(m) = r.max_words {
            let _ = writeln!(out, "max_words = {m}");
        }
        if r.list {
            out.push_str("list = true\n");
        }
        let _ = writeln!(out, "action = {}", string(r.action.as_str()));
        if let Some(p) = &r.until {
            let _ = writeln!(out, "until = {}", pattern(p));
        }
    }
    out
}

fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        if line.is_empty() {
            out.push_str("#\n");
        } else {
            let _ = writeln!(out, "# {line}");
        }
    }
}

fn pattern(p: &Pattern) -> String {
    string(p.source())
}

/// A TOML string: literal (`'…'`) when possible, basic with escapes otherwise.
pub(crate) fn string(s: &str) -> String {
    if !s.contains('\'') && !s.chars().any(|c| c.is_control()) {
        format!("'{s}'")
    } else {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if c.is_control() => {
                    let _ = write!(out, "\\u{:04X}", c as u32);
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_through_toml() {
        for s in [
            "plain",
            r"^\d+ it's$",
            "tab\there",
            "quote\"back\\slash",
            "\u{7f}x",
        ] {
            let doc = format!("v = {}", string(s));
            let v: toml::Table = toml::from_str(&doc).unwrap();
            assert_eq!(v["v"].as_str(), Some(s), "{doc}");
        }
    }
}
