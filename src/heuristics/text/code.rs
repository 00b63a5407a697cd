//! Code listings in page text: the `<pre>` blocks of technical articles, which a renderer
//! writes as runs of short lines with no blank line between them.
//!
//! A code line is too short and too poor in stop words to pass for prose, so a listing
//! between two paragraphs used to weigh as a run of chrome lines and cut the article in two.
//! A run of lines shaped like code weighs nothing in the region search instead, and inside
//! the article it is the article's. Minified script a renderer leaked into the page (long
//! lines of `a=b;c(d)`) is not a listing: every line of one is short.

use crate::page::Block;

/// Fewest lines of a listing.
const MIN_LINES: usize = 3;
/// Longest line (in bytes) of a listing: code is written for an editor window; leaked
/// minified script runs to hundreds of characters a line.
const MAX_LINE: usize = 120;

/// Whether one line is shaped like a line of code (its normalised text; indentation is
/// gone from the body a later look reads, so it is not asked for).
pub(crate) fn code_line(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > MAX_LINE {
        return false;
    }
    let b = t.as_bytes();
    // A shell prompt: "$ hg push". ("> " starts quoted mail and menu items as often.)
    if b.len() > 2 && b[0] == b'$' && b[1] == b' ' && b[2].is_ascii_alphabetic() {
        return true;
    }
    // Braces and statement ends: "if (res.ok) {", "});", "}", "return 0;".
    if matches!(b[0], b'{' | b'}' | b')' | b']')
        || matches!(b[b.len() - 1], b';' | b'{' | b'}' | b'(' | b'[')
    {
        return true;
    }
    // A call or a comment: "console.log(x)", "avg(n) AS lower_bound", "// cow.js".
    if t.starts_with("//") || t.starts_with("/*") {
        return true;
    }
    if b.windows(2)
        .any(|w| w[0].is_ascii_alphanumeric() && w[1] == b'(')
        && memchr::memchr(b')', b).is_some()
        && !t.contains(". ")
        && !t.ends_with(['.', '!', '?', ':'])
    {
        return true;
    }
    // SQL, in the capitals it is usually written in.
    const SQL: [&str; 10] = [
        "SELECT", "FROM", "WHERE", "WITH", "JOIN", "GROUP BY", "ORDER BY", "INSERT", "UPDATE",
        "CREATE",
    ];
    SQL.iter().any(|k| {
        t.strip_prefix(k)
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '(']))
    })
}

/// For each block, whether it belongs to a code listing: a run of at least [`MIN_LINES`]
/// one-line blocks of one paragraph, each on the line after the last, none longer than
/// [`MAX_LINE`] or laid out in columns, most of them ([`code_line`]) shaped like code.
pub(crate) fn listings(blocks: &[Block]) -> Vec<bool> {
    let mut out = vec![false; blocks.len()];
    let mut start = 0usize;
    let mut ok = true;
    let close = |out: &mut [bool], start: usize, end: usize, ok: bool| {
        let n = end - start;
        // The shape of each line is only read in runs long enough to be a listing.
        if ok && n >= MIN_LINES {
            let code = blocks[start..end]
                .iter()
                .filter(|b| code_line(b.text()))
                .count();
            if 2 * code > n {
                out[start..end].iter_mut().for_each(|c| *c = true);
            }
        }
    };
    for (i, b) in blocks.iter().enumerate() {
        let joined = i > 0 && {
            let p = &blocks[i - 1];
            p.para == b.para && p.last_line + 1 == b.first_line
        };
        if !joined {
            close(&mut out, start, i, ok);
            start = i;
            ok = true;
        }
        // A line with column gaps is a table layout laid side by side, no code.
        ok &= b.first_line == b.last_line && b.gaps == 0 && b.text().len() <= MAX_LINE;
    }
    close(&mut out, start, blocks.len(), ok);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(text: &str) -> Vec<bool> {
        let page = crate::Page::from_text(text);
        listings(page.blocks())
    }

    #[test]
    fn code_lines_are_told_from_prose() {
        for code in [
            "$ hg commit -m 'create new project'",
            "if (res.ok) {",
            "});",
            "return x + y;",
            "console.log(instance.exports.add(40, 2))",
            "SELECT avg(n)",
            "FROM unnest(array[2, 3]) AS n",
            "// cow.js",
        ] {
            assert!(code_line(code), "{code}");
        }
        for prose in [
            "The mean is ~4.33.",
            "Traditionally, your options are limited: either",
            "You may also pass a Request to the Request() constructor. It makes a copy.",
            "Home | About | Contact",
            ":: HOME",
            "> Home Office",
            "Photo by Ricardo Gomez Angel",
            "The former (see below) is less bad",
        ] {
            assert!(!code_line(prose), "{prose}");
        }
    }

    #[test]
    fn a_listing_is_a_run_of_short_code_lines() {
        let page = "Some prose here.\n\nvar req = new Request(\"/index.html\");\n\
                    console.log(req.method); // \"GET\"\n  \"Content-Type\": \"text/plain\",\n\
                    console.log(req.url);\n\nMore prose.\n";
        assert_eq!(listing(page), [false, true, true, true, true, false]);
    }

    #[test]
    fn two_code_lines_or_a_menu_are_no_listing() {
        // Two lines are too few; a menu of short lines has no code shape.
        assert!(!listing("if (a) {\n}\n").contains(&true));
        assert!(!listing("Home\nNews\nSport\nWeather\n").contains(&true));
        // A blank line ends a run: two runs of two lines are no listing.
        assert!(!listing("a();\nb();\n\nc();\nd();\n").contains(&true));
    }

    #[test]
    fn leaked_minified_script_is_no_listing() {
        let long = format!("var a=1;{}", "b(c);".repeat(30));
        let page = format!("{long}\n{long}\n{long}\n");
        assert!(!listing(&page).contains(&true));
    }
}
