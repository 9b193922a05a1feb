//! The timeline, drawn with plotters on a canvas: one lane per container (waiting / running /
//! terminated spans with their reasons, back-off gaps, restarts, readiness, hooks, every probe run
//! as a pass/fail mark with the thresholds counted), a lane for the phase and one per condition,
//! and charts of restartCount and memory use against the limit.
//!
//! The canvas depends only on the run, its width, the language and the theme, so it is drawn once
//! per run; what moves with the playhead (the cursor, the not-yet-happened part, the chosen item,
//! the values at the playhead) is plain HTML over and under it, cheap to update 60 times a second.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
/// The timeline's colour type (plotters'), for code that reads the canvas back.
pub use plotters::style::RGBColor;
use plotters_canvas::CanvasBackend;
use podplay_core::diag::Lang;
use podplay_core::sim::view_timeline::{
    pick_condition, pick_event, pick_phase, pick_probe, pick_state, pick_time, restart_times,
    state_label, track_spans, Pick, StateKind,
};
use podplay_core::sim::{ConditionType, ContainerKind, Phase, ProbeKind, Run, SimTime};
use yew::prelude::*;

use super::text::{text, PlayText};
use super::{Sim, SimRef};
use crate::browser::play as browser;
use crate::state::{PlayAction, Window};

/// Width of the label column on the left on a narrow timeline (a phone), and the margin on the
/// right (CSS pixels).
pub const GUTTER: f64 = 116.0;
/// The label column of a timeline at least [`WIDE_FROM`] wide: room for `PodReadyToStartContainers`.
pub const GUTTER_WIDE: f64 = 156.0;
pub const WIDE_FROM: f64 = 480.0;

/// The label column's width for a timeline `width` wide.
pub fn gutter_for(width: f64) -> f64 {
    if width >= WIDE_FROM {
        GUTTER_WIDE
    } else {
        GUTTER
    }
}
pub const RIGHT: f64 = 14.0;
const AXIS_H: f64 = 20.0;
const STATE_H: f64 = 22.0;
const PROBE_H: f64 = 13.0;
const PHASE_H: f64 = 16.0;
const COND_H: f64 = 11.0;
const CHART_H: f64 = 58.0;
const GAP: f64 = 7.0;

/// What a horizontal band of the timeline shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Axis,
    State(usize),
    Probe(usize, ProbeKind),
    Phase,
    Condition(ConditionType),
    Restarts,
    Memory,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    pub y: f64,
    pub h: f64,
    pub kind: RowKind,
}

/// Where everything is, in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// The end of the time window shown (it starts at 0).
    pub end: SimTime,
    /// The label column's width.
    pub gutter: f64,
    pub rows: Vec<Row>,
}

/// Whether the memory chart has anything to show (a limit, or some use).
pub fn has_memory(sim: &Sim) -> bool {
    sim.limits.iter().any(Option::is_some)
        || (0..sim.run.containers().len()).any(|c| {
            sim.run
                .timeline(c)
                .is_some_and(|tl| tl.memory.iter().any(|(_, m)| *m > 0))
        })
}

impl Layout {
    /// The layout of `run` shown from 0 to `window` (at most the run's end) in `width` pixels.
    pub fn new(run: &Run, memory: bool, width: f64, window: SimTime) -> Layout {
        let mut rows: Vec<Row> = Vec::new();
        let mut y = 0.0;
        let mut push = |y: &mut f64, h: f64, kind: RowKind| {
            rows.push(Row { y: *y, h, kind });
            *y += h;
        };
        push(&mut y, AXIS_H, RowKind::Axis);
        for c in 0..run.containers().len() {
            push(&mut y, STATE_H, RowKind::State(c));
            if let Some(tl) = run.timeline(c) {
                for (kind, ticks) in ProbeKind::ALL.iter().zip(tl.probes.iter()) {
                    if !ticks.is_empty() {
                        push(&mut y, PROBE_H, RowKind::Probe(c, *kind));
                    }
                }
            }
            y += GAP;
        }
        push(&mut y, PHASE_H, RowKind::Phase);
        y += 3.0;
        for ct in ConditionType::ALL {
            if !run.condition_track(ct).is_empty() {
                push(&mut y, COND_H, RowKind::Condition(ct));
            }
        }
        y += GAP;
        push(&mut y, CHART_H, RowKind::Restarts);
        if memory {
            y += GAP;
            push(&mut y, CHART_H, RowKind::Memory);
        }
        Layout {
            gutter: gutter_for(width),
            width: width.max(GUTTER + RIGHT + 40.0),
            height: y + 16.0,
            end: window.min(run.end()).max(SimTime(1)),
            rows,
        }
    }

    fn plot_width(&self) -> f64 {
        self.width - self.gutter - RIGHT
    }

    /// The x of a time.
    pub fn x(&self, t: SimTime) -> f64 {
        let f = t.0.min(self.end.0) as f64 / self.end.0.max(1) as f64;
        self.gutter + f * self.plot_width()
    }

    /// The time under an x (clamped to the run).
    pub fn t_at(&self, x: f64) -> SimTime {
        let f = ((x - self.gutter) / self.plot_width()).clamp(0.0, 1.0);
        SimTime((f * self.end.0 as f64).round() as u64)
    }

    /// Simulated milliseconds per CSS pixel.
    pub fn ms_per_px(&self) -> u64 {
        (self.end.0 as f64 / self.plot_width()).ceil() as u64
    }

    pub fn row_at(&self, y: f64) -> Option<Row> {
        self.rows
            .iter()
            .copied()
            .find(|r| y >= r.y && y < r.y + r.h)
    }
}

/// What a click at `(x, y)` chooses, and where the playhead goes.
pub fn pick_at(run: &Run, layout: &Layout, x: f64, y: f64) -> (Option<Pick>, SimTime) {
    let t = layout.t_at(x);
    let near = layout.ms_per_px().saturating_mul(6);
    let pick = match layout.row_at(y).map(|r| r.kind) {
        Some(RowKind::State(c)) => pick_state(run, c, t),
        Some(RowKind::Probe(c, k)) => pick_probe(run, c, k, t, near).or(pick_state(run, c, t)),
        Some(RowKind::Phase) => pick_phase(run, t),
        Some(RowKind::Condition(ct)) => pick_condition(run, ct, t),
        _ => pick_event(run, t, near),
    };
    // A probe run is a point in time: go exactly there.
    let at = match pick {
        Some(p @ Pick::Probe { .. }) => pick_time(run, p).unwrap_or(t),
        _ => t,
    };
    (pick, at)
}

/// A "nice" spacing of the time axis' ticks for at most `max_ticks` ticks.
pub fn tick_step(end: SimTime, max_ticks: f64) -> u64 {
    const STEPS: [u64; 17] = [
        100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
        600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
    ];
    STEPS
        .iter()
        .copied()
        .find(|s| end.0 as f64 / *s as f64 <= max_ticks.max(1.0))
        .unwrap_or(7_200_000)
}

/// An axis label: `500ms`, `30s`, `1m`, `1m30s`, `2h`.
pub fn tick_label(ms: u64) -> String {
    if ms == 0 {
        return "0".into();
    }
    if ms < 1_000 {
        return format!("{ms}ms");
    }
    let s = ms / 1_000;
    match (s / 3_600, (s % 3_600) / 60, s % 60) {
        (0, 0, s) => format!("{s}s"),
        (0, m, 0) => format!("{m}m"),
        (0, m, s) => format!("{m}m{s}s"),
        (h, 0, _) => format!("{h}h"),
        (h, m, _) => format!("{h}h{m}m"),
    }
}

/// The timeline's colours, read from the page's CSS custom properties so that they follow the
/// theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub bg: RGBColor,
    pub fg: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub wait: RGBColor,
    pub error: RGBColor,
    pub backoff: RGBColor,
    pub run: RGBColor,
    pub done: RGBColor,
    pub fail: RGBColor,
    pub ok: RGBColor,
    pub bad: RGBColor,
    pub hook: RGBColor,
    pub series: [RGBColor; 4],
}

/// `#rgb` or `#rrggbb`.
pub fn parse_color(s: &str) -> Option<RGBColor> {
    let hex = s.trim().strip_prefix('#')?;
    let digit = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
    match hex.len() {
        3 => Some(RGBColor(
            digit(0, 1)? * 17,
            digit(1, 1)? * 17,
            digit(2, 1)? * 17,
        )),
        6 => Some(RGBColor(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
        _ => None,
    }
}

impl Palette {
    /// The light theme's colours (also the fallback of every missing property).
    pub const LIGHT: Palette = Palette {
        bg: RGBColor(255, 255, 255),
        fg: RGBColor(28, 34, 48),
        muted: RGBColor(91, 100, 120),
        grid: RGBColor(232, 235, 242),
        wait: RGBColor(176, 184, 200),
        error: RGBColor(232, 160, 60),
        backoff: RGBColor(245, 200, 120),
        run: RGBColor(60, 170, 100),
        done: RGBColor(90, 130, 220),
        fail: RGBColor(214, 69, 65),
        ok: RGBColor(27, 127, 59),
        bad: RGBColor(198, 40, 40),
        hook: RGBColor(130, 80, 200),
        series: [
            RGBColor(50, 108, 229),
            RGBColor(214, 110, 30),
            RGBColor(150, 70, 190),
            RGBColor(20, 150, 150),
        ],
    };

    fn read(el: &web_sys::Element) -> Palette {
        let d = Palette::LIGHT;
        let get = |name: &str, fallback: RGBColor| {
            browser::css_var(el, name)
                .and_then(|v| parse_color(&v))
                .unwrap_or(fallback)
        };
        Palette {
            bg: get("--panel", d.bg),
            fg: get("--fg", d.fg),
            muted: get("--muted", d.muted),
            grid: get("--tl-grid", d.grid),
            wait: get("--tl-wait", d.wait),
            error: get("--tl-error", d.error),
            backoff: get("--tl-backoff", d.backoff),
            run: get("--tl-run", d.run),
            done: get("--tl-done", d.done),
            fail: get("--tl-fail", d.fail),
            ok: get("--ok", d.ok),
            bad: get("--err", d.bad),
            hook: get("--tl-hook", d.hook),
            series: [
                get("--tl-c1", d.series[0]),
                get("--tl-c2", d.series[1]),
                get("--tl-c3", d.series[2]),
                get("--tl-c4", d.series[3]),
            ],
        }
    }

    fn state(&self, k: StateKind) -> RGBColor {
        match k {
            StateKind::Waiting => self.wait,
            StateKind::WaitingError => self.error,
            StateKind::BackOff => self.backoff,
            StateKind::Running => self.run,
            StateKind::Completed => self.done,
            StateKind::Failed => self.fail,
        }
    }

    fn phase(&self, p: Phase) -> RGBColor {
        match p {
            Phase::Pending => self.wait,
            Phase::Running => self.run,
            Phase::Succeeded => self.done,
            Phase::Failed => self.fail,
            Phase::Unknown => self.error,
        }
    }
}

/// Draws in CSS pixels on a canvas of `ratio` device pixels per CSS pixel.
struct Painter {
    area: DrawingArea<CanvasBackend, Shift>,
    ratio: f64,
}

impl Painter {
    fn px(&self, v: f64) -> i32 {
        (v * self.ratio).round() as i32
    }

    fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64, c: RGBColor) {
        let (a, b) = ((self.px(x0), self.px(y0)), (self.px(x1), self.px(y1)));
        let _ = self.area.draw(&Rectangle::new([a, b], c.filled()));
    }

    fn line(&self, points: &[(f64, f64)], c: RGBColor, width: f64) {
        let pts: Vec<(i32, i32)> = points
            .iter()
            .map(|(x, y)| (self.px(*x), self.px(*y)))
            .collect();
        let style = ShapeStyle::from(c).stroke_width(self.px(width).max(1) as u32);
        let _ = self.area.draw(&PathElement::new(pts, style));
    }

    fn dashed(&self, x0: f64, x1: f64, y: f64, c: RGBColor) {
        let mut x = x0;
        while x < x1 {
            self.line(&[(x, y), ((x + 4.0).min(x1), y)], c, 1.0);
            x += 7.0;
        }
    }

    fn dot(&self, x: f64, y: f64, r: f64, c: RGBColor) {
        let _ = self.area.draw(&Circle::new(
            (self.px(x), self.px(y)),
            self.px(r).max(1) as u32,
            c.filled(),
        ));
    }

    fn text(&self, s: &str, x: f64, y: f64, size: f64, c: RGBColor, h: HPos) {
        let style = ("sans-serif", size * self.ratio)
            .into_font()
            .color(&c)
            .pos(Pos::new(h, VPos::Center));
        let _ = self
            .area
            .draw(&Text::new(s, (self.px(x), self.px(y)), style));
    }
}

/// Text that reads on a span of colour `c`: of the dark and the light ink, the one with the
/// higher WCAG contrast ratio.
fn ink(c: RGBColor) -> RGBColor {
    let lin = |v: u8| {
        let v = v as f64 / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2);
    let (dark, light) = (RGBColor(20, 24, 32), RGBColor(246, 248, 251));
    let ld = 0.2126 * lin(dark.0) + 0.7152 * lin(dark.1) + 0.0722 * lin(dark.2);
    let ll = 0.2126 * lin(light.0) + 0.7152 * lin(light.1) + 0.0722 * lin(light.2);
    if (l + 0.05) / (ld + 0.05) >= (ll + 0.05) / (l + 0.05) {
        dark
    } else {
        light
    }
}

/// An estimate of a label's width at `size` px (the canvas measures nothing here: labels that
/// might not fit are left out or made smaller). Upper-case letters count wider.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii_uppercase() { 0.68 } else { 0.56 })
        .sum::<f64>()
        * size
}

fn fits(s: &str, size: f64, room: f64) -> bool {
    text_width(s, size) + 6.0 <= room
}

/// Draws the whole timeline of `sim` into `canvas`.
fn draw(
    canvas: web_sys::HtmlCanvasElement,
    layout: &Layout,
    sim: &Sim,
    pal: &Palette,
    tx: &PlayText,
) {
    let ratio = browser::pixel_ratio();
    browser::size_canvas(&canvas, layout.width, layout.height, ratio);
    let Some(backend) = CanvasBackend::with_canvas_object(canvas) else {
        return;
    };
    let p = Painter {
        area: backend.into_drawing_area(),
        ratio,
    };
    let _ = p.area.fill(&pal.bg);
    let run = &sim.run;
    // The window shows exactly what lies inside it: a span is cut at its edge, and what starts
    // after it (a state, a restart, a probe run, a value of a chart) is not drawn at all.
    let end = layout.end;
    let inside = |t: SimTime| t <= end;
    // A span starting at the window's end has no width in it.
    let starts_inside = |t: SimTime| t < end || t == SimTime::ZERO;
    let spans = |track_spans: Vec<(SimTime, SimTime)>| -> Vec<Option<(SimTime, SimTime)>> {
        track_spans
            .into_iter()
            .map(|(from, to)| starts_inside(from).then_some((from, to.min(end))))
            .collect()
    };
    let x = |t: SimTime| layout.x(t);
    let (left, right) = (layout.gutter, layout.width - RIGHT);
    // Grid and axis labels.
    let step = tick_step(layout.end, layout.plot_width() / 70.0);
    let mut tick = 0u64;
    while tick <= layout.end.0 {
        let tx_ = x(SimTime(tick));
        p.line(
            &[(tx_, AXIS_H - 4.0), (tx_, layout.height - 16.0)],
            pal.grid,
            1.0,
        );
        p.text(
            &tick_label(tick),
            tx_,
            AXIS_H / 2.0 - 1.0,
            10.5,
            pal.muted,
            HPos::Center,
        );
        tick += step;
    }
    for row in &layout.rows {
        let (y, h) = (row.y, row.h);
        let mid = y + h / 2.0;
        match row.kind {
            RowKind::Axis => {}
            RowKind::State(c) => {
                let Some(tl) = run.timeline(c) else { continue };
                let tag = match tl.info.kind {
                    ContainerKind::Init => Some(tx.init_tag),
                    ContainerKind::Sidecar => Some(tx.sidecar_tag),
                    ContainerKind::App => None,
                };
                let mut name = tl.info.name.clone();
                if !fits(&name, 12.0, left) {
                    name = name.chars().take(14).chain(['…']).collect();
                }
                match tag {
                    Some(tag) => {
                        p.text(&name, 4.0, y + 7.0, 11.5, pal.fg, HPos::Left);
                        p.text(tag, 4.0, y + h - 4.0, 9.0, pal.muted, HPos::Left);
                    }
                    None => p.text(&name, 4.0, mid, 12.0, pal.fg, HPos::Left),
                }
                let (top, bottom) = (y + 4.0, y + h - 4.0);
                for (span, (_, s)) in spans(track_spans(tl.states, run.end()))
                    .iter()
                    .zip(tl.states.iter())
                {
                    let Some((from, to)) = span else { continue };
                    let (x0, x1) = (x(*from), x(*to).max(x(*from) + 1.5));
                    p.rect(x0, top, x1, bottom, pal.state(StateKind::of(s)));
                    let label = state_label(s);
                    if fits(&label, 10.5, x1 - x0) {
                        let color = pal.state(StateKind::of(s));
                        p.text(
                            &label,
                            x0 + 3.0,
                            (top + bottom) / 2.0,
                            10.5,
                            ink(color),
                            HPos::Left,
                        );
                    }
                }
                // Ready: a strip under the span.
                for (span, (_, ready)) in spans(track_spans(tl.ready, run.end()))
                    .iter()
                    .zip(tl.ready.iter())
                {
                    if let (Some((from, to)), true) = (span, *ready) {
                        p.rect(x(*from), bottom + 0.5, x(*to), bottom + 3.0, pal.ok);
                    }
                }
                // Hooks: a bar over the span while the hook runs.
                for hk in tl.hooks.iter().filter(|hk| starts_inside(hk.start)) {
                    let (x0, x1) = (x(hk.start), x(hk.end.unwrap_or(end)).max(x(hk.start) + 2.0));
                    let c = if hk.ok == Some(false) {
                        pal.bad
                    } else {
                        pal.hook
                    };
                    p.rect(x0, y + 0.5, x1, top - 0.5, c);
                }
                // Restarts: a mark where each new run starts.
                for t in restart_times(run, c).into_iter().filter(|t| inside(*t)) {
                    let xr = x(t);
                    p.line(&[(xr, y), (xr, y + h)], pal.fg, 1.5);
                }
            }
            RowKind::Probe(c, kind) => {
                p.text(kind.lane(tx.lang), 14.0, mid, 10.5, pal.muted, HPos::Left);
                let Some(tl) = run.timeline(c) else { continue };
                let Some(ticks) = ProbeKind::ALL
                    .iter()
                    .position(|k| *k == kind)
                    .and_then(|i| tl.probes.get(i))
                else {
                    continue;
                };
                let mut last_x = f64::NEG_INFINITY;
                let mut last_ok = None;
                for (i, tick) in ticks.iter().enumerate().take_while(|(_, k)| inside(k.t)) {
                    let xt = x(tick.t);
                    // Runs closer than a pixel with the same result draw as one mark.
                    if !tick.changed && xt - last_x < 1.0 && last_ok == Some(tick.ok) {
                        continue;
                    }
                    last_x = xt;
                    last_ok = Some(tick.ok);
                    let r = if tick.changed { 3.5 } else { 2.2 };
                    if tick.ok {
                        p.dot(xt, mid, r, pal.ok);
                    } else {
                        p.line(&[(xt - r, mid - r), (xt + r, mid + r)], pal.bad, 1.4);
                        p.line(&[(xt - r, mid + r), (xt + r, mid - r)], pal.bad, 1.4);
                    }
                    // The run that reached the threshold says how many it counted.
                    // (when the next run leaves room for the label).
                    let room = ticks
                        .get(i + 1)
                        .filter(|n| inside(n.t))
                        .map_or(right - xt, |n| x(n.t) - xt);
                    let n = format!("{}/{}", tick.consecutive, tick.threshold);
                    if tick.changed && fits(&n, 9.5, room - r - 2.0) {
                        p.text(&n, xt + r + 2.0, mid, 9.5, pal.fg, HPos::Left);
                    }
                }
            }
            RowKind::Phase => {
                p.text(tx.phase_row, 4.0, mid, 11.0, pal.fg, HPos::Left);
                let tr = run.phase_track();
                for (span, (_, ph)) in spans(track_spans(tr, run.end())).iter().zip(tr.iter()) {
                    let Some((from, to)) = span else { continue };
                    let (x0, x1) = (x(*from), x(*to).max(x(*from) + 1.5));
                    p.rect(x0, y + 2.0, x1, y + h - 2.0, pal.phase(*ph));
                    if fits(ph.as_str(), 10.0, x1 - x0) {
                        let ink = if *ph == Phase::Pending {
                            pal.fg
                        } else {
                            pal.bg
                        };
                        p.text(ph.as_str(), x0 + 3.0, mid, 10.0, ink, HPos::Left);
                    }
                }
            }
            RowKind::Condition(ct) => {
                // The whole name, made smaller where the column is narrow (a phone).
                let name = ct.as_str();
                let size = (9.5 * (left - 12.0) / text_width(name, 9.5)).clamp(7.0, 9.5);
                let name = if fits(name, size, left - 6.0) {
                    name.to_string()
                } else {
                    name.chars().take(22).chain(['…']).collect()
                };
                p.text(&name, 4.0, mid, size, pal.muted, HPos::Left);
                let tr = run.condition_track(ct);
                for (span, (_, c)) in spans(track_spans(tr, run.end())).iter().zip(tr.iter()) {
                    let Some((from, to)) = span else { continue };
                    let color = if c.status { pal.ok } else { pal.grid };
                    p.rect(x(*from), y + 2.0, x(*to), y + h - 2.0, color);
                }
            }
            RowKind::Restarts | RowKind::Memory => {
                let memory = row.kind == RowKind::Memory;
                let title = if memory {
                    format!("{} (MiB)", tx.memory)
                } else {
                    tx.restarts_row.to_string()
                };
                p.text(&title, 4.0, y + 8.0, 11.0, pal.fg, HPos::Left);
                let (top, bottom) = (y + 4.0, y + h - 4.0);
                p.line(&[(left, bottom), (right, bottom)], pal.muted, 1.0);
                p.line(&[(left, top), (left, bottom)], pal.muted, 1.0);
                let n = run.containers().len();
                let series: Vec<Vec<(SimTime, f64)>> = (0..n)
                    .map(|c| {
                        let Some(tl) = run.timeline(c) else {
                            return Vec::new();
                        };
                        if memory {
                            tl.memory
                                .iter()
                                .take_while(|(t, _)| inside(*t))
                                .map(|(t, m)| (t, *m as f64 / 1_048_576.0))
                                .collect()
                        } else {
                            tl.restarts
                                .iter()
                                .take_while(|(t, _)| inside(*t))
                                .map(|(t, r)| (t, *r as f64))
                                .collect()
                        }
                    })
                    .collect();
                let limits: Vec<f64> = sim
                    .limits
                    .iter()
                    .map(|l| l.map_or(0.0, |b| b as f64 / 1_048_576.0))
                    .collect();
                let top_value = series
                    .iter()
                    .flatten()
                    .map(|(_, v)| *v)
                    .chain(if memory { limits.clone() } else { Vec::new() })
                    .fold(1.0f64, f64::max);
                let max = if memory { top_value * 1.15 } else { top_value };
                let yv = |v: f64| bottom - (v / max).clamp(0.0, 1.0) * (bottom - top);
                let unit = if memory {
                    format!("{top_value:.0}")
                } else {
                    format!("{top_value}")
                };
                p.text(
                    &unit,
                    left - 4.0,
                    yv(top_value),
                    9.5,
                    pal.muted,
                    HPos::Right,
                );
                p.text("0", left - 4.0, bottom, 9.5, pal.muted, HPos::Right);
                for (c, pts) in series.iter().enumerate() {
                    let color = pal.series[c % pal.series.len()];
                    if memory {
                        if let Some(l) = limits.get(c).filter(|l| **l > 0.0) {
                            p.dashed(left, right, yv(*l), color);
                            p.text(
                                &format!("{} {l:.0}", tx.limit),
                                right - 2.0,
                                yv(*l) - 6.0,
                                9.5,
                                color,
                                HPos::Right,
                            );
                        }
                    }
                    if pts.is_empty() {
                        continue;
                    }
                    let mut line: Vec<(f64, f64)> = Vec::with_capacity(pts.len() * 2 + 1);
                    for (i, (t, v)) in pts.iter().enumerate() {
                        if i > 0 {
                            if let Some((_, prev)) = pts.get(i - 1) {
                                line.push((x(*t), yv(*prev)));
                            }
                        }
                        line.push((x(*t), yv(*v)));
                    }
                    if let Some((_, v)) = pts.last() {
                        line.push((x(end), yv(*v)));
                    }
                    p.line(&line, color, 1.6);
                }
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub sim: SimRef,
    pub t: SimTime,
    pub selected: Option<Pick>,
    pub window: Window,
    pub lang: Lang,
    pub onaction: Callback<PlayAction>,
}

#[function_component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let tx = text(props.lang);
    let sim = &props.sim;
    let host = use_node_ref();
    let canvas = use_node_ref();
    let width = use_state(|| 0.0f64);
    let theme = use_state(|| 0u32);
    let layout = use_mut_ref(|| None::<Layout>);
    // Follow the width of the pane and the theme.
    {
        let (host, width, theme) = (host.clone(), width.clone(), theme.clone());
        use_effect_with((), move |_| {
            let measure = {
                let host = host.clone();
                move || {
                    if let Some(el) = host.cast::<web_sys::Element>() {
                        let w = browser::width_of(&el);
                        if (w - *width).abs() >= 1.0 {
                            width.set(w);
                        }
                    }
                }
            };
            measure();
            let resize = browser::on_resize(measure);
            let watch = browser::watch_theme(move || theme.set(theme.wrapping_add(1)));
            move || drop((resize, watch))
        });
    }
    {
        let (canvas, layout) = (canvas.clone(), layout.clone());
        let memory = has_memory(sim);
        use_effect_with(
            (sim.clone(), *width, props.lang, *theme, props.window),
            move |(sim, width, lang, _, window)| {
                if let (Some(el), true) =
                    (canvas.cast::<web_sys::HtmlCanvasElement>(), *width > 0.0)
                {
                    let l = Layout::new(&sim.run, memory, *width, window.end(sim.run.end()));
                    let pal = Palette::read(&el);
                    crate::browser::timed("podplay:timeline-draw", || {
                        draw(el, &l, sim, &pal, text(*lang))
                    });
                    *layout.borrow_mut() = Some(l);
                }
            },
        );
    }
    let onclick = {
        let (sim, layout, onaction) = (sim.clone(), layout.clone(), props.onaction.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(l) = layout.borrow().clone() else {
                return;
            };
            let (pick, at) = pick_at(&sim.run, &l, e.offset_x() as f64, e.offset_y() as f64);
            onaction.emit(PlayAction::Select {
                pick,
                seek: Some(at),
            });
        })
    };
    let end = props.window.end(sim.run.end()).0.max(1) as f64;
    let pct = |t: SimTime| (t.0 as f64 / end * 100.0).clamp(0.0, 100.0);
    let f = pct(props.t);
    let chosen = props.selected.and_then(|p| pick_time(&sim.run, p)).map(pct);
    let legend = {
        let classes = [
            "sw-wait",
            "sw-run",
            "sw-done",
            "sw-fail",
            "sw-backoff",
            "sw-error",
        ];
        classes
            .iter()
            .zip(tx.legend.iter())
            .map(|(c, label)| html! { <li><span class={classes!("sw", *c)}></span>{*label}</li> })
            .chain([
                html! { <li><span class="sw sw-dot"></span>{tx.legend[6]}</li> },
                html! { <li><span class="sw sw-x">{"×"}</span>{tx.legend[7]}</li> },
                html! { <li><span class="sw sw-strip"></span>{tx.legend[8]}</li> },
            ])
            .collect::<Html>()
    };
    html! {
        <section class="play-card timeline" aria-label={tx.timeline}>
            <h3>
                {tx.timeline}
                <span class="tl-window" role="group" aria-label={tx.window}>
                    { for Window::ALL.iter().zip(tx.windows.iter()).map(|(w, label)| {
                        let onaction = props.onaction.clone();
                        let w = *w;
                        html! {
                            <button type="button" class="tl-window-btn" aria-pressed={(w == props.window).to_string()}
                                onclick={Callback::from(move |_: MouseEvent| onaction.emit(PlayAction::SetWindow(w)))}>
                                {*label}
                            </button>
                        }
                    }) }
                </span>
            </h3>
            <div class="tl-host" ref={host}>
                <canvas ref={canvas} class="tl-canvas" role="img" aria-label={tx.timeline_label} {onclick}></canvas>
                <div class="tl-plot" aria-hidden="true" style={format!("left:{}px;right:{RIGHT}px", gutter_for(*width))}>
                    if let Some(c) = chosen { <div class="tl-chosen" style={format!("left:{c:.3}%")}></div> }
                    // The cursor and the not-yet-happened part move together, by a transform (its own
                    // layer: moving it repaints neither the canvas nor the page).
                    // Beyond the window, everything shown has happened.
                    if (props.t.0 as f64) <= end {
                        <div class="tl-now" style={format!("transform:translateX({f:.3}%)")}>
                            <div class="tl-future"></div>
                            <div class="tl-cursor"></div>
                        </div>
                    }
                </div>
            </div>
            <ul class="tl-legend">{legend}</ul>
            <Values sim={sim.clone()} t={props.t} lang={props.lang} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ValuesProps {
    sim: SimRef,
    t: SimTime,
    lang: Lang,
}

/// The charts' values at the playhead, in text (their colours match the lines).
#[function_component]
fn Values(props: &ValuesProps) -> Html {
    let tx = text(props.lang);
    let snap = props.sim.run.state_at(props.t);
    let memory = has_memory(&props.sim);
    html! {
        <p class="tl-values">
            <span class="muted">{tx.at_playhead}{": "}</span>
            { for snap.containers.iter().map(|c| {
                let mib = podplay_core::quantity::memory_text;
                let limit = props.sim.limits.get(c.index).copied().flatten();
                let mem = match (memory, limit) {
                    (false, _) => String::new(),
                    (true, Some(l)) => format!(", {} {} / {}", tx.memory, mib(c.memory), mib(l)),
                    (true, None) => format!(", {} {}", tx.memory, mib(c.memory)),
                };
                html! {
                    <span class="tl-value">
                        <span class={classes!("sw", format!("sw-c{}", c.index % 4 + 1))}></span>
                        <code>{c.info.name.clone()}</code>
                        {format!(" restartCount {}{mem}", c.restart_count)}
                    </span>
                }
            }) }
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use crate::components::play::{PlayData, Played};
    use podplay_core::analyze::analyze;

    const LIVENESS: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: live\nspec:\n  initContainers:\n  - name: setup\n    image: busybox\n    command: [\"sh\", \"-c\", \"sleep 1\"]\n  containers:\n  - name: liveness\n    image: busybox\n    args: [/bin/sh, -c, \"touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600\"]\n    resources:\n      limits:\n        memory: 32Mi\n    livenessProbe:\n      exec:\n        command: [cat, /tmp/healthy]\n      periodSeconds: 5\n";

    fn sim() -> SimRef {
        match &*PlayData::new(&analyze(LIVENESS)).0 {
            Played::Run(s) => s.clone(),
            _ => panic!("plays"),
        }
    }

    #[test]
    fn layout_has_a_lane_per_container_and_probe_and_maps_time() {
        let s = sim();
        assert!(has_memory(&s), "a limit is set");
        let l = Layout::new(&s.run, true, 800.0, s.run.end());
        let kinds: Vec<RowKind> = l.rows.iter().map(|r| r.kind).collect();
        assert_eq!(kinds[0], RowKind::Axis);
        assert_eq!(kinds[1], RowKind::State(0));
        assert_eq!(kinds[2], RowKind::State(1));
        assert_eq!(kinds[3], RowKind::Probe(1, ProbeKind::Liveness));
        assert_eq!(kinds[4], RowKind::Phase);
        assert!(kinds.contains(&RowKind::Condition(ConditionType::Ready)));
        assert_eq!(
            &kinds[kinds.len() - 2..],
            &[RowKind::Restarts, RowKind::Memory]
        );
        assert!(l.rows.windows(2).all(|w| w[0].y + w[0].h <= w[1].y));
        assert_eq!(l.x(SimTime::ZERO), GUTTER_WIDE);
        assert_eq!(Layout::new(&s.run, true, 400.0, s.run.end()).gutter, GUTTER);
        assert_eq!(l.x(l.end), 800.0 - RIGHT);
        assert_eq!(l.t_at(l.x(SimTime(150_000))), SimTime(150_000));
        assert_eq!(l.t_at(-5.0), SimTime::ZERO);
        assert_eq!(l.t_at(10_000.0), l.end);
        assert_eq!(l.row_at(1.0).map(|r| r.kind), Some(RowKind::Axis));
        assert_eq!(l.row_at(-1.0), None);
        // A tiny width still leaves room to draw.
        assert!(Layout::new(&s.run, false, 10.0, s.run.end()).width > GUTTER + RIGHT);
    }

    #[test]
    fn clicks_pick_what_is_under_them() {
        let s = sim();
        let l = Layout::new(&s.run, true, 900.0, s.run.end());
        let row = |k: RowKind| l.rows.iter().find(|r| r.kind == k).copied().unwrap();
        let state = row(RowKind::State(1));
        let (pick, at) = pick_at(&s.run, &l, l.x(SimTime(60_000)), state.y + 5.0);
        assert!(
            matches!(pick, Some(Pick::State { container: 1, .. })),
            "{pick:?}"
        );
        assert!(at.0.abs_diff(60_000) <= l.ms_per_px());
        let probe = row(RowKind::Probe(1, ProbeKind::Liveness));
        let tick = s.run.timeline(1).unwrap().probes[1][3];
        let (pick, at) = pick_at(&s.run, &l, l.x(tick.t) + 2.0, probe.y + 3.0);
        assert_eq!(
            pick,
            Some(Pick::Probe {
                container: 1,
                kind: ProbeKind::Liveness,
                index: 3
            })
        );
        assert_eq!(at, tick.t, "a probe run moves the playhead to its time");
        let (pick, _) = pick_at(
            &s.run,
            &l,
            l.x(SimTime(60_000)),
            row(RowKind::Phase).y + 4.0,
        );
        assert!(matches!(pick, Some(Pick::Phase(_))));
    }

    #[test]
    fn axis_ticks_are_round_and_few() {
        assert_eq!(tick_step(SimTime(300_000), 10.0), 30_000);
        assert_eq!(tick_step(SimTime(3_000), 10.0), 500);
        assert_eq!(tick_step(SimTime(3_600_000), 8.0), 600_000);
        assert_eq!(tick_label(0), "0");
        assert_eq!(tick_label(500), "500ms");
        assert_eq!(tick_label(30_000), "30s");
        assert_eq!(tick_label(60_000), "1m");
        assert_eq!(tick_label(90_000), "1m30s");
        assert_eq!(tick_label(7_200_000), "2h");
        assert_eq!(tick_label(5_400_000), "1h30m");
    }

    #[test]
    fn labels_read_on_light_and_dark_spans() {
        assert_eq!(ink(Palette::LIGHT.wait), RGBColor(20, 24, 32));
        assert_eq!(
            ink(RGBColor(47, 154, 90)),
            RGBColor(20, 24, 32),
            "dark on mid green"
        );
        assert_eq!(
            ink(RGBColor(138, 106, 46)),
            RGBColor(246, 248, 251),
            "light on brown"
        );
        assert_eq!(ink(RGBColor(0, 0, 0)), RGBColor(246, 248, 251));
    }

    #[test]
    fn colours_parse_from_css() {
        assert_eq!(parse_color("#326ce5"), Some(RGBColor(0x32, 0x6c, 0xe5)));
        assert_eq!(parse_color(" #fff "), Some(RGBColor(255, 255, 255)));
        assert_eq!(parse_color("rgb(1,2,3)"), None);
        assert_eq!(parse_color("#12345"), None);
        assert_eq!(parse_color("#zzzzzz"), None);
        assert_eq!(parse_color("#é1234"), None);
    }
}
