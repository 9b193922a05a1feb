//! The program library the product runs: commands through the shell interpreter
//! ([`crate::shell`]).
//!
//! FIXME: the image library (`crate::programs::{image_info, entrypoint, exec}`: nginx, the
//! liveness test server, git-sync, …) is being written on the `shell` branch. Until it lands,
//! an image's own entrypoint (a container with neither `command` nor `args`) is assumed to run
//! until it is stopped, and every image is "unknown" (its pull time and size are assumed); each
//! such assumption is reported as a note of the run.

use crate::shell::{self, Config, Flavor, Stdin, Userland};
use crate::sim::process::{Poll, ProcInfo, Program, Signal, SignalOutcome, Sys};
use crate::sim::{timing, ImageInfo, Launch, Runtime};

/// See the module documentation.
#[derive(Clone, Copy, Debug, Default)]
pub struct DefaultRuntime;

/// `docker.io/library/nginx:latest` for `nginx` (the runtime's normalised reference).
pub fn normalize_image(image: &str) -> String {
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    let last = name.rsplit('/').next().unwrap_or(name);
    let has_tag = last.contains(':');
    let first = name.split('/').next().unwrap_or("");
    let has_registry =
        name.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let mut full = if has_registry {
        name.to_string()
    } else if name.contains('/') {
        format!("docker.io/{name}")
    } else {
        format!("docker.io/library/{name}")
    };
    if let Some(d) = digest {
        full.push('@');
        full.push_str(d);
    } else if !has_tag {
        full.push_str(":latest");
    }
    full
}

fn userland(image: &str) -> (Userland, Flavor) {
    let n = normalize_image(image);
    let base = n.rsplit('/').next().unwrap_or("");
    let repo = base.split([':', '@']).next().unwrap_or("");
    match repo {
        "busybox" | "alpine" => (Userland::Busybox, Flavor::Ash),
        "nginx" | "debian" | "ubuntu" | "mysql" | "tomcat" | "python" | "node" | "redis"
        | "httpd" => (Userland::Debian, Flavor::Dash),
        _ => (Userland::Unknown, Flavor::Ash),
    }
}

fn config(image: &str, stdin: bool, tty: bool, pid1: bool, cwd: Option<&str>) -> Config {
    let (userland, flavor) = userland(image);
    Config {
        flavor,
        userland,
        image: image.to_string(),
        pid1,
        stdin: match (stdin, tty) {
            (false, _) => Stdin::Closed,
            (true, false) => Stdin::Open,
            (true, true) => Stdin::Tty,
        },
        cwd: cwd.unwrap_or("/").to_string(),
        ..Config::default()
    }
}

impl Runtime for DefaultRuntime {
    fn image(&self, image: &str) -> ImageInfo {
        ImageInfo {
            known: false,
            name: normalize_image(image),
            user: "root".into(),
            pull_ms: timing::PULL_DEFAULT_MS,
            size_bytes: 0,
            files: Vec::new(),
            dirs: Vec::new(),
            env: vec![(
                "PATH".into(),
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
            )],
        }
    }

    fn entrypoint(&self, launch: &Launch) -> Box<dyn Program> {
        let mut argv: Vec<String> = launch.command.clone();
        argv.extend(launch.args.iter().cloned());
        if argv.is_empty() {
            let (userland, _) = userland(&launch.image);
            if userland == Userland::Busybox {
                // busybox/alpine's CMD is `sh`.
                argv.push("sh".into());
            } else {
                return Box::new(ImageDefault {
                    image: launch.image.clone(),
                    noted: false,
                });
            }
        }
        let cfg = config(
            &launch.image,
            launch.stdin,
            launch.tty,
            true,
            launch.working_dir.as_deref(),
        );
        shell::run_argv(cfg, &argv)
    }

    fn exec(&self, image: &str, argv: &[String]) -> Box<dyn Program> {
        shell::run_argv(config(image, false, false, false, None), argv)
    }
}

/// An image's own entrypoint that the playground does not model: it runs until stopped.
struct ImageDefault {
    image: String,
    noted: bool,
}

impl Program for ImageDefault {
    fn poll(&mut self, sys: &mut dyn Sys) -> Poll {
        if !self.noted {
            self.noted = true;
            sys.assume(&format!(
                "the entrypoint of image {} is not modelled: it is assumed to run until it is stopped, without listening or printing",
                self.image
            ));
        }
        Poll::Idle
    }

    fn signal(&mut self, signal: Signal) -> SignalOutcome {
        match signal {
            Signal::Kill => SignalOutcome::Exit {
                code: 137,
                after_ms: 0,
            },
            Signal::Term => SignalOutcome::Exit {
                code: 143,
                after_ms: 0,
            },
            Signal::Quit => SignalOutcome::Exit {
                code: 0,
                after_ms: 0,
            },
        }
    }

    fn processes(&self) -> Vec<ProcInfo> {
        vec![ProcInfo {
            command: format!("({} entrypoint)", self.image),
            user: "root".into(),
        }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn image_references_normalise_like_the_runtime() {
        assert_eq!(normalize_image("nginx"), "docker.io/library/nginx:latest");
        assert_eq!(
            normalize_image("nginx:1.27"),
            "docker.io/library/nginx:1.27"
        );
        assert_eq!(
            normalize_image("nigelpoulton/web-app:1.0"),
            "docker.io/nigelpoulton/web-app:1.0"
        );
        assert_eq!(
            normalize_image("k8s.gcr.io/busybox"),
            "k8s.gcr.io/busybox:latest"
        );
        assert_eq!(
            normalize_image("localhost:5000/app"),
            "localhost:5000/app:latest"
        );
        assert_eq!(
            normalize_image("busybox@sha256:ab"),
            "docker.io/library/busybox@sha256:ab"
        );
    }
}
