//! Turning input into a [`Page`](crate::Page).

mod depth;
pub(crate) mod html;
pub(crate) mod simple_css;
mod sink;
pub(crate) mod text;
