// Draws the web app manifest's icons (static/icons/*.png) from static/favicon.svg with Debian's Chromium.
// Run by hand when the favicon changes:  node app/js/icons.mjs   (the PNGs are committed)
import { chromium } from 'playwright-core';
import fs from 'node:fs';
const svg = fs.readFileSync('static/favicon.svg', 'utf8');
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage();
async function shot(size, maskable, out) {
  await p.setViewportSize({ width: size, height: size });
  // maskable: full-bleed white background, the logo inside the central 60% safe zone
  const inner = maskable ? Math.round(size * 0.6) : size;
  await p.setContent(`<html><body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${maskable ? '#ffffff' : 'transparent'}">
    <div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`);
  await p.screenshot({ path: out, omitBackground: !maskable });
}
await shot(192, false, 'static/icons/icon-192.png');
await shot(512, false, 'static/icons/icon-512.png');
await shot(512, true, 'static/icons/icon-maskable-512.png');
await shot(180, true, 'static/icons/apple-touch-icon.png');
await b.close();
