// Lossless re-encoding of the icons Chromium draws (app/js/icons.mjs): Chromium writes RGB(A) PNGs
// with fast compression; an icon of flat colours has at most a few hundred distinct pixels, so
// an indexed PNG (a palette, plus tRNS for transparency) holds the same pixels in a quarter of
// the bytes. smallest() tries RGB(A) and, when ≤ 256 colours, indexed, each with every PNG filter
// (and the per-row choice) at zlib level 9, and keeps the smallest file whose decoded pixels are
// byte-identical to the input's. 8-bit, non-interlaced PNGs only (what Chromium writes).
import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function predictor(ft, a, up, c) {
  if (ft === 1) return a;
  if (ft === 2) return up;
  if (ft === 3) return (a + up) >> 1;
  if (ft === 4) {
    const p = a + up - c, pa = Math.abs(p - a), pb = Math.abs(p - up), pc = Math.abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? up : c;
  }
  return 0;
}

/** The pixels of an 8-bit PNG of colour type 2 (RGB), 3 (indexed) or 6 (RGBA), as RGB or RGBA. */
export function decode(buf) {
  let o = SIGNATURE.length, ihdr = null, plte = null, trns = null;
  const idat = [];
  while (o + 8 <= buf.length) {
    const len = buf.readUInt32BE(o), type = buf.toString('ascii', o + 4, o + 8);
    const data = buf.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') ihdr = data;
    else if (type === 'PLTE') plte = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  if (!ihdr || ihdr[8] !== 8 || ihdr[12] !== 0) throw new Error('not an 8-bit non-interlaced PNG');
  const w = ihdr.readUInt32BE(0), h = ihdr.readUInt32BE(4), ct = ihdr[9];
  const bpp = { 2: 3, 3: 1, 6: 4 }[ct];
  if (!bpp) throw new Error(`colour type ${ct} not handled`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = w * bpp, px = Buffer.alloc(h * stride);
  for (let y = 0; y < h; y++) {
    const ft = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const i = y * stride + x;
      const a = x >= bpp ? px[i - bpp] : 0, up = y ? px[i - stride] : 0, c = x >= bpp && y ? px[i - stride - bpp] : 0;
      px[i] = (raw[y * (stride + 1) + 1 + x] + predictor(ft, a, up, c)) & 255;
    }
  }
  if (ct !== 3) return { w, h, channels: bpp, px };
  // indexed: expand to RGBA when there is a tRNS chunk, else RGB
  const channels = trns ? 4 : 3, out = Buffer.alloc(w * h * channels);
  for (let i = 0; i < w * h; i++) {
    const k = px[i];
    plte.copy(out, i * channels, k * 3, k * 3 + 3);
    if (channels === 4) out[i * 4 + 3] = k < trns.length ? trns[k] : 255;
  }
  return { w, h, channels, px: out };
}

function crc32(buf) {
  let crc = 0xffffffff;
  for (const byte of buf) {
    let c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(4), tail = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  tail.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, tail]);
}

// The scanlines of `rows` filtered with filter `mode`, or (mode -1) each row with the filter whose
// output has the smallest sum of absolute values (the usual heuristic).
function scanlines(rows, bpp, mode) {
  const filtered = (ft, cur, prev) => {
    const out = Buffer.alloc(cur.length + 1);
    out[0] = ft;
    for (let x = 0; x < cur.length; x++) {
      const a = x >= bpp ? cur[x - bpp] : 0, up = prev ? prev[x] : 0, c = x >= bpp && prev ? prev[x - bpp] : 0;
      out[x + 1] = (cur[x] - predictor(ft, a, up, c)) & 255;
    }
    return out;
  };
  return Buffer.concat(rows.map((row, y) => {
    const prev = y ? rows[y - 1] : null;
    if (mode >= 0) return filtered(mode, row, prev);
    let best = null, score = Infinity;
    for (let ft = 0; ft < 5; ft++) {
      const r = filtered(ft, row, prev);
      let s = 0;
      for (let i = 1; i < r.length; i++) s += r[i] < 128 ? r[i] : 256 - r[i];
      if (s < score) { score = s; best = r; }
    }
    return best;
  }));
}

/** The smallest lossless encoding of the PNG `buf` (the input itself when nothing is smaller). */
export function smallest(buf) {
  const img = decode(buf);
  const { w, h, channels, px } = img;
  const rowsOf = (data, stride) => Array.from({ length: h }, (_, y) => data.subarray(y * stride, (y + 1) * stride));
  const candidates = [];
  const tryAll = (ct, bpp, rows, extra) => {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(w, 0);
    ihdr.writeUInt32BE(h, 4);
    ihdr[8] = 8;
    ihdr[9] = ct;
    for (const mode of [-1, 0, 1, 2, 3, 4]) {
      for (const strategy of [zlib.constants.Z_DEFAULT_STRATEGY, zlib.constants.Z_FILTERED]) {
        const z = zlib.deflateSync(scanlines(rows, bpp, mode), { level: 9, memLevel: 9, strategy });
        candidates.push(Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), ...extra, chunk('IDAT', z), chunk('IEND', Buffer.alloc(0))]));
      }
    }
  };
  tryAll(channels === 4 ? 6 : 2, channels, rowsOf(px, w * channels), []);
  const key = (i) => px.toString('hex', i, i + channels);
  const colours = new Set();
  for (let i = 0; i < px.length; i += channels) colours.add(key(i));
  if (colours.size <= 256) {
    // opaque entries last, so that tRNS can stop before them
    const alpha = (k) => (channels === 4 ? parseInt(k.slice(6, 8), 16) : 255);
    const palette = [...colours].sort((a, b) => alpha(a) - alpha(b));
    const index = new Map(palette.map((k, i) => [k, i]));
    const ip = Buffer.alloc(w * h);
    for (let i = 0, j = 0; i < px.length; i += channels, j++) ip[j] = index.get(key(i));
    const trns = Buffer.from(palette.map(alpha));
    let n = trns.length;
    while (n && trns[n - 1] === 255) n--;
    const extra = [chunk('PLTE', Buffer.from(palette.map((k) => k.slice(0, 6)).join(''), 'hex'))];
    if (n) extra.push(chunk('tRNS', trns.subarray(0, n)));
    tryAll(3, 1, rowsOf(ip, w), extra);
  }
  const same = (png) => {
    const d = decode(png);
    if (d.w !== w || d.h !== h) return false;
    // an indexed PNG without tRNS decodes as RGB; compare pixel by pixel against the input
    for (let i = 0, j = 0; i < px.length; i += channels, j += d.channels) {
      for (let c = 0; c < channels; c++) {
        if ((c < d.channels ? d.px[j + c] : 255) !== px[i + c]) return false;
      }
    }
    return true;
  };
  candidates.sort((a, b) => a.length - b.length);
  return candidates.find((png) => png.length < buf.length && same(png)) ?? buf;
}
