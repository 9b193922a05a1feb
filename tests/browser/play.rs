//! The play area in a real browser page: the playhead, the `kubectl get pod` line, the timeline
//! canvas, the events table and the "why" panel for known scenarios, keyboard control, playback,
//! and what an edit keeps.
#![cfg(target_arch = "wasm32")]

mod support;

use podplay_core::analyze::analyze;
use podplay_core::diag::Lang;
use podplay_core::sim::view_input::{play_input, PlayInput};
use podplay_core::sim::view_timeline::{why, EventGroups, Pick};
use podplay_core::sim::{simulate, Options, Run, SimTime};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn example(id: &str) -> &'static str {
    podplay_core::examples::by_id(id)
        .unwrap_or_else(|| panic!("example {id}"))
        .source
}

/// The run core computes for a text, to compare the page with.
fn run_of(src: &str) -> Run {
    let PlayInput::Play { world, .. } = play_input(&analyze(src)) else {
        panic!("plays")
    };
    simulate(&world, &Options::default())
}

async fn play(src: &str) -> web_sys::Element {
    let root = mount_fresh().await;
    type_text(&root, src).await;
    click(&root, "#mode-tab-play");
    until("the play area is shown", || {
        root.query_selector(".play").unwrap().is_some()
    })
    .await;
    settle().await;
    root
}

/// Moves the playhead as dragging the time slider does.
async fn seek(root: &web_sys::Element, t: SimTime) {
    let range: web_sys::HtmlInputElement = root
        .query_selector(".pb-range")
        .unwrap()
        .expect("the time slider")
        .dyn_into()
        .unwrap();
    range.set_value(&t.0.to_string());
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let e = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    range.dispatch_event(&e).unwrap();
    settle().await;
}

/// Presses a key in the play area.
async fn press(root: &web_sys::Element, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    root.query_selector(".pb-range")
        .unwrap()
        .expect("the time slider")
        .dispatch_event(&e)
        .unwrap();
    settle().await;
}

/// The time the playhead bar shows, in ms (`12.345s / 300.0s`).
fn shown_time(root: &web_sys::Element) -> u64 {
    let text = text_of(root, ".pb-time");
    let secs = text.split('s').next().unwrap_or("");
    (secs.trim().parse::<f64>().unwrap_or(-1.0) * 1000.0).round() as u64
}

#[wasm_bindgen_test]
async fn port_clash_second_container_crash_loops_at_the_right_time() {
    let src = example("port-clash");
    let run = run_of(src);
    let backoff = run
        .events()
        .iter()
        .position(|e| e.reason == "BackOff" && e.container == Some(1))
        .expect("web-b backs off");
    let t = run.events()[backoff].t;
    let root = play(src).await;

    seek(&root, SimTime(t.0 - 1)).await;
    let before = text_of(&root, ".getpod");
    assert!(before.contains("$ kubectl get pod port-clash"), "{before}");
    assert!(!before.contains("CrashLoopBackOff"), "{before}");

    seek(&root, t).await;
    let at = text_of(&root, ".getpod");
    assert!(at.contains("NAME"), "{at}");
    assert!(at.contains("1/2"), "{at}");
    assert!(at.contains("CrashLoopBackOff"), "{at}");
    let line = run.state_at(t);
    assert!(at.contains(&line.restarts), "{at} / {}", line.restarts);

    // The latest event at the playhead is explained: nginx exited, the restart policy, back-off.
    let why_text = text_of(&root, ".why");
    assert!(why_text.contains("Warning BackOff"), "{why_text}");
    assert!(
        why_text.contains("the container's main process exited with 1 → restartPolicy Always → restart → restart after 10s back-off"),
        "{why_text}"
    );
    // The events table is kubectl describe's at that time: the BackOff row is the newest.
    let newest = text_of(&root, ".ev-row.newest");
    assert!(newest.contains("BackOff"), "{newest}");
    assert!(
        newest.contains("spec.containers{web-b}: Back-off restarting failed container web-b"),
        "{newest}"
    );
}

#[wasm_bindgen_test]
async fn events_table_follows_the_playhead_and_rows_explain_their_event() {
    let src = example("crashloop");
    let run = run_of(src);
    let groups = EventGroups::of(&run);
    let root = play(src).await;
    for t in [0u64, 3_000, 30_000, 200_000] {
        seek(&root, SimTime(t)).await;
        let rows = groups.rows_at(&run, SimTime(t));
        let shown = all(&root, ".ev-row").len();
        assert_eq!(shown, rows.len(), "rows at {t}");
        assert_eq!(shown_time(&root), t);
    }
    // Choosing the first row explains that event, in the chosen language.
    let rows = groups.rows_at(&run, SimTime(200_000));
    click(&root, ".ev-row .ev-pick");
    settle().await;
    let expected = why(&run, Pick::Event(rows[0].index), Lang::En).unwrap();
    let panel = text_of(&root, ".why");
    assert!(panel.contains("Chosen"), "{panel}");
    assert!(panel.contains(&expected.what), "{panel}");
    assert_eq!(all(&root, ".ev-row.chosen").len(), 1);
    click(&root, "button.lang[title=\"简体中文\"]");
    settle().await;
    let zh = why(&run, Pick::Event(rows[0].index), Lang::Zh).unwrap();
    let panel = text_of(&root, ".why");
    assert!(panel.contains("已选择"), "{panel}");
    assert!(panel.contains(&zh.rules.join(" → ")), "{panel}");
    // Back to following the latest event.
    click(&root, ".why-follow");
    settle().await;
    assert!(text_of(&root, ".why").contains("最近的一步"));
    assert!(all(&root, ".ev-row.chosen").is_empty());
}

#[wasm_bindgen_test]
async fn keys_step_between_events_and_playback_moves_time() {
    let src = example("crashloop");
    let run = run_of(src);
    let marks = podplay_core::sim::view_timeline::Marks::of(&run);
    let root = play(src).await;
    assert_eq!(shown_time(&root), 0);
    press(&root, "ArrowRight", false).await;
    let first = marks.next(SimTime::ZERO).unwrap();
    assert_eq!(shown_time(&root), first.0);
    press(&root, "ArrowRight", false).await;
    assert_eq!(shown_time(&root), marks.next(first).unwrap().0);
    press(&root, "ArrowLeft", false).await;
    assert_eq!(shown_time(&root), first.0);
    press(&root, "ArrowRight", true).await;
    assert_eq!(shown_time(&root), first.0 + 1000);
    press(&root, "End", false).await;
    assert_eq!(shown_time(&root), run.end().0);
    press(&root, "Home", false).await;
    assert_eq!(shown_time(&root), 0);
    press(&root, "6", false).await;
    let pressed = text_of(&root, ".pb-speed-btn[aria-pressed=\"true\"]");
    assert_eq!(pressed, "60×");
    // Space plays at 60×: a fraction of a second moves the playhead by seconds.
    press(&root, " ", false).await;
    assert_eq!(
        root.query_selector(".pb-play")
            .unwrap()
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("Pause")
    );
    sleep(400).await;
    press(&root, " ", false).await;
    let moved = shown_time(&root);
    assert!(moved >= 5_000, "played to {moved} ms");
    sleep(200).await;
    assert_eq!(shown_time(&root), moved, "paused");
}

#[wasm_bindgen_test]
async fn an_edit_re_simulates_and_keeps_the_playhead() {
    let src = example("crashloop");
    let root = play(src).await;
    seek(&root, SimTime(42_000)).await;
    let before = text_of(&root, ".getpod");
    // The container now fails after 30 s instead of 3 s.
    let edited = src.replace("sleep 3;", "sleep 30;");
    assert_ne!(edited, src);
    type_text(&root, &edited).await;
    // While typing goes on, the last run stays on screen; it is replaced once typing pauses.
    assert_eq!(text_of(&root, ".getpod"), before);
    sleep(400).await;
    assert_eq!(shown_time(&root), 42_000, "the playhead keeps its time");
    let after = text_of(&root, ".getpod");
    let run = run_of(&edited);
    let expected = run.state_at(SimTime(42_000));
    assert!(after.contains(&expected.status), "{after}");
    assert_ne!(before, after, "the run was replaced");
}

#[wasm_bindgen_test]
async fn a_refused_pod_does_not_play_and_says_who_refused_it() {
    let src = example("crashloop").replace("name: app", "name: App");
    let root = play(&src).await;
    let refused = text_of(&root, ".play-refused");
    assert!(
        refused.contains("The API server refuses the Pod"),
        "{refused}"
    );
    assert!(
        refused.contains(
            "The Pod \"crashloop\" is invalid: spec.containers[0].name: Invalid value: \"App\""
        ),
        "{refused}"
    );
    assert!(root.query_selector(".playbar").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_timeline_is_drawn_and_a_click_explains_what_is_under_it() {
    let src = example("crashloop");
    let root = play(src).await;
    let canvas: web_sys::HtmlElement = root
        .query_selector(".tl-canvas")
        .unwrap()
        .expect("the timeline canvas")
        .dyn_into()
        .unwrap();
    assert!(canvas.client_width() > 300, "drawn at the pane's width");
    assert!(canvas.client_height() > 150);
    // Click the container's lane (the first lane under the axis) at a quarter of the plot.
    let rect = canvas.get_bounding_client_rect();
    let gutter = podplay_app::components::play::timeline::gutter_for(rect.width());
    let right = podplay_app::components::play::timeline::RIGHT;
    let x = gutter + (rect.width() - gutter - right) * 0.25;
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_client_x((rect.left() + x) as i32);
    init.set_client_y((rect.top() + 30.0) as i32);
    let e = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    canvas.dispatch_event(&e).unwrap();
    settle().await;
    let panel = text_of(&root, ".why");
    assert!(panel.contains("Chosen"), "{panel}");
    assert!(
        panel.contains("app: "),
        "the container's state is explained: {panel}"
    );
    let t = shown_time(&root);
    assert!(
        (70_000..=80_000).contains(&t),
        "the playhead moved to the click: {t}"
    );
    // The cursor sits at the playhead.
    let style = root
        .query_selector(".tl-now")
        .unwrap()
        .unwrap()
        .get_attribute("style")
        .unwrap_or_default();
    assert!(style.starts_with("transform:translateX(2"), "{style}");
}

/// The colour of the device pixel at (x, y) of a canvas, as RGBA.
fn pixel(ctx: &web_sys::CanvasRenderingContext2d, x: f64, y: f64) -> [u8; 4] {
    let d = ctx.get_image_data(x, y, 1.0, 1.0).unwrap().data();
    [d[0], d[1], d[2], d[3]]
}

fn near(p: [u8; 4], c: (u8, u8, u8)) -> bool {
    p[0].abs_diff(c.0) < 24 && p[1].abs_diff(c.1) < 24 && p[2].abs_diff(c.2) < 24
}

/// Issue 12 item 1: a zoomed timeline shows exactly the values inside its window. In liveness-exec
/// the first restart comes at ~75 s, so in the first minute restartCount stays 0, no restart mark
/// is drawn and no probe run after 60 s appears at the window's right edge.
#[wasm_bindgen_test]
async fn a_zoomed_timeline_draws_only_what_lies_inside_its_window() {
    use podplay_app::components::play::timeline::{
        has_memory, Layout, Palette, RGBColor, RowKind, RIGHT,
    };
    use podplay_app::components::play::{PlayData, Played};
    use podplay_core::sim::ProbeKind;
    let src = example("liveness-exec");
    let run = run_of(src);
    let window = SimTime(60_000);
    let restarts = podplay_core::sim::view_timeline::restart_times(&run, 0);
    assert!(
        restarts.first().is_some_and(|t| *t > window),
        "the first restart comes after the first minute: {restarts:?}"
    );
    let root = play(src).await;
    let buttons = all(&root, ".tl-window-btn");
    buttons[1]
        .clone()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    settle().await;
    press(&root, "End", false).await;
    let canvas: web_sys::HtmlCanvasElement = root
        .query_selector(".tl-canvas")
        .unwrap()
        .expect("the timeline canvas")
        .dyn_into()
        .unwrap();
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let ratio = canvas.width() as f64 / canvas.client_width() as f64;
    let Played::Run(sim) = &*PlayData::new(&analyze(src)).0 else {
        panic!("plays")
    };
    let layout = Layout::new(
        &sim.run,
        has_memory(sim),
        canvas.client_width() as f64,
        window,
    );
    let row = |k: RowKind| *layout.rows.iter().find(|r| r.kind == k).unwrap();
    let pal = Palette::LIGHT;
    let edge = layout.width - RIGHT;
    // Counts the pixels of colour `c` in the columns [x0, x1] and rows [y0, y1] (CSS pixels).
    let count = |x0: f64, x1: f64, y0: f64, y1: f64, c: RGBColor| {
        let (xs, ys) = ((x0 * ratio).floor() as i32, (y0 * ratio).floor() as i32);
        let (xe, ye) = ((x1 * ratio).ceil() as i32, (y1 * ratio).ceil() as i32);
        let mut n = 0;
        for x in xs..=xe {
            for y in ys..=ye {
                if near(pixel(&ctx, x as f64, y as f64), (c.0, c.1, c.2)) {
                    n += 1;
                }
            }
        }
        n
    };
    // restartCount: 0 over the whole minute, so its line lies on the chart's floor, with no
    // step up at the right edge.
    let r = row(RowKind::Restarts);
    let (top, bottom) = (r.y + 4.0, r.y + r.h - 4.0);
    let up = count(edge - 3.0, edge, top, bottom - 4.0, pal.series[0]);
    // No restart mark on the container's lane.
    let s = row(RowKind::State(0));
    let marks = count(edge - 2.0, edge, s.y + 1.0, s.y + 3.0, pal.fg);
    // No probe run after the window drawn at its edge: the last mark is the last run inside it.
    let p = row(RowKind::Probe(0, ProbeKind::Liveness));
    let ticks = run.timeline(0).unwrap().probes[1];
    let last_inside = ticks.iter().filter(|k| k.t <= window).last().unwrap().t;
    let from = layout.x(last_inside) + 6.0;
    assert!(from < edge - 2.0, "room after the last run inside");
    let probe_marks =
        count(from, edge, p.y, p.y + p.h, pal.ok) + count(from, edge, p.y, p.y + p.h, pal.bad);
    assert_eq!(
        (up, marks, probe_marks),
        (0, 0, 0),
        "pixels at the window's right edge of: restartCount's line rising, a restart mark, probe runs after 60 s"
    );
}

/// Issue 12 item 7: stepping through the creation starts at kubectl's request and pauses at every
/// step of the flow with a sentence on what the component does; the pause container (the sandbox)
/// appears before the app containers. Slow speeds are offered.
#[wasm_bindgen_test]
async fn stepping_through_the_creation_pauses_at_each_step() {
    use podplay_core::sim::view_pod::{flow_items, item_times};
    use podplay_core::sim::StepKind;
    let src = example("port-clash");
    let run = run_of(src);
    let items = flow_items(&run);
    let stops = item_times(&items);
    let root = play(src).await;
    let speeds: Vec<String> = all(&root, ".pb-speed-btn")
        .iter()
        .map(|b| b.text_content().unwrap_or_default())
        .collect();
    assert_eq!(speeds, ["0.1×", "0.25×", "1×", "5×", "20×", "60×"]);
    seek(&root, SimTime(9_000)).await;
    click(&root, ".flow-step-btn");
    settle().await;
    assert_eq!(shown_time(&root), 0, "from the start");
    let now = text_of(&root, ".flow-now");
    assert!(now.contains("kubectl reads the manifest"), "{now}");
    let sandbox_at = items
        .iter()
        .find(|i| i.kind == StepKind::Sandbox)
        .unwrap()
        .t;
    let created_at = items.iter().find(|i| i.kind == StepKind::Create).unwrap().t;
    let class = |sel: &str| {
        root.query_selector(sel)
            .unwrap()
            .unwrap_or_else(|| panic!("no {sel}"))
            .get_attribute("class")
            .unwrap_or_default()
    };
    assert!(class("[data-component=pause]").contains("absent"));
    // Even at 60× (a frame covers a second of the run) playing stops at every step.
    press(&root, "6", false).await;
    let mut seen_sandbox_alone = false;
    for stop in stops.iter().skip(1).take_while(|t| **t <= created_at) {
        click(&root, ".flow-next");
        for _ in 0..60 {
            let label = root
                .query_selector(".pb-play")
                .unwrap()
                .unwrap()
                .get_attribute("aria-label")
                .unwrap_or_default();
            if label == "Play" && shown_time(&root) == stop.0 {
                break;
            }
            sleep(50).await;
        }
        sleep(100).await;
        assert_eq!(shown_time(&root), stop.0, "paused at the step at {stop:?}");
        let sentence = text_of(&root, ".flow-now");
        assert!(sentence.len() > 60, "a sentence at {stop:?}: {sentence}");
        if *stop >= sandbox_at && *stop < created_at {
            assert!(!class("[data-component=pause]").contains("absent"));
            assert!(class("[data-container=web-a]").contains("absent"));
            seen_sandbox_alone = true;
        }
    }
    assert!(
        seen_sandbox_alone,
        "the sandbox is shown before any container"
    );
    assert!(!class("[data-container=web-a]").contains("absent"));
    assert!(text_of(&root, ".flow-now").contains("The runtime creates the container"));
    // Leaving the mode: playing no longer pauses at steps.
    click(&root, ".flow-step-btn");
    settle().await;
    assert!(root.query_selector(".flow-next").unwrap().is_none());
}

/// Issue 12 item 15: the play area itself takes the focus (the mode's panel does not, so there is
/// one stop), and its keys work there: → steps to the next event, Space plays.
#[wasm_bindgen_test]
async fn the_play_keys_work_when_the_play_area_itself_has_the_focus() {
    let src = example("crashloop");
    let run = run_of(src);
    let marks = podplay_core::sim::view_timeline::Marks::of(&run);
    let root = play(src).await;
    let area: web_sys::HtmlElement = root
        .query_selector(".play")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(area.get_attribute("tabindex").as_deref(), Some("0"));
    let panel = root.query_selector("#mode-panel").unwrap().unwrap();
    assert_eq!(
        panel.get_attribute("tabindex"),
        None,
        "one tab stop, not two"
    );
    area.focus().unwrap();
    assert_eq!(
        document()
            .active_element()
            .map(|e| e.class_name())
            .as_deref(),
        Some("play")
    );
    let key = |k: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(k);
        init.set_bubbles(true);
        let e =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        area.dispatch_event(&e).unwrap();
    };
    key("ArrowRight");
    settle().await;
    assert_eq!(shown_time(&root), marks.next(SimTime::ZERO).unwrap().0);
    key(" ");
    settle().await;
    let label = root
        .query_selector(".pb-play")
        .unwrap()
        .unwrap()
        .get_attribute("aria-label");
    assert_eq!(label.as_deref(), Some("Pause"), "Space plays");
    key(" ");
    settle().await;
}

/// After one "next event" the "why" panel explains the step the creation flow shows, never
/// "nothing has happened" (issue 12 item 3); choosing a step of the flow explains that step.
#[wasm_bindgen_test]
async fn the_why_panel_follows_the_flow_and_explains_a_chosen_step() {
    use podplay_core::sim::view_pod::{flow_items, items_until};
    use podplay_core::sim::view_timeline::latest_pick;
    let src = example("hello-pod");
    let run = run_of(src);
    let root = play(src).await;
    click(&root, "#podview-tab-flow");
    settle().await;
    press(&root, "ArrowRight", false).await;
    let t = SimTime(shown_time(&root));
    let latest = latest_pick(&run, t).expect("something happened");
    let expected = why(&run, latest, Lang::En).unwrap();
    let panel = text_of(&root, ".why");
    assert!(panel.contains("Latest step"), "{panel}");
    assert!(panel.contains(&expected.rules.join(" → ")), "{panel}");
    assert!(!panel.contains("Nothing has happened"), "{panel}");
    // The flow's current step is the one explained.
    let items = flow_items(&run);
    let current = items[items_until(&items, t) - 1];
    assert_eq!(why(&run, current.pick, Lang::En).unwrap().t, expected.t);
    // Choose the first step listed: the panel explains it.
    let first = items_until(&items, t) - all(&root, ".fstep-pick").len();
    click(&root, ".fstep-pick");
    settle().await;
    let chosen = why(&run, items[first].pick, Lang::En).unwrap();
    let panel = text_of(&root, ".why");
    assert!(panel.contains("Chosen"), "{panel}");
    assert!(panel.contains(&chosen.what), "{panel}");
    assert!(panel.contains(&chosen.rules.join(" → ")), "{panel}");
    assert_eq!(all(&root, ".fstep.chosen").len(), 1);
    // At the end, in Chinese, every step still has a reason.
    press(&root, "End", false).await;
    click(&root, "button.lang[title=\"简体中文\"]");
    settle().await;
    assert!(!text_of(&root, ".play").contains("模拟没有为这一步记录规则"));
}
