//! Network applets: busybox `nslookup`, `wget` and `nc -z`, and `curl` (in images that have
//! it), all through the pod's network as the engine models it ([`Sys::resolve`], [`Sys::http`],
//! [`Sys::tcp_connect`]), with the real tools' output and exit codes.
//!
//! Simplifications, stated: `nslookup` prints the answers to its A queries in the order of the
//! search list (busybox also sends AAAA queries and prints replies in arrival order), and it
//! exits 0 when the name resolves, 1 when it does not (busybox 1.33+ also exits 1 when any one
//! search-domain query fails, which in a real cluster makes `until nslookup svc` loop forever;
//! the playground follows the behaviour the Kubernetes examples rely on). Transfers take no
//! simulated time.

use super::applets::Ctx;
use crate::os::http::reason;
use crate::os::{HttpRequest, NetError};

/// The cluster DNS Service IP of kubeadm clusters (kube-dns in `kube-system`), used when the
/// container has no `/etc/resolv.conf`.
pub const CLUSTER_DNS: &str = "10.96.0.10";
/// Search domains of a pod in namespace `default` (`/etc/resolv.conf` written by the kubelet).
pub const SEARCH: [&str; 3] = [
    "default.svc.cluster.local",
    "svc.cluster.local",
    "cluster.local",
];

fn resolv_conf(c: &Ctx) -> (String, Vec<String>) {
    let mut server = CLUSTER_DNS.to_string();
    let mut search: Vec<String> = SEARCH.iter().map(|s| s.to_string()).collect();
    if let Ok(text) = c.sys.read_file("/etc/resolv.conf") {
        for line in text.lines() {
            let mut w = line.split_whitespace();
            match w.next() {
                Some("nameserver") => {
                    if let Some(s) = w.next() {
                        server = s.to_string();
                    }
                }
                Some("search") => search = w.map(|s| s.to_string()).collect(),
                _ => {}
            }
        }
    }
    (server, search)
}

fn is_ip(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4 && parts.iter().all(|p| p.parse::<u8>().is_ok())
}

pub fn nslookup(c: &mut Ctx) -> i32 {
    let args: Vec<String> = c
        .argv
        .iter()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .cloned()
        .collect();
    let Some(name) = args.first().cloned() else {
        c.err("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,any,srv,ptr\n");
        return 1;
    };
    let (mut server, search) = resolv_conf(c);
    if let Some(s) = args.get(1) {
        server = s.clone();
    }
    let mut out = format!("Server:\t\t{server}\nAddress:\t{server}:53\n\n");
    let resolved = c.sys.lookup(&name);
    let names: Vec<String> = if name.contains('.') || search.is_empty() {
        vec![name.clone()]
    } else {
        search.iter().map(|d| format!("{name}.{d}")).collect()
    };
    let code = match resolved {
        Some(ip) => {
            let fqdn = names.first().cloned().unwrap_or(name);
            out.push_str(&format!("Name:\t{fqdn}\nAddress: {ip}\n\n"));
            0
        }
        None => {
            for n in &names {
                out.push_str(&format!("** server can't find {n}: NXDOMAIN\n\n"));
            }
            1
        }
    };
    c.out(out);
    code
}

struct Url {
    scheme: String,
    /// host as written (with `:port` when the URL had one)
    host_port: String,
    host: String,
    port: u16,
    path: String,
}

impl Url {
    fn request(&self, headers: Vec<(String, String)>) -> HttpRequest {
        HttpRequest {
            host: self.host.clone(),
            port: self.port,
            path: self.path.clone(),
            headers,
            client: None,
        }
    }
}

fn parse_url(u: &str) -> Option<Url> {
    let (scheme, rest) = match u.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => ("http".to_string(), u),
    };
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let (hp, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let hp = hp.rsplit('@').next().unwrap_or(hp);
    let default_port = if scheme == "https" { 443 } else { 80 };
    let (host, port) = match hp.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse().ok()?),
        None => (hp.to_string(), default_port),
    };
    if host.is_empty() {
        return None;
    }
    Some(Url {
        scheme,
        host_port: hp.to_string(),
        host,
        port,
        path,
    })
}

fn host_ip(c: &Ctx, host: &str) -> Option<String> {
    if is_ip(host) {
        return Some(host.to_string());
    }
    if host == "localhost" {
        return Some("127.0.0.1".into());
    }
    c.sys.resolve(host)
}

/// busybox's 5-character size field (`smart_ulltoa5`, simplified above 99999 bytes).
fn size5(n: usize) -> String {
    if n < 100_000 {
        format!("{n:>5}")
    } else if n < 10_000 * 1024 {
        format!("{:>4}k", n / 1024)
    } else {
        format!("{:>4}M", n / (1024 * 1024))
    }
}

fn progress_line(name: &str, size: usize) -> String {
    let name: String = name.chars().take(20).collect();
    if size == 0 {
        return format!("{name:<20} {}  --:--:-- ETA\n", size5(0)).replacen(
            "  --:--:--",
            " --:--:--",
            1,
        );
    }
    format!(
        "{name:<20} 100% |{}| {}  0:00:00 ETA\n",
        "*".repeat(32),
        size5(size)
    )
}

pub fn wget(c: &mut Ctx) -> i32 {
    let mut quiet = false;
    let mut spider = false;
    let mut out_file: Option<String> = None;
    let mut url = None;
    let mut headers = Vec::new();
    let mut i = 1;
    while let Some(a) = c.argv.get(i).cloned() {
        match a.as_str() {
            "-q" | "--quiet" => quiet = true,
            "--spider" => spider = true,
            "-O" | "--output-document" => {
                out_file = c.argv.get(i + 1).cloned();
                i += 1;
            }
            "--header" => {
                if let Some(h) = c.argv.get(i + 1) {
                    if let Some((k, v)) = h.split_once(':') {
                        headers.push((k.trim().to_string(), v.trim().to_string()));
                    }
                }
                i += 1;
            }
            "-T" | "-t" | "-U" | "-Y" | "-P" | "-o" => i += 1,
            s if s.starts_with("-O") && s.len() > 2 => out_file = Some(s[2..].to_string()),
            s if s.starts_with("--timeout")
                || s.starts_with("--tries")
                || s.starts_with("--user-agent") => {}
            s if s.starts_with('-') && !s.starts_with("--") && s.len() > 1 => {
                // a cluster of short options, as getopt reads it: `-qO-` is -q, then -O with
                // the rest of the word (`-`) as its argument
                let flags = s.get(1..).unwrap_or("");
                for (k, ch) in flags.char_indices() {
                    match ch {
                        'q' => quiet = true,
                        'O' | 'T' | 't' | 'U' | 'Y' | 'P' | 'o' => {
                            let rest = flags.get(k + 1..).unwrap_or("");
                            let arg = if rest.is_empty() {
                                i += 1;
                                c.argv.get(i).cloned()
                            } else {
                                Some(rest.to_string())
                            };
                            if ch == 'O' {
                                out_file = arg;
                            }
                            break;
                        }
                        _ => {}
                    }
                }
            }
            _ => url = Some(a.clone()),
        }
        i += 1;
    }
    let Some(url) = url else {
        c.err("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n");
        return 1;
    };
    let Some(u) = parse_url(&url) else {
        c.err(format!("wget: not an http or ftp url: {url}\n"));
        return 1;
    };
    let Some(ip) = host_ip(c, &u.host) else {
        c.err(format!("wget: bad address '{}'\n", u.host));
        return 1;
    };
    if !quiet {
        c.err(format!(
            "Connecting to {} ({}:{})\n",
            u.host_port, ip, u.port
        ));
    }
    let req = u.request(headers);
    let resp = match c.sys.http(&req) {
        Ok(r) => r,
        Err(NetError::UnknownHost) => {
            c.err(format!("wget: bad address '{}'\n", u.host));
            return 1;
        }
        Err(NetError::Timeout) => {
            c.err("wget: download timed out\n");
            return 1;
        }
        Err(e) => {
            c.err(format!(
                "wget: can't connect to remote host ({ip}): {}\n",
                e.message()
            ));
            return 1;
        }
    };
    let _ = u.scheme;
    if resp.status >= 400 {
        c.err(format!(
            "wget: server returned error: HTTP/1.1 {} {}\n",
            resp.status,
            reason(resp.status)
        ));
        return 1;
    }
    if spider {
        if !quiet {
            c.err("remote file exists\n");
        }
        return 0;
    }
    let to_stdout = matches!(out_file.as_deref(), Some("-"));
    if to_stdout {
        if !quiet {
            c.err("writing to stdout\n");
        }
        c.out(resp.body.clone());
        if !quiet {
            c.err(progress_line("-", resp.body.len()));
            c.err("written to stdout\n");
        }
        return 0;
    }
    let fname = out_file.unwrap_or_else(|| {
        let last = u
            .path
            .split('?')
            .next()
            .unwrap_or("")
            .rsplit('/')
            .next()
            .unwrap_or("");
        if last.is_empty() {
            "index.html".to_string()
        } else {
            last.to_string()
        }
    });
    let path = c.path(&fname);
    let explicit = c.argv.iter().any(|a| a.starts_with("-O"));
    if !explicit && c.sys.kind(&path).is_some() {
        c.err(format!("wget: can't open '{fname}': File exists\n"));
        return 1;
    }
    if !quiet {
        c.err(format!("saving to '{fname}'\n"));
    }
    if let Err(e) = c.write_file(&path, &resp.body, false) {
        c.err(format!("wget: can't open '{fname}': {}\n", e.message()));
        return 1;
    }
    if !quiet {
        let shown = fname.rsplit('/').next().unwrap_or(&fname).to_string();
        c.err(progress_line(&shown, resp.body.len()));
        c.err(format!("'{fname}' saved\n"));
    }
    0
}

/// curl's options that take an argument (the next word, or the rest of a cluster like `-so`).
const CURL_ARG_SHORT: &str = "oHmXduAwTeEx";

pub fn curl(c: &mut Ctx) -> i32 {
    let mut silent = false;
    let mut show_error = false;
    let mut fail = false;
    let mut head = false;
    let mut out_file: Option<String> = None;
    let mut write_out: Option<String> = None;
    let mut remote_name = false;
    let mut url = None;
    let mut headers = Vec::new();
    let mut i = 1;
    while let Some(a) = c.argv.get(i).cloned() {
        let value = |i: &mut usize| {
            *i += 1;
            c.argv.get(*i).cloned()
        };
        match a.as_str() {
            "-o" | "--output" => out_file = value(&mut i),
            "-w" | "--write-out" => write_out = value(&mut i),
            "-H" | "--header" => {
                if let Some((k, v)) = value(&mut i).as_deref().and_then(|h| h.split_once(':')) {
                    headers.push((k.trim().to_string(), v.trim().to_string()));
                }
            }
            "-m" | "--max-time" | "--connect-timeout" | "-X" | "--request" | "-d" | "--data"
            | "-u" | "-A" | "--retry" => i += 1,
            "--silent" => silent = true,
            "--show-error" => show_error = true,
            "--fail" => fail = true,
            "--head" => head = true,
            s if s.starts_with("--") => {}
            s if s.starts_with('-') && s.len() > 1 => {
                for (at, ch) in s.char_indices().skip(1) {
                    if CURL_ARG_SHORT.contains(ch) {
                        // the rest of the cluster is the argument, else the next word
                        let rest = s.get(at + ch.len_utf8()..).unwrap_or_default();
                        let arg = if rest.is_empty() { value(&mut i) } else { Some(rest.to_string()) };
                        match ch {
                            'o' => out_file = arg,
                            'w' => write_out = arg,
                            'H' => {
                                if let Some((k, v)) = arg.as_deref().and_then(|h| h.split_once(':')) {
                                    headers.push((k.trim().to_string(), v.trim().to_string()));
                                }
                            }
                            _ => {}
                        }
                        break;
                    }
                    match ch {
                        's' => silent = true,
                        'S' => show_error = true,
                        'f' => fail = true,
                        'I' => head = true,
                        'O' => remote_name = true,
                        _ => {}
                    }
                }
            }
            _ => url = Some(a.clone()),
        }
        i += 1;
    }
    let show_err = !silent || show_error;
    let Some(url) = url else {
        c.err("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
        return 2;
    };
    let Some(u) = parse_url(&url) else {
        if show_err {
            c.err(format!(
                "curl: (1) Protocol \"{}\" not supported\n",
                url.split("://").next().unwrap_or("")
            ));
        }
        return 1;
    };
    let mut info = Transfer {
        url: format!("{}://{}{}", u.scheme, u.host_port, u.path),
        method: if head { "HEAD" } else { "GET" },
        ..Transfer::default()
    };
    let code = curl_transfer(c, &u, headers, (fail, head, silent, show_err), remote_name, out_file, &mut info);
    if let Some(fmt) = write_out {
        info.exit = code;
        curl_write_out(c, &fmt, &info);
    }
    code
}

/// What `--write-out` reports of a transfer.
#[derive(Default)]
struct Transfer {
    url: String,
    method: &'static str,
    status: u16,
    size: usize,
    remote: Option<(String, u16)>,
    exit: i32,
    error: String,
}

/// The transfer of `curl`: its exit code; what `-w` reports is filled in `info`.
fn curl_transfer(
    c: &mut Ctx,
    u: &Url,
    headers: Vec<(String, String)>,
    (fail, head, silent, show_err): (bool, bool, bool, bool),
    remote_name: bool,
    out_file: Option<String>,
    info: &mut Transfer,
) -> i32 {
    let mut error = |c: &mut Ctx, code: i32, msg: String| {
        if show_err {
            c.err(format!("curl: ({code}) {msg}\n"));
        }
        info.error = msg;
        code
    };
    let Some(ip) = host_ip(c, &u.host) else {
        return error(c, 6, format!("Could not resolve host: {}", u.host));
    };
    let req = u.request(headers);
    let resp = match c.sys.http(&req) {
        Ok(r) => r,
        Err(NetError::UnknownHost) => return error(c, 6, format!("Could not resolve host: {}", u.host)),
        Err(NetError::Timeout) => {
            return error(c, 28, format!("Failed to connect to {} port {} after 0 ms: Timeout was reached", u.host, u.port))
        }
        Err(_) => return error(c, 7, format!("Failed to connect to {} port {} after 0 ms: Couldn't connect to server", u.host, u.port)),
    };
    info.remote = Some((ip, u.port));
    info.status = resp.status;
    if fail && resp.status >= 400 {
        return error(c, 22, format!("The requested URL returned error: {}", resp.status));
    }
    if head {
        c.out(format!(
            "HTTP/1.1 {} {}\r\n\r\n",
            resp.status,
            reason(resp.status)
        ));
        return 0;
    }
    let target = if remote_name {
        Some(
            u.path
                .rsplit('/')
                .next()
                .filter(|s| !s.is_empty())
                .unwrap_or("index.html")
                .to_string(),
        )
    } else {
        out_file
    };
    if !silent {
        let n = resp.body.len();
        c.err(format!(
            "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100 {n:>5}  100 {n:>5}    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n"
        ));
    }
    info.size = resp.body.len();
    match target {
        Some(f) if f != "-" => {
            let p = c.path(&f);
            if let Err(e) = c.write_file(&p, &resp.body, false) {
                return error(c, 23, format!("Failure writing output to destination: {}", e.message()));
            }
        }
        _ => c.out(resp.body.clone()),
    }
    0
}

/// `--write-out`: the format with `%{variable}`s replaced, `%%` as `%`, and `\n`, `\r`, `\t`
/// escapes (curl's writeout.c and docs/cmdline-opts/write-out.md), written to stdout, or to
/// stderr after `%{stderr}`. The simulated network takes no time, so every `time_*` is
/// `0.000000`; curl's variables that are not modelled here print nothing and say so in a note; an
/// unknown name gets curl's warning.
fn curl_write_out(c: &mut Ctx, fmt: &str, t: &Transfer) {
    const UNMODELLED: &[&str] = &[
        "certs", "conn_id", "content_type", "filename_effective", "ftp_entry_path", "header_json", "http_connect", "json",
        "local_ip", "local_port", "num_certs", "num_connects", "num_headers", "num_retries", "onerror", "proxy_ssl_verify_result",
        "proxy_used", "redirect_url", "referer", "scheme", "size_header", "size_request", "size_upload", "speed_download",
        "speed_upload", "ssl_verify_result", "url", "url.host", "url.port", "urle.host", "urlnum", "xfer_id",
    ];
    let mut to_err = false;
    let mut out = (String::new(), String::new());
    let mut rest = fmt;
    while let Some(ch) = rest.chars().next() {
        let text: String = if let Some(r) = rest.strip_prefix("%%") {
            rest = r;
            "%".into()
        } else if let Some((name, r)) = rest.strip_prefix("%{").and_then(|r| r.split_once('}')) {
            rest = r;
            match name {
                "stderr" => {
                    to_err = true;
                    continue;
                }
                "stdout" => {
                    to_err = false;
                    continue;
                }
                "http_code" | "response_code" => format!("{:03}", t.status),
                "size_download" => t.size.to_string(),
                n if n.starts_with("time_") && matches!(&n[5..], "total" | "namelookup" | "connect" | "appconnect" | "pretransfer" | "starttransfer" | "redirect" | "queue" | "posttransfer") => {
                    c.sys.assume(crate::diag::Text::new(
                        "the simulated network takes no time: curl's time_* variables print 0.000000",
                        "模拟的网络不耗时：curl 的 time_* 变量输出 0.000000",
                    ));
                    "0.000000".into()
                }
                "url_effective" => t.url.clone(),
                "method" => t.method.into(),
                "http_version" => if t.status > 0 { "1.1".into() } else { "0".into() },
                "num_redirects" => "0".into(),
                "remote_ip" => t.remote.as_ref().map(|r| r.0.clone()).unwrap_or_default(),
                "remote_port" => t.remote.as_ref().map(|r| r.1.to_string()).unwrap_or_default(),
                "exitcode" => t.exit.to_string(),
                "errormsg" => t.error.clone(),
                n if UNMODELLED.contains(&n) => {
                    c.sys.assume(crate::diag::Text::new(
                        format!("curl's write-out variable {n} is not modelled: it printed nothing"),
                        format!("没有模拟 curl 的 write-out 变量 {n}：它什么也没输出"),
                    ));
                    String::new()
                }
                n => {
                    c.err(format!("curl: unknown --write-out variable: '{n}'\n"));
                    String::new()
                }
            }
        } else if let Some(r) = rest.strip_prefix('\\').filter(|r| r.starts_with(['n', 'r', 't'])) {
            rest = r.get(1..).unwrap_or_default();
            match r.chars().next() {
                Some('n') => "\n".into(),
                Some('r') => "\r".into(),
                _ => "\t".into(),
            }
        } else {
            rest = rest.get(ch.len_utf8()..).unwrap_or_default();
            ch.to_string()
        };
        if to_err { &mut out.1 } else { &mut out.0 }.push_str(&text);
    }
    if !out.0.is_empty() {
        c.out(out.0);
    }
    if !out.1.is_empty() {
        c.err(out.1);
    }
}

pub fn nc(c: &mut Ctx) -> i32 {
    let mut zero = false;
    let mut verbose = false;
    let mut listen = false;
    let mut ops = Vec::new();
    let mut i = 1;
    while let Some(a) = c.argv.get(i).cloned() {
        match a.as_str() {
            "-w" | "-i" | "-p" | "-s" | "-q" => i += 1,
            s if s.starts_with('-') && s.len() > 1 => {
                for ch in s.chars().skip(1) {
                    match ch {
                        'z' => zero = true,
                        'v' => verbose = true,
                        'l' => listen = true,
                        _ => {}
                    }
                }
            }
            _ => ops.push(a),
        }
        i += 1;
    }
    if listen || !zero {
        c.sys.assume(crate::diag::Text::new(
            "the playground models `nc -z HOST PORT` only; assuming this nc exits 0",
            "playground 只模拟了 `nc -z HOST PORT`；假定这次 nc 以 0 退出",
        ));
        return 0;
    }
    let (Some(host), Some(port)) = (
        ops.first().cloned(),
        ops.get(1).and_then(|p| p.parse::<u16>().ok()),
    ) else {
        c.err("nc: bad port\n");
        return 1;
    };
    let Some(ip) = host_ip(c, &host) else {
        c.err(format!("nc: bad address '{host}'\n"));
        return 1;
    };
    match c.sys.tcp_connect(&host, port) {
        Ok(()) => {
            if verbose {
                c.err(format!("{host} ({ip}:{port}) open\n"));
            }
            0
        }
        Err(e) => {
            if verbose {
                c.err(format!("nc: {host} ({ip}:{port}): {}\n", e.message()));
            }
            1
        }
    }
}
