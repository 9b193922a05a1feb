//! Test support for the simulation: a program library with a few images' behaviours (until
//! `crate::programs` lands on the shell branch), and helpers that turn a YAML stream into a world.
//!
//! The behaviours are deliberately small and documented here, so that the tests' numbers can be
//! derived by hand:
//! - `nginx`: listens on 80 (a second bind in the pod fails as nginx says it and exits 1), answers
//!   200 with `/usr/share/nginx/html/index.html` if present, exits 0 on SIGTERM or `Quit`.
//! - `k8s.gcr.io/liveness` (`/server`): listens on 8080; `/healthz` answers 200 for the first
//!   10 s after it started, then 500 (the Kubernetes docs' liveness example).
//! - `nigelpoulton/*`: a web server on 8080.
//! - `k8s.gcr.io/git-sync`: 2 s after start writes `$GIT_SYNC_ROOT/$GIT_SYNC_DEST/index.html`
//!   (root `/tmp/git`), then waits.
//! - `memhog`: uses `$MIB` MiB after 5 s (for OOM tests).
//! Everything else goes to the product's runtime (the shell interpreter).
#![allow(dead_code)]

use podplay_core::analyze;
use podplay_core::defaults::default_object;
use podplay_core::sim::process::*;
use podplay_core::sim::{DefaultRuntime, ImageInfo, Launch, Runtime, World};

pub struct TestRuntime;

fn repo(image: &str) -> String {
    let n = podplay_core::sim::normalize_image(image);
    let last = n.rsplit('/').next().unwrap_or("").to_string();
    let prefix = n
        .rsplit_once('/')
        .map(|(p, _)| p.to_string())
        .unwrap_or_default();
    format!("{prefix}/{}", last.split([':', '@']).next().unwrap_or(""))
}

impl Runtime for TestRuntime {
    fn image(&self, image: &str) -> ImageInfo {
        let mut info = DefaultRuntime.image(image);
        let r = repo(image);
        let (known, ms, size) = match r.as_str() {
            "docker.io/library/nginx" => (true, 2100, 72_195_292),
            "docker.io/library/busybox" | "k8s.gcr.io/busybox" => (true, 1200, 2_166_802),
            "k8s.gcr.io/liveness" => (true, 1500, 2_355_226),
            "k8s.gcr.io/git-sync" => (true, 3000, 25_452_111),
            "docker.io/nigelpoulton/web-app" | "docker.io/nigelpoulton/k8sbook" => {
                (true, 4000, 54_118_300)
            }
            "docker.io/library/memhog" => (true, 500, 1_000_000),
            _ => (false, info.pull_ms, info.size_bytes),
        };
        info.known = known;
        info.pull_ms = ms;
        info.size_bytes = size;
        if r == "docker.io/library/nginx" {
            info.dirs = vec!["/usr/share/nginx/html".into(), "/etc/nginx".into()];
            info.files = vec![(
                "/usr/share/nginx/html/index.html".into(),
                "<h1>Welcome to nginx!</h1>\n".into(),
            )];
        }
        info
    }

    fn entrypoint(&self, launch: &Launch) -> Box<dyn Program> {
        let r = repo(&launch.image);
        let no_cmd = launch.command.is_empty();
        match r.as_str() {
            "docker.io/library/nginx" if no_cmd && launch.args.is_empty() => {
                Box::new(Server::nginx())
            }
            "k8s.gcr.io/liveness" => Box::new(Server::liveness()),
            "docker.io/nigelpoulton/web-app" | "docker.io/nigelpoulton/k8sbook" if no_cmd => {
                Box::new(Server::node())
            }
            "k8s.gcr.io/git-sync" => Box::new(GitSync { done: false }),
            "docker.io/library/memhog" => Box::new(MemHog { step: 0 }),
            _ => DefaultRuntime.entrypoint(launch),
        }
    }

    fn exec(&self, image: &str, argv: &[String]) -> Box<dyn Program> {
        DefaultRuntime.exec(image, argv)
    }
}

/// A web server.
pub struct Server {
    kind: u8,
    port: u16,
    started: Option<SimTime>,
    failed: bool,
}

impl Server {
    fn nginx() -> Server {
        Server {
            kind: 0,
            port: 80,
            started: None,
            failed: false,
        }
    }
    fn liveness() -> Server {
        Server {
            kind: 1,
            port: 8080,
            started: None,
            failed: false,
        }
    }
    fn node() -> Server {
        Server {
            kind: 2,
            port: 8080,
            started: None,
            failed: false,
        }
    }
}

impl Program for Server {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        if self.failed {
            return Poll::Exit(1);
        }
        if self.started.is_none() {
            self.started = Some(sys.now());
            sys.set_memory(8 * 1024 * 1024);
            if let Err(e) = sys.listen(self.port, Proto::Tcp) {
                if self.kind == 0 {
                    sys.stderr(&format!(
                        "nginx: [emerg] bind() to 0.0.0.0:{} failed (98: {})\n",
                        self.port,
                        e.message()
                    ));
                } else {
                    sys.stderr(&format!(
                        "listen tcp :{}: bind: address already in use\n",
                        self.port
                    ));
                }
                self.failed = true;
                return Poll::Exit(1);
            }
            if self.kind == 0 {
                sys.stdout("/docker-entrypoint.sh: Configuration complete; ready for start up\n");
            }
        }
        Poll::Idle
    }

    fn serve(&mut self, req: &HttpRequest, sys: &mut dyn Sys) -> HttpResponse {
        let since = sys.now().0.saturating_sub(self.started.map_or(0, |t| t.0));
        match self.kind {
            0 => {
                let body = sys
                    .read_file("/usr/share/nginx/html/index.html")
                    .unwrap_or_default();
                sys.stdout(&format!(
                    "10.244.1.1 - - \"GET {} HTTP/1.1\" 200\n",
                    req.path
                ));
                HttpResponse { status: 200, body }
            }
            1 if req.path == "/healthz" => {
                if since < 10_000 {
                    HttpResponse {
                        status: 200,
                        body: "ok".into(),
                    }
                } else {
                    HttpResponse {
                        status: 500,
                        body: format!("error: {:.6}", since as f64 / 1000.0),
                    }
                }
            }
            _ => HttpResponse {
                status: 200,
                body: "hello".into(),
            },
        }
    }

    fn signal(&mut self, signal: Signal) -> SignalOutcome {
        match (self.kind, signal) {
            (0, Signal::Term | Signal::Quit) => SignalOutcome::Exit {
                code: 0,
                after_ms: 100,
            },
            (_, Signal::Kill) => SignalOutcome::Exit {
                code: 137,
                after_ms: 0,
            },
            (_, Signal::Term) => SignalOutcome::Exit {
                code: 143,
                after_ms: 0,
            },
            (_, Signal::Quit) => SignalOutcome::Exit {
                code: 0,
                after_ms: 0,
            },
        }
    }

    fn processes(&self) -> Vec<ProcInfo> {
        match self.kind {
            0 => vec![
                ProcInfo {
                    command: "nginx: master process nginx -g daemon off;".into(),
                    user: "root".into(),
                },
                ProcInfo {
                    command: "nginx: worker process".into(),
                    user: "nginx".into(),
                },
            ],
            1 => vec![ProcInfo {
                command: "/server".into(),
                user: "root".into(),
            }],
            _ => vec![ProcInfo {
                command: "node app.js".into(),
                user: "root".into(),
            }],
        }
    }
}

struct GitSync {
    done: bool,
}

impl Program for GitSync {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        if !self.done {
            self.done = true;
            return Poll::Sleep(2000);
        }
        let root = sys
            .env("GIT_SYNC_ROOT")
            .unwrap_or_else(|| "/tmp/git".into());
        let dest = sys.env("GIT_SYNC_DEST").unwrap_or_else(|| "html".into());
        let repo = sys.env("GIT_SYNC_REPO").unwrap_or_default();
        let _ = sys.mkdir(&format!("{root}/{dest}"), true);
        let _ = sys.write_file(
            &format!("{root}/{dest}/index.html"),
            &format!("synced from {repo}\n"),
            false,
        );
        sys.stdout(&format!("synced {repo} into {root}/{dest}\n"));
        Poll::Idle
    }

    fn processes(&self) -> Vec<ProcInfo> {
        vec![ProcInfo {
            command: "/git-sync".into(),
            user: "65533".into(),
        }]
    }
}

struct MemHog {
    step: u8,
}

impl Program for MemHog {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        self.step += 1;
        if self.step == 1 {
            sys.set_memory(1024 * 1024);
            return Poll::Sleep(5000);
        }
        let mib: u64 = sys.env("MIB").and_then(|v| v.parse().ok()).unwrap_or(100);
        sys.set_memory(mib * 1024 * 1024);
        Poll::Idle
    }

    fn processes(&self) -> Vec<ProcInfo> {
        vec![ProcInfo {
            command: "memhog".into(),
            user: "root".into(),
        }]
    }
}

/// The defaulted objects of a YAML stream as a world.
pub fn world(src: &str) -> World {
    let a = analyze::analyze(src);
    let objs: Vec<_> = a
        .documents
        .iter()
        .filter_map(|d| d.object.as_ref().map(default_object))
        .collect();
    World::from_trees(objs.iter()).expect("the input has one pod")
}
