//! The deterministic simulation of a pod's life (see `docs/ARCHITECTURE.md`).

pub mod process;
