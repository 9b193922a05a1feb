//! The pod views (creation flow, pause container and namespaces, networking) mounted alone in a real
//! page with runs of known scenarios, checked at chosen playhead times.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use podplay_app::components::play::flow::{FlowProps, FlowView};
use podplay_app::components::play::namespaces::NamespacesView;
use podplay_app::components::play::network::NetworkView;
use podplay_app::components::play::view::{PodViewProps, PodViews, PodViewsProps};
use podplay_app::state::{PlayAction, PodView};
use podplay_core::diag::Lang;
use podplay_core::sim::view_input::{play_input, PlayInput, RefusedBy};
use podplay_core::sim::view_pod::{failed_binds, flow_items, items_until};
use podplay_core::sim::view_timeline::{why, Pick};
use podplay_core::sim::{simulate, CState, ContainerKind, Options, Run, SimTime, World};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Callback;
use yew::{AppHandle, BaseComponent, Renderer};

wasm_bindgen_test_configure!(run_in_browser);

const HOST_NETWORK: &str = include_str!("../../core/tests/fixtures/sim/host-network.yaml");

/// A gallery example's manifest.
fn example(id: &str) -> &'static str {
    podplay_core::examples::by_id(id)
        .unwrap_or_else(|| panic!("no example {id}"))
        .source
}

fn play(src: &str) -> (Rc<Run>, Rc<World>) {
    // As the play area does: what `kubectl create -f` would create, simulated.
    match play_input(&podplay_core::analyze::analyze(src)) {
        PlayInput::Play { world, .. } => {
            let run = simulate(&world, &Options::default());
            (Rc::new(run), Rc::new(*world))
        }
        _ => panic!("nothing to play"),
    }
}

fn props(p: &(Rc<Run>, Rc<World>), ms: u64, lang: Lang) -> PodViewProps {
    PodViewProps {
        run: p.0.clone(),
        world: p.1.clone(),
        t: SimTime(ms),
        lang,
        compact: false,
    }
}

/// The creation flow's props: a run (or the refusal that stopped the Pod) at `ms`, in English,
/// wide, not stepping.
fn flow_props(run: Option<Rc<Run>>, rejection: Option<RefusedBy>, ms: u64) -> FlowProps {
    FlowProps {
        run,
        rejection,
        t: SimTime(ms),
        lang: Lang::En,
        compact: false,
        stepping: false,
        next: None,
        selected: None,
        onaction: Callback::noop(),
    }
}

async fn mount<C: BaseComponent>(props: C::Properties) -> (web_sys::Element, AppHandle<C>) {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = Renderer::<C>::with_root_and_props(root.clone(), props).render();
    sleep(30).await;
    (root, handle)
}

async fn update<C: BaseComponent>(handle: &mut AppHandle<C>, props: C::Properties) {
    handle.update(props);
    sleep(30).await;
}

fn has(e: &web_sys::Element, class: &str) -> bool {
    e.get_attribute("class")
        .unwrap_or_default()
        .split_whitespace()
        .any(|c| c == class)
}

fn cells(root: &web_sys::Element, kind: &str) -> Vec<web_sys::Element> {
    let row = all(root, ".nstable tbody tr")
        .into_iter()
        .find(|r| text_of(r, "th") == kind)
        .unwrap_or_else(|| panic!("no {kind} row"));
    all(&row, "td")
}

/// The first time the container's state is a waiting state with this reason.
fn first_waiting(run: &Run, container: usize, reason: &str) -> SimTime {
    let tl = run.timeline(container).unwrap();
    tl.states
        .iter()
        .find(|(_, s)| matches!(s, CState::Waiting { reason: r, .. } if *r == reason))
        .map(|(t, _)| t)
        .unwrap_or_else(|| panic!("never {reason}"))
}

#[wasm_bindgen_test]
async fn shared_pid_namespace_has_equal_pid_inodes_and_ps_lists_the_other_container() {
    let p = play(example("nginx-shareprocessnamespace"));
    let (root, mut h) = mount::<NamespacesView>(props(&p, 60_000, Lang::En)).await;
    // pause, nginx and shell: one pid namespace, one net namespace, three mount namespaces.
    let pid = cells(&root, "pid");
    assert_eq!(pid.len(), 3);
    assert!(pid.iter().all(|c| has(&c, "eq")), "pid cells all equal");
    let first = pid[0].text_content().unwrap();
    assert!(pid.iter().all(|c| c.text_content().unwrap() == first));
    assert!(cells(&root, "net").iter().all(|c| has(&c, "eq")));
    assert!(cells(&root, "mnt").iter().all(|c| !has(&c, "eq")));
    // The user namespace is the node's.
    assert!(cells(&root, "user").iter().all(|c| has(&c, "host")));

    let shell = root
        .query_selector(".ps[data-container=shell]")
        .unwrap()
        .expect("shell's ps");
    let ps = shell.text_content().unwrap();
    assert!(ps.contains("/pause"), "{ps}");
    assert!(ps.contains("nginx: master process"), "{ps}");
    let other = all(&shell, "tr.other");
    assert!(
        other.iter().any(|r| text_of(r, ".owner") == "nginx"),
        "{ps}"
    );
    assert!(text_of(&root, ".nsnotes").contains("shareProcessNamespace: true"));
    // shell joins pid like the others: its chip says so.
    let chip = root
        .query_selector(".nsbox[data-container=shell] .nschip.pid")
        .unwrap()
        .unwrap();
    assert!(has(&chip, "shared"));

    // Before the runtime creates the shell container it has no process and has joined nothing.
    let created = |c: usize| {
        p.0.events()
            .iter()
            .find(|e| e.reason == "Created" && e.container == Some(c))
            .unwrap()
            .t
    };
    assert!(created(0) < created(1));
    update(&mut h, props(&p, created(1).0 - 1, Lang::En)).await;
    let shell = root
        .query_selector(".nsbox[data-container=shell]")
        .unwrap()
        .unwrap();
    assert!(has(&shell, "absent"));
    assert_eq!(cells(&root, "pid").len(), 2, "pause and nginx only");
    assert!(text_of(&root, ".ps[data-container=shell]").contains("not running"));

    // Before the sandbox exists there is no table at all.
    update(&mut h, props(&p, 100, Lang::En)).await;
    assert!(root.query_selector(".nstable").unwrap().is_none());
    assert!(root
        .query_selector(".nsbox.pause.absent")
        .unwrap()
        .is_some());
    h.destroy();
}

#[wasm_bindgen_test]
async fn without_sharing_each_container_has_its_own_pid_namespace() {
    let p = play(example("port-clash"));
    let (root, h) = mount::<NamespacesView>(props(&p, 5_000, Lang::En)).await;
    let pid = cells(&root, "pid");
    assert_eq!(pid.len(), 3, "pause, web-a, web-b");
    assert!(pid.iter().all(|c| !has(&c, "eq")));
    assert!(cells(&root, "uts").iter().all(|c| has(&c, "eq")));
    let ps = text_of(&root, ".ps[data-container=web-a]");
    assert!(ps.contains("nginx: master process"), "{ps}");
    assert!(!ps.contains("/pause"), "{ps}");
    assert!(root
        .query_selector(".ps[data-container=web-a] tr.other")
        .unwrap()
        .is_none());
    // The main process is PID 1 of its own namespace.
    assert!(text_of(&root, ".nstable thead").contains("/proc/1/ns"));
    h.destroy();
}

#[wasm_bindgen_test]
async fn host_network_swaps_in_the_node_namespaces() {
    let p = play(HOST_NETWORK);
    let (root, h) = mount::<NamespacesView>(props(&p, 8_000, Lang::En)).await;
    let net = root
        .query_selector(".nsbox[data-container=app] .nschip.net")
        .unwrap()
        .expect("app's net chip");
    assert!(has(&net, "host"), "{}", net.outer_html());
    assert!(cells(&root, "net").iter().all(|c| has(&c, "host")));
    assert!(text_of(&root, ".nstable").contains("node"));
    assert!(text_of(&root, ".nsnotes").contains("hostNetwork"));
    // ipc stays the pod's (held by pause).
    let ipc = root
        .query_selector(".nsbox[data-container=app] .nschip.ipc")
        .unwrap()
        .unwrap();
    assert!(has(&ipc, "shared"));
    h.destroy();
}

#[wasm_bindgen_test]
async fn port_clash_shows_at_the_failed_bind_and_the_second_container_crash_loops() {
    let p = play(example("port-clash"));
    let bind = *failed_binds(&p.0).first().expect("a failed bind");
    assert_eq!((bind.container, bind.port), (1, 80));
    let (root, mut h) = mount::<NetworkView>(props(&p, bind.t.0 - 1, Lang::En)).await;
    // Just before: web-a listens on :80, nothing clashes.
    assert_eq!(all(&root, ".sock:not(.clash)").len(), 1);
    assert!(root.query_selector(".sock.clash").unwrap().is_none());
    assert!(root.query_selector(".sock.held").unwrap().is_none());
    assert!(text_of(&root, ".net-svg").contains(":80/TCP"));

    update(&mut h, props(&p, bind.t.0, Lang::En)).await;
    assert!(root.query_selector(".sock.clash").unwrap().is_some());
    // On the port itself: web-a's :80 is marked as the one held.
    let held = root
        .query_selector(".sock.held")
        .unwrap()
        .expect("the held port");
    assert_eq!(held.get_attribute("data-port").as_deref(), Some("80"));
    let web_b = root
        .query_selector(".nctr[data-container=web-b]")
        .unwrap()
        .unwrap();
    assert!(has(&web_b, "clash"));
    let note = text_of(&root, ".clash-note");
    assert!(note.contains("web-b: bind(:80)"), "{note}");

    // CrashLoopBackOff from the moment the kubelet backs off (its BackOff event), not before.
    let crash =
        p.0.events()
            .iter()
            .find(|e| e.reason == "BackOff" && e.container == Some(1))
            .expect("a BackOff event")
            .t;
    assert!(crash > bind.t);
    assert_eq!(first_waiting(&p.0, 1, "CrashLoopBackOff"), crash);
    update(&mut h, props(&p, crash.0 - 1, Lang::En)).await;
    assert_ne!(
        text_of(&root, ".nctr[data-container=web-b] .sub"),
        "CrashLoopBackOff"
    );
    update(&mut h, props(&p, crash.0, Lang::En)).await;
    assert_eq!(
        text_of(&root, ".nctr[data-container=web-b] .sub"),
        "CrashLoopBackOff"
    );
    assert_eq!(
        text_of(&root, ".nctr[data-container=web-a] .sub"),
        "Running"
    );
    // The clash stays as long as web-a holds the port: in the back-off between two failed binds
    // and at the end of the run (issue 12 item 8).
    let last = failed_binds(&p.0)
        .into_iter()
        .filter(|b| b.t <= crash)
        .last()
        .unwrap();
    for at in [last.t.0 + 1_500, crash.0 + 1, p.0.end().0] {
        update(&mut h, props(&p, at, Lang::En)).await;
        assert!(
            root.query_selector(".sock.clash").unwrap().is_some(),
            "at {at}"
        );
        assert!(
            root.query_selector(".sock.held").unwrap().is_some(),
            "at {at}"
        );
        assert!(
            text_of(&root, ".clash-note").contains("web-b: bind(:80)"),
            "at {at}"
        );
    }
    h.destroy();
}

#[wasm_bindgen_test]
async fn localhost_traffic_is_drawn_as_it_happens() {
    let p = play(example("pause-demo"));
    let first =
        p.0.state_at(p.0.end())
            .connections
            .first()
            .cloned()
            .expect("a connection");
    assert_eq!(
        (first.host.as_str(), first.port),
        ("127.0.0.1", 8000),
        "the proxied request ends first"
    );
    let (root, mut h) = mount::<NetworkView>(props(&p, first.t.0 - 1, Lang::En)).await;
    assert!(root.query_selector(".conn").unwrap().is_none());
    assert_eq!(all(&root, ".sock").len(), 2, ":80 and :8000");

    update(&mut h, props(&p, first.t.0, Lang::En)).await;
    let lit = all(&root, ".conn.lit");
    assert_eq!(lit.len(), 2, "client → proxy :80 and proxy → nginx :8000");
    let labels: Vec<String> = lit.iter().map(|g| g.text_content().unwrap()).collect();
    assert!(labels.contains(&":80 HTTP 200".to_string()), "{labels:?}");
    assert!(labels.contains(&":8000 HTTP 200".to_string()), "{labels:?}");
    let log = text_of(&root, ".connlog");
    assert!(log.contains("nginx-proxy → 127.0.0.1:8000"), "{log}");

    // Two seconds later they are faded, then gone, until the next curl.
    update(&mut h, props(&p, first.t.0 + 2_000, Lang::En)).await;
    assert_eq!(all(&root, ".conn.faded").len(), 2);
    h.destroy();
}

#[wasm_bindgen_test]
async fn the_flow_follows_the_steps_and_shows_failures() {
    let p = play(example("port-clash"));
    let fp = |ms: u64, lang: Lang| FlowProps {
        lang,
        ..flow_props(Some(p.0.clone()), None, ms)
    };
    let (root, mut h) = mount::<FlowView>(fp(0, Lang::En)).await;
    let active = |root: &web_sys::Element| {
        root.query_selector(".fbox.active, .fctr.active")
            .unwrap()
            .map(|e| {
                e.get_attribute("data-component")
                    .or_else(|| e.get_attribute("data-container"))
                    .unwrap()
            })
    };
    assert_eq!(active(&root).as_deref(), Some("kubectl"));
    assert!(text_of(&root, ".fstep.current").contains("POST /api/v1/namespaces/default/pods"));
    update(&mut h, fp(35, Lang::En)).await;
    assert_eq!(active(&root).as_deref(), Some("scheduler"));
    assert!(text_of(&root, ".fstep.current").contains("worker-1"));

    let bind = failed_binds(&p.0)[0];
    update(&mut h, fp(bind.t.0, Lang::En)).await;
    let cur = root.query_selector(".fstep.current").unwrap().unwrap();
    // Cause before effect at that instant: web-b starts, then its bind fails (issue 12 item 4).
    let steps: Vec<String> = all(&root, ".fstep")
        .iter()
        .map(|f| f.text_content().unwrap())
        .collect();
    let start = steps
        .iter()
        .position(|s| s.contains("StartContainer web-b"))
        .expect("web-b's start is listed");
    let fails = steps
        .iter()
        .position(|s| s.contains("bind(:80) fails"))
        .expect("the failed bind is listed");
    assert!(start < fails, "{steps:#?}");
    assert!(cur.text_content().unwrap().contains("bind(:80) fails"));
    assert!(has(&cur, "failed"));
    assert_eq!(active(&root).as_deref(), Some("web-b"));

    // In Chinese the rule behind a step is Chinese.
    update(&mut h, fp(35, Lang::Zh)).await;
    assert!(
        text_of(&root, ".fstep.current .fwhy").contains("调度器"),
        "{}",
        text_of(&root, ".fstep.current")
    );
    assert!(text_of(&root, ".flow-svg").contains("控制平面"));
    h.destroy();
}

#[wasm_bindgen_test]
async fn a_missing_config_map_fails_at_the_volumes_and_a_rejected_pod_stops_at_the_api_server() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: m\nspec:\n  containers:\n  - name: a\n    image: nginx\n    volumeMounts:\n    - name: c\n      mountPath: /c\n  volumes:\n  - name: c\n    configMap:\n      name: nope\n";
    let p = play(src);
    let (root, h) = mount::<FlowView>(flow_props(Some(p.0.clone()), None, 30_000)).await;
    let volumes = root
        .query_selector("[data-component=volumes]")
        .unwrap()
        .unwrap();
    assert!(has(&volumes, "failed"));
    assert!(text_of(&root, ".fstep.current").contains("FailedMount"));
    assert!(
        root.query_selector(".fbox.done[data-component=cri]")
            .unwrap()
            .is_none(),
        "no sandbox"
    );
    h.destroy();

    // Validation refuses an upper-case container name: the API server answers 422, nothing is
    // stored. A syntax error never leaves kubectl.
    let refused = |src: &str| match play_input(&podplay_core::analyze::analyze(src)) {
        PlayInput::Rejected(r) => r.by,
        _ => panic!("not refused"),
    };
    let by = refused(&src.replace("name: a\n", "name: A\n"));
    assert_eq!(by, RefusedBy::Validation);
    let (root, mut h) = mount::<FlowView>(flow_props(None, Some(by), 0)).await;
    let api = root
        .query_selector("[data-component=apiserver]")
        .unwrap()
        .unwrap();
    assert!(has(&api, "failed"));
    assert_eq!(text_of(&root, ".freason"), "HTTP 422 Unprocessable Entity");
    let by = refused("kind: Pod\nspec: [\n");
    update(&mut h, flow_props(None, Some(by), 0)).await;
    let kubectl = root
        .query_selector("[data-component=kubectl]")
        .unwrap()
        .unwrap();
    assert!(has(&kubectl, "failed"));
    assert!(
        root.query_selector(".freason").unwrap().is_none(),
        "nothing was sent"
    );
    h.destroy();
}

#[wasm_bindgen_test]
async fn a_host_port_forwards_from_the_node_ip() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: hp\nspec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: 80\n      hostPort: 8080\n";
    let p = play(src);
    let (root, mut h) = mount::<NetworkView>(props(&p, 30_000, Lang::En)).await;
    // The default cluster schedules it on worker-1 (172.18.0.3), pod IP 10.244.1.5.
    assert_eq!(
        text_of(&root, ".hostport"),
        "hostPort 172.18.0.3:8080 → 10.244.1.5:80"
    );
    let label = root
        .query_selector(".net-svg")
        .unwrap()
        .unwrap()
        .get_attribute("aria-label")
        .unwrap();
    assert!(
        label.contains("web :80 (hostPort 172.18.0.3:8080)"),
        "{label}"
    );
    // Before nginx listens there is nothing to forward to.
    update(&mut h, props(&p, 1_000, Lang::En)).await;
    assert!(root.query_selector(".hostport").unwrap().is_none());
    h.destroy();
}

/// The play area around the pod views: it records the keys that reach it, as the play area's own
/// keyboard handler would see them.
#[derive(yew::Properties, PartialEq)]
struct HostProps {
    inner: PodViewsProps,
    keys: Callback<String>,
}

#[yew::function_component]
fn Host(props: &HostProps) -> yew::Html {
    let keys = props.keys.clone();
    let onkeydown = Callback::from(move |e: web_sys::KeyboardEvent| keys.emit(e.key()));
    yew::html! { <section {onkeydown}><PodViews ..props.inner.clone() /></section> }
}

fn key(el: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn the_views_are_tabs_whose_keys_do_not_move_the_playhead() {
    let p = play(example("port-clash"));
    let actions: Rc<RefCell<Vec<PlayAction>>> = Rc::default();
    let keys: Rc<RefCell<Vec<String>>> = Rc::default();
    let host = |view: PodView| HostProps {
        inner: PodViewsProps {
            run: p.0.clone(),
            world: p.1.clone(),
            t: SimTime(5_000),
            lang: Lang::En,
            view,
            stepping: false,
            next: None,
            selected: None,
            onaction: {
                let a = actions.clone();
                Callback::from(move |x| a.borrow_mut().push(x))
            },
        },
        keys: {
            let k = keys.clone();
            Callback::from(move |x| k.borrow_mut().push(x))
        },
    };
    let (root, mut h) = mount::<Host>(host(PodView::Flow)).await;
    assert!(root.query_selector(".flow").unwrap().is_some());
    assert!(
        root.query_selector(".nsview").unwrap().is_none(),
        "one view at a time"
    );
    click(&root, "#podview-tab-network");
    assert_eq!(
        actions.borrow().last(),
        Some(&PlayAction::ShowView(PodView::Network))
    );
    let tab = root.query_selector("#podview-tab-flow").unwrap().unwrap();
    key(&tab, "ArrowRight");
    assert_eq!(
        actions.borrow().last(),
        Some(&PlayAction::ShowView(PodView::Namespaces))
    );
    assert!(
        keys.borrow().is_empty(),
        "arrow keys on the tabs stay there: {:?}",
        keys.borrow()
    );
    // Keys inside a view still reach the play area.
    update(&mut h, host(PodView::Namespaces)).await;
    assert!(root.query_selector(".nsview").unwrap().is_some());
    let panel = root.query_selector("#podview-panel").unwrap().unwrap();
    key(&panel, "ArrowRight");
    assert_eq!(keys.borrow().as_slice(), ["ArrowRight".to_string()]);
    h.destroy();
}

#[wasm_bindgen_test]
async fn a_finished_init_container_holds_no_namespace() {
    let p = play(example("initpod-with-service"));
    let init =
        p.0.containers()
            .iter()
            .position(|c| c.kind == ContainerKind::Init)
            .expect("an init container");
    let name = p.0.containers()[init].name.clone();
    let (root, h) = mount::<NamespacesView>(props(&p, 120_000, Lang::En)).await;
    let sel = format!(".nsbox[data-container={name}]");
    let b = root
        .query_selector(&sel)
        .unwrap()
        .expect("the init container's box");
    assert_eq!(text_of(&b, ".badge"), "init");
    assert_eq!(text_of(&b, ".state"), "Completed");
    assert!(
        text_of(&b, ".nschips").contains("its process is gone"),
        "{}",
        b.outer_html()
    );
    // The app container runs and shares the pod's net namespace with pause.
    assert!(cells(&root, "net").iter().all(|c| has(c, "eq")));
    h.destroy();
}

/// Every step of the flow is a button that explains itself, and so is each component's box
/// (issue 12 item 3): the list's steps and the boxes choose their step for the "why" panel, by
/// click and by Enter; the step chosen is marked; core explains every step with a rule.
#[wasm_bindgen_test]
async fn flow_steps_and_boxes_choose_their_step_for_the_why_panel() {
    let p = play(example("hello-pod"));
    let actions: Rc<RefCell<Vec<PlayAction>>> = Rc::default();
    let fp = |ms: u64, selected: Option<Pick>| FlowProps {
        run: Some(p.0.clone()),
        rejection: None,
        t: SimTime(ms),
        lang: Lang::En,
        compact: false,
        stepping: false,
        next: None,
        selected,
        onaction: {
            let a = actions.clone();
            Callback::from(move |x| a.borrow_mut().push(x))
        },
    };
    let t = 20_000;
    let (root, mut h) = mount::<FlowView>(fp(t, None)).await;
    let items = flow_items(&p.0);
    let n = items_until(&items, SimTime(t));
    let buttons = all(&root, ".fstep-pick");
    assert!(!buttons.is_empty());
    // The list shows the latest steps; each one's button picks its own step.
    let first_shown = n - buttons.len();
    for (k, b) in buttons.iter().enumerate() {
        actions.borrow_mut().clear();
        b.dyn_ref::<web_sys::HtmlElement>().unwrap().click();
        sleep(10).await;
        let want = items[first_shown + k].pick;
        assert_eq!(
            actions.borrow().last(),
            Some(&PlayAction::Select {
                pick: Some(want),
                seek: None
            })
        );
        let w = why(&p.0, want, Lang::En).expect("the pick exists");
        assert!(!w.rules.is_empty(), "{want:?}");
    }
    // The API server's box explains its latest step (the binding), by click and by Enter.
    let api = items
        .iter()
        .take(n)
        .rev()
        .find(|i| i.component == podplay_core::sim::Component::ApiServer)
        .expect("the API server acted")
        .pick;
    let boxes = all(&root, ".fpick");
    let api_box = boxes
        .iter()
        .find(|b| {
            b.query_selector("[data-component=apiserver]")
                .unwrap()
                .is_some()
        })
        .expect("the API server's box is a button");
    assert_eq!(api_box.get_attribute("role").as_deref(), Some("button"));
    assert_eq!(api_box.get_attribute("tabindex").as_deref(), Some("0"));
    actions.borrow_mut().clear();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    api_box.dispatch_event(&e).unwrap();
    sleep(10).await;
    assert_eq!(
        actions.borrow().last(),
        Some(&PlayAction::Select {
            pick: Some(api),
            seek: None
        })
    );
    // Every component that has acted is a button; one not reached yet is not.
    assert_eq!(boxes.len(), 8, "every box has acted by 20 s");
    update(&mut h, fp(0, None)).await;
    assert_eq!(all(&root, ".fpick").len(), 1, "only kubectl at 0 s");
    // The chosen step is marked.
    update(&mut h, fp(t, Some(api))).await;
    assert_eq!(all(&root, ".fpick.chosen").len(), 1);
    h.destroy();
}
