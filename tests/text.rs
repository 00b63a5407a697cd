//! Text input on sites no rule set knows: the heuristics of `src/heuristics/text/`.
//!
//! Snapshots of the ledger and the output of trimmed real pages (`testdata/text/`, provenance
//! in its README), paired with hand-checked lines that must stay or go (`expect.tsv`), and the
//! Devdiscourse pages cleaned with the generic rule set only.

use std::path::Path;

use dechrome::{Article, Cleaner, Label, Options, RuleSet};

fn generic_only() -> Cleaner {
    let generic = RuleSet::from_path(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/generic.toml"))
        .expect("generic rule set loads");
    Cleaner::builder()
        .builtin(false)
        .rule_set(generic)
        .build()
        .expect("cleaner builds")
}

fn clean(path: &Path) -> Article {
    let text = std::fs::read_to_string(path).expect("page reads");
    generic_only().clean(&text, &Options::default())
}

/// What a reviewer needs: title, meta, the ledger, then the body.
fn report(a: &Article) -> String {
    let mut s = String::new();
    s.push_str(&format!("title: {:?}\n", a.title()));
    for (k, v) in a.meta().iter() {
        s.push_str(&format!("meta {k}: {:?}\n", v.as_str()));
    }
    s.push_str("--- removed\n");
    for r in a.removed() {
        let (l1, l2) = r.lines();
        let rule = r.rule().split('(').next().unwrap_or("");
        s.push_str(&format!(
            "{l1:>4}-{l2:<4} {:<7} {rule:<28} {}\n",
            r.label(),
            r.text()
        ));
    }
    s.push_str("--- body\n");
    s.push_str(a.body());
    s.push('\n');
    s
}

#[test]
fn text_pages_snapshots() {
    insta::glob!("../testdata/text", "*.txt", |path| {
        insta::assert_snapshot!(report(&clean(path)));
    });
}

#[test]
fn text_pages_keep_and_drop_hand_checked_lines() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/text");
    let expect = std::fs::read_to_string(dir.join("expect.tsv")).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in expect
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut f = line.splitn(3, '\t');
        let (file, what, needle) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
        let a = clean(&dir.join(file));
        let blocks: Vec<_> = a
            .blocks()
            .filter(|b| b.block().line().contains(needle))
            .collect();
        if blocks.is_empty() {
            failures.push(format!("{file}: no line contains {needle:?}"));
            continue;
        }
        let in_body = blocks.iter().any(|b| b.label() == Label::Body);
        let ok = match what {
            "keep" => in_body,
            "drop" => !in_body,
            other => panic!("bad expectation kind {other}"),
        };
        if !ok {
            failures.push(format!("{file}: should {what} {needle:?}"));
        }
        checked += 1;
    }
    assert!(checked >= 20, "expectations were read");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn titles_and_languages_are_found() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/text");
    for (file, lang, title_start) in [
        ("en-wrapped-w3m.txt", "en", "The One to Watch"),
        ("es-lanacion-w3m.txt", "es", "Los pueblos indígenas"),
        ("fr-lemonde-inscriptis.txt", "fr", "Le projet de loi"),
        ("pt-folha-inscriptis.txt", "pt", "Na ocasião"),
        ("zh-gmw-inscriptis.txt", "zh", "宇航员在太空中喝酒"),
    ] {
        let a = clean(&dir.join(file));
        let got = a.meta().get("language").and_then(|v| v.as_str());
        assert_eq!(got, Some(lang), "{file}");
        let t = a.title().unwrap_or("");
        assert!(t.starts_with(title_start), "{file}: title {t:?}");
    }
    let a = clean(&dir.join("en-blog-comments-inscriptis.txt"));
    assert_eq!(
        a.meta().get("author").and_then(|v| v.as_str()),
        Some("Tobin Harshaw")
    );
}

/// Issue 7, point 4: without the Devdiscourse rules, the heuristics still drop the TRENDING
/// block, the opinion list and the footer of every Devdiscourse test page.
#[test]
fn devdiscourse_pages_without_their_rules() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/devdiscourse");
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        pages += 1;
        let a = clean(&path);
        assert_eq!(a.site(), None, "{path:?}: no site set may apply");
        assert!(!a.body().is_empty(), "{path:?}: the article is kept");
        let blocks: Vec<_> = a.blocks().collect();
        let start_of = |t: &str| blocks.iter().position(|b| b.block().text() == t);
        for marker in ["TRENDING", "OPINION / BLOG / INTERVIEW"] {
            if let Some(i) = start_of(marker) {
                for b in &blocks[i..] {
                    assert_ne!(
                        b.label(),
                        Label::Body,
                        "{path:?}: line {} after {marker} is body: {}",
                        b.block().lines().0,
                        b.block().line()
                    );
                }
            }
        }
        let last = blocks.last().unwrap();
        assert!(
            last.block().text().starts_with('©') && last.label() == Label::Chrome,
            "{path:?}: the footer goes"
        );
    }
    assert!(pages >= 2);
}

#[test]
fn odd_inputs_do_not_panic_and_short_pages_are_kept() {
    let c = generic_only();
    let long_line = "word ".repeat(50_000);
    let many_lines = "a\n".repeat(20_000);
    for input in [
        "",
        "\n\n\n",
        "x",
        "|||| | | |",
        "[ ] [ ] [Search]",
        long_line.as_str(),
        many_lines.as_str(),
        "日本語のテキストです。",
        "مرحبا بالعالم",
        "\u{feff}\u{200b}",
    ] {
        let a = c.clean(input, &Options::default());
        let _ = a.to_json();
    }
    let a = c.clean("One short line.\n\nAnother.\n", &Options::default());
    assert_eq!(a.body(), "One short line.\n\nAnother.");
}

/// A news page written for this test: menu, headline, prose, then the story's own short last
/// line, then the footer.
fn story(last: &str) -> String {
    story_with("", last)
}

/// [`story`] with a `lede` line between the headline and the prose.
fn story_with(lede: &str, last: &str) -> String {
    let prose = PIER;
    format!(
        "* Home\n* News\n* Sport\n* Weather\n\nOld pier to be rebuilt after storm damage\n\n{lede}\n\n\
         {}\n\n{last}\n\nShare this story\n\nHome | News | Sport | Contact\n\nSubscribe to our newsletter\n",
        prose.join("\n\n")
    )
}

/// Clean a [`story_with`] page and check that `line` is kept, the menu and footer are not, and
/// the cleaned body cleans to itself.
fn keeps(c: &Cleaner, page: &str, line: &str) -> Article {
    let a = c.clean(page, &Options::default());
    assert!(a.body().contains(line), "{line:?} lost:\n{}", a.body());
    for chrome in ["Share this story", "Home | News", "Subscribe", "* Weather"] {
        assert!(!a.body().contains(chrome), "{chrome:?} kept:\n{}", a.body());
    }
    let again = c.clean(a.body(), &Options::default());
    assert_eq!(again.body(), a.body());
    a
}

#[test]
fn a_short_last_sentence_after_the_prose_is_kept() {
    let c = generic_only();
    for last in [
        "The board meets again in March.",
        "Reporting by Anna Berg; editing by Carl Dahl.",
        "\"We are delighted,\" she said.",
    ] {
        keeps(&c, &story(last), last);
    }
    // Not a sentence, a link row, a renderer artefact or a copyright line: still dropped.
    for last in [
        "Brought to you by AAP",
        "[Image] The old pier in the spring.",
        "Print | Email | Share this article.",
        "All content © 2024 Harbour News Ltd.",
    ] {
        let a = c.clean(&story(last), &Options::default());
        assert!(!a.body().contains(last), "{last:?} kept:\n{}", a.body());
    }
}

#[test]
fn a_short_first_sentence_under_the_title_is_kept() {
    let c = generic_only();
    for lede in [
        "The town will pay half of the cost.",
        "HARBOURTON (AP) - It is finally happening.",
    ] {
        let a = keeps(&c, &story_with(lede, "Share this"), lede);
        assert_eq!(a.title(), Some("Old pier to be rebuilt after storm damage"));
    }
    // A line without a sentence end stays out.
    let a = c.clean(
        &story_with("Photo gallery", "Share this"),
        &Options::default(),
    );
    assert!(!a.body().contains("Photo gallery"), "{}", a.body());
}

/// A short sentence inside the article between a prose paragraph and a list of figures: its
/// neighbours made it chrome, but it reads as a sentence of the article. A line there that
/// is no sentence still goes.
#[test]
fn a_short_sentence_inside_the_article_is_kept() {
    let c = generic_only();
    let page = |line: &str| {
        format!(
            "* Home\n* News\n* Sport\n* Weather\n\nOld pier to be rebuilt after storm damage\n\n\
             The harbour board voted on Monday to rebuild the old pier, which has been closed to \
             visitors since a storm damaged its wooden deck in the spring of last year.\n\n\
             Work is expected to begin in the autumn and to last about eighteen months, the board \
             said, and the cost will be shared between the town and the regional government.\n\n\
             {line}\n\n* Cost 2019: 1,200,000\n* Cost 2024: 3,400,000\n\n\
             Local shop owners welcomed the decision, saying that the pier had drawn thousands of \
             visitors every summer before it was closed and that trade had suffered since then.\n\n\
             Share this story\n\nHome | News | Sport | Contact\n"
        )
    };
    let line = "The board gave its reasons in a short statement.";
    keeps(&c, &page(line), line);
    for line in ["Costs | Charts | Photos", "[Chart] The cost of the works."] {
        let a = c.clean(&page(line), &Options::default());
        assert!(!a.body().contains(line), "{line:?} kept:\n{}", a.body());
    }
}

/// A page whose article is `parts` (paragraphs, blank lines between them), with a menu
/// above and a footer below.
fn article_of(parts: &[&str]) -> String {
    format!(
        "* Home\n* News\n* Sport\n* Weather\n\nOld pier to be rebuilt after storm damage\n\n{}\n\n\
         Share this story\n\nHome | News | Sport | Contact\n",
        parts.join("\n\n")
    )
}

const PIER: [&str; 3] = [
    "The harbour board voted on Monday to rebuild the old pier, which has been closed to \
     visitors since a storm damaged its wooden deck in the spring of last year.",
    "Work is expected to begin in the autumn and to last about eighteen months, the board \
     said, and the cost will be shared between the town and the regional government.",
    "Local shop owners welcomed the decision, saying that the pier had drawn thousands of \
     visitors every summer before it was closed and that trade had suffered since then.",
];

/// A sentence the article says twice (a pull quote) is no repeated page furniture; a
/// repeated line that is no sentence still goes.
#[test]
fn a_sentence_repeated_inside_the_article_is_kept() {
    let c = generic_only();
    let quote = "\"We have waited long enough,\" she said.";
    let page = article_of(&[PIER[0], quote, PIER[1], quote, PIER[2]]);
    let a = keeps(&c, &page, quote);
    assert_eq!(a.body().matches(quote).count(), 2, "{}", a.body());
    let label = "Photo gallery";
    let page = article_of(&[PIER[0], label, PIER[1], label, PIER[2]]);
    let a = c.clean(&page, &Options::default());
    assert!(!a.body().contains(label), "{}", a.body());
}

/// A subheading inside the article, with prose before it and a list of figures between it
/// and the next prose, is kept; a list item shaped like it is not.
#[test]
fn a_subheading_inside_the_article_is_kept() {
    let c = generic_only();
    let figures = "* 2019: 1,200,000\n* 2024: 3,400,000";
    let heading = "What the works will cost";
    let page = article_of(&[PIER[0], PIER[1], heading, figures, PIER[2]]);
    keeps(&c, &page, heading);
    let item = "* What the works will cost";
    let page = article_of(&[PIER[0], PIER[1], item, figures, PIER[2]]);
    let a = c.clean(&page, &Options::default());
    assert!(!a.body().contains("What the works"), "{}", a.body());
}

/// Paragraphs of a longer article for [`related_list_above`]: many times the teaser's prose.
const BRIDGE: [&str; 9] = [
    "The county council approved the new bridge over the river on Tuesday evening, ending a \
     debate that had divided the two towns on either bank for more than ten years.",
    "Engineers will start by building the two piers in the middle of the river next spring, \
     when the water is low, and the steel deck will be lifted into place a year later.",
    "The old ferry, which has carried cars and people across the river since before the war, \
     will keep running until the bridge opens and will then be sold to a museum.",
    "Residents who spoke at the meeting said that the queues for the ferry in the summer had \
     grown so long that some of them now drove an hour upstream to cross instead.",
    "Others warned that the bridge would bring more traffic through the narrow streets of the \
     old town, and the council promised to study a bypass before the work is finished.",
    "The cost of the bridge, which the council put at forty million, will be shared with the \
     national roads agency, which agreed last month to pay more than half of it.",
    "A group of fishermen asked the council to make sure that the piers would leave enough \
     room for their boats to pass, and the engineers said that the design already did so.",
    "The mayor of the town on the northern bank said that she had waited for this vote for \
     most of her working life and that she hoped to be the first to walk across it.",
    "The bridge is expected to open in three years, if the weather allows the work on the \
     piers to go ahead as planned, and tolls will not be charged for crossing it.",
];

/// A page with the teaser of another story and a "Related Stories" list above the article,
/// or (`heading` a comment heading) a short article followed by a long comment thread.
fn related_list_above(heading: &str) -> String {
    format!(
        "* Home\n* News\n* Sport\n* Weather\n\n\
         In this week's podcast our reporters look back at the storm that closed the old pier, \
         talk to the shop owners who lost a summer of trade, and ask the harbour board what it \
         will do now that the repairs will cost twice what it first thought. We also hear from the \
         fishermen who moor their boats beside the pier and who say they were never asked about the \
         plans at all. You can listen to the whole episode below.\n\n\
         {heading}\n\n* Pier to reopen in May\n* Storm damage costs rise\n* Ferry timetable\n\n\
         Newsletters | Podcasts | Photos\n\nBridge over the river wins approval\n\n{}\n\n\
         Share this story\n\nHome | News | Sport | Contact\n",
        BRIDGE.join("\n\n")
    )
}

/// Teasers of other stories above a "Related Stories" heading do not outweigh the article
/// below it when the article has many times their prose; after a comment heading, the long
/// prose is the thread and the short article before it stays the article.
#[test]
fn a_related_list_above_a_much_longer_article_does_not_end_it() {
    let c = generic_only();
    let a = keeps(&c, &related_list_above("Related Stories:"), BRIDGE[0]);
    assert!(a.body().contains(BRIDGE[8]), "{}", a.body());
    assert!(!a.body().contains("podcast"), "{}", a.body());
    let a = c.clean(&related_list_above("Comments"), &Options::default());
    assert!(a.body().contains("podcast"), "{}", a.body());
    assert!(!a.body().contains(BRIDGE[0]), "{}", a.body());
}

/// A comment section under a heading of readers' views ends the article: the thread after
/// it, longer than the article, is dropped.
#[test]
fn a_thread_of_reader_views_after_the_article_is_dropped() {
    let c = generic_only();
    for heading in [
        "Reader views (3)",
        "Discuss this article",
        "What do you think?",
    ] {
        let thread = format!(
            "{heading}\n\n{}\n\n- Anna, Harbourton\n\n{}\n\n- Carl, Bridgeford\n\n{}\n\n- Erik, London",
            BRIDGE[0..3].join(" "),
            BRIDGE[3..6].join(" "),
            BRIDGE[6..9].join(" ")
        );
        let page = article_of(&[PIER[0], PIER[1], PIER[2], &thread]);
        let a = keeps(&c, &page, PIER[2]);
        assert!(!a.body().contains(BRIDGE[0]), "{heading}: {}", a.body());
    }
}

/// The lines of a post written one sentence a line, none long enough to be prose alone.
const LAKE: [&str; 7] = [
    "We drove up to the lake early on Sunday morning, and it was still dark when we got there at last.",
    "The road was quiet and the only light in the whole of the valley came from the farm at the end of it.",
    "By the time the sun was up we had put up the tent down by the water and made a pot of tea on the fire.",
    "It was a lot colder than we had thought it would be, so we sat in the car with the heater on for a while.",
    "In the afternoon the wind dropped at last and we took the boat out to the island and back again.",
    "My brother caught two fish, which he says is more than he has caught in all of the year so far.",
    "We will go back there in the spring, when the days are longer and the water in the lake is warmer.",
];

/// A blog page: a menu, the blog's one-paragraph blurb, then the post in short lines, each
/// its own paragraph (`bullet` before each: a list instead).
fn short_line_post(bullet: &str) -> String {
    let lines: Vec<String> = LAKE.iter().map(|l| format!("{bullet}{l}")).collect();
    format!(
        "* Home\n* Photos\n* Travel\n* About me\n\n\
         This is the diary of two brothers who like to spend their weekends by the water, and \
         who write down what they did so that they can remember it when they are old.\n\n\
         Archive | Photos | Contact\n\nSunday at the lake\n\n{}\n\n\
         Posted in Travel | 3 comments\n\n\u{a9} 2024 Lake Diary | Contact | Privacy\n",
        lines.join("\n\n")
    )
}

/// A post written one sentence a line has no line long enough to be prose alone, and each
/// line next to short ones would be chrome: a run of such lines is prose together. The
/// same lines as list items are a list (of teasers, as often as not) and stay chrome next
/// to the blurb that is the page's only prose.
#[test]
fn a_post_written_in_short_lines_is_kept() {
    let c = generic_only();
    let a = c.clean(&short_line_post(""), &Options::default());
    for l in LAKE {
        assert!(a.body().contains(l), "{l}: {}", a.body());
    }
    assert!(!a.body().contains("About me"), "{}", a.body());
    assert!(!a.body().contains("Lake Diary"), "{}", a.body());
    let a = c.clean(&short_line_post("* "), &Options::default());
    assert!(a.body().contains("diary of two brothers"), "{}", a.body());
    for l in LAKE {
        assert!(!a.body().contains(l), "{l}: {}", a.body());
    }
}

/// A technical post: prose, a code listing, prose, a second listing, prose. Each listing
/// is a run of short lines that no neighbour makes prose.
fn post_with_listings(first: &[&str], second: &[&str]) -> String {
    format!(
        "* Home\n* Blog\n* Talks\n* About\n\nCounting rows without counting them\n\n\
         Counting the rows of a large table is slow in most databases, because the count has \
         to visit every row that the current transaction is allowed to see, and there are \
         cheaper ways to get an answer that is good enough for a dashboard.\n\n{}\n\n\
         The planner keeps an estimate of the number of rows in each table, which it updates \
         whenever the table is analysed, and reading it costs almost nothing at all.\n\n{}\n\n\
         The estimate can be off by a few percent after many updates, so run an analyse first \
         when you need the figure to be close, and keep the real count for the reports.\n\n\
         Share on Twitter | Share on LinkedIn\n\n\u{a9} 2024 Some Blog | Privacy | Contact\n",
        first.join("\n"),
        second.join("\n")
    )
}

/// A code listing between paragraphs is the article's: it neither cuts the article in two
/// nor goes as chrome. Other listings, other languages, other lengths.
#[test]
fn a_code_listing_inside_the_article_is_kept() {
    let c = generic_only();
    let sql: &[&str] = &[
        "SELECT reltuples::bigint AS estimate",
        "FROM pg_class",
        "WHERE relname = 'events';",
    ];
    let js: &[&str] = &[
        "function estimate(table) {",
        "  return db.query(`select reltuples from pg_class where relname = $1`, [table])",
        "    .then(function (res) {",
        "      console.log(res.rows[0]);",
        "    });",
        "}",
    ];
    let shell: &[&str] = &[
        "$ psql -c 'analyze events'",
        "$ psql -c 'select count(*) from events'",
        "  count",
        "$ psql -f estimate.sql",
    ];
    for (first, second) in [(sql, js), (js, shell), (shell, sql)] {
        let page = post_with_listings(first, second);
        let a = c.clean(&page, &Options::default());
        for l in first.iter().chain(second) {
            assert!(a.body().contains(l.trim()), "{l:?} lost:\n{}", a.body());
        }
        for chrome in ["* Talks", "Share on Twitter", "Some Blog"] {
            assert!(!a.body().contains(chrome), "{chrome:?} kept:\n{}", a.body());
        }
        assert!(
            a.body().contains("Counting the rows of a large table"),
            "{}",
            a.body()
        );
        let again = c.clean(a.body(), &Options::default());
        assert_eq!(again.body(), a.body());
    }
}

/// A section's list of its other stories after the article ("Canada Headlines", then each
/// story's headline and summary run into one long line) is a rail, however long its lines.
#[test]
fn a_list_of_the_sections_headlines_after_the_article_is_dropped() {
    let c = generic_only();
    let teasers = [
        "Ferry fares to rise in spring The ferry company said on Tuesday that fares on all of \
         its routes would rise by four per cent in the spring, the second rise in a year.",
        "New school opens in the valley Pupils in the valley started the term in a new school \
         on Monday, after two years of lessons in rooms borrowed from the church hall.",
        "Council approves budget for roads The council approved a budget that doubles what it \
         spends on repairs to roads, after a winter that left many of them full of holes.",
    ];
    for heading in ["Canada Headlines", "B.C. Headlines", "External Links"] {
        let page = article_of(&[PIER[0], PIER[1], PIER[2], heading, &teasers.join("\n\n")]);
        let a = c.clean(&page, &Options::default());
        assert!(a.body().contains(PIER[2]), "{}", a.body());
        for t in [heading, "Ferry fares", "New school", "Council approves"] {
            assert!(!a.body().contains(t), "{t:?} kept:\n{}", a.body());
        }
    }
}

/// A search form's `<select>` of film titles, flattened onto one line: hundreds of
/// capitalised words with a colon or a full stop here and there ("Tales: Part Two", "vs.").
fn film_select(titles: usize) -> String {
    const FILMS: [&str; 12] = [
        "The Long Winter",
        "Harbour Lights: The Return",
        "Seven Bridges of Marlow",
        "Red Kites Over Wales",
        "Captain Moss vs. The Tide",
        "A Night in Ghent",
        "Paper Boats",
        "The Glass Orchard",
        "Return to Fenwick Hall",
        "Winter Tales: Part Two",
        "The Last Lighthouse Keeper",
        "Twelve Miles of Fog",
    ];
    let mut line = String::from("Select Film");
    for i in 0..titles {
        line.push(' ');
        line.push_str(FILMS[i % FILMS.len()]);
        if i >= FILMS.len() {
            line.push_str(&format!(" {}", 2 + i / FILMS.len()));
        }
    }
    line
}

/// A flattened `<select>` longer than the article is a list of titles, not the article's
/// prose, even with some punctuation in it; the article after it is found.
#[test]
fn a_flattened_list_of_titles_before_the_article_is_dropped() {
    let c = generic_only();
    for titles in [40, 60, 90] {
        let select = film_select(titles);
        let page = article_of(&[
            "SEARCH FILMS:",
            &select,
            "SEARCH PLACES:",
            PIER[0],
            PIER[1],
            PIER[2],
        ]);
        let a = c.clean(&page, &Options::default());
        for p in PIER {
            assert!(
                a.body().contains(p),
                "{titles} titles, {p:?} dropped:\n{}",
                a.body()
            );
        }
        assert!(
            !a.body().contains("Select Film"),
            "{titles} titles:\n{}",
            a.body()
        );
    }
}

/// A section's headlines under a "MORE … HEADLINES »" heading, each a headline run into its
/// summary on one long line, with "more »" and section links between them: together they
/// outweigh a good part of the article, yet they are a list of other stories and end it.
#[test]
fn a_long_list_of_the_sections_headlines_with_summaries_is_dropped() {
    let c = generic_only();
    let teasers = [
        "Ferry fares to rise in spring The ferry company said on Tuesday that fares on all of \
         its routes would rise by four per cent in the spring, the second rise in a year, and \
         that the money would pay for two new boats on the northern routes.",
        "New school opens in the valley Pupils in the valley started the term in a new school \
         on Monday, after two years of lessons in rooms borrowed from the church hall while \
         the old building was pulled down and the new one was built on its site.",
        "Council approves budget for roads The council approved a budget that doubles what it \
         spends on repairs to roads, after a winter that left many of them full of holes and \
         drivers complaining about the damage to their cars in letters to the paper.",
        "Library to open on Sundays The town library will open on Sunday afternoons from next \
         month, the first time in its history, after a survey found that most of its readers \
         wanted to visit at the weekend but could not come on a Saturday morning.",
        "Bus station to close for repairs The bus station will close for three weeks in March \
         while its roof is mended, and buses will stop on the market square instead, the \
         company said in a letter sent to everyone who holds a season ticket.",
        "Swimming pool wins an award The new swimming pool on the edge of the park has won a \
         national award for its design, which heats the water with the warmth taken from the \
         ice rink next door and uses a third of the energy of the old pool.",
    ];
    let sections = [
        "Business »",
        "Education »",
        "Politics »",
        "Arts »",
        "Travel »",
        "Sport »",
    ];
    let mut rail = Vec::new();
    for (t, section) in teasers.iter().zip(sections) {
        rail.extend([*t, "more »", section]);
    }
    for heading in [
        "MORE HARBOUR HEADLINES »",
        "MORE B.C. HEADLINES",
        "More Health headlines ›",
        "Latest Headlines:",
    ] {
        let page = article_of(&[PIER[0], PIER[1], PIER[2], heading, &rail.join("\n\n")]);
        let a = c.clean(&page, &Options::default());
        assert!(a.body().contains(PIER[0]), "{}", a.body());
        assert!(a.body().contains(PIER[2]), "{}", a.body());
        for t in [
            heading,
            "Ferry fares",
            "New school",
            "Library to open",
            "Swimming pool",
        ] {
            assert!(
                !a.body().contains(t),
                "{heading}: {t:?} kept:\n{}",
                a.body()
            );
        }
    }
}

/// The title is looked for just above the article, past a list item (a map link) but not
/// past a list of them (share buttons): a line above such a menu belongs to another box,
/// and a list item is never the title.
#[test]
fn the_title_is_not_looked_for_past_a_menu() {
    let c = generic_only();
    let page = |between: &[&str]| {
        format!(
            "* Home\n* News\n\nPier to be rebuilt\n\nShare this with friends\n\n{}\n\n{}\n\n\
             Home | News | Contact\n",
            between.join("\n"),
            PIER.join("\n\n")
        )
    };
    // Share buttons between the box's heading and the story: no title, the heading is dropped.
    for menu in [
        &["* Twitter", "* Facebook", "* Reddit"][..],
        &["* Twitter", "* Facebook"][..],
    ] {
        let a = c.clean(&page(menu), &Options::default());
        assert_ne!(a.title(), Some("Share this with friends"), "{menu:?}");
        assert!(
            !a.body().contains("Share this with friends"),
            "{}",
            a.body()
        );
        assert!(a.body().contains(PIER[0]), "{}", a.body());
    }
    // One list item under the headline: the headline is still the title.
    let one = format!(
        "* Home\n* News\n\nPier to be rebuilt after the storm\n\n* Map: Harbour Road\n\n{}\n\n\
         Home | News | Contact\n",
        PIER.join("\n\n")
    );
    let a = c.clean(&one, &Options::default());
    assert_eq!(a.title(), Some("Pier to be rebuilt after the storm"));
    // A list item is never the title, even shaped like a headline.
    let item = format!(
        "Menu\n\n* Pier to be rebuilt after the storm\n\n{}\n\nHome | News | Contact\n",
        PIER.join("\n\n")
    );
    let a = c.clean(&item, &Options::default());
    assert_ne!(a.title(), Some("Pier to be rebuilt after the storm"));
}

/// Between the headline and the story a page often has headline-shaped chrome ("Email to a
/// friend Printer friendly", a section name): the title is the nearest headline-shaped line
/// that shares a word with the story's first lines, not merely the nearest.
#[test]
fn the_title_shares_words_with_the_story() {
    let c = generic_only();
    for chrome in [
        "Email to a friend Printer friendly",
        "More from Metro",
        "Go to the front page",
    ] {
        for headline in [
            "Harbour board votes to rebuild the pier",
            "Storm-damaged pier will reopen in two years",
        ] {
            let page = format!(
                "* Home\n* News\n\n{headline}\n\n{chrome}\n\n{}\n\nHome | News | Contact\n",
                PIER.join("\n\n")
            );
            let a = c.clean(&page, &Options::default());
            assert_eq!(a.title(), Some(headline), "{chrome:?}");
        }
    }
    // With no headline sharing a word, the nearest headline-shaped line is still the title.
    let page = format!(
        "* Home\n* News\n\nSomething else entirely\n\n{}\n\nHome | News | Contact\n",
        PIER.join("\n\n")
    );
    let a = c.clean(&page, &Options::default());
    assert_eq!(a.title(), Some("Something else entirely"));
}

/// Two more paragraphs of the pier story, for pages that need a longer article.
const PIER_MORE: [&str; 2] = [
    "Engineers inspecting the structure found that several supporting columns had been \
     weakened by the salt water, and recommended replacing them with concrete foundations.",
    "The harbour master said fishing boats would continue to use the eastern landing stage \
     while the work goes on, although visiting yachts would have to moor further along the quay.",
];

/// A disclaimer or advertisement run on after the article, prose-shaped but sharing no word
/// with it, is not the article's; the article's own last paragraph, which shares its words,
/// is. On a short article (too few words to tell) nothing is trimmed.
#[test]
fn prose_after_the_article_that_shares_none_of_its_words_goes() {
    let c = generic_only();
    let disclaimer = "Copying, republication or redistribution of agency material, including \
                      framing or similar methods, is expressly prohibited without prior written \
                      consent.";
    let page = |paras: &[&str]| {
        format!(
            "* Home\n* News\n\nOld pier to be rebuilt after storm damage\n\n{}\n\n{disclaimer}\n\n\
             Home | News | Contact\n",
            paras.join("\n\n")
        )
    };
    let long: Vec<&str> = PIER.iter().chain(&PIER_MORE).copied().collect();
    let a = c.clean(&page(&long), &Options::default());
    assert!(!a.body().contains("republication"), "{}", a.body());
    for p in &long {
        assert!(a.body().contains(p), "{p:?} lost:\n{}", a.body());
    }
    // A short article: its first paragraph has too few words to judge the second by (they
    // share none), so the second stays.
    let a = c.clean(&page(&[PIER[0], PIER_MORE[0]]), &Options::default());
    assert!(a.body().contains(PIER_MORE[0]), "{}", a.body());
}

/// A tail of menu lines and prose that shares none of the article's words (a newsletter
/// blurb under its heading) goes, though its own paragraphs share words with each other;
/// the article's own last paragraphs, prose sharing none of the story's words but without
/// such lines among them, stay.
#[test]
fn a_tail_of_short_lines_and_prose_sharing_none_of_the_articles_words_goes() {
    let c = generic_only();
    let page = |tail: &str| {
        format!(
            "* Home\n* News\n\nOld pier to be rebuilt after storm damage\n\n{}\n\n{tail}\n\n\
             Home | News | Contact\n",
            PIER.iter()
                .chain(&PIER_MORE)
                .copied()
                .collect::<Vec<_>>()
                .join("\n\n"),
        )
    };
    let blurb = "Newsletter\n\nReceive our daily bulletin each morning: breaking stories, \
                 weather forecasts and sport results delivered straight into your inbox, \
                 completely free of charge.\n\nSign up today\n\nSubscribers choose the \
                 bulletin topics they receive, from breaking stories to sport results, and \
                 may unsubscribe whenever they like, without charge.";
    let a = c.clean(&page(blurb), &Options::default());
    assert!(!a.body().contains("bulletin"), "{}", a.body());
    for p in PIER.iter().chain(&PIER_MORE) {
        assert!(a.body().contains(p), "{p:?} lost:\n{}", a.body());
    }
    let ending = [
        "Residents gathered on the promenade on Sunday afternoon, and a brass band played \
         songs for the crowd.",
        "The band's conductor thanked everyone who came and promised another concert on the \
         promenade in August.",
    ];
    let a = c.clean(&page(&ending.join("\n\n")), &Options::default());
    for p in &ending {
        assert!(a.body().contains(p), "{p:?} lost:\n{}", a.body());
    }
}

/// Prose elsewhere on the page, past a block of links, joins the article when it shares the
/// article's words (the article split by a gallery or an advertisement), not when it is
/// another story (here above the article; below it, the second look trims it, see
/// `prose_after_the_article_that_shares_none_of_its_words_goes`).
#[test]
fn prose_elsewhere_joins_only_when_it_shares_the_articles_words() {
    let c = generic_only();
    let links: Vec<String> = (1..=30)
        .map(|k| format!("Section {k} | Archive {k} | Photos {k}"))
        .collect();
    let page = |elsewhere: &[&str]| {
        format!(
            "* Home\n* News\n\n{}\n\n{}\n\nOld pier to be rebuilt after storm damage\n\n{}\n\n\
             Home | News | Contact\n",
            elsewhere.join("\n\n"),
            links.join("\n"),
            PIER.iter()
                .chain(&PIER_MORE)
                .copied()
                .collect::<Vec<_>>()
                .join("\n\n"),
        )
    };
    let other = [
        "The county cricket club announced that its new captain will lead the team for the \
         first time against rival Yorkshire in the opening match of April.",
        "Supporters queued outside the ground for tickets, and officials promised extra \
         trains from the city centre for spectators travelling on the day.",
    ];
    let a = c.clean(&page(&other), &Options::default());
    assert!(!a.body().contains("cricket"), "{}", a.body());
    assert!(a.body().contains(PIER_MORE[1]), "{}", a.body());
    let more = [
        "Visitors to the harbour will be able to follow the rebuilding of the pier from a \
         viewing platform, the board said, and guided walks will explain the work.",
        "The storm that damaged the wooden deck also flooded several shops along the harbour \
         front, whose owners say they are still waiting for their insurance payments.",
    ];
    let a = c.clean(&page(&more), &Options::default());
    for p in more {
        assert!(a.body().contains(p), "{p:?} lost:\n{}", a.body());
    }
}

/// An English page whose first thousand words are inscriptis's nested menus ("o Bears",
/// "o Jets": an "o" bullet on every line) is still English: the bullet is no word, so the
/// page is not read as Portuguese, and its article is found.
#[test]
fn a_long_nested_menu_does_not_change_the_language() {
    const TEAMS: [&str; 8] = [
        "Bears", "Jets", "Bengals", "Lions", "Bills", "Niners", "Broncos", "Packers",
    ];
    let mut page = String::from("* News\n");
    for section in 0..60 {
        page.push_str(&format!("  + Section {section} Front Page\n"));
        for t in TEAMS {
            page.push_str(&format!("    o {t}\n"));
        }
    }
    page.push_str("\nOld pier to be rebuilt after storm damage\n\n");
    page.push_str(&PIER.join("\n\n"));
    page.push_str("\n\nHome | News | Contact\n");
    let a = generic_only().clean(&page, &Options::default());
    assert_eq!(
        a.meta().get("language").and_then(|v| v.as_str()),
        Some("en")
    );
    for p in PIER {
        assert!(a.body().contains(p), "{p:?} dropped:\n{}", a.body());
    }
    assert!(!a.body().contains("Bengals"), "{}", a.body());
}
