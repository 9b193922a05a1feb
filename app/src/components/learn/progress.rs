//! The learner's progress, kept in local storage: the tasks passed and the lesson steps seen. A
//! small line format (`podplay-progress 1`, then `passed <task>` and `seen <lesson> <step>`
//! lines); anything else makes the whole record unreadable, and the app then ignores it with a
//! notice rather than guess.

use podplay_core::vecmap::{VecMap, VecSet};

use podplay_core::lessons::{self, Lesson};

const HEADER: &str = "podplay-progress 1";
/// A record larger than this is not read (the course has well under a hundred entries).
const MAX_BYTES: usize = 64 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Tasks passed (ids).
    pub passed: VecSet<String>,
    /// Steps seen (1-based), per lesson id.
    pub seen: VecMap<String, VecSet<usize>>,
}

/// Where a lesson stands on the course map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    NotStarted,
    InProgress,
    Done,
}

impl Progress {
    /// Reads a saved record; `None` when it is not one.
    pub fn parse(text: &str) -> Option<Progress> {
        if text.len() > MAX_BYTES {
            return None;
        }
        let mut lines = text.lines();
        if lines.next().map(str::trim) != Some(HEADER) {
            return None;
        }
        let mut p = Progress::default();
        for line in lines {
            let mut words = line.split_whitespace();
            match (words.next(), words.next(), words.next(), words.next()) {
                (None, ..) => {}
                (Some("passed"), Some(task), None, _) => {
                    // A task the course no longer has is dropped, not an error.
                    if lessons::task(task).is_some() {
                        p.passed.insert(task.to_string());
                    }
                }
                (Some("seen"), Some(lesson), Some(step), None) => {
                    let step: usize = step.parse().ok()?;
                    if step == 0 || step > 100 {
                        return None;
                    }
                    if lessons::lesson(lesson).is_some() {
                        if let Some(seen) =
                            p.seen.get_or_insert_with(lesson.to_string(), VecSet::new)
                        {
                            seen.insert(step);
                        }
                    }
                }
                _ => return None,
            }
        }
        Some(p)
    }

    pub fn to_text(&self) -> String {
        let mut s = String::from(HEADER);
        s.push('\n');
        for t in &self.passed {
            s.push_str(&format!("passed {t}\n"));
        }
        for (lesson, steps) in &self.seen {
            for step in steps {
                s.push_str(&format!("seen {lesson} {step}\n"));
            }
        }
        s
    }

    pub fn is_passed(&self, task: &str) -> bool {
        self.passed.contains(task)
    }

    /// How many of the lesson's tasks are passed.
    pub fn passed_in(&self, lesson: &Lesson) -> usize {
        lesson.tasks.iter().filter(|t| self.is_passed(t)).count()
    }

    pub fn status(&self, lesson: &Lesson) -> Status {
        let passed = self.passed_in(lesson);
        if passed == lesson.tasks.len() {
            Status::Done
        } else if passed > 0 || self.seen.get(lesson.id).is_some_and(|s| !s.is_empty()) {
            Status::InProgress
        } else {
            Status::NotStarted
        }
    }

    /// The step to open a lesson at: the furthest seen, else the first.
    pub fn resume_step(&self, lesson: &str) -> usize {
        self.seen
            .get(lesson)
            .and_then(|s| s.iter().next_back().copied())
            .unwrap_or(1)
    }

    /// The lesson to continue with: the first that is not done (None when all are).
    pub fn next_lesson(&self) -> Option<&'static Lesson> {
        lessons::lessons()
            .iter()
            .find(|l| self.status(l) != Status::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_record_round_trips_and_decides_each_lessons_status() {
        let mut p = Progress::default();
        let pod = lessons::lesson("pod").unwrap();
        assert_eq!(p.status(pod), Status::NotStarted);
        p.seen
            .get_or_insert_with("pod".into(), VecSet::new)
            .unwrap()
            .insert(2);
        assert_eq!(p.status(pod), Status::InProgress);
        assert_eq!(p.resume_step("pod"), 2);
        for t in pod.tasks {
            p.passed.insert(t.to_string());
        }
        assert_eq!(p.status(pod), Status::Done);
        assert_eq!(p.next_lesson().map(|l| l.id), Some("manifests"));
        assert_eq!(Progress::parse(&p.to_text()), Some(p));
    }

    #[test]
    fn anything_else_is_refused_and_unknown_ids_are_dropped() {
        for bad in [
            "",
            "{\"passed\":[]}",
            "podplay-progress 2\n",
            "podplay-progress 1\npassed\n",
            "podplay-progress 1\nseen pod x\n",
            "podplay-progress 1\nseen pod 0\n",
            "podplay-progress 1\nwhatever\n",
            "podplay-progress 1\npassed a b\n",
        ] {
            assert_eq!(Progress::parse(bad), None, "{bad:?}");
        }
        assert!(Progress::parse(&format!("{HEADER}\n{}", "x".repeat(MAX_BYTES))).is_none());
        let p = Progress::parse(
            "podplay-progress 1\npassed gone-task\npassed share-pid\nseen gone 1\n\n",
        )
        .unwrap();
        assert_eq!(p.passed.len(), 1);
        assert!(p.seen.is_empty());
    }
}
