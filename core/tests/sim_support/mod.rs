//! Test support for the simulation: a YAML stream as the world the simulation plays (what the
//! API server would store: decoded and defaulted objects).
#![allow(dead_code)]

use podplay_core::analyze;
use podplay_core::defaults::default_object;
use podplay_core::sim::World;

/// The defaulted objects of a YAML stream as a world.
pub fn world(src: &str) -> World {
    let a = analyze::analyze(src);
    let objs: Vec<_> = a
        .documents
        .iter()
        .filter_map(|d| d.object.as_ref().map(default_object))
        .collect();
    World::from_trees(objs.iter()).expect("the input has one pod")
}
