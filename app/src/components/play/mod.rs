//! The play dashboard's views of the pod at the playhead time.

pub mod flow;
pub mod namespaces;
pub mod network;
pub mod view;
