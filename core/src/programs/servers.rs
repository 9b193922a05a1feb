//! The other known images' programs: pause, simple servers (httpd, tomcat, redis, node web
//! apps), mysql's entrypoint, the Kubernetes liveness test server, stress, git-sync, and what
//! an unknown image is assumed to do.

use crate::os::clock::{strftime, wall_now, wall_secs};
use crate::os::*;

/// nginx's error-log time: `2026/01/01 00:00:05`.
pub fn log_time(now: SimTime) -> String {
    strftime("%Y/%m/%d %H:%M:%S", wall_secs(now))
}

/// Common log format time: `01/Jan/2026:00:00:05 +0000`.
pub fn clock(secs: u64) -> String {
    strftime("%d/%b/%Y:%H:%M:%S +0000", secs)
}

fn iso(now: SimTime) -> String {
    strftime("%Y-%m-%d %H:%M:%S+00:00", wall_secs(now))
}

/// The pause container: sleeps until it is stopped (it handles SIGTERM and SIGINT by exiting).
pub struct Pause;

/// pause's resident memory (≈ 0.3 MiB).
pub const PAUSE_MEMORY: u64 = 300 * 1024;

impl Program for Pause {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        sys.set_memory(PAUSE_MEMORY);
        Poll::Idle
    }

    fn signal(&mut self, signal: Signal) -> SignalOutcome {
        match signal {
            Signal::Kill => SignalOutcome::exit_now(137),
            _ => SignalOutcome::exit_now(0),
        }
    }

    fn processes(&self) -> Vec<ProcInfo> {
        vec![ProcInfo {
            command: "/pause".into(),
            user: "65535".into(),
        }]
    }
}

/// A server that starts (logging), listens on one port after a delay, and answers requests.
pub struct Server {
    name: &'static str,
    port: u16,
    start_ms: u64,
    memory: u64,
    start_log: String,
    ready_log: String,
    bind_error: String,
    command: String,
    user: &'static str,
    kind: Kind,
    phase: u8,
    started_at: Option<SimTime>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Httpd,
    Tomcat { app: bool },
    Redis,
    Node,
}

/// Seconds tomcat takes from `catalina.sh run` to listening on 8080 (a small Tomcat starts in
/// 1–5 s; 3 s is used).
pub const TOMCAT_START_MS: u64 = 3_000;

impl Server {
    pub fn httpd() -> Server {
        Server {
            name: "httpd",
            port: 80,
            start_ms: 0,
            memory: 8 << 20,
            start_log: String::new(),
            ready_log: String::new(),
            bind_error: "(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:80\nno listening sockets available, shutting down\nAH00015: Unable to open logs\n".into(),
            command: "httpd -DFOREGROUND".into(),
            user: "root",
            kind: Kind::Httpd,
            phase: 0,
            started_at: None,
        }
    }

    pub fn tomcat(app: bool) -> Server {
        Server {
            name: "tomcat",
            port: 8080,
            start_ms: TOMCAT_START_MS,
            memory: 120 << 20,
            start_log: String::new(),
            ready_log: String::new(),
            bind_error: String::new(),
            command: "/opt/java/openjdk/bin/java -Djava.util.logging.config.file=/usr/local/tomcat/conf/logging.properties org.apache.catalina.startup.Bootstrap start".into(),
            user: "root",
            kind: Kind::Tomcat { app },
            phase: 0,
            started_at: None,
        }
    }

    pub fn redis() -> Server {
        Server {
            name: "redis",
            port: 6379,
            start_ms: 0,
            memory: 8 << 20,
            start_log: String::new(),
            ready_log: String::new(),
            bind_error: String::new(),
            command: "redis-server *:6379".into(),
            user: "redis",
            kind: Kind::Redis,
            phase: 0,
            started_at: None,
        }
    }

    pub fn node_app(reference: &str) -> Server {
        let _ = reference;
        Server {
            name: "node",
            port: 8080,
            start_ms: 0,
            memory: 40 << 20,
            start_log: String::new(),
            ready_log: String::new(),
            bind_error: String::new(),
            command: "node app.js".into(),
            user: "root",
            kind: Kind::Node,
            phase: 0,
            started_at: None,
        }
    }

    fn logs(&mut self, now: SimTime) {
        let t = strftime("%d-%b-%Y %H:%M:%S.000", wall_secs(now));
        let ready_t = strftime(
            "%d-%b-%Y %H:%M:%S.000",
            wall_secs(now.saturating_add(self.start_ms)),
        );
        match self.kind {
            Kind::Httpd => {
                let at = strftime("%a %b %d %H:%M:%S.000000 %Y", wall_secs(now));
                self.start_log = format!(
                    "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.0.5. Set the 'ServerName' directive globally to suppress this message\nAH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.0.5. Set the 'ServerName' directive globally to suppress this message\n[{at}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations\n[{at}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n"
                );
            }
            Kind::Tomcat { .. } => {
                self.start_log = format!(
                    "{t} INFO [main] org.apache.catalina.startup.VersionLoggerListener.log Server version name:   Apache Tomcat\n{t} INFO [main] org.apache.coyote.AbstractProtocol.init Initializing ProtocolHandler [\"http-nio-8080\"]\n{t} INFO [main] org.apache.catalina.core.StandardService.startInternal Starting service [Catalina]\n"
                );
                self.ready_log = format!(
                    "{ready_t} INFO [main] org.apache.coyote.AbstractProtocol.start Starting ProtocolHandler [\"http-nio-8080\"]\n{ready_t} INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [{}] milliseconds\n",
                    self.start_ms
                );
                self.bind_error = format!("{ready_t} SEVERE [main] org.apache.catalina.core.StandardService.initInternal Failed to initialize connector [Connector[HTTP/1.1-8080]]\n\torg.apache.catalina.LifecycleException: Protocol handler initialization failed\n\t\tCaused by: java.net.BindException: Address already in use\n");
            }
            Kind::Redis => {
                let rt = strftime("%d %b %Y %H:%M:%S.000", wall_secs(now));
                self.start_log = format!(
                    "1:C {rt} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition.\n1:C {rt} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n1:C {rt} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf\n1:M {rt} * monotonic clock: POSIX clock_gettime\n1:M {rt} * Running mode=standalone, port=6379.\n1:M {rt} * Server initialized\n1:M {rt} * Ready to accept connections tcp\n"
                );
                self.bind_error = format!("1:M {rt} # Warning: Could not create server TCP listening socket *:6379: bind: Address already in use\n1:M {rt} # Failed listening on port 6379 (tcp), aborting.\n");
            }
            Kind::Node => {}
        }
    }
}

impl Program for Server {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        let now = sys.now();
        if self.phase == 0 {
            self.phase = 1;
            self.started_at = Some(now);
            sys.set_memory(self.memory);
            self.logs(wall_now(&*sys));
            if matches!(self.kind, Kind::Node) {
                sys.assume(crate::diag::Text::new(
                    format!(
                        "the {} image's web app is modelled as a server on port {} that answers 200; its real pages and logs are not modelled",
                        self.name, self.port
                    ),
                    format!(
                        "{} 镜像里的 Web 应用被模拟成端口 {} 上一个总是返回 200 的服务器；它真实的页面和日志没有模拟",
                        self.name, self.port
                    ),
                ));
            }
            let log = std::mem::take(&mut self.start_log);
            if matches!(self.kind, Kind::Httpd) {
                sys.stderr(&log);
            } else {
                sys.stdout(&log);
            }
            if self.start_ms > 0 {
                return Poll::Sleep(self.start_ms);
            }
        }
        if self.phase == 1 {
            self.phase = 2;
            if let Err(NetError::AddrInUse) = sys.listen(self.port, Proto::Tcp) {
                let e = std::mem::take(&mut self.bind_error);
                sys.stderr(&e);
                self.phase = 3;
                return Poll::Exit(1);
            }
            let r = std::mem::take(&mut self.ready_log);
            sys.stdout(&r);
        }
        Poll::Idle
    }

    fn serve(&mut self, req: &HttpRequest, sys: &mut dyn Sys) -> HttpResponse {
        match self.kind {
            Kind::Httpd => {
                let path = req.path.split('?').next().unwrap_or("/");
                let file = format!(
                    "/usr/local/apache2/htdocs{}{}",
                    path,
                    if path.ends_with('/') {
                        "index.html"
                    } else {
                        ""
                    }
                );
                let at = strftime("%d/%b/%Y:%H:%M:%S +0000", wall_secs(wall_now(sys)));
                let r = match sys.read_file(&file) {
                    Ok(body) => HttpResponse { status: 200, body },
                    Err(_) => HttpResponse {
                        status: 404,
                        body: "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n".into(),
                    },
                };
                sys.stdout(&format!(
                    "10.244.0.1 - - [{at}] \"GET {} HTTP/1.1\" {} {}\n",
                    req.path,
                    r.status,
                    r.body.len()
                ));
                r
            }
            Kind::Tomcat { app } => {
                let first = req
                    .path
                    .trim_start_matches('/')
                    .split('/')
                    .next()
                    .unwrap_or("");
                let exists = |name: &str, sys: &dyn Sys| {
                    [
                        "/usr/local/tomcat/webapps",
                        "/root/apache-tomcat-7.0.42-v2/webapps",
                        "/root/apache-tomcat-7.0.42/webapps",
                    ]
                    .iter()
                    .any(|d| {
                        sys.kind(&format!("{d}/{name}.war")).is_some()
                            || sys.kind(&format!("{d}/{name}")).is_some()
                    })
                };
                if (app && req.path == "/")
                    || (!first.is_empty() && exists(first, sys))
                    || (first.is_empty() && exists("ROOT", sys))
                {
                    HttpResponse::new(200, "")
                } else {
                    HttpResponse { status: 404, body: "<!doctype html><html lang=\"en\"><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1></body></html>".into() }
                }
            }
            Kind::Redis => HttpResponse::new(400, ""),
            Kind::Node => HttpResponse::new(200, ""),
        }
    }

    fn signal(&mut self, signal: Signal) -> SignalOutcome {
        match (signal, self.kind) {
            (Signal::Kill, _) => SignalOutcome::exit_now(137),
            // a JVM exits 143 on SIGTERM; httpd and redis shut down cleanly (0)
            (_, Kind::Tomcat { .. }) => SignalOutcome::Exit {
                code: 143,
                after_ms: 500,
            },
            (_, Kind::Node) => SignalOutcome::exit_now(143),
            _ => SignalOutcome::exit_now(0),
        }
    }

    fn processes(&self) -> Vec<ProcInfo> {
        let mut v = vec![ProcInfo {
            command: self.command.clone(),
            user: self.user.into(),
        }];
        if matches!(self.kind, Kind::Httpd) && self.phase == 2 {
            for _ in 0..3 {
                v.push(ProcInfo {
                    command: "httpd -DFOREGROUND".into(),
                    user: "www-data".into(),
                });
            }
        }
        v
    }
}

/// mysql's entrypoint: refuses to initialise without a root password setting, otherwise
/// initialises (≈ [`MYSQL_INIT_MS`]) and listens on 3306.
pub struct Mysql {
    phase: u8,
}

/// Time from start to `ready for connections` for a fresh data directory (real: 10–30 s).
pub const MYSQL_INIT_MS: u64 = 15_000;
/// mysqld's resident memory with default settings (≈ 350 MiB: InnoDB buffer pool 128 MiB and
/// the rest of the server).
pub const MYSQL_MEMORY: u64 = 350 << 20;

impl Mysql {
    pub fn new() -> Mysql {
        Mysql { phase: 0 }
    }
}

impl Default for Mysql {
    fn default() -> Mysql {
        Mysql::new()
    }
}

impl Program for Mysql {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        let t = iso(wall_now(sys));
        match self.phase {
            0 => {
                sys.set_memory(2 << 20);
                sys.stdout(&format!("{t} [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.3-1.el9 started.\n{t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n{t} [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.3-1.el9 started.\n"));
                let set = |n: &str| sys.env(n).is_some_and(|v| !v.is_empty());
                if !(set("MYSQL_ROOT_PASSWORD")
                    || set("MYSQL_ALLOW_EMPTY_PASSWORD")
                    || set("MYSQL_RANDOM_ROOT_PASSWORD"))
                {
                    sys.stderr(&format!("{t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n\tYou need to specify one of the following as an environment variable:\n\t- MYSQL_ROOT_PASSWORD\n\t- MYSQL_ALLOW_EMPTY_PASSWORD\n\t- MYSQL_RANDOM_ROOT_PASSWORD\n"));
                    return Poll::Exit(1);
                }
                sys.stdout(&format!(
                    "{t} [Note] [Entrypoint]: Initializing database files\n"
                ));
                sys.set_memory(MYSQL_MEMORY);
                self.phase = 1;
                Poll::Sleep(MYSQL_INIT_MS)
            }
            1 => {
                self.phase = 2;
                if let Err(NetError::AddrInUse) = sys.listen(3306, Proto::Tcp) {
                    sys.stderr(&format!("{t} 0 [ERROR] [MY-010262] [Server] Can't start server: Bind on TCP/IP port: Address already in use\n"));
                    return Poll::Exit(1);
                }
                sys.stdout(&format!("{t} [Note] [Entrypoint]: Database files initialized\n{t} [Note] [Entrypoint]: MySQL init process done. Ready for start up.\n{t} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.3'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n"));
                Poll::Idle
            }
            _ => Poll::Idle,
        }
    }

    fn signal(&mut self, signal: Signal) -> SignalOutcome {
        match signal {
            Signal::Kill => SignalOutcome::exit_now(137),
            _ => SignalOutcome::Exit {
                code: 0,
                after_ms: 1_000,
            },
        }
    }

    fn processes(&self) -> Vec<ProcInfo> {
        vec![ProcInfo {
            command: "mysqld".into(),
            user: "mysql".into(),
        }]
    }
}

/// The Kubernetes docs' liveness test server (`test/images/agnhost/liveness/server.go`):
/// `/healthz` answers 200 `ok` for the first 10 seconds after start, then 500
/// `error: <seconds>`; `/started` answers 200 with the time since start.
pub struct Liveness {
    started: Option<SimTime>,
}

/// The healthy period of the liveness server.
pub const LIVENESS_HEALTHY_MS: u64 = 10_000;

impl Liveness {
    pub fn new() -> Liveness {
        Liveness { started: None }
    }
}

impl Default for Liveness {
    fn default() -> Liveness {
        Liveness::new()
    }
}

impl Program for Liveness {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        if self.started.is_none() {
            self.started = Some(sys.now());
            sys.set_memory(5 << 20);
            if let Err(NetError::AddrInUse) = sys.listen(8080, Proto::Tcp) {
                let t = strftime("%Y/%m/%d %H:%M:%S", wall_secs(wall_now(sys)));
                sys.stderr(&format!(
                    "{t} listen tcp :8080: bind: address already in use\n"
                ));
                return Poll::Exit(1);
            }
        }
        Poll::Idle
    }

    fn serve(&mut self, req: &HttpRequest, sys: &mut dyn Sys) -> HttpResponse {
        let since = sys
            .now()
            .0
            .saturating_sub(self.started.unwrap_or(sys.now()).0);
        let secs = since as f64 / 1000.0;
        match req.path.split('?').next().unwrap_or("") {
            "/healthz" => {
                if since > LIVENESS_HEALTHY_MS {
                    HttpResponse {
                        status: 500,
                        body: format!("error: {secs}"),
                    }
                } else {
                    HttpResponse {
                        status: 200,
                        body: "ok".into(),
                    }
                }
            }
            "/started" => HttpResponse {
                status: 200,
                body: format!("{secs}s"),
            },
            _ => HttpResponse {
                status: 404,
                body: "404 page not found\n".into(),
            },
        }
    }

    fn processes(&self) -> Vec<ProcInfo> {
        vec![ProcInfo {
            command: "/server".into(),
            user: "root".into(),
        }]
    }
}

/// `stress`: `--vm N --vm-bytes B [--vm-hang S]` holds N×B of memory; `--cpu N` wants N
/// cores; `--timeout T` stops after T.
pub struct Stress {
    args: Vec<String>,
    phase: u8,
}

impl Stress {
    pub fn new(args: &[String]) -> Stress {
        Stress {
            args: args.to_vec(),
            phase: 0,
        }
    }

    fn opt(&self, names: &[&str]) -> Option<String> {
        let i = self.args.iter().position(|a| names.contains(&a.as_str()))?;
        self.args.get(i + 1).cloned()
    }
}

/// `stress`'s size syntax: `150M`, `1G`, `512K`, `100` (bytes, powers of 1024).
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let (num, mult) = match s.chars().last()? {
        'b' | 'B' => (&s[..s.len() - 1], 1),
        'k' | 'K' => (&s[..s.len() - 1], 1 << 10),
        'm' | 'M' => (&s[..s.len() - 1], 1 << 20),
        'g' | 'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.parse::<u64>().ok().map(|n| n.saturating_mul(mult))
}

fn parse_secs(s: &str) -> Option<u64> {
    let s = s.trim();
    let (num, mult) = match s.chars().last()? {
        's' => (&s[..s.len() - 1], 1),
        'm' => (&s[..s.len() - 1], 60),
        'h' => (&s[..s.len() - 1], 3600),
        'd' => (&s[..s.len() - 1], 86_400),
        _ => (s, 1),
    };
    num.parse::<u64>().ok().map(|n| n.saturating_mul(mult))
}

/// stress's own resident memory (≈ 1 MiB) besides what its workers allocate.
pub const STRESS_BASE_MEMORY: u64 = 1 << 20;

impl Program for Stress {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        if self.phase == 0 {
            self.phase = 1;
            let n = |names: &[&str]| {
                self.opt(names)
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(0)
            };
            let (cpu, io, vm, hdd) = (
                n(&["--cpu", "-c"]),
                n(&["--io", "-i"]),
                n(&["--vm", "-m"]),
                n(&["--hdd", "-d"]),
            );
            if cpu + io + vm + hdd == 0 {
                sys.stderr("`stress' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n");
                return Poll::Exit(1);
            }
            let bytes = self
                .opt(&["--vm-bytes"])
                .and_then(|b| parse_size(&b))
                .unwrap_or(256 << 20);
            sys.stdout(&format!(
                "stress: info: [1] dispatching hogs: {cpu} cpu, {io} io, {vm} vm, {hdd} hdd\n"
            ));
            sys.set_memory(STRESS_BASE_MEMORY + vm * bytes);
            sys.set_cpu_demand(
                cpu * 1000
                    + if self.args.iter().any(|a| a == "--vm-hang") {
                        0
                    } else {
                        vm * 1000
                    },
            );
            if let Some(t) = self.opt(&["--timeout", "-t"]).and_then(|t| parse_secs(&t)) {
                return Poll::Sleep(t * 1000);
            }
            return Poll::Idle;
        }
        sys.set_cpu_demand(0);
        sys.stdout("stress: info: [1] successful run completed in 0s\n");
        Poll::Exit(0)
    }

    fn processes(&self) -> Vec<ProcInfo> {
        let mut cmd = String::from("stress");
        for a in &self.args {
            cmd.push(' ');
            cmd.push_str(a);
        }
        vec![ProcInfo {
            command: cmd,
            user: "root".into(),
        }]
    }
}

/// git-sync v3: clones GIT_SYNC_REPO into GIT_SYNC_ROOT/GIT_SYNC_DEST and re-syncs every
/// GIT_SYNC_WAIT seconds (default 1). The playground has no network to GitHub: it writes a
/// clearly labelled simulated checkout instead (an `index.html` saying so).
pub struct GitSync {
    user: String,
    synced: bool,
}

/// git-sync's default wait between syncs (`--wait`, seconds).
pub const GIT_SYNC_WAIT_DEFAULT: f64 = 1.0;

impl GitSync {
    pub fn new(user: &str) -> GitSync {
        GitSync {
            user: user.to_string(),
            synced: false,
        }
    }
}

impl Program for GitSync {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        let wait = sys
            .env("GIT_SYNC_WAIT")
            .and_then(|w| w.parse::<f64>().ok())
            .unwrap_or(GIT_SYNC_WAIT_DEFAULT)
            .max(0.1);
        if self.synced {
            return Poll::Sleep((wait * 1000.0) as u64);
        }
        self.synced = true;
        sys.set_memory(10 << 20);
        let t = strftime("%m%d %H:%M:%S.000000", wall_secs(wall_now(sys)));
        let Some(repo) = sys.env("GIT_SYNC_REPO") else {
            sys.stderr(&format!(
                "E{t}       1 main.go:386] \"msg\"=\"required flag: --repo\" \n"
            ));
            return Poll::Exit(1);
        };
        let branch = sys
            .env("GIT_SYNC_BRANCH")
            .unwrap_or_else(|| "master".into());
        let root = sys
            .env("GIT_SYNC_ROOT")
            .unwrap_or_else(|| "/tmp/git".into());
        let dest = sys.env("GIT_SYNC_DEST").unwrap_or_else(|| {
            repo.trim_end_matches(".git")
                .rsplit('/')
                .next()
                .unwrap_or("repo")
                .to_string()
        });
        let depth = sys.env("GIT_SYNC_DEPTH").unwrap_or_else(|| "0".into());
        sys.assume(crate::diag::Text::new(
            format!("git-sync cannot reach {repo} from the playground; it writes a simulated checkout (an index.html saying so) to {root}/{dest}"),
            format!("git-sync 在 playground 里无法访问 {repo}；它把一份模拟的检出（一个说明此事的 index.html）写到 {root}/{dest}"),
        ));
        let dir = format!("{}/{}", root.trim_end_matches('/'), dest);
        let _ = sys.mkdir(&dir, true);
        let html = format!(
            "<!DOCTYPE html>\n<html><body>\n<h1>Simulated git-sync checkout</h1>\n<p>Pod Playground cannot clone {repo} (branch {branch}, depth {depth}); this page stands in for its files.</p>\n</body></html>\n"
        );
        let written = sys.write_file(&format!("{dir}/index.html"), &html, false);
        sys.stderr(&format!("I{t}       1 main.go:416] \"level\"=0 \"msg\"=\"starting up\" \"pid\"=1 \"args\"=[\"/git-sync\"]\n"));
        match written {
            Ok(()) => sys.stderr(&format!("I{t}       1 main.go:1064] \"level\"=0 \"msg\"=\"syncing git\" \"rev\"=\"HEAD\" \"hash\"=\"(simulated)\"\nI{t}       1 main.go:585] \"level\"=1 \"msg\"=\"next sync\" \"wait_time\"={wait}\n")),
            Err(e) => {
                sys.stderr(&format!("E{t}       1 main.go:542] \"msg\"=\"too many failures, aborting\" \"error\"=\"can't write {dir}: {}\" \"failCount\"=0\n", e.message()));
                return Poll::Exit(1);
            }
        }
        Poll::Sleep((wait * 1000.0) as u64)
    }

    fn processes(&self) -> Vec<ProcInfo> {
        vec![ProcInfo {
            command: "/git-sync".into(),
            user: self.user.clone(),
        }]
    }
}

/// An image the playground does not know: assumed to run until stopped, listening on the
/// container's declared ports and answering HTTP 200.
pub struct Unknown {
    reference: String,
    ports: Vec<(u16, Proto)>,
    started: bool,
    pid1_entry: bool,
}

/// Assumed resident memory of an unknown image's process (≈ 20 MiB).
pub const UNKNOWN_MEMORY: u64 = 20 << 20;

impl Unknown {
    pub fn new(reference: &str, ports: Vec<(u16, Proto)>, pid1_entry: bool) -> Unknown {
        Unknown {
            reference: reference.to_string(),
            ports,
            started: false,
            pid1_entry,
        }
    }
}

impl Program for Unknown {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        if !self.started {
            self.started = true;
            sys.set_memory(UNKNOWN_MEMORY);
            let ports: Vec<String> = self.ports.iter().map(|(p, _)| p.to_string()).collect();
            let listed = if ports.is_empty() {
                String::new()
            } else {
                format!(" ({})", ports.join(", "))
            };
            sys.assume(crate::diag::Text::new(
                format!(
                    "image {} is not known to the playground; assuming it runs until stopped and listens on its declared ports{listed}",
                    self.reference
                ),
                format!(
                    "playground 不认识镜像 {}；假定它一直运行到被停止，并监听它声明的端口{listed}",
                    self.reference
                ),
            ));
            for (p, proto) in &self.ports {
                if let Err(e) = sys.listen(*p, *proto) {
                    sys.stderr(&format!(
                        "listen tcp :{p}: bind: {}\n",
                        e.message().to_lowercase()
                    ));
                    return Poll::Exit(1);
                }
            }
        }
        Poll::Idle
    }

    fn serve(&mut self, _req: &HttpRequest, _sys: &mut dyn Sys) -> HttpResponse {
        HttpResponse::new(200, "")
    }

    fn signal(&mut self, signal: Signal) -> SignalOutcome {
        match signal {
            Signal::Kill => SignalOutcome::exit_now(137),
            _ => SignalOutcome::exit_now(if self.pid1_entry { 0 } else { 143 }),
        }
    }

    fn processes(&self) -> Vec<ProcInfo> {
        vec![ProcInfo {
            command: self
                .reference
                .rsplit('/')
                .next()
                .unwrap_or(&self.reference)
                .to_string(),
            user: "root".into(),
        }]
    }
}
