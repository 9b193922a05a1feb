//! The course's checks, one folder per task: `tests/fixtures/lessons/<task>/<name>.yaml` is a
//! learner's manifest (or, for a predict task, an answer) and `<name>.out` what the check says:
//! passed or not, each criterion with what was found, and the hint ladder (a nudge, more, the
//! solution) in English and Chinese for the first criterion that failed. A file named `pass-…`
//! must pass and one named `fail-…` must not, whatever the `.out` says.

mod common;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::lessons;

fn task_of(name: &str) -> &str {
    name.split('/').nth(1).unwrap_or("")
}

fn render(name: &str, input: &str) -> String {
    let id = task_of(name);
    let report = lessons::check(id, input).unwrap_or_else(|| panic!("no task {id} for {name}"));
    let mut out = String::new();
    out.push_str(if report.passed {
        "passed\n"
    } else {
        "not passed\n"
    });
    for c in &report.checks {
        let mark = if c.passed { "ok  " } else { "FAIL" };
        out.push_str(&format!("{mark} {}: {}\n", c.name, c.detail.en));
    }
    if let Some(h) = &report.hint {
        for (n, rung) in [&h.nudge, &h.more, &h.solution].into_iter().enumerate() {
            out.push_str(&format!("hint {} en: {}\n", n + 1, rung.en));
            out.push_str(&format!("hint {} zh: {}\n", n + 1, rung.zh));
        }
    }
    out
}

#[test]
fn lesson_fixtures() {
    common::check_area("lessons", render);
}

#[test]
fn pass_and_fail_fixtures_pass_and_fail() {
    let mut wrong = Vec::new();
    for (name, input, _) in common::FIXTURES
        .iter()
        .filter(|(n, _, _)| n.starts_with("lessons/"))
    {
        let file = name.rsplit('/').next().unwrap_or("");
        let report = lessons::check(task_of(name), input).expect("a task");
        let expect = if file.starts_with("pass") {
            true
        } else if file.starts_with("fail") {
            false
        } else {
            panic!("{name}: name a lesson fixture pass-… or fail-…");
        };
        if report.passed != expect {
            wrong.push(format!("{name}: passed = {}", report.passed));
        }
        // A failure always comes with a hint in both languages.
        if !report.passed {
            let h = report.hint.as_ref().expect("a hint");
            for rung in [&h.nudge, &h.more, &h.solution] {
                assert!(
                    !rung.en.is_empty() && !rung.zh.is_empty(),
                    "{name}: empty hint"
                );
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_challenge_has_passing_and_failing_fixtures() {
    for id in lessons::course::CHALLENGES {
        let prefix = format!("lessons/{id}/");
        let names: Vec<&str> = common::FIXTURES
            .iter()
            .map(|(n, _, _)| *n)
            .filter(|n| n.starts_with(&prefix))
            .collect();
        let pass = names.iter().filter(|n| n.contains("/pass")).count();
        let fail = names.iter().filter(|n| n.contains("/fail")).count();
        assert!(
            pass >= 3 && fail >= 3,
            "{id}: {pass} passing, {fail} failing fixtures"
        );
    }
}
