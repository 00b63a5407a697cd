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
        features: Arc<[(&'static str, f32)]>,
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
    pub fn features(&self) -> &[(&'static str, f32)] {
        match self {
            Reason::Scored { features, .. } => features,
            _ => &[],
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Rule(r) => f.write_str(r),
            Reason::Heuristic { name, score } | Reason::Scored { name, score, .. } => {
                write!(f, "heuristic:{name}({score:.2})")
            }
            Reason::Default => f.write_str("default"),
        }
    }
}

/// Per-block labels while cleaning. `None` = not decided yet.
pub(crate) type Labels = Vec<Option<(Label, Reason)>>;
