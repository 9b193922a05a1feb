//! Test support for the simulation: a YAML stream as the world the simulation plays (what the
//! API server would store: decoded and defaulted objects).
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

use podplay_core::analyze;
use podplay_core::defaults::default_object;
use podplay_core::sim::World;

/// The defaulted objects of a YAML stream as a world.
pub fn world(src: &str) -> World {
    try_world(src).expect("the input has one pod")
}

/// The defaulted objects of a YAML stream as a world, when it has one Pod.
pub fn try_world(src: &str) -> Option<World> {
    let a = analyze::analyze(src);
    let objs: Vec<_> = a
        .documents
        .iter()
        .filter_map(|d| d.object.as_ref().map(default_object))
        .collect();
    World::from_trees(objs.iter()).ok()
}
