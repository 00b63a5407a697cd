//! Turning input into a [`Page`](crate::Page).

mod depth;
pub(crate) mod html;
mod prune;
mod raw;
pub(crate) use raw::check_lean_parse;
pub(crate) mod simple_css;
mod sink;
pub(crate) mod text;
