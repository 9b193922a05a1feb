// Screenshots of the play area for looking at, not a test: every example of the gallery (or those
// named in EXAMPLES=a,b), each pod view (creation flow, pause & namespaces, network), at 1440×900,
// 1024×768 and a 390×844 phone, in English and 中文, light and dark. Each shot is taken after
// opening the example, switching to Play and seeking (End key unless AT=ms is given), so the whole
// run is shown; the page is captured whole (fullPage).
//   node tests/e2e/shots.mjs dist out-dir
// Optional: WIDTHS=1440,390  LANGS=en  THEMES=dark  VIEWS=flow  AT=5000  CHECK=1 (only the check
// pane, no play)  TERMINAL=1 (instead: the default text applied from the terminal, a few commands
// typed, the play area beside it; one shot of the window and one of the whole page)  EDIT=1 (with
// TERMINAL=1: then `kubectl edit pod hello-pod`, the code editor under its Editing bar)  FIRST=1
// (instead: the first screen with the editor's replica, then after a click into the editor, its
// view: first-*.png and first-used-*.png).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { READY, serve, startWithSettings, useEditor } from './server.mjs';

const dist = path.resolve(process.argv[2] || 'dist');
const out = path.resolve(process.argv[3] || 'shots');
fs.mkdirSync(out, { recursive: true });
const list = (name, all) => (process.env[name] ? process.env[name].split(',') : all);
const SIZES = { 1440: [1440, 900], 1024: [1024, 768], 390: [390, 844] };
const widths = list('WIDTHS', ['1440', '1024', '390']);
const langs = list('LANGS', ['en', 'zh']);
const themes = list('THEMES', ['light', 'dark']);
const views = list('VIEWS', ['flow', 'namespaces', 'network']);

const EXPAND = '.page{height:auto!important}.editor-pane,.side-pane,.tabpanel{overflow:visible!important}'
  + '.playbar{position:static!important}';
const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run'],
});
const errors = [];
try {
  for (const w of widths) {
    const [width, height] = SIZES[w];
    for (const lang of langs) {
      for (const theme of themes) {
        const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
        await startWithSettings(context, lang, theme);
        const page = await context.newPage();
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
        await page.goto(base);
        await page.waitForSelector(READY, { timeout: 20000 });
        await page.waitForSelector('#editor .cm-content', { timeout: 20000 });
        if (process.env.FIRST) {
          await page.waitForTimeout(300);
          await page.screenshot({ path: path.join(out, `first-${w}-${lang}-${theme}.png`) });
          await useEditor(page);
          await page.mouse.move(0, 0);
          await page.waitForTimeout(300);
          await page.screenshot({ path: path.join(out, `first-used-${w}-${lang}-${theme}.png`) });
          await context.close();
          continue;
        }
        if (process.env.TERMINAL) {
          await page.click('.open-terminal');
          await page.waitForSelector('.term-panel .xterm-rows', { timeout: 20000 });
          await page.click('.apply');
          await page.waitForTimeout(300);
          await page.focus('.term-panel .xterm-helper-textarea');
          for (const c of ['sleep 15', 'kubectl get pods -o wide', 'kubectl exec hello-pod -- ps', 'kubectl de']) {
            await page.keyboard.type(c);
            await page.keyboard.press(c === 'kubectl de' ? 'Tab' : 'Enter');
            await page.waitForTimeout(250);
          }
          if (process.env.EDIT) {
            await page.keyboard.press('Control+C');
            await page.keyboard.type('kubectl edit pod hello-pod');
            await page.keyboard.press('Enter');
            await page.waitForSelector('.edit-bar', { timeout: 10000 });
            await page.waitForTimeout(300);
            await page.$eval('.edit-bar', (e) => e.scrollIntoView({ block: 'start' }));
            const name = `edit-${w}-${lang}-${theme}`;
            await page.screenshot({ path: path.join(out, `${name}.png`) });
            await page.screenshot({ path: path.join(out, `${name}-page.png`), fullPage: true });
            await context.close();
            continue;
          }
          await page.click('#mode-tab-play');
          await page.waitForTimeout(400);
          const name = `terminal-${w}-${lang}-${theme}`;
          await page.screenshot({ path: path.join(out, `${name}.png`) });
          await page.screenshot({ path: path.join(out, `${name}-page.png`), fullPage: true });
          await context.close();
          continue;
        }
        await page.click('#open-examples');
        const ids = await page.$$eval('.example', (els) => els.map((e) => e.dataset.example));
        await page.keyboard.press('Escape');
        const wanted = list('EXAMPLES', ids);
        for (const id of wanted) {
          await page.click('#open-examples');
          await page.click(`.example[data-example="${id}"]`);
          await page.waitForTimeout(150);
          if (process.env.CHECK) {
            await page.click('#mode-tab-check');
            await page.waitForTimeout(150);
            await page.screenshot({ path: path.join(out, `${id}-check-${w}-${lang}-${theme}.png`), fullPage: true });
            continue;
          }
          await page.click('#mode-tab-play');
          await page.waitForTimeout(250);
          for (const view of views) {
            const tab = await page.$(`#podview-tab-${view}`);
            if (tab) await tab.click();
            if (process.env.AT) {
              await page.$eval('.pb-range', (r, at) => {
                r.value = at;
                r.dispatchEvent(new InputEvent('input', { bubbles: true }));
              }, process.env.AT);
            } else if (await page.$('.pb-range')) {
              await page.focus('.pb-range');
              await page.keyboard.press('End');
            }
            await page.waitForTimeout(200);
            const name = `${id}-${view}-${w}-${lang}-${theme}`;
            if (process.env.PAGE) {
              await page.screenshot({ path: path.join(out, `${name}-page.png`), fullPage: true });
            }
            // The pod view itself: the page is one screen high with panes that scroll, so it is
            // let out to its full height for the element shots.
            await page.addStyleTag({ content: EXPAND }).then((h) => h.evaluate((e) => e.setAttribute('data-shots', '')));
            const podview = await page.$('.podviews');
            if (podview) await podview.screenshot({ path: path.join(out, `${name}.png`) });
            else await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
            if (view === views[0]) {
              const rest = await page.$('.timeline');
              if (rest) await rest.screenshot({ path: path.join(out, `${id}-timeline-${w}-${lang}-${theme}.png`) });
              const why = await page.$('.why');
              if (why) await why.screenshot({ path: path.join(out, `${id}-why-${w}-${lang}-${theme}.png`) });
            }
            await page.evaluate(() => document.querySelectorAll('style[data-shots]').forEach((e) => e.remove()));
            if (!tab) break;
          }
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
if (errors.length) {
  console.log(`page errors:\n${errors.join('\n')}`);
  process.exitCode = 1;
}
