// vigil dashboard — one ES module, no build step. Views by URL hash:
//   #/                 overview: most active and most escalating dyads, the day's alerts
//   #/dyad/A/B[/P]     a dyad: timeline per quad class and Goldstein (uPlot) per day, week
//                      or month, its events
//   #/story/ID[/N]     a stored story with evidence spans highlighted, and why each event was coded
//   #/stories          the stored stories
//   #/paste            paste an article: POST /api/code, the same article view at once
// Everything comes from the JSON API of `vigil serve` (docs/serve.md).
import uPlot from '/vendor/uPlot.esm.js';

const view = document.getElementById('view');
const status = document.getElementById('status');
const QUAD = ['', 'verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
const QCOLOR = ['', '#2e8b57', '#1f77b4', '#e08a00', '#c0392b'];

// ------------------------------------------------------------- helpers

function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

async function api(path, opts) {
  const r = await fetch(path, opts);
  const body = await r.json().catch(() => ({ error: `bad response (${r.status})` }));
  if (!r.ok) throw new Error(body.error || `HTTP ${r.status}`);
  return body;
}

const quad = (q) => `<span class="q q${q}" title="${esc(QUAD[q])}">Q${q}</span>`;
const dyadLink = (a, b) => `<a href="#/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}">${esc(a)} – ${esc(b)}</a>`;
const storyLink = (id, s, label) =>
  `<a href="#/story/${encodeURIComponent(id)}${s === undefined ? '' : '/' + s}">${esc(label ?? id)}</a>`;

function fail(e) {
  view.innerHTML = `<div class="card error">${esc(e.message || e)}</div>`;
}

// Evidence spans are byte offsets into the UTF-8 sentence: cut the bytes at
// every span boundary and mark each piece with the roles that cover it.
const enc = new TextEncoder();
const dec = new TextDecoder();
function highlight(text, spans) {
  const bytes = enc.encode(text);
  const cuts = new Set([0, bytes.length]);
  for (const s of spans) {
    if (!s.span) continue;
    cuts.add(Math.min(s.span[0], bytes.length));
    cuts.add(Math.min(s.span[1], bytes.length));
  }
  const at = [...cuts].sort((x, y) => x - y);
  let out = '';
  for (let i = 0; i + 1 < at.length; i++) {
    const [a, b] = [at[i], at[i + 1]];
    const piece = esc(dec.decode(bytes.subarray(a, b)));
    const roles = [...new Set(spans.filter((s) => s.span && s.span[0] <= a && s.span[1] >= b).map((s) => s.role))];
    out += roles.length ? `<mark class="${roles.join(' ')}">${piece}</mark>` : piece;
  }
  return out;
}

function spansOf(events, sentence) {
  const spans = [];
  for (const e of events) {
    if (e.sentence !== sentence) continue;
    for (const role of ['source', 'verb', 'target']) spans.push({ role, span: e.evidence[role] });
  }
  return spans;
}

// The article: each sentence with the spans of its events highlighted.
function articleHtml(sentences, events, focus) {
  const legend = `<div class="legend muted"><span><mark class="source">source</mark></span>
    <span><mark class="verb">verb</mark></span><span><mark class="target">target</mark></span></div>`;
  const body = sentences
    .map((s, i) => `<span class="sent${i === focus ? ' focus' : ''}" id="s${i}" data-sentence="${i}">${highlight(s, spansOf(events, i))}</span>`)
    .join(' ');
  return `${legend}<div class="article"><p>${body}</p></div>`;
}

// One event and why it was coded: its sentence with only its own spans, the
// dictionary pattern and where it is, and the coder's explanation if any.
function eventHtml(e, sentences) {
  const text = sentences[e.sentence] ?? e.text ?? '';
  const own = ['source', 'verb', 'target'].map((role) => ({ role, span: e.evidence[role] }));
  const flags = [e.hypothetical ? 'hypothetical' : '', e.speaker ? `said by ${esc(e.speaker)}` : '']
    .filter(Boolean).join(', ');
  return `<div class="event" data-code="${esc(e.code)}">
    <div class="head">${quad(e.quad)} ${esc(e.source)} → ${esc(e.target)} · ${esc(e.code)} ${esc(e.label || '')}
      <span class="muted">Goldstein ${Number(e.goldstein).toFixed(1)}${e.plover ? ' · ' + esc(e.plover) : ''}
      · sentence ${e.sentence + 1}${flags ? ' · ' + flags : ''}</span></div>
    <div>${highlight(text, own)}</div>
    <div class="why">Why: pattern <code>${esc(e.evidence.rule)}</code>${e.where ? ` at <code>${esc(e.where)}</code>` : ''}</div>
    ${e.explain ? `<pre class="explain">${esc(e.explain)}</pre>` : ''}
  </div>`;
}

// ------------------------------------------------------------- overview

function dyadTable(rows, kind) {
  if (!rows.length) return '<p class="empty">No dyad.</p>';
  const last = kind === 'escalating' ? '<th class="num">escalation/day</th>' : '<th class="num">conflict</th>';
  return `<table data-table="${kind}"><thead><tr><th>dyad</th><th class="num">events</th><th class="num">mentions</th>${last}<th class="num">Goldstein Σ</th></tr></thead><tbody>${rows
    .map((d) => `<tr><td>${dyadLink(d.a, d.b)}</td><td class="num">${d.events}</td><td class="num">${d.mentions}</td>
      <td class="num">${kind === 'escalating' ? '+' + d.escalation.toFixed(1) : d.conflict_mentions}</td>
      <td class="num">${d.goldstein_sum.toFixed(1)}</td></tr>`)
    .join('')}</tbody></table>`;
}

function alertHtml(a) {
  const top = a.events[0];
  return `<div class="alert" data-alert="${esc(a.dyad.join('-'))}">
    <strong>${dyadLink(a.dyad[0], a.dyad[1])}</strong> on ${esc(a.date)} · z = ${a.z.toFixed(1)} ·
    intensity ${a.intensity.toFixed(1)} against a baseline mean of ${a.mean.toFixed(1)} · ${a.mentions} conflict mentions
    ${top ? `<div class="muted">e.g. ${esc(top.source)} → ${esc(top.target)} ${esc(top.code)}: ${storyLink(top.story, top.sentence, top.text)}</div>` : ''}
  </div>`;
}

async function overview() {
  const [dy, today, all, st] = await Promise.all([
    api('/api/dyads?limit=8'),
    api('/api/alerts?day=latest'),
    api('/api/alerts'),
    api('/api/stories?limit=8'),
  ]);
  const day = dy.last_day || '—';
  const recent = all.alerts.slice(-5).reverse();
  view.innerHTML = `<h1>Overview <span class="muted">· data up to ${esc(day)}</span></h1>
  <div class="card" id="alerts"><h2>Alerts on ${esc(today.last_day || day)}</h2>
    ${today.alerts.length ? today.alerts.map(alertHtml).join('') : `<p class="empty">No alert on ${esc(today.last_day || day)}.</p>`}
    ${!today.alerts.length && recent.length ? `<h2>Most recent alerts</h2>${recent.map(alertHtml).join('')}` : ''}
  </div>
  <div class="grid">
    <div class="card" id="active"><h2>Most active dyads</h2>${dyadTable(dy.active, 'active')}</div>
    <div class="card" id="escalating"><h2>Most escalating dyads <span class="muted">(last ${dy.days} days against the ${dy.days} before)</span></h2>${dyadTable(dy.escalating, 'escalating')}</div>
  </div>
  <div class="card"><h2>Stories <a class="muted" href="#/stories">(all)</a></h2>${storiesTable(st.stories)}</div>`;
  status.textContent = `${dy.total} dyads`;
}

function storiesTable(rows) {
  if (!rows.length) return '<p class="empty">No story stored.</p>';
  return `<table><thead><tr><th>story</th><th>date</th><th>source</th><th class="num">sentences</th><th class="num">mentions</th></tr></thead><tbody>${rows
    .map((s) => `<tr><td>${storyLink(s.id)}</td><td>${esc(s.date)}</td><td>${esc(s.source)}</td><td class="num">${s.sentences}</td><td class="num">${s.mentions}</td></tr>`)
    .join('')}</tbody></table>`;
}

async function stories() {
  const st = await api('/api/stories?limit=500');
  view.innerHTML = `<h1>Stories <span class="muted">· ${st.total}</span></h1><div class="card">${storiesTable(st.stories)}</div>`;
  status.textContent = '';
}

// ----------------------------------------------------------------- dyad

const day = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 1000;

function chart(el, title, data, series, opts = {}) {
  const width = Math.max(320, el.clientWidth - 10);
  return new uPlot({ title, width, height: 230, series: [{}, ...series], axes: [{}, { size: 50 }], ...opts }, data, el);
}

async function dyad(a, b, period = 'day') {
  const q = `source=${encodeURIComponent(a)}&target=${encodeURIComponent(b)}&both=1`;
  const [tr, ev] = await Promise.all([api(`/api/trend?${q}&period=${period}`), api(`/api/events?${q}&limit=500`)]);
  const base = `#/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}`;
  const periods = ['day', 'week', 'month']
    .map((p) => (p === period ? `<strong>${p}</strong>` : `<a href="${base}/${p}" data-period="${p}">${p}</a>`))
    .join(' · ');
  view.innerHTML = `<h1>${esc(a)} – ${esc(b)} <span class="muted">· ${ev.total} events, both directions</span></h1>
    <p class="muted" id="periods">per ${periods}</p>
    <div class="card"><div id="c-quad" class="chart"></div></div>
    <div class="card"><div id="c-gold" class="chart"></div></div>
    <div class="card"><h2>Events</h2><table id="events"><thead><tr><th>date</th><th>dyad</th><th>code</th><th class="num">Goldstein</th><th class="num">mentions</th><th>first report</th></tr></thead><tbody>
    ${ev.events.map((e) => `<tr><td>${esc(e.date)}</td><td>${esc(e.source)} → ${esc(e.target)}</td><td>${quad(e.quad)} ${esc(e.code)}</td>
      <td class="num">${e.goldstein.toFixed(1)}</td><td class="num">${e.mentions}</td><td>${storyLink(e.story, e.sentence, e.text)}</td></tr>`).join('')}
    </tbody></table></div>`;
  const rows = tr.rows;
  const xs = rows.map((r) => day(r.start));
  chart(document.getElementById('c-quad'), `Events per ${period} by quad class`,
    [xs, ...[0, 1, 2, 3].map((k) => rows.map((r) => r.quad[k]))],
    [1, 2, 3, 4].map((k) => ({ label: QUAD[k], stroke: QCOLOR[k], width: 2, points: { show: rows.length < 60 } })));
  chart(document.getElementById('c-gold'), `Goldstein score per ${period} (sum and mean)`,
    [xs, rows.map((r) => r.goldstein_sum), rows.map((r) => r.goldstein_mean)],
    [{ label: 'sum', stroke: '#2456a6', width: 2, fill: 'rgba(36,86,166,.08)' }, { label: 'mean', stroke: '#8e44ad', width: 1.5, dash: [4, 3] }]);
  status.textContent = `${rows.length} ${period}s`;
}

// ---------------------------------------------------------------- story

async function story(id, focus) {
  const s = await api(`/api/stories/${encodeURIComponent(id)}`);
  view.innerHTML = `<h1>${esc(s.id)} <span class="muted">· ${esc(s.date)}${s.source ? ' · ' + esc(s.source) : ''}</span></h1>
    <div class="card">${articleHtml(s.sentences, s.events, focus)}</div>
    <div class="card" id="events"><h2>Events (${s.events.length}) and why each was coded</h2>
    ${s.events.length ? s.events.map((e) => eventHtml(e, s.sentences)).join('') : '<p class="empty">No event.</p>'}</div>`;
  if (focus !== undefined) document.getElementById(`s${focus}`)?.scrollIntoView({ block: 'center' });
  status.textContent = `${s.sentences.length} sentences`;
}

// ---------------------------------------------------------------- paste

function paste() {
  view.innerHTML = `<h1>Paste an article</h1>
    <div class="card">
      <textarea id="text" placeholder="Paste the text of a news story: it is coded at once and stored nowhere."></textarea>
      <div class="controls"><label>Story date <input type="date" id="date"></label>
        <button id="code">Code it</button><span class="muted">Ctrl+Enter codes too</span></div>
    </div>
    <div id="result"></div>`;
  const text = document.getElementById('text');
  const date = document.getElementById('date');
  date.value = new Date().toISOString().slice(0, 10);
  const run = async () => {
    const out = document.getElementById('result');
    try {
      const r = await api('/api/code', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: text.value, date: date.value }) });
      out.innerHTML = `<div class="card">${articleHtml(r.sentences, r.events)}</div>
        <div class="card" id="events"><h2>${r.events.length} event${r.events.length === 1 ? '' : 's'} and why each was coded</h2>
        ${r.events.length ? r.events.map((e) => eventHtml(e, r.sentences)).join('') : '<p class="empty">No event in this text.</p>'}</div>`;
      status.textContent = `${r.sentences.length} sentences, ${r.events.length} events`;
    } catch (e) {
      out.innerHTML = `<div class="card error">${esc(e.message)}</div>`;
    }
  };
  document.getElementById('code').addEventListener('click', run);
  text.addEventListener('keydown', (e) => { if (e.key === 'Enter' && e.ctrlKey) run(); });
}

// --------------------------------------------------------------- router

async function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const name = parts[0] || 'overview';
  for (const a of document.querySelectorAll('[data-nav]')) a.classList.toggle('active', a.dataset.nav === name);
  view.innerHTML = '<p class="muted">Loading…</p>';
  document.body.dataset.view = name;
  delete document.body.dataset.ready;
  try {
    if (name === 'dyad' && parts[1] && parts[2]) await dyad(parts[1], parts[2], ['week', 'month'].includes(parts[3]) ? parts[3] : 'day');
    else if (name === 'story' && parts[1]) await story(parts[1], parts[2] === undefined ? undefined : +parts[2]);
    else if (name === 'stories') await stories();
    else if (name === 'paste') paste();
    else await overview();
  } catch (e) {
    fail(e);
  }
  document.body.dataset.ready = name; // the browser tests wait for this
}

window.addEventListener('hashchange', route);
route();
