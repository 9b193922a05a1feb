//! The files the kubelet manages in every container: the Pod's hostname and `/etc/hosts`.

use crate::model::Pod;

/// The hostname a container of the pod sees: the node's name with `hostNetwork`, else the Pod's
/// own ([`Pod::hostname`]).
pub fn hostname(pod: &Pod, node_name: &str) -> String {
    if pod.host_network {
        return node_name.to_string();
    }
    pod.hostname()
}

/// The kubelet-managed `/etc/hosts` of a container (`pkg/kubelet/kubelet_pods.go`
/// `managedHostsFileContent`: the header, localhost lines, the pod IP with its hostname unless the
/// pod uses the node's network, then `# Entries added by HostAliases.` with one line per alias,
/// `hostsEntriesFromHostAliases`).
pub fn etc_hosts(pod: &Pod, pod_ip: &str, node_name: &str) -> String {
    let hostname = hostname(pod, node_name);
    let mut hosts = String::from("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n");
    if !pod.host_network {
        let fqdn = match &pod.subdomain {
            Some(s) => format!("{hostname}.{s}.{}.svc.cluster.local\t", pod.meta.namespace),
            None => String::new(),
        };
        hosts.push_str(&format!("{pod_ip}\t{fqdn}{hostname}\n"));
    }
    if !pod.host_aliases.is_empty() {
        hosts.push_str("\n# Entries added by HostAliases.\n");
        for a in &pod.host_aliases {
            hosts.push_str(&format!("{}\t{}\n", a.ip, a.hostnames.join("\t")));
        }
    }
    hosts
}

/// The address `/etc/hosts` gives `name` (the first line that lists it, as the resolver reads the
/// file top down), if any.
pub fn lookup_hosts<'a>(hosts: &'a str, name: &str) -> Option<&'a str> {
    hosts.lines().find_map(|line| {
        let line = line.split('#').next().unwrap_or("");
        let mut fields = line.split_whitespace();
        let ip = fields.next()?;
        fields.any(|f| f == name).then_some(ip)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn aliases_follow_the_managed_lines_and_the_first_match_wins() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostAliases:\n  - ip: 10.1.2.3\n    hostnames: [foo.remote, bar.remote]\n  - ip: 10.9.9.9\n    hostnames: [foo.remote]\n  containers:\n  - name: a\n    image: busybox\n";
        let a = crate::analyze::analyze(text);
        let tree = a.documents[0].defaulted.as_ref().unwrap();
        let pod = Pod::from_tree(tree);
        let hosts = etc_hosts(&pod, "10.244.1.5", "worker-1");
        assert!(hosts.contains("10.244.1.5\tweb\n"), "{hosts}");
        assert!(hosts.ends_with("# Entries added by HostAliases.\n10.1.2.3\tfoo.remote\tbar.remote\n10.9.9.9\tfoo.remote\n"), "{hosts}");
        assert_eq!(lookup_hosts(&hosts, "foo.remote"), Some("10.1.2.3"));
        assert_eq!(lookup_hosts(&hosts, "bar.remote"), Some("10.1.2.3"));
        assert_eq!(lookup_hosts(&hosts, "web"), Some("10.244.1.5"));
        assert_eq!(lookup_hosts(&hosts, "remote"), None);
        assert_eq!(hostname(&pod, "worker-1"), "web");
    }
}
