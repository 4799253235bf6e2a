import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, waitForSynced } from '../support/harness';

/** The demo book is pinned to this date so every run sees the same book. */
export const E2E_AS_OF = '2026-11-20';

export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pb-e2e-'));
  const h = await startHarness(['--data-dir', dataDir, '--as-of', E2E_AS_OF]);
  await waitForSynced(h);
  process.env.PB_URL = h.url;
  process.env.PB_BASE = h.base;
  process.env.PB_TOKEN = h.token;
  process.env.PB_DATA_DIR = dataDir;
  process.env.PB_HARNESS_PID = String(h.pid);
  writeFileSync(join(dataDir, 'harness.json'), JSON.stringify({ ...h, child: undefined }));
  h.child.unref();
  // Its output goes to a log file rather than nowhere: a harness writing to a closed pipe dies.
  const log = createWriteStream(join(dataDir, 'harness.log'));
  h.child.stdout?.pipe(log);
  h.child.stderr?.pipe(log);
}
