//! Block labels and the reasons behind them.

use std::fmt;
use std::sync::Arc;

/// What a block is, once cleaned.
///
/// ```
/// use dechrome::Label;
/// assert_eq!(Label::Chrome.as_str(), "chrome");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    /// Article body text.
    Body,
    /// The article's title.
    Title,
    /// The article's summary or standfirst.
    Summary,
    /// Metadata (byline, date, credit…): not body, but kept in `meta`.
    Meta,
    /// Site chrome: removed.
    Chrome,
}

impl Label {
    /// Lowercase name used in JSON and `explain`.
    ///
    /// ```
    /// # use dechrome::Label;
    /// assert_eq!(Label::Meta.as_str(), "meta");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Body => "body",
            Label::Title => "title",
            Label::Summary => "summary",
            Label::Meta => "meta",
            Label::Chrome => "chrome",
        }
    }
}

/// Why a block got its label: the rule, the heuristic, or neither.
///
/// ```
/// use dechrome::{clean, Reason};
/// let article = clean("Some text\n\n© Copyright 2025\n");
/// let reasons: Vec<String> = article.blocks().map(|b| b.reason().to_string()).collect();
/// assert_eq!(reasons.last().map(String::as_str), Some("generic/copyright"));
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// A rule, by its qualified id (`set/rule`).
    Rule(Arc<str>),
    /// A named heuristic and its score (its meaning depends on the heuristic; higher means more
    /// confident in the label).
    Heuristic {
        /// The heuristic's name, e.g. `link-row` or `repeated-title`.
        name: &'static str,
        /// Its score.
        score: f32,
    },
    /// A heuristic that explains itself: its name, its score and the features behind it
    /// (`("stop", 0.41)`, `("words", 57.0)`, …), for `dechrome explain`. Displays like
    /// [`Reason::Heuristic`].
    Scored {
        /// The heuristic's name, e.g. `text/prose`.
        name: &'static str,
        /// Its score.
        score: f32,
        /// Named features the decision rested on, in a fixed order per heuristic.
        features: Features,
    },
    /// No rule or heuristic claimed the block; it stays in the body.
    Default,
}

impl Reason {
    /// The rule id when a rule decided.
    ///
    /// ```
    /// # use dechrome::Reason;
    /// assert_eq!(Reason::Default.rule(), None);
    /// ```
    pub fn rule(&self) -> Option<&str> {
        match self {
            Reason::Rule(r) => Some(r),
            _ => None,
        }
    }

    /// The features a heuristic reported (empty for rules and plain heuristics).
    ///
    /// ```
    /// # use dechrome::Reason;
    /// assert!(Reason::Default.features().is_empty());
    /// ```
    pub fn features(&self) -> Features {
        match self {
            Reason::Scored { features, .. } => *features,
            _ => Features::default(),
        }
    }
}

/// The named features behind a heuristic's decision (`stop 0.41`, `words 57`, …), in a fixed
/// order per heuristic; at most [`Features::MAX`]. Held inline: labelling a page allocates
/// nothing per unit for them.
///
/// ```
/// use dechrome::Features;
/// let f = Features::new(&["words", "stop"], &[12.0, 0.5]);
/// assert_eq!(f.iter().collect::<Vec<_>>(), [("words", 12.0), ("stop", 0.5)]);
/// assert_eq!(f.get("stop"), Some(0.5));
/// assert_eq!(f.len(), 2);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Features {
    names: &'static [&'static str],
    values: [f32; Features::MAX],
}

impl Features {
    /// The most features one decision carries.
    pub const MAX: usize = 8;

    /// The features `names[i]` = `values[i]`, as many as both give (at most [`Self::MAX`]).
    pub fn new(names: &'static [&'static str], values: &[f32]) -> Features {
        let n = names.len().min(values.len()).min(Self::MAX);
        let mut v = [0.0; Self::MAX];
        v[..n].copy_from_slice(&values[..n]);
        Features {
            names: &names[..n],
            values: v,
        }
    }

    /// The features, in order, as `(name, value)`.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&'static str, f32)> + '_ {
        self.names.iter().copied().zip(self.values.iter().copied())
    }

    /// The value of the feature `name`, if there is one.
    pub fn get(&self, name: &str) -> Option<f32> {
        self.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// How many features there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Rule(r) => f.write_str(r),
            Reason::Heuristic { name, score } | Reason::Scored { name, score, .. } => {
                f.write_str("heuristic:")?;
                f.write_str(name)?;
                f.write_str("(")?;
                fmt::Display::fmt(&TwoDecimals(*score), f)?;
                f.write_str(")")
            }
            Reason::Default => f.write_str("default"),
        }
    }
}

/// A number as `{:.2}` writes it, without the general float formatter (which costs a few
/// thousand instructions a number, and every removal in a ledger names its score): an `f32`
/// times 100 is exact in an `f64` (24 + 7 significant bits), so rounding that to an integer,
/// ties to even as the formatter rounds exact ties, gives the two decimals.
struct TwoDecimals(f32);

impl fmt::Display for TwoDecimals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = f64::from(self.0) * 100.0;
        // NaN, infinities and numbers too large for the integer path.
        if v.is_nan() || v.abs() >= 1e15 {
            return write!(f, "{:.2}", self.0);
        }
        let mut n = v.round_ties_even().abs() as u64;
        // Digits from the right: two decimals, the point, the integer part, the sign.
        let mut buf = [0u8; 24];
        let mut i = buf.len();
        for k in 0.. {
            if k == 2 {
                i -= 1;
                buf[i] = b'.';
            }
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if k >= 2 && n == 0 {
                break;
            }
        }
        if self.0.is_sign_negative() {
            i -= 1;
            buf[i] = b'-';
        }
        f.write_str(std::str::from_utf8(&buf[i..]).expect("ASCII digits"))
    }
}

/// Per-block labels while cleaning. `None` = not decided yet.
pub(crate) type Labels = Vec<Option<(Label, Reason)>>;

#[cfg(test)]
mod tests {
    use super::*;

    /// `TwoDecimals` writes what `{:.2}` writes: exact ties (rounded to even), negative
    /// zero and numbers that round to it, large, tiny, non-finite, and a sweep of bit
    /// patterns over the whole `f32` range.
    #[test]
    fn two_decimals_is_the_formatter() {
        let mut xs: Vec<f32> = vec![
            0.0,
            -0.0,
            0.005,
            -0.005,
            0.015,
            0.125,
            0.375,
            -0.125,
            2.675,
            -0.001,
            1e-30,
            12.345,
            -46.0,
            1e10,
            9.9e12,
            1e13,
            1e14,
            3.4e38,
            f32::MIN_POSITIVE,
            f32::MAX,
            f32::MIN,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ];
        // Every multiple of 1/256 in [-600, 600]: all the exact ties of scores' range.
        xs.extend((-153_600..=153_600).map(|k| k as f32 / 256.0));
        // Bit patterns across every exponent.
        xs.extend((0..=u32::MAX).step_by(9_973).map(f32::from_bits));
        for x in xs {
            assert_eq!(
                TwoDecimals(x).to_string(),
                format!("{x:.2}"),
                "{x:e} ({:#x})",
                x.to_bits()
            );
        }
    }
}
