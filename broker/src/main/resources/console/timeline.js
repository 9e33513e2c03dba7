// The timeline: the newest elections, fencings and ISR changes first, each with its reason.
import { html, raw } from './html.js';

function when(ms) {
  const d = new Date(ms);
  return d.toLocaleTimeString('en-GB', { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
}

function subject(e) {
  return e.topic === null ? `broker ${e.broker}` : `${e.topic}-${e.partition}`;
}

export function renderTimeline(body) {
  if (body.events.length === 0) return html`<li class="muted">Nothing yet: elections, fencings and ISR changes appear here.</li>`;
  return body.events.map(e => html`<li data-testid="event" data-kind="${e.kind}"><span class="when">${when(e.timeMs)}</span>
    <span class="kind ${e.kind}">${e.kind}</span> ${subject(e)} <span>${e.detail}</span>
    <span class="reason">${e.reason}</span></li>`).join('');
}
