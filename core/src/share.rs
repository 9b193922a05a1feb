//! Share links, downloads and uploads: everything about them that is not the browser.
//!
//! A share link carries the manifest in the URL fragment (never sent to any server):
//! `#s=<base64url of the deflate-raw compressed UTF-8 text>`. Compression is the browser's
//! `CompressionStream` (the app's `browser::streams`); opening a link is decided here, in plain
//! Rust: [`open_payload`] decodes the base64url, inflates the raw DEFLATE stream (RFC 1951) with
//! a bounded output, and checks the text, so that a corrupt, truncated, oversized or hostile
//! link, or a binary file, is refused with a reason and never reaches the editor. Being plain
//! Rust, the whole path is fuzzed natively (fuzz/fuzz_targets/share.rs).

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
    /// The browser cannot do it (no CompressionStream to make a link, no file reading).
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

/// base64url without padding (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    crate::base64::encode_with(crate::base64::URL, false, bytes)
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

/// The text a share link's payload holds: base64url, then at most [`MAX_TEXT_BYTES`] of
/// raw-DEFLATE-decompressed UTF-8 text without NUL bytes. A payload over
/// [`MAX_PAYLOAD_CHARS`] is refused before it is decoded.
pub fn open_payload(payload: &str) -> Result<String, Refusal> {
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(Refusal::TooLarge);
    }
    let bytes = base64url_decode(payload)?;
    text_from_bytes(inflate(&bytes, MAX_TEXT_BYTES)?)
}

/// Raw DEFLATE decompression (RFC 1951, what `DecompressionStream("deflate-raw")` reads), as
/// zlib's `inflate` judges a stream: a reserved block type, a stored block whose length check
/// fails, an over-subscribed or (but for a single code) incomplete Huffman code, the reserved
/// length and distance symbols, a distance before the start of the output, a stream cut short,
/// and any byte after the final block (the Compression Streams standard makes trailing data an
/// error) are [`Refusal::Corrupt`]. Stops with [`Refusal::TooLarge`] as soon as the output would
/// pass `limit` bytes, so a decompression bomb costs at most `limit` bytes and one pass over
/// the input.
pub fn inflate(input: &[u8], limit: usize) -> Result<Vec<u8>, Refusal> {
    let mut s = Inflate {
        bits: BitReader {
            data: input,
            pos: 0,
            buf: 0,
            count: 0,
        },
        out: Vec::new(),
        limit,
    };
    loop {
        let last = s.bits.take(1)? == 1;
        match s.bits.take(2)? {
            0 => s.stored()?,
            1 => s.codes(&Huffman::fixed_lengths(), &Huffman::fixed_distances())?,
            2 => {
                let (lengths, distances) = s.dynamic_tables()?;
                s.codes(&lengths, &distances)?;
            }
            _ => return Err(Refusal::Corrupt),
        }
        if last {
            break;
        }
    }
    // Only the final byte's padding bits may follow the last block.
    if s.bits.pos < input.len() {
        return Err(Refusal::Corrupt);
    }
    Ok(s.out)
}

struct BitReader<'a> {
    data: &'a [u8],
    /// The next byte to load into `buf`.
    pos: usize,
    buf: u32,
    count: u32,
}

impl BitReader<'_> {
    /// The next `n` (≤ 16) bits, least significant first; `Corrupt` when the input ends.
    fn take(&mut self, n: u32) -> Result<u32, Refusal> {
        while self.count < n {
            let b = *self.data.get(self.pos).ok_or(Refusal::Corrupt)?;
            self.pos += 1;
            self.buf |= u32::from(b) << self.count;
            self.count += 8;
        }
        let v = self.buf & ((1u32 << n) - 1);
        self.buf >>= n;
        self.count -= n;
        Ok(v)
    }
}

/// The longest Huffman code DEFLATE uses.
const MAX_BITS: usize = 15;

/// A canonical Huffman code: how many codes of each length, and the symbols in code order.
struct Huffman {
    counts: [u16; MAX_BITS + 1],
    symbols: Vec<u16>,
}

impl Huffman {
    /// The code for these code lengths (0 = unused symbol). `Corrupt` when the lengths are
    /// over-subscribed, or incomplete other than a single code of one bit (RFC 1951 §3.2.7;
    /// zlib's `inflate_table`).
    fn new(lengths: &[u8]) -> Result<Huffman, Refusal> {
        let mut counts = [0u16; MAX_BITS + 1];
        for &l in lengths {
            *counts.get_mut(usize::from(l)).ok_or(Refusal::Corrupt)? += 1;
        }
        let used = lengths.len() as u16 - counts[0];
        // Codes left unassigned at each length: negative means over-subscribed.
        let mut left: i32 = 1;
        for &c in counts.iter().skip(1) {
            left = left * 2 - i32::from(c);
            if left < 0 {
                return Err(Refusal::Corrupt);
            }
        }
        if left > 0 && !(used == 1 && counts[1] == 1) && used != 0 {
            return Err(Refusal::Corrupt);
        }
        // Where the symbols of each length start in `symbols`.
        let mut offsets = [0u16; MAX_BITS + 1];
        let mut next = 0u16;
        for (offset, &count) in offsets.iter_mut().zip(counts.iter()).skip(1) {
            *offset = next;
            next += count;
        }
        let mut symbols = vec![0u16; usize::from(used)];
        for (sym, &l) in lengths.iter().enumerate() {
            if l != 0 {
                let slot = offsets.get_mut(usize::from(l)).ok_or(Refusal::Corrupt)?;
                *symbols
                    .get_mut(usize::from(*slot))
                    .ok_or(Refusal::Corrupt)? = sym as u16;
                *slot += 1;
            }
        }
        Ok(Huffman { counts, symbols })
    }

    /// The fixed literal/length code of block type 1.
    fn fixed_lengths() -> Huffman {
        let mut l = [8u8; 288];
        l.iter_mut().skip(144).take(112).for_each(|x| *x = 9);
        l.iter_mut().skip(256).take(24).for_each(|x| *x = 7);
        Huffman::new(&l).unwrap_or(Huffman::empty())
    }

    /// The fixed distance code of block type 1: 32 codes of 5 bits, a complete code; symbols
    /// 30 and 31 are invalid and refused when read.
    fn fixed_distances() -> Huffman {
        Huffman::new(&[5u8; 32]).unwrap_or(Huffman::empty())
    }

    fn empty() -> Huffman {
        Huffman {
            counts: [0; MAX_BITS + 1],
            symbols: Vec::new(),
        }
    }

    /// The next symbol: the code is read one bit at a time, most significant first.
    fn decode(&self, bits: &mut BitReader<'_>) -> Result<u16, Refusal> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for &count in self.counts.iter().skip(1) {
            code |= bits.take(1)? as i32;
            let count = i32::from(count);
            if code - count < first {
                let at = usize::try_from(index + (code - first)).map_err(|_| Refusal::Corrupt)?;
                return self.symbols.get(at).copied().ok_or(Refusal::Corrupt);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(Refusal::Corrupt)
    }
}

/// Base lengths and extra bits of length symbols 257..=285.
const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Base distances and extra bits of distance symbols 0..=29.
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order in which a dynamic block gives the code lengths of the code-length code.
const CL_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

struct Inflate<'a> {
    bits: BitReader<'a>,
    out: Vec<u8>,
    limit: usize,
}

impl Inflate<'_> {
    fn room(&self, n: usize) -> Result<(), Refusal> {
        if self.out.len().saturating_add(n) > self.limit {
            Err(Refusal::TooLarge)
        } else {
            Ok(())
        }
    }

    /// A stored block: byte-aligned LEN, its one's complement NLEN, then LEN bytes.
    fn stored(&mut self) -> Result<(), Refusal> {
        let b = &mut self.bits;
        b.buf = 0;
        b.count = 0;
        let Some(&[l0, l1, n0, n1]) = b.data.get(b.pos..b.pos + 4) else {
            return Err(Refusal::Corrupt);
        };
        let len = u16::from_le_bytes([l0, l1]);
        let nlen = u16::from_le_bytes([n0, n1]);
        if len != !nlen {
            return Err(Refusal::Corrupt);
        }
        let start = b.pos + 4;
        let bytes = b
            .data
            .get(start..start + usize::from(len))
            .ok_or(Refusal::Corrupt)?;
        b.pos = start + usize::from(len);
        self.room(bytes.len())?;
        self.out.extend_from_slice(bytes);
        Ok(())
    }

    /// The literal/length and distance codes a dynamic block starts with.
    fn dynamic_tables(&mut self) -> Result<(Huffman, Huffman), Refusal> {
        let b = &mut self.bits;
        let nlen = b.take(5)? as usize + 257;
        let ndist = b.take(5)? as usize + 1;
        let ncode = b.take(4)? as usize + 4;
        if nlen > 286 || ndist > 30 {
            return Err(Refusal::Corrupt);
        }
        let mut cl = [0u8; 19];
        for &i in CL_ORDER.iter().take(ncode) {
            *cl.get_mut(i).ok_or(Refusal::Corrupt)? = b.take(3)? as u8;
        }
        let cl_code = Huffman::new(&cl)?;
        // A code-length code must be complete (zlib refuses the single-code exception here).
        if cl_code.symbols.len() == 1 {
            return Err(Refusal::Corrupt);
        }
        let mut lengths: Vec<u8> = Vec::with_capacity(nlen + ndist);
        while lengths.len() < nlen + ndist {
            let sym = cl_code.decode(b)?;
            let (value, repeat) = match sym {
                0..=15 => (sym as u8, 1),
                16 => (
                    *lengths.last().ok_or(Refusal::Corrupt)?,
                    3 + b.take(2)? as usize,
                ),
                17 => (0, 3 + b.take(3)? as usize),
                _ => (0, 11 + b.take(7)? as usize),
            };
            if lengths.len() + repeat > nlen + ndist {
                return Err(Refusal::Corrupt);
            }
            lengths.extend(std::iter::repeat_n(value, repeat));
        }
        let (lit, dist) = lengths.split_at(nlen);
        // The end-of-block symbol must have a code.
        if lit.get(256).copied().unwrap_or(0) == 0 {
            return Err(Refusal::Corrupt);
        }
        Ok((Huffman::new(lit)?, Huffman::new(dist)?))
    }

    /// The compressed data of a block, up to its end-of-block symbol.
    fn codes(&mut self, lengths: &Huffman, distances: &Huffman) -> Result<(), Refusal> {
        loop {
            let sym = lengths.decode(&mut self.bits)?;
            match sym {
                0..=255 => {
                    self.room(1)?;
                    self.out.push(sym as u8);
                }
                256 => return Ok(()),
                _ => {
                    let i = usize::from(sym - 257);
                    let base = *LEN_BASE.get(i).ok_or(Refusal::Corrupt)?;
                    let extra = *LEN_EXTRA.get(i).ok_or(Refusal::Corrupt)?;
                    let len = usize::from(base) + self.bits.take(u32::from(extra))? as usize;
                    let d = usize::from(distances.decode(&mut self.bits)?);
                    let base = *DIST_BASE.get(d).ok_or(Refusal::Corrupt)?;
                    let extra = *DIST_EXTRA.get(d).ok_or(Refusal::Corrupt)?;
                    let dist = usize::from(base) + self.bits.take(u32::from(extra))? as usize;
                    if dist > self.out.len() {
                        return Err(Refusal::Corrupt);
                    }
                    self.room(len)?;
                    let from = self.out.len() - dist;
                    for k in from..from + len {
                        let byte = *self.out.get(k).ok_or(Refusal::Corrupt)?;
                        self.out.push(byte);
                    }
                }
            }
        }
    }
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
    fn inflate_reads_raw_deflate_and_refuses_what_zlib_refuses() {
        // The empty stream of the web-platform tests (compression/decompression-empty-input):
        // one final stored block of length 0.
        assert_eq!(inflate(&[1, 0, 0, 255, 255], 10), Ok(vec![]));
        // A final fixed block holding only its end-of-block code.
        assert_eq!(inflate(&[3, 0], 10), Ok(vec![]));
        assert_eq!(inflate(&[0xcb, 0xc8, 0x04, 0x00], 10), Ok(b"hi".to_vec()));
        // A byte after the final block.
        assert_eq!(inflate(&[3, 0, 0], 10), Err(Refusal::Corrupt));
        // Cut short; nothing at all.
        assert_eq!(inflate(&[0xcb, 0xc8], 10), Err(Refusal::Corrupt));
        assert_eq!(inflate(&[], 10), Err(Refusal::Corrupt));
        // The reserved block type 3.
        assert_eq!(inflate(&[0x07], 10), Err(Refusal::Corrupt));
        // A stored block whose NLEN is not the complement of LEN.
        assert_eq!(inflate(&[1, 1, 0, 0, 0, b'a'], 10), Err(Refusal::Corrupt));
        // A fixed block whose first code copies 3 bytes from distance 1: before the output.
        assert_eq!(inflate(&[0x03, 0x02, 0x00], 10), Err(Refusal::Corrupt));
        // The fixed codes are complete codes (built, not the empty fallback).
        assert_eq!(Huffman::fixed_lengths().symbols.len(), 288);
        assert_eq!(Huffman::fixed_distances().symbols.len(), 32);
        // The output limit: "hi" does not fit in one byte.
        assert_eq!(
            inflate(&[0xcb, 0xc8, 0x04, 0x00], 1),
            Err(Refusal::TooLarge)
        );
    }

    #[test]
    fn open_payload_decodes_checks_and_bounds() {
        assert_eq!(open_payload("y8gEAA"), Ok("hi".to_string()));
        assert_eq!(open_payload("y8gEAA=="), Ok("hi".to_string()));
        assert_eq!(open_payload("y8g+AA"), Err(Refusal::Corrupt));
        assert_eq!(open_payload("y8g"), Err(Refusal::Corrupt));
        // A stored block holding a NUL byte.
        assert_eq!(
            open_payload(&base64url_encode(&[1, 1, 0, 254, 255, 0])),
            Err(Refusal::Binary)
        );
        let long = "A".repeat(MAX_PAYLOAD_CHARS + 1);
        assert_eq!(open_payload(&long), Err(Refusal::TooLarge));
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
