//! Leaf components: each takes data and callbacks as props and never sees the reducer.

pub mod code_editor;
pub mod header;
pub mod play;
pub mod problems;
pub mod summary;
pub mod tabs;
