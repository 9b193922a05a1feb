//! The program library the product runs: [`crate::programs`] (the behaviour of known images and
//! Kubernetes' `command`/`args` rule) with the shell interpreter for scripts.

use crate::programs::{self, Spawn};
use crate::sim::process::Program;
use crate::sim::{ImageInfo, Launch, Runtime};

/// See the module documentation.
#[derive(Clone, Copy, Debug, Default)]
pub struct DefaultRuntime;

impl Runtime for DefaultRuntime {
    fn image(&self, image: &str) -> ImageInfo {
        let info = programs::image_info(image);
        // The library derives pull times from the images' compressed sizes; the size the kubelet
        // reports is read back from it.
        let size_bytes = info.pull_ms.saturating_sub(programs::PULL_BASE_MS)
            * programs::PULL_BYTES_PER_SEC
            / 1000;
        ImageInfo {
            known: info.known,
            name: crate::image::split(image).normalized(),
            user: info.user.to_string(),
            pull_ms: info.pull_ms,
            size_bytes,
            files: info.files,
            dirs: info.dirs,
            programs: info.programs,
            userland: info.userland,
            env: vec![(
                "PATH".into(),
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
            )],
        }
    }

    fn entrypoint(&self, launch: &Launch) -> Box<dyn Program> {
        programs::entrypoint(&Spawn {
            image: &launch.image,
            command: &launch.command,
            args: &launch.args,
            stdin: launch.stdin,
            tty: launch.tty,
            declared_ports: &launch.declared_ports,
            working_dir: launch.working_dir.as_deref(),
        })
    }

    fn exec(&self, image: &str, argv: &[String]) -> Box<dyn Program> {
        programs::exec(image, argv)
    }
}

/// What runc (through containerd) answers when an exec cannot start its process, e.g. the
/// executable is not in the image (`err`: `exec: "x": executable file not found in $PATH`):
/// the text a failed exec probe's event and `kubectl exec`'s error carry.
pub(crate) fn oci_exec_error(err: &str) -> String {
    format!("OCI runtime exec failed: exec failed: unable to start container process: {err}: unknown")
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn images_come_from_the_program_library() {
        let nginx = DefaultRuntime.image("nginx");
        assert!(nginx.known);
        assert_eq!(nginx.size_bytes, 68_000_000);
        assert!(nginx
            .files
            .iter()
            .any(|(p, _)| p == "/usr/share/nginx/html/index.html"));
        assert!(!DefaultRuntime.image("example_image").known);
    }
}

