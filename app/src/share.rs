//! Share links, downloads and uploads: the plain-Rust half (no browser), tested on the host.
//!
//! A share link carries the manifest in the URL fragment (never sent to any server):
//! `#s=<base64url of the deflate-raw compressed UTF-8 text>`. Compression itself is the
//! browser's `CompressionStream` (see `browser::streams`); this module checks and converts
//! everything around it and decides what is acceptable, so that a corrupt, truncated, oversized
//! or hostile link, or a binary file, is refused with a reason and never reaches the editor.

/// The largest text accepted from a link or a file: 3 MiB of UTF-8. Decompression stops as
/// soon as its output passes this (a decompression bomb costs nothing).
pub const MAX_TEXT_BYTES: usize = 3 * 1024 * 1024;

/// The longest fragment payload read. Chromium refuses URLs over 2 MB, so a real link is
/// always shorter; anything longer is refused before it is decoded.
pub const MAX_PAYLOAD_CHARS: usize = 2 * 1024 * 1024;

/// The fragment key of a share link.
const KEY: &str = "s=";

/// Why a link or a file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The link's payload is not valid base64url, or does not decompress (damaged, cut short).
    Corrupt,
    /// More than [`MAX_TEXT_BYTES`] (after decompression, for a link).
    TooLarge,
    /// Not text: invalid UTF-8 or NUL bytes (a binary file, or junk in a link).
    Binary,
    /// A file whose name does not end in `.yaml`, `.yml` or `.json`.
    WrongType,
    /// The browser cannot do it (no CompressionStream, no file reading).
    Unsupported,
}

/// The payload of a share link in a URL fragment (`#s=…` or `s=…`), if the fragment is one.
/// `Err` when it is one but cannot be read.
pub fn payload_of(fragment: &str) -> Option<Result<&str, Refusal>> {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    let payload = f.strip_prefix(KEY)?;
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Some(Err(Refusal::TooLarge));
    }
    Some(Ok(payload))
}

/// The fragment for a compressed payload: `#s=…`.
pub fn fragment_for(compressed: &[u8]) -> String {
    format!("#{KEY}{}", base64url_encode(compressed))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let idx = ((n >> (18 - 6 * i)) & 63) as usize;
            out.push(char::from(ALPHABET.get(idx).copied().unwrap_or(b'A')));
        }
    }
    out
}

/// Decodes base64url (no padding; trailing `=` tolerated, as some tools add it). Any other
/// character, or an impossible length, is [`Refusal::Corrupt`].
pub fn base64url_decode(s: &str) -> Result<Vec<u8>, Refusal> {
    let s = s.trim_end_matches('=');
    if s.len() % 4 == 1 {
        return Err(Refusal::Corrupt);
    }
    let mut out = Vec::with_capacity(s.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return Err(Refusal::Corrupt),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// The bytes of a link's payload or a file as text: valid UTF-8, no NUL bytes, at most
/// [`MAX_TEXT_BYTES`]. The text is kept exactly (line endings, a byte order mark).
pub fn text_from_bytes(bytes: Vec<u8>) -> Result<String, Refusal> {
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(Refusal::TooLarge);
    }
    if bytes.contains(&0) {
        return Err(Refusal::Binary);
    }
    String::from_utf8(bytes).map_err(|_| Refusal::Binary)
}

/// Whether a file name is one the playground opens (`.yaml`, `.yml`, `.json`, any case).
pub fn accepted_file_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".yaml", ".yml", ".json"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// A file name for downloading the text: the object's name when it makes a safe file name,
/// else `pod`, with `.yaml`.
pub fn download_name(object_name: Option<&str>) -> String {
    let safe: String = object_name
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(100)
        .collect();
    let safe = safe.trim_matches('.');
    if safe.is_empty() {
        "pod.yaml".to_string()
    } else {
        format!("{safe}.yaml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn base64url_round_trips_every_length_and_byte() {
        let all: Vec<u8> = (0..=255u8).collect();
        for n in 0..70 {
            let bytes: Vec<u8> = all.iter().cycle().skip(n * 7).take(n).copied().collect();
            let enc = base64url_encode(&bytes);
            assert!(enc
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
            assert_eq!(base64url_decode(&enc), Ok(bytes), "{n}");
        }
        assert_eq!(base64url_encode(b"\xfb\xff"), "-_8");
        assert_eq!(base64url_decode("-_8="), Ok(b"\xfb\xff".to_vec()));
        assert_eq!(base64url_encode(b"Man"), "TWFu");
    }

    #[test]
    fn bad_base64_is_corrupt() {
        assert_eq!(base64url_decode("ab+c"), Err(Refusal::Corrupt));
        assert_eq!(base64url_decode("ab/c"), Err(Refusal::Corrupt));
        assert_eq!(base64url_decode("abcde"), Err(Refusal::Corrupt));
        assert_eq!(base64url_decode("<script>"), Err(Refusal::Corrupt));
        assert_eq!(base64url_decode("ab%20"), Err(Refusal::Corrupt));
        assert_eq!(base64url_decode(""), Ok(vec![]));
    }

    #[test]
    fn fragments() {
        assert_eq!(payload_of("#s=abc"), Some(Ok("abc")));
        assert_eq!(payload_of("s=abc"), Some(Ok("abc")));
        assert_eq!(payload_of("#other"), None);
        assert_eq!(payload_of(""), None);
        let long = format!("#s={}", "A".repeat(MAX_PAYLOAD_CHARS + 1));
        assert_eq!(payload_of(&long), Some(Err(Refusal::TooLarge)));
        assert_eq!(fragment_for(b"Man"), "#s=TWFu");
    }

    #[test]
    fn text_checks() {
        assert_eq!(
            text_from_bytes(b"a: 1\r\n".to_vec()),
            Ok("a: 1\r\n".to_string())
        );
        assert_eq!(
            text_from_bytes("名字: 值\n".as_bytes().to_vec()),
            Ok("名字: 值\n".to_string())
        );
        assert_eq!(text_from_bytes(b"a\0b".to_vec()), Err(Refusal::Binary));
        assert_eq!(
            text_from_bytes(vec![0xff, 0xfe, 0x41]),
            Err(Refusal::Binary)
        );
        assert_eq!(
            text_from_bytes(vec![b'a'; MAX_TEXT_BYTES + 1]),
            Err(Refusal::TooLarge)
        );
        assert!(text_from_bytes(vec![b'a'; MAX_TEXT_BYTES]).is_ok());
    }

    #[test]
    fn file_names() {
        assert!(accepted_file_name("pod.yaml"));
        assert!(accepted_file_name("POD.YML"));
        assert!(accepted_file_name("x.json"));
        assert!(!accepted_file_name("x.txt"));
        assert!(!accepted_file_name("yaml"));
        assert_eq!(download_name(Some("hello-pod")), "hello-pod.yaml");
        assert_eq!(download_name(Some("../../etc/passwd")), "etcpasswd.yaml");
        assert_eq!(download_name(Some("例子")), "pod.yaml");
        assert_eq!(download_name(None), "pod.yaml");
        assert_eq!(download_name(Some("...")), "pod.yaml");
    }
}
