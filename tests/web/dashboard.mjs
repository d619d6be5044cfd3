// tests/web/dashboard.mjs — the dashboard in a real browser: headless
// Chromium (Debian's /usr/bin/chromium) driven by playwright-core, against a
// `vigil serve` on a test database (tests/cli/web.sh builds it and starts the
// server). Each page must render the data the API gives; the paste box must
// code a story written here. Screenshots go to the artifacts folder.
//
//   node tests/web/dashboard.mjs BASE_URL ARTIFACTS_DIR
//
// Prints "web: N passed, N failed" and exits 1 on any failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
let pass = 0;
let fail = 0;
function ok(cond, what) {
  if (cond) pass++;
  else {
    fail++;
    console.log(`FAIL ${what}`);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
// Console errors too (a Content-Security-Policy violation lands there),
// except the failed loads, which the response log below checks.
page.on('console', (m) => {
  if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
});
// Failed requests are recorded by URL: only the two the test provokes
// (an empty paste, a missing story) may fail.
const failed = [];
page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`); });

const api = async (path) => (await page.request.get(base + path)).json();
async function open(hash, view) {
  await page.goto(`${base}/#${hash}`);
  await page.waitForSelector(`body[data-ready="${view}"]`, { timeout: 15000 });
}
const texts = (sel) => page.locator(sel).allTextContents();

try {
  // ---- overview: the day's alerts, most active and most escalating dyads
  await open('/', 'overview');
  const dy = await api('/api/dyads?limit=8');
  const al = await api('/api/alerts?day=latest');
  ok(al.last_day === '2024-03-31' && al.alerts.length === 1, 'api: one alert on the last day');
  const alertText = (await texts('#alerts .alert')).join(' ');
  ok(/GON – MOR/.test(alertText) && /2024-03-31/.test(alertText), 'overview shows the GON-MOR alert of 2024-03-31');
  const active = await texts('#active tbody tr td:first-child');
  ok(active.length === Math.min(8, dy.active.length) && active.length >= 3, `overview lists ${dy.active.length} active dyads (got ${active.length})`);
  ok(active[0] === `${dy.active[0].a} – ${dy.active[0].b}`, 'the most active dyad comes first, as the API ranks it');
  const esc = await texts('#escalating tbody tr td:first-child');
  ok(esc[0] === 'GON – MOR', `the most escalating dyad is GON – MOR (got ${esc[0]})`);
  await page.screenshot({ path: `${artifacts}/overview.png`, fullPage: true });

  // ---- dyad page, reached by clicking the most active dyad
  await page.click('#active tbody tr:first-child a');
  await page.waitForSelector('body[data-ready="dyad"]');
  const [a, b] = [dy.active[0].a, dy.active[0].b];
  ok(page.url().endsWith(`#/dyad/${a}/${b}`), 'clicking a dyad opens its page');
  ok((await page.locator('.uplot').count()) === 2, 'two uPlot charts (quad classes, Goldstein)');
  ok((await page.locator('.uplot canvas').count()) === 2, 'the charts are drawn on canvases');
  const legend = (await texts('#c-quad .u-legend')).join(' ');
  ok(/material conflict/.test(legend) && /verbal cooperation/.test(legend), 'the quad chart has a series per quad class');
  const ev = await api(`/api/events?source=${a}&target=${b}&both=1&limit=500`);
  const rows = await page.locator('#events tbody tr').count();
  ok(rows === ev.events.length && rows > 20, `the dyad's events are listed (${rows} of ${ev.total})`);
  await page.screenshot({ path: `${artifacts}/dyad.png`, fullPage: false });
  const trend = await api(`/api/trend?source=${a}&target=${b}&both=1&period=day`);
  ok(/per day/.test(await page.locator('.uplot .u-title').first().textContent()), 'the chart is per day');
  ok(trend.rows.length > 80, `a daily series over the corpus (${trend.rows.length} days)`);

  // ---- the same dyad per week
  await page.click('#periods a[data-period="week"]');
  await page.waitForSelector('body[data-ready="dyad"] .uplot');
  const weeks = await api(`/api/trend?source=${a}&target=${b}&both=1&period=week`);
  ok(/per week/.test(await page.locator('.uplot .u-title').first().textContent()), 'per week after a click');
  ok((await page.locator('#status').textContent()) === `${weeks.rows.length} weeks`, `${weeks.rows.length} weekly points`);
  await page.goBack();
  await page.waitForSelector('body[data-ready="dyad"] .uplot');

  // ---- the escalating dyad of the corpus (the README's picture)
  await open('/dyad/KRS/VLD', 'dyad');
  ok(/KRS – VLD/.test(await page.locator('h1').textContent()), 'a dyad page by its address');
  const kv = await api('/api/trend?source=KRS&target=VLD&both=1&period=day');
  const peak = kv.rows.reduce((m, r) => (r.quad[3] > m.quad[3] ? r : m), kv.rows[0]);
  ok(peak.start === '2024-03-10', `material conflict peaks on the planted day (${peak.start})`);
  await page.screenshot({ path: `${artifacts}/dyad-escalation.png`, fullPage: false });
  await page.goBack();
  await page.waitForSelector('body[data-ready="dyad"] .uplot');

  // ---- story view, from an event of the dyad page
  await page.click('#events tbody tr:first-child td:last-child a');
  await page.waitForSelector('body[data-ready="story"]');
  ok((await page.locator('.article .sent.focus').count()) === 1, 'the event\'s sentence is focused in its story');

  await open('/story/gondor-1', 'story');
  const st = await api('/api/stories/gondor-1');
  ok((await page.locator('.article .sent').count()) === st.sentences.length, 'every sentence of the story is shown');
  const first = page.locator('#s0');
  ok((await first.locator('mark.source').first().textContent()) === 'Mordor', 'source span "Mordor" highlighted');
  ok((await first.locator('mark.verb').first().textContent()) === 'attacked', 'verb span "attacked" highlighted');
  ok((await first.locator('mark.target').first().textContent()) === 'Gondor', 'target span "Gondor" highlighted');
  ok((await page.locator('#events .event').count()) === st.events.length && st.events.length >= 3, `each event is listed (${st.events.length})`);
  const why = (await texts('#events .why')).join('\n');
  ok(/pattern .*attack/.test(why) && /data\/[a-z0-9_]+\.verbs:\d+/.test(why), 'why: the pattern and its file:line');
  await page.screenshot({ path: `${artifacts}/story.png`, fullPage: true });

  // ---- the stories list
  await open('/stories', 'stories');
  const all = await api('/api/stories?limit=500');
  ok((await page.locator('tbody tr').count()) === all.total && all.total === 302, `all ${all.total} stories listed`);

  // ---- paste box: a story of our own, coded at once
  await open('/paste', 'paste');
  await page.fill('#text', 'Arnor accused Rohan of aggression along the frontier on Tuesday. ' +
    'Gondor sent aid to Arnor after the storm, officials in Minas Tirith said.');
  await page.fill('#date', '2024-04-02');
  await page.click('#code');
  await page.waitForSelector('#events .event');
  const codes = await page.locator('#events .event').evaluateAll((els) => els.map((e) => e.dataset.code));
  ok(codes.length === 2 && codes.includes('1123') && codes.includes('070'), `the pasted story codes 1123 and 070 (got ${codes})`);
  ok((await page.locator('.article mark.source').allTextContents()).includes('Arnor'), 'pasted: the source span is highlighted');
  ok((await page.locator('.article mark.verb').allTextContents()).includes('sent'), 'pasted: the verb span is highlighted');
  const explain = (await texts('#events pre.explain')).join('\n');
  ok(/pattern:/.test(explain) && /actor "Rohan"/.test(explain), 'pasted: the coder explains each event');
  await page.screenshot({ path: `${artifacts}/paste.png`, fullPage: true });
  const stored = await api('/api/stories?limit=500');
  ok(stored.total === all.total, 'the pasted story was not stored');

  // ---- a bad request shows the server's message, not a broken page
  await page.fill('#text', '');
  await page.click('#code');
  await page.waitForSelector('#result .error');
  ok(/POST the text/.test(await page.locator('#result .error').textContent()), 'an empty paste shows the error');

  await open('/story/no-such-story', 'story');
  ok(/no story/.test(await page.locator('.error').textContent()), 'a missing story shows a 404 message');

  ok(errors.length === 0, `no script errors (${errors.join('; ')})`);
  ok(failed.join(',') === '400 /api/code,404 /api/stories/no-such-story', `only the provoked requests failed (${failed})`);
} catch (e) {
  fail++;
  console.log(`FAIL ${e.stack || e}`);
  await page.screenshot({ path: `${artifacts}/failure.png`, fullPage: true }).catch(() => {});
}
await browser.close();
console.log(`web: ${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
