import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumPresent, launchChromium } from './e2e/browser.js';
import { collectErrors, screenshot, textMatching } from './e2e/page-helpers.js';
import { BOT, type Stack, startStack } from './e2e/stack.js';

const STREAMER = 'streamerone';
const run = chromiumPresent();

/** Connections the sim has in the streamer's channel (the ground truth of "the bot is in your chat"). */
function inChannel(stack: Stack): number {
  return stack.sim.channelsSnapshot().find((c) => c.login === STREAMER)?.connections ?? 0;
}

async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!run)(
  'invite screen in headless Chromium (Database channel manager, sim OAuth fakes)',
  () => {
    let stack: Stack;
    let browser: Browser;
    let page: Page;
    let seen: { errors: string[] };
    const dir = mkdtempSync(join(tmpdir(), 'tmi-invite-'));

    beforeAll(async () => {
      stack = await startStack({
        sim: {
          channels: [{ login: STREAMER }],
          limits: { enabled: false },
          accounts: [{ login: STREAMER, tokens: ['streameroneirc'], profile: 'normal' }],
        },
        cluster: {
          workers: { min: 1, max: 1 },
          database: { dialect: 'sqlite', filename: join(dir, 'channels.sqlite') },
        },
        // The streamer is also an operator, to drive the operator sign-in with Twitch too.
        twitch: { signedInAs: STREAMER, allowlist: [STREAMER] },
      });
      browser = await launchChromium();
      page = await (await browser.newContext({ viewport: { width: 1000, height: 700 } })).newPage();
      seen = collectErrors(page);
    }, 120_000);

    beforeEach((ctx) => {
      ctx.onTestFailed(async () => {
        if (page !== undefined)
          console.log(`e2e: screenshot of the failure: ${await screenshot(page, 'invite-failed.png')}`);
      });
    });

    afterAll(async () => {
      await browser?.close();
      await stack?.close();
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('signs the streamer in with Twitch and shows the bot', async () => {
      await page.goto(`${stack.web.url}/invite`);
      await page.getByRole('heading', { name: `Invite ${BOT.login}` }).waitFor();
      await page.getByRole('link', { name: 'Sign in with Twitch' }).click();
      // /invite/login → the fake's authorize page (signed in as the streamer) → /invite/callback → /invite
      await textMatching(page.locator('.streamer'), new RegExp(`Signed in as\\s+${STREAMER}`, 'i'));
      expect(new URL(page.url()).pathname).toBe('/invite');
      await textMatching(page.getByTestId('invite-status'), /The bot is not in your chat/);
      expect(inChannel(stack)).toBe(0);
      // The bot's picture is the one Helix answers for it.
      // (An unreachable picture falls back to the initial; it keeps the URL in data-src.)
      const shown = page.getByTestId('bot-avatar');
      const avatar = (await shown.getAttribute('src')) ?? (await shown.getAttribute('data-src'));
      expect(avatar).toBe(stack.sim.accounts.byLogin(BOT.login)?.profileImageUrl);
      await screenshot(page, 'invite-signed-in.png');
    });

    it('authorize → the bot joins the chat within seconds; revoke → it leaves', async () => {
      const t0 = Date.now();
      await page.getByRole('button', { name: 'Add the bot to my chat' }).click();
      await textMatching(page.getByTestId('invite-status'), /The bot is in your chat/, 20_000);
      const joinedMs = Date.now() - t0;
      console.log(`e2e: invite → confirmed in the chat in ${joinedMs} ms`);
      expect(joinedMs).toBeLessThan(15_000);
      await until(() => inChannel(stack) > 0, 'a cluster connection in the streamer channel');
      const authorized = await stack.cluster.ports.channels.authorized([STREAMER]);
      expect(authorized.has(STREAMER)).toBe(true);
      await screenshot(page, 'invite-joined.png');

      await page.getByRole('button', { name: 'Remove the bot' }).click();
      await textMatching(page.getByTestId('invite-status'), /The bot is not in your chat/, 20_000);
      await until(() => inChannel(stack) === 0, 'the cluster to leave the streamer channel');
      expect((await stack.cluster.ports.channels.authorized([STREAMER])).has(STREAMER)).toBe(false);
      await page.getByRole('button', { name: 'Add the bot to my chat' }).waitFor();
      expect(seen.errors).toEqual([]);
    }, 60_000);

    it('signs an allowlisted operator in to the dashboard with Twitch', async () => {
      const context = await browser.newContext();
      try {
        const operator = await context.newPage();
        await operator.goto(`${stack.web.url}/`);
        await operator.getByRole('link', { name: 'Sign in with Twitch' }).click();
        // /auth/twitch → the fake's authorize page → /auth/twitch/callback → / with a session.
        await textMatching(operator.locator('header .user'), new RegExp(STREAMER));
        await operator.getByTestId('status-banner').waitFor();
        const session = await operator.evaluate(async () => (await fetch('/api/auth/session')).json());
        expect(session).toMatchObject({ user: { login: STREAMER, via: 'twitch' } });
      } finally {
        await context.close();
      }
    });

    it('a visitor of /invite without signing in sees no channel names and cannot act', async () => {
      const context = await browser.newContext();
      try {
        const visitor = await context.newPage();
        await visitor.goto(`${stack.web.url}/invite`);
        await visitor.getByRole('link', { name: 'Sign in with Twitch' }).waitFor();
        expect((await visitor.textContent('body')) ?? '').not.toContain(STREAMER);
        const res = await visitor.evaluate(async () => {
          const r = await fetch('/api/invite/authorize', { method: 'POST' });
          return r.status;
        });
        expect(res).toBe(401);
      } finally {
        await context.close();
      }
    });
  },
);

describe.skipIf(!run)('invite screen with the Dummy channel manager', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({
      sim: { channels: 1, limits: { enabled: false } },
      cluster: { workers: { min: 1, max: 1 } },
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it('explains that invites are off and offers no sign-in', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.web.url}/invite`);
    const text = await textMatching(page.getByTestId('invites-disabled'), /Invites are off/);
    expect(text).toMatch(/allows every channel/);
    expect(await page.getByRole('link', { name: 'Sign in with Twitch' }).count()).toBe(0);
    await screenshot(page, 'invite-disabled.png');
  });
});
