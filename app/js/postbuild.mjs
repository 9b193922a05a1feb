// Trunk's post_build hook: finishes the staged site (TRUNK_STAGING_DIR) before Trunk moves it to dist/.
// 0. Minified style sheets and wasm-bindgen glue (esbuild; Trunk's own `minify` stays off: it fails
//    on the glue, and its HTML minifier would rewrite the markup step 1 looks for). Trunk's
//    integrity attributes in index.html are updated to the minified bytes; the file names keep
//    Trunk's hashes of the sources, so a changed source still gets a new name.
// 1. The first screen, prerendered: the built page is loaded in Debian's Chromium, and what the app
//    draws on a first visit once the editor has been used (the default example in CodeMirror's
//    view: the mouse passes over the editor's replica, which loads the editor bundle without
//    moving the focus or the caret; and its check) is written into
//    index.html, in English inside #app and in Chinese in <template id="prerender-zh"> (the page's
//    inline script picks the learner's language before the first paint). It is inert (`inert`,
//    `aria-busy`) until the app replaces it with the same markup (browser::mount), so it is readable
//    at once, nothing moves when the app takes over, and nothing typed into it can be lost.
//    CodeMirror's styles (constructed style sheets) are copied into a <style> at the head's start, with the
//    view's classes (CodeMirror's generated theme classes) in its data-editor-class attribute for
//    the replica the app draws of another text (app/src/editor/replica.rs), and adjacent text
//    nodes are kept apart so that the parsed markup has the app's text nodes. The app keeps this
//    editor as the replica shown until the editor's first use.
// 2. The app loads after the first paint: Trunk's preload links for the wasm, its glue and the
//    glue's snippets (the editor bundle) are dropped, and its loader script imports the glue only
//    once the prerendered screen has been painted. On a slow link the bandwidth goes first to the
//    page and its style sheets, so the first screen paints while the 1 MB of code downloads
//    (issue 15 item 2); before, the preloads competed with the style sheets for the link.
// 3. The service worker: dist/sw.js = `const VERSION, FILES` (every shipped file; the version is a
//    hash of their names and bytes) + app/js/src/sw.js, minified.
//   node app/js/postbuild.mjs [DIR]     (DIR defaults to $TRUNK_STAGING_DIR)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { launchChromium, serve } from '../../tests/e2e/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('postbuild: no directory (TRUNK_STAGING_DIR unset)'); process.exit(2); }
const indexPath = join(dir, 'index.html');
const MARK = '<div id="app" aria-busy="true">';

// What the app draws on a first visit in `lang`, and the constructed style sheets' rules.
async function snapshot(browser, base, lang) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1440, height: 1600 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript((l) => localStorage.setItem('podplay.lang.v1', l), lang);
  await page.goto(base);
  await page.waitForSelector('#editor .cm-content', { timeout: 60000 });
  await page.hover('#editor .cm-content', { position: { x: 1, y: 1 } });
  await page.mouse.move(0, 0);
  await page.waitForSelector('#editor .cm-content[contenteditable]', { timeout: 60000 });
  await page.waitForSelector('.doc', { timeout: 60000 });
  const out = await page.evaluate(() => {
    const app = document.getElementById('app');
    // CodeMirror's styles: constructed style sheets where supported, else <style> elements it
    // added to the head (index.html itself has none).
    const css = [...document.adoptedStyleSheets, ...[...document.querySelectorAll('head style')].map((e) => e.sheet)]
      .flatMap((s) => (s ? [...s.cssRules].map((r) => r.cssText) : [])).join('\n');
    const clone = app.cloneNode(true);
    // Static markup: nothing editable or focusable until the app takes over.
    for (const el of clone.querySelectorAll('[contenteditable]')) el.removeAttribute('contenteditable');
    // Adjacent text nodes stay apart (an empty comment between them): parsing would merge them,
    // and a merged run measures a few px² smaller than the app's separate nodes, so Chrome would
    // report the app's copy as a new, larger contentful paint when it takes over.
    const walker = document.createTreeWalker(clone, NodeFilter.SHOW_TEXT);
    const split = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.previousSibling && n.previousSibling.nodeType === Node.TEXT_NODE) split.push(n);
    }
    for (const n of split) n.parentNode.insertBefore(document.createComment(''), n);
    return { html: clone.innerHTML, css, editorClass: app.querySelector('#editor .cm-editor').className };
  });
  await context.close();
  if (errors.length) throw new Error(`prerender (${lang}): ${errors.join('; ')}`);
  return out;
}

async function prerender(html) {
  if (!html.includes(MARK)) throw new Error(`postbuild: ${indexPath} has no ${MARK}`);
  const server = await serve(dir);
  const browser = await launchChromium();
  try {
    const base = `http://127.0.0.1:${server.address().port}/`;
    const en = await snapshot(browser, base, 'en');
    const zh = await snapshot(browser, base, 'zh');
    if (en.editorClass !== zh.editorClass) throw new Error(`postbuild: the editor's classes differ (${en.editorClass} / ${zh.editorClass})`);
    // Before the page's style sheets, where CodeMirror puts its own (style-mod inserts its <style>
    // as the head's first child), so that static/editor.css wins over CodeMirror's base theme as
    // it did when the snapshot was taken; after the charset, which must come in the first 1024 bytes.
    const style = `<style id="prerender-css" data-editor-class="${en.editorClass}">${en.css}</style>`;
    const CHARSET = '<meta charset="utf-8" />';
    if (!html.includes(CHARSET)) throw new Error(`postbuild: ${indexPath} has no ${CHARSET}`);
    return html
      .replace(CHARSET, () => `${CHARSET}\n  ${style}`)
      .replace(MARK, () => `<div id="app" aria-busy="true" inert data-prerendered>${en.html}`)
      .replace('<!--prerender-zh-->', () => `<template id="prerender-zh">${zh.html}</template>`);
  } finally {
    await browser.close();
    server.close();
  }
}

// Step 2: the loader imports the glue after the first paint (a frame, then a task), with no
// preloads ahead of it. A page that draws no frame (a tab opened in the background) loads after
// half a second all the same, instead of waiting until it is shown.
function afterFirstPaint(html) {
  const preloads = /<link rel="(?:modulepreload|preload)" [^>]*>/g;
  const found = html.match(preloads) || [];
  if (!found.some((l) => l.includes('_bg.wasm'))) throw new Error('postbuild: no preload of the wasm in index.html (has Trunk changed?)');
  const loader = /import init, \* as bindings from '([^']+\.js)';/;
  if (!loader.test(html)) throw new Error('postbuild: no Trunk loader script in index.html (has Trunk changed?)');
  return html.replace(preloads, '').replace(loader, (_, glue) =>
    'await new Promise((r) => { requestAnimationFrame(() => setTimeout(r)); setTimeout(r, 500); });\n'
    + `const bindings = await import('${glue}');\nconst init = bindings.default;`);
}

// The editor bundle loads on first use: wasm-bindgen's glue must not import it. Trunk copies
// wasm-bindgen's whole output folder, which keeps the snippets of earlier builds (the editor
// bundle, before it loaded on first use): a snippet the glue does not import is not shipped.
function checkGlue() {
  const glue = readdirSync(dir).filter((f) => /^podplay-app-[0-9a-f]+\.js$/.test(f))
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
  for (const [f, text] of glue) {
    if (text.includes('editor.js')) throw new Error(`postbuild: ${f} imports editor.js (it must load on first use)`);
  }
  const snippets = join(dir, 'snippets');
  if (!existsSync(snippets)) return;
  for (const p of files(snippets)) {
    const name = relative(dir, p).split('\\').join('/');
    if (!glue.some(([, text]) => text.includes(name))) rmSync(p);
  }
}

function minify(html) {
  const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  for (const f of readdirSync(dir)) {
    const css = f.endsWith('.css');
    if (!css && !/^podplay-app-[0-9a-f]+\.js$/.test(f)) continue;
    const p = join(dir, f);
    const src = readFileSync(p, 'utf8');
    const out = transformSync(src, css ? { loader: 'css', minify: true } : { loader: 'js', format: 'esm', minify: true }).code;
    // a tag that names the file with an integrity attribute must carry the source's sha384
    const tag = html.match(new RegExp(`<[^>]*${f.replace(/[.]/g, '\\.')}[^>]*integrity=[^>]*>`));
    if (tag && !tag[0].includes(sri(src))) throw new Error(`postbuild: unexpected integrity for ${f}: ${tag[0]}`);
    writeFileSync(p, out);
    html = html.split(sri(src)).join(sri(out));
  }
  return html;
}

function files(root) {
  return readdirSync(root).flatMap((name) => {
    const p = join(root, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function serviceWorker() {
  const shipped = files(dir).map((p) => relative(dir, p).split('\\').join('/'))
    .filter((f) => f !== 'sw.js').sort();
  const hash = createHash('sha256');
  for (const f of shipped) hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  const version = hash.digest('hex').slice(0, 16);
  // The page itself is cached under the site's address ("./"), which every navigation maps to.
  const list = shipped.map((f) => (f === 'index.html' ? './' : f));
  const src = readFileSync(join(here, 'src', 'sw.js'), 'utf8');
  const code = `const VERSION = ${JSON.stringify(version)};\nconst FILES = ${JSON.stringify(list)};\n${src}`;
  writeFileSync(join(dir, 'sw.js'),
    `// Generated by app/js/postbuild.mjs from app/js/src/sw.js: do not edit.\n` +
    transformSync(code, { loader: 'js', minify: true }).code);
  return { version, count: list.length };
}

const started = Date.now();
checkGlue();
// the prerender loads the page from disk: it must name the minified files' digests
const html = minify(readFileSync(indexPath, 'utf8'));
writeFileSync(indexPath, html);
writeFileSync(indexPath, afterFirstPaint(await prerender(html)));
const sw = serviceWorker();
console.log(`postbuild: first screen prerendered (en, zh) into index.html, the app loaded after it paints; sw.js version ${sw.version} caches ${sw.count} files (${Date.now() - started} ms)`);
