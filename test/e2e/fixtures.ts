/**
 * E2E fixtures: the harness started by global-setup (demo book, synced). `app` is a
 * page already open on the app; `api` calls the same API the UI uses.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { invokeHarness } from '../support/harness';
import { activeWorkspace, harnessSource } from '../support/workspace';

export interface Harness {
  url: string;
  base: string;
  token: string;
  dataDir: string;
}

export function harness(): Harness {
  const url = process.env.PB_URL;
  if (!url) throw new Error('PB_URL is not set: run through playwright.config.ts (global-setup starts the harness)');
  return { url, base: process.env.PB_BASE!, token: process.env.PB_TOKEN!, dataDir: process.env.PB_DATA_DIR! };
}

/** The embedded demo PRM the harness syncs with (its address from app.info, its token from the secret store). */
export function demoPrm(): Promise<{ url: string; token: string }> {
  return harnessSource(harness());
}

/** The replica file of the workspace the harness has open. */
export function harnessReplica(): string {
  return activeWorkspace(harness().dataDir).replica;
}

/**
 * Every test starts from the same footing, whatever the one before it did: no injected
 * faults on the demo PRM, a completed sync (so earlier edits are on the server), and the
 * demo CAM confirmed as the signed-in user, looking at all partners (identity.spec.ts
 * starts from the unanswered question and the default scope instead).
 */
async function settle(): Promise<void> {
  const prm = await demoPrm();
  await fetch(new URL('/admin/faults', prm.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${prm.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ latency: 0, failEvery: 0, dropEvery: 0, truncateEvery: 0, rateLimit: 0 }),
  });
  for (let i = 0; i < 20; i++) {
    const res = await invokeHarness<{ ok: boolean }>(harness(), 'sync.run').catch(() => ({ ok: false }));
    if (res.ok) {
      await invokeHarness(harness(), 'identity.confirm');
      await invokeHarness(harness(), 'scope.set', { scope: 'all' });
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the harness could not complete a sync before the test');
}

export const test = base.extend<{ app: Page; api: <T>(method: string, input?: unknown) => Promise<T> }>({
  app: async ({ page }, use) => {
    await settle();
    await page.goto(harness().url);
    await use(page);
  },
  // eslint-disable-next-line no-empty-pattern
  api: async ({}, use) => {
    await use(<T,>(method: string, input: unknown = {}) => invokeHarness<T>(harness(), method, input));
  },
});

/** Navigates within the app by hash route, keeping the session token. */
export async function goto(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);
}

export { expect };
