//! The course as a whole: every lesson's tasks exist and start unsolved, every predict question
//! has exactly one right choice in the simulation, checks never panic or hang on any text, and
//! every lesson file (`static/lessons/<id>.lesson`) parses and agrees with the course.

mod common;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::lessons::{self, content, Answers, Criterion, Goal, TaskKind};

#[test]
fn lessons_and_tasks_agree() {
    let mut seen = Vec::new();
    for l in lessons::lessons() {
        assert!(!l.tasks.is_empty(), "{}: a lesson without tasks", l.id);
        assert!(
            lessons::manifest(l.start).is_some(),
            "{}: start {}",
            l.id,
            l.start
        );
        for id in l.tasks {
            let t = lessons::task(id).unwrap_or_else(|| panic!("{}: no task {id}", l.id));
            assert_eq!(t.lesson, l.id, "{id} is listed in {}", l.id);
            assert!(!seen.contains(id), "{id} is in two lessons");
            seen.push(*id);
        }
    }
    assert_eq!(
        seen.len(),
        lessons::course::TASKS.len(),
        "a task in no lesson"
    );
    for id in lessons::course::CHALLENGES {
        assert!(lessons::task(id).is_some(), "challenge {id}");
    }
}

#[test]
fn every_task_starts_unsolved_and_is_checked_against_its_criteria() {
    for t in lessons::tasks() {
        let start = t.start_text();
        assert!(!start.is_empty(), "{}: no starting manifest", t.id);
        match t.goal {
            Goal::Criteria(checks) => {
                assert!(
                    matches!(
                        checks.first().map(|c| c.criterion),
                        Some(Criterion::Accepted)
                    ),
                    "{}: the first criterion is that the API server accepts the Pod",
                    t.id
                );
                assert_ne!(t.kind, TaskKind::Predict, "{}", t.id);
                let r = lessons::check_task(t, start);
                assert!(!r.passed, "{}: the starting manifest already passes", t.id);
                assert!(r.hint.is_some(), "{}", t.id);
            }
            Goal::Predict(_) => assert_eq!(t.kind, TaskKind::Predict, "{}", t.id),
        }
    }
}

#[test]
fn every_prediction_has_one_right_choice_in_the_simulation() {
    for t in lessons::tasks() {
        let Goal::Predict(q) = t.goal else { continue };
        let measured = lessons::measure(t, q);
        assert!(
            !matches!(measured, lessons::Measured::Unknown(_)),
            "{}: {measured:?}",
            t.id
        );
        match q.answers {
            Answers::Choices(choices) => {
                let right: Vec<&&str> = choices
                    .iter()
                    .filter(|c| lessons::is_right(&q.answers, &measured, c))
                    .collect();
                assert_eq!(right.len(), 1, "{}: {measured:?} among {choices:?}", t.id);
                let r = lessons::check_task(t, right[0]);
                assert!(r.passed, "{}", t.id);
                let wrong = choices
                    .iter()
                    .find(|c| *c != right[0])
                    .expect("two choices");
                let r = lessons::check_task(t, wrong);
                assert!(!r.passed, "{}", t.id);
                let hint = r.hint.expect("a hint");
                assert!(
                    hint.solution.en.contains(right[0]),
                    "{}: {}",
                    t.id,
                    hint.solution.en
                );
            }
            Answers::Number { .. } => {
                let lessons::Measured::Number(n) = measured else {
                    panic!("{}: {measured:?}", t.id)
                };
                assert!(lessons::check_task(t, &format!("{n}")).passed, "{}", t.id);
                assert!(
                    !lessons::check_task(t, &format!("{}", n + 5.0)).passed,
                    "{}",
                    t.id
                );
            }
        }
        for nonsense in ["", "   ", "NaN", "inf", "\u{0}", &"9".repeat(400)] {
            assert!(
                !lessons::check_task(t, nonsense).passed,
                "{}: {nonsense:?}",
                t.id
            );
        }
    }
}

#[test]
fn every_task_has_passing_and_failing_fixtures() {
    for t in lessons::tasks() {
        let prefix = format!("lessons/{}/", t.id);
        let names: Vec<&str> = common::FIXTURES
            .iter()
            .map(|(n, _, _)| *n)
            .filter(|n| n.starts_with(&prefix))
            .collect();
        assert!(
            names.iter().any(|n| n.contains("/pass")) && names.iter().any(|n| n.contains("/fail")),
            "{}: {names:?}",
            t.id
        );
    }
}

#[test]
fn checks_answer_any_text_without_panicking() {
    let big_yaml = "a: b\n".repeat(2_200_000);
    let inputs: Vec<String> = vec![
        String::new(),
        "\u{feff}".into(),
        "{".into(),
        "- - - - -".into(),
        "kind: Pod".into(),
        "apiVersion: v1\nkind: Pod\n".into(),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: []}\n".into(),
        "[".repeat(5000),
        "a:\n".repeat(3000),
        "x".repeat(10 * 1024 * 1024),
        big_yaml,
        String::from_utf8_lossy(&(0u8..=255).cycle().take(100_000).collect::<Vec<u8>>())
            .into_owned(),
    ];
    for id in [
        "share-pid",
        "schedule-ssd",
        "hostaliases",
        "init-service",
        "fix-javaweb",
    ] {
        for input in &inputs {
            let r = lessons::check(id, input).expect("a task");
            assert!(!r.passed, "{id}");
            let hint = r.hint.expect("a hint");
            assert!(
                !hint.nudge.en.is_empty() && !hint.nudge.zh.is_empty(),
                "{id}"
            );
        }
    }
    assert!(lessons::check("no-such-task", "x").is_none());
}

#[test]
fn the_disktype_cluster_has_two_labelled_workers() {
    let nodes = lessons::cluster_nodes(lessons::Cluster::DiskTypes).expect("nodes");
    let label = |n: &podplay_core::model::NodeInfo| {
        podplay_core::model::lookup(&n.labels, "disktype").map(str::to_string)
    };
    let workers: Vec<(String, Option<String>)> = nodes
        .iter()
        .filter(|n| n.taints.is_empty())
        .map(|n| (n.name.clone(), label(n)))
        .collect();
    assert_eq!(
        workers,
        vec![
            ("node-a".to_string(), Some("hdd".to_string())),
            ("node-b".to_string(), Some("ssd".to_string()))
        ]
    );
    assert!(nodes.iter().all(|n| {
        podplay_core::model::lookup(&n.labels, "kubernetes.io/hostname") == Some(n.name.as_str())
    }));
}

macro_rules! lesson_files {
    ($($id:literal),* $(,)?) => {
        &[$(($id, include_str!(concat!("../../static/lessons/", $id, ".lesson")))),*]
    };
}

/// Every lesson file, by lesson id (a native test below checks that the folder holds exactly these).
static FILES: &[(&str, &str)] = lesson_files!(
    "pod",
    "manifests",
    "pause",
    "network",
    "volumes",
    "init",
    "probes",
    "restarts",
    "hooks",
    "resources",
    "scheduling",
    "flow",
    "status",
);

#[test]
fn every_lesson_file_parses_and_agrees_with_the_course() {
    let ids: Vec<&str> = lessons::lessons().iter().map(|l| l.id).collect();
    let files: Vec<&str> = FILES.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, files, "one file per lesson, in course order");
    let mut problems = Vec::new();
    for (id, text) in FILES {
        match content::parse(text) {
            Ok(l) => {
                if l.id != *id {
                    problems.push(format!("{id}.lesson says @lesson {}", l.id));
                }
                for p in content::verify(&l) {
                    problems.push(format!("{id}.lesson: {p}"));
                }
            }
            Err(e) => problems.push(format!("{id}.lesson: {e}")),
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_lesson_folder_holds_exactly_the_course() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../static/lessons");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("static/lessons")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut expected: Vec<String> = FILES.iter().map(|(id, _)| format!("{id}.lesson")).collect();
    expected.sort();
    assert_eq!(on_disk, expected);
}
