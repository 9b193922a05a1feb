// End-to-end check of the built site in headless Chromium (Debian's, driven by playwright-core):
// the page really renders the default example, reacts to typing, keeps the text across a reload,
// switches language, and logs no errors.
//   node tests/e2e/site.mjs dist
import { chromium } from 'playwright-core';
import path from 'node:path';
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
} finally {
  await browser.close();
  server.close();
}
if (failures) { console.error(`${failures} end-to-end check(s) failed`); process.exit(1); }
console.log('end-to-end checks passed');
