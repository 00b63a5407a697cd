//! Article metadata: named values found by rules and by the page itself.

use std::collections::BTreeMap;

use serde::Serialize;

/// One metadata value: a string, or a list of strings (rules with `list = true`).
///
/// ```
/// use dechrome::MetaValue;
/// assert_eq!(MetaValue::Text("x".into()).as_str(), Some("x"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum MetaValue {
    /// A single value.
    Text(String),
    /// Several values, in page order.
    List(Vec<String>),
}

impl MetaValue {
    /// The value when it is a single string.
    ///
    /// ```
    /// # use dechrome::MetaValue;
    /// assert_eq!(MetaValue::List(vec![]).as_str(), None);
    /// ```
    pub fn as_str(&self) -> Option<&str> {
        match self {
            MetaValue::Text(s) => Some(s),
            MetaValue::List(_) => None,
        }
    }

    /// The values when it is a list.
    ///
    /// ```
    /// # use dechrome::MetaValue;
    /// assert_eq!(MetaValue::List(vec!["a".into()]).as_list(), Some(&["a".to_string()][..]));
    /// ```
    pub fn as_list(&self) -> Option<&[String]> {
        match self {
            MetaValue::List(v) => Some(v),
            MetaValue::Text(_) => None,
        }
    }
}

/// The metadata of an article, by field name, in name order.
///
/// ```
/// use dechrome::clean;
/// let a = clean(" date 2025-03-21 Left Menu\n\nTitle\n\nDevdiscourse News Desk | Updated: 21-03-2025 08:10 IST | Created: 21-03-2025 08:10 IST\n\nBody text here.\n");
/// assert_eq!(a.meta().get("date").and_then(|v| v.as_str()), Some("2025-03-21"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Meta {
    fields: BTreeMap<String, MetaValue>,
}

impl Meta {
    /// The value of a field.
    ///
    /// ```
    /// let a = dechrome::clean("Body.");
    /// assert!(a.meta().get("author").is_none());
    /// ```
    pub fn get(&self, name: &str) -> Option<&MetaValue> {
        self.fields.get(name)
    }

    /// All fields, in name order.
    ///
    /// ```
    /// let a = dechrome::clean("Body.");
    /// assert_eq!(a.meta().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &MetaValue)> {
        self.fields.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Number of fields.
    ///
    /// ```
    /// assert_eq!(dechrome::clean("Body.").meta().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether there are no fields.
    ///
    /// ```
    /// assert!(dechrome::clean("Body.").meta().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Set a single-valued field unless it is already set (the first finding wins).
    pub(crate) fn set_first(&mut self, name: &str, value: &str) {
        let value = crate::normalize::normalize_space(value);
        if value.is_empty() || self.fields.contains_key(name) {
            return;
        }
        self.fields
            .insert(name.to_string(), MetaValue::Text(value.into_owned()));
    }

    /// Append to a list field.
    pub(crate) fn push(&mut self, name: &str, value: &str) {
        let value = crate::normalize::normalize_space(value);
        if value.is_empty() {
            return;
        }
        match self
            .fields
            .entry(name.to_string())
            .or_insert_with(|| MetaValue::List(Vec::new()))
        {
            MetaValue::List(v) => v.push(value.into_owned()),
            MetaValue::Text(_) => {}
        }
    }
}
