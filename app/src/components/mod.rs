//! Leaf components: each takes data and callbacks as props and never sees the reducer.

pub mod header;
pub mod source_editor;
pub mod summary;
pub mod tabs;
