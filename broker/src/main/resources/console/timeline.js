// The timeline: the newest elections, fencings and ISR changes first, each with its reason. One
// metadata change often moves many partitions at once (a fenced broker leaves every ISR it was in),
// so events of one kind with one reason from the same metadata batch are drawn as one line that
// names their partitions, and a broker loss stays a few lines even at 500 partitions.
import { html } from './html.js';

const SUBJECTS_SHOWN = 6;

function when(ms) {
  const d = new Date(ms);
  return d.toLocaleTimeString('en-GB', { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
}

function subject(e) {
  return e.topic === null ? `broker ${e.broker}` : `${e.topic}-${e.partition}`;
}

// Events newest first, merged where kind, reason and metadata offset agree (one metadata batch
// interleaves its partitions' elections and ISR changes; each kind becomes one line).
function grouped(events) {
  const out = [];
  const byKey = new Map();
  for (const e of events) {
    const key = `${e.metadataOffset}|${e.kind}|${e.reason}`;
    const group = byKey.get(key);
    if (group) {
      group.subjects.push(subject(e));
      group.details.push(e.detail);
    } else {
      const created = { ...e, subjects: [subject(e)], details: [e.detail] };
      byKey.set(key, created);
      out.push(created);
    }
  }
  return out;
}

export function renderTimeline(body) {
  if (body.events.length === 0) return html`<li class="muted">Nothing yet: elections, fencings and ISR changes appear here.</li>`;
  return grouped(body.events).map(g => {
    const shown = g.subjects.slice(0, SUBJECTS_SHOWN).join(', ') + (g.subjects.length > SUBJECTS_SHOWN ? ` and ${g.subjects.length - SUBJECTS_SHOWN} more` : '');
    const detail = g.subjects.length === 1 ? g.details[0] : `${g.subjects.length} partitions`;
    return html`<li data-testid="event" data-kind="${g.kind}" data-subjects="${g.subjects.join('|')}" title="${g.subjects.map((s, i) => s + ': ' + g.details[i]).join('\n')}">
      <span class="when">${when(g.timeMs)}</span> <span class="kind ${g.kind}">${g.kind}</span> ${shown} <span class="muted">${detail}</span>
      <span class="reason">${g.reason}</span></li>`;
  }).join('');
}
