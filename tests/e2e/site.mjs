// End-to-end check of the built site in headless Chromium (Debian's, driven by playwright-core):
// the page really renders the default example in the code editor, reacts to real typing with
// underlined diagnostics, hover cards, completions and the problems panel, keeps the text across a
// reload, switches language, lets keyboard users leave the editor, logs no errors, and renders
// first within the budget (performance mark `podplay:first-render`).
//   node tests/e2e/site.mjs dist            (SHOTS=dir also saves screenshots there)
import path from 'node:path';
import zlib from 'node:zlib';
import { READY, checks, editorText, launchChromium, serve, setText } from './server.mjs';

const dist = path.resolve(process.argv[2] || 'dist');
const shots = process.env.SHOTS;
const FIRST_RENDER_BUDGET_MS = 500;
const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
const { check, failures } = checks();

const firstRenders = [];
const loads = [];
async function load(page, how) {
  await how();
  await page.waitForSelector(READY, { timeout: 15000 });
  await page.waitForSelector('#editor .cm-content', { timeout: 15000 });
  await page.waitForSelector('.doc', { timeout: 15000 });
  const [ms, editor, analysis] = await page.evaluate(() => {
    const at = (n) => performance.getEntriesByName(n)[0];
    return [at('podplay:first-render')?.startTime ?? -1, at('podplay:editor-create')?.duration ?? -1,
      at('podplay:analyze')?.duration ?? -1];
  });
  firstRenders.push(Math.round(ms));
  const created = editor < 0 ? 'editor not created: its replica shows until first use' : `editor created in ${Math.round(editor)} ms`;
  loads.push(`${Math.round(ms)} ms (${created}, text analysed in ${Math.round(analysis)} ms)`);
  return ms;
}

// Puts the cursor at the end of the first line containing `needle`.
async function cursorAfter(page, needle) {
  const line = page.locator('#editor .cm-line', { hasText: needle }).first();
  await line.click();
  await page.keyboard.press('End');
}

async function shot(page, name) {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

try {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));

  const first = await load(page, () => page.goto(base));
  console.log(`first render: ${Math.round(first)} ms after navigation start (cold: wasm compiled for the first time)`);
  const summary = await page.textContent('.summary');
  check(summary.includes('Pod hello-pod'), 'the default example (hello-pod) is parsed and shown');
  check(summary.includes('hello-ctr') && summary.includes('nigelpoulton/k8sbook:1.0'), 'its container and image are listed');
  check((await editorText(page)).includes('name: hello-pod'), 'the code editor holds the example text');
  check((await page.getAttribute('#editor .cm-content', 'aria-label')) === 'Pod manifest (YAML)', 'the editor has an accessible name');
  check((await page.textContent('.status')).includes('valid'), 'the header says the manifest is valid');
  check((await page.locator('#editor .tok-atom', { hasText: 'apiVersion' }).count()) === 1, 'YAML keys are highlighted');
  await shot(page, 'en-light');

  // A syntax error, pasted.
  const broken = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: 1\n';
  await setText(page, broken);
  await page.waitForSelector('.error', { timeout: 5000 });
  const err = await page.textContent('.error');
  check(/line 5, column 2/.test(err) && err.includes('did not find expected key'), `a syntax error is located at line 5, column 2 (got: ${err.slice(0, 120)})`);
  check((await editorText(page)) === broken.replace(/\n$/, '\n'), 'the pasted text is in the editor');
  const listed = await page.textContent('.problem-list');
  check(listed.includes('5:2') && /error converting YAML to JSON: yaml: line \d+: did not find expected key/.test(listed),
    `the problems panel lists it with kubectl's message at 5:2 (got: ${listed.slice(0, 160)})`);
  check((await page.textContent('.status')).includes('1 problem'), 'the header counts 1 problem');

  // Real typing: a valid pod, then a misspelt field typed key by key on a new line.
  await setText(page, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx');
  await page.waitForSelector('.status.ok', { timeout: 5000 });
  await cursorAfter(page, 'image: nginx');
  const t0 = Date.now();
  await page.keyboard.press('Enter');
  await page.keyboard.type('imagee: nginx', { delay: 15 });
  const typed = Date.now() - t0;
  await page.waitForSelector('#editor .cm-diag-error', { timeout: 5000 });
  const lines = await page.$$eval('#editor .cm-line', (ls) => ls.map((l) => [l.textContent, !!l.querySelector('.cm-diag-error')]));
  check(lines[8] && lines[8][0] === '    imagee: nginx', `Enter kept the indentation of the list item (line 9: ${JSON.stringify(lines[8])})`);
  check(lines.filter(([, u]) => u).map(([t]) => t).join('|') === '    imagee: nginx', 'the unknown field is underlined on its line, and only there');
  check(await page.locator('#editor .cm-diag-marker-error').count() === 1, 'the gutter marks the line');
  console.log(`typing 14 keys took ${typed} ms (15 ms between keys)`);
  const item = await page.textContent('.problem-list');
  check(item.includes('9:5') && item.includes('strict decoding error: unknown field "spec.containers[0].imagee"'),
    `the problems panel lists the unknown field at 9:5 (got: ${item.slice(0, 200)})`);

  // Hover on the error: kubectl's message, explanation and fix.
  await page.hover('#editor .cm-diag-error');
  await page.waitForSelector('.cm-tooltip-hover .hover-kubectl', { timeout: 5000 });
  const card = await page.textContent('.cm-tooltip-hover');
  check(card.includes('unknown field "spec.containers[0].imagee"'), 'hovering the error shows kubectl\'s message');
  check((await page.locator('.cm-tooltip-hover .hover-fix').count()) === 1, 'and the fix');
  await shot(page, 'en-hover-error');
  await page.mouse.move(900, 850);

  // Hover on a key: its kubectl explain documentation.
  await page.locator('#editor .tok-atom', { hasText: 'containers' }).hover();
  await page.waitForSelector('.cm-tooltip-hover .hover-field', { timeout: 5000 });
  const doc = await page.textContent('.cm-tooltip-hover');
  check(doc.includes('spec.containers <[]Container>') && doc.includes('List of containers belonging to the pod'),
    `hovering a key shows its explain doc (got: ${doc.slice(0, 120)})`);
  await page.mouse.move(900, 850);

  // Completion of an enum value while typing.
  await cursorAfter(page, 'spec:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('restartPolicy: ', { delay: 15 });
  await page.waitForSelector('.cm-tooltip-autocomplete', { timeout: 5000 });
  const options = await page.$$eval('.cm-tooltip-autocomplete li .cm-completionLabel', (ls) => ls.map((l) => l.textContent));
  check(options.join(',') === 'Always,Never,OnFailure', `completion offers restartPolicy's values (got: ${options})`);
  await shot(page, 'en-completion');
  await page.waitForTimeout(150); // CodeMirror ignores keys for 75 ms after the list opens
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const afterCompletion = await editorText(page);
  check(afterCompletion.includes('  restartPolicy: Never\n'), `choosing a completion inserts it (got: ${JSON.stringify(afterCompletion.slice(40, 120))})`);

  // Undo, search and leaving the editor with the keyboard.
  await page.keyboard.press('Control+Z');
  check(!(await editorText(page)).includes('restartPolicy: Never'), 'Ctrl-Z undoes');
  await page.keyboard.press('Control+F');
  check(await page.locator('#editor .cm-search input[name=search]').count() === 1, 'Ctrl-F opens the search panel');
  await page.keyboard.press('Escape');
  await page.click('#editor .cm-content');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  const outside = await page.evaluate(() => !document.activeElement.closest('.cm-editor'));
  check(outside, 'Escape then Tab moves the focus out of the editor');

  // The problems panel: choosing a problem selects its range in the editor.
  await page.waitForSelector('.problem-jump', { timeout: 5000 });
  await page.click('.problem-jump');
  const selected = await page.evaluate(() => document.getSelection().toString());
  check(selected === 'imagee', `clicking a problem selects its range (got: ${JSON.stringify(selected)})`);
  await page.focus('.problem-jump');
  await page.keyboard.press('Enter');
  check(await page.evaluate(() => document.getSelection().toString()) === 'imagee'
    && await page.evaluate(() => !!document.activeElement.closest('.cm-editor')), 'Enter on a problem selects its range in the editor too');
  await page.click('.status');
  check(await page.evaluate(() => document.activeElement.id) === 'problems', 'the header status focuses the problems panel');

  await page.reload();
  await load(page, () => Promise.resolve());
  check((await editorText(page)).includes('    imagee: nginx'), 'the text survives a reload');

  // Re-checking on every edit must not make typing lag: time core's analysis of a 200-line
  // manifest as keys are typed (the app records each run as the performance measure podplay:analyze).
  await page.evaluate(() => {
    window.analyzeTimes = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'podplay:analyze') window.analyzeTimes.push(e.duration);
    }).observe({ type: 'measure' });
  });
  const containers = Array.from({ length: 19 }, (_, i) => [
    `  - name: app-${i}`, `    image: nginx:1.27`, '    ports:', `    - containerPort: ${8000 + i}`, '      protocol: TCP',
    '    env:', '    - name: MODE', '      value: "fast"', '    resources:', '      limits:', '        memory: 64Mi'].join('\n'));
  const big = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: big', 'spec:', '  containers:', ...containers].join('\n') + '\n';
  await setText(page, big);
  await page.waitForSelector('.status.ok', { timeout: 5000 });
  await page.keyboard.press('Control+Home');
  await cursorAfter(page, 'name: big');
  await page.evaluate(() => { window.analyzeTimes = []; });
  await page.keyboard.type('-typed-here', { delay: 80 });
  await page.waitForTimeout(200);
  const times = (await page.evaluate(() => window.analyzeTimes)).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`analysis of ${big.split('\n').length - 1} lines while typing: ${times.length} runs, median ${median?.toFixed(2)} ms, max ${times.at(-1)?.toFixed(2)} ms`);
  // The target for core is 2 ms; the check leaves room for a busy machine but not for a
  // check that would hold up typing (half a 60 Hz frame).
  check(times.length >= 5 && median <= 8, `re-checking a 200-line manifest stays within half a frame (median ${median?.toFixed(2)} ms; target 2 ms)`);

  await page.click('button[lang="zh-CN"]');
  check((await page.textContent('h1')) === 'Pod 游乐场', 'the language switches to Chinese');
  check((await page.textContent('#problems')).includes('问题'), 'the problems panel speaks Chinese');
  check((await page.getAttribute('#editor .cm-content', 'aria-label')) === 'Pod 清单（YAML）', 'so does the editor\'s name');
  await shot(page, 'zh-light');
  await load(page, () => page.reload());
  check((await page.textContent('h1')) === 'Pod 游乐场', 'the language choice is remembered');

  check(problems.length === 0, `no console errors (${problems.join(' | ')})`);
  await context.close();

  // Share links: a link made outside the browser (Node's raw deflate, base64url) opens in the
  // built site byte for byte, keeps the text it replaced, and a damaged link changes nothing.
  const shareContext = await browser.newContext({ locale: 'en-US' });
  const sp = await shareContext.newPage();
  const shareProblems = [];
  sp.on('pageerror', (e) => shareProblems.push(String(e)));
  await sp.goto(base);
  await sp.waitForSelector(READY, { timeout: 15000 });
  await sp.waitForSelector('.doc', { timeout: 15000 });
  await sp.evaluate(() => localStorage.setItem('podplay.text.v1', 'my own text\n'));
  const shared = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: shared-pod\r\n  annotations:\r\n    note: "名字 ✓ <i>x</i>"\r\nspec:\r\n  containers:\r\n  - name: web\r\n    image: nginx\r\n';
  const payload = zlib.deflateRawSync(Buffer.from(shared, 'utf8')).toString('base64url');
  await sp.goto('about:blank');
  await sp.goto(`${base}#s=${payload}`);
  await sp.waitForFunction(() => (document.querySelector('.summary') || {}).textContent?.includes('Pod shared-pod'), null, { timeout: 15000 });
  const stored = await sp.evaluate(() => localStorage.getItem('podplay.text.v1'));
  check(stored === shared, 'a share link opens its text exactly (CRLF and Unicode kept)');
  check((await sp.evaluate(() => localStorage.getItem('podplay.previous.v1'))) === 'my own text\n', 'the text it replaced is kept');
  check((await sp.textContent('.notice')).includes('Opened the manifest from the link'), 'a message says where the text came from');
  check((await sp.evaluate(() => location.hash)) === '', 'the fragment is removed once read');
  check((await sp.$('.summary i')) === null, 'text from a link is never markup');
  await sp.click('.notice button:not(.icon-button)');
  check((await sp.evaluate(() => localStorage.getItem('podplay.text.v1'))) === 'my own text\n', 'restoring brings the previous text back');

  // A link pasted into the address bar of the open page (only the fragment changes).
  await sp.goto(`${base}#s=${payload.slice(0, Math.floor(payload.length / 2))}`);
  await sp.waitForSelector('.notice[role=alert]', { timeout: 15000 });
  check((await sp.textContent('.notice')).includes('damaged or cut short'), 'a cut-off link says so');
  check((await sp.evaluate(() => localStorage.getItem('podplay.text.v1'))) === 'my own text\n', 'and leaves the text intact');

  // The examples dialog by keyboard: it opens, Escape closes it, focus returns.
  await sp.focus('#open-examples');
  await sp.keyboard.press('Enter');
  await sp.waitForSelector('dialog.gallery[open]');
  check(await sp.evaluate(() => document.activeElement?.classList.contains('example')), 'the dialog takes focus');
  await sp.keyboard.press('Escape');
  check(await sp.evaluate(() => !document.querySelector('dialog.gallery').open && document.activeElement?.id === 'open-examples'), 'Escape closes the dialog and focus returns');
  check(shareProblems.length === 0, `no page errors (${shareProblems.join(' | ')})`);
  await shareContext.close();

  // The pod views in the play area: the port clash of the gallery's example at the moment the
  // second bind fails, the namespaces table, and animation only without prefers-reduced-motion.
  for (const reduce of [false, true]) {
    const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 },
      reducedMotion: reduce ? 'reduce' : 'no-preference' });
    const p = await ctx.newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    const clash = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: port-clash\nspec:\n  containers:\n  - name: web-a\n    image: nginx\n  - name: web-b\n    image: nginx\n';
    await p.addInitScript((t) => localStorage.setItem('podplay.text.v1', t), clash);
    await p.goto(base);
    await p.click('#mode-tab-play');
    await p.waitForSelector('.podviews .flow', { timeout: 15000 });
    const seek = (ms) => p.$eval('.pb-range', (el, v) => { el.value = String(v); el.dispatchEvent(new Event('input', { bubbles: true })); }, ms);
    const token = await p.$eval('.flow .token', (el) => getComputedStyle(el).transitionDuration);
    if (reduce) {
      check(token === '0s', `with reduced motion the flow's token jumps (transition ${token})`);
    } else {
      check(token !== '0s', `the flow's token moves from step to step (transition ${token})`);
      await p.click('#podview-tab-network');
      await seek(4870);
      await p.waitForSelector('.netview .sock.clash', { timeout: 5000 });
      check((await p.textContent('.clash-note')).includes('web-b: bind(:80)'), 'the port clash shows when the second bind fails');
      await p.click('#podview-tab-namespaces');
      await p.waitForSelector('.nstable', { timeout: 5000 });
      check((await p.$$('.nstable td.eq.net')).length === 3, 'pause and both containers share one net namespace');
    }
    check(errors.length === 0, `no page errors in the play area (${errors.join(' | ')})`);
    await ctx.close();
  }

  if (shots) {
    for (const [locale, name] of [['en-US', 'en-dark'], ['zh-CN', 'zh-dark']]) {
      const ctx = await browser.newContext({ locale, colorScheme: 'dark', viewport: { width: 1440, height: 900 } });
      const p = await ctx.newPage();
      await load(p, () => p.goto(base));
      await setText(p, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    imagee: nginx\n');
      await p.waitForSelector('#editor .cm-diag-error', { timeout: 5000 });
      await p.hover('#editor .cm-diag-error');
      await p.waitForSelector('.cm-tooltip-hover', { timeout: 5000 });
      await shot(p, name);
      await ctx.close();
    }
  }
  // The budget is checked on the best load: the first (cold) load also compiles the wasm, and on a
  // machine busy with other builds its time says more about the machine than about the site.
  const best = Math.min(...firstRenders);
  console.log(`first render over ${loads.length} loads:\n  ${loads.join('\n  ')}`);
  check(best <= FIRST_RENDER_BUDGET_MS, `first render within ${FIRST_RENDER_BUDGET_MS} ms on localhost (best ${best} ms)`);
} finally {
  await browser.close();
  server.close();
}
if (failures()) { console.error(`${failures()} end-to-end check(s) failed`); process.exit(1); }
console.log('end-to-end checks passed');
