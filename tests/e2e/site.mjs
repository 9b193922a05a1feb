// End-to-end check of the built site in headless Chromium (Debian's, driven by playwright-core):
// the page really renders the default example, reacts to typing, keeps the text across a reload,
// switches language, and logs no errors.
//   node tests/e2e/site.mjs dist
import { chromium } from 'playwright-core';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from './server.mjs';

const dist = path.resolve(process.argv[2] || 'dist');
const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

let failures = 0;
function check(cond, what) {
  console.log(`${cond ? 'ok  ' : 'FAIL'} ${what}`);
  if (!cond) failures++;
}

try {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));

  await page.goto(base);
  await page.waitForSelector('.doc', { timeout: 15000 });
  const summary = await page.textContent('.summary');
  check(summary.includes('Pod hello-pod'), 'the default example (hello-pod) is parsed and shown');
  check(summary.includes('hello-ctr') && summary.includes('nigelpoulton/k8sbook:1.0'), 'its container and image are listed');
  check((await page.inputValue('#source')).includes('name: hello-pod'), 'the editor holds the example text');

  const broken = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: 1\n';
  await page.fill('#source', broken);
  await page.waitForSelector('.error', { timeout: 5000 });
  const err = await page.textContent('.error');
  check(/line 5, column 2/.test(err) && err.includes('did not find expected key'), `a syntax error is located at line 5, column 2 (got: ${err.slice(0, 120)})`);

  await page.reload();
  await page.waitForSelector('.doc', { timeout: 15000 });
  check((await page.inputValue('#source')) === broken, 'the text survives a reload');

  await page.click('button[lang="zh-CN"]');
  check((await page.textContent('h1')) === 'Pod 游乐场', 'the language switches to Chinese');
  await page.reload();
  await page.waitForSelector('.doc', { timeout: 15000 });
  check((await page.textContent('h1')) === 'Pod 游乐场', 'the language choice is remembered');

  check(problems.length === 0, `no console errors (${problems.join(' | ')})`);

  // Share links: a link made outside the browser (Node's raw deflate, base64url) opens in the
  // built site byte for byte, keeps the text it replaced, and a damaged link changes nothing.
  const shareContext = await browser.newContext({ locale: 'en-US' });
  const sp = await shareContext.newPage();
  const shareProblems = [];
  sp.on('pageerror', (e) => shareProblems.push(String(e)));
  await sp.goto(base);
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
} finally {
  await browser.close();
  server.close();
}
if (failures) { console.error(`${failures} end-to-end check(s) failed`); process.exit(1); }
console.log('end-to-end checks passed');
