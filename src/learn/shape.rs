//! Line shapes: a regex that a line and its siblings on other pages share, with digits, dates
//! and free-text fields (names, places) generalised, and named captures for the varying parts.
//!
//! A shape is computed from one line alone, so lines of different pages with the same shape
//! produce the same regex source, which is then counted like a line.

use std::sync::LazyLock;

use regex::Regex;

/// Lines longer than this many words get no shape: they are prose.
const MAX_SHAPE_WORDS: usize = 30;
/// A `Label: value` line (not split by `|`) gets a shape only up to this many words.
const MAX_LABEL_LINE_WORDS: usize = 12;
/// A `By Name` line gets a shape only up to this many words.
const MAX_BY_WORDS: usize = 10;

static DATES: LazyLock<Regex> = LazyLock::new(|| {
    const MON: &str = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*";
    Regex::new(&format!(
        r"(?P<iso>\b\d{{4}}-\d{{2}}-\d{{2}}\b)|(?P<dmy>\b\d{{2}}-\d{{2}}-\d{{4}}\b)|(?P<slash>\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b)|(?P<mdy>\b{MON}\.? \d{{1,2}}, \d{{4}}\b)|(?P<dmy2>\b\d{{1,2}} {MON}\.? \d{{4}}\b)|(?P<time>\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?\b)"
    ))
    .expect("static regex")
});

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Lu}\p{L}*(?: \p{L}+){0,2}):\s*(\S.*)$").expect("static regex")
});

/// Allocates unique, valid capture names.
#[derive(Default)]
pub(crate) struct Names {
    used: Vec<String>,
}

impl Names {
    pub(crate) fn take(&mut self, base: &str) -> String {
        let mut slug: String = base
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        slug = slug.trim_matches('_').to_string();
        while slug.contains("__") {
            slug = slug.replace("__", "_");
        }
        if slug.is_empty() || !slug.starts_with(|c: char| c.is_ascii_alphabetic()) {
            slug = format!("f_{slug}");
        }
        slug.truncate(24);
        let mut name = slug.clone();
        let mut k = 2;
        while self.used.contains(&name) {
            name = format!("{slug}{k}");
            k += 1;
        }
        self.used.push(name.clone());
        name
    }
}

/// `s` as a regex with digit runs generalised; dates (and times) become date-shaped classes,
/// and dates are captured under `date` when `capture` is set.
pub(crate) fn digits(s: &str, names: &mut Names, capture: bool) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut last = 0;
    for caps in DATES.captures_iter(s) {
        let m = caps.get(0).expect("group 0");
        plain_digits(&s[last..m.start()], &mut out);
        let (form, is_date) = if caps.name("iso").is_some() {
            (r"\d{4}-\d{2}-\d{2}", true)
        } else if caps.name("dmy").is_some() {
            (r"\d{2}-\d{2}-\d{4}", true)
        } else if caps.name("slash").is_some() {
            (r"\d{1,2}/\d{1,2}/\d{2,4}", true)
        } else if caps.name("mdy").is_some() {
            (r"[A-Z][a-z]+\.? \d{1,2}, \d{4}", true)
        } else if caps.name("dmy2").is_some() {
            (r"\d{1,2} [A-Z][a-z]+\.? \d{4}", true)
        } else {
            (r"\d{1,2}:\d{2}(?::\d{2})?", false)
        };
        if is_date && capture {
            let name = names.take("date");
            out.push_str(&format!("(?<{name}>{form})"));
        } else {
            out.push_str(form);
        }
        last = m.end();
    }
    plain_digits(&s[last..], &mut out);
    out
}

fn plain_digits(s: &str, out: &mut String) {
    let mut run = String::new();
    let mut in_digits = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push_str(&escape(&run));
                run.clear();
                out.push_str(r"\d+");
                in_digits = true;
            }
        } else {
            in_digits = false;
            run.push(c);
        }
    }
    out.push_str(&escape(&run));
}

/// Escape regex syntax, leaving `-`, `#`, `&` and `~` (literal outside classes) readable.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

fn word_count(s: &str) -> usize {
    s.split(' ').filter(|w| !w.is_empty()).count()
}

/// Whether a `By …` line names people: "By" then a capitalised word.
fn by_line(s: &str) -> Option<&str> {
    let rest = s.strip_prefix("By ")?;
    rest.starts_with(|c: char| c.is_uppercase()).then_some(rest)
}

/// Whether a field is only a date, a time, digits and punctuation (and month names).
fn date_field(s: &str) -> bool {
    has_digit(s) && {
        let stripped = DATES.replace_all(s, "");
        !has_letter(&stripped)
            || stripped
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .all(|w| w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase()))
    }
}

enum Field {
    Free,
    Fixed(String),
}

/// The shape of a line: an anchored regex source with named captures, or `None` when the line
/// has no generalisable part (then only the line itself can recur).
///
/// Shapes, first that applies:
/// - fields split by ` | ` with at least one `Label: value`, `By Name` or date field:
///   labels stay literal, values are captured under the label's name, runs of free fields
///   (author, place) become one to three captured fields;
/// - `Label: value` (a short line);
/// - `By Name …` (a short line);
/// - a line with letters and digits: digits generalised, dates captured.
pub(crate) fn shape(text: &str) -> Option<String> {
    let words = word_count(text);
    if words > MAX_SHAPE_WORDS || text.is_empty() {
        return None;
    }
    let mut names = Names::default();
    if text.contains(" | ") {
        let parts: Vec<&str> = text.split(" | ").collect();
        if parts.len() <= 8 && parts.iter().all(|p| !p.is_empty()) {
            let mut fields = Vec::new();
            let mut fixed = 0;
            for p in &parts {
                if let Some(c) = LABEL.captures(p) {
                    let label = c.get(1).map_or("", |m| m.as_str());
                    let name = names.take(label);
                    fields.push(Field::Fixed(format!(
                        "{}: (?<{name}>[^|]+?)",
                        escape(label)
                    )));
                    fixed += 1;
                } else if by_line(p).is_some() {
                    let name = names.take("author");
                    fields.push(Field::Fixed(format!("By (?<{name}>[^|]+?)")));
                    fixed += 1;
                } else if date_field(p) {
                    fields.push(Field::Fixed(digits(p, &mut names, true)));
                    fixed += 1;
                } else if !has_letter(p) {
                    fields.push(Field::Fixed(digits(p, &mut names, false)));
                } else {
                    fields.push(Field::Free);
                }
            }
            if fixed > 0 {
                let mut out = String::from("^");
                let mut i = 0;
                let mut first = true;
                while i < fields.len() {
                    if !first {
                        out.push_str(r" \| ");
                    }
                    first = false;
                    match &fields[i] {
                        Field::Fixed(f) => {
                            out.push_str(f);
                            i += 1;
                        }
                        Field::Free => {
                            while i < fields.len() && matches!(fields[i], Field::Free) {
                                i += 1;
                            }
                            let a = names.take("field");
                            let b = names.take("field");
                            let c = names.take("field");
                            out.push_str(&format!(
                                r"(?<{a}>[^|]+?)(?: \| (?<{b}>[^|]+?))?(?: \| (?<{c}>[^|]+?))?"
                            ));
                        }
                    }
                }
                out.push('$');
                return Some(out);
            }
        }
    }
    if words <= MAX_LABEL_LINE_WORDS {
        if let Some(c) = LABEL.captures(text) {
            let label = c.get(1).map_or("", |m| m.as_str());
            let name = names.take(label);
            return Some(format!("^{}: (?<{name}>.+)$", escape(label)));
        }
    }
    if words <= MAX_BY_WORDS && by_line(text).is_some() {
        return Some("^By (?<author>.+)$".to_string());
    }
    if has_digit(text) && has_letter(text) {
        return Some(format!("^{}$", digits(text, &mut names, true)));
    }
    None
}

/// The regex for one literal line: exact, except that digits in a line with letters are
/// generalised (`© Copyright 2025` → `^© Copyright \d+$`) so next year's pages still match.
pub(crate) fn literal(text: &str) -> String {
    if has_digit(text) && has_letter(text) {
        format!("^{}$", digits(text, &mut Names::default(), false))
    } else {
        format!("^{}$", escape(text))
    }
}

/// A readable rule id from a regex source or a line: its literal words, lowercased.
pub(crate) fn id_from(source: &str) -> String {
    let mut words = String::new();
    let mut depth = 0usize;
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
                words.push(' ');
            }
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '[' | '{' => {
                let close = if c == '[' { ']' } else { '}' };
                for d in chars.by_ref() {
                    if d == close {
                        break;
                    }
                }
                words.push(' ');
            }
            c if depth == 0 && c.is_alphanumeric() => words.extend(c.to_lowercase()),
            _ if depth == 0 => words.push(' '),
            _ => {}
        }
    }
    let mut id = String::new();
    for w in words
        .split(' ')
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric()))
        .filter(|w| !(w.len() == 1 && "dwsb".contains(*w)))
        .take(5)
    {
        if id.len() + w.len() > 40 {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(w);
    }
    if id.is_empty() {
        "line".to_string()
    } else {
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(src: &str, s: &str) -> bool {
        Regex::new(src).unwrap().is_match(s)
    }

    #[test]
    fn bylines_with_and_without_place_share_a_shape() {
        let a = "Devdiscourse News Desk | Updated: 21-03-2025 08:10 IST | Created: 21-03-2025 08:10 IST";
        let b = "Reuters | Seoul | Updated: 02-04-2025 19:07 IST | Created: 02-04-2025 19:07 IST";
        let sa = shape(a).unwrap();
        let sb = shape(b).unwrap();
        assert_eq!(sa, sb);
        let re = Regex::new(&sa).unwrap();
        let c = re.captures(b).unwrap();
        assert_eq!(&c["field"], "Reuters");
        assert_eq!(&c["field2"], "Seoul");
        assert_eq!(&c["updated"], "02-04-2025 19:07 IST");
        assert!(re.captures(a).unwrap().name("field2").is_none());
    }

    #[test]
    fn dates_and_digits_generalise() {
        let s = shape("date 2025-03-21 Left Menu").unwrap();
        assert_eq!(s, r"^date (?<date>\d{4}-\d{2}-\d{2}) Left Menu$");
        assert_eq!(shape("date 2024-11-02 Left Menu").unwrap(), s);
        assert!(matches(
            &shape("Posted March 3, 2025").unwrap(),
            "Posted December 30, 2024"
        ));
        assert_eq!(literal("© Copyright 2025"), r"^© Copyright \d+$");
        assert_eq!(literal("1"), "^1$");
        assert_eq!(literal("a.b (c)"), r"^a\.b \(c\)$");
    }

    #[test]
    fn prose_gets_no_shape() {
        assert_eq!(shape("The minister said the plan would work."), None);
        assert_eq!(shape(&"word ".repeat(40)), None);
        assert_eq!(shape("By the end of the day it was over"), None);
        assert_eq!(shape("A | B | C"), None);
        assert!(shape("By Jane Doe").is_some());
    }

    #[test]
    fn ids_are_readable() {
        assert_eq!(
            id_from(r"^date (?<date>\d{4}-\d{2}-\d{2}) Left Menu$"),
            "date-left-menu"
        );
        assert_eq!(
            id_from(&shape("A B | Updated: 1 | Created: 2").unwrap()),
            "updated-created"
        );
        assert_eq!(
            id_from(r"^OPINION / BLOG / INTERVIEW$"),
            "opinion-blog-interview"
        );
        assert_eq!(id_from(r"^\d+$"), "line");
    }
}
