//! Standard base64 exactly as Go's `encoding/base64.StdEncoding` reads and writes it: how `[]byte`
//! fields travel in JSON (Secret `data`, ConfigMap `binaryData`) and how go-yaml reads `!!binary`.
//!
//! Decoding requires padding, skips `\r` and `\n` anywhere, and reports the byte offset of the
//! first bad input as `CorruptInputError` does.

/// The standard alphabet (RFC 4648 §4), Go's `StdEncoding`.
pub const STD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// The URL- and file-name-safe alphabet (RFC 4648 §5), of share links.
pub const URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `StdEncoding.EncodeToString`: with `=` padding.
pub fn encode(bytes: &[u8]) -> String {
    encode_with(STD, true, bytes)
}

/// Base64 in `alphabet`: each 3 bytes as 4 characters, a last group of 1 or 2 bytes as 2 or 3
/// characters, followed by `=` up to 4 when `pad`.
pub fn encode_with(alphabet: &[u8; 64], pad: bool, bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| chunk.get(i).copied().unwrap_or(0) as u32;
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        for i in 0..=chunk.len() {
            let six = (n >> (18 - 6 * i)) & 63;
            out.push(alphabet.get(six as usize).copied().unwrap_or(b'=') as char);
        }
        if pad {
            for _ in chunk.len()..3 {
                out.push('=');
            }
        }
    }
    out
}

fn value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => (c - b'A') as u32,
        b'a'..=b'z' => (c - b'a') as u32 + 26,
        b'0'..=b'9' => (c - b'0') as u32 + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    })
}

fn is_newline(c: u8) -> bool {
    c == b'\n' || c == b'\r'
}

/// `StdEncoding.DecodeString`: the bytes, or `Err(offset)`, the byte offset of the input that
/// `CorruptInputError` reports (a port of `decodeQuantum`, repeated until the input is used up).
pub fn decode(s: &str) -> Result<Vec<u8>, usize> {
    let src = s.as_bytes();
    let mut out = Vec::with_capacity(src.len() / 4 * 3);
    let mut si = 0usize;
    while si < src.len() {
        let mut quantum = 0u32;
        let mut j = 0usize;
        let mut last = false;
        while j < 4 {
            let Some(&c) = src.get(si) else {
                if j == 0 {
                    return Ok(out);
                }
                // StdEncoding pads: a quantum cut short is corrupt.
                return Err(si - j);
            };
            si += 1;
            if let Some(v) = value(c) {
                quantum = (quantum << 6) | v;
                j += 1;
                continue;
            }
            if is_newline(c) {
                continue;
            }
            if c != b'=' {
                return Err(si - 1);
            }
            // Padding: `=` after two characters needs a second `=`; after three it ends the
            // quantum. Nothing but newlines may follow.
            match j {
                0 | 1 => return Err(si - 1),
                2 => {
                    while src.get(si).copied().is_some_and(is_newline) {
                        si += 1;
                    }
                    match src.get(si) {
                        None => return Err(src.len()),
                        Some(b'=') => si += 1,
                        Some(_) => return Err(si - 1),
                    }
                }
                _ => {}
            }
            while src.get(si).copied().is_some_and(is_newline) {
                si += 1;
            }
            if si < src.len() {
                return Err(si);
            }
            last = true;
            break;
        }
        // `j` characters carry `j * 6` bits: 3, 2 or 1 whole bytes.
        quantum <<= 6 * (4 - j as u32);
        let bytes = [(quantum >> 16) as u8, (quantum >> 8) as u8, quantum as u8];
        out.extend_from_slice(bytes.get(..j.saturating_sub(1)).unwrap_or(&[]));
        if last {
            break;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn decodes_like_go() {
        assert_eq!(decode("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode("aGVs\nbG8=").unwrap(), b"hello");
        assert_eq!(decode("YWJj\r\nZGVm").unwrap(), b"abcdef");
        assert_eq!(decode("YQ==").unwrap(), b"a");
        assert_eq!(decode("YQ==\n").unwrap(), b"a");
        assert_eq!(decode("").unwrap(), b"");
        // CorruptInputError offsets, as Go reports them.
        assert_eq!(decode("YWRtaW4"), Err(4));
        assert_eq!(decode("admin"), Err(4));
        assert_eq!(decode("ad min"), Err(2));
        assert_eq!(decode("YQ="), Err(3));
        assert_eq!(decode("YQ==YQ=="), Err(4));
        assert_eq!(decode("a b="), Err(1));
        assert_eq!(decode("Y==="), Err(1));
    }

    #[test]
    fn encodes_with_padding_and_round_trips() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"a"), "YQ==");
        assert_eq!(encode(b"ab"), "YWI=");
        assert_eq!(encode(b"admin"), "YWRtaW4=");
        assert_eq!(encode(b"s3cret"), "czNjcmV0");
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode(&encode(&all)).unwrap(), all);
    }

    #[test]
    fn encodes_in_the_url_alphabet_without_padding() {
        assert_eq!(encode_with(STD, true, &[0xfb, 0xff]), "+/8=");
        assert_eq!(encode_with(URL, false, &[0xfb, 0xff]), "-_8");
        assert_eq!(encode_with(URL, false, b"a"), "YQ");
        assert_eq!(encode_with(URL, false, b"abc"), "YWJj");
    }
}
