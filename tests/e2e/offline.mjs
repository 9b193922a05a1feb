// End-to-end check of what issue 15 added to the release site, in headless Chromium:
// - the first screen is in index.html (prerendered by app/js/postbuild.mjs): the default example is
//   readable while the wasm is still downloading, in English and in Chinese, inert until the app
//   takes over, and nothing moves when it does (boxes compared, layout shifts observed);
// - a wasm download that fails says so with a retry and keeps the learner's text;
// - the code editor is a replica until its first use (the editor bundle is not loaded before):
//   a click loads it and the view takes the replica's place with nothing moving, the caret where
//   the click was, the focus inside and the keys typed during the load; a failed download of the
//   bundle says so with a retry and the text stays;
// - after a first visit the service worker opens the playground and a lesson with no network;
// - a new build is announced ("new version ready") and taken on the learner's word.
//   node tests/e2e/offline.mjs dist
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checks, EDITOR, editorText, launchChromium, READY, REPLICA, serve, startWithText } from './server.mjs';

const dist = path.resolve(process.argv[2] || 'dist');
const { check, failures } = checks();
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
check(/<div id="app" aria-busy="true" inert data-prerendered>/.test(html), 'index.html holds the prerendered first screen, inert and busy');
const shownText = (html.split('<div id="app"')[1] || '').split('<template')[0].replace(/<[^>]*>/g, '');
check(shownText.includes('name: hello-pod') && shownText.includes('image: nigelpoulton/k8sbook:1.0'), 'with the default example\'s text');
check(/<template id="prerender-zh">[\s\S]*检查[\s\S]*<\/template>/.test(html), 'and its Chinese version in a template');
check(!/contenteditable/.test(html.replace(/<style id="prerender-css"[^>]*>[\s\S]*?<\/style>/, '')), 'nothing in it is editable');
check(/<style id="prerender-css" data-editor-class="cm-editor[^"]*">[^<]*\.cm-scroller/.test(html), 'the editor\'s own styles and classes come with it');
check(html.indexOf('<style id="prerender-css"') < html.indexOf('rel="stylesheet"'), 'before the page\'s style sheets, as CodeMirror puts its own (so editor.css wins)');
check(fs.existsSync(path.join(dist, 'sw.js')) && fs.existsSync(path.join(dist, 'manifest.webmanifest')), 'the build ships sw.js and the web app manifest');

// Served from a copy, so that a new build can be simulated by changing sw.js.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'podplay-offline-'));
fs.cpSync(dist, root, { recursive: true });
const server = await serve(root);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();

// Boxes of the first screen's landmarks, and the layout shifts observed so far.
const boxes = (page) => page.evaluate(() => ['.toolbar', '#editor', '.summary', '#mode-tab-play', '.status']
  .map((s) => { const r = document.querySelector(s)?.getBoundingClientRect(); return r ? [s, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)].join(' ') : `${s} missing`; }));
const observeShifts = (page) => page.addInitScript(() => {
  window.__shifts = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
});

// Opens the site with the editor bundle held back until the returned function is called.
async function openHoldingEditor(page) {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/editor.js', async (route) => { await held; await route.continue(); });
  await page.goto(base);
  await page.waitForSelector(READY, { timeout: 30000 });
  return release;
}

// Clicks at the end of the editor's first line that contains `text`.
async function clickLineEnd(page, text) {
  const box = await page.locator('#editor .cm-line', { hasText: text }).first().boundingBox();
  await page.mouse.click(box.x + box.width - 4, box.y + box.height / 2);
}

try {
  for (const [locale, word] of [['en-US', 'Check'], ['zh-CN', '检查']]) {
    for (const [w, h] of [[1440, 900], [390, 844]]) {
      const context = await browser.newContext({ locale, viewport: { width: w, height: h }, serviceWorkers: 'block' });
      const page = await context.newPage();
      await observeShifts(page);
      let release;
      const held = new Promise((r) => { release = r; });
      await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
      await page.goto(base, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector('#editor .cm-line');
      const text = await page.$$eval('#editor .cm-line', (ls) => ls.map((l) => l.textContent).join('\n'));
      check(text.includes('name: hello-pod'), `${locale} ${w}px: before the wasm arrives the example is readable`);
      check((await page.textContent('#mode-tab-check')).includes(word), `${locale} ${w}px: in the learner's language ("${word}")`);
      check(await page.$eval('#app', (a) => a.inert && a.getAttribute('aria-busy') === 'true'), `${locale} ${w}px: and inert`);
      const [gutter, content] = await page.evaluate(() => ['.cm-gutters', '.cm-content'].map((s) => document.querySelector(s).getBoundingClientRect().toJSON()));
      check(content.left >= gutter.right - 1 && Math.abs(content.top - gutter.top) < 2, `${locale} ${w}px: the editor's gutter and text side by side, as the app draws them`);
      const before = await boxes(page);
      release();
      await page.waitForSelector(READY, { timeout: 30000 });
      await page.waitForTimeout(300);
      const after = await boxes(page);
      check(JSON.stringify(before) === JSON.stringify(after), `${locale} ${w}px: nothing moves when the app takes over (${before.join(' | ')} → ${after.join(' | ')})`);
      const shifts = await page.evaluate(() => window.__shifts);
      check(shifts <= 0.01, `${locale} ${w}px: layout shift ${shifts.toFixed(4)} ≤ 0.01`);
      await context.close();
    }
  }

  // A returning learner's own text is never covered by the default example.
  {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const mine = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: mine\n';
    await page.addInitScript((t) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('podplay.text.v1', t); sessionStorage.setItem('seeded', '1'); } }, mine);
    await page.route('**/*.wasm', (route) => route.abort());
    await page.goto(base);
    await page.waitForSelector('.site-notice[role=alert]', { timeout: 15000 });
    check(!(await page.textContent('#app')).includes('hello-pod'), 'a saved text of their own: the loading line, not the default example');
    const notice = await page.textContent('.site-notice');
    check(notice.includes('could not finish loading') && notice.includes('未能加载完成'), `a failed wasm download says so in both languages (${notice.slice(0, 60)}…)`);
    check(await page.evaluate(() => localStorage.getItem('podplay.text.v1')) === mine, 'the learner\'s text is kept');
    await page.unroute('**/*.wasm');
    await page.click('.site-notice button');
    await page.waitForSelector(READY, { timeout: 30000 });
    await page.waitForSelector('#editor .cm-content');
    const text = await page.$$eval('#editor .cm-line', (ls) => ls.map((l) => l.textContent).join('\n'));
    check(text.includes('name: mine'), 'Retry loads the app with the learner\'s text');
    await context.close();
  }

  // The editor's first use: the replica (the prerendered editor for the default example, drawn
  // from the text for another) gives way to the view; keys typed while the bundle loads are kept.
  for (const [what, seed] of [['the default example', null], ['a text of their own', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: mine\n  labels:\n    app: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n']]) {
    for (const [w, h] of [[1440, 900], [390, 844]]) {
      const at = `${what}, ${w}px`;
      const context = await browser.newContext({ viewport: { width: w, height: h }, serviceWorkers: 'block' });
      const page = await context.newPage();
      if (seed) await startWithText(page, seed);
      const fetched = [];
      page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
      const release = await openHoldingEditor(page);
      await page.waitForTimeout(300);
      check(!!(await page.$(REPLICA)) && !(await page.$(EDITOR)), `${at}: once the app has taken over, the editor is its replica`);
      check(!fetched.some((f) => f.endsWith('/editor.js')), `${at}: the editor bundle is not loaded before the first use`);
      const numbers = await page.$$eval('#editor .cm-lineNumbers .cm-gutterElement', (ls) => ls.slice(1).map((l) => l.textContent).join(','));
      const lineCount = await page.$$eval('#editor .cm-line', (ls) => ls.length);
      check(numbers === Array.from({ length: lineCount }, (_, i) => i + 1).join(','), `${at}: the replica numbers its ${lineCount} lines`);
      const layout = () => page.evaluate(() => ['.toolbar', '#editor', '.summary', '.cm-gutters', '.cm-content', '.cm-line', '.cm-lineNumbers .cm-gutterElement:nth-child(2)']
        .map((sel) => [...document.querySelectorAll(sel)].map((e) => { const r = e.getBoundingClientRect(); return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)].join(' '); }).join(';'))
        .map((b, i) => `${i}:${b}`));
      const before = await layout();
      // A click at the end of the image line while the bundle is held back.
      await clickLineEnd(page, 'image:');
      await page.waitForTimeout(200);
      check(!(await page.$(EDITOR)) && !!(await page.$('.editor-status[role=status]')), `${at}: while the bundle loads the replica stays, and says the editor is loading`);
      release();
      await page.waitForSelector(EDITOR, { timeout: 30000 });
      await page.waitForTimeout(300);
      const after = await layout();
      const moved = before.filter((b, i) => b !== after[i]);
      check(moved.length === 0, `${at}: nothing moves when the view replaces the replica (${moved.join(' | ')} → ${after.filter((b, i) => b !== before[i]).join(' | ')})`);
      check(!(await page.$(REPLICA)) && (await page.$$('#editor .cm-editor')).length === 1 && !(await page.$('.editor-status')), `${at}: the replica is gone, one editor`);
      check(await page.evaluate(() => !!document.activeElement?.closest('#editor .cm-editor')), `${at}: the focus is in the view`);
      await page.keyboard.type('Z');
      const image = (await editorText(page)).split('\n').find((l) => l.includes('image:'));
      check(image.endsWith('Z'), `${at}: the caret is where the click was (${JSON.stringify(image)})`);
      await context.close();
    }
  }

  // Keys typed while the bundle loads are replayed in the view: characters, Enter (with the
  // editor's indentation), Backspace.
  {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const release = await openHoldingEditor(page);
    await clickLineEnd(page, 'image:');
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    await page.keyboard.type('#okk');
    await page.keyboard.press('Backspace');
    check(!(await page.$(EDITOR)), 'keys typed while the bundle loads: the replica still shows');
    release();
    await page.waitForSelector(EDITOR, { timeout: 30000 });
    await page.waitForTimeout(200);
    const text = await editorText(page);
    check(/image: \S+12\n {4}#ok\n/.test(text), `they are in the view's text, from where the click put the caret (${JSON.stringify(text.split('\n').filter((l) => /image:|#ok/.test(l)))})`);
    await page.waitForTimeout(300);
    const saved = await page.evaluate(() => localStorage.getItem('podplay.text.v1'));
    check(saved === text, 'and reach the app (saved)');
    await context.close();
  }

  // A keyboard user who tabs into the replica and leaves it (Escape then Tab, as in the view)
  // before the bundle arrives keeps the focus where it went.
  {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const release = await openHoldingEditor(page);
    await page.focus('#editor .cm-content');
    const named = await page.evaluate(() => { const a = document.activeElement; return [a.getAttribute('role'), a.getAttribute('tabindex'), a.getAttribute('aria-multiline'), !!a.getAttribute('aria-label')].join(' '); });
    check(named === 'textbox 0 true true', `the replica takes the focus as a named multi-line textbox (${named})`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    const left = await page.evaluate(() => !document.activeElement?.closest('#editor'));
    release();
    await page.waitForSelector(EDITOR, { timeout: 30000 });
    await page.waitForTimeout(200);
    check(left && await page.evaluate(() => !document.activeElement?.closest('#editor')), 'Escape then Tab leaves it, and the view does not take the focus back');
    check((await editorText(page)).startsWith('apiVersion: v1\nkind: Pod'), 'and no key was replayed into the text');
    await context.close();
  }

  // A failed download of the editor bundle: the site's message with a retry; the text stays.
  {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    let refuse = true;
    await page.route('**/editor.js', (r) => (refuse ? r.abort() : r.continue()));
    await page.goto(base);
    await page.waitForSelector(READY, { timeout: 30000 });
    await page.click('#editor .cm-content');
    await page.keyboard.type('x');
    const notice = await page.waitForSelector('#editor-notice[role=alert]', { timeout: 15000 }).then((e) => e.textContent(), () => '');
    check(notice.includes('could not be loaded') && notice.includes('Retry'), `a failed editor download says so with a retry (${notice.slice(0, 80)}…)`);
    check(!!(await page.$(REPLICA)) && (await page.textContent('#editor')).includes('name: hello-pod'), 'the replica and its text stay');
    const stored = await page.evaluate(() => localStorage.getItem('podplay.text.v1'));
    check(stored === null || stored.includes('name: hello-pod'), 'the saved text is untouched');
    refuse = false;
    await page.click('#editor-notice button');
    await page.waitForSelector(EDITOR, { timeout: 30000 });
    const text = await editorText(page);
    check(text.includes('name: hello-pod') && !(await page.$('#editor-notice')), 'Retry loads the editor with the text, and the message goes');
    await context.close();
  }

  // Offline after a first visit, then a new version.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base);
    await page.waitForSelector(READY, { timeout: 30000 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector(READY, { timeout: 30000 });
    await page.waitForSelector('#editor .cm-content');
    check((await page.textContent('.summary')).includes('hello-pod'), 'offline: the playground opens and checks the example');
    await page.goto(`${base}#learn/pause/1`);
    await page.reload();
    await page.waitForSelector('.lesson .prose, .lesson-error', { timeout: 30000 });
    const prose = await page.locator('.lesson .prose').count();
    check(prose > 0 && (await page.locator('.lesson-error').count()) === 0, `offline: a lesson's text opens (${prose} prose blocks)`);
    await context.setOffline(false);
    // A new build: another sw.js. The next visit finds it, installs it and asks.
    fs.appendFileSync(path.join(root, 'sw.js'), '\n// another build\n');
    await page.goto(base);
    await page.waitForSelector(READY, { timeout: 30000 });
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r && r.update()));
    await page.waitForSelector('.site-notice[role=status]', { timeout: 30000 });
    const notice = await page.textContent('.site-notice');
    check(notice.includes('new version') && notice.includes('新版本'), `a new version is announced in both languages (${notice.slice(0, 50)}…)`);
    await Promise.all([page.waitForEvent('load', { timeout: 30000 }), page.click('.site-notice button')]);
    await page.waitForSelector(READY, { timeout: 30000 });
    check(await page.evaluate(() => !document.querySelector('.site-notice')), 'accepting it reloads into the new version');
    check(errors.length === 0, `no page errors (${errors.join(' | ')})`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(root, { recursive: true, force: true });
}
if (failures()) { console.error(`${failures()} offline check(s) failed`); process.exit(1); }
console.log('offline checks passed');
