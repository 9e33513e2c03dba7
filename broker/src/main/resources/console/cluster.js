// The cluster view: the seed's figures for the running cluster. Each broker is a box (alive, fenced,
// in controlled shutdown, active controller, unreachable); inside it each replica it holds is a tile,
// grouped by topic: leader or follower, in or out of the ISR, with the follower's lag as its leader
// reports it. Topics collapse to one line, so 500 partitions on 5 brokers stay readable.
import { html, raw } from './html.js';

export const collapsed = new Set();
const TROUBLE_ROWS_MAX = 50;

function tile(topic, p, brokerId) {
  const s = p.replicaStates.find(r => r.broker === brokerId);
  const classes = ['tile', s.role];
  if (!s.inIsr) classes.push('out-of-isr');
  if (p.offline && s.role === 'leader') classes.push('offline');
  const lag = s.role === 'leader' ? html`<span class="lag">leader</span>`
    : s.lagRecords === null ? html`<span class="lag">lag ?</span>`
    : s.lagRecords < 0 ? html`<span class="lag">no fetch yet</span>`
    : html`<span class="lag">${s.lagRecords} rec · ${s.lagMs} ms</span>`;
  const title = `${topic} partition ${p.partition} on broker ${brokerId}: ${s.role}${s.inIsr ? ', in ISR' : ', OUT of ISR'}`
    + `; leader ${p.leader} epoch ${p.leaderEpoch}; replicas [${p.replicas}] ISR [${p.isr}]`
    + (s.role !== 'follower' ? '' : s.lagRecords === null ? '; lag unknown (leader not reachable)'
      : s.lagRecords < 0 ? '; no fetch from it in this leader epoch' : `; lag ${s.lagRecords} records, ${s.lagMs} ms`);
  return html`<span class="${classes.join(' ')}" title="${title}" data-testid="tile" data-topic="${topic}"
    data-partition="${p.partition}" data-broker="${brokerId}" data-role="${s.role}" data-isr="${s.inIsr}">P${p.partition}${raw(lag)}</span>`;
}

function topicGroup(topic, brokerId) {
  const held = topic.partitions.filter(p => p.replicas.includes(brokerId));
  if (held.length === 0) return '';
  const leaders = held.filter(p => p.leader === brokerId).length;
  const out = held.filter(p => !p.isr.includes(brokerId)).length;
  const rollup = `${leaders} leader${leaders === 1 ? '' : 's'}, ${held.length - leaders} follower${held.length - leaders === 1 ? '' : 's'}`
    + (out ? `, ${out} out of ISR` : '');
  const cls = collapsed.has(topic.name) ? 'topic collapsed' : 'topic';
  return html`<div class="${cls}" data-topic="${topic.name}"><div class="name" data-collapse="${topic.name}">${topic.name}
    <span class="rollup">${rollup}</span></div><div class="tiles">${raw(held.map(p => tile(topic.name, p, brokerId)).join(''))}</div></div>`;
}

function brokerBox(b, topics) {
  const state = b.state;
  const badges = [html`<span class="badge ${state}">${state}</span>`];
  if (b.activeController) badges.push(html`<span class="badge controller" data-testid="controller">active controller</span>`);
  if (!b.reachable) badges.push(html`<span class="badge unreachable" title="${b.error || ''}">unreachable</span>`);
  const cls = ['broker', state, b.reachable ? '' : 'unreachable'].join(' ');
  return html`<div class="${cls}" data-testid="broker" data-broker="${b.id}" data-state="${state}" data-reachable="${b.reachable}">
    <h3>Broker ${b.id} ${raw(badges.join(''))}</h3>
    <div class="counts">${b.host}:${b.port} · ${b.leaders} leaders · ${b.replicas} replicas</div>
    ${raw(topics.map(t => topicGroup(t, b.id)).join(''))}</div>`;
}

function trouble(topics) {
  const rows = [];
  for (const t of topics) {
    for (const p of t.partitions) {
      if (p.offline || p.underReplicated) {
        rows.push(html`<tr class="${p.offline ? 'bad' : ''}" data-testid="trouble-row"><td>${t.name}</td><td>${p.partition}</td>
          <td>${p.offline ? 'OFFLINE' : 'under-replicated'}</td><td>${p.leader}</td><td>[${p.replicas.join(', ')}]</td><td>[${p.isr.join(', ')}]</td></tr>`);
      }
    }
  }
  if (rows.length === 0) return html`<div class="trouble"><h2>Partitions in trouble</h2><span class="muted">none: every partition has a live leader and a full ISR</span></div>`;
  const bad = rows.some(r => r.includes('OFFLINE'));
  // Offline partitions first; a broker loss at 500 partitions lists hundreds, so the table stops at TROUBLE_ROWS_MAX.
  rows.sort((a, b) => Number(b.includes('OFFLINE')) - Number(a.includes('OFFLINE')));
  const more = rows.length > TROUBLE_ROWS_MAX ? html`<p class="muted">and ${rows.length - TROUBLE_ROWS_MAX} more; the filter box narrows the list</p>` : '';
  return html`<div class="trouble ${bad ? 'bad' : ''}"><h2>Partitions in trouble (${rows.length})</h2><table>
    <tr><th>topic</th><th>partition</th><th>state</th><th>leader</th><th>replicas</th><th>ISR</th></tr>${raw(rows.slice(0, TROUBLE_ROWS_MAX).join(''))}</table>${raw(more)}</div>`;
}

const LEGEND = html`<div class="legend"><span class="tile leader">P0</span> leader <span class="tile follower">P0</span> follower in ISR
  <span class="tile follower out-of-isr">P0</span> out of ISR <span class="tile leader offline">P0</span> offline
  <span>follower tiles show lag: records · ms since caught up</span></div>`;

export function renderCluster(cluster, filter) {
  const topics = cluster.topics.filter(t => t.name.includes(filter));
  return LEGEND + html`<div class="brokers">${raw(cluster.brokers.map(b => brokerBox(b, topics)).join(''))}</div>` + trouble(topics);
}
