//! Every step of every example has a real "why" (issue 12 item 3): each flow step, event,
//! container state, probe run, phase and condition of every gallery example's run (played to the
//! end, and deleted at 60 s to cover termination) is explained by at least one rule, in English
//! and in Chinese; what the "why" panel shows with nothing chosen follows the flow's current step.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test
use podplay_core::analyze::analyze;
use podplay_core::diag::Lang;
use podplay_core::examples::ALL;
use podplay_core::sim::view_input::{play_input, PlayInput};
use podplay_core::sim::view_pod::{flow_items, items_until};
use podplay_core::sim::view_timeline::{latest_pick, why, Pick};
use podplay_core::sim::{simulate, ConditionType, Options, ProbeKind, Run, SimTime};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// Every pick of a run: flow steps, events, state spans, probe runs, phases, conditions.
fn picks(run: &Run) -> Vec<Pick> {
    let mut out: Vec<Pick> = (0..run.flow().len()).map(Pick::Flow).collect();
    out.extend((0..run.events().len()).map(Pick::Event));
    for container in 0..run.containers().len() {
        let Some(tl) = run.timeline(container) else {
            continue;
        };
        out.extend((0..tl.states.len()).map(|index| Pick::State { container, index }));
        for (k, kind) in ProbeKind::ALL.iter().enumerate() {
            let n = tl.probes.get(k).map_or(0, |p| p.len());
            out.extend((0..n).map(|index| Pick::Probe {
                container,
                kind: *kind,
                index,
            }));
        }
    }
    out.extend((0..run.phase_track().len()).map(Pick::Phase));
    for condition in ConditionType::ALL {
        out.extend(
            (0..run.condition_track(condition).len())
                .map(|index| Pick::Condition { condition, index }),
        );
    }
    out
}

/// The runs of every example that becomes a Pod: to the end, and deleted at 60 s.
fn runs() -> Vec<(&'static str, Run)> {
    let mut out = Vec::new();
    for e in ALL {
        let PlayInput::Play { world, .. } = play_input(&analyze(e.source)) else {
            continue;
        };
        out.push((e.id, simulate(&world, &Options::default())));
        let deleted = Options {
            delete_at: Some(SimTime::from_secs(60)),
            ..Options::default()
        };
        out.push((e.id, simulate(&world, &deleted)));
    }
    out
}

#[test]
fn every_step_of_every_example_has_a_rule_in_both_languages() {
    let runs = runs();
    assert!(runs.len() >= 20, "only {} runs", runs.len());
    let mut checked = 0;
    let mut missing: Vec<String> = Vec::new();
    for (id, run) in &runs {
        for pick in picks(run) {
            for lang in [Lang::En, Lang::Zh] {
                let w = why(run, pick, lang).unwrap_or_else(|| panic!("{id}: {pick:?} missing"));
                if w.rules.is_empty() {
                    missing.push(format!("{id}: {pick:?} ({}) in {lang:?}", w.what));
                }
                for r in &w.rules {
                    assert!(!r.trim().is_empty(), "{id}: an empty rule for {pick:?}");
                }
                checked += 1;
            }
        }
    }
    assert!(missing.is_empty(), "no rule for:\n{}", missing.join("\n"));
    assert!(checked > 1000, "only {checked} picks");
}

#[test]
fn the_why_panel_follows_the_current_step_of_the_flow() {
    for (id, run) in runs() {
        let items = flow_items(&run);
        for item in &items {
            // Every step of the flow can be chosen and explained.
            let w = why(&run, item.pick, Lang::En).expect("the item's pick exists");
            assert!(!w.rules.is_empty(), "{id}: {:?}", item.pick);
            // With nothing chosen, the panel explains what the flow shows as current.
            let n = items_until(&items, item.t);
            let current = items.get(n - 1).expect("an item at its own time");
            let latest = latest_pick(&run, item.t).expect("something happened");
            let latest_t = why(&run, latest, Lang::En).expect("exists").t;
            assert_eq!(latest_t, current.t, "{id}: {latest:?} vs {:?}", current.pick);
        }
        assert_eq!(latest_pick(&run, SimTime::ZERO), Some(Pick::Flow(0)), "{id}");
    }
}

/// Within an instant, cause before effect (issue 12 item 4): in the flow as the view lists it
/// and in what the "why" panel says led somewhere, a container's start comes before the bind
/// that fails in it and before its OOM kill, and a preStop hook runs before it is reported
/// failed. Checked on every example, played to the end and deleted at 60 s.
#[test]
fn within_an_instant_causes_come_before_their_effects() {
    use podplay_core::sim::view_pod::FlowItem;
    use podplay_core::sim::Rule;
    let effect = |i: &FlowItem<'_>| {
        i.cause
            .0
            .iter()
            .any(|r| matches!(r, Rule::PortInUse { .. } | Rule::OomKilled { .. }))
            && i.reason.is_none()
    };
    let mut seen = 0;
    for (id, run) in runs() {
        let items = flow_items(&run);
        for (k, item) in items.iter().enumerate() {
            let before = items.get(..k).unwrap_or(&[]);
            if effect(item) {
                // The process that bound the port or used the memory was started before, at this
                // instant or earlier.
                let started = before.iter().any(|b| {
                    b.container == item.container && b.text.starts_with("StartContainer")
                });
                assert!(started, "{id}: {} listed before its start", item.text);
                seen += 1;
            }
            if item.reason == Some("FailedPreStopHook") {
                let ran = before
                    .iter()
                    .any(|b| b.container == item.container && b.text.ends_with("preStop hook runs"));
                assert!(ran, "{id}: the preStop failure is listed before the hook runs");
                seen += 1;
            }
        }
        // The same order in the steps that led to an event.
        for (i, e) in run.events().iter().enumerate() {
            let w = why(&run, Pick::Event(i), Lang::En).expect("exists");
            let at: Vec<&str> = w
                .steps
                .iter()
                .filter(|s| s.t == e.t)
                .map(|s| s.what.as_str())
                .collect();
            if e.reason == "FailedPreStopHook" {
                assert!(
                    at.iter().all(|s| !s.contains("FailedPreStopHook")),
                    "{id}: {at:?}"
                );
            }
        }
    }
    assert!(seen >= 3, "only {seen} effects checked");
}

/// The port clash as the flow lists it: web-b starts, then its bind fails on the port web-a holds.
#[test]
fn the_port_clash_lists_the_start_before_the_failed_bind() {
    let run = example_run("port-clash");
    let items = flow_items(&run);
    let texts: Vec<&str> = items.iter().map(|i| i.text).collect();
    let start = texts
        .iter()
        .position(|t| t.starts_with("StartContainer web-b"))
        .expect("web-b starts");
    let bind = texts
        .iter()
        .position(|t| t.contains("bind(:80) fails"))
        .expect("its bind fails");
    assert!(start < bind, "{texts:#?}");
    assert_eq!(items[start].t, items[bind].t, "at one instant");
}

/// A preStop hook that fails at once: the flow and the "why" panel list the hook running before
/// its failure (the two are at one instant).
#[test]
fn a_failed_pre_stop_is_listed_after_it_runs() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: stop\nspec:\n  containers:\n  - name: app\n    image: busybox\n    command: [\"sleep\", \"3600\"]\n    lifecycle:\n      preStop:\n        exec:\n          command: [\"sh\", \"-c\", \"exit 1\"]\n";
    let options = Options {
        delete_at: Some(SimTime::from_secs(20)),
        ..Options::default()
    };
    let run = play(src, &options);
    let items = flow_items(&run);
    let runs_at = items
        .iter()
        .position(|i| i.text.ends_with("preStop hook runs"))
        .expect("the hook runs");
    let failed = items
        .iter()
        .position(|i| i.reason == Some("FailedPreStopHook"))
        .expect("the hook fails");
    assert_eq!(items[runs_at].t, items[failed].t, "at one instant");
    assert!(runs_at < failed);
    let Pick::Event(e) = items[failed].pick else {
        panic!("an event")
    };
    let w = why(&run, Pick::Event(e), Lang::En).expect("exists");
    assert!(
        w.steps.iter().any(|s| s.what.ends_with("preStop hook runs")),
        "{:#?}",
        w.steps
    );
}

/// The index of the first event `reason` of the container `name`.
fn first_event(run: &Run, name: &str, reason: &str) -> usize {
    let c = run.container_index(name).expect("the container");
    run.events()
        .iter()
        .position(|e| e.container == Some(c) && e.reason == reason)
        .unwrap_or_else(|| panic!("{name} has no {reason} event"))
}

fn example_run(id: &str) -> Run {
    let e = podplay_core::examples::by_id(id).expect("the example");
    play(e.source, &Options::default())
}

/// A manifest played as the play area plays it.
fn play(src: &str, options: &Options) -> Run {
    let PlayInput::Play { world, .. } = play_input(&analyze(src)) else {
        panic!("the manifest plays");
    };
    simulate(&world, options)
}

/// initpod (issue 12 item 8): every `nslookup k8sbook` is an attempt the network view lists,
/// and the init container's Running state says they keep failing.
#[test]
fn initpod_shows_each_failed_lookup_as_an_attempt() {
    let run = example_run("initpod");
    let init = run.container_index("init-ctr").expect("init-ctr");
    let lookups: Vec<_> = run
        .connections()
        .iter()
        .filter(|c| c.from == init && c.port == 53 && c.host == "k8sbook")
        .collect();
    assert!(lookups.len() > 10, "{} lookups", lookups.len());
    assert!(lookups.iter().all(|c| !c.result.is_ok()));
    let running = (0..run.timeline(init).expect("tl").states.len())
        .find(|&index| {
            run.timeline(init)
                .and_then(|tl| tl.states.get(index))
                .is_some_and(|(_, s)| s.is_running())
        })
        .expect("init-ctr runs");
    let pick = Pick::State {
        container: init,
        index: running,
    };
    let w = why(&run, pick, Lang::En).expect("exists");
    let said = w.rules.join(" → ");
    assert!(said.contains("failed attempts"), "{said}");
    assert!(said.contains("k8sbook:53 DNS: NXDOMAIN"), "{said}");
    let zh = why(&run, pick, Lang::Zh).expect("exists").rules.join(" → ");
    assert!(zh.contains("已失败"), "{zh}");
}

/// initpod-with-service (issue 12 item 8): what led to web-ctr's start includes init-ctr
/// finishing.
#[test]
fn the_app_container_start_is_led_to_by_the_init_container_finishing() {
    let run = example_run("initpod-with-service");
    let created = first_event(&run, "web-ctr", "Created");
    let w = why(&run, Pick::Event(created), Lang::En).expect("exists");
    assert!(
        w.steps
            .iter()
            .any(|s| s.what.contains("init-ctr") && s.why.contains("the init container completed")),
        "{:#?}",
        w.steps
    );
}

/// native-sidecar (issue 12 item 8): the app container is created because the sidecar has
/// started; nothing says it waited for the sidecar to finish or complete.
#[test]
fn the_app_waits_for_the_sidecar_to_start_not_to_finish() {
    let run = example_run("native-sidecar");
    let created = first_event(&run, "myapp", "Created");
    for lang in [Lang::En, Lang::Zh] {
        let w = why(&run, Pick::Event(created), lang).expect("exists");
        let said = w.rules.join(" → ");
        match lang {
            Lang::En => {
                assert!(said.contains("every native sidecar has started"), "{said}");
                assert!(!said.contains("complete") && !said.contains("finish"), "{said}");
            }
            Lang::Zh => assert!(said.contains("都已启动") && !said.contains("完成"), "{said}"),
        }
    }
    let first = first_event(&run, "logshipper", "Created");
    let w = why(&run, Pick::Event(first), Lang::En).expect("exists");
    assert!(w.rules.join(" ").contains("waits only for it to start, not to finish"));
}

/// An image the playground does not know is said where the pull happens (issue 12 item 8): the
/// pull step's rule names it, in both languages.
#[test]
fn an_unknown_image_is_said_at_the_pull() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: example-pod\nspec:\n  containers:\n  - name: example-ctr\n    image: example_image\n";
    let run = play(src, &Options::default());
    let items = flow_items(&run);
    let pull = items
        .iter()
        .find(|i| i.text.starts_with("PullImage"))
        .expect("the image is pulled");
    let en = pull.cause.text(Lang::En);
    assert!(en.contains("does not know the image example_image"), "{en}");
    assert!(pull.cause.text(Lang::Zh).contains("不认识镜像 example_image"));
    // A known image says nothing of the kind.
    let known = example_run("hello-pod");
    assert!(flow_items(&known)
        .iter()
        .all(|i| !i.cause.text(Lang::En).contains("does not know the image")));
}

/// example_pod with its names fixed (issue 12 item 8): the exit says the container's own error
/// (`sh: can't open 'c'`) and what `sh c` was meant to be (`sh -c`).
#[test]
fn sh_c_says_its_own_error_and_what_was_meant() {
    let seed = podplay_core::examples::by_id("example-pod").expect("the example").source;
    let src = seed
        .replace("name: example_pod", "name: example-pod")
        .replace("example_app_container", "example-app-container");
    let run = play(&src, &Options::default());
    let exited = run
        .flow()
        .iter()
        .position(|f| f.action.en.contains("exited with code 2"))
        .expect("sh exits with 2");
    let said = why(&run, Pick::Flow(exited), Lang::En).expect("exists").rules.join(" → ");
    assert!(said.contains("sh: can't open 'c'"), "{said}");
    assert!(said.contains("`sh -c"), "{said}");
    let zh = why(&run, Pick::Flow(exited), Lang::Zh).expect("exists").rules.join(" → ");
    assert!(zh.contains("最后的输出") && zh.contains("sh -c"), "{zh}");
    // A container that exits 0 is not given an error.
    let ok = example_run("hello-pod");
    for i in 0..ok.flow().len() {
        let w = why(&ok, Pick::Flow(i), Lang::En).expect("exists");
        assert!(!w.rules.join(" ").contains("its last output"));
    }
}
