//! # podplay-app
//!
//! Pod Playground's web app: Yew components that render what `podplay-core` computes.
//!
//! ## Architecture invariants
//! - No Kubernetes rules here. Components ask core (`podplay_core::analyze`, `sim`, `explain`)
//!   and draw the answer; if a component needs to *decide* something about a Pod, that decision
//!   belongs in core.
//! - All user intent is an [`state::Action`] applied by one reducer ([`state::State`]); derived
//!   data (the analysis of the text) is computed from the state with `use_memo`, never stored.
//! - Leaf components take data and `Callback` props and never see the reducer.
//! - Browser APIs (local storage, the URL, the language) are reached only through [`browser`];
//!   the code editor's JavaScript only through [`editor::bridge`]. Everything else is plain Rust
//!   that also compiles and tests on the host.

pub mod app;
pub mod browser;
pub mod components;
pub mod editor;
pub mod i18n;
pub mod state;

/// Mounts the app into `#app` (the page's root element), with a panic hook that reports to the
/// console.
pub fn run() {
    // Report a panic to the console and on the page (the text is already saved: see `app`).
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        browser::page::show_stopped();
    }));
    browser::mount_prepared::<app::App>(app::prepare);
}
