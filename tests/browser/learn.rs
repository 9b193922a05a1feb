//! The Learn section in a real browser: a lesson page rendered from its text in both languages,
//! its task checked as the text changes, a lesson whose text cannot be fetched (and the retry),
//! and the whole app opened at a deep link with corrupt progress in local storage.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use podplay_app::components::learn::client;
use podplay_app::components::learn::lesson::{LessonPage, LessonPageProps};
use podplay_app::components::learn::progress::Progress;
use podplay_core::diag::Lang;
use podplay_core::lessons;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::{AppHandle, Callback, Renderer};

wasm_bindgen_test_configure!(run_in_browser);

const PAUSE: &str = include_str!("../../static/lessons/pause.lesson");

struct Seen {
    passed: RefCell<Vec<&'static str>>,
    loads: RefCell<Vec<&'static str>>,
    steps: RefCell<Vec<(&'static str, usize)>>,
    play_task: RefCell<Option<Option<&'static str>>>,
}

fn props(
    lesson: &'static str,
    step: usize,
    lang: Lang,
    text: &str,
    seen: &Rc<Seen>,
) -> LessonPageProps {
    let (a, b, c, d) = (seen.clone(), seen.clone(), seen.clone(), seen.clone());
    LessonPageProps {
        lesson,
        step,
        lang,
        text: Rc::from(text),
        progress: Progress::default(),
        autoload: true,
        onroute: Callback::noop(),
        onload: Callback::from(move |id| a.loads.borrow_mut().push(id)),
        onlook: Callback::noop(),
        onpassed: Callback::from(move |id| b.passed.borrow_mut().push(id)),
        onseen: Callback::from(move |s| c.steps.borrow_mut().push(s)),
        onplaytask: Callback::from(move |t| *d.play_task.borrow_mut() = Some(t)),
    }
}

fn new_seen() -> Rc<Seen> {
    Rc::new(Seen {
        passed: RefCell::new(Vec::new()),
        loads: RefCell::new(Vec::new()),
        steps: RefCell::new(Vec::new()),
        play_task: RefCell::new(None),
    })
}

async fn mount(p: LessonPageProps) -> (web_sys::Element, AppHandle<LessonPage>) {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = Renderer::<LessonPage>::with_root_and_props(root.clone(), p).render();
    settle().await;
    (root, handle)
}

async fn wait_for(root: &web_sys::Element, selector: &str, needle: &str) -> String {
    for _ in 0..60 {
        let t = text_of(root, selector);
        if t.contains(needle) {
            return t;
        }
        sleep(50).await;
    }
    panic!(
        "{selector} never contained {needle:?}: {}",
        text_of(root, selector)
    )
}

#[wasm_bindgen_test]
async fn a_lesson_step_renders_and_checks_its_task_in_both_languages() {
    client::preload("pause", PAUSE).unwrap();
    let seen = new_seen();
    let start = lessons::task("share-pid").unwrap().start_text();
    let (root, mut handle) = mount(props("pause", 3, Lang::En, start, &seen)).await;
    assert!(text_of(&root, "h2").contains("The pause container"));
    let number = text_of(&root, ".lesson-number");
    assert!(number.contains("Step 3 of 3"), "{number}");
    assert_eq!(*seen.steps.borrow(), vec![("pause", 3)]);
    assert_eq!(*seen.play_task.borrow(), Some(Some("share-pid")));
    // The step's manifest is already in the editor: nothing is loaded over it.
    assert!(seen.loads.borrow().is_empty());
    let verdict = wait_for(
        &root,
        ".task-card[data-task=\"share-pid\"] .task-verdict",
        "Not yet",
    )
    .await;
    assert!(verdict.contains("Not yet"));
    wait_for(
        &root,
        ".task-card .criteria",
        "never lists a process of nginx",
    )
    .await;
    // The hint ladder: a nudge, more, the solution.
    for rung in 1..=3 {
        let button: web_sys::HtmlElement = root
            .query_selector(".task-card[data-task=\"share-pid\"] .hint-button")
            .unwrap()
            .expect("a hint button")
            .dyn_into()
            .unwrap();
        button.click();
        settle().await;
        assert!(
            root.query_selector(&format!(".hint.rung-{rung}"))
                .unwrap()
                .is_some(),
            "rung {rung}"
        );
    }
    assert!(text_of(&root, ".hint.rung-3").contains("shareProcessNamespace: true"));
    // The learner edits the text: the task passes and says so.
    let solved = start.replace("spec:", "spec:\n  shareProcessNamespace: true");
    handle.update(props("pause", 3, Lang::En, &solved, &seen));
    wait_for(
        &root,
        ".task-card[data-task=\"share-pid\"] .task-verdict",
        "Passed",
    )
    .await;
    assert_eq!(*seen.passed.borrow(), vec!["share-pid"]);
    assert!(
        root.query_selector(".hints").unwrap().is_none(),
        "no hints once passed"
    );
    // In Chinese.
    handle.update(props("pause", 3, Lang::Zh, &solved, &seen));
    settle().await;
    assert!(text_of(&root, "h2").contains("pause 容器和它持有的命名空间"));
    assert!(text_of(&root, ".task-card").contains("让 shell 看到 nginx 的进程"));
    assert!(text_of(&root, ".task-verdict").contains("已通过"));
    // Another step whose manifest is not in the editor: the page loads it.
    handle.update(props("pause", 2, Lang::Zh, &solved, &seen));
    settle().await;
    assert_eq!(*seen.loads.borrow(), vec!["nginx-shareprocessnamespace"]);
    assert!(text_of(&root, ".callout button").contains("命名空间视图"));
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn a_lesson_that_cannot_be_fetched_says_so_and_can_be_retried() {
    // The test page serves no lesson files: the fetch fails.
    let seen = new_seen();
    let (root, _handle) = mount(props("status", 1, Lang::En, "", &seen)).await;
    wait_for(&root, ".lesson", "could not be loaded").await;
    assert!(
        seen.steps.borrow().is_empty(),
        "nothing is seen before the text is there"
    );
    client::preload("status", include_str!("../../static/lessons/status.lesson")).unwrap();
    let retry: web_sys::HtmlElement = root
        .query_selector(".lesson-error button")
        .unwrap()
        .expect("a retry button")
        .dyn_into()
        .unwrap();
    retry.click();
    wait_for(&root, ".lesson", "Phases").await;
    assert_eq!(*seen.steps.borrow(), vec![("status", 1)]);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_deep_link_opens_the_course_and_corrupt_progress_is_ignored_with_a_notice() {
    storage().clear().unwrap();
    storage()
        .set_item("podplay.progress.v1", "passed share-pid\n{broken")
        .unwrap();
    let w = web_sys::window().unwrap();
    let url = format!("{}#learn", w.location().pathname().unwrap());
    w.history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .unwrap();
    let root = mount_app().await;
    assert_eq!(
        root.query_selector_all(".lesson-card").unwrap().length(),
        13
    );
    assert!(text_of(&root, ".notice").contains("could not be read"));
    assert!(!text_of(&root, ".lesson-card[data-lesson=\"pause\"]").contains("Done"));
    // The Editor link leaves the course and clears the address.
    let editor: web_sys::HtmlElement = root
        .query_selector(".sections a[href=\"#\"]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    editor.click();
    settle().await;
    assert_eq!(w.location().hash().unwrap(), "");
    assert!(root.query_selector(".course-map").unwrap().is_none());
    root.remove();
}
