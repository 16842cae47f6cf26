//! Integration tests for same-MD5 GIF pairs (`hashwall::forge`).
//!
//! - `pairs`: property tests forging hundreds of random picture pairs on every shipped canvas.
//! - `layout_fuzz`: the layout search on random data, sizes and collisions.
//! - `inputs`: bad and unusual inputs, and one full 12-megapixel run.

mod inputs;
mod layout_fuzz;
mod pairs;
