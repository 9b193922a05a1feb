// Serves a built site (dist/) the way a static host does: gzip (level 9) for text and wasm, the
// right content types, a year of `Cache-Control` for Trunk's hashed files and `no-cache` for the rest. Used by scripts/lighthouse, which measures the site as a learner gets it.
//   node tests/e2e/gzserve.mjs DIST PORT
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.ico': 'image/x-icon',
  '.lesson': 'text/plain; charset=utf-8',
};
const COMPRESS = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.svg', '.json', '.webmanifest', '.lesson']);

const root = path.resolve(process.argv[2] || 'dist');
const port = Number(process.argv[3] || 8096);
const cache = new Map();

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let file = path.join(root, decodeURIComponent(url.pathname));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404).end('not found'); return; }
  const ext = path.extname(file);
  const name = path.basename(file);
  const headers = {
    'content-type': TYPES[ext] || 'application/octet-stream',
    // Trunk's hashed names never change content; everything else (the page, sw.js, lessons,
    // manifest, icons) is revalidated.
    'cache-control': /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  let body = fs.readFileSync(file);
  if (COMPRESS.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
    const key = `${file}:${fs.statSync(file).mtimeMs}`;
    if (!cache.has(key)) cache.set(key, zlib.gzipSync(body, { level: 9 }));
    body = cache.get(key);
    headers['content-encoding'] = 'gzip';
    headers.vary = 'accept-encoding';
  }
  headers['content-length'] = body.length;
  res.writeHead(200, headers).end(body);
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} with gzip at http://127.0.0.1:${port}/`));
