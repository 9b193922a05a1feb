// The first load and the first Play on a phone's CPU, for BENCHMARKS.md (issue 15 items 1 and 3):
// the release site in headless Chromium at 412×823 with mobile emulation and the CPU slowed 4× by
// the DevTools protocol (what Lighthouse's mobile preset assumes), RUNS times (default 3). Prints
// the first paint, the main thread's long tasks after it (beside the app's marks: the first
// analysis, the code editor's creation, the first render) and their total blocking time (each
// task's time over 50 ms), the time from a tap on the editor (its first use: the editor bundle
// loads and the view replaces its replica) to the view, then the time from a click on Play to the
// first frame of the play area.
// A measurement, not a test: the figures depend on the machine's load (printed).
//   node tests/e2e/mobile.mjs dist
import path from 'node:path';
import { READY, launchChromium, serve } from './server.mjs';
import { loadAverage, phonePage } from './phone.mjs';

const dist = path.resolve(process.argv[2] || 'dist');
const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
console.log(`load before: ${loadAverage()}`);
try {
  for (let run = 1; run <= Number(process.env.RUNS || 3); run++) {
    const { context, page } = await phonePage(browser);
    await page.goto(base);
    await page.waitForSelector(READY, { timeout: 60000 });
    await page.waitForSelector('#editor .cm-content', { timeout: 60000 });
    await page.waitForTimeout(2000);
    const load = await page.evaluate(() => {
      const fp = window.__e.find((e) => e.name === 'first-contentful-paint')?.t ?? 0;
      const tasks = window.__e.filter((e) => e.type === 'longtask' && e.t >= fp);
      const at = (n) => window.__e.find((e) => e.name === n);
      return {
        fcp: Math.round(fp),
        tasks: tasks.map((e) => Math.round(e.d)),
        tbt: Math.round(tasks.reduce((s, e) => s + Math.max(0, e.d - 50), 0)),
        analyze: Math.round(at('podplay:analyze')?.d ?? -1),
        editor: Math.round(at('podplay:editor-create')?.d ?? -1),
        render: Math.round(at('podplay:first-render')?.t ?? -1),
      };
    });
    const tapped = Date.now();
    await page.tap('#editor .cm-content');
    await page.waitForSelector('#editor .cm-content[contenteditable=true]', { timeout: 60000 });
    const firstUse = Date.now() - tapped;
    const created = await page.evaluate(() => Math.round(performance.getEntriesByName('podplay:editor-create')[0]?.duration ?? -1));
    const play = await page.evaluate(() => new Promise((resolve) => {
      const start = performance.now();
      const obs = new MutationObserver(() => {
        if (document.querySelector('.playbar')) {
          obs.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - start));
        }
      });
      obs.observe(document.body, { childList: true, subtree: true });
      document.querySelector('#mode-tab-play').click();
    }));
    console.log(`run ${run}: first contentful paint ${load.fcp} ms; after it ${load.tasks.length} long tasks [${load.tasks.join(', ')}] ms, `
      + `blocking ${load.tbt} ms (first analysis ${load.analyze} ms, editor created in ${load.editor} ms, first render at ${load.render} ms); `
      + `first use of the editor: the view ${firstUse} ms after the tap (created in ${created} ms); `
      + `Play: first frame ${Math.round(play)} ms after the click`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
