/**
 * E2E fixtures: the harness started by global-setup (demo book, synced). `app` is a
 * page already open on the app; `api` calls the same API the UI uses.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { invokeHarness } from '../support/harness';

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

export const test = base.extend<{ app: Page; api: <T>(method: string, input?: unknown) => Promise<T> }>({
  app: async ({ page }, use) => {
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
