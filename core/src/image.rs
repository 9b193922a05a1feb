//! Container image references (`registry:5000/team/app:1.2@sha256:…`): the one parser, used by
//! defaulting (the pull policy), the container runtime (the reference it resolves and reports)
//! and the program library (which image is running).
//!
//! [`split`] cuts any text into domain, path, tag and digest the way docker's reference package
//! does (`splitDockerDomain`, the tag after the last `:` of the last path component, the digest
//! after `@`); [`parse_image_name`] adds the validation of `pkg/util/parsers.ParseImageName`.

/// An image reference cut into its parts, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference<'a> {
    /// The registry when the first path component names one: it contains `.` or `:`, is
    /// `localhost`, or has capitals (docker's `splitDockerDomain`).
    pub domain: Option<&'a str>,
    /// The repository path after the domain (`nginx`, `team/app`).
    pub path: &'a str,
    /// The tag after `:` (`Some("")` for a trailing `:`).
    pub tag: Option<&'a str>,
    /// The digest after `@` (`sha256:…`).
    pub digest: Option<&'a str>,
}

/// Docker Hub, where a reference without a registry points.
pub const DEFAULT_DOMAIN: &str = "docker.io";

/// Cuts any text into a [`Reference`] (nothing is validated).
pub fn split(image: &str) -> Reference<'_> {
    let (rest, digest) = match image.split_once('@') {
        Some((r, dg)) => (r, Some(dg)),
        None => (image, None),
    };
    // A tag follows the last ':' that comes after the last '/'.
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let tail = rest.get(last_slash..).unwrap_or("");
    let (name, tag) = match tail.rfind(':') {
        Some(i) => {
            let at = last_slash + i;
            (rest.get(..at).unwrap_or(rest), rest.get(at + 1..))
        }
        None => (rest, None),
    };
    let (domain, path) = match name.split_once('/') {
        Some((first, more))
            if first.contains(['.', ':'])
                || first == "localhost"
                || first.to_lowercase() != first =>
        {
            (Some(first), more)
        }
        _ => (None, name),
    };
    Reference {
        domain,
        path,
        tag,
        digest,
    }
}

impl Reference<'_> {
    /// The registry, normalised (`docker.io` when none is given, `index.docker.io` → `docker.io`).
    pub fn registry(&self) -> &str {
        match self.domain {
            None | Some("index.docker.io") => DEFAULT_DOMAIN,
            Some(d) => d,
        }
    }

    /// The repository with its registry as `ParseNormalizedNamed` writes it
    /// (`nginx` → `docker.io/library/nginx`).
    pub fn repository(&self) -> String {
        let registry = self.registry();
        if registry == DEFAULT_DOMAIN && !self.path.contains('/') {
            format!("{registry}/library/{}", self.path)
        } else {
            format!("{registry}/{}", self.path)
        }
    }

    /// The repository's last path component (`registry.k8s.io/e2e-test-images/agnhost` →
    /// `agnhost`).
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(self.path)
    }

    /// The tag, `latest` when neither a tag nor a digest is given, empty with only a digest.
    pub fn tag_or_latest(&self) -> &str {
        match (self.tag, self.digest) {
            (Some(t), _) if !t.is_empty() => t,
            (_, None) => "latest",
            _ => "",
        }
    }

    /// The fully qualified reference a container runtime resolves
    /// (`nginx` → `docker.io/library/nginx:latest`, `busybox@sha256:…` →
    /// `docker.io/library/busybox@sha256:…`).
    pub fn normalized(&self) -> String {
        let mut full = self.repository();
        let tag = self.tag_or_latest();
        if !tag.is_empty() {
            full.push(':');
            full.push_str(tag);
        }
        if let Some(d) = self.digest {
            full.push('@');
            full.push_str(d);
        }
        full
    }
}

/// An image reference split as `parsers.ParseImageName` splits it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageName {
    /// The fully qualified repository (`docker.io/library/nginx`).
    pub repository: String,
    /// The tag; `latest` when neither a tag nor a digest is given, empty with only a digest.
    pub tag: String,
    /// The digest (`sha256:…`), or empty.
    pub digest: String,
}

/// `pkg/util/parsers.ParseImageName`: docker's `ParseNormalizedNamed` (a domain is the first
/// path component when it contains `.` or `:` or is `localhost`; otherwise `docker.io` and, for
/// a single component, `library/`), then the tag and digest. `None` when the reference is not
/// valid (uppercase repository, bad characters, a 64-hex-digit name, …).
pub fn parse_image_name(image: &str) -> Option<ImageName> {
    if image.is_empty() || image.len() > 4096 {
        return None;
    }
    if image.len() == 64
        && image
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return None;
    }
    let r = split(image);
    if r.digest.is_some_and(|dg| !valid_digest(dg)) {
        return None;
    }
    match r.tag {
        Some(t) if t.is_empty() || !valid_tag(t) => return None,
        _ => {}
    }
    let registry = r.registry();
    let repository = r.repository();
    let remainder = repository
        .get(registry.len() + 1..)
        .unwrap_or(repository.as_str());
    if remainder.to_lowercase() != remainder {
        return None;
    }
    if !valid_domain(registry) || !remainder.split('/').all(valid_path_component) {
        return None;
    }
    if repository.len() > 255 {
        return None;
    }
    Some(ImageName {
        tag: r.tag_or_latest().to_string(),
        digest: r.digest.unwrap_or("").to_string(),
        repository,
    })
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn valid_path_component(s: &str) -> bool {
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    if !alnum(first) || !alnum(last) {
        return false;
    }
    // Alphanumeric runs separated by `.`, `_`, `__` or a run of `-`.
    s.split(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        .filter(|sep| !sep.is_empty())
        .all(|sep| sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|c| c == b'-'))
}

/// `domain-component(\.domain-component)*(:[0-9]+)?` (IPv6 literals in brackets accepted loosely).
fn valid_domain(s: &str) -> bool {
    if let Some(inner) = s.strip_prefix('[') {
        let Some((addr, port)) = inner.split_once(']') else {
            return false;
        };
        let port_ok = port.is_empty()
            || port
                .strip_prefix(':')
                .is_some_and(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()));
        return !addr.is_empty()
            && addr.bytes().all(|c| c.is_ascii_hexdigit() || c == b':')
            && port_ok;
    }
    let (host, port) = match s.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (s, None),
    };
    if let Some(p) = port {
        if p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    !host.is_empty()
        && host.split('.').all(|c| {
            let b = c.as_bytes();
            b.first().is_some_and(u8::is_ascii_alphanumeric)
                && b.last().is_some_and(u8::is_ascii_alphanumeric)
                && b.iter().all(|x| x.is_ascii_alphanumeric() || *x == b'-')
        })
}

/// `[\w][\w.-]{0,127}`
fn valid_tag(t: &str) -> bool {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let b = t.as_bytes();
    b.first().is_some_and(|&c| word(c))
        && b.len() <= 128
        && b.iter().all(|&c| word(c) || c == b'.' || c == b'-')
}

/// `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`
fn valid_digest(dg: &str) -> bool {
    let Some((alg, hex)) = dg.split_once(':') else {
        return false;
    };
    let alg_ok = alg.split(['-', '_', '+', '.']).all(|part| {
        let b = part.as_bytes();
        b.first().is_some_and(u8::is_ascii_alphabetic) && b.iter().all(u8::is_ascii_alphanumeric)
    });
    alg_ok && hex.len() >= 32 && hex.bytes().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn references_split_like_docker() {
        let r = split("localhost:5000/team/app:v1");
        assert_eq!(r.domain, Some("localhost:5000"));
        assert_eq!(r.path, "team/app");
        assert_eq!(r.tag, Some("v1"));
        assert_eq!(r.name(), "app");
        let r = split("nginx:1.27@sha256:abc");
        assert_eq!((r.domain, r.path), (None, "nginx"));
        assert_eq!((r.tag, r.digest), (Some("1.27"), Some("sha256:abc")));
        assert_eq!(
            split("registry.k8s.io/e2e-test-images/agnhost:2.40").name(),
            "agnhost"
        );
        assert_eq!(split("MyRegistry/app").domain, Some("MyRegistry"));
        assert_eq!(split("").path, "");
    }

    #[test]
    fn references_normalise_like_the_runtime() {
        let n = |s: &str| split(s).normalized();
        assert_eq!(n("nginx"), "docker.io/library/nginx:latest");
        assert_eq!(n("nginx:1.27"), "docker.io/library/nginx:1.27");
        assert_eq!(
            n("nigelpoulton/web-app:1.0"),
            "docker.io/nigelpoulton/web-app:1.0"
        );
        assert_eq!(n("k8s.gcr.io/busybox"), "k8s.gcr.io/busybox:latest");
        assert_eq!(n("localhost:5000/app"), "localhost:5000/app:latest");
        assert_eq!(
            n("busybox@sha256:ab"),
            "docker.io/library/busybox@sha256:ab"
        );
        assert_eq!(
            n("nginx:1.27@sha256:ab"),
            "docker.io/library/nginx:1.27@sha256:ab"
        );
        // Docker Hub's own names normalise to the same repository.
        assert_eq!(n("docker.io/nginx"), "docker.io/library/nginx:latest");
        assert_eq!(
            n("index.docker.io/library/nginx"),
            "docker.io/library/nginx:latest"
        );
    }

    #[test]
    fn image_names_parse_like_parsers_parse_image_name() {
        let p = |s: &str| parse_image_name(s).map(|n| (n.repository, n.tag, n.digest));
        assert_eq!(
            p("busybox"),
            Some((
                "docker.io/library/busybox".into(),
                "latest".into(),
                String::new()
            ))
        );
        assert_eq!(
            p("k8s.gcr.io/git-sync:v3.1.6"),
            Some(("k8s.gcr.io/git-sync".into(), "v3.1.6".into(), String::new()))
        );
        let with_digest = format!("nginx@{DIGEST}");
        assert_eq!(
            p(&with_digest),
            Some((
                "docker.io/library/nginx".into(),
                String::new(),
                DIGEST.into()
            ))
        );
        assert_eq!(p("Nginx"), None);
        assert_eq!(p("nginx:"), None);
        assert_eq!(p("nginx@sha256:abc"), None);
        assert_eq!(
            p("a--b__c.d"),
            Some((
                "docker.io/library/a--b__c.d".into(),
                "latest".into(),
                String::new()
            ))
        );
        assert_eq!(p("a___b"), None);
        assert_eq!(p("-a"), None);
        assert_eq!(p(""), None);
        assert_eq!(p(&"a".repeat(64)), None);
        assert_eq!(p(&"a".repeat(256)), None);
    }
}
