//! What known images do when they run (nginx, busybox, the liveness test server, …), as
//! programs, and how a container's command line is chosen (Kubernetes `command`/`args` against
//! the image's `ENTRYPOINT`/`CMD`).
//!
//! ## Images
//! | repository | ENTRYPOINT / CMD | userland | model | pull (compressed size) | memory |
//! |---|---|---|---|---|---|
//! | `pause` | `/pause` | – | sleeps until TERM | 0.3 MB | 0.3 MiB |
//! | `busybox` | CMD `sh` | busybox | shell | 2.2 MB | 0.5 MiB (sh) |
//! | `alpine` | CMD `/bin/sh` | busybox | shell | 3.6 MB | 0.5 MiB |
//! | `nginx` | `/docker-entrypoint.sh` / `nginx -g daemon off;` | Debian + curl | [`nginx`] | 68 MB | 3 MiB master + 2 MiB per worker |
//! | `httpd` | CMD `httpd-foreground` | Debian | static server on 80 | 58 MB | 8 MiB |
//! | `tomcat` | CMD `catalina.sh run` | Debian | server on 8080 after 3 s | 160 MB | 120 MiB |
//! | `kubeguide/tomcat-app` | CMD `catalina.sh run` | Debian | server on 8080 after 3 s | 110 MB | 120 MiB |
//! | `redis` | `docker-entrypoint.sh` / `redis-server` | Debian | server on 6379 | 45 MB | 8 MiB |
//! | `mysql` | `docker-entrypoint.sh` / `mysqld` | Debian | needs a password env; 3306 | 170 MB | 350 MiB |
//! | `k8s.gcr.io/liveness`, `agnhost liveness` | CMD `/server` / `/agnhost` | – | `/healthz` 200 for 10 s, then 500 | 3 MB / 50 MB | 5 MiB |
//! | `polinux/stress` | CMD `stress` | busybox | `--vm-bytes` memory, `--cpu` cores | 4 MB | 1 MiB + vm bytes |
//! | `git-sync` | `/git-sync` | – | simulated checkout, re-sync every GIT_SYNC_WAIT (1 s) | 25 MB | 10 MiB |
//! | `nigelpoulton/k8sbook`, `nigelpoulton/web-app` | CMD `node app.js` | Debian | web app on 8080 | 30 MB | 40 MiB |
//! | `geektime/sample`, `sample` | CMD `sh` | busybox | provides `/sample.war` | 3 MB | 0.5 MiB |
//!
//! Sizes are the images' approximate compressed sizes on Docker Hub (linux/amd64); pull time
//! is [`PULL_BASE_MS`] plus the size at [`PULL_BYTES_PER_SEC`]. Memory figures are approximate
//! resident set sizes of an idle process, reported through `Sys::set_memory`.

mod nginx;
mod servers;

use crate::os::{Program, Proto};
use crate::shell::{self, Config, Flavor, Found, Resolver, Stdin, Userland};
use std::rc::Rc;

/// Simulated pull bandwidth (≈ 20 MB/s).
pub const PULL_BYTES_PER_SEC: u64 = 20_000_000;
/// Fixed cost of a pull (registry round trips, manifest, unpacking start).
pub const PULL_BASE_MS: u64 = 500;

pub struct ImageInfo {
    /// The reference as written.
    pub reference: String,
    /// False for an image the playground does not know (the UI says what was assumed).
    pub known: bool,
    /// The model used (`nginx`, `busybox`, `unknown`, …).
    pub name: &'static str,
    /// User of PID 1 for `ps`.
    pub user: &'static str,
    /// Simulated pull time.
    pub pull_ms: u64,
    /// Initial root file system content.
    pub files: Vec<(String, String)>,
    pub dirs: Vec<String>,
    /// The image's ENTRYPOINT and CMD.
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    pub userland: Userland,
    /// The image's programs, by path (`/bin/ls`), sorted: the layer under each container's file
    /// system ([`crate::sim::fs::Fs::set_programs`]), shared, never copied.
    pub programs: Rc<[String]>,
}

/// Static facts of a known image.
struct Known {
    name: &'static str,
    /// Repository names (last path components) it matches.
    repos: &'static [&'static str],
    entrypoint: &'static [&'static str],
    cmd: &'static [&'static str],
    user: &'static str,
    size_mb: u64,
    userland: Userland,
}

static KNOWN: &[Known] = &[
    Known {
        name: "pause",
        repos: &["pause"],
        entrypoint: &["/pause"],
        cmd: &[],
        user: "65535",
        size_mb: 0,
        userland: Userland::Debian,
    },
    Known {
        name: "busybox",
        repos: &["busybox"],
        entrypoint: &[],
        cmd: &["sh"],
        user: "root",
        size_mb: 2,
        userland: Userland::Busybox,
    },
    Known {
        name: "alpine",
        repos: &["alpine"],
        entrypoint: &[],
        cmd: &["/bin/sh"],
        user: "root",
        size_mb: 4,
        userland: Userland::Busybox,
    },
    Known {
        // curlimages/curl: Alpine with curl; its entrypoint script hands the arguments to curl.
        name: "curl",
        repos: &["curl"],
        entrypoint: &["curl"],
        cmd: &[],
        user: "curl_user",
        size_mb: 10,
        userland: Userland::Busybox,
    },
    Known {
        name: "nginx",
        repos: &["nginx"],
        entrypoint: &["/docker-entrypoint.sh"],
        cmd: &["nginx", "-g", "daemon off;"],
        user: "root",
        size_mb: 68,
        userland: Userland::Debian,
    },
    Known {
        name: "httpd",
        repos: &["httpd"],
        entrypoint: &[],
        cmd: &["httpd-foreground"],
        user: "root",
        size_mb: 58,
        userland: Userland::Debian,
    },
    Known {
        name: "tomcat-app",
        repos: &["tomcat-app"],
        entrypoint: &[],
        cmd: &["catalina.sh", "run"],
        user: "root",
        size_mb: 110,
        userland: Userland::Debian,
    },
    Known {
        name: "tomcat",
        repos: &["tomcat"],
        entrypoint: &[],
        cmd: &["catalina.sh", "run"],
        user: "root",
        size_mb: 160,
        userland: Userland::Debian,
    },
    Known {
        name: "redis",
        repos: &["redis"],
        entrypoint: &["docker-entrypoint.sh"],
        cmd: &["redis-server"],
        user: "redis",
        size_mb: 45,
        userland: Userland::Debian,
    },
    Known {
        name: "mysql",
        repos: &["mysql"],
        entrypoint: &["docker-entrypoint.sh"],
        cmd: &["mysqld"],
        user: "mysql",
        size_mb: 170,
        userland: Userland::Debian,
    },
    Known {
        name: "liveness",
        repos: &["liveness"],
        entrypoint: &[],
        cmd: &["/server"],
        user: "root",
        size_mb: 3,
        userland: Userland::Unknown,
    },
    Known {
        name: "agnhost",
        repos: &["agnhost"],
        entrypoint: &["/agnhost"],
        cmd: &[],
        user: "root",
        size_mb: 50,
        userland: Userland::Busybox,
    },
    Known {
        name: "stress",
        repos: &["stress"],
        entrypoint: &[],
        cmd: &["stress"],
        user: "root",
        size_mb: 4,
        userland: Userland::Busybox,
    },
    Known {
        name: "git-sync",
        repos: &["git-sync"],
        entrypoint: &["/git-sync"],
        cmd: &[],
        user: "65533",
        size_mb: 25,
        userland: Userland::Unknown,
    },
    Known {
        name: "k8sbook",
        repos: &["k8sbook", "web-app"],
        entrypoint: &[],
        cmd: &["node", "app.js"],
        user: "root",
        size_mb: 30,
        userland: Userland::Debian,
    },
    Known {
        name: "sample",
        repos: &["sample"],
        entrypoint: &[],
        cmd: &["sh"],
        user: "root",
        size_mb: 3,
        userland: Userland::Busybox,
    },
];

fn known_for(image: &str) -> Option<&'static Known> {
    let last = crate::image::split(image).name().to_ascii_lowercase();
    // `registry.k8s.io/e2e-test-images/agnhost` and `k8s.gcr.io/liveness` are matched by name
    KNOWN.iter().find(|k| k.repos.contains(&last.as_str()))
}

/// What the playground knows about an image.
pub fn image_info(image: &str) -> ImageInfo {
    match known_for(image) {
        Some(k) => {
            let alpine_variant = crate::image::split(image)
                .tag
                .is_some_and(|t| t.contains("alpine"));
            let mut userland = k.userland;
            if alpine_variant {
                userland = Userland::Busybox;
            }
            let (mut files, mut dirs) = image_files(k.name);
            let programs: Rc<[String]> = if alpine_variant { Rc::from(Vec::new()) } else { Rc::from(image_programs(k.name, userland)) };
            if userland == Userland::Debian && !alpine_variant {
                // merged /usr (Debian 12): /bin, /sbin and /lib are links into /usr
                dirs.extend(MERGED_USR.iter().flat_map(|(l, t)| [l.to_string(), format!("/{t}")]));
                // the accounts of the images whose additions are known (nginx adds its user;
                // httpd runs as Debian's www-data); the others add users of their own (redis,
                // mysql, node) and get no /etc/passwd rather than an incomplete one
                if matches!(k.name, "nginx" | "httpd") {
                    files.push(("/etc/passwd".into(), debian_passwd(k.name)));
                    files.push(("/etc/group".into(), debian_group(k.name)));
                }
            }
            let size = if k.name == "pause" {
                300_000
            } else {
                k.size_mb * 1_000_000
            };
            ImageInfo {
                reference: image.to_string(),
                known: true,
                name: k.name,
                user: k.user,
                pull_ms: PULL_BASE_MS + size * 1000 / PULL_BYTES_PER_SEC,
                files,
                dirs,
                entrypoint: k.entrypoint.iter().map(|s| s.to_string()).collect(),
                cmd: k.cmd.iter().map(|s| s.to_string()).collect(),
                userland,
                programs,
            }
        }
        None => ImageInfo {
            reference: image.to_string(),
            known: false,
            name: "unknown",
            user: "root",
            pull_ms: PULL_BASE_MS + 50_000_000 * 1000 / PULL_BYTES_PER_SEC,
            files: Vec::new(),
            dirs: Vec::new(),
            entrypoint: Vec::new(),
            cmd: Vec::new(),
            userland: Userland::Unknown,
            programs: Rc::from(Vec::new()),
        },
    }
}

/// The model name of an image (`busybox`, `nginx`, `unknown`).
pub fn model_name(image: &str) -> &'static str {
    known_for(image).map_or("unknown", |k| k.name)
}

/// Debian 12's merged /usr: these top-level directories are symbolic links (`/bin -> usr/bin`).
pub const MERGED_USR: [(&str, &str); 3] = [("/bin", "usr/bin"), ("/lib", "usr/lib"), ("/sbin", "usr/sbin")];

/// The link target of a merged-/usr directory of a Debian image (`/bin` → `usr/bin`).
pub fn usr_link(userland: Userland, path: &str) -> Option<&'static str> {
    if userland != Userland::Debian {
        return None;
    }
    MERGED_USR.iter().find(|(l, _)| *l == path).map(|(_, t)| *t)
}

/// `path` (normalised) with a merged-/usr link of a Debian image followed: `/bin/sh` →
/// `/usr/bin/sh`.
pub fn follow_usr_links(userland: Userland, path: String) -> String {
    if userland != Userland::Debian {
        return path;
    }
    for (l, t) in MERGED_USR {
        if let Some(rest) = path.strip_prefix(l) {
            if rest.is_empty() || rest.starts_with('/') {
                return format!("/{t}{rest}");
            }
        }
    }
    path
}

/// Where an image keeps the command `name` (what `which` prints, and where the image's
/// programs are seeded): the busybox image installs every applet in /bin (docker-library's
/// builder runs `busybox --install /bin`); a Debian 12 image keeps its programs in /usr/bin (and
/// nginx in /usr/sbin: PATH lists /usr/sbin first); other busybox-based images (alpine) put a few
/// applets in /usr/bin as alpine's busybox does.
pub fn command_dir(image: &str, userland: Userland, name: &str) -> &'static str {
    if model_name(image) == "busybox" {
        return "/bin";
    }
    match userland {
        Userland::Debian if name == "nginx" => "/usr/sbin",
        Userland::Debian => "/usr/bin",
        _ if matches!(
            name,
            "env" | "wc" | "head" | "tail" | "seq" | "expr" | "id" | "whoami" | "yes" | "nslookup" | "wget" | "nc" | "curl" | "tee"
        ) =>
        {
            "/usr/bin"
        }
        _ => "/bin",
    }
}

/// Whether the file system of image `name` (a model name) holds its programs (the busybox
/// image and the Debian ones): the shell then finds commands through PATH in it.
pub fn models_programs(name: &str, userland: Userland) -> bool {
    name == "busybox" || userland == Userland::Debian
}

/// The program an image holds besides its userland's commands (busybox itself, nginx).
fn own_program(name: &str, userland: Userland) -> Option<&'static str> {
    match (name, userland) {
        ("busybox", _) => Some("busybox"),
        ("nginx", Userland::Debian) => Some("nginx"),
        _ => None,
    }
}

/// Whether `cmd` is one of the programs the file system of image `name` holds when the
/// image is created (so removing it makes it missing); other names are programs of the image
/// the playground runs without a file for them (`node` in a Node.js image).
pub fn holds_program(name: &str, userland: Userland, cmd: &str) -> bool {
    models_programs(name, userland)
        && (shell::commands::names(userland).binary_search(&cmd).is_ok() || own_program(name, userland) == Some(cmd))
}

/// The programs an image holds, by path: every busybox applet and busybox itself in the
/// busybox image; the Debian userland's commands (plus nginx) in a Debian image.
fn image_programs(name: &str, userland: Userland) -> Vec<String> {
    if !models_programs(name, userland) {
        return Vec::new();
    }
    let mut list: Vec<&str> = shell::commands::names(userland).to_vec();
    list.extend(own_program(name, userland));
    let mut paths: Vec<String> = list.iter().map(|c| format!("{}/{c}", command_dir(name, userland, c))).collect();
    crate::sort::sort(&mut paths);
    paths
}

/// Debian 12's /etc/passwd (base-passwd 3.6's master file, as bookworm images ship it), with
/// the user the nginx image's Dockerfile adds (`useradd --system --uid 101 … --comment "nginx
/// user" --shell /bin/false nginx`).
fn debian_passwd(name: &str) -> String {
    let mut t = String::from(
        "root:x:0:0:root:/root:/bin/bash\n\
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n\
bin:x:2:2:bin:/bin:/usr/sbin/nologin\n\
sys:x:3:3:sys:/dev:/usr/sbin/nologin\n\
sync:x:4:65534:sync:/bin:/bin/sync\n\
games:x:5:60:games:/usr/games:/usr/sbin/nologin\n\
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin\n\
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin\n\
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin\n\
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin\n\
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin\n\
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin\n\
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n\
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin\n\
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin\n\
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin\n\
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\n\
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
    );
    if name == "nginx" {
        t.push_str("nginx:x:101:101:nginx user:/nonexistent:/bin/false\n");
    }
    t
}

/// Debian 12's /etc/group (base-passwd's master file), with the nginx image's group.
fn debian_group(name: &str) -> String {
    let mut t = String::new();
    for (g, id) in [
        ("root", 0), ("daemon", 1), ("bin", 2), ("sys", 3), ("adm", 4), ("tty", 5), ("disk", 6), ("lp", 7),
        ("mail", 8), ("news", 9), ("uucp", 10), ("man", 12), ("proxy", 13), ("kmem", 15), ("dialout", 20),
        ("fax", 21), ("voice", 22), ("cdrom", 24), ("floppy", 25), ("tape", 26), ("sudo", 27), ("audio", 29),
        ("dip", 30), ("www-data", 33), ("backup", 34), ("operator", 37), ("list", 38), ("irc", 39), ("src", 40),
        ("shadow", 42), ("utmp", 43), ("video", 44), ("sasl", 45), ("plugdev", 46), ("staff", 50), ("games", 60),
        ("users", 100), ("nogroup", 65534),
    ] {
        t.push_str(&format!("{g}:x:{id}:\n"));
    }
    if name == "nginx" {
        t.push_str("nginx:x:101:\n");
    }
    t
}

/// The busybox image's /etc/passwd and /etc/group (buildroot's skeleton, which
/// docker-library/busybox installs; as `kubectl exec POD -- cat /etc/passwd` prints it, and as
/// runc's integration tests seed a busybox root file system).
const BUSYBOX_PASSWD: &str = "root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
";
const BUSYBOX_GROUP: &str = "root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nobody:x:65534:
";

fn image_files(name: &str) -> (Vec<(String, String)>, Vec<String>) {
    let f = |p: &str, c: &str| (p.to_string(), c.to_string());
    let d = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match name {
        "nginx" => (
            vec![
                f("/etc/nginx/nginx.conf", nginx::NGINX_CONF),
                f("/etc/nginx/conf.d/default.conf", nginx::DEFAULT_CONF),
                f("/usr/share/nginx/html/index.html", nginx::INDEX_HTML),
                f("/usr/share/nginx/html/50x.html", nginx::HTML_50X),
            ],
            d(&[
                "/etc/nginx",
                "/etc/nginx/conf.d",
                "/usr/share/nginx",
                "/usr/share/nginx/html",
                "/var/log/nginx",
                "/var/cache/nginx",
                "/docker-entrypoint.d",
            ]),
        ),
        "httpd" => (
            vec![f(
                "/usr/local/apache2/htdocs/index.html",
                "<html><body><h1>It works!</h1></body></html>\n",
            )],
            d(&[
                "/usr/local/apache2",
                "/usr/local/apache2/htdocs",
                "/usr/local/apache2/conf",
            ]),
        ),
        "tomcat" | "tomcat-app" => (
            Vec::new(),
            d(&[
                "/usr/local/tomcat",
                "/usr/local/tomcat/webapps",
                "/usr/local/tomcat/bin",
                "/usr/local/tomcat/conf",
            ]),
        ),
        "sample" => (
            vec![f(
                "/sample.war",
                "(the playground's stand-in for the sample web application archive)\n",
            )],
            Vec::new(),
        ),
        "mysql" => (
            Vec::new(),
            d(&["/var/lib/mysql", "/docker-entrypoint-initdb.d"]),
        ),
        "redis" => (Vec::new(), d(&["/data"])),
        "busybox" => (
            vec![f("/etc/passwd", BUSYBOX_PASSWD), f("/etc/group", BUSYBOX_GROUP)],
            d(&["/home", "/usr/sbin"]),
        ),
        _ => (Vec::new(), Vec::new()),
    }
}

/// What a container starts with.
pub struct Spawn<'a> {
    pub image: &'a str,
    pub command: &'a [String],
    pub args: &'a [String],
    pub stdin: bool,
    pub tty: bool,
    pub declared_ports: &'a [(u16, Proto)],
    pub working_dir: Option<&'a str>,
}

/// The argv the container runs: Kubernetes' rule for `command`/`args` against the image's
/// ENTRYPOINT/CMD. No command and no args → ENTRYPOINT + CMD; args only → ENTRYPOINT + args;
/// command set → command + args (the image's CMD is ignored).
pub fn container_argv(info: &ImageInfo, command: &[String], args: &[String]) -> Vec<String> {
    if !command.is_empty() {
        let mut v = command.to_vec();
        v.extend(args.iter().cloned());
        v
    } else if !args.is_empty() {
        let mut v = info.entrypoint.clone();
        v.extend(args.iter().cloned());
        v
    } else {
        let mut v = info.entrypoint.clone();
        v.extend(info.cmd.iter().cloned());
        v
    }
}

fn config_for(
    info: &ImageInfo,
    spawn_stdin: Stdin,
    pid1: bool,
    cwd: &str,
    ports: Vec<(u16, Proto)>,
) -> Config {
    let flavor = if info.userland == Userland::Debian {
        Flavor::Dash
    } else {
        Flavor::Ash
    };
    let name = info.name;
    let reference = info.reference.clone();
    let user = info.user.to_string();
    let resolver: Resolver = Rc::new(move |argv: &[String], fallback: bool| {
        resolve(name, &reference, &user, &ports, argv, fallback)
    });
    Config {
        flavor,
        userland: info.userland,
        extra_commands: if name == "nginx" || name == "curl" {
            &["curl"]
        } else {
            &[]
        },
        user: if info.user.chars().all(|c| c.is_ascii_digit()) {
            "root".into()
        } else {
            info.user.to_string()
        },
        uid: user_id(info.user),
        image: info.reference.clone(),
        resolver: Some(resolver),
        pid1,
        stdin: spawn_stdin,
        cwd: cwd.to_string(),
    }
}

/// The program a container starts with.
pub fn entrypoint(spec: &Spawn) -> Box<dyn Program> {
    let info = image_info(spec.image);
    let argv = container_argv(&info, spec.command, spec.args);
    let stdin = match (spec.stdin, spec.tty) {
        (false, _) => Stdin::Closed,
        (true, false) => Stdin::Open,
        (true, true) => Stdin::Tty,
    };
    let cwd = spec.working_dir.unwrap_or(match info.name {
        "tomcat" | "tomcat-app" => "/usr/local/tomcat",
        "redis" => "/data",
        _ => "/",
    });
    let cfg = config_for(&info, stdin, true, cwd, spec.declared_ports.to_vec());
    if argv.is_empty() {
        // an unknown image with no command: it is assumed to run until stopped
        return Box::new(servers::Unknown::new(
            &info.reference,
            spec.declared_ports.to_vec(),
            true,
        ));
    }
    shell::run_argv(cfg, &argv)
}

/// A command run inside a running container (`exec` probes, lifecycle hooks).
pub fn exec(image: &str, argv: &[String]) -> Box<dyn Program> {
    let info = image_info(image);
    let cfg = config_for(&info, Stdin::Closed, false, "/", Vec::new());
    shell::run_argv(cfg, argv)
}

/// The numeric id of an image's user (what `id` prints): the images' `/etc/passwd` entries.
fn user_id(user: &str) -> u32 {
    match user {
        "root" => 0,
        "nginx" => 101,
        "nobody" => 65534,
        _ => 1000,
    }
}

/// The seed `javaweb-2` starts tomcat through `/root/apache-tomcat-7.0.42-v2/bin/start.sh`
/// from a custom image: a `start.sh` under a tomcat directory of a tomcat image is assumed to be
/// that image's start script, which runs `catalina.sh run`.
const TOMCAT_START_SCRIPT: (&str, &str) = (
    "the tomcat start script is not in the playground's image; assuming it is the image's own script that runs `catalina.sh run` (the seed uses a custom image)",
    "playground 的镜像里没有这个 tomcat 启动脚本；假定它是镜像自带、运行 `catalina.sh run` 的脚本（笔记用的是自定义镜像）",
);

/// The image's own programs for a command name (see [`Resolver`]).
fn resolve(
    model: &'static str,
    reference: &str,
    user: &str,
    ports: &[(u16, Proto)],
    argv: &[String],
    fallback: bool,
) -> Option<Found> {
    let cmd = argv.first()?;
    if fallback
        && matches!(model, "tomcat" | "tomcat-app")
        && cmd.contains("tomcat")
        && cmd.ends_with("/start.sh")
    {
        return Some(Found {
            program: Box::new(servers::Server::tomcat(model == "tomcat-app")),
            assumed: Some(TOMCAT_START_SCRIPT),
        });
    }
    let base = cmd.rsplit('/').next().unwrap_or(cmd);
    let args = argv.get(1..).unwrap_or(&[]);
    let p: Box<dyn Program> = match (model, base) {
        ("pause", "pause") => Box::new(servers::Pause),
        ("nginx", "docker-entrypoint.sh")
            if args
                .first()
                .is_some_and(|a| a == "nginx" || a == "nginx-debug") =>
        {
            Box::new(nginx::Nginx::new(args, true))
        }
        ("nginx", "nginx" | "nginx-debug") => nginx::command(args),
        ("httpd", "httpd-foreground" | "httpd") => Box::new(servers::Server::httpd()),
        ("tomcat" | "tomcat-app", "catalina.sh") => {
            Box::new(servers::Server::tomcat(model == "tomcat-app"))
        }
        ("redis", "docker-entrypoint.sh" | "redis-server") => {
            if base == "docker-entrypoint.sh" && args.first().is_some_and(|a| a != "redis-server") {
                return None;
            }
            Box::new(servers::Server::redis())
        }
        ("mysql", "docker-entrypoint.sh" | "mysqld") => {
            if base == "docker-entrypoint.sh" && args.first().is_some_and(|a| a != "mysqld") {
                return None;
            }
            Box::new(servers::Mysql::new())
        }
        ("liveness", "server") => Box::new(servers::Liveness::new()),
        ("agnhost", "agnhost") if args.first().is_some_and(|a| a == "liveness") => {
            Box::new(servers::Liveness::new())
        }
        ("stress", "stress") => Box::new(servers::Stress::new(args)),
        ("git-sync", "git-sync") => Box::new(servers::GitSync::new(user)),
        ("k8sbook", "node" | "npm") => Box::new(servers::Server::node_app(reference)),
        ("unknown", _) if fallback => {
            Box::new(servers::Unknown::new(reference, ports.to_vec(), false))
        }
        _ => return None,
    };
    Some(Found::program(p))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn references() {
        assert_eq!(image_info("k8s.gcr.io/busybox").name, "busybox");
        assert_eq!(
            image_info("docker.io/library/nginx:1.27@sha256:abc").name,
            "nginx"
        );
        assert_eq!(image_info("nginx:1.27-alpine").userland, Userland::Busybox);
        assert_eq!(image_info("busybox:1.36").name, "busybox");
        assert_eq!(
            image_info("registry.k8s.io/e2e-test-images/agnhost:2.40").name,
            "agnhost"
        );
        assert_eq!(image_info("kubeguide/tomcat-app:v1").name, "tomcat-app");
        assert_eq!(image_info("geektime/tomcat:7.0").name, "tomcat");
        assert!(!image_info("example_image").known);
    }

    #[test]
    fn command_and_args_rule() {
        let nginx = image_info("nginx");
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            container_argv(&nginx, &[], &[]),
            s(&["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"])
        );
        assert_eq!(
            container_argv(&nginx, &[], &s(&["nginx-debug"])),
            s(&["/docker-entrypoint.sh", "nginx-debug"])
        );
        assert_eq!(
            container_argv(&nginx, &s(&["sh"]), &s(&["-c", "x"])),
            s(&["sh", "-c", "x"])
        );
        let bb = image_info("k8s.gcr.io/busybox");
        assert_eq!(
            container_argv(&bb, &[], &s(&["/bin/sh", "-c", "x"])),
            s(&["/bin/sh", "-c", "x"])
        );
    }
}
