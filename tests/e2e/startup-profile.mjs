// Where the page's main thread goes from navigation until the app is idle, at the phone's CPU
// (4× slower through the DevTools protocol, as tests/e2e/mobile.mjs and Lighthouse's mobile preset):
// V8's sampling profiler (CDP Profiler) from before the navigation until two seconds after the
// app took over, then the self time per function (JS and wasm), the top N printed. Wasm functions
// carry their names only in a build with a "name" section (see scripts/wasm-breakdown.py's
// docstring: wasm-bindgen --keep-debug, wasm-opt --debuginfo); in the site's build they print as
// `$funcNNN`. Also prints the app's marks (podplay:analyze, podplay:first-render, …). A measurement
// for BENCHMARKS.md, not a test.
//   node tests/e2e/startup-profile.mjs DIST [TOP] [--json OUT]
import fs from 'node:fs';
import path from 'node:path';
import { READY, launchChromium, serve } from './server.mjs';
import { loadAverage, phonePage } from './phone.mjs';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonOut = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : null;
const dist = path.resolve(args[0] || 'dist');
const top = Number(args[1] || 40);
const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
console.log(`load before: ${loadAverage()}`);
try {
  const { context, page, cdp } = await phonePage(browser);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(base);
  await page.waitForSelector(READY, { timeout: 60000 });
  await page.waitForTimeout(2000);
  const { profile } = await cdp.send('Profiler.stop');
  const marks = await page.evaluate(() => window.__e.filter((e) => e.type !== 'longtask' || e.d > 50)
    .map((e) => `${e.type} ${e.name} at ${Math.round(e.t)} ms${e.d ? `, ${Math.round(e.d)} ms` : ''}`));
  console.log(marks.join('\n'));
  // Self time per node: each sample is one interval (timeDeltas) spent in its leaf node.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const label = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url ? path.basename(f.url.split('?')[0]) : ''}`.trim();
  };
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const name = label(byId.get(id));
    self.set(name, (self.get(name) || 0) + dt);
  });
  // Total time (self and callees) per function, each counted once per sample.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const inclusive = new Map();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) seen.add(label(byId.get(at)));
    for (const name of seen) inclusive.set(name, (inclusive.get(name) || 0) + dt);
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((s, r) => s + r[1], 0);
  const busy = rows.filter(([n]) => !/^\((idle|program|garbage collector)\)/.test(n)).reduce((s, r) => s + r[1], 0);
  console.log(`sampled ${Math.round(total)} ms, of which ${Math.round(busy)} ms in functions (4x CPU)`);
  for (const [name, ms] of rows.slice(0, top)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
  console.log('total time (self and callees):');
  const totals = [...inclusive.entries()].filter(([n]) => !/^\((root|idle|program|garbage collector)\)/.test(n))
    .sort((a, b) => b[1] - a[1]);
  for (const [name, ms] of totals.slice(0, top)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(profile));
  await context.close();
} finally {
  await browser.close();
  server.close();
}
