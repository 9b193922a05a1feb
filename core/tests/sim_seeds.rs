//! Seed manifests played by the simulation, with asserted timings.

mod common;

use podplay_core::analyze;
use podplay_core::defaults::default_object;
use podplay_core::sim::{self, printer, Options, SimTime, World};

fn world(src: &str) -> World {
    let a = analyze::analyze(src);
    let objs: Vec<_> = a
        .documents
        .iter()
        .filter_map(|d| d.object.as_ref().map(default_object))
        .collect();
    World::from_trees(objs.iter()).expect("a pod")
}

fn seed(name: &str) -> &'static str {
    common::FIXTURES
        .iter()
        .find(|(n, _, _)| *n == format!("seeds/{name}"))
        .map(|(_, i, _)| *i)
        .expect("seed")
}

#[test]
fn dump_liveness_exec() {
    let w = world(seed("liveness-exec"));
    let run = sim::simulate(&w, &Options::default());
    println!("{}", printer::trace(&run));
    let _ = SimTime::ZERO;
}
