// What the end-to-end checks share: a minimal static file server for the built site (dist/),
// Debian's Chromium launched through playwright-core, a tally of checks, and the code editor's
// text read and replaced as a user would.
import http from 'node:http';
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.png': 'image/png', '.ico': 'image/x-icon', '.lesson': 'text/plain; charset=utf-8',
};

// `port` 0: any free port.
export function serve(root, port = 0) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(path.resolve(root))) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

// The app has taken over the page: until then #app holds the inert prerendered first screen
// (app/js/postbuild.mjs), which already matches selectors such as `#editor .cm-content`.
export const READY = '#app:not([aria-busy])';

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// What the page looks like when a wait failed, for the failure's message: where it is, whether the
// app took over (or the boot's notice says why not), and what #app shows.
export async function pageState(page) {
  try {
    return await page.evaluate(() => {
      const app = document.getElementById('app');
      const notice = document.getElementById('site-notice');
      const res = performance.getEntriesByType('resource')
        .map((e) => `${e.name.split('/').pop()} ${Math.round(e.duration)}ms ${e.transferSize}B`);
      return [`url ${location.href}`, `readyState ${document.readyState}`, `visibility ${document.visibilityState}`,
        `#app ${app ? `busy=${app.getAttribute('aria-busy')} prerendered=${app.hasAttribute('data-prerendered')}` : 'missing'}`,
        `#app text: ${app ? app.innerText.slice(0, 300).replace(/\s+/g, ' ') : ''}`,
        `notice: ${notice ? notice.textContent : 'none'}`,
        `service worker: ${navigator.serviceWorker && navigator.serviceWorker.controller ? 'controls the page' : 'none'}`,
        `resources: ${res.join(', ')}`].join('\n  ');
    });
  } catch (e) {
    return `(page state unavailable: ${e})`;
  }
}

// Collects the page's console errors and uncaught exceptions.
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

// Every page of `context` starts from a cleared local storage with the learner's language and
// theme chosen (`podplay.lang.v1`, `podplay.theme.v1`); reloads keep what the page saved since.
export function startWithSettings(context, lang, theme) {
  return context.addInitScript(([lang, theme]) => {
    if (!sessionStorage.getItem('podplay.e2e.settings')) {
      localStorage.clear();
      localStorage.setItem('podplay.lang.v1', lang);
      localStorage.setItem('podplay.theme.v1', theme);
      sessionStorage.setItem('podplay.e2e.settings', '1');
    }
  }, [lang, theme]);
}

// Starts the page's first load with `text` saved as the editor's (later reloads keep what the
// page saved).
export function startWithText(page, text) {
  return page.addInitScript((t) => {
    if (!sessionStorage.getItem('podplay.e2e')) {
      localStorage.setItem('podplay.text.v1', t);
      sessionStorage.setItem('podplay.e2e', '1');
    }
  }, text);
}

// The code editor's real view (CodeMirror's editable content). Until its first use the editor
// area shows a replica of it (app/src/editor/replica.rs): the same lines and `.cm-content`, not
// editable, marked `data-replica`.
export const EDITOR = '#editor .cm-content[contenteditable=true]';
export const REPLICA = '#editor .cm-editor[data-replica]';

// The editor's text as CodeMirror shows it, or its replica (every line is rendered for these
// small texts).
export const editorText = (page) => page.evaluate(() =>
  [...document.querySelectorAll('#editor .cm-line')].map((l) => l.textContent).join('\n'));

// Clicks into the editor as a user would (its first use, if it still shows the replica) and
// waits for the real view.
export async function useEditor(page) {
  await page.click('#editor .cm-content');
  await page.waitForSelector(EDITOR, { timeout: 15000 });
}

// Replaces the whole text as a paste would (after a click into the editor).
export async function setText(page, text) {
  await useEditor(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

// `check(cond, what)` prints `ok` or `FAIL` with what was checked; `failures()` counts the FAILs.
export function checks() {
  let failures = 0;
  return {
    check(cond, what) {
      console.log(`${cond ? 'ok  ' : 'FAIL'} ${what}`);
      if (!cond) failures++;
    },
    failures: () => failures,
  };
}
