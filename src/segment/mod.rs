//! Turning input into a [`Page`](crate::Page).

mod depth;
pub(crate) mod html;
mod raw;
pub(crate) use raw::check_step_over;
pub(crate) mod simple_css;
mod sink;
pub(crate) mod text;
