//! Values a real cluster picks at random — the 5 characters `utilrand.String(5)` adds to generated
//! names and to the token volume's name, a pod's UID, a Service's cluster IP — derived here from
//! the objects' names instead (FNV-1a), so that the same manifest always shows the same values.
//! Each place that does this says so in its own documentation.

/// FNV-1a (64-bit).
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// The characters of apimachinery's `utilrand.String` (no vowels, no confusable digits).
const RAND_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// 5 characters of `utilrand.String`'s alphabet derived from `seed` (where the API server calls
/// `utilrand.String(5)`).
pub fn rand_string5(seed: &str) -> String {
    let mut h = fnv(seed.as_bytes());
    let mut s = String::with_capacity(5);
    for _ in 0..5 {
        let i = (h % RAND_ALPHABET.len() as u64) as usize;
        s.push(RAND_ALPHABET.get(i).copied().unwrap_or(b'x') as char);
        h /= RAND_ALPHABET.len() as u64;
    }
    s
}

/// The cluster IP the Service REST storage would allocate for a Service named `name`, in the
/// default `10.96.0.0/12` range minus its first addresses (10.96.0.1 is `kubernetes`, .10 is
/// DNS). The real allocator picks a free address at random.
pub fn service_cluster_ip(name: &str) -> String {
    let h = fnv(name.as_bytes());
    let offset = 256 + (h % ((1 << 20) - 512)) as u32;
    format!(
        "10.{}.{}.{}",
        96 + (offset >> 16),
        (offset >> 8) & 0xff,
        offset & 0xff
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn derived_values_are_stable_and_well_formed() {
        assert_eq!(fnv(b""), 0xcbf29ce484222325);
        assert_eq!(fnv(b"a"), 0xaf63dc4c8601ec8c);
        let s = rand_string5("web-");
        assert_eq!(s, rand_string5("web-"));
        assert_eq!(s.len(), 5);
        assert!(s.bytes().all(|b| RAND_ALPHABET.contains(&b)));
        let ip = service_cluster_ip("k8sbook");
        assert_eq!(ip, service_cluster_ip("k8sbook"));
        assert!(ip.starts_with("10.9") || ip.starts_with("10.10") || ip.starts_with("10.11"));
        assert_ne!(ip, "10.96.0.1");
        assert_ne!(ip, "10.96.0.10");
    }
}
