// The play area on the built site in headless Chromium (Debian's, driven by playwright-core):
// checks that every example plays without errors, and measures with the Performance API how long
// redrawing every view for a new playhead time takes (issue #6: ≤ 4 ms, so that scrubbing stays
// at 60 fps), while scrubbing and while playing at 60×; checks that with prefers-reduced-motion
// playback jumps from event to event.
//   node tests/e2e/playhead.mjs dist          (SHOTS=dir also saves screenshots there)
// Prints a table of the figures; exits non-zero when a check fails (not when a figure is slow:
// timings on a shared machine are for the record in BENCHMARKS.md, not a test).
import fs from 'node:fs';
import path from 'node:path';
import { checks, launchChromium, READY, serve, startWithText, watchErrors } from './server.mjs';

const dist = path.resolve(process.argv[2] || 'dist');
const shots = process.env.SHOTS;
const SCRUBS = Number(process.env.SCRUBS || 300);
const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
const { check, failures } = checks();

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');
// The gallery's examples that show the views' ideas, and a seed.
const cases = [
  ['crashloop', read('core/src/examples/crashloop.yaml')],
  ['port-clash', read('core/src/examples/port-clash.yaml')],
  ['pause-demo', read('core/src/examples/pause-demo.yaml')],
  ['native-sidecar', read('core/src/examples/native-sidecar.yaml')],
  ['liveness-exec', read('core/tests/fixtures/seeds/liveness-exec.yaml')],
].filter(([name]) => !process.env.CASES || process.env.CASES.split(',').includes(name));

// Opens the site with `text` in the editor and the play area shown.
async function open(text, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, ...options });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await startWithText(page, text);
  await page.goto(base);
  await page.waitForSelector(READY, { timeout: 15000 });
  await page.waitForSelector('#mode-tab-play', { timeout: 15000 });
  await page.click('#mode-tab-play');
  await page.waitForSelector('.play .playbar', { timeout: 15000 });
  await page.waitForTimeout(200);
  return { context, page, errors };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? NaN };
};
const fmt = (s) => `n=${s.n} median ${s.median.toFixed(2)} p95 ${s.p95.toFixed(2)} max ${s.max.toFixed(2)} ms`;

const rows = [];
for (const [name, text] of cases) {
  const { context, page, errors } = await open(text);
  const [simulate, draw, end] = await page.evaluate(() => [
    performance.getEntriesByName('podplay:simulate')[0]?.duration ?? -1,
    performance.getEntriesByName('podplay:timeline-draw')[0]?.duration ?? -1,
    Number(document.querySelector('.pb-range').max),
  ]);
  check(end > 0, `${name}: plays (run of ${end / 1000} s)`);
  // Scrubbing: a new time each animation frame, spread over the run (a fixed pseudo-random
  // sequence, the same every time), once with each pod view shown (one is drawn at a time).
  const scrubs = [];
  for (const view of ['flow', 'namespaces', 'network']) {
    await page.click(`#podview-tab-${view}`);
    const scrub = await page.evaluate(async ([count, end]) => {
      const app = [];
      const withLayout = [];
      const obs = new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (e.name === 'podplay:playhead') app.push(e.duration);
      });
      obs.observe({ type: 'measure' });
      const range = document.querySelector('.pb-range');
      const task = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
      let x = 12345;
      for (let i = 0; i < count; i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        const t0 = performance.now();
        range.value = String(x % (end + 1));
        range.dispatchEvent(new Event('input', { bubbles: true }));
        // The next task runs after the frame that shows the change (style, layout, paint).
        await task();
        void document.body.offsetHeight; // style and layout, if the frame has not done them yet
        withLayout.push(performance.now() - t0);
        await new Promise((r) => requestAnimationFrame(() => r()));
      }
      await task();
      obs.disconnect();
      return { app, withLayout };
    }, [SCRUBS, end]);
    scrubs.push([view, scrub]);
  }
  await page.click('#podview-tab-flow');
  // Playing at 60× for two seconds: one redraw per frame.
  const playing = await page.evaluate(async () => {
    const r = document.querySelector('.pb-range');
    r.value = '0';
    r.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((res) => setTimeout(res, 50));
    const app = [];
    const obs = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (e.name === 'podplay:playhead') app.push(e.duration);
    });
    obs.observe({ type: 'measure' });
    [...document.querySelectorAll('.pb-speed-btn')].find((b) => b.textContent === '60×').click();
    document.querySelector('.pb-play').click();
    await new Promise((r) => setTimeout(r, 2000));
    document.querySelector('.pb-play').click();
    await new Promise((r) => setTimeout(r, 100));
    obs.disconnect();
    return { app, time: document.querySelector('.pb-time').textContent };
  });
  const moved = parseFloat(playing.time);
  check(moved >= 60, `${name}: 2 s of playing at 60× moved the playhead to ${playing.time}`);
  check(errors.length === 0, `${name}: no errors in the console${errors.length ? ': ' + errors.join(' | ') : ''}`);
  for (const [view, scrub] of scrubs) {
    rows.push({ name: `${name} ${view}`, simulate, draw, scrub: stats(scrub.app), layout: stats(scrub.withLayout), play: stats(playing.app) });
  }
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.evaluate(() => {
      const r = document.querySelector('.pb-range');
      r.value = String(Math.round(Number(r.max) * 0.4));
      r.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(shots, `play-${name}.png`), fullPage: true });
  }
  await context.close();
}

// prefers-reduced-motion: playing shows the state at each event instantly instead of moving
// continuously, so the time shown only takes the values of event instants.
{
  const { context, page, errors } = await open(cases[0][1], { reducedMotion: 'reduce' });
  const note = await page.textContent('.pb-keys');
  check(/Reduced motion/.test(note), 'reduced motion: the bar says that playback jumps from event to event');
  const seen = await page.evaluate(async () => {
    [...document.querySelectorAll('.pb-speed-btn')].find((b) => b.textContent === '60×').click();
    document.querySelector('.pb-play').click();
    const values = [];
    for (let i = 0; i < 60; i++) {
      await new Promise((r) => requestAnimationFrame(() => r()));
      values.push(document.querySelector('.pb-time').textContent);
    }
    document.querySelector('.pb-play').click();
    return values;
  });
  const distinct = new Set(seen).size;
  check(distinct > 1 && distinct < 20, `reduced motion: 60 frames at 60× showed ${distinct} distinct times (event instants), not one per frame`);
  const transition = await page.evaluate(() => getComputedStyle(document.querySelector('.tl-now')).transitionDuration);
  check(transition === '0s', `reduced motion: no transition on the cursor (${transition})`);
  check(errors.length === 0, 'reduced motion: no errors in the console');
  await context.close();
}

console.log('\nRedraw of every view for a new playhead time (performance measure podplay:playhead):');
console.log('example / view              simulate  timeline draw  scrubbing (podplay:playhead)                     scrubbing, whole frame (+ style, layout, paint)  playing at 60× (podplay:playhead)');
for (const r of rows) {
  console.log(`${r.name.padEnd(26)} ${r.simulate.toFixed(1).padStart(6)} ms ${r.draw.toFixed(1).padStart(8)} ms   ${fmt(r.scrub).padEnd(48)} ${fmt(r.layout).padEnd(48)} ${fmt(r.play)}`);
}

await browser.close();
server.close();
if (failures()) {
  console.log(`\n${failures()} check(s) failed`);
  process.exit(1);
}
console.log('\nall play-area checks passed');
