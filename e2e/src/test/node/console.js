// Drives the console in headless Chromium through a broker kill (ConsoleE2eTest):
//   node console.js URL TOPIC PARTITIONS VICTIM GROUP [SCREENSHOT_DIR]
// 1. opens URL (a broker that stays up), waits for the picture of the live cluster: 3 brokers alive,
//    every replica tile of TOPIC drawn, broker VICTIM leading partition 0; remembers each partition's ISR;
// 2. prints "ready" and waits for "killed" on stdin (the test SIGKILLs VICTIM in between);
// 3. waits until the page shows VICTIM fenced and unreachable, each partition VICTIM led now led by a
//    broker that was in its ISR, and the election and the fencing in the timeline; prints how long it took;
// 4. opens the topic view (waiting for throughput above zero: the test produces all along) and the group view. With SCREENSHOT_DIR, saves cluster-before.png,
//    cluster-after.png, topic.png and group.png there. Chromium is the system's (CHROMIUM, else
//    /usr/bin/chromium). Any failure prints one line naming what the page did not show, and exits 1.
const { chromium } = require('playwright-core');
const readline = require('readline');
const path = require('path');

const [url, topic, partitionsArg, victimArg, group, shots] = process.argv.slice(2);
const partitions = Number(partitionsArg);
const victim = Number(victimArg);
const WAIT_MS = 20000;

function waitForLine(expected) {
  const rl = readline.createInterface({ input: process.stdin });
  return new Promise((resolve, reject) => {
    rl.on('line', line => {
      if (line.trim() === expected) {
        resolve();
        rl.close();
        // A paused stdin pipe would still keep node running after the last line.
        process.stdin.destroy();
      }
    });
    rl.on('close', () => reject(new Error(`stdin closed before "${expected}"`)));
  });
}

async function shot(page, name) {
  if (shots) await page.screenshot({ path: path.join(shots, name), fullPage: true });
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    await page.goto(url + '/#/cluster');
    const tiles = `[data-testid=tile][data-topic="${topic}"]`;
    await page.waitForFunction(({ tiles, partitions, victim }) => {
      const alive = document.querySelectorAll('[data-testid=broker][data-state=alive][data-reachable=true]').length;
      const drawn = document.querySelectorAll(tiles).length;
      const led = document.querySelector(`${tiles}[data-partition="0"][data-broker="${victim}"][data-role=leader]`);
      const inSync = document.querySelectorAll(`${tiles}[data-isr=true]`).length;
      return alive === 3 && drawn === partitions * 3 && inSync === drawn && led !== null;
    }, { tiles, partitions, victim }, { timeout: WAIT_MS });
    const before = await page.evaluate(({ tiles }) => {
      const isr = {};
      for (const t of document.querySelectorAll(tiles)) {
        const p = t.dataset.partition;
        (isr[p] = isr[p] || []).push(Number(t.dataset.broker));
      }
      return { isr };
    }, { tiles });
    const led = await page.$$eval(`${tiles}[data-broker="${victim}"][data-role=leader]`, ts => ts.map(t => t.dataset.partition));
    await shot(page, 'cluster-before.png');

    console.log('ready');
    await waitForLine('killed');
    const killedAt = Date.now();
    await page.waitForFunction(({ tiles, victim, led, isr, topic }) => {
      const box = document.querySelector(`[data-testid=broker][data-broker="${victim}"]`);
      if (!box || box.dataset.state !== 'fenced' || box.dataset.reachable !== 'false') return false;
      if (document.querySelector(`${tiles}[data-broker="${victim}"][data-role=leader]`)) return false;
      for (const p of led) {
        const leader = document.querySelector(`${tiles}[data-partition="${p}"][data-role=leader]`);
        if (!leader || !isr[p].includes(Number(leader.dataset.broker)) || Number(leader.dataset.broker) === victim) return false;
      }
      const events = [...document.querySelectorAll('[data-testid=event]')];
      const has = (kind, subject) => events.some(e => e.dataset.kind === kind && e.dataset.subjects.split('|').includes(subject));
      const fenced = has('broker-fenced', `broker ${victim}`);
      const elected = has('election', `${topic}-${led[0]}`);
      return fenced && elected;
    }, { tiles, victim, led, isr: before.isr, topic }, { timeout: WAIT_MS });
    const pictureMs = Date.now() - killedAt;
    await shot(page, 'cluster-after.png');

    await page.goto(url + '/#/topics/' + encodeURIComponent(topic));
    // The test keeps producing, so the leaders' throughput reads above zero once they sampled a second.
    await page.waitForFunction(n => document.querySelectorAll('[data-testid=partition-row]').length === n
      && Number(document.querySelector('[data-testid=topic-rate]').dataset.recordsPerSec) > 0, partitions, { timeout: WAIT_MS });
    await shot(page, 'topic.png');
    await page.goto(url + '/#/groups/' + encodeURIComponent(group));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=lag-row]').length > 0, null, { timeout: WAIT_MS });
    await shot(page, 'group.png');
    console.log(JSON.stringify({ ok: true, ledByVictim: led, pictureMs }));
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), e => {
  console.log(`console check failed: ${String(e.message).split('\n')[0]}`);
  process.exit(1);
});
