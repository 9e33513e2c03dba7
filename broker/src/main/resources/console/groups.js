// The group views: every consumer group the coordinators hold, and one group's members, their
// assignments and its lag per partition (the leader's high watermark minus the committed offset).
import { html, raw, fmtNum } from './html.js';

export function renderGroupList(body) {
  const rows = body.groups.map(g => html`<tr><td><a href="#/groups/${encodeURIComponent(g.groupId)}">${g.groupId}</a></td>
    <td>${g.state}</td><td>${g.protocolType}</td><td class="num">${g.coordinator}</td></tr>`);
  const missing = body.unreachableBrokers.length
    ? html`<p class="muted">Not asked: ${body.unreachableBrokers.map(b => 'broker ' + b.broker).join(', ')} (unreachable); their groups are missing.</p>` : '';
  return html`<h2>Consumer groups</h2><table data-testid="group-list"><tr><th>group</th><th>state</th><th>protocol type</th>
    <th class="num">coordinator</th></tr>${raw(rows.join(''))}</table>${raw(missing)}`;
}

function assignment(a) {
  return Object.entries(a).map(([topic, parts]) => `${topic} [${parts.join(', ')}]`).join('; ');
}

export function renderGroup(g) {
  const members = g.members.map(m => html`<tr><td>${m.memberId}</td><td>${m.clientId}</td><td>${m.clientHost}</td>
    <td>${assignment(m.assignment)}</td></tr>`);
  const offsets = g.offsets.map(o => html`<tr data-testid="lag-row"><td>${o.topic}</td><td class="num">${o.partition}</td>
    <td class="num">${fmtNum(o.committedOffset)}</td><td class="num">${fmtNum(o.highWatermark)}</td><td class="num">${fmtNum(o.lag)}</td>
    <td>${o.owner || '–'}</td></tr>`);
  return html`<h2>Group ${g.groupId} <span class="muted">${g.state} · coordinator broker ${g.coordinator} · total lag ${fmtNum(g.totalLag)}</span></h2>
    <h3>Members (${g.members.length})</h3><table data-testid="members"><tr><th>member</th><th>client id</th><th>host</th><th>assignment</th></tr>
    ${raw(members.join(''))}</table>
    <h3>Lag</h3><table data-testid="group-lag"><tr><th>topic</th><th class="num">partition</th><th class="num">committed</th>
    <th class="num">high watermark</th><th class="num">lag</th><th>owner</th></tr>${raw(offsets.join(''))}</table>`;
}
