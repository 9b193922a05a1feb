//! Chinese everywhere in the play views (issue 12 item 11): what core computes for them comes in
//! both languages, and the Chinese is Chinese. Over every gallery example (played to the end and
//! deleted at 60 s) and a few manifests written to reach the playground's other notes: every note
//! of the run ("Notes on this run") except the kubelet's own log lines, every rule of every "why",
//! every flow step's action that the playground words, and every "not created" message of its own.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failing test
use podplay_core::analyze::analyze;
use podplay_core::diag::Lang;
use podplay_core::examples::ALL;
use podplay_core::sim::view_input::{play_input, PlayInput};
use podplay_core::sim::view_timeline::{why, Pick};
use podplay_core::sim::{simulate, NoteKind, Options, Run, SimTime};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// Manifests that reach notes no gallery example reaches: an unknown image, a gRPC probe, a
/// connection out of the pod, an unmodelled command and builtin, a busy loop, a CPU limit, an
/// env file, a readiness gate, bash on a non-busybox image.
const EXTRA: [&str; 3] = [
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: odd\nspec:\n  readinessGates:\n  - conditionType: example.com/lb\n  containers:\n  - name: app\n    image: example/unknown:1\n    ports:\n    - containerPort: 9000\n    readinessProbe:\n      grpc:\n        port: 9000\n  - name: sh\n    image: busybox:1.36\n    resources:\n      limits:\n        cpu: 100m\n    command: [\"sh\", \"-c\", \"awk 1 /dev/null; ulimit -n; wget -T 2 -q -O- http://10.1.2.3/ || true; while true; do :; done\"]\n",
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bash\nspec:\n  containers:\n  - name: app\n    image: ubuntu:24.04\n    command: [\"bash\", \"-c\", \"seq 1 2000000 > /dev/null; sleep 5\"]\n",
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: envfile\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [\"sh\", \"-c\", \"sleep 5\"]\n    env:\n    - name: FROM_FILE\n      valueFrom:\n        fileKeyRef:\n          volumeName: cfg\n          path: env\n          key: A\n  volumes:\n  - name: cfg\n    emptyDir: {}\n",
];

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn runs() -> Vec<(String, Run)> {
    let sources = ALL.iter().map(|e| (e.id.to_string(), e.source));
    let extra = EXTRA
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("extra {i}"), *s));
    let mut out = Vec::new();
    for (id, source) in sources.chain(extra) {
        let PlayInput::Play { world, .. } = play_input(&analyze(source)) else {
            continue;
        };
        out.push((id.clone(), simulate(&world, &Options::default())));
        let deleted = Options {
            delete_at: Some(SimTime::from_secs(60)),
            ..Options::default()
        };
        out.push((id, simulate(&world, &deleted)));
    }
    out
}

#[test]
fn every_note_of_every_run_is_in_chinese_except_the_kubelets_log() {
    let mut english_only = Vec::new();
    let mut said = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for (id, run) in runs() {
        for n in run.notes() {
            if n.kind == NoteKind::KubeletLog {
                // As the kubelet prints it, in both languages.
                assert_eq!(n.text.en, n.text.zh, "{id}");
                continue;
            }
            said += 1;
            kinds.insert(format!("{:?}", n.kind));
            if !chinese(&n.text.zh) || n.text.zh == n.text.en {
                english_only.push(format!("{id}: {}", n.text.zh));
            }
        }
    }
    assert!(
        english_only.is_empty(),
        "English-only notes:\n{}",
        english_only.join("\n")
    );
    // The manifests above do reach notes (of at least two kinds): the test can fail.
    assert!(
        said >= 8 && kinds.len() >= 2,
        "only {said} notes of {kinds:?}"
    );
}

#[test]
fn every_why_and_flow_step_in_chinese_has_chinese_words() {
    let mut english_only = Vec::new();
    let mut checked = 0;
    for (id, run) in runs() {
        for (i, step) in run.flow().iter().enumerate() {
            // A CRI call or an API path alone stays as the component says it; anything the
            // playground adds to it is translated.
            if step.action.zh != step.action.en && !chinese(&step.action.zh) {
                english_only.push(format!("{id}: flow {}", step.action.zh));
            }
            let w = why(&run, Pick::Flow(i), Lang::Zh).expect("the step exists");
            for r in &w.rules {
                checked += 1;
                if !chinese(r) {
                    english_only.push(format!("{id}: flow {i}: {r}"));
                }
            }
        }
        for i in 0..run.events().len() {
            let w = why(&run, Pick::Event(i), Lang::Zh).expect("the event exists");
            for r in &w.rules {
                checked += 1;
                if !chinese(r) {
                    english_only.push(format!("{id}: event {i}: {r}"));
                }
            }
        }
    }
    english_only.dedup();
    assert!(
        english_only.is_empty(),
        "English-only texts:\n{}",
        english_only.join("\n")
    );
    assert!(checked > 1000, "only {checked} rules");
}

#[test]
fn a_document_never_sent_says_so_in_chinese() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: busybox\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  bad: [\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";
    let PlayInput::Play { left_out, .. } = play_input(&analyze(text)) else {
        panic!("the pod plays");
    };
    assert!(!left_out.is_empty(), "{left_out:?}");
    for o in &left_out {
        if o.message.en.starts_with("not sent") {
            assert!(chinese(&o.message.zh), "{:?}", o.message);
        } else {
            assert_eq!(
                o.message.en, o.message.zh,
                "kubectl's words stay as it prints them"
            );
        }
    }
}
