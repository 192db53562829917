import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPresent, launchChromium } from './e2e/browser.js';
import { collectErrors, textMatching } from './e2e/page-helpers.js';
import { ADMIN_TOKEN, type Stack, startStack } from './e2e/stack.js';

const run = chromiumPresent();

interface PageMetrics {
  heapBytes: number;
  nodes: number;
  listeners: number;
}

/** After a full GC: live JS heap, DOM nodes and event listeners of the page (Chromium's own counters). */
async function metrics(cdp: CDPSession): Promise<PageMetrics> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => list.find((m) => m.name === name)?.value ?? Number.NaN;
  return { heapBytes: get('JSHeapUsedSize'), nodes: get('Nodes'), listeners: get('JSEventListeners') };
}

/**
 * "Works for hours without a reload", compressed: the server pushes an overview every 2 ms
 * instead of every second, so 30 s here are over three hours of updates for the
 * page. Memory, DOM and listeners must stay flat, and so must they across many screen changes.
 */
describe.skipIf(!run)('dashboard soak in headless Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let seen: { errors: string[] };

  beforeAll(async () => {
    stack = await startStack({
      sim: { channels: 200, limits: { enabled: false } },
      cluster: { workers: { min: 1, max: 1 } },
      trafficPerSecond: 200,
      web: { liveIntervalMs: 2 },
    });
    await stack.cluster.client.join(Array.from({ length: 200 }, (_, i) => `channel${i}`));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    seen = collectErrors(page);
    cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(stack.web.url);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await textMatching(page.getByTestId('status-banner'), /Operational/, 30_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it('keeps heap, DOM and listeners flat over 10,000+ overview updates (hours of them)', async () => {
    // What the page receives on /api/live, from Chromium's network events (one write per event).
    await cdp.send('Network.enable');
    const live = new Set<string>();
    let received = 0;
    cdp.on('Network.responseReceived', (e) => {
      if (e.response.url.endsWith('/api/live')) live.add(e.requestId);
    });
    cdp.on('Network.dataReceived', (e) => {
      if (live.has(e.requestId)) received += e.dataLength;
    });
    // The stream opened before Network.enable: reconnect it so its request is seen.
    await page.reload();
    await textMatching(page.getByTestId('status-banner'), /Operational/, 30_000);
    const count = async () => received;
    // Warm-up: the chart ring (900 points) fills, caches settle.
    await page.waitForTimeout(12_000);
    const before = await metrics(cdp);
    const t0 = await count();
    await page.waitForTimeout(30_000);
    const after = await metrics(cdp);
    const oneEvent = await page.evaluate(
      async () => JSON.stringify(await (await fetch('/api/overview')).json()).length,
    );
    const updates = Math.round(((await count()) - t0) / (oneEvent + 'event: overview\ndata: \n\n'.length));
    console.log(
      `e2e soak: ~${updates} overview events received in 30 s; heap ${(before.heapBytes / 1e6).toFixed(1)} → ${(after.heapBytes / 1e6).toFixed(1)} MB, ` +
        `nodes ${before.nodes} → ${after.nodes}, listeners ${before.listeners} → ${after.listeners}`,
    );
    expect(updates).toBeGreaterThan(6_000);
    expect(after.heapBytes - before.heapBytes).toBeLessThan(3_000_000);
    expect(after.nodes - before.nodes).toBeLessThan(100);
    expect(after.listeners - before.listeners).toBeLessThan(20);
  }, 120_000);

  it('releases what each screen and the channel drawer held, over many visits', async () => {
    const tour = async () => {
      for (const name of ['Supervisors & workers', 'Channels', 'Events', 'Settings', 'Overview']) {
        await page.getByRole('link', { name }).click();
        if (name === 'Channels') {
          await page.getByRole('button', { name: 'channel1', exact: true }).click();
          await textMatching(page.getByRole('heading', { name: /Live chat/ }), /live$/);
          await page.keyboard.press('Escape');
        }
      }
    };
    await tour();
    await page.waitForTimeout(1_000);
    const before = await metrics(cdp);
    for (let i = 0; i < 30; i++) await tour();
    await page.waitForTimeout(1_000);
    const after = await metrics(cdp);
    console.log(
      `e2e soak: 30 tours; heap ${(before.heapBytes / 1e6).toFixed(1)} → ${(after.heapBytes / 1e6).toFixed(1)} MB, ` +
        `nodes ${before.nodes} → ${after.nodes}, listeners ${before.listeners} → ${after.listeners}`,
    );
    expect(after.heapBytes - before.heapBytes).toBeLessThan(3_000_000);
    expect(after.nodes - before.nodes).toBeLessThan(200);
    expect(after.listeners - before.listeners).toBeLessThan(20);
    expect(seen.errors).toEqual([]);
  }, 180_000);
});
