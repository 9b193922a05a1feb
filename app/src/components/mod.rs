//! Leaf components: each takes data and callbacks as props and never sees the reducer.

pub mod code_editor;
pub mod explain_tree;
pub mod gallery;
pub mod header;
pub mod learn;
pub mod look;
pub mod notice;
pub mod play;
pub mod problems;
pub mod rich;
pub mod stored_view;
pub mod summary;
pub mod tabs;
pub mod terminal;
pub mod theme_switch;
pub mod toolbar;
