//! Turning input into a [`Page`](crate::Page).

pub(crate) mod html;
pub(crate) mod text;
