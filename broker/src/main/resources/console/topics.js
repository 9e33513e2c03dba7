// The topic views: every topic with its partition count and trouble, and one topic's partitions with
// the offsets and throughput their leaders report.
import { html, raw, fmtNum, fmtRate } from './html.js';

export function renderTopicList(body, filter) {
  const rows = body.topics.filter(t => t.name.includes(filter)).map(t => html`<tr class="${t.offlinePartitions ? 'bad' : ''}">
    <td><a href="#/topics/${encodeURIComponent(t.name)}">${t.name}</a></td><td class="num">${t.partitions}</td>
    <td class="num">${t.replicationFactor}</td><td class="num">${t.offlinePartitions}</td><td class="num">${t.underReplicatedPartitions}</td></tr>`);
  return html`<h2>Topics</h2><table data-testid="topic-list"><tr><th>topic</th><th class="num">partitions</th><th class="num">replication factor</th>
    <th class="num">offline</th><th class="num">under-replicated</th></tr>${raw(rows.join(''))}</table>`;
}

export function renderTopic(t) {
  const rows = t.partitions.map(p => html`<tr class="${p.offline ? 'bad' : ''}" data-testid="partition-row">
    <td class="num">${p.partition}</td><td class="num">${p.leader}</td><td>[${p.replicas.join(', ')}]</td><td>[${p.isr.join(', ')}]</td>
    <td class="num">${fmtNum(p.logStartOffset)}</td><td class="num">${fmtNum(p.logEndOffset)}</td><td class="num">${fmtNum(p.highWatermark)}</td>
    <td class="num">${fmtRate(p.recordsPerSec)}</td><td class="num">${fmtRate(p.bytesPerSec)}</td><td class="num">${fmtNum(p.sizeBytes)}</td></tr>`);
  return html`<h2>Topic ${t.name} <span class="muted" data-testid="topic-rate" data-records-per-sec="${t.recordsPerSec}">${fmtRate(t.recordsPerSec)} records/s · ${fmtRate(t.bytesPerSec)} bytes/s</span></h2>
    <table data-testid="topic"><tr><th class="num">partition</th><th class="num">leader</th><th>replicas</th><th>ISR</th>
    <th class="num">log start</th><th class="num">log end</th><th class="num">high watermark</th><th class="num">records/s</th>
    <th class="num">bytes/s</th><th class="num">size (bytes)</th></tr>${raw(rows.join(''))}</table>`;
}
