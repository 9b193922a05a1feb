// End-to-end walk through the Learn section of the built site, in headless Chromium: the first
// screen links to the lessons; the course map; a lesson opened from it loads its manifest into
// the editor (the learner's text stays restorable); a predict task and a make-it-so task are
// checked as the learner answers and edits; a callout opens the right play view at its time;
// the hint ladder; progress is saved and a reload keeps it, as does a deep link; corrupt progress
// is ignored with a notice; all of it in English and in Chinese. No console errors.
//   node tests/e2e/learn.mjs dist      (SHOTS=dir also saves the course map and a lesson at
//                                       1440, 1024 and 390x844, both languages, both themes)
import path from 'node:path';
import { READY, editorText, launchChromium, pageState, serve, setText } from './server.mjs';

const dist = path.resolve(process.argv[2] || 'dist');
const shots = process.env.SHOTS;
const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();

let failures = 0;
let lastCheck = 'start';
function check(cond, what) {
  lastCheck = what;
  console.log(`${cond ? 'ok  ' : 'FAIL'} ${what}`);
  if (!cond) failures++;
}

const verdict = (page, task) => page.textContent(`.task-card[data-task="${task}"] .task-verdict`);

async function waitVerdict(page, task, word) {
  await page.waitForFunction(([t, w]) => {
    const v = document.querySelector(`.task-card[data-task="${t}"] .task-verdict`);
    return v && v.textContent.includes(w);
  }, [task, word], { timeout: 10000 });
}

async function newPage(locale, viewport = { width: 1440, height: 900 }, colorScheme = 'light') {
  const context = await browser.newContext({ locale, viewport, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${m.text()} (after: ${lastCheck})`); });
  page.on('pageerror', (e) => problems.push(`${e} (after: ${lastCheck})`));
  return { context, page, problems };
}

// One lesson walked end to end. `words` holds what this language shows.
async function walk(locale, words) {
  const { context, page, problems } = await newPage(locale);
  try {
    await walkOn(page, problems, locale, words);
  } catch (e) {
    console.log(`FAIL ${locale}: ${String(e).split('\n')[0]} (after: ${lastCheck})\n  ${await pageState(page)}\n  console: ${problems.join(' | ') || 'nothing'}`);
    throw e;
  }
  await context.close();
}

async function walkOn(page, problems, locale, words) {
  await page.goto(base);
  await page.waitForSelector(READY, { timeout: 15000 });
  await page.waitForSelector('#editor .cm-content', { timeout: 15000 });
  // The learner's own text, which a lesson must not lose.
  const mine = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: mine\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sleep", "600"]\n';
  await setText(page, mine);
  const learn = page.locator('.sections a[href="#learn"]');
  check((await learn.textContent()).includes(words.learn), `${locale}: the first screen links to the lessons ("${words.learn}")`);
  await learn.click();
  await page.waitForSelector('.course-map');
  check((await page.locator('.lesson-card').count()) === 13, `${locale}: the course map lists 13 lessons`);
  check(await page.evaluate(() => location.hash) === '#learn', `${locale}: the address says #learn`);
  check((await page.textContent('.lesson-card[data-lesson="pause"]')).includes(words.notStarted), `${locale}: a new learner's lessons are not started`);

  // Open the pause lesson from the map: its manifest replaces the learner's text, which is kept.
  await page.click('.lesson-card[data-lesson="pause"] a');
  await page.waitForSelector('.task-card[data-task="pause-first"]', { timeout: 10000 });
  check(await page.evaluate(() => location.hash) === '#learn/pause/1', `${locale}: the address is the lesson's first step`);
  check((await page.textContent('.lesson')).includes(words.pauseText), `${locale}: the lesson's text is shown in the language`);
  await page.waitForFunction(() => [...document.querySelectorAll('#editor .cm-line')].some((l) => l.textContent.includes('name: shell')));
  check((await editorText(page)).includes('- name: shell'), `${locale}: the lesson's manifest is in the editor`);
  check((await page.textContent('.notice')).includes(words.kept), `${locale}: the notice says the learner's text is kept`);

  // Predict: answer, then see it checked against the simulation.
  await page.check('.task-card[data-task="pause-first"] input[value="nginx"]');
  await page.click('.task-card[data-task="pause-first"] button[type="submit"]');
  await page.waitForSelector('.task-card[data-task="pause-first"] .criteria li.fail', { timeout: 10000 });
  await page.click('.task-card[data-task="pause-first"] .hint-button');
  const hint1 = await page.textContent('.task-card[data-task="pause-first"] .hint.rung-1');
  check(hint1.length > 20, `${locale}: a wrong prediction gets a first hint (${hint1.slice(0, 60)}…)`);
  await page.check('.task-card[data-task="pause-first"] input[value="pause"]');
  await page.click('.task-card[data-task="pause-first"] button[type="submit"]');
  await waitVerdict(page, 'pause-first', words.passed);
  check(true, `${locale}: the right prediction passes`);

  // A callout opens its view at its time.
  await page.click('.callout button[data-view="namespaces"]');
  await page.waitForSelector('.play .nsview', { timeout: 10000 });
  const playTab = await page.getAttribute('#mode-tab-play', 'aria-selected');
  check(playTab === 'true', `${locale}: the callout switched to Play and shows the namespaces view`);
  check((await page.textContent('.play')).includes('10'), `${locale}: at the callout's time`);
  await shot(page, `${locale}-walk-callout`);

  // Step 3: make the shell see nginx's processes.
  await page.click('.step-dots a >> text=3');
  await page.waitForSelector('.task-card[data-task="share-pid"]', { timeout: 10000 });
  check(await page.evaluate(() => location.hash) === '#learn/pause/3', `${locale}: the address follows the step`);
  await waitVerdict(page, 'share-pid', words.notYet);
  const start = await editorText(page);
  // A near miss first: hostPID gets its own hint.
  await setText(page, start.replace('spec:', 'spec:\n  hostPID: true'));
  await page.waitForFunction(() => {
    const li = [...document.querySelectorAll('.task-card[data-task="share-pid"] .criteria li.fail')];
    return li.some((l) => l.textContent.includes('hostPID'));
  }, null, { timeout: 10000 });
  await page.click('.task-card[data-task="share-pid"] .hint-button');
  const hpHint = await page.textContent('.task-card[data-task="share-pid"] .hint.rung-1');
  check(hpHint.includes('hostPID'), `${locale}: hostPID is a fail with its own hint`);
  await page.click('.task-card[data-task="share-pid"] .hint-button');
  await page.click('.task-card[data-task="share-pid"] .hint-button');
  const solution = await page.textContent('.task-card[data-task="share-pid"] .hint.rung-3');
  check(solution.includes('shareProcessNamespace: true'), `${locale}: the third rung is the solution`);
  await setText(page, start.replace('spec:', 'spec:\n  shareProcessNamespace: true'));
  await waitVerdict(page, 'share-pid', words.passed);
  check((await page.locator('.task-card[data-task="share-pid"] .criteria li.fail').count()) === 0, `${locale}: editing the manifest passes the check`);
  await shot(page, `${locale}-walk-passed`);

  // Step 2's prediction too: the lesson is then done.
  await page.click('.step-dots a >> text=2');
  await page.waitForSelector('.task-card[data-task="pause-not-shared"]');
  await page.check('.task-card[data-task="pause-not-shared"] input[value="mnt"]');
  await page.click('.task-card[data-task="pause-not-shared"] button[type="submit"]');
  await waitVerdict(page, 'pause-not-shared', words.passed);

  // Progress is saved: the map says so, and a reload keeps it.
  await page.click('.lesson-top .back');
  await page.waitForSelector('.course-map');
  check((await page.textContent('.lesson-card[data-lesson="pause"]')).includes(words.done), `${locale}: the map shows the lesson done`);
  const saved = await page.evaluate(() => localStorage.getItem('podplay.progress.v1'));
  check(saved && saved.includes('passed share-pid'), `${locale}: progress is in local storage`);
  await page.reload();
  await page.waitForSelector('.course-map');
  check((await page.textContent('.lesson-card[data-lesson="pause"]')).includes(words.done), `${locale}: after a reload the lesson is still done`);
  // A deep link survives a reload, and does not replace the editor's text.
  await page.goto(`${base}#learn/pause/3`);
  await page.reload();
  await page.waitForSelector('.task-card[data-task="share-pid"]', { timeout: 10000 });
  check(await page.evaluate(() => location.hash) === '#learn/pause/3', `${locale}: the deep link #learn/pause/3 survives a reload`);
  check((await verdict(page, 'share-pid')).includes(words.passed), `${locale}: the passed task shows as passed`);
  // The learner's own text can be restored.
  await page.click('.sections a[href="#"]');
  await page.waitForSelector('.toolbar');
  check(await page.evaluate(() => location.hash) === '', `${locale}: leaving the course clears the address`);

  // Corrupt progress is ignored with a notice, never a crash.
  await page.evaluate(() => localStorage.setItem('podplay.progress.v1', '{"not": "progress"}'));
  await page.goto(`${base}#learn`);
  await page.reload();
  await page.waitForSelector('.course-map');
  check((await page.textContent('.notice')).includes(words.corrupt), `${locale}: corrupt progress is ignored with a notice`);
  check(!(await page.textContent('.lesson-card[data-lesson="pause"]')).includes(words.done), `${locale}: and the course starts afresh`);

  check(problems.length === 0, `${locale}: no console errors (${problems.slice(0, 3).join(' | ')})`);
}

async function shot(page, name) {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

try {
  await walk('en-US', {
    learn: 'Learn', notStarted: 'Not started', pauseText: 'sandbox', kept: 'previous text is kept',
    passed: 'Passed', notYet: 'Not yet', done: 'Done', corrupt: 'could not be read',
  });
  await walk('zh-CN', {
    learn: '学习', notStarted: '未开始', pauseText: '沙箱', kept: '之前的文本已保留',
    passed: '已通过', notYet: '还没有通过', done: '已完成', corrupt: '无法读取',
  });

  if (shots) {
    for (const [vw, vh, label] of [[1440, 900, '1440'], [1024, 768, '1024'], [390, 844, 'phone']]) {
      for (const locale of ['en-US', 'zh-CN']) {
        for (const scheme of ['light', 'dark']) {
          const { context, page } = await newPage(locale, { width: vw, height: vh }, scheme);
          await page.goto(`${base}#learn`);
          await page.waitForSelector('.course-map');
          await page.evaluate((s) => localStorage.setItem('podplay.theme.v1', s), scheme);
          await page.evaluate(() => localStorage.setItem('podplay.progress.v1',
            'podplay-progress 1\npassed explain-restart-policy\npassed hello-two-containers\npassed fix-example-pod\nseen pod 1\nseen pod 3\nseen manifests 1\n'));
          await page.reload();
          await page.waitForSelector('.course-map');
          const tag = `${label}-${locale.slice(0, 2)}-${scheme}`;
          await page.screenshot({ path: path.join(shots, `map-${tag}.png`), fullPage: vw > 500 });
          await page.click('.lesson-card[data-lesson="pause"] a');
          await page.waitForSelector('.task-card[data-task="pause-first"]');
          await page.waitForTimeout(600);
          await page.screenshot({ path: path.join(shots, `lesson-${tag}.png`) });
          await context.close();
        }
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(failures ? `\n${failures} check(s) failed` : '\nall Learn checks passed');
process.exit(failures ? 1 : 0);
