//! What kubectl prints: the STATUS/READY/RESTARTS columns (a port of `printPod` in
//! `pkg/printers/internalversion/printers.go`), ages (`duration.HumanDuration`), Go durations
//! (`time.Duration.String`), `kubectl describe pod`, and the one-line-per-event trace the fixtures use.

use crate::sim::process::SimTime;
use crate::sim::run::{CState, ContainerKind, ContainerView, Event, Phase, Run, Snapshot};

/// kubectl's age of a `metav1.Time` (`translateTimestampSince` in printers.go and describe.go):
/// the API keeps such timestamps to the second (RFC 3339), so the age runs from the start of the
/// second the instant fell in. `now` and `at` are on the cluster's clock ([`Run::on_clock`]).
pub fn timestamp_age(now: SimTime, at: SimTime) -> String {
    human_duration(now.0.saturating_sub(at.0 - at.0 % 1000))
}

/// kubectl's age of an event's time: the kubelet's events (client-go's `record` recorder) carry
/// `firstTimestamp`/`lastTimestamp` in whole seconds; the scheduler's (the `events.k8s.io`
/// recorder) carry only `eventTime` (`metav1.MicroTime`, kept to the microsecond), which kubectl
/// reads with `translateMicroTimestampSince`, unrounded.
pub fn event_age(e: &Event, now: SimTime, at: SimTime) -> String {
    if e.from == "kubelet" {
        timestamp_age(now, at)
    } else {
        human_duration(now.0.saturating_sub(at.0))
    }
}

/// The Age cell of an events row of `kubectl describe` (describe.go `DescribeEvents`): the age of
/// its first time, or `LAST (xN over FIRST)` for a counted row. `first`, `last` and `now` are on
/// the run's own time line.
pub fn events_age(run: &Run, e: &Event, first: SimTime, last: SimTime, count: u32, now: SimTime) -> String {
    let now = run.on_clock(now);
    let first = event_age(e, now, run.on_clock(first));
    if count > 1 {
        format!("{} (x{count} over {first})", event_age(e, now, run.on_clock(last)))
    } else {
        first
    }
}

/// `k8s.io/apimachinery/pkg/util/duration.HumanDuration` of a duration in milliseconds.
pub fn human_duration(ms: u64) -> String {
    let seconds = ms / 1000;
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        if s == 0 {
            return format!("{minutes}m");
        }
        return format!("{minutes}m{s}s");
    } else if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        if m == 0 {
            return format!("{hours}h");
        }
        return format!("{hours}h{m}m");
    } else if hours < 48 {
        return format!("{hours}h");
    } else if hours < 24 * 8 {
        let h = hours % 24;
        if h == 0 {
            return format!("{}d", hours / 24);
        }
        return format!("{}d{}h", hours / 24, h);
    } else if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    } else if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        if dy == 0 {
            return format!("{}y", hours / 24 / 365);
        }
        return format!("{}y{}d", hours / 24 / 365, dy);
    }
    format!("{}y", hours / 24 / 365)
}

/// Go's `time.Duration.String()`: the one home is [`crate::gofmt`].
pub use crate::gofmt::go_duration;

/// Seconds with up to three decimals, at least one (`35.0s`, `0.03s`, `12.345s`).
pub fn seconds(t: SimTime) -> String {
    let s = t.0 / 1000;
    let ms = t.0 % 1000;
    if ms == 0 {
        format!("{s}.0s")
    } else {
        let f = format!("{ms:03}");
        format!("{s}.{}s", f.trim_end_matches('0'))
    }
}

/// What `printPod` needs of a pod at one time.
pub(crate) struct PodRow<'a> {
    pub phase: Phase,
    /// `status.reason` (`OutOfcpu`, `DeadlineExceeded`, `SchedulingGated` …).
    pub reason: Option<&'a str>,
    pub deleting: bool,
    pub initialized: bool,
    pub ready_condition: bool,
    pub containers: &'a [ContainerView<'a>],
    pub now: SimTime,
    /// The run's start on the cluster's clock (the restart's `finishedAt` is a `metav1.Time`).
    pub clock_base: SimTime,
}

pub(crate) struct Row {
    pub ready: String,
    pub status: String,
    pub restarts: String,
}

/// A port of kubectl's `printPod` (READY, STATUS, RESTARTS).
pub(crate) fn print_pod(p: &PodRow<'_>) -> Row {
    let mut restarts: u32 = 0;
    let mut sidecar_restarts: u32 = 0;
    let mut total = 0usize;
    let mut ready = 0usize;
    let mut last_restart: Option<SimTime> = None;
    let mut last_sidecar_restart: Option<SimTime> = None;
    let mut reason = p.reason.unwrap_or(p.phase.as_str()).to_string();

    let init: Vec<&ContainerView<'_>> = p
        .containers
        .iter()
        .filter(|c| c.info.kind != ContainerKind::App)
        .collect();
    let apps: Vec<&ContainerView<'_>> = p
        .containers
        .iter()
        .filter(|c| c.info.kind == ContainerKind::App)
        .collect();
    total += apps.len();
    total += init
        .iter()
        .filter(|c| c.info.kind == ContainerKind::Sidecar)
        .count();
    let later = |a: Option<SimTime>, b: SimTime| Some(a.map_or(b, |a| a.max(b)));

    let mut initializing = false;
    let n_init = init.len();
    // Before the kubelet reports, there are no container statuses at all.
    let reported = p.containers.iter().any(|c| c.state.is_some());
    for (i, c) in init.iter().enumerate() {
        if !reported {
            break;
        }
        restarts += c.restart_count;
        if let Some(l) = c.last_state {
            last_restart = later(last_restart, l.finished_at);
        }
        let sidecar = c.info.kind == ContainerKind::Sidecar;
        if sidecar {
            sidecar_restarts += c.restart_count;
            if let Some(l) = c.last_state {
                last_sidecar_restart = later(last_sidecar_restart, l.finished_at);
            }
        }
        match c.state {
            Some(CState::Terminated(t)) if t.exit_code == 0 => continue,
            _ if sidecar && c.started => {
                if c.ready {
                    ready += 1;
                }
                continue;
            }
            Some(CState::Terminated(t)) => {
                reason = if t.reason.is_empty() {
                    format!("Init:ExitCode:{}", t.exit_code)
                } else {
                    format!("Init:{}", t.reason)
                };
                initializing = true;
            }
            Some(CState::Waiting { reason: r, .. }) if !r.is_empty() && *r != "PodInitializing" => {
                reason = format!("Init:{r}");
                initializing = true;
            }
            _ => {
                reason = format!("Init:{i}/{n_init}");
                initializing = true;
            }
        }
        break;
    }

    if !initializing || p.initialized {
        restarts = sidecar_restarts;
        last_restart = last_sidecar_restart;
        let mut has_running = false;
        for c in apps.iter().rev() {
            if c.state.is_none() {
                continue;
            }
            restarts += c.restart_count;
            if let Some(l) = c.last_state {
                last_restart = later(last_restart, l.finished_at);
            }
            match c.state {
                Some(CState::Waiting { reason: r, .. }) if !r.is_empty() => {
                    reason = r.to_string();
                }
                Some(CState::Terminated(t)) if !t.reason.is_empty() => {
                    reason = t.reason.to_string();
                }
                Some(CState::Terminated(t)) => {
                    reason = format!("ExitCode:{}", t.exit_code);
                }
                Some(CState::Running { .. }) if c.ready => {
                    has_running = true;
                    ready += 1;
                }
                _ => {}
            }
        }
        if reason == "Completed" && has_running {
            reason = if p.ready_condition {
                "Running".into()
            } else {
                "NotReady".into()
            };
        }
    }

    if p.deleting && !p.phase.is_terminal() {
        reason = "Terminating".into();
    }

    let restarts_text = match last_restart {
        Some(l) if restarts != 0 => format!(
            "{restarts} ({} ago)",
            timestamp_age(p.now.saturating_add(p.clock_base.0), l.saturating_add(p.clock_base.0))
        ),
        _ => restarts.to_string(),
    };
    Row {
        ready: format!("{ready}/{total}"),
        status: reason,
        restarts: restarts_text,
    }
}

/// Go's text/tabwriter with kubectl describe's settings (minwidth 0, padding 2, padchar ' '):
/// cells are tab-terminated; a column is aligned over the consecutive lines that have it.
pub(crate) fn tabwrite(text: &str) -> String {
    tabwrite_with(text, 0, 2)
}

/// Go's text/tabwriter with this minimum cell width and padding (kubectl get: 6 and 3).
pub(crate) fn tabwrite_with(text: &str, min_width: usize, padding: usize) -> String {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let lines: Vec<Vec<&str>> = body.split('\n').map(|l| l.split('\t').collect()).collect();
    let mut widths: Vec<usize> = Vec::new();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    format_block(
        &lines,
        0,
        lines.len(),
        &mut widths,
        &mut out,
        (min_width, padding),
    );
    if !text.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    out
}

fn cell_width(s: &str) -> usize {
    s.chars().count()
}

fn write_lines(lines: &[Vec<&str>], from: usize, to: usize, widths: &[usize], out: &mut String) {
    for line in lines.get(from..to).unwrap_or(&[]) {
        let n = line.len();
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if j + 1 < n {
                if let Some(w) = widths.get(j) {
                    for _ in cell_width(cell)..*w {
                        out.push(' ');
                    }
                }
            }
        }
        out.push('\n');
    }
}

fn format_block(
    lines: &[Vec<&str>],
    mut line0: usize,
    line1: usize,
    widths: &mut Vec<usize>,
    out: &mut String,
    cfg: (usize, usize),
) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        let len = lines.get(this).map_or(0, |l| l.len());
        if column + 1 >= len {
            this += 1;
            continue;
        }
        write_lines(lines, line0, this, widths, out);
        line0 = this;
        let mut width = 0usize;
        while this < line1 {
            let Some(line) = lines.get(this) else { break };
            if column + 1 >= line.len() {
                break;
            }
            let w = line.get(column).map_or(0, |c| cell_width(c)) + cfg.1;
            width = width.max(w);
            this += 1;
        }
        widths.push(width.max(cfg.0));
        format_block(lines, line0, this, widths, out, cfg);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, line0, line1, widths, out);
}

/// Events grouped the way the event recorder's correlator counts them: same type, reason, source,
/// object and message → one row with a count and first/last times. Sorted by last time.
pub(crate) struct EventRow<'a> {
    pub first: SimTime,
    pub last: SimTime,
    pub count: u32,
    pub event: &'a Event,
}

pub(crate) fn aggregate_events<'a>(events: &'a [Event], until: SimTime) -> Vec<EventRow<'a>> {
    let mut rows: Vec<EventRow<'a>> = Vec::new();
    for e in events.iter().filter(|e| e.t <= until) {
        if let Some(r) = rows.iter_mut().find(|r| {
            r.event.event_type == e.event_type
                && r.event.reason == e.reason
                && r.event.from == e.from
                && r.event.container == e.container
                && r.event.message == e.message
        }) {
            r.count += 1;
            r.last = e.t;
        } else {
            rows.push(EventRow {
                first: e.t,
                last: e.t,
                count: 1,
                event: e,
            });
        }
    }
    crate::sort::sort_by_key(&mut rows, |r| r.last);
    rows
}

/// The `Events:` table of `kubectl describe pod` at time `now`, with ages relative to `now`.
pub fn events_table(run: &Run, now: SimTime) -> String {
    let rows = aggregate_events(run.events(), now);
    if rows.is_empty() {
        return "Events:                      <none>\n".to_string();
    }
    let mut t = String::from(
        "Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n",
    );
    for r in rows {
        let age = events_age(run, r.event, r.first, r.last, r.count, now);
        // kubectl ≥ 1.35 prefixes the involved object's fieldPath (kubernetes/kubernetes#133627).
        let prefix = r
            .event
            .container
            .and_then(|c| run.containers().get(c))
            .map(|c| format!("{}: ", c.field_path()))
            .unwrap_or_default();
        t.push_str(&format!(
            "  {}\t{}\t{}\t{}\t{}{}\n",
            r.event.event_type.as_str(),
            r.event.reason,
            age,
            r.event.from,
            prefix,
            r.event.message.trim()
        ));
    }
    tabwrite(&t)
}

/// A time as `kubectl describe` prints it (`time.RFC1123Z`, "Mon, 02 Jan 2006 15:04:05 -0700"),
/// on the playground's calendar: `kubectl create` runs at [`SIM_EPOCH`]
/// (`crate::os::clock::SIM_EPOCH`, the same clock the containers' programs read).
pub fn date_text(t: SimTime) -> String {
    crate::os::clock::strftime("%a, %d %b %Y %H:%M:%S +0000", crate::os::clock::wall_secs(t))
}

fn state_block(out: &mut String, label: &str, s: &CState, run: &Run) {
    let at_text = |t: SimTime| date_text(run.on_clock(t));
    match s {
        // describe.go describeStatus: a waiting state shows its reason, never its message.
        CState::Waiting { reason, .. } => {
            out.push_str(&format!("    {label}:\tWaiting\n"));
            if !reason.is_empty() {
                out.push_str(&format!("      Reason:\t{reason}\n"));
            }
        }
        CState::Running { started_at } => {
            out.push_str(&format!(
                "    {label}:\tRunning\n      Started:\t{}\n",
                at_text(*started_at)
            ));
        }
        CState::Terminated(t) => {
            out.push_str(&format!(
                "    {label}:\tTerminated\n      Reason:\t{}\n",
                t.reason
            ));
            if !t.message.is_empty() {
                out.push_str(&format!("      Message:\t{}\n", t.message.trim_end()));
            }
            out.push_str(&format!(
                "      Exit Code:\t{}\n      Started:\t{}\n      Finished:\t{}\n",
                t.exit_code,
                at_text(t.started_at),
                at_text(t.finished_at)
            ));
        }
    }
}

/// `kubectl describe pod` at time `now` (the end of the run by default). Dates are on the
/// playground's calendar ([`date_text`]).
pub fn describe(run: &Run, world: &crate::sim::World, now: SimTime) -> String {
    let snap = run.state_at(now);
    let pod = &world.pod;
    // The API server's ServiceAccount admission already added the token volume to a defaulted pod.
    let has_token = pod
        .volumes
        .iter()
        .any(|v| v.name.starts_with("kube-api-access-"));
    let mut o = String::new();
    o.push_str(&format!("Name:\t{}\n", run.pod_name()));
    o.push_str(&format!("Namespace:\t{}\n", run.namespace()));
    o.push_str(&format!("Priority:\t{}\n", pod.priority));
    o.push_str(&format!("Service Account:\t{}\n", pod.service_account_name));
    match (snap.node, run.host_ip()) {
        (Some(n), Some(ip)) => o.push_str(&format!("Node:\t{n}/{ip}\n")),
        (Some(n), None) => o.push_str(&format!("Node:\t{n}\n")),
        _ => o.push_str("Node:\t<none>\n"),
    }
    if snap.node.is_some() {
        if let Some(first) = run.phase_track().iter().next() {
            let _ = first;
        }
    }
    if let Some(start) = run.start_time() {
        o.push_str(&format!("Start Time:\t{}\n", date_text(run.on_clock(start))));
    }
    let labels = &pod.meta.labels;
    if labels.is_empty() {
        o.push_str("Labels:\t<none>\n");
    } else {
        for (i, (k, v)) in labels.iter().enumerate() {
            let key = if i == 0 { "Labels:" } else { "" };
            o.push_str(&format!("{key}\t{k}={v}\n"));
        }
    }
    annotation_lines(&mut o, &pod.meta.annotations);
    if let Some(d) = snap.deletion {
        o.push_str(&format!(
            "Status:\tTerminating (lasts {})\n",
            timestamp_age(run.on_clock(now), run.on_clock(d))
        ));
        o.push_str(&format!(
            "Termination Grace Period:\t{}s\n",
            run.grace_seconds
        ));
    } else {
        o.push_str(&format!("Status:\t{}\n", snap.phase.as_str()));
    }
    if let Some((r, m)) = snap.reason {
        o.push_str(&format!("Reason:\t{r}\n"));
        if !m.is_empty() {
            o.push_str(&format!("Message:\t{m}\n"));
        }
    }
    o.push_str(&format!("IP:\t{}\n", snap.pod_ip.unwrap_or("")));
    if let Some(ip) = snap.pod_ip {
        o.push_str(&format!("IPs:\n  IP:\t{ip}\n"));
    } else {
        o.push_str("IPs:\t<none>\n");
    }
    let section = |title: &str, kind_app: bool, o: &mut String| {
        let views: Vec<&ContainerView<'_>> = snap
            .containers
            .iter()
            .filter(|c| (c.info.kind == ContainerKind::App) == kind_app)
            .collect();
        if views.is_empty() {
            return;
        }
        o.push_str(&format!("{title}:\n"));
        for c in views {
            let spec = if kind_app {
                pod.containers.iter().find(|x| x.name == c.info.name)
            } else {
                pod.init_containers.iter().find(|x| x.name == c.info.name)
            };
            // describe.go describeContainerBasicInfo: Container ID and Image ID when the
            // container has a status (empty until the runtime created it).
            o.push_str(&format!("  {}:\n", c.info.name));
            let created = c.created();
            if c.state.is_some() {
                let id = if created {
                    c.container_id(run.uid(), c.restart_count)
                } else {
                    String::new()
                };
                o.push_str(&format!("    Container ID:\t{id}\n"));
            }
            o.push_str(&format!("    Image:\t{}\n", c.info.image));
            if c.state.is_some() {
                let id = if created {
                    c.resolved_image().1
                } else {
                    String::new()
                };
                o.push_str(&format!("    Image ID:\t{id}\n"));
            }
            if let Some(spec) = spec {
                let ports: Vec<String> = spec
                    .ports
                    .iter()
                    .map(|p| format!("{}/{}", p.container_port, p.protocol().as_str()))
                    .collect();
                // "Ports:" / "Host Ports:" when the joined list has a comma.
                let (label, text) = match ports.len() {
                    0 => ("Port", "<none>".to_string()),
                    1 => ("Port", ports.join(", ")),
                    _ => ("Ports", ports.join(", ")),
                };
                o.push_str(&format!("    {label}:\t{text}\n"));
                let hports: Vec<String> = spec
                    .ports
                    .iter()
                    .map(|p| format!("{}/{}", p.host_port.unwrap_or(0), p.protocol().as_str()))
                    .collect();
                let (label, text) = match hports.len() {
                    0 => ("Host Port", "<none>".to_string()),
                    1 => ("Host Port", hports.join(", ")),
                    _ => ("Host Ports", hports.join(", ")),
                };
                o.push_str(&format!("    {label}:\t{text}\n"));
                if !spec.command.is_empty() {
                    o.push_str("    Command:\n");
                    for a in &spec.command {
                        o.push_str(&format!("      {a}\n"));
                    }
                }
                if !spec.args.is_empty() {
                    o.push_str("    Args:\n");
                    for a in &spec.args {
                        o.push_str(&format!("      {a}\n"));
                    }
                }
            }
            match c.state {
                Some(s) => state_block(o, "State", s, run),
                None => o.push_str("    State:\tWaiting\n"),
            }
            if let Some(l) = c.last_state {
                state_block(o, "Last State", &CState::Terminated(l.clone()), run);
            }
            o.push_str(&format!(
                "    Ready:\t{}\n",
                if c.ready { "True" } else { "False" }
            ));
            o.push_str(&format!("    Restart Count:\t{}\n", c.restart_count));
            if let Some(spec) = spec {
                let r = &spec.resources;
                if r.limits.cpu_milli.is_some() || r.limits.memory.is_some() {
                    o.push_str("    Limits:\n");
                    if let Some(c) = r.limits.cpu_milli {
                        o.push_str(&format!("      cpu:\t{}\n", cpu_text(c)));
                    }
                    if let Some(m) = r.limits.memory {
                        o.push_str(&format!("      memory:\t{}\n", mem_text(m)));
                    }
                }
                if r.requests.cpu_milli.is_some() || r.requests.memory.is_some() {
                    o.push_str("    Requests:\n");
                    if let Some(c) = r.requests.cpu_milli {
                        o.push_str(&format!("      cpu:\t{}\n", cpu_text(c)));
                    }
                    if let Some(m) = r.requests.memory {
                        o.push_str(&format!("      memory:\t{}\n", mem_text(m)));
                    }
                }
                for (label, p) in [
                    ("Liveness", &spec.liveness_probe),
                    ("Readiness", &spec.readiness_probe),
                    ("Startup", &spec.startup_probe),
                ] {
                    if let Some(p) = p {
                        o.push_str(&format!(
                            "    {label}:\t{} delay={}s timeout={}s period={}s #success={} #failure={}\n",
                            p.handler.describe(),
                            p.initial_delay_seconds,
                            p.timeout_seconds,
                            p.period_seconds,
                            p.success_threshold,
                            p.failure_threshold
                        ));
                    }
                }
                if spec.env.is_empty() && spec.env_from.is_empty() {
                    o.push_str("    Environment:\t<none>\n");
                } else {
                    o.push_str("    Environment:\n");
                    for e in &spec.env {
                        let v = match &e.source {
                            crate::model::EnvSource::Value(v) => v.clone(),
                            crate::model::EnvSource::FieldRef(f) => {
                                format!("({}:{f})", "v1")
                            }
                            crate::model::EnvSource::ResourceFieldRef { resource, .. } => {
                                resource.to_string()
                            }
                            crate::model::EnvSource::ConfigMapKey {
                                name,
                                key,
                                optional,
                            } => {
                                format!("<set to the key '{key}' of config map '{name}'>\tOptional: {optional}")
                            }
                            crate::model::EnvSource::SecretKey {
                                name,
                                key,
                                optional,
                            } => {
                                format!("<set to the key '{key}' in secret '{name}'>\tOptional: {optional}")
                            }
                            // describe.go's text for fileKeyRef could not be checked: the value is
                            // left empty, as before EnvFiles.
                            crate::model::EnvSource::FileKey { .. } => String::new(),
                        };
                        o.push_str(&format!("      {}:\t{}\n", e.name, v));
                    }
                }
                o.push_str("    Mounts:\n");
                for m in &spec.volume_mounts {
                    o.push_str(&format!(
                        "      {} from {} ({})\n",
                        m.mount_path,
                        m.name,
                        if m.read_only { "ro" } else { "rw" }
                    ));
                }
                if !has_token {
                    o.push_str(&format!(
                        "      /var/run/secrets/kubernetes.io/serviceaccount from {} (ro)\n",
                        crate::sim::world::api_access_volume(run.uid())
                    ));
                }
            }
        }
    };
    section("Init Containers", false, &mut o);
    section("Containers", true, &mut o);
    // describe.go: "Readiness Gates:" (a gate's condition status, `<none>` when it does not
    // exist), then "Conditions:", each row written as "%v \t%v \n".
    if !run.readiness_gates().is_empty() {
        o.push_str("Readiness Gates:\n  Type\tStatus\n");
        for g in run.readiness_gates() {
            let status = snap
                .conditions
                .iter()
                .find(|c| c.type_name == g.as_str())
                .map_or("<none>", |c| if c.status { "True" } else { "False" });
            o.push_str(&format!("  {g} \t{status} \n"));
        }
    }
    if !snap.conditions.is_empty() {
        o.push_str("Conditions:\n  Type\tStatus\n");
        for c in &snap.conditions {
            o.push_str(&format!(
                "  {} \t{} \n",
                c.type_name,
                if c.status { "True" } else { "False" }
            ));
        }
    }
    o.push_str("Volumes:\n");
    for v in &pod.volumes {
        o.push_str(&format!("  {}:\n", v.name));
        volume_block(&mut o, &v.source);
    }
    if !has_token {
        o.push_str(&format!(
            "  {}:\n    Type:\tProjected (a volume that contains injected data from multiple sources)\n    TokenExpirationSeconds:\t3607\n    ConfigMapName:\tkube-root-ca.crt\n    Optional:\tfalse\n    DownwardAPI:\ttrue\n",
            crate::sim::world::api_access_volume(run.uid())
        ));
    }
    o.push_str(&format!("QoS Class:\t{}\n", run.qos_class().as_str()));
    if pod.node_selector.is_empty() {
        o.push_str("Node-Selectors:\t<none>\n");
    } else {
        let s: Vec<String> = pod
            .node_selector
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        o.push_str(&format!("Node-Selectors:\t{}\n", s.join("\n\t")));
    }
    for (i, t) in pod.tolerations.iter().enumerate() {
        let key = if i == 0 { "Tolerations:" } else { "" };
        let mut s = t.key.clone();
        if !t.value.is_empty() {
            s.push('=');
            s.push_str(&t.value);
        }
        if !t.effect.is_empty() {
            s.push(':');
            s.push_str(&t.effect);
        }
        if t.operator == "Exists" {
            s.push_str(" op=Exists");
        }
        if let Some(ts) = t.toleration_seconds {
            s.push_str(&format!(" for {ts}s"));
        }
        o.push_str(&format!("{key}\t{s}\n"));
    }
    let mut out = tabwrite(&o);
    out.push_str(&events_table(run, now));
    out
}

/// A volume as `kubectl describe` prints it (`printVolumes`).
fn volume_block(o: &mut String, v: &crate::model::VolumeSource) {
    use crate::model::{ProjectedSource, VolumeSource};
    match v {
        VolumeSource::EmptyDir => o.push_str(
            "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t\n    SizeLimit:\t<unset>\n",
        ),
        VolumeSource::ConfigMap { name, optional, .. } => o.push_str(&format!(
            "    Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{name}\n    Optional:\t{optional}\n"
        )),
        VolumeSource::Secret { name, optional, .. } => o.push_str(&format!(
            "    Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{name}\n    Optional:\t{optional}\n"
        )),
        VolumeSource::DownwardApi(items) => {
            o.push_str("    Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
            for it in items {
                let what = it
                    .field_path
                    .clone()
                    .or_else(|| it.resource.as_ref().map(|r| r.1.clone()))
                    .unwrap_or_default();
                o.push_str(&format!("      {what} -> {}\n", it.path));
            }
        }
        VolumeSource::Projected(sources) => {
            o.push_str("    Type:\tProjected (a volume that contains injected data from multiple sources)\n");
            for s in sources {
                match s {
                    ProjectedSource::ServiceAccountToken { .. } => {
                        o.push_str("    TokenExpirationSeconds:\t3607\n")
                    }
                    ProjectedSource::ConfigMap { name, optional, .. } => o.push_str(&format!(
                        "    ConfigMapName:\t{name}\n    Optional:\t{optional}\n"
                    )),
                    ProjectedSource::Secret { name, optional, .. } => o.push_str(&format!(
                        "    SecretName:\t{name}\n    Optional:\t{optional}\n"
                    )),
                    ProjectedSource::DownwardApi(_) => o.push_str("    DownwardAPI:\ttrue\n"),
                    ProjectedSource::Other(_) => {}
                }
            }
        }
        VolumeSource::HostPath { path } => o.push_str(&format!(
            "    Type:\tHostPath (bare host directory volume)\n    Path:\t{path}\n    HostPathType:\t\n"
        )),
        VolumeSource::PersistentVolumeClaim { claim_name } => o.push_str(&format!(
            "    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{claim_name}\n    ReadOnly:\tfalse\n"
        )),
        VolumeSource::Other(k) => o.push_str(&format!("    Type:\t{k}\n")),
    }
}

fn cpu_text(milli: i64) -> String {
    if milli % 1000 == 0 {
        (milli / 1000).to_string()
    } else {
        format!("{milli}m")
    }
}

fn mem_text(bytes: i64) -> String {
    crate::quantity::memory_text(bytes.max(0).unsigned_abs())
}

/// The fixture trace: every event on its own line, the `kubectl get pod -w` line whenever READY,
/// STATUS or the restart count change, and the state at the end.
pub fn trace(run: &Run) -> String {
    let mut out = String::new();
    let name = run.pod_name();
    // Every time something visible may have changed.
    let mut times: Vec<SimTime> = vec![run.created];
    times.extend(run.phase.iter().map(|(t, _)| t));
    for c in &run.ctr {
        times.extend(c.state.iter().map(|(t, _)| t));
        times.extend(c.ready.iter().map(|(t, _)| t));
        times.extend(c.started.iter().map(|(t, _)| t));
        times.extend(c.restarts.iter().map(|(t, _)| t));
    }
    for c in &run.conditions {
        times.extend(c.iter().map(|(t, _)| t));
    }
    times.extend(run.reason.iter().map(|(t, _)| t));
    if let Some(d) = run.deletion {
        times.push(d);
    }
    if let Some(r) = run.removed {
        times.push(r);
    }
    times.retain(|t| *t <= run.end);
    crate::sort::sort(&mut times);
    times.dedup();
    let mut lines: Vec<(SimTime, u8, String)> = Vec::new();
    let mut last: Option<(String, String, String, bool)> = None;
    for t in times {
        let s = run.state_at(t);
        let restarts = s.restarts.split(' ').next().unwrap_or("0").to_string();
        let key = (s.ready.clone(), s.status.clone(), restarts, s.exists);
        if last.as_ref() != Some(&key) {
            let line = if s.exists {
                format!(
                    "t={} get {} {} {} {}",
                    seconds(t),
                    name,
                    s.ready,
                    s.status,
                    s.restarts
                )
            } else {
                format!("t={} get {name} (not found)", seconds(t))
            };
            lines.push((t, 1, line));
            last = Some(key);
        }
    }
    for e in run.events() {
        let who = e
            .container
            .and_then(|c| run.containers().get(c))
            .map(|c| format!(" {}", c.name))
            .unwrap_or_default();
        lines.push((
            e.t,
            0,
            format!(
                "t={} {} {} {}{}: {}",
                seconds(e.t),
                e.event_type.as_str(),
                e.reason,
                e.from,
                who,
                e.message.trim()
            ),
        ));
    }
    for n in run.notes() {
        lines.push((n.t, 2, format!("t={} note: {}", seconds(n.t), n.text.en)));
    }
    crate::sort::sort_by_key(&mut lines, |l| (l.0, l.1));
    for (_, _, l) in lines {
        out.push_str(&l);
        out.push('\n');
    }
    let end = run.state_at(run.end());
    out.push_str(&format!(
        "end t={} phase={} status={} ready={} restarts={}\n",
        seconds(run.end()),
        end.phase.as_str(),
        end.status,
        end.ready,
        end.restarts
    ));
    for c in &end.containers {
        let state = match c.state {
            Some(CState::Waiting { reason, .. }) => format!("waiting({reason})"),
            Some(CState::Running { started_at }) => {
                format!("running(since {})", seconds(*started_at))
            }
            Some(CState::Terminated(t)) => format!("terminated({} {})", t.reason, t.exit_code),
            None => "-".to_string(),
        };
        let last = c
            .last_state
            .map(|l| format!(" last=terminated({} {})", l.reason, l.exit_code))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {} {} ready={} started={} restarts={}{}\n",
            c.info.name, state, c.ready, c.started, c.restart_count, last
        ));
    }
    out
}

/// The `kubectl get pod` line at `t` (`NAME READY STATUS RESTARTS AGE`) with its header.
pub fn get_table(run: &Run, snap: &Snapshot<'_>) -> String {
    tabwrite_with(
        &format!(
            "NAME\tREADY\tSTATUS\tRESTARTS\tAGE\n{}\t{}\t{}\t{}\t{}\n",
            run.pod_name(),
            snap.ready,
            snap.status,
            snap.restarts,
            snap.age
        ),
        6,
        3,
    )
}

/// describe.go `printAnnotationsMultiline`, to be tab-written: `Annotations:` and the
/// annotations sorted by key, `kubectl.kubernetes.io/last-applied-configuration` skipped
/// (`skipAnnotations`); a value longer than `maxAnnotationLen` (140, with its key and `: `) or of
/// several lines goes under its key, each line indented and cut at 138 bytes with `...`.
pub(crate) fn annotation_lines(o: &mut String, annotations: &[(String, String)]) {
    const MAX: usize = 140;
    let mut list: Vec<&(String, String)> = annotations
        .iter()
        .filter(|(k, _)| k != "kubectl.kubernetes.io/last-applied-configuration")
        .collect();
    crate::sort::sort_by(&mut list, |a, b| a.0.cmp(&b.0));
    o.push_str("Annotations:\t");
    if list.is_empty() {
        o.push_str("<none>\n");
    }
    for (i, (k, v)) in list.into_iter().enumerate() {
        if i > 0 {
            o.push('\t');
        }
        let value = v.strip_suffix('\n').unwrap_or(v);
        if value.len() + k.len() + 2 > MAX || value.contains('\n') {
            o.push_str(&format!("{k}:\n"));
            for line in value.split('\n') {
                let mut cut = (MAX - 2).min(line.len());
                while !line.is_char_boundary(cut) {
                    cut -= 1;
                }
                let dots = if line.len() > MAX - 2 { "..." } else { "" };
                o.push_str(&format!("\t  {}{dots}\n", line.get(..cut).unwrap_or(line)));
            }
        } else {
            o.push_str(&format!("{k}: {value}\n"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn ages_count_from_the_timestamps_kubectl_reads() {
        // a metav1.Time keeps whole seconds: created at 0.05 s, 5 s later is "5s", not "4s"
        assert_eq!(timestamp_age(SimTime(5_000), SimTime(50)), "5s");
        assert_eq!(timestamp_age(SimTime(12_000), SimTime(7_900)), "5s");
        assert_eq!(timestamp_age(SimTime(12_999), SimTime(8_000)), "4s");
        let ev = |from: &'static str| Event {
            t: SimTime(7_900),
            seq: 0,
            event_type: crate::sim::EventType::Normal,
            reason: "Pulled",
            from,
            container: None,
            message: String::new(),
            cause: crate::sim::rules::Cause::new(crate::sim::rules::Rule::Admitted),
        };
        // the kubelet's lastTimestamp is rounded down to 7 s; the scheduler's eventTime is not
        assert_eq!(event_age(&ev("kubelet"), SimTime(12_500), SimTime(7_900)), "5s");
        assert_eq!(event_age(&ev("default-scheduler"), SimTime(12_500), SimTime(7_900)), "4s");
    }

    #[test]
    fn human_durations_match_kubectl() {
        assert_eq!(human_duration(0), "0s");
        assert_eq!(human_duration(119_999), "119s");
        assert_eq!(human_duration(120_000), "2m");
        assert_eq!(human_duration(125_000), "2m5s");
        assert_eq!(human_duration(600_000), "10m");
        assert_eq!(human_duration(3 * 3_600_000), "3h");
        assert_eq!(human_duration(3 * 3_600_000 + 60_000), "3h1m");
        assert_eq!(human_duration(9 * 3_600_000), "9h");
        assert_eq!(human_duration(50 * 3_600_000), "2d2h");
    }

    #[test]
    fn tabwriter_aligns_columns_like_go() {
        let t = "Name:\tx\nService Account:\tdefault\nIPs:\n  IP:\t10.0.0.1\n";
        assert_eq!(
            tabwrite(t),
            "Name:             x\nService Account:  default\nIPs:\n  IP:  10.0.0.1\n"
        );
    }
}

