// Builds HTML from template literals with every interpolated value escaped, so a topic or group name
// can never inject markup into the page.
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ESCAPES[c]);
}

// A tagged template: html`<b>${name}</b>` escapes name; a value wrapped by raw() goes in as is.
export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    out += piece(values[i]) + strings[i + 1];
  }
  return out;
}

function piece(v) {
  if (v && v.raw !== undefined) return v.raw;
  if (Array.isArray(v)) return v.map(piece).join('');
  return esc(v);
}

export function raw(text) {
  return { raw: text };
}

export function fmtNum(n) {
  return n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US');
}

export function fmtRate(n) {
  if (n === null || n === undefined) return '–';
  return n >= 1e6 ? (n / 1e6).toFixed(1) + 'M' : n >= 1e3 ? (n / 1e3).toFixed(1) + 'k' : String(Math.round(n * 10) / 10);
}
