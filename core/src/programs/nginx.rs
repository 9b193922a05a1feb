//! nginx as the official image runs it: `/docker-entrypoint.sh` (its configuration scripts'
//! log lines), then `nginx -g 'daemon off;'` reading `/etc/nginx/nginx.conf` and the files it
//! `include`s from the container's file system (so a ConfigMap or volume mounted there changes
//! what it does), binding each `listen` port, serving files from `root`, answering `return`,
//! forwarding `proxy_pass` through the pod's network, and logging requests in `combined`
//! format. Subset: `server`, `listen`, `root`, `index`, `location` (`=` and prefix),
//! `return`, `proxy_pass`, `error_page`, `include`; other directives are accepted and ignored.

use super::servers::{clock, log_time};
use crate::os::clock::{wall_now, wall_secs};
use crate::os::http::reason;
use crate::os::path::glob_match;
use crate::os::path::resolve as resolve_path;
use crate::os::*;

pub const VERSION: &str = "1.27.3";

/// `/etc/nginx/nginx.conf` of the official image.
pub const NGINX_CONF: &str = "
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '
                      '$status $body_bytes_sent \"$http_referer\" '
                      '\"$http_user_agent\" \"$http_x_forwarded_for\"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
";

/// `/etc/nginx/conf.d/default.conf` as packaged (the entrypoint adds `listen [::]:80;`).
pub const DEFAULT_CONF: &str = "server {
    listen       80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
";

/// The head both of nginx's own pages share, around the title.
macro_rules! nginx_page {
    ($title:literal, $body:literal) => {
        concat!(
            "<!DOCTYPE html>\n<html>\n<head>\n<title>",
            $title,
            "</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n",
            $body
        )
    };
}

pub const INDEX_HTML: &str = nginx_page!(
    "Welcome to nginx!",
    "<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href=\"http://nginx.org/\">nginx.org</a>.<br/>
Commercial support is available at
<a href=\"http://nginx.com/\">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
"
);

pub const HTML_50X: &str = nginx_page!(
    "Error",
    "<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
"
);

/// Worker processes shown by `ps` (`worker_processes auto` on a 2-CPU node).
pub const WORKERS: usize = 2;
/// nginx's bind attempts before giving up, and the pause between them.
pub const BIND_TRIES: u32 = 5;
pub const BIND_RETRY_MS: u64 = 500;
/// Resident memory of master and workers together (≈ 3 MiB).
pub const MEMORY: u64 = 3 << 20;

/// `nginx …` typed as a command: `-s SIGNAL`, `-t`, `-v`, or the server.
pub fn command(args: &[String]) -> Box<dyn Program> {
    if let Some(i) = args.iter().position(|a| a == "-s") {
        return Box::new(Control {
            signal: args.get(i + 1).cloned().unwrap_or_default(),
        });
    }
    if args.iter().any(|a| a == "-t" || a == "-T") {
        return Box::new(TestConfig);
    }
    if args.iter().any(|a| a == "-v" || a == "-V") {
        return Box::new(Version(args.iter().any(|a| a == "-V")));
    }
    Box::new(Nginx::new(args, false))
}

#[derive(Clone, Debug, Default)]
struct Location {
    exact: bool,
    path: String,
    root: Option<String>,
    index: Option<Vec<String>>,
    ret: Option<(u16, String)>,
    proxy: Option<String>,
}

#[derive(Clone, Debug, Default)]
struct ServerBlock {
    ports: Vec<u16>,
    root: Option<String>,
    index: Option<Vec<String>>,
    locations: Vec<Location>,
    error_pages: Vec<(u16, String)>,
}

struct Config {
    servers: Vec<ServerBlock>,
}

/// A configuration error worded as nginx words it (without the `nginx: [emerg] ` prefix).
type ConfErr = String;

#[derive(Debug)]
enum Tok {
    Word(String),
    Semi,
    Open,
    Close,
}

fn tokenize(src: &str) -> Vec<(Tok, u32)> {
    let mut out = Vec::new();
    let c: Vec<char> = src.chars().collect();
    let mut i = 0;
    let mut line = 1;
    while let Some(&ch) = c.get(i) {
        match ch {
            '\n' => {
                line += 1;
                i += 1;
            }
            ' ' | '\t' | '\r' => i += 1,
            '#' => {
                while c.get(i).is_some_and(|x| *x != '\n') {
                    i += 1;
                }
            }
            ';' => {
                out.push((Tok::Semi, line));
                i += 1;
            }
            '{' => {
                out.push((Tok::Open, line));
                i += 1;
            }
            '}' => {
                out.push((Tok::Close, line));
                i += 1;
            }
            '"' | '\'' => {
                let q = ch;
                i += 1;
                let mut w = String::new();
                while let Some(&x) = c.get(i).filter(|x| **x != q) {
                    let x = match c.get(i + 1) {
                        Some(&escaped) if x == '\\' => {
                            i += 1;
                            escaped
                        }
                        _ => x,
                    };
                    if x == '\n' {
                        line += 1;
                    }
                    w.push(x);
                    i += 1;
                }
                i += 1;
                out.push((Tok::Word(w), line));
            }
            _ => {
                let mut w = String::new();
                while let Some(&x) = c
                    .get(i)
                    .filter(|x| !matches!(x, ' ' | '\t' | '\r' | '\n' | ';' | '{' | '}'))
                {
                    w.push(x);
                    i += 1;
                }
                out.push((Tok::Word(w), line));
            }
        }
    }
    out
}

/// A directive: name, arguments, and its block's children.
struct Directive {
    name: String,
    args: Vec<String>,
    block: Option<Vec<Directive>>,
}

/// Most include files and nesting levels followed.
const MAX_INCLUDES: usize = 64;
const MAX_BLOCK_DEPTH: usize = 32;

fn parse_file(
    path: &str,
    sys: &dyn Sys,
    includes: &mut usize,
    depth: usize,
) -> Result<Vec<Directive>, ConfErr> {
    let src = sys
        .read_file(path)
        .map_err(|e| format!("open() \"{path}\" failed ({}: {})", errno(&e), e.message()))?;
    let toks = tokenize(&src);
    let mut pos = 0;
    let ds = parse_block(&toks, &mut pos, path, sys, includes, depth, false)?;
    Ok(ds)
}

fn errno(e: &FsError) -> u32 {
    match e {
        FsError::NotFound => 2,
        FsError::IsADirectory => 21,
        FsError::NotADirectory => 20,
        _ => 13,
    }
}

fn parse_block(
    toks: &[(Tok, u32)],
    pos: &mut usize,
    path: &str,
    sys: &dyn Sys,
    includes: &mut usize,
    depth: usize,
    inner: bool,
) -> Result<Vec<Directive>, ConfErr> {
    if depth > MAX_BLOCK_DEPTH {
        return Err(format!("too deeply nested blocks in {path}"));
    }
    let mut out = Vec::new();
    loop {
        let Some((tok, line)) = toks.get(*pos) else {
            if inner {
                let line = toks.last().map(|t| t.1).unwrap_or(1);
                return Err(format!(
                    "unexpected end of file, expecting \"}}\" in {path}:{line}"
                ));
            }
            return Ok(out);
        };
        match tok {
            Tok::Close => {
                *pos += 1;
                if inner {
                    return Ok(out);
                }
                return Err(format!("unexpected \"}}\" in {path}:{line}"));
            }
            Tok::Semi | Tok::Open => {
                return Err(format!(
                    "unexpected \"{}\" in {path}:{line}",
                    if matches!(tok, Tok::Semi) { ";" } else { "{" }
                ));
            }
            Tok::Word(name) => {
                let name = name.clone();
                let line = *line;
                *pos += 1;
                let mut args = Vec::new();
                loop {
                    match toks.get(*pos) {
                        Some((Tok::Word(w), _)) => {
                            args.push(w.clone());
                            *pos += 1;
                        }
                        Some((Tok::Semi, _)) => {
                            *pos += 1;
                            if name == "include" {
                                *includes += 1;
                                if *includes > MAX_INCLUDES {
                                    return Err(format!("too many includes in {path}:{line}"));
                                }
                                let pattern = args.first().cloned().unwrap_or_default();
                                let pattern = resolve_path("/etc/nginx", &pattern);
                                for f in include_files(&pattern, sys) {
                                    match parse_file(&f, sys, includes, depth + 1) {
                                        Ok(ds) => out.extend(ds),
                                        Err(e)
                                            if f.ends_with("/mime.types")
                                                && e.contains("No such file") => {}
                                        Err(e) => return Err(e),
                                    }
                                }
                            } else {
                                out.push(Directive {
                                    name,
                                    args,
                                    block: None,
                                });
                            }
                            break;
                        }
                        Some((Tok::Open, _)) => {
                            *pos += 1;
                            let block =
                                parse_block(toks, pos, path, sys, includes, depth + 1, true)?;
                            out.push(Directive {
                                name,
                                args,
                                block: Some(block),
                            });
                            break;
                        }
                        Some((Tok::Close, l)) => {
                            return Err(format!("unexpected \"}}\" in {path}:{l}"))
                        }
                        None => {
                            return Err(format!(
                            "unexpected end of file, expecting \";\" or \"}}\" in {path}:{line}"
                        ))
                        }
                    }
                }
            }
        }
    }
}

fn include_files(pattern: &str, sys: &dyn Sys) -> Vec<String> {
    if !pattern.contains(['*', '?', '[']) {
        return vec![pattern.to_string()];
    }
    let (dir, pat) = pattern.rsplit_once('/').unwrap_or(("/", pattern));
    let dir = if dir.is_empty() { "/" } else { dir };
    let mut v: Vec<String> = sys
        .list_dir(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|n| glob_match(pat, n))
        .map(|n| resolve_path(dir, &n))
        .filter(|p| sys.kind(p) == Some(FileKind::File))
        .collect();
    crate::sort::sort(&mut v);
    v
}

fn load(sys: &dyn Sys) -> Result<Config, ConfErr> {
    let mut includes = 0;
    let top = parse_file("/etc/nginx/nginx.conf", sys, &mut includes, 0)?;
    let mut servers = Vec::new();
    for d in &top {
        if d.name == "http" {
            for s in d.block.iter().flatten() {
                if s.name == "server" {
                    servers.push(server_block(s.block.as_deref().unwrap_or(&[]))?);
                }
            }
        }
    }
    Ok(Config { servers })
}

fn server_block(ds: &[Directive]) -> Result<ServerBlock, ConfErr> {
    let mut s = ServerBlock::default();
    for d in ds {
        match d.name.as_str() {
            "listen" => {
                let a = d.args.first().cloned().unwrap_or_default();
                let port_text = a.rsplit(':').next().unwrap_or(&a);
                let port: u16 = port_text
                    .parse()
                    .map_err(|_| format!("invalid port in \"{a}\" of the \"listen\" directive"))?;
                if !s.ports.contains(&port) {
                    s.ports.push(port);
                }
            }
            "root" => s.root = d.args.first().cloned(),
            "index" => s.index = Some(d.args.clone()),
            "error_page" => {
                if let Some((uri, codes)) = d.args.split_last() {
                    for c in codes {
                        if let Ok(code) = c.parse() {
                            s.error_pages.push((code, uri.clone()));
                        }
                    }
                }
            }
            "return" => s.locations.push(Location {
                path: String::new(),
                ret: Some(ret_of(&d.args)),
                ..Location::default()
            }),
            "location" => {
                let (exact, path) = match d.args.as_slice() {
                    [m, p] if m == "=" => (true, p.clone()),
                    [m, p] if m == "^~" => (false, p.clone()),
                    [m, _] if m.starts_with('~') => continue, // regex locations are not modelled
                    [p] => (false, p.clone()),
                    _ => continue,
                };
                let mut loc = Location {
                    exact,
                    path,
                    ..Location::default()
                };
                for x in d.block.iter().flatten() {
                    match x.name.as_str() {
                        "root" => loc.root = x.args.first().cloned(),
                        "index" => loc.index = Some(x.args.clone()),
                        "return" => loc.ret = Some(ret_of(&x.args)),
                        "proxy_pass" => loc.proxy = x.args.first().cloned(),
                        _ => {}
                    }
                }
                s.locations.push(loc);
            }
            _ => {}
        }
    }
    if s.ports.is_empty() {
        // no listen: nginx listens on *:80 (as root)
        s.ports.push(80);
    }
    Ok(s)
}

fn ret_of(args: &[String]) -> (u16, String) {
    match args {
        [code] => match code.parse() {
            Ok(c) => (c, String::new()),
            Err(_) => (302, code.clone()),
        },
        [code, text, ..] => (code.parse().unwrap_or(302), text.clone()),
        [] => (444, String::new()),
    }
}

fn error_page(status: u16) -> String {
    let r = reason(status);
    format!("<html>\r\n<head><title>{status} {r}</title></head>\r\n<body>\r\n<center><h1>{status} {r}</h1></center>\r\n<hr><center>nginx/{VERSION}</center>\r\n</body>\r\n</html>\r\n")
}

enum State {
    Entry,
    Bind { tries: u32 },
    Running,
    Stopping(Signal),
    Done(i32),
}

/// The nginx master process (and its workers, for `ps`).
pub struct Nginx {
    via_entrypoint: bool,
    cmdline: String,
    state: State,
    config: Option<Config>,
    ports: Vec<u16>,
}

impl Nginx {
    pub fn new(args: &[String], via_entrypoint: bool) -> Nginx {
        let args: Vec<&String> = if via_entrypoint {
            args.iter().skip(1).collect()
        } else {
            args.iter().collect()
        };
        let mut cmdline = String::from("nginx");
        for a in args {
            cmdline.push(' ');
            cmdline.push_str(a);
        }
        Nginx {
            via_entrypoint,
            cmdline,
            state: State::Entry,
            config: None,
            ports: Vec::new(),
        }
    }

    fn log(sys: &mut dyn Sys, level: &str, msg: &str) {
        let t = log_time(wall_now(sys));
        sys.stderr(&format!("{t} [{level}] 1#1: {msg}\n"));
    }

    fn emerg(sys: &mut dyn Sys, msg: &str) {
        Nginx::log(sys, "emerg", msg);
        sys.stderr(&format!("nginx: [emerg] {msg}\n"));
    }

    fn entrypoint_logs(sys: &mut dyn Sys) {
        let d = "/etc/nginx/conf.d/default.conf";
        let mut out = String::from(
            "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n",
        );
        match sys.read_file(d) {
            Err(_) => out.push_str(&format!(
                "10-listen-on-ipv6-by-default.sh: info: {d} is not a file or does not exist\n"
            )),
            Ok(text) => {
                out.push_str(&format!(
                    "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of {d}\n"
                ));
                if text == DEFAULT_CONF {
                    let patched = text.replacen(
                        "    listen       80;\n",
                        "    listen       80;\n    listen  [::]:80;\n",
                        1,
                    );
                    match sys.write_file(d, &patched, false) {
                        Ok(()) => out.push_str(&format!("10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in {d}\n")),
                        Err(_) => out.push_str(&format!("10-listen-on-ipv6-by-default.sh: info: can not modify {d} (read-only file system?)\n")),
                    }
                } else {
                    out.push_str(&format!("10-listen-on-ipv6-by-default.sh: info: {d} differs from the packaged version\n"));
                }
            }
        }
        out.push_str(
            "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n/docker-entrypoint.sh: Configuration complete; ready for start up\n",
        );
        sys.stdout(&out);
    }
}

impl Program for Nginx {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        loop {
            match self.state {
                State::Entry => {
                    sys.set_memory(MEMORY);
                    if self.via_entrypoint {
                        Nginx::entrypoint_logs(sys);
                    }
                    match load(sys) {
                        Ok(c) => {
                            let mut ports = Vec::new();
                            for s in &c.servers {
                                for p in &s.ports {
                                    if !ports.contains(p) {
                                        ports.push(*p);
                                    }
                                }
                            }
                            self.ports = ports;
                            self.config = Some(c);
                            self.state = State::Bind { tries: 0 };
                        }
                        Err(e) => {
                            Nginx::emerg(sys, &e);
                            self.state = State::Done(1);
                        }
                    }
                }
                State::Bind { tries } => {
                    if tries >= BIND_TRIES {
                        Nginx::emerg(sys, "still could not bind()");
                        self.state = State::Done(1);
                        continue;
                    }
                    let mut failed = Vec::new();
                    for &p in &self.ports {
                        if let Err(NetError::AddrInUse) = sys.listen(p, Proto::Tcp) {
                            failed.push(p);
                        }
                    }
                    if failed.is_empty() {
                        let t = log_time(wall_now(sys));
                        let mut s = String::new();
                        for line in [
                            "using the \"epoll\" event method".to_string(),
                            format!("nginx/{VERSION}"),
                            "built by gcc 12.2.0 (Debian 12.2.0-14) ".to_string(),
                            "OS: Linux 6.8.0".to_string(),
                            "getrlimit(RLIMIT_NOFILE): 1048576:1048576".to_string(),
                            "start worker processes".to_string(),
                        ] {
                            s.push_str(&format!("{t} [notice] 1#1: {line}\n"));
                        }
                        for w in 0..WORKERS {
                            s.push_str(&format!(
                                "{t} [notice] 1#1: start worker process {}\n",
                                29 + w
                            ));
                        }
                        sys.stderr(&s);
                        self.state = State::Running;
                        continue;
                    }
                    // release what did bind: nginx closes them before retrying
                    for &p in &self.ports {
                        if !failed.contains(&p) {
                            sys.unlisten(p, Proto::Tcp);
                        }
                    }
                    for p in &failed {
                        Nginx::emerg(
                            sys,
                            &format!("bind() to 0.0.0.0:{p} failed (98: Address already in use)"),
                        );
                    }
                    Nginx::log(sys, "notice", "try again to bind() after 500ms");
                    self.state = State::Bind { tries: tries + 1 };
                    return Poll::Sleep(BIND_RETRY_MS);
                }
                State::Running => return Poll::Idle,
                State::Stopping(sig) => {
                    let t = log_time(wall_now(sys));
                    let text = match sig {
                        Signal::Quit => format!(
                            "{t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n{t} [notice] 29#29: gracefully shutting down\n{t} [notice] 29#29: exiting\n{t} [notice] 29#29: exit\n{t} [notice] 1#1: signal 17 (SIGCHLD) received from 29\n{t} [notice] 1#1: worker process 29 exited with code 0\n{t} [notice] 1#1: exit\n"
                        ),
                        _ => format!(
                            "{t} [notice] 1#1: signal 15 (SIGTERM) received, exiting\n{t} [notice] 29#29: exiting\n{t} [notice] 29#29: exit\n{t} [notice] 1#1: signal 17 (SIGCHLD) received from 29\n{t} [notice] 1#1: worker process 29 exited with code 0\n{t} [notice] 1#1: exit\n"
                        ),
                    };
                    sys.stderr(&text);
                    for &p in &self.ports {
                        sys.unlisten(p, Proto::Tcp);
                    }
                    self.state = State::Done(0);
                }
                State::Done(code) => return Poll::Exit(code),
            }
        }
    }

    fn serve(&mut self, req: &HttpRequest, sys: &mut dyn Sys) -> HttpResponse {
        let resp = self.answer(req, sys);
        let remote = match &req.client {
            Some(c) => c.as_str(),
            None if matches!(req.host.as_str(), "localhost" | "127.0.0.1") => "127.0.0.1",
            None => "10.244.0.1",
        };
        let ua = req
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("user-agent"))
            .map(|(_, v)| v.as_str())
            .unwrap_or("-");
        let t = clock(wall_secs(wall_now(sys)));
        sys.stdout(&format!(
            "{remote} - - [{t}] \"GET {} HTTP/1.1\" {} {} \"-\" \"{ua}\" \"-\"\n",
            req.path,
            resp.status,
            resp.body.len()
        ));
        resp
    }

    fn signal(&mut self, signal: Signal) -> SignalOutcome {
        match signal {
            Signal::Kill => SignalOutcome::exit_now(137),
            s => {
                if matches!(self.state, State::Running) {
                    self.state = State::Stopping(s);
                    SignalOutcome::Handled
                } else {
                    SignalOutcome::exit_now(0)
                }
            }
        }
    }

    fn processes(&self) -> Vec<ProcInfo> {
        let mut v = vec![ProcInfo {
            command: format!("nginx: master process {}", self.cmdline),
            user: "root".into(),
        }];
        if matches!(self.state, State::Running | State::Stopping(_)) {
            for _ in 0..WORKERS {
                v.push(ProcInfo {
                    command: "nginx: worker process".into(),
                    user: "nginx".into(),
                });
            }
        }
        v
    }
}

impl Nginx {
    fn answer(&mut self, req: &HttpRequest, sys: &mut dyn Sys) -> HttpResponse {
        let Some(cfg) = &self.config else {
            return HttpResponse::new(503, "");
        };
        let Some(server) = cfg.servers.iter().find(|s| s.ports.contains(&req.port)) else {
            return HttpResponse {
                status: 404,
                body: error_page(404),
            };
        };
        let path = req.path.split('?').next().unwrap_or("/").to_string();
        let loc = server
            .locations
            .iter()
            .find(|l| l.exact && l.path == path)
            .or_else(|| {
                server
                    .locations
                    .iter()
                    .filter(|l| !l.exact && path.starts_with(&l.path))
                    .max_by_key(|l| l.path.len())
            });
        let (root, index, ret, proxy) = match loc {
            Some(l) => (
                l.root.clone().or(server.root.clone()),
                l.index.clone().or(server.index.clone()),
                l.ret.clone(),
                l.proxy.clone(),
            ),
            None => (server.root.clone(), server.index.clone(), None, None),
        };
        let status_page = |status: u16, sys: &dyn Sys| -> HttpResponse {
            if let Some((_, uri)) = server.error_pages.iter().find(|(c, _)| *c == status) {
                let r = server
                    .locations
                    .iter()
                    .find(|l| l.exact && &l.path == uri)
                    .and_then(|l| l.root.clone())
                    .or(server.root.clone())
                    .unwrap_or_else(|| "/etc/nginx/html".into());
                if let Ok(body) = sys.read_file(&resolve_path(&r, uri.trim_start_matches('/'))) {
                    return HttpResponse { status, body };
                }
            }
            HttpResponse {
                status,
                body: error_page(status),
            }
        };
        if let Some((code, text)) = ret {
            return HttpResponse {
                status: code,
                body: text,
            };
        }
        if let Some(target) = proxy {
            let rest = target.strip_prefix("http://").unwrap_or(&target);
            let (hp, prefix) = match rest.find('/') {
                Some(i) => (&rest[..i], Some(&rest[i..])),
                None => (rest, None),
            };
            let (host, port) = match hp.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), p.parse().unwrap_or(80)),
                None => (hp.to_string(), 80),
            };
            let upstream_path = match (prefix, loc) {
                (Some(pre), Some(l)) => {
                    format!("{}{}", pre, path.strip_prefix(&l.path).unwrap_or(""))
                }
                _ => req.path.clone(),
            };
            let up = HttpRequest {
                host: host.clone(),
                port,
                path: upstream_path,
                headers: req.headers.clone(),
                client: None,
            };
            return match sys.http(&up) {
                Ok(r) => r,
                Err(e) => {
                    let (n, m) = match e {
                        NetError::ConnectionRefused => (111, "Connection refused"),
                        NetError::Timeout => (110, "Connection timed out"),
                        _ => (113, "No route to host"),
                    };
                    let t = log_time(wall_now(sys));
                    sys.stderr(&format!(
                        "{t} [error] 29#29: *1 connect() failed ({n}: {m}) while connecting to upstream, client: 10.244.0.1, server: localhost, request: \"GET {} HTTP/1.1\", upstream: \"http://{host}:{port}{}\", host: \"{}\"\n",
                        req.path, req.path, req.host
                    ));
                    status_page(502, sys)
                }
            };
        }
        let root = root.unwrap_or_else(|| "/etc/nginx/html".into());
        let file = resolve_path(&root, path.trim_start_matches('/'));
        match sys.kind(&file) {
            Some(FileKind::File) => match sys.read_file(&file) {
                Ok(body) => HttpResponse { status: 200, body },
                Err(_) => status_page(403, sys),
            },
            Some(FileKind::Dir) => {
                if !path.ends_with('/') {
                    return HttpResponse {
                        status: 301,
                        body: error_page(301),
                    };
                }
                let idx = index.unwrap_or_else(|| vec!["index.html".into()]);
                for i in idx {
                    if let Ok(body) = sys.read_file(&resolve_path(&file, &i)) {
                        return HttpResponse { status: 200, body };
                    }
                }
                let t = log_time(wall_now(sys));
                sys.stderr(&format!("{t} [error] 29#29: *1 directory index of \"{file}/\" is forbidden, client: 10.244.0.1, server: localhost, request: \"GET {} HTTP/1.1\", host: \"{}\"\n", req.path, req.host));
                status_page(403, sys)
            }
            None => {
                let t = log_time(wall_now(sys));
                sys.stderr(&format!("{t} [error] 29#29: *1 open() \"{file}\" failed (2: No such file or directory), client: 10.244.0.1, server: localhost, request: \"GET {} HTTP/1.1\", host: \"{}\"\n", req.path, req.host));
                status_page(404, sys)
            }
        }
    }
}

/// `nginx -s quit|stop|reload|reopen`: signals the master process through its PID file.
struct Control {
    signal: String,
}

impl Program for Control {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        let sig = match self.signal.as_str() {
            "quit" => Signal::Quit,
            "stop" => Signal::Term,
            "reload" | "reopen" => {
                sys.assume(crate::diag::Text::new(
                    "`nginx -s reload` is not modelled beyond signalling; the configuration is not re-read",
                    "`nginx -s reload` 只模拟了发送信号，配置不会被重新读取",
                ));
                let t = log_time(wall_now(sys));
                sys.stderr(&format!("{t} [notice] 45#45: signal process started\n"));
                return Poll::Exit(0);
            }
            other => {
                sys.stderr(&format!("nginx: invalid option: \"-s {other}\"\n"));
                return Poll::Exit(1);
            }
        };
        if sys.signal_process("nginx: master process", sig) {
            let t = log_time(wall_now(sys));
            sys.stderr(&format!("{t} [notice] 45#45: signal process started\n"));
            Poll::Exit(0)
        } else {
            let t = log_time(wall_now(sys));
            sys.stderr(&format!("{t} [notice] 45#45: signal process started\n{t} [error] 45#45: open() \"/run/nginx.pid\" failed (2: No such file or directory)\nnginx: [error] open() \"/run/nginx.pid\" failed (2: No such file or directory)\n"));
            Poll::Exit(1)
        }
    }

    fn processes(&self) -> Vec<ProcInfo> {
        Vec::new()
    }
}

struct TestConfig;

impl Program for TestConfig {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        match load(sys) {
            Ok(_) => {
                sys.stderr("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n");
                Poll::Exit(0)
            }
            Err(e) => {
                sys.stderr(&format!("nginx: [emerg] {e}\nnginx: configuration file /etc/nginx/nginx.conf test failed\n"));
                Poll::Exit(1)
            }
        }
    }

    fn processes(&self) -> Vec<ProcInfo> {
        Vec::new()
    }
}

struct Version(bool);

impl Program for Version {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        sys.stderr(&format!("nginx version: nginx/{VERSION}\n"));
        if self.0 {
            sys.stderr("built by gcc 12.2.0 (Debian 12.2.0-14) \n");
        }
        Poll::Exit(0)
    }

    fn processes(&self) -> Vec<ProcInfo> {
        Vec::new()
    }
}
