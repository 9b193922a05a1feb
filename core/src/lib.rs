//! # podplay-core
//!
//! Everything Pod Playground knows about Kubernetes Pods, as plain Rust that builds for the host
//! (the `podplay` CLI, tests, benches) and for `wasm32-unknown-unknown` (the web app).
//!
//! The pipeline: source text → [`yaml`] (a span-aware YAML 1.1 reader, resolving scalars the way
//! kubectl's sigs.k8s.io/yaml does) → [`tree`] (a JSON-like tree with a [`span::Span`] on every
//! node) → strict decoding against the real API schema → defaulting → semantic validation at
//! API-server fidelity → a typed model → a deterministic simulation of the pod's life.
//!
//! ## Architecture invariants
//! - No IO, no wall clock (`Instant::now()` panics on wasm32), no web-sys/js-sys, no randomness
//!   except a seeded generator. Simulated time is data.
//! - Analyses never fail: every stage returns what it could recover *and* a list of
//!   [`diag::Diagnostic`]s, each with a byte span. Only [`span::LineIndex`] turns spans into
//!   lines and columns.
//! - Collections that reach output are ordered (`Vec`, [`vecmap::VecMap`], `BTreeMap`), never
//!   `HashMap`: the same manifest always gives the same diagnostics and the same run. Small maps
//!   and sorts use [`vecmap`] and [`sort`] (one copy of the code for every type: wasm size).
//! - No input panics or hangs: sizes, nesting depth, alias expansion and simulated work are
//!   bounded, and hitting a bound is reported as a diagnostic.
//! - Kubernetes spelling is kept (`restartPolicy` → `restart_policy`) so one can grep from the
//!   docs to the code.

pub mod analyze;
pub mod base64;
pub mod decode;
pub mod defaults;
pub mod derived;
pub mod diag;
pub mod examples;
pub mod explain;
pub mod gocmp;
pub mod gofmt;
pub mod image;
pub mod lessons;
pub mod model;
pub mod os;
pub mod outline;
pub mod programs;
pub mod quantity;
pub mod rules;
pub mod schema;
pub mod session;
pub mod share;
pub mod shell;
pub mod sim;
pub mod sort;
pub mod vecmap;
pub mod span;
pub mod stored;
pub mod tree;
pub mod validate;
pub mod yaml;
