//! Heuristics for text input on sites no rule set knows.

use crate::engine::Found;
use crate::label::Labels;
use crate::page::Page;

/// Label the blocks no rule claimed. Blocks left `None` become body.
pub(crate) fn label(page: &Page, labels: &mut Labels, found: &mut Found) {
    let _ = (page, labels, found);
}
