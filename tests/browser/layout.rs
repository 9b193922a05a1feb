//! The page's layout with the site's own stylesheets (the other browser tests run without them):
//! what was just opened stays in view on a narrow window, and on a phone's width the pod views'
//! diagrams and the flow's log stay readable. The test browser's window is 780 px wide, so the
//! page is in its stacked (narrow) layout; the phone is a 390 px wide page root.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CSS: [&str; 5] = [
    include_str!("../../static/style.css"),
    include_str!("../../static/editor.css"),
    include_str!("../../static/workbench.css"),
    include_str!("../../static/play.css"),
    include_str!("../../static/podviews.css"),
];

/// Puts the site's stylesheets in the page (once).
fn styled() {
    let doc = document();
    if doc.get_element_by_id("site-css").is_some() {
        return;
    }
    let style = doc.create_element("style").unwrap();
    style.set_id("site-css");
    style.set_text_content(Some(&CSS.concat()));
    doc.head().unwrap().append_child(&style).unwrap();
}

fn window_height() -> f64 {
    web_sys::window()
        .unwrap()
        .inner_height()
        .unwrap()
        .as_f64()
        .unwrap()
}

fn rect(root: &web_sys::Element, selector: &str) -> web_sys::DomRect {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .get_bounding_client_rect()
}

/// The app in a page root `width` wide, with the gallery example `id` played to its end (End).
async fn played_to_the_end(id: &str, width: &str) -> web_sys::Element {
    let root = mount_fresh().await;
    root.dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .style()
        .set_property("width", width)
        .unwrap();
    let src = podplay_core::examples::by_id(id).unwrap().source;
    type_text(&root, src).await;
    click(&root, "#mode-tab-play");
    settle().await;
    let range = root.query_selector(".pb-range").unwrap().unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("End");
    init.set_bubbles(true);
    range
        .dispatch_event(
            &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
    settle().await;
    root
}

/// Issue 12 item 2: on a narrow window the panes stack, and clicking Play brings the play area
/// into view instead of drawing it out of sight below the editor and the problems.
#[wasm_bindgen_test]
async fn opening_play_on_a_narrow_window_brings_it_into_view() {
    styled();
    let root = mount_fresh().await;
    web_sys::window().unwrap().scroll_to_with_x_and_y(0.0, 0.0);
    let editor = rect(&root, ".editor-pane");
    let side = rect(&root, ".side-pane");
    assert!(
        side.top() >= editor.bottom() - 1.0,
        "the panes are stacked at this width: {} / {}",
        side.top(),
        editor.bottom()
    );
    assert!(
        side.top() > window_height(),
        "the play area starts out of sight"
    );
    click(&root, "#mode-tab-play");
    // Smooth scrolling takes a moment.
    sleep(1_200).await;
    let bar = rect(&root, ".playbar");
    assert!(
        bar.top() >= -1.0 && bar.bottom() <= window_height(),
        "the play bar is in view: {}..{} of {}",
        bar.top(),
        bar.bottom(),
        window_height()
    );
    let play = rect(&root, ".play");
    assert!(
        play.top() < bar.bottom() + 1.0,
        "the play area starts at the bar"
    );
}

/// Issue 12 item 2: on a phone's width the creation flow's and the network's diagrams keep
/// their text at a readable size, and the flow's log does not wrap one word per line.
#[wasm_bindgen_test]
async fn on_a_phone_the_diagrams_and_the_flow_log_stay_readable() {
    styled();
    // At the end of the run: every box and step is drawn.
    let root = played_to_the_end("port-clash", "390px").await;
    let smallest_text = |selector: &str| {
        all(&root, selector)
            .iter()
            .map(|t| t.get_bounding_client_rect().height())
            .filter(|h| *h > 0.0)
            .fold(f64::INFINITY, f64::min)
    };
    let flow_text = smallest_text(".flow-svg text");
    assert!(
        flow_text >= 10.0,
        "flow diagram text is {flow_text:.1} px high"
    );
    // The log's text column takes most of the view's width.
    let view = rect(&root, ".podview.flow").width();
    for t in all(&root, ".fstep .ftext") {
        let w = t.get_bounding_client_rect().width();
        assert!(
            w >= view * 0.6,
            "a log line is {w:.0} px wide in a {view:.0} px view"
        );
    }
    click(&root, "#podview-tab-network");
    settle().await;
    let net_text = smallest_text(".net-svg text");
    assert!(
        net_text >= 10.0,
        "network diagram text is {net_text:.1} px high"
    );
    // Nothing is wider than the page.
    let page = root.get_bounding_client_rect();
    for s in ["svg.flow-svg", "svg.net-svg", ".play"] {
        if let Some(e) = root.query_selector(s).unwrap() {
            let r = e.get_bounding_client_rect();
            assert!(
                r.right() <= page.right() + 1.0,
                "{s} overflows: {} > {}",
                r.right(),
                page.right()
            );
        }
    }
}

/// A number property of a JS object.
fn num(o: &wasm_bindgen::JsValue, key: &str) -> f64 {
    js_sys::Reflect::get(o, &key.into())
        .unwrap()
        .as_f64()
        .unwrap()
}

/// Calls a method of an SVG element by name (without web-sys' SVG features).
fn call(e: &web_sys::Element, method: &str, args: &[f64]) -> wasm_bindgen::JsValue {
    let f: js_sys::Function = js_sys::Reflect::get(e, &method.into())
        .unwrap()
        .dyn_into()
        .unwrap();
    let args: js_sys::Array = args.iter().map(|a| wasm_bindgen::JsValue::from(*a)).collect();
    f.apply(e, &args).unwrap()
}

/// Issue 12 item 12: with the site's styles, no connection label of the network view is crossed
/// by its own arc, and every label stays inside the drawing, on the stacked page and on a phone.
#[wasm_bindgen_test]
async fn network_arc_labels_are_not_crossed_by_their_arcs() {
    styled();
    for width in ["780px", "390px"] {
        let root = played_to_the_end("pause-demo", width).await;
        click(&root, "#podview-tab-network");
        settle().await;
        let svg = root.query_selector("svg.net-svg").unwrap().unwrap();
        let view_w: f64 = svg
            .get_attribute("viewBox")
            .unwrap()
            .split(' ')
            .nth(2)
            .unwrap()
            .parse()
            .unwrap();
        let conns = all(&root, ".net-svg .conn");
        assert!(conns.len() >= 2, "{width}: {} arcs drawn", conns.len());
        for g in conns {
            let text = g.query_selector("text").unwrap().unwrap();
            let path = g.query_selector("path").unwrap().unwrap();
            let b = call(&text, "getBBox", &[]);
            let (x, y, w, h) = (num(&b, "x"), num(&b, "y"), num(&b, "width"), num(&b, "height"));
            let label = text.text_content().unwrap();
            assert!(
                x >= 0.0 && x + w <= view_w,
                "{width}: {label:?} at {x:.0}..{:.0} leaves the {view_w} wide drawing",
                x + w
            );
            let len = call(&path, "getTotalLength", &[]).as_f64().unwrap();
            for i in 0..=100 {
                let p = call(&path, "getPointAtLength", &[len * i as f64 / 100.0]);
                let (px, py) = (num(&p, "x"), num(&p, "y"));
                assert!(
                    !(px > x + 1.0 && px < x + w - 1.0 && py > y + 1.0 && py < y + h - 1.0),
                    "{width}: the arc crosses its label {label:?} at ({px:.0}, {py:.0})"
                );
            }
        }
    }
}
