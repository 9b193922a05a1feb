// Accessibility of the built site, checked the way Lighthouse's accessibility category checks it:
// axe-core 4.14.1 (the version Lighthouse 12.2.3 bundles, from npm) run with Lighthouse's own
// configuration (lighthouse/core/gather/gatherers/accessibility.js: the wcag2a and wcag2aa tags,
// plus the rules it turns on and off), on every screen a learner reaches — not only the first one
// Lighthouse loads: the app in English and 中文, light and dark, at
// 1440 px and on a phone, the examples dialog, the Check tabs, Play with each pod view, the
// terminal docked (and `kubectl edit`'s bar), the course map and a lesson. Any violation fails.
//   node tests/e2e/a11y.mjs dist
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { READY, checks, launchChromium, serve, startWithSettings, watchErrors, EDITOR, REPLICA, useEditor } from './server.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const dist = path.resolve(process.argv[2] || 'dist');
const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
const { check, failures } = checks();

// Lighthouse 12.2.3's axe options, word for word.
const OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
  resultTypes: ['violations', 'inapplicable'],
  rules: Object.fromEntries([
    ...['accesskeys', 'aria-allowed-role', 'aria-conditional-attr', 'aria-deprecated-role', 'aria-dialog-name',
      'aria-prohibited-attr', 'aria-treeitem-name', 'aria-text', 'empty-heading', 'heading-order',
      'html-xml-lang-mismatch', 'identical-links-same-purpose', 'image-redundant-alt', 'input-button-name',
      'label-content-name-mismatch', 'landmark-one-main', 'link-in-text-block', 'meta-viewport', 'select-name',
      'skip-link', 'tabindex', 'table-duplicate-name', 'table-fake-caption', 'target-size', 'td-has-header']
      .map((r) => [r, { enabled: true }]),
    ...['area-alt', 'aria-braille-equivalent', 'aria-roledescription', 'audio-caption', 'blink', 'duplicate-id',
      'frame-focusable-content', 'frame-title-unique', 'marquee', 'nested-interactive', 'no-autoplay-audio',
      'role-img-alt', 'scrollable-region-focusable', 'server-side-image-map', 'summary-name', 'svg-img-alt']
      .map((r) => [r, { enabled: false }]),
  ]),
};

// Runs axe on the page as it is; one check per screen, naming every violation and its nodes.
async function audit(page, screen) {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async (options) => {
    const r = await window.axe.run(document, options);
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`
      + ` — ${(v.nodes[0]?.any[0] ?? v.nodes[0]?.all[0] ?? v.nodes[0]?.none[0])?.message ?? v.help}`);
  }, OPTIONS);
  check(violations.length === 0, `${screen}: no accessibility violations${violations.length ? `\n       ${violations.join('\n       ')}` : ''}`);
}

async function newPage(lang, theme, width, height) {
  const context = await browser.newContext({ viewport: { width, height } });
  await startWithSettings(context, lang, theme);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

try {
  // The prerendered first screen, before the wasm runs (the wasm is held back), is a picture of
  // the app: inert (out of the tab order and the accessibility tree, so nothing typed into it can
  // be lost) and marked busy, until the app replaces it. Audited once the app has taken over.
  {
    const { context, page } = await newPage('en', 'light', 1440, 900);
    await page.route(/_bg\.wasm$/, () => {});
    await page.goto(base, { waitUntil: 'domcontentloaded' });
    const app = await page.$eval('#app', (e) => [e.hasAttribute('inert'), e.getAttribute('aria-busy'), !!e.querySelector('.cm-content')]);
    check(app[0] && app[1] === 'true' && app[2], `the prerendered first screen is inert and busy until the app takes over (${app})`);
    await context.close();
  }
  for (const [lang, theme, width, height] of [['en', 'light', 1440, 900], ['zh', 'dark', 1440, 900], ['en', 'dark', 390, 844], ['zh', 'light', 390, 844]]) {
    const at = `${lang} ${theme} ${width}px`;
    const { context, page, errors } = await newPage(lang, theme, width, height);
    await page.goto(base);
    await page.waitForSelector(READY, { timeout: 20000 });
    await page.waitForSelector('#editor .cm-content', { timeout: 20000 });
    // The editor before its first use is a replica (focusable, a named multi-line textbox), then
    // CodeMirror's view: both audited.
    check(!!(await page.$(REPLICA)) && !(await page.$(EDITOR)), `${at}: the editor shows its replica until first used`);
    await audit(page, `${at}: the check screen, the editor's replica`);
    await useEditor(page);
    await audit(page, `${at}: the check screen, the editor in use`);
    for (const tab of ['explain', 'stored']) {
      const sel = `#side-tab-${tab}`;
      if (await page.$(sel)) {
        await page.click(sel);
        await page.waitForTimeout(150);
        await audit(page, `${at}: the ${tab} tab`);
      } else {
        check(false, `${at}: the ${tab} tab exists (${sel})`);
      }
    }
    await page.click('#open-examples');
    await page.waitForSelector('dialog[open]', { timeout: 10000 });
    await audit(page, `${at}: the examples dialog`);
    await page.keyboard.press('Escape');
    await page.click('#mode-tab-play');
    await page.waitForSelector('.playbar', { timeout: 20000 });
    await page.keyboard.press('End');
    await page.waitForTimeout(200);
    await audit(page, `${at}: Play (the creation flow)`);
    for (const view of await page.$$eval('[id^="podview-tab-"]', (ts) => ts.map((t) => t.id))) {
      await page.click(`#${view}`);
      await page.waitForTimeout(150);
      await audit(page, `${at}: Play, ${view}`);
    }
    // At 0 s nothing exists yet: the views draw what is still to come (faint, yet readable).
    await page.focus('.playbar input[type="range"]').catch(() => {});
    await page.keyboard.press('Home');
    for (const view of ['flow', 'namespaces', 'network']) {
      await page.click(`#podview-tab-${view}`);
      await page.waitForTimeout(600);
      await audit(page, `${at}: Play at 0 s, the ${view} view`);
    }
    await page.click('.open-terminal');
    await page.waitForSelector('.term-panel .xterm-rows', { timeout: 20000 });
    await page.click('.apply');
    await page.waitForTimeout(300);
    await audit(page, `${at}: the terminal docked, the pod applied`);
    await page.focus('.term-panel .xterm-helper-textarea');
    await page.keyboard.type('kubectl edit pod hello-pod');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.edit-bar', { timeout: 10000 });
    await audit(page, `${at}: kubectl edit's bar`);
    await page.keyboard.press('Escape');
    await page.goto(`${base}#learn`);
    await page.waitForSelector(READY, { timeout: 20000 });
    await page.waitForSelector('.course-map', { timeout: 20000 });
    await audit(page, `${at}: the course map`);
    await page.goto(`${base}#learn/pause/1`);
    await page.waitForSelector('.lesson-pane', { timeout: 20000 });
    await page.waitForTimeout(300);
    await audit(page, `${at}: a lesson`);
    check(errors.length === 0, `${at}: no console errors (${errors.slice(0, 3).join(' | ')})`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
if (failures()) {
  console.log(`${failures()} accessibility check(s) failed`);
  process.exit(1);
}
console.log('all accessibility checks passed');
