//! The article region: the run of units with the most prose, net of the chrome inside it.
//!
//! Each unit weighs its length: positive for prose, negative for chrome. The heaviest
//! contiguous run (Kadane's maximum subarray) is the article; a rail heading ("Related",
//! "Most read", "Comments"…) weighs heavily against running through it.

use crate::heuristics::here;
use std::sync::LazyLock;

use regex::Regex;

/// Weight of a chrome unit, per effective character (with a floor per unit).
pub(crate) const BAD_WEIGHT: f32 = 0.5;
pub(crate) const BAD_FLOOR: f32 = 25.0;
/// A further run joins the article when it weighs at least this share of the main run.
pub(crate) const SECOND_FRACTION: f32 = 0.3;
/// Weight of a rail heading.
pub(crate) const RAIL_WEIGHT: f32 = 1200.0;

/// Prose (effective characters) that must precede a rail heading for it to count.
pub(crate) const RAIL_AFTER: f32 = 300.0;
/// A rail heading closes the prose before it when a prose unit is at most this many units
/// before it.
pub(crate) const RAIL_REACH: usize = 15;
/// Factor on the weight of prose after such a rail heading.
pub(crate) const RAIL_DISCOUNT: f32 = 0.25;
/// Factor after a heading that ends articles (comments, related stories): a comment thread
/// can be many times longer than the article.
pub(crate) const ENDS_DISCOUNT: f32 = 0.1;

/// Headings that open a rail, a comment section or a footer, in the covered languages.
/// They are site furniture, the same on every site; never article text.
static RAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:",
        // English
        r"related(?: (?:articles?|stories|posts|news|links|content|coverage|topics|reading|videos?))?",
        r"|more (?:from|on|in|about|stories|news|headlines|articles|top stories)(?: .{0,40})?",
        r"|most (?:read|popular|viewed|shared|commented|emailed|e-mailed|watched)(?: (?:stories|articles|now|today|this week))?",
        r"|trending(?: now| stories| topics)?|popular(?: now| stories| posts| articles)?",
        r"|(?:you|we think you) (?:may|might|will) (?:also )?(?:like|enjoy|be interested in)",
        r"|recommended(?: for you| stories| articles| reading)?|editor'?s? picks?|top stories|latest (?:news|stories|posts|headlines|articles)",
        // A section's list of its other stories ("B.C. Headlines", "World Headlines": its
        // name in capitals, not "Between the headlines"), the links a story points to.
        r"|(?:more )?(?-i:[A-Z&][\w.&'-]* ){0,3}headlines|(?:external|internal|related) links",
        r"|(?:\d+ )?comments?(?: \(\d+\))?|\d+ comments? so far\W*|comments \(\d+ of \d+\)|(?:leave|post|add|write|submit) (?:(?:a|your) )?(?:reply|comments?)(?: here| below| (?:about|on) this (?:story|article|post))?|comments? (?:on|about) this (?:story|article|post|entry)|(?:readers?'?|users?'?|your) (?:comments|views|reactions|feedback)(?: \(\d+\))?|(?:discuss|comment on) this (?:story|article|post)|talkback|what do you think\??|(?:view|read|see|show) all comments|comments? (?:are|is) (?:now )?closed(?: for this (?:story|article|post|entry))?|(?:have )?your say|join the (?:discussion|conversation)|discussion",
        r"|(?:read|see) also|also (?:read|on|in)|further reading|share this(?: article| story| post)?",
        r"|about the author|tags?|filed under|categories|archives|(?:latest|recent) (?:comments|posts|entries)",
        // German
        r"|mehr zum thema|(?:ähnliche|verwandte) (?:artikel|themen|beiträge)|meistgelesen|meist gelesen|kommentare?|das könnte sie auch interessieren|lesen sie auch|weitere (?:artikel|nachrichten|meldungen)",
        // French
        r"|articles? (?:similaires|liés|connexes)|(?:à|a) lire aussi|lire aussi|commentaires?|les plus (?:lus|populaires|commentés)|sur le même sujet",
        // Spanish and Portuguese
        r"|noticias relacionadas|comentarios|lo más (?:leído|visto)|te puede interesar|más noticias|notícias relacionadas|comentários|mais lidas|leia também|veja também",
        // Italian
        r"|articoli correlati|commenti|i più letti|leggi anche|potrebbe interessarti",
        // Dutch
        r"|gerelateerde artikelen|reacties|meest gelezen|lees ook|meer nieuws",
        // Russian
        r"|комментарии|похожие (?:статьи|новости)|читайте также|популярное|самое читаемое",
        r")\s*(?:[:»›>!]|\.\.\.|…)*$"
    ))
    .expect("rail regex compiles")
});

/// Rail headings that open a comment section: they end an article wherever they are.
const ENDS_COMMENTS: &str = concat!(
    r"(?:\d+ )?comments?(?: \(\d+\))?|(?:leave|post|add|write|submit) (?:(?:a|your) )?(?:reply|comments?)(?: here| below| (?:about|on) this (?:story|article|post))?|comments? (?:on|about) this (?:story|article|post|entry)|(?:readers?'?|users?'?|your) (?:comments|views|reactions|feedback)(?: \(\d+\))?|(?:discuss|comment on) this (?:story|article|post)|talkback|what do you think\??|comments \(\d+ of \d+\)|\d+ comments? so far\W*|comments? (?:are|is) (?:now )?closed(?: for this (?:story|article|post|entry))?|(?:have )?your say",
    r"|kommentare|commentaires|comentarios|commenti|comentários|reacties|комментарии",
);

/// Rail headings of a list of other stories: they end an article wherever they are too. A
/// section's headlines ("MORE B.C. HEADLINES »") are one: each teaser, a headline run into
/// its summary, reads as prose, and the list can outweigh a good part of the article.
const ENDS_LISTS: &str = r"related (?:articles|stories|posts|news)|more stories|most (?:read|popular|viewed)|(?:more )?(?-i:[A-Z&][\w.&'-]* ){0,3}headlines";

/// Rail headings that end an article wherever they are: comment sections and related lists.
static ENDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:{ENDS_COMMENTS}|{ENDS_LISTS}){ENDS_TAIL}"
    ))
    .expect("end regex compiles")
});

/// What may close such a heading: a colon, or the arrow of a link ("MORE HEADLINES »").
const ENDS_TAIL: &str = r"\s*(?:[:»›>!]|\.\.\.|…)*$";

/// The headings of [`ENDS`] that head a list of other stories.
static LISTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:{ENDS_LISTS}){ENDS_TAIL}")).expect("list regex compiles")
});

/// A run of prose after a list heading at least this many times heavier than all the prose
/// before it makes the heading one of a list above the article (see `text::label`).
pub(crate) const TEASERS_RATIO: f32 = 3.0;

/// Whether a rail heading heads a list of other stories ("Related Stories", "Most read"):
/// one of the headings of [`ends_article`] that open no comment section.
pub(crate) fn lists_stories(text: &str) -> bool {
    text.len() <= 60 && here!(LISTS).with(|r| r.is_match(text))
}

/// For each index `i`, the weight of the heaviest run of `weights[i..]` (0 when no weight
/// there is positive).
pub(crate) fn heaviest_ahead(weights: &[f32]) -> Vec<f32> {
    let mut out = vec![0.0f32; weights.len() + 1];
    let mut run = 0.0f32;
    for i in (0..weights.len()).rev() {
        run = weights[i] + run.max(0.0);
        out[i] = out[i + 1].max(run);
    }
    out
}

/// Signature lines of comment threads: "Posted by: name | date time", "name wrote:".
static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:(?:[-—–] ?)?(?:posted|written|submitted|commented|comment) by:? .{1,80}\d{1,2}:\d{2}.{0,30}",
        // "BY NAME AT 01/08/08 05:30 PM", "By Jane Doe, at 3:09 PM": a name and when.
        r"|by (?:\S+ ){0,3}\S+,? (?:at|on|@) .{0,24}\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?",
        // A name of a few words: "In a wide-ranging interview, President Obama also said:"
        // introduces a quote in an article.
        r"|(?:\S+ ){0,5}\S+ (?:wrote|said|says|schrieb|a écrit|escribió|ha scritto|escreveu|schreef)\s*:",
        r"|(?:reply|report abuse|report comment|recommend|permalink)",
        r")$"
    ))
    .expect("signature regex compiles")
});

/// Weight of a comment signature line: comments separated by signatures do not join the
/// article.
pub(crate) const SIGNATURE_WEIGHT: f32 = 300.0;

/// Whether a short line is the signature of a comment.
pub(crate) fn is_signature(text: &str) -> bool {
    // Every signature holds a colon but the one-word ones ("Reply", "Report comment": 14
    // bytes, no more with case-folded look-alikes): the memchr test spares the regex (whose
    // `.{1,50}` scans the line) on most lines.
    text.len() <= 140
        && (text.len() <= 16 || memchr::memchr(b':', text.as_bytes()).is_some())
        && here!(SIGNATURE).with(|r| r.is_match(text))
}

/// Whether a rail heading ends the article even inside the heaviest run.
pub(crate) fn ends_article(text: &str) -> bool {
    text.len() <= 60 && here!(ENDS).with(|r| r.is_match(text))
}

/// Whether a short unit's text is a rail heading.
pub(crate) fn is_rail_heading(text: &str) -> bool {
    // At most eight words: at most seven spaces.
    text.len() <= 80
        && memchr::memchr_iter(b' ', text.as_bytes()).nth(7).is_none()
        && here!(RAIL).with(|r| r.is_match(text))
}

/// The heaviest run `[start, end)` of `weights`, or `None` when no weight is positive.
pub(crate) fn heaviest(weights: &[f32]) -> Option<(usize, usize, f32)> {
    let mut best: Option<(usize, usize, f32)> = None;
    let mut sum = 0.0f32;
    let mut start = 0usize;
    for (i, &w) in weights.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += w;
        if sum > 0.0 && best.is_none_or(|(_, _, b)| sum > b) {
            best = Some((start, i + 1, sum));
        }
    }
    best
}

/// Compile this module's regexes now (see [`crate::heuristics::warm_up`]).
pub(crate) fn force_rail() {
    LazyLock::force(&RAIL);
}

pub(crate) fn force_ends() {
    LazyLock::force(&ENDS);
}

pub(crate) fn force_lists() {
    LazyLock::force(&LISTS);
}

pub(crate) fn force_signature() {
    LazyLock::force(&SIGNATURE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heaviest_run() {
        assert_eq!(
            heaviest(&[-5.0, 3.0, -1.0, 4.0, -10.0, 2.0]),
            Some((1, 4, 6.0))
        );
        assert_eq!(heaviest(&[-1.0, -2.0]), None);
        assert_eq!(heaviest(&[]), None);
    }

    #[test]
    fn heaviest_run_ahead() {
        let w = [-5.0, 3.0, -1.0, 4.0, -10.0, 2.0];
        assert_eq!(heaviest_ahead(&w), vec![6.0, 6.0, 4.0, 4.0, 2.0, 2.0, 0.0]);
        assert_eq!(heaviest_ahead(&[]), vec![0.0]);
    }

    #[test]
    fn story_lists_are_the_ends_that_open_no_comments() {
        for t in ["Related Stories:", "Most read", "More stories"] {
            assert!(lists_stories(t) && ends_article(t), "{t}");
        }
        for t in ["Comments (3)", "Leave a Reply", "Related"] {
            assert!(!lists_stories(t), "{t}");
        }
    }

    /// The cheap tests before the regexes only spare them work: on every line of the test
    /// pages and on lines made to sit at their edges, the answers are the regexes' own.
    #[test]
    fn gates_agree_with_the_regexes() {
        let mut lines: Vec<String> = Vec::new();
        for s in crate::test_pages() {
            lines.extend(s.lines().map(|l| crate::normalize_space(l).into_owned()));
        }
        let edges = [
            "Reply",
            "REPORT COMMENT",
            "Report abu\u{17f}e",
            "Permalin\u{212a}",
            "Recommend",
            "Jane Doe wrote:",
            "Posted by: Jane | 12 May 2024 10:31 AM",
            "one two three four five six seven eight",
            "Related Stories about nine words in this one line",
            "Related stories a b c d e",
            "More from the a b c d e f",
        ];
        lines.extend(edges.iter().map(|s| s.to_string()));
        let (mut signatures, mut rails) = (0, 0);
        for l in &lines {
            let sig = l.len() <= 140 && here!(SIGNATURE).with(|r| r.is_match(l));
            assert_eq!(is_signature(l), sig, "{l:?}");
            let rail = l.len() <= 80
                && l.split(' ').nth(8).is_none()
                && here!(RAIL).with(|r| r.is_match(l));
            assert_eq!(is_rail_heading(l), rail, "{l:?}");
            signatures += usize::from(sig);
            rails += usize::from(rail);
        }
        // The edges hold matches of both, so the comparison saw both answers.
        assert!(signatures >= 6 && rails >= 2, "{signatures} {rails}");
    }

    #[test]
    fn signatures_are_short_names() {
        for t in [
            "Jane Doe wrote:",
            "Various other people wrote:",
            "1. Nancy Reyes Says:",
            "Posted by: Jane | 12 May 2024 10:31 AM",
            // The time before the date: the date may run on for a few words after it.
            "Posted by: Shaun of Wellington 5:22pm January 08, 2008",
            "Posted by: Ann 11:05 AM Wed, 14 September 2011",
            "BY TAROCHAN AT 01/08/08 05:30 PM",
            "By Kevin Schulman, at 3:09 PM",
            "Reply",
        ] {
            assert!(is_signature(t), "{t}");
        }
        for t in [
            "In a wide-ranging interview, President Obama also said:",
            "glittering with stars. Then he heaved a sigh and said:",
            "He said the talks would go on.",
            // A byline names no time; a time far from the line's end is a sentence's.
            "Posted by Jane Doe in Politics",
            "By Jane Doe, Political Editor",
            "Posted by the council at 9:30 on Monday, the notice said the road would reopen next week.",
        ] {
            assert!(!is_signature(t), "{t}");
        }
    }

    /// A list heading closes as an end heading does: with a colon or a link's arrow.
    #[test]
    fn list_headings_close_like_end_headings() {
        for t in [
            "More stories »",
            "MORE B.C. HEADLINES ›",
            // A section named with an ampersand.
            "MORE NFLD. & LABRADOR HEADLINES »",
            "Related articles:",
            "Most read",
        ] {
            assert!(ends_article(t), "{t}");
            assert!(lists_stories(t), "{t}");
        }
        for t in ["Comments »", "Comments (3)"] {
            assert!(ends_article(t), "{t}");
            assert!(!lists_stories(t), "{t}");
        }
    }

    #[test]
    fn rail_headings() {
        for t in [
            "Related Stories",
            "MOST READ",
            "Comments (12)",
            "Leave a Reply",
            "Lesen Sie auch:",
            "TRENDING",
            "À lire aussi",
            "Reader views (5)",
            "Discuss this Article",
            "What do you think?",
            "B.C. Headlines",
            "World Headlines",
            "MORE NFLD. & LABRADOR HEADLINES »",
            "External Links",
        ] {
            assert!(is_rail_heading(t), "{t}");
        }
        // Comment sections under other names end the article too.
        for t in [
            "Reader views (5)",
            "Discuss this Article",
            "What do you think?",
            "Add your comments...",
            "Post Comment",
            "Reader Feedback",
            "Comments on this story",
            "Have your say!",
            "Submit your comments about this article:",
        ] {
            assert!(is_rail_heading(t), "{t}");
            assert!(ends_article(t), "{t}");
        }
        // A link to the comments sits near the top of many articles: a rail heading that
        // ends nothing.
        assert!(is_rail_heading("Read all comments"));
        assert!(!ends_article("Read all comments"));
        for t in [
            "Related to the case, police said",
            "Trending upward, prices rose.",
            // A column's name, not a list of the section's stories.
            "Between the headlines",
        ] {
            assert!(!is_rail_heading(t), "{t}");
        }
    }
}
