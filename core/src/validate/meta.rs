//! See `validate/mod.rs` for what this file covers.
