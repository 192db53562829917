import { statSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumPresent, launchChromium } from './e2e/browser.js';
import { collectErrors, screenshot, textMatching } from './e2e/page-helpers.js';
import { ADMIN_TOKEN, BOT, chatLine, type Stack, startStack } from './e2e/stack.js';

const CHANNELS = 20_000;
const run = chromiumPresent();

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!run)('dashboard in headless Chromium (twitch-sim + embedded cluster + web server)', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: { errors: string[] };

  beforeAll(async () => {
    // One channel more in the sim than the cluster joins, for the UI's own join.
    stack = await startStack({
      sim: { channels: CHANNELS + 1, limits: { enabled: false } },
      cluster: {
        workers: { min: 2, max: 2, capacity: 12_000 },
        scaling: { enabled: false },
        connection: { maxChannels: 1_000, connectSpacingMs: 0 },
      },
      trafficPerSecond: 400,
    });
    const t0 = Date.now();
    await stack.cluster.client.join(Array.from({ length: CHANNELS }, (_, i) => `channel${i}`));
    await until(
      async () => (await stack.cluster.client.status()).channels.placements.confirmed >= CHANNELS,
      `${CHANNELS} channels confirmed`,
      150_000,
    );
    console.log(`e2e: ${CHANNELS} channels confirmed in ${Date.now() - t0} ms`);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    seen = collectErrors(page);
  }, 240_000);

  beforeEach((ctx) => {
    ctx.onTestFailed(async () => {
      if (page !== undefined)
        console.log(`e2e: screenshot of the failure: ${await screenshot(page, 'failed.png')}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it('shows a visitor without a session the login screen and no channel names', async () => {
    await page.goto(`${stack.web.url}/channels`);
    await page.getByLabel('Admin token').waitFor();
    const body = (await page.textContent('body')) ?? '';
    expect(body).not.toMatch(/channel\d/);
    const api = await page.evaluate(async () => {
      const res = await fetch('/api/channels?search=channel1');
      return { status: res.status, body: await res.text() };
    });
    expect(api.status).toBe(401);
    expect(api.body).not.toMatch(/channel\d/);
  });

  it('refuses a wrong token and signs in with the right one', async () => {
    await page.getByLabel('Admin token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await textMatching(page.getByRole('alert'), /Wrong token/);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The URL asked for (/channels) is the screen shown after sign-in.
    await page.getByLabel('Search channels').waitFor();
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'tmi_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
  });

  it("the overview's numbers move while the sim sends chat", async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    await textMatching(page.getByTestId('status-banner'), /Operational/);
    await textMatching(page.getByTestId('channels'), /^20,000\s*\/\s*20,000$/);
    const rates: number[] = [];
    for (let i = 0; i < 6; i++) {
      rates.push(Number((await page.getByTestId('messages-in').textContent())?.replace(/,/g, '')));
      await page.waitForTimeout(1_000);
    }
    console.log(`e2e: messages/s seen on the overview: ${rates.join(', ')}`);
    expect(Math.max(...rates)).toBeGreaterThan(50);
    expect(new Set(rates).size).toBeGreaterThan(1);
    expect(await page.getByTestId('workers').textContent()).toBe('2');
    // Both charts drew (uPlot canvases with a size).
    const canvases = await page
      .locator('.chart canvas')
      .evaluateAll((els) => els.map((e) => (e as unknown as { width: number }).width));
    expect(canvases.length).toBe(2);
    expect(Math.min(...canvases)).toBeGreaterThan(100);
    const shot = await screenshot(page, 'dashboard-overview.png');
    expect(statSync(shot).size).toBeGreaterThan(10_000);
  });

  it('finds one channel among 20,000 with the server-side search and opens its detail', async () => {
    await page.getByRole('link', { name: 'Channels' }).click();
    await textMatching(page.getByTestId('channel-count'), /^20,000 channels/);
    const t0 = Date.now();
    await page.getByLabel('Search channels').fill('channel12345');
    await textMatching(page.getByTestId('channel-count'), /^1 channel matching “channel12345”/);
    console.log(
      `e2e: search among ${CHANNELS} answered on screen in ${Date.now() - t0} ms (incl. 250 ms debounce)`,
    );
    // The search is in the URL too (reloads and shared links show the same list).
    expect(new URL(page.url()).search).toBe('?search=channel12345');
    const rows = page.getByRole('table', { name: 'Channels' }).locator('tbody tr');
    expect(await rows.count()).toBe(1);
    await page.getByRole('button', { name: 'channel12345', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: '#channel12345' });
    await textMatching(drawer.getByTestId('channel-state'), /^confirmed$/);
    const facts = (await drawer.locator('dl').textContent()) ?? '';
    expect(facts).toMatch(/Worker\s*\S+-\S+/);
    expect(facts).toMatch(/Confirmed since\s*\d{4}-\d\d-\d\d/);
    // The live chat tail: a line the sim sends in this channel shows up in the drawer.
    await textMatching(drawer.getByRole('heading', { name: /Live chat/ }), /live$/);
    const lines = drawer.getByTestId('chat-lines');
    let n = 0;
    await until(
      async () => {
        stack.sim.inject('channel12345', chatLine('channel12345', `tail check ${++n}`));
        await new Promise((r) => setTimeout(r, 300));
        return /Viewer\s*tail check \d+/.test((await lines.textContent()) ?? '');
      },
      'an injected chat line in the tail',
      15_000,
    );
    // Sending as the bot from the drawer: the cluster's own reader sees it come back in the tail.
    await drawer.getByLabel('Message', { exact: true }).fill('hello from the dashboard');
    await drawer.getByRole('button', { name: 'Send' }).click();
    await textMatching(page.getByRole('status').filter({ hasText: 'Sent to' }), /Sent to #channel12345/);
    await textMatching(lines, new RegExp(`${BOT.login}\\s*hello from the dashboard`, 'i'));
    await screenshot(page, 'dashboard-channel.png');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  }, 60_000);

  it('joins and parts a channel from the UI and shows the state change', async () => {
    await page.getByLabel('Channels to join').fill('#Channel20000');
    await page.getByRole('form', { name: 'Join channels' }).getByRole('button', { name: 'Join' }).click();
    await textMatching(page.getByRole('status').filter({ hasText: 'joining' }), /joining channel20000/);
    await page.getByLabel('Search channels').fill('channel20000');
    // The list refreshes by itself: the server's index picks the new channel up within a sample.
    await textMatching(page.getByTestId('channel-count'), /^1 channel matching “channel20000”/);
    await page.getByRole('button', { name: 'channel20000', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: '#channel20000' });
    await textMatching(drawer.getByTestId('channel-state'), /^confirmed$/);
    await drawer.getByRole('button', { name: 'Part' }).click();
    await textMatching(drawer.getByTestId('channel-state'), /^parted$/);
    const status = await stack.cluster.client.status();
    expect(status.channels.wanted).toBe(CHANNELS);
    await page.keyboard.press('Escape');
  }, 90_000);

  it('survives the cluster going down and coming back (banner shown, then gone)', async () => {
    await page.getByRole('link', { name: 'Supervisors & workers' }).click();
    const banner = page.getByTestId('status-banner');
    await textMatching(banner, /Operational/);
    // The tables show the cluster as it is: one supervisor, two ready workers holding every channel.
    const workers = page.getByRole('table', { name: 'Workers' }).locator('tbody tr');
    await until(async () => (await workers.count()) === 2, 'two worker rows', 10_000);
    const workerRows = await workers.allTextContents();
    expect(workerRows.every((r) => /ready/.test(r))).toBe(true);
    const supervisorRow = await page
      .getByRole('table', { name: 'Supervisors' })
      .locator('tbody tr')
      .textContent();
    // 20,000 read, plus the channels the bot joined to send in earlier steps (sender seats).
    expect(supervisorRow).toMatch(/running\s*2\s*20,0\d\d/);

    // Scaled to no workers from the UI (behind its confirmation), the cluster is down and says why.
    await page.getByLabel('Scale to').fill('0');
    await page.getByRole('button', { name: 'Scale…' }).click();
    await page
      .getByRole('dialog', { name: 'Scale to 0 workers?' })
      .getByRole('button', { name: 'Scale' })
      .click();
    await textMatching(banner, /Cluster down.*no live worker/s, 30_000);
    await screenshot(page, 'dashboard-down.png');
    await page.getByLabel('Scale to').fill('2');
    await page.getByRole('button', { name: 'Scale…' }).click();
    await page
      .getByRole('dialog', { name: 'Scale to 2 workers?' })
      .getByRole('button', { name: 'Scale' })
      .click();
    await textMatching(banner, /^\s*Operational\s*$/, 60_000);
    await until(
      async () => (await stack.cluster.client.status()).channels.placements.confirmed >= CHANNELS,
      'every channel confirmed again',
    );

    // Pause from the UI (with its confirmation), see the degraded banner, continue.
    const supervisorId = (await stack.cluster.status()).supervisor.id;
    await page.getByRole('button', { name: `Pause ${supervisorId}` }).click();
    const dialog = page.getByRole('dialog', { name: `Pause supervisor ${supervisorId}?` });
    await dialog.getByRole('button', { name: 'Pause' }).click();
    await textMatching(banner, /every supervisor is paused/, 30_000);
    await page.getByRole('button', { name: `Continue ${supervisorId}` }).click();
    await page
      .getByRole('dialog', { name: `Continue supervisor ${supervisorId}?` })
      .getByRole('button', { name: 'Continue' })
      .click();
    await textMatching(banner, /^\s*Operational\s*$/, 60_000);
  }, 180_000);

  it('says when the server is unreachable and recovers without a reload', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    const marker = await page.evaluate(() => {
      (globalThis as unknown as { marker: number }).marker = 42;
      return 42;
    });
    await stack.stopWeb();
    const banner = page.getByTestId('status-banner');
    await textMatching(banner, /Server unreachable/, 20_000);
    expect(await page.title()).toBe('Server unreachable · tmi-cluster');
    expect(await page.locator('.cards').getAttribute('class')).toContain('stale');
    await screenshot(page, 'dashboard-unreachable.png');
    await stack.restartWeb();
    // Sessions live in the server's memory, so the restarted one asks for the token again.
    await page.getByLabel('Admin token').waitFor({ timeout: 60_000 });
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await textMatching(page.getByTestId('status-banner'), /^\s*Operational\s*$/, 20_000);
    // Same document all along: nothing reloaded the page.
    expect(await page.evaluate(() => (globalThis as unknown as { marker: number }).marker)).toBe(marker);
  });

  it('shows the events log and the redacted settings, with no page errors on the way', async () => {
    await page.getByRole('link', { name: 'Events' }).click();
    const log = page.getByRole('table', { name: 'Events log' });
    // The history has what the earlier tests did: scaling to zero and back.
    await textMatching(log, /scaled from 2 to 0 workers/);
    // And it is live: a worker that dies and is restarted shows up without leaving the screen.
    const rowsBefore = await log.locator('tbody tr').count();
    const victim = stack.cluster.workerIds()[0]!;
    stack.cluster.killWorker(victim);
    await until(
      async () => (await log.locator('tbody tr').count()) > rowsBefore,
      'a live lifecycle row',
      30_000,
    );
    console.log(
      `e2e: events after a worker kill: ${(await log.locator('tbody tr').first().textContent())?.trim()}`,
    );
    await page.getByRole('link', { name: 'Settings' }).click();
    const config = await textMatching(page.getByTestId('config'), /dashbot/);
    expect(config).not.toContain('dashbottoken');
    expect(seen.errors).toEqual([]);
  }, 60_000);
});
