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
            let (files, dirs) = image_files(k.name);
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
        },
    }
}

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
