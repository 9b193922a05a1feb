//! The fuzz targets' bodies (issue 16), one home for both runners: the libFuzzer targets in
//! fuzz/fuzz_targets/ (nightly, `scripts/fuzz`) include this file, and core/tests/fuzz_corpus.rs
//! replays the committed corpus and every regression through the same functions on stable.
//! Each takes any bytes; a panic (or a failed assertion) is a finding.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test

#[path = "../testsys/mod.rs"]
mod testsys;

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;
use podplay_core::analyze::analyze_bytes;
use podplay_core::diag::Lang;
use podplay_core::explain::{complete, explain, hover};
use podplay_core::session::{split_commands, transcript, Session, MAX_OUTPUT};
use podplay_core::share::{
    base64url_decode, base64url_encode, inflate, open_payload, MAX_TEXT_BYTES,
};
use podplay_core::shell::{Config, Shell};
use podplay_core::sim::view_input::{play_input, PlayInput};
use podplay_core::sim::view_pod::{failed_binds, flow_items, item_times, items_until};
use podplay_core::sim::view_timeline::{latest_event, pick_phase, pick_state, why};
use podplay_core::sim::{self, printer, Options, SimTime};
use podplay_core::span::Span;
use podplay_core::stored::stored_objects;
use testsys::{run, MemSys};

/// Any text → the whole check (`analyze_bytes`: UTF-8 reading, YAML, decoding, defaulting,
/// validation), every diagnostic rendered as the app and kubectl show it, explain lookups
/// (hover and completion at offsets of the text, `kubectl explain` of the hovered path) and the
/// stored view. Invariant checked besides "no panic, no hang": every span lies inside the text.
pub fn analyze(data: &[u8]) {
    let (src, a) = analyze_bytes(data, "pod.yaml");
    let len = src.len();
    let inside = |s: Span| s.range().end <= len && s.range().start <= s.range().end;
    for d in &a.documents {
        assert!(inside(d.span), "document span {:?} outside {len}", d.span);
        for g in &d.diagnostics {
            assert!(
                inside(g.span),
                "diagnostic span {:?} outside {len}: {g:?}",
                g.span
            );
            let _ = a.line_index.line_col(&src, g.span.start);
            let _ = g.span.text(&src);
            let _ = (g.body(), g.field_error(), d.kubectl_message(g));
            let _ = (g.explanation.get(Lang::En), g.fix.get(Lang::Zh));
            if let Some(r) = &g.replacement {
                assert!(
                    inside(r.span),
                    "replacement span {:?} outside {len}",
                    r.span
                );
            }
        }
        if let (Some(root), Some(kind)) = (&d.root, d.model_kind) {
            // Offsets to look at: each diagnostic, the document's ends, and a spread of points.
            let mut offsets: Vec<u32> = d.diagnostics.iter().map(|g| g.span.start).collect();
            offsets.extend([d.span.start, d.span.end]);
            offsets.extend((0..8).map(|i| (len as u64 * i / 7) as u32));
            for off in offsets {
                if let Some(h) = hover(root, kind, off) {
                    assert!(inside(h.span), "hover span {:?} outside {len}", h.span);
                    let _ = explain(&h.explain_path, false);
                }
                let c = complete(&src, Some(root), off);
                assert!(inside(c.span), "completion span {:?} outside {len}", c.span);
            }
        }
    }
    let _ = stored_objects(&a);
}

/// FNV-1a: the input's own source of "random" choices.
fn hash(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Any text that analyses to a Pod → what `kubectl create -f` would create (`play_input`), played
/// to a bounded horizon (at most 900 simulated seconds, sometimes with a `kubectl delete`), then
/// the views at chosen times: the pod's state, `kubectl get`/`describe`/events, the creation
/// flow, the timeline picks and their explanations. The horizon, the delete time and the times
/// looked at come from a hash of the input, so every mutation also moves them.
/// Invariants besides "no panic, no hang": the run ends at or before its horizon and plays the
/// same twice.
pub fn simulate(data: &[u8]) {
    let (_, a) = analyze_bytes(data, "pod.yaml");
    let PlayInput::Play { world, .. } = play_input(&a) else {
        return;
    };
    let h = hash(data);
    let until = SimTime(if h & 1 == 0 {
        300_000
    } else {
        (h >> 1) % 900_001
    });
    let delete_at = (h & 6 == 6).then_some(SimTime((h >> 12) % 600_000));
    let opts = Options {
        until,
        delete_at,
        ..Options::default()
    };
    let run = sim::simulate(&world, &opts);
    assert!(run.end() <= until, "ran to {:?} past {until:?}", run.end());
    let again = sim::simulate(&world, &opts);
    assert_eq!(
        printer::trace(&run),
        printer::trace(&again),
        "not deterministic"
    );

    let items = flow_items(&run);
    let _ = item_times(&items);
    let _ = failed_binds(&run);
    let end = run.end().0;
    let mut times: Vec<u64> = (0..6).map(|i| h.rotate_left(i * 11) % (end + 2)).collect();
    times.extend(run.events().iter().take(64).map(|e| e.t.0));
    times.push(end);
    for t in times.into_iter().map(SimTime) {
        let snap = run.state_at(t);
        let _ = printer::get_table(&run, &snap);
        let _ = printer::events_table(&run, t);
        let _ = items_until(&items, t);
        for pick in [latest_event(&run, t), pick_phase(&run, t)]
            .into_iter()
            .flatten()
        {
            let _ = why(&run, pick, Lang::En);
        }
        for c in 0..world.pod.containers.len().min(8) {
            if let Some(pick) = pick_state(&run, c, t) {
                let _ = why(&run, pick, Lang::Zh);
            }
        }
    }
    let _ = printer::describe(&run, &world, run.end());
}

/// Any script → the shell interpreter (`sh -c <script>`) on the in-memory test system the shell
/// tests use (core/tests/testsys), driven the way the simulation's engine drives a program, for
/// up to 200 simulated milliseconds (ten busy slices of `STEPS_PER_POLL` steps; the engine stops
/// interpreting a busy loop after `MAX_BUSY_POLLS`): the interpreter's own budgets (steps,
/// output, nesting, expansion) must stop every runaway script without a panic or a hang.
pub fn shell(data: &[u8]) {
    let script = String::from_utf8_lossy(data);
    let mut sys = MemSys::new();
    let mut p = Shell::script(Config::default(), &script, "sh", &[]);
    let _ = run(&mut p, &mut sys, 200);
}

/// Any share-link payload → the text it holds or a refusal (`share::open_payload`: base64url,
/// raw DEFLATE with a bounded output, the text checks), as the app opens a `#s=…` link.
/// Oracles besides "no panic, no hang": a text accepted is valid UTF-8 without NUL within the
/// size limit; core's inflater accepts nothing the reference inflater (miniz_oxide) reads
/// differently; and whatever the input, its compression by miniz_oxide (at a level picked from
/// the input) opens back to exactly the input, so the inflater reads every real encoder's output.
pub fn share(data: &[u8]) {
    let payload = String::from_utf8_lossy(data);
    if let Ok(text) = open_payload(&payload) {
        assert!(text.len() <= MAX_TEXT_BYTES && !text.contains('\0'));
    }
    // The inflater on the raw bytes (no base64 in the way) against the reference.
    let ours = inflate(data, MAX_TEXT_BYTES);
    if let Ok(out) = &ours {
        let reference = decompress_to_vec_with_limit(data, MAX_TEXT_BYTES);
        assert_eq!(
            reference.as_ref().ok(),
            Some(out),
            "accepted what miniz_oxide reads otherwise"
        );
    }
    // Any bytes, compressed by a real encoder, come back exactly.
    let level = data.first().map_or(6, |b| b % 11);
    let packed = compress_to_vec(data, level);
    assert_eq!(
        inflate(&packed, MAX_TEXT_BYTES).as_deref(),
        Ok(data),
        "level {level}"
    );
    let link = base64url_encode(&packed);
    assert_eq!(base64url_decode(&link).as_deref(), Ok(&packed[..]));
    if let Ok(text) = std::str::from_utf8(data) {
        if !text.contains('\0') {
            assert_eq!(open_payload(&link).as_deref(), Ok(text));
        }
    }
}

/// Commands one `session` input may type (more are ignored), so one input stays bounded.
pub const SESSION_MAX_COMMANDS: usize = 16;

/// Any sequence of terminal commands → the cluster session (`podplay_core::session`): the input
/// is a script split as the CLI splits it (`split_commands`: lines, `\` continuations, heredocs),
/// typed at the prompt in order, with a home directory holding the input itself as `pod.yaml`
/// (so `kubectl apply -f pod.yaml` applies any text). Then the read-only views a playhead asks for,
/// at times picked from a hash of the input: `kubectl get`/`describe`/`logs` through `query`, the
/// pods and their runs (`pods`, `pod_play`), and completion at several cursors.
/// Invariants besides "no panic, no hang": commands are typed in time order, each output is
/// bounded, and the same script gives the same transcript twice.
pub fn session(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let files = [("pod.yaml".to_string(), text.to_string())];
    let commands: Vec<String> = split_commands(&text)
        .into_iter()
        .take(SESSION_MAX_COMMANDS)
        .collect();
    let play = || {
        let mut s = Session::new(&files);
        for c in &commands {
            let at = s.now();
            s.run(c, at);
        }
        s
    };
    let s = play();
    let mut last = SimTime::ZERO;
    for st in s.steps() {
        assert!(st.t >= last, "typed at {:?} before {last:?}", st.t);
        last = st.t;
        assert!(
            st.output.len() <= MAX_OUTPUT + 1024,
            "output of {} bytes",
            st.output.len()
        );
    }
    assert_eq!(transcript(s.steps()), transcript(play().steps()), "not deterministic");

    let h = hash(data);
    let end = s.now().0;
    let times: Vec<SimTime> = (0..3)
        .map(|i| SimTime(h.rotate_left(i * 13) % (end + 2)))
        .chain([s.now()])
        .collect();
    for t in times {
        let pods = s.pods(t);
        for args in [&["get", "pods", "-o", "wide"][..], &["get", "events"][..]] {
            let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            let _ = s.query(&args, t);
        }
        for p in pods.iter().take(3) {
            for verb in ["describe", "logs"] {
                let _ = s.query(&[verb.to_string(), p.name.clone()], t);
            }
            let _ = s.pod_play(&p.name, t);
        }
    }
    for c in commands.iter().take(4) {
        for cursor in [0, c.len() / 2, c.len(), c.len() + 3] {
            let _ = s.complete(c, cursor);
        }
    }
}
