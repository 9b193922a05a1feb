#![cfg(not(target_arch = "wasm32"))]
//! Property tests: every seed and rule fixture, with arbitrary end, deletion time and lesson
//! overrides, plays without panicking, ends at the end asked for (or earlier with a budget note),
//! and plays the same twice.

mod common;
mod sim_support;

use podplay_core::sim::{printer, simulate, Options, Override, OverrideAction, SimTime, World};
use proptest::prelude::*;

fn worlds() -> Vec<World> {
    common::FIXTURES
        .iter()
        .filter(|(n, _, _)| n.starts_with("sim/") || n.starts_with("seeds/"))
        .filter_map(|(_, input, _)| sim_support::try_world(input))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_fixture_with_any_options_plays_bounded_and_deterministically(
        pick in 0usize..64,
        until in 0u64..900_000,
        delete in proptest::option::of(0u64..900_000),
        action in 0u8..4,
        after in 0u64..60_000,
        code in -3i32..300,
        mib in 0u64..4096,
    ) {
        let ws = worlds();
        let w = &ws[pick % ws.len()];
        let name = w.pod.containers.first().map(|c| c.name.clone()).unwrap_or_default();
        let overrides = match action {
            0 => vec![],
            1 => vec![Override { container: name, action: OverrideAction::ExitAfter { after_ms: after, code } }],
            2 => vec![Override { container: name, action: OverrideAction::FailImagePull }],
            _ => vec![Override { container: name, action: OverrideAction::UseMemoryMib(mib) }],
        };
        let opts = Options { until: SimTime(until), delete_at: delete.map(SimTime), overrides, ..Options::default() };
        let a = simulate(w, &opts);
        prop_assert!(a.end() <= SimTime(until));
        let ta = printer::trace(&a);
        let b = simulate(w, &opts);
        prop_assert_eq!(ta, printer::trace(&b));
        let _ = printer::describe(&a, w, a.end());
        #[cfg(feature = "cli")]
        let _ = podplay_core::sim::to_json(&a);
    }
}
