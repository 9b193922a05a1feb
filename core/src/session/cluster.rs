//! The session's world: the objects created so far and, per Pod, the engine's run of its life
//! with the session's commands (`exec`, `delete`) on its own clock (zero when it was created).

use crate::os::SimTime;
use crate::sim::{Options, Run, Slices, World};
use crate::tree::Node;

/// How far past the time asked a pod is simulated, so that a few `sleep`s do not each replay it.
const AHEAD_MS: u64 = 300_000;

/// A pod of the session, for the views' pod switcher.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodSummary {
    pub name: String,
    /// When it was created, on the session's clock.
    pub created: SimTime,
}

/// A ConfigMap, Secret or Service.
pub(crate) struct Obj {
    pub kind: String,
    pub name: String,
    /// What the API server stores (defaulted).
    pub tree: Node,
    pub created: SimTime,
    pub deleted: Option<SimTime>,
}

pub(crate) struct PodEntry {
    pub name: String,
    /// What the API server stores (defaulted).
    pub tree: Node,
    pub created: SimTime,
    /// On the pod's clock.
    pub opts: Options,
    pub ip_host: u8,
    pub world: World,
    /// None until played (or after a change); else played up to `run.end()`.
    pub run: Option<Run>,
    /// `kubectl label`/`annotate`, and `edit`/`apply` of metadata: the pod's labels or annotations
    /// from each time on (session clock), in order.
    pub meta_changes: Vec<MetaChange>,
}

/// A change of a pod's labels or annotations: from that time (session clock), the whole map.
pub(crate) type MetaChange = (SimTime, MetaMap, Vec<(String, String)>);

/// The maps of a pod's metadata that may change after it was created (ValidateObjectMetaUpdate
/// lets them; the rest of the metadata is immutable or reset by the API server).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MetaMap {
    Labels,
    Annotations,
}

impl MetaMap {
    pub(crate) const ALL: [MetaMap; 2] = [MetaMap::Labels, MetaMap::Annotations];

    /// Its key under `metadata`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            MetaMap::Labels => "labels",
            MetaMap::Annotations => "annotations",
        }
    }
}

impl PodEntry {
    /// The pod's labels at `t`: the last change before it, else the manifest's.
    pub(crate) fn labels_at(&self, t: SimTime) -> &[(String, String)] {
        self.meta_at(MetaMap::Labels, t)
    }

    /// The pod's labels or annotations at `t`.
    pub(crate) fn meta_at(&self, which: MetaMap, t: SimTime) -> &[(String, String)] {
        let created = match which {
            MetaMap::Labels => &self.world.pod.meta.labels,
            MetaMap::Annotations => &self.world.pod.meta.annotations,
        };
        self.meta_changes
            .iter()
            .rev()
            .find(|(at, w, _)| *at <= t && *w == which)
            .map_or(created, |(_, _, l)| l)
    }

    /// What the API server stores at `t` (the labels and annotations of that time in `metadata`;
    /// an empty map is left out, as the JSON of an empty map with omitempty is).
    pub(crate) fn tree_at(&self, t: SimTime) -> Node {
        let mut tree = self.tree.clone();
        for which in MetaMap::ALL {
            if !self.meta_changes.iter().any(|(at, w, _)| *at <= t && *w == which) {
                continue;
            }
            let span = tree.span;
            let entries: Vec<crate::tree::Entry> = self
                .meta_at(which, t)
                .iter()
                .map(|(k, v)| crate::tree::Entry {
                    key: k.clone(),
                    key_span: span,
                    value: Node::new(crate::tree::Value::Str(v.clone()), span),
                })
                .collect();
            if let Some(meta) = tree.get_mut("metadata") {
                if entries.is_empty() {
                    if let Some(m) = meta.as_map_mut() {
                        m.retain(|e| e.key != which.key());
                    }
                } else {
                    meta.set(which.key(), Node::new(crate::tree::Value::Map(entries), span));
                }
            }
        }
        tree
    }

    /// The world the views and describe show at `t` (its labels and annotations those of that
    /// time).
    pub(crate) fn world_at(&self, t: SimTime) -> World {
        let mut w = self.world.clone();
        w.pod.meta.labels = self.labels_at(t).to_vec();
        w.pod.meta.annotations = self.meta_at(MetaMap::Annotations, t).to_vec();
        w
    }
}

/// What a command printed and returned, and how long it waited.
#[derive(Default)]
pub(crate) struct Out {
    /// kubectl's notes on stderr printed before anything else (`Defaulted container …`).
    pub note: String,
    pub out: String,
    pub err: String,
    pub exit: i32,
    pub wait_ms: u64,
}

#[derive(Default)]
pub(crate) struct Cluster {
    pub objs: Vec<Obj>,
    pub pods: Vec<PodEntry>,
    /// How many pods' plays are waiting on the one being played (`net.rs`).
    pub depth: u32,
    /// True while `ensure` plays the other pods before the one asked for.
    pub settling: bool,
    /// The node's docker containers (`docker.rs`).
    pub docker: super::docker::Docker,
    /// The container shell `kubectl exec -it POD -- sh` opened, while the learner types in it.
    pub attached: Option<Attached>,
    /// Editors `kubectl edit` launched so far (each on a temporary file of its own).
    pub edit_launches: u32,
    /// Pods being played ahead in slices (`warm_step`); dropped by anything else that plays.
    pub warming: Option<Warming>,
}

/// A plan of `warm_step`: the pods to play up to `t`, in `ensure`'s order.
pub(crate) struct Warming {
    t: SimTime,
    /// The pods left, the next last.
    order: Vec<usize>,
    /// The pod `ensure` is asked for (played after the others).
    asked: usize,
    /// The pod being played: its index, its round (`net.rs`) and the play.
    playing: Option<(usize, usize, Slices)>,
}

/// An interactive shell in a container (`kubectl exec -it POD [-c C] -- sh`): the lines typed
/// run in that container until `exit`.
#[derive(Clone, Debug)]
pub(crate) struct Attached {
    pub pod: String,
    pub container: String,
    /// The shell the learner asked for (`sh`, `/bin/bash`, …).
    pub shell: String,
    /// Its prompt (`/ # ` for BusyBox's ash, `# ` for dash, `root@POD:/# ` for bash).
    pub prompt: String,
    /// The exit status of the last line (what a bare `exit` returns).
    pub last: i32,
}

impl Cluster {
    /// The world pod `tree` plays in when created at `created`, after the session's pods
    /// `..before`: the objects that exist then (and ConfigMaps and Secrets created later, from
    /// their time on), and the nodes with the pods already bound to them.
    pub(crate) fn world_for(&self, tree: &Node, created: SimTime, ip_host: u8, before: usize) -> Option<World> {
        let alive = |o: &&Obj| o.deleted.is_none_or(|d| d > created);
        let mut trees: Vec<&Node> = vec![tree];
        let mut later = Vec::new();
        for o in self.objs.iter().filter(alive) {
            if o.created > created {
                if o.kind == "Service" {
                    continue;
                }
                later.push((o.kind.clone(), o.name.clone(), SimTime(o.created.0 - created.0)));
            }
            trees.push(&o.tree);
        }
        let mut w = World::from_trees(trees).ok()?;
        w.later = later;
        w.ip_host = Some(ip_host);
        if w.default_nodes {
            self.bind_earlier(&mut w.nodes, created, before);
        }
        Some(w)
    }

    /// Counts on `nodes` the session's pods `..before` that are bound when a pod created at
    /// `created` is scheduled: each where the scheduler placed it (its own world's nodes, loaded
    /// the same way, decide it, as the engine does), from its creation until its deletion was
    /// asked. (A pod that has completed still counts here; the real scheduler's cache drops it.)
    fn bind_earlier(&self, nodes: &mut [crate::model::NodeInfo], created: SimTime, before: usize) {
        use crate::sim::schedule::{nonzero_requests, prefilter, schedule, Outcome};
        for p in self.pods.iter().take(before) {
            let deleted = p.opts.delete_at.map(|d| SimTime(p.created.0.saturating_add(d.0)));
            if p.created > created || deleted.is_some_and(|d| d <= created) {
                continue;
            }
            let pod = &p.world.pod;
            let Outcome::Bound { node, .. } = schedule(pod, &p.world.nodes, prefilter(pod)) else { continue };
            let Some(name) = p.world.nodes.get(node).map(|n| n.name.as_str()) else { continue };
            let Some(n) = nodes.iter_mut().find(|n| n.name == name) else { continue };
            let (cpu, mem) = pod.effective_requests();
            let (cpu0, mem0) = nonzero_requests(pod);
            n.requested_cpu_milli = n.requested_cpu_milli.saturating_add(cpu);
            n.requested_memory = n.requested_memory.saturating_add(mem);
            n.nonzero_cpu_milli = n.nonzero_cpu_milli.saturating_add(cpu0);
            n.nonzero_memory = n.nonzero_memory.saturating_add(mem0);
            n.pod_count += 1;
        }
    }

    /// Plays pod `i` up to at least `t` on the session's clock.
    pub(crate) fn ensure(&mut self, i: usize, t: SimTime) {
        if !self.needs_play(i, t) {
            return;
        }
        if !self.settling {
            // the other pods first: their connections to this one are then in its input, so
            // what it shows does not depend on which pod was asked about first
            self.settling = true;
            for j in self.others(i, t) {
                self.ensure(j, t);
            }
            self.settling = false;
        }
        if self.needs_play(i, t) {
            self.set_until(i, t);
            self.play(i);
        }
    }

    /// Whether pod `i`'s run does not reach `t` yet (session clock).
    fn needs_play(&self, i: usize, t: SimTime) -> bool {
        let local = self.local(i, t);
        self.pods
            .get(i)
            .is_some_and(|p| p.run.as_ref().is_none_or(|r| r.end() < local))
    }

    /// The pods other than `i` created by `t`, in creation order: those `ensure` plays first.
    fn others(&self, i: usize, t: SimTime) -> Vec<usize> {
        (0..self.pods.len())
            .filter(|&j| j != i && self.pods.get(j).is_some_and(|q| q.created <= t))
            .collect()
    }

    /// Pod `i`'s next play reaches `t`, and `AHEAD_MS` past it.
    fn set_until(&mut self, i: usize, t: SimTime) {
        let local = self.local(i, t);
        if let Some(p) = self.pods.get_mut(i) {
            p.opts.until = local.saturating_add(AHEAD_MS);
        }
    }

    /// Plays, in slices of at most `budget` engine steps, what the next command at `t` would
    /// otherwise play in one go: every pod that exists at `t`, up to `t`, in the order
    /// `kubectl get pods` at `t` would play them (`live_pods` → `ensure`: the first pod behind
    /// `t` asked for, the others played first). One call plays one slice (the answers to a pod's
    /// connections, when it made some, are played with the slice that ends its round); true when
    /// nothing is left to play at `t`. The session ends the same, byte for byte, as without it.
    pub(crate) fn warm_step(&mut self, t: SimTime, budget: u64) -> bool {
        if self.warming.as_ref().is_some_and(|w| w.t != t) {
            self.warming = None;
        }
        loop {
            let Some(w) = self.warming.as_mut() else {
                match self.warm_plan(t) {
                    Some(w) => {
                        self.warming = Some(w);
                        continue;
                    }
                    None => return true,
                }
            };
            if let Some((i, round, play)) = w.playing.as_mut() {
                let Some(run) = play.step(budget) else {
                    return false;
                };
                let (i, round) = (*i, *round);
                let asked = w.asked == i;
                w.playing = None;
                // as in `ensure`: the others are played while settling, the pod asked for after
                self.settling = !asked;
                let again = self.played(i, run, round);
                self.settling = false;
                if again {
                    let play = self.round_input(i).map(|p| Slices::new(p.world.clone(), p.opts.clone()));
                    if let (Some(w), Some(play)) = (self.warming.as_mut(), play) {
                        w.playing = Some((i, round + 1, play));
                    }
                }
                return false;
            }
            match w.order.pop() {
                Some(i) => {
                    if self.needs_play(i, t) {
                        self.set_until(i, t);
                        let play = self.round_input(i).map(|p| Slices::new(p.world.clone(), p.opts.clone()));
                        if let (Some(w), Some(play)) = (self.warming.as_mut(), play) {
                            w.playing = Some((i, 0, play));
                        }
                    }
                }
                // the plan is done; another starts if a play changed what is behind `t`
                None => self.warming = None,
            }
        }
    }

    /// Whether every pod that exists at `t` has been played to it (and no slice is under way).
    pub(crate) fn is_warm(&self, t: SimTime) -> bool {
        self.warming.is_none() && self.warm_plan(t).is_none()
    }

    /// What `ensure` of the first pod behind `t` plays: the other pods, then that one (None when
    /// every pod that exists at `t` has been played to it).
    fn warm_plan(&self, t: SimTime) -> Option<Warming> {
        let asked = (0..self.pods.len())
            .find(|&i| self.pods.get(i).is_some_and(|p| p.created <= t) && self.needs_play(i, t))?;
        let mut order = self.others(asked, t);
        order.push(asked);
        order.reverse();
        Some(Warming { t, order, asked, playing: None })
    }

    /// The pod's clock at session time `t`.
    pub(crate) fn local(&self, i: usize, t: SimTime) -> SimTime {
        let c = self.pods.get(i).map_or(0, |p| p.created.0);
        SimTime(t.0.saturating_sub(c))
    }

    /// Whether pod `i` exists at `t` (created, not yet removed).
    pub(crate) fn exists(&mut self, i: usize, t: SimTime) -> bool {
        let Some(created) = self.pods.get(i).map(|p| p.created) else {
            return false;
        };
        if created > t {
            return false;
        }
        self.ensure(i, t);
        let local = self.local(i, t);
        self.pods
            .get(i)
            .and_then(|p| p.run.as_ref())
            .is_some_and(|r| r.removed_at().is_none_or(|rm| rm > local))
    }

    /// The pod named `name` that exists at `t`.
    pub(crate) fn live_pod(&mut self, name: &str, t: SimTime) -> Option<usize> {
        let n = self.pods.len();
        (0..n)
            .rev()
            .find(|&i| self.pods.get(i).is_some_and(|p| p.name == name) && self.exists(i, t))
    }

    pub(crate) fn live_pods(&mut self, t: SimTime) -> Vec<usize> {
        let n = self.pods.len();
        (0..n).filter(|&i| self.exists(i, t)).collect()
    }

    pub(crate) fn pods_at(&mut self, t: SimTime) -> Vec<PodSummary> {
        self.live_pods(t)
            .into_iter()
            .filter_map(|i| self.pods.get(i))
            .map(|p| PodSummary {
                name: p.name.clone(),
                created: p.created,
            })
            .collect()
    }

    pub(crate) fn pod_play(&mut self, name: &str, t: SimTime) -> Option<(Run, World, SimTime)> {
        let i = self.live_pod(name, t)?;
        let p = self.pods.get(i)?;
        Some((p.run.clone()?, p.world_at(t), p.created))
    }

    /// The live object of `kind` named `name` at `t`.
    pub(crate) fn obj(&self, kind: &str, name: &str, t: SimTime) -> Option<usize> {
        self.objs.iter().rposition(|o| {
            o.kind == kind && o.name == name && o.created <= t && o.deleted.is_none_or(|d| d > t)
        })
    }

    /// A ConfigMap, Secret or Service was created or changed at `t`: the pods alive then that
    /// read it play again in the new world (a Service created later changes no pod: its
    /// environment variables are set when a container starts, from the Services that existed
    /// when the pod was created, in this playground).
    pub(crate) fn world_changed(&mut self, kind: &str, name: &str, t: SimTime) {
        for i in self.live_pods(t) {
            let reads = self
                .pods
                .get(i)
                .is_some_and(|p| p.world.pod.references(kind, name));
            if !reads {
                continue;
            }
            let Some((tree, created, host)) = self
                .pods
                .get(i)
                .map(|p| (p.tree.clone(), p.created, p.ip_host))
            else {
                continue;
            };
            if let Some(w) = self.world_for(&tree, created, host, i) {
                if let Some(p) = self.pods.get_mut(i) {
                    p.world = w;
                    p.run = None;
                }
            }
        }
    }

    /// The address's last number for a new pod: the default cluster's workers already run a
    /// few pods (`.5` is the first free one); each pod of the session takes the next.
    pub(crate) fn next_ip_host(&self) -> u8 {
        (5 + self.pods.len()).min(254) as u8
    }
}
