//! The gallery (`podplay_core::examples`): the seed examples are the seed fixtures byte for byte,
//! every seed fixture is offered, every example parses, the valid ones are accepted by the whole
//! analysis (YAML, strict decoding, defaulting, validation) and the others report the mistakes
//! they describe.
mod common;

use podplay_core::analyze::analyze;
use podplay_core::diag::{Diagnostic, Lang, Severity};
use podplay_core::examples::{self, Group, Origin, Status, ALL, DEFAULT};
use podplay_core::yaml::parse_stream;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn fixture(file: &str) -> Option<&'static str> {
    let stem = file.strip_suffix(".yaml")?;
    let name = format!("seeds/{stem}");
    common::FIXTURES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, input, _)| *input)
}

/// The errors `analyze` reports: syntax, strict decoding, validation.
fn analyze_errors(src: &str) -> Vec<String> {
    analyze(src)
        .documents
        .iter()
        .flat_map(|d| d.diagnostics.iter())
        .filter(|d| d.severity == Severity::Error)
        .map(Diagnostic::field_error)
        .collect()
}

#[test]
fn ids_are_unique_and_every_example_is_described_in_both_languages() {
    let mut ids: Vec<&str> = ALL.iter().map(|e| e.id).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids");
    for e in ALL {
        assert!(
            e.id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}",
            e.id
        );
        assert!(!e.title.en.is_empty() && !e.title.zh.is_empty(), "{}", e.id);
        assert!(
            !e.description.en.is_empty() && !e.description.zh.is_empty(),
            "{}",
            e.id
        );
        assert_ne!(
            e.description.get(Lang::En),
            e.description.get(Lang::Zh),
            "{}",
            e.id
        );
        assert!(!e.description.en.contains('\n'), "{}: one line", e.id);
        assert!(!e.group.title().en.is_empty() && !e.group.title().zh.is_empty());
    }
    for g in Group::ALL {
        assert!(examples::in_group(g).next().is_some(), "{g:?} is empty");
    }
    // Groups are contiguous and in display order.
    let groups: Vec<Group> = ALL.iter().map(|e| e.group).collect();
    let mut sorted = groups.clone();
    sorted.sort();
    assert_eq!(groups, sorted);
    assert_eq!(ALL.first().map(|e| e.id), Some(DEFAULT.id));
    assert_eq!(ALL.first().map(|e| e.source), Some(DEFAULT.source));
    assert_eq!(
        examples::by_id("oom-killed").map(|e| e.title.en),
        Some("OOMKilled")
    );
    assert!(examples::by_id("nope").is_none());
}

#[test]
fn seed_examples_are_the_seed_fixtures_byte_for_byte() {
    let mut seen = 0;
    for e in ALL {
        if let Origin::Seed {
            note,
            fixture: file,
            ..
        } = e.origin
        {
            let Some(text) = fixture(file) else {
                panic!("{}: no fixture seeds/{file}", e.id)
            };
            assert_eq!(e.source, text, "{}", e.id);
            assert!(note.file.ends_with(".txt"), "{}", e.id);
            seen += 1;
        }
        if let Origin::Completed {
            fixture: Some(file),
            ..
        } = e.origin
        {
            assert!(fixture(file).is_some(), "{}: no fixture seeds/{file}", e.id);
            assert_ne!(
                Some(e.source),
                fixture(file),
                "{}: completes, not copies",
                e.id
            );
        }
    }
    assert!(seen >= 19, "{seen}");
    let initpod = fixture("initpod.yaml").unwrap_or_default();
    let service = fixture("k8sbook-service.yaml").unwrap_or_default();
    assert_eq!(
        examples::by_id("initpod-with-service").map(|e| e.source),
        Some(format!("{initpod}---\n{service}").as_str())
    );
}

#[test]
fn every_seed_fixture_is_in_the_gallery() {
    let seeds: Vec<&str> = common::FIXTURES
        .iter()
        .filter_map(|(n, _, _)| n.strip_prefix("seeds/"))
        .collect();
    assert!(seeds.len() >= 19, "{seeds:?}");
    for stem in seeds {
        let file = format!("{stem}.yaml");
        assert!(
            ALL.iter()
                .any(|e| matches!(e.origin, Origin::Seed { fixture, .. } if fixture == file)),
            "seed {file} is not offered"
        );
    }
}

#[test]
fn every_example_parses_into_documents() {
    for e in ALL {
        let docs = parse_stream(e.source);
        assert!(docs.iter().any(|d| d.root.is_some()), "{}", e.id);
        let a = analyze(e.source);
        assert_eq!(a.documents.len(), docs.len(), "{}", e.id);
    }
}

#[test]
fn valid_examples_are_accepted() {
    for e in ALL.iter().filter(|e| e.status == Status::Valid) {
        assert_eq!(analyze_errors(e.source), Vec::<String>::new(), "{}", e.id);
        let a = analyze(e.source);
        for d in &a.documents {
            assert!(d.model_kind.is_some(), "{}: document {}", e.id, d.index);
            assert!(d.name.is_some(), "{}: document {}", e.id, d.index);
        }
        let pods = a
            .documents
            .iter()
            .filter(|d| d.kind.as_deref() == Some("Pod"))
            .count();
        let expected = usize::from(e.id != "k8sbook-service");
        assert_eq!(pods, expected, "{}", e.id);
    }
}

#[test]
fn fragments_lack_apiversion_and_kind() {
    for e in ALL.iter().filter(|e| e.status == Status::Fragment) {
        assert!(matches!(e.origin, Origin::Seed { .. }), "{}", e.id);
        let errs = analyze_errors(e.source);
        if errs.iter().any(|x| x.starts_with("Syntax: ")) {
            // kubectl stops at the YAML error: the missing header is never reported.
            assert_eq!(errs.len(), 1, "{}: {errs:?}", e.id);
        } else {
            assert!(
                errs.contains(&"kind: Required value: kind not set".to_string()),
                "{}: {errs:?}",
                e.id
            );
            assert!(
                errs.contains(&"apiVersion: Required value: apiVersion not set".to_string()),
                "{}: {errs:?}",
                e.id
            );
        }
        // Each fragment has a whole version written for the playground.
        let file = match e.origin {
            Origin::Seed { fixture, .. } => fixture,
            _ => "",
        };
        assert!(
            ALL.iter().any(|c| c.status == Status::Valid
                && matches!(c.origin, Origin::Completed { fixture: Some(f), .. } if f == file || (file == "myweb-env-fragment.yaml" && f == "myweb-joined.yaml"))),
            "{}: no completed version",
            e.id
        );
    }
}

#[test]
fn examples_with_mistakes_report_them() {
    let expect: &[(&str, &[&str])] = &[
        (
            "myweb-joined",
            // kubectl stops at the YAML error: the stray `value` keys are never decoded.
            &["Syntax: did not find expected key"],
        ),
        (
            "example-pod",
            &[
                "metadata.name: Invalid value: \"example_pod\"",
                "spec.containers[0].name: Invalid value: \"example_app_container\"",
            ],
        ),
        (
            "javaweb-2-hostpost",
            &["spec.containers[0].ports[0].hostPost: Unknown field: did you mean \"hostPort\"?"],
        ),
        (
            "javaweb-2-indent",
            &[
                "spec.containers[0].volumeMounts[0].ports: Unknown field",
                "spec.containers[0].volumeMounts[1].containerPort: Unknown field",
                "spec.containers[0].volumeMounts[1].hostPort: Unknown field",
                "spec.containers[0].volumeMounts[1].name: Required value",
                "spec.containers[0].volumeMounts[1].mountPath: Required value",
            ],
        ),
        ("projected-volume", &["Syntax: could not find expected ':'"]),
    ];
    let with_mistakes: Vec<&str> = ALL
        .iter()
        .filter(|e| e.status == Status::Mistakes)
        .map(|e| e.id)
        .collect();
    assert_eq!(
        with_mistakes,
        expect.iter().map(|(id, _)| *id).collect::<Vec<_>>()
    );
    for (id, wanted) in expect {
        let Some(e) = examples::by_id(id) else {
            panic!("{id}")
        };
        let errs = analyze_errors(e.source);
        for w in *wanted {
            assert!(
                errs.iter().any(|x| x.starts_with(w)),
                "{id}: {w} not in {errs:#?}"
            );
        }
    }
}

#[test]
fn every_example_says_what_to_look_at_and_where_it_comes_from() {
    for e in ALL {
        let (en, zh) = (e.look.get(Lang::En), e.look.get(Lang::Zh));
        assert!(en.len() > 40 && zh.len() > 40, "{}", e.id);
        assert_ne!(en, zh, "{}", e.id);
        assert_ne!(en, e.description.en, "{}", e.id);
        assert!(!en.contains('\n') && !zh.contains('\n'), "{}", e.id);
        // One or two sentences: where to look, and when.
        let sentences = en.matches(". ").count() + 1;
        assert!(sentences <= 3, "{}: {sentences} sentences", e.id);
        match e.origin {
            Origin::Seed { note, section, .. } | Origin::Completed { note, section, .. } => {
                assert!(!section.is_empty(), "{}: no section", e.id);
                assert!(examples::NOTES.contains(&note), "{}", e.id);
                assert!(!note.title.is_empty() && !note.title_en.is_empty());
                assert!(!note.title(Lang::En).ends_with(".txt"));
            }
            Origin::Concept => assert_eq!(e.origin.section(), None),
        }
    }
    let notes: Vec<&str> = examples::NOTES.iter().map(|n| n.file).collect();
    let mut files = notes.clone();
    files.dedup();
    assert_eq!(files.len(), 5);
    assert_eq!(
        examples::NOTES[1].title(Lang::En),
        "理解Pod (Understanding Pods)"
    );
    assert_eq!(examples::NOTES[1].title(Lang::Zh), "理解Pod");
    assert_eq!(examples::NOTES[0].title(Lang::En), "Working with Pods");
}
