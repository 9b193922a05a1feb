// Draws the web app manifest's icons (static/icons/*.png) from static/favicon.svg with Debian's Chromium.
// Run by hand when the favicon changes:  node app/js/icons.mjs   (the PNGs are committed)
// Each screenshot is re-encoded losslessly (app/js/png.mjs: a palette where the colours allow).
// node app/js/icons.mjs --recompress  only re-encodes the committed PNGs (same pixels, no Chromium).
import fs from 'node:fs';
import { smallest } from './png.mjs';
const files = ['static/icons/icon-192.png', 'static/icons/icon-512.png', 'static/icons/icon-maskable-512.png', 'static/icons/apple-touch-icon.png'];
if (process.argv.includes('--recompress')) {
  for (const f of files) {
    const before = fs.readFileSync(f), after = smallest(before);
    fs.writeFileSync(f, after);
    console.log(`${f}: ${before.length} -> ${after.length} bytes`);
  }
  process.exit(0);
}
const { chromium } = await import('playwright-core');
const svg = fs.readFileSync('static/favicon.svg', 'utf8');
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage();
async function shot(size, maskable, out) {
  await p.setViewportSize({ width: size, height: size });
  // maskable: full-bleed white background, the logo inside the central 60% safe zone
  const inner = maskable ? Math.round(size * 0.6) : size;
  await p.setContent(`<html><body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${maskable ? '#ffffff' : 'transparent'}">
    <div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`);
  fs.writeFileSync(out, smallest(await p.screenshot({ omitBackground: !maskable })));
}
await shot(192, false, 'static/icons/icon-192.png');
await shot(512, false, 'static/icons/icon-512.png');
await shot(512, true, 'static/icons/icon-maskable-512.png');
await shot(180, true, 'static/icons/apple-touch-icon.png');
await b.close();
