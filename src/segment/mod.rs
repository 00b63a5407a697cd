//! Turning input into a [`Page`](crate::Page).

mod depth;
pub(crate) mod html;
pub(crate) mod text;
