//! What a program in a container sees of its machine: the process contract ([`process`]), the
//! simulated wall clock and calendar ([`clock`]), paths ([`path`]) and HTTP status words
//! ([`http`]).
//!
//! This is a leaf: it depends on nothing else in the crate. The engine ([`crate::sim`]), the shell
//! ([`crate::shell`]) and the program library ([`crate::programs`]) all build on it, so that the
//! shell and the programs never reach into the engine, and the engine never into them except
//! through [`process::Program`].

pub mod clock;
pub mod http;
pub mod path;
pub mod process;

pub use process::*;
