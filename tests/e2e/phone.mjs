// What the phone measurements share (mobile.mjs, startup-profile.mjs): a page at 412×823 with
// mobile emulation and the CPU slowed 4× by the DevTools protocol (what Lighthouse's mobile preset
// assumes), whose paints, long tasks, marks and measures are collected in `window.__e` from the
// start; and the machine's load average, printed beside every figure.
import fs from 'node:fs';

export async function phonePage(browser) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.__e = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__e.push({ type: e.entryType, name: e.name, t: e.startTime, d: e.duration });
    }).observe({ entryTypes: ['paint', 'longtask', 'measure', 'mark'] });
  });
  return { context, page, cdp };
}

export const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
