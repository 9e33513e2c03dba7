// The console's only way to the broker: GET a JSON path of /api/ with a timeout, so a hung request
// never stalls the page's polling; an error answer carries one "error" line, which is thrown.
const TIMEOUT_MS = 2000;

export async function getJson(path) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(path, { signal: controller.signal, cache: 'no-store' });
    const body = await response.json();
    if (!response.ok) {
      throw new Error(body.error || `HTTP ${response.status}`);
    }
    return body;
  } finally {
    clearTimeout(timer);
  }
}
