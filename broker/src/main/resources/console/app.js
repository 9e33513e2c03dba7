// The page: picks the view from the URL's hash (#/cluster, #/topics, #/topics/NAME, #/groups,
// #/groups/ID), polls its JSON about every 500 ms together with the timeline, and redraws. A failed
// poll keeps the last picture and says how old it is, so a broker going away never blanks the page.
import { getJson } from './api.js';
import { html } from './html.js';
import { collapsed, renderCluster } from './cluster.js';
import { renderTopicList, renderTopic } from './topics.js';
import { renderGroupList, renderGroup } from './groups.js';
import { renderTimeline } from './timeline.js';

const POLL_MS = 500;
const view = document.getElementById('view');
const filter = document.getElementById('filter');
const internal = document.getElementById('internal');
let lastCluster = null;
let lastOkMs = 0;

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  return { view: parts[0] || 'cluster', name: parts[1] ? decodeURIComponent(parts.slice(1).join('/')) : null };
}

// A large cluster opens with its topics collapsed to one line per broker, so the first picture
// fits a screen; a click on a topic opens it.
const TILES_EXPANDED_MAX = 300;
let firstPicture = true;

function collapseIfLarge(cluster) {
  if (!firstPicture) return;
  firstPicture = false;
  const tiles = cluster.topics.reduce((n, t) => n + t.partitions.reduce((m, p) => m + p.replicas.length, 0), 0);
  if (tiles > TILES_EXPANDED_MAX) cluster.topics.forEach(t => collapsed.add(t.name));
}

function summary(c) {
  const s = c.summary;
  const chip = (cls, text) => html`<span class="chip ${cls}">${text}</span>`;
  return [
    chip(s.aliveBrokers < s.brokers ? 'warn' : 'ok', `brokers ${s.aliveBrokers}/${s.brokers} alive`),
    chip('', `partitions ${s.partitions}`),
    chip(s.offlinePartitions ? 'bad' : 'ok', `offline ${s.offlinePartitions}`),
    chip(s.underReplicatedPartitions ? 'warn' : 'ok', `under-replicated ${s.underReplicatedPartitions}`),
    chip('', `controller ${c.activeControllerId < 0 ? 'unknown' : c.activeControllerId}`),
    chip('', `served by broker ${c.servedBy}`),
  ].join('');
}

async function poll() {
  const r = route();
  try {
    const cluster = await getJson('/api/cluster' + (internal.checked ? '?internal=true' : ''));
    lastCluster = cluster;
    collapseIfLarge(cluster);
    document.getElementById('summary').innerHTML = summary(cluster);
    let body;
    if (r.view === 'topics' && r.name) body = renderTopic(await getJson('/api/topics/' + encodeURIComponent(r.name)));
    else if (r.view === 'topics') body = renderTopicList(await getJson('/api/topics'), filter.value);
    else if (r.view === 'groups' && r.name) body = renderGroup(await getJson('/api/groups/' + encodeURIComponent(r.name)));
    else if (r.view === 'groups') body = renderGroupList(await getJson('/api/groups'));
    else body = renderCluster(cluster, filter.value);
    view.innerHTML = body;
    document.getElementById('timeline').innerHTML = renderTimeline(await getJson('/api/timeline?limit=100'));
    lastOkMs = Date.now();
    setStatus(`updated ${new Date(lastOkMs).toLocaleTimeString('en-GB', { hour12: false })}`, false);
  } catch (e) {
    setStatus(`no answer from the broker: ${e.message}` + (lastOkMs ? `; picture is ${Math.round((Date.now() - lastOkMs) / 1000)} s old` : ''), true);
  }
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.view === r.view);
}

function setStatus(text, stale) {
  const s = document.getElementById('status');
  s.textContent = text;
  s.classList.toggle('stale', stale);
}

async function loop() {
  const started = Date.now();
  await poll();
  setTimeout(loop, Math.max(0, POLL_MS - (Date.now() - started)));
}

view.addEventListener('click', e => {
  const name = e.target.closest('[data-collapse]')?.dataset.collapse;
  if (name === undefined) return;
  if (collapsed.has(name)) collapsed.delete(name); else collapsed.add(name);
  for (const el of view.querySelectorAll('.topic')) el.classList.toggle('collapsed', collapsed.has(el.dataset.topic));
});
document.getElementById('collapse-all').addEventListener('click', () => {
  for (const t of lastCluster?.topics ?? []) collapsed.add(t.name);
  poll();
});
document.getElementById('expand-all').addEventListener('click', () => { collapsed.clear(); poll(); });
filter.addEventListener('input', () => poll());
internal.addEventListener('change', () => poll());
window.addEventListener('hashchange', () => poll());
loop();
