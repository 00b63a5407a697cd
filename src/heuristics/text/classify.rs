//! Unit classes: a first guess from the unit's own features, then context smoothing in the
//! spirit of jusText (Pomikálek 2011): short and borderline units take the class of their
//! neighbours.

use super::features::Counts;
use super::lang::Lang;

/// Class of a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Prose: long, many stop words.
    Good,
    /// Prose-like but short or borderline: decided by its neighbours, kept near prose.
    NearGood,
    /// Too short to judge alone: decided by its neighbours.
    Short,
    /// Chrome: link rows, menus, renderer artefacts, repeated lines, long text without
    /// function words.
    Bad,
}

/// Why a unit got its first class (shown by `explain`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cause {
    Prose,
    NearProse,
    Short,
    NoWords,
    LinkRow,
    Artefacts,
    Repeated,
    Digits,
    FewStopWords,
    /// A long run of capitalised words: a list of titles or names.
    TitleList,
    /// Labelled by a rule before the heuristics ran.
    Rule,
}

impl Cause {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Cause::Prose => "text/prose",
            Cause::NearProse => "text/near-prose",
            Cause::Short => "text/short",
            Cause::NoWords => "text/no-words",
            Cause::LinkRow => "text/link-row",
            Cause::Artefacts => "text/artefacts",
            Cause::Repeated => "text/repeated",
            Cause::Digits => "text/digits",
            Cause::FewStopWords => "text/few-stop-words",
            Cause::TitleList => "text/title-list",
            Cause::Rule => "rule",
        }
    }
}

/// A unit of at least this many words starting with a letter, more than `TITLE_LIST_CAPS` of
/// them capitalised, is a list of titles or names, not prose (see [`initial`]); twice as
/// many words, more than `TITLE_LIST_CAPS_LONG` capitalised, make one even with some
/// punctuation (titles with a colon or a "vs.").
const TITLE_LIST_WORDS: u32 = 15;
const TITLE_LIST_CAPS: f32 = 0.7;
const TITLE_LIST_CAPS_LONG: f32 = 0.85;

/// A unit with renderer artefacts is chrome unless it has this many words per artefact.
const ARTEFACT_WORDS: u32 = 8;

/// Length thresholds, in effective characters: below `LENGTH_LOW` a unit is short; from
/// `LENGTH_MID` on a moderate stop-word density makes prose; from `LENGTH_HIGH` a low one
/// still makes near-prose.
pub(crate) const LENGTH_LOW: f32 = 70.0;
pub(crate) const LENGTH_MID: f32 = 120.0;
pub(crate) const LENGTH_HIGH: f32 = 200.0;

/// Stop-word density thresholds `(low, high)` for a language. Measured on the lists of
/// [`super::lang`]: by-char languages and languages with short lists have lower densities.
pub(crate) fn stop_thresholds(lang: Option<Lang>) -> (f32, f32) {
    match lang {
        Some(Lang::Zh) => (0.04, 0.08),
        Some(Lang::Ja) => (0.15, 0.25),
        Some(Lang::Ru | Lang::Ar) => (0.10, 0.18),
        Some(_) => (0.12, 0.22),
        None => (-0.2, 0.0),
    }
}

/// What the unit looks like on its own.
pub(crate) struct Shape<'a> {
    pub(crate) c: &'a Counts,
    pub(crate) sentence_end: bool,
    pub(crate) repeated: bool,
}

/// First class of a unit, from its own features.
pub(crate) fn initial(s: &Shape<'_>, lang: Option<Lang>) -> (Class, Cause) {
    let c = s.c;
    if c.words == 0 || c.letters == 0 {
        return (Class::Bad, Cause::NoWords);
    }
    let seg_words = c.words as f32 / (c.seps + 1) as f32;
    if (c.seps >= 2 && seg_words < 6.0) || (c.seps >= 1 && !s.sentence_end && c.words <= 8) {
        return (Class::Bad, Cause::LinkRow);
    }
    // Renderer artefacts ("[image]", "[button]"): a few in a long wrapped paragraph are the
    // cells of a column beside it, not what the paragraph is.
    if (c.brackets >= 2 && c.words < ARTEFACT_WORDS * c.brackets)
        || (c.brackets >= 1 && c.words <= 4)
    {
        return (Class::Bad, Cause::Artefacts);
    }
    let eff = c.eff_len();
    if s.repeated && eff < LENGTH_HIGH {
        return (Class::Bad, Cause::Repeated);
    }
    if c.digit_ratio() > 0.5 {
        return (Class::Bad, Cause::Digits);
    }
    if eff < LENGTH_LOW {
        return (Class::Short, Cause::Short);
    }
    // A long run of capitalised words with hardly any punctuation: a menu, a list of titles
    // or names flattened onto one line (a `<select>` of movie titles), not sentences. Prose
    // has a capital for a sentence's first word and for names, far from 85% of its words.
    if c.alpha_words >= TITLE_LIST_WORDS
        && ((c.cap_ratio() > TITLE_LIST_CAPS && (c.puncts as f32) < 0.05 * c.words as f32)
            || (c.alpha_words >= 2 * TITLE_LIST_WORDS
                && c.cap_ratio() > TITLE_LIST_CAPS_LONG
                && (c.puncts as f32) < 0.10 * c.words as f32))
    {
        return (Class::Bad, Cause::TitleList);
    }
    let density = prose_density(s, lang);
    let (low, high) = stop_thresholds(lang);
    let gap = high - low;
    if eff >= LENGTH_MID && density >= high {
        (Class::Good, Cause::Prose)
    } else if (eff >= LENGTH_MID && density >= low)
        || density >= high + gap
        || (eff >= LENGTH_HIGH && density >= low - gap / 2.0)
    {
        (Class::NearGood, Cause::NearProse)
    } else if eff < LENGTH_MID && density >= low {
        (Class::Short, Cause::Short)
    } else {
        (Class::Bad, Cause::FewStopWords)
    }
}

/// Stop-word density, or with no known language a stand-in from punctuation and case:
/// sentences have clause punctuation and mostly lowercase words.
pub(crate) fn prose_density(s: &Shape<'_>, lang: Option<Lang>) -> f32 {
    if lang.is_some() {
        return s.c.stop_density();
    }
    let c = s.c;
    let punct = c.puncts as f32 / c.words.max(1) as f32;
    let lower = 1.0 - c.cap_ratio();
    let v = 0.5 * lower + 2.0 * punct.min(0.15) + if s.sentence_end { 0.2 } else { 0.0 };
    // Centre on 0: the thresholds for an unknown language are 0.
    v - 0.6
}

/// A run of prose-like units with only short ones between them is prose when it holds at
/// least this many of them, this long in all (effective characters): text written in short
/// lines (a blog that breaks every sentence, a language whose sentences are short) has
/// no long unit for smoothing to start from.
pub(crate) const RUN_UNITS: usize = 4;
pub(crate) const RUN_LEN: f32 = 480.0;

/// Make prose of each run of [`Class::NearGood`] and [`Class::Short`] units that holds at
/// least [`RUN_UNITS`] near-good units of [`RUN_LEN`] effective characters in all. A unit
/// that is not `free` (a rule's, a list item: a list of teasers is no prose) ends a run;
/// `lens` are the units' effective lengths.
pub(crate) fn promote_runs(classes: &mut [Class], free: &[bool], lens: &[f32]) {
    let n = classes.len();
    let mut i = 0;
    while i < n {
        let open = |k: usize| free[k] && matches!(classes[k], Class::NearGood | Class::Short);
        if !open(i) {
            i += 1;
            continue;
        }
        let start = i;
        let (mut count, mut len) = (0usize, 0.0f32);
        while i < n && open(i) {
            if classes[i] == Class::NearGood {
                count += 1;
                len += lens[i];
            }
            i += 1;
        }
        if count >= RUN_UNITS && len >= RUN_LEN {
            for c in &mut classes[start..i] {
                if *c == Class::NearGood {
                    *c = Class::Good;
                }
            }
        }
    }
}

/// Context smoothing. `classes` holds the first classes; on return every unit is Good or Bad.
/// `fixed[i]` marks units decided elsewhere (rules): they take part as neighbours only.
pub(crate) fn smooth(classes: &mut [Class], fixed: &[bool]) {
    let n = classes.len();
    let first = classes.to_vec();
    let neighbour = |cls: &[Class], i: usize, step: isize, ignore_near: bool| -> Class {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < n {
            let c = cls[j as usize];
            if c == Class::Good || c == Class::Bad || (!ignore_near && c == Class::NearGood) {
                return c;
            }
            j += step;
        }
        Class::Bad
    };
    // Short units.
    let mut out = first.clone();
    for i in 0..n {
        if fixed[i] || first[i] != Class::Short {
            continue;
        }
        let prev = neighbour(&first, i, -1, true);
        let next = neighbour(&first, i, 1, true);
        out[i] = if prev == Class::Good && next == Class::Good {
            Class::Good
        } else if prev == Class::Bad && next == Class::Bad {
            Class::Bad
        } else if (prev == Class::Bad && neighbour(&first, i, -1, false) == Class::NearGood)
            || (next == Class::Bad && neighbour(&first, i, 1, false) == Class::NearGood)
        {
            Class::Good
        } else {
            Class::Bad
        };
    }
    // Near-good units.
    let snapshot = out.clone();
    for i in 0..n {
        if fixed[i] || snapshot[i] != Class::NearGood {
            continue;
        }
        let prev = neighbour(&snapshot, i, -1, true);
        let next = neighbour(&snapshot, i, 1, true);
        out[i] = if prev == Class::Bad && next == Class::Bad {
            Class::Bad
        } else {
            Class::Good
        };
    }
    for i in 0..n {
        if !fixed[i] && out[i] != Class::Good {
            out[i] = Class::Bad;
        }
    }
    classes.copy_from_slice(&out);
}

#[cfg(test)]
mod tests {
    use super::*;

    use Class::*;

    #[test]
    fn short_between_prose_is_prose_and_between_chrome_is_chrome() {
        let mut c = [Bad, Short, Good, Short, Good, Short, Bad, Short, Bad];
        smooth(&mut c, &[false; 9]);
        assert_eq!(c, [Bad, Bad, Good, Good, Good, Bad, Bad, Bad, Bad]);
    }

    #[test]
    fn a_long_run_of_near_prose_is_prose() {
        let free = [true; 9];
        // Four near-prose units of 120 characters with short ones between: prose.
        let mut c = [
            Bad, NearGood, Short, NearGood, NearGood, Short, NearGood, Bad, NearGood,
        ];
        promote_runs(&mut c, &free, &[120.0; 9]);
        assert_eq!(
            c,
            [Bad, Good, Short, Good, Good, Short, Good, Bad, NearGood]
        );
        // Too little text in all, or a unit that may not join (a list item) in the middle.
        let mut c = [
            NearGood, NearGood, NearGood, NearGood, Short, Bad, Bad, Bad, Bad,
        ];
        promote_runs(&mut c, &free, &[100.0; 9]);
        assert_eq!(c[..4], [NearGood; 4]);
        let mut c = [
            NearGood, NearGood, NearGood, NearGood, Short, Bad, Bad, Bad, Bad,
        ];
        let mut split = free;
        split[2] = false;
        promote_runs(&mut c, &split, &[200.0; 9]);
        assert_eq!(c[..4], [NearGood; 4]);
    }

    #[test]
    fn near_good_next_to_prose_is_kept() {
        let mut c = [Bad, NearGood, Good, NearGood, Bad, NearGood, Bad];
        smooth(&mut c, &[false; 7]);
        assert_eq!(c, [Bad, Good, Good, Good, Bad, Bad, Bad]);
    }

    fn first(line: &str, lang: Lang) -> (Class, Cause) {
        let stops = super::super::lang::StopWords::get();
        let c = super::super::features::scan(line, Some(lang), &stops);
        let shape = Shape {
            c: &c,
            sentence_end: super::super::features::ends_sentence(line),
            repeated: false,
        };
        initial(&shape, Some(lang))
    }

    /// A dropdown of titles flattened onto one line is chrome; prose that names many people
    /// (commas between them) and German prose (every noun capitalised) are not caught.
    #[test]
    fn long_runs_of_capitalised_words_are_lists() {
        let titles = "Select Film Another Summer Night At The Old Mill Blue River Crossing \
                      Cold Harbour Days Of Thunder Road Eastern Promise Fallen Kingdom Green \
                      Valley Heroes Inside The Glass House Last Train Home";
        assert_eq!(first(titles, Lang::En), (Bad, Cause::TitleList));
        let names = "The committee named Anna Berg, Carl Dahl, Erik Falk, Greta Holm, Ivan \
                     Jonsson, Karin Lund, Mats Nilsson and Olle Persson to the new board, \
                     which meets for the first time in March.";
        assert_eq!(first(names, Lang::En).0, Good);
        let german = "Die Stadtverwaltung hat am Montag neue Pläne für den Ausbau der \
                      Radwege vorgestellt, die nach Angaben der Behörde bis zum Ende des \
                      Jahres umgesetzt werden sollen.";
        assert_eq!(first(german, Lang::De).0, Good);
    }
}
