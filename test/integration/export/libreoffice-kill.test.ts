/**
 * A cancelled or timed-out PDF conversion leaves no LibreOffice process behind. `soffice`
 * is a launcher whose child (`soffice.bin`) does the work; killing only the launcher left
 * the child converting, holding a CPU and the profile folder. The stand-in launcher here
 * starts a long-running child the same way and records its pid.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertToPdf } from '../../../src-main/export/pdf/libreoffice';

const posix = process.platform !== 'win32';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed process nobody has reaped yet (a zombie) is dead too.
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) return !/^State:\s+Z/m.test(readFileSync(status, 'utf8'));
  return true;
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe.skipIf(!posix)('LibreOffice conversion ends with every process it started', () => {
  let dir = '';
  let pidFile = '';
  const saved = process.env.PARTNERBOOK_SOFFICE;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pb-lo-kill-'));
    pidFile = join(dir, 'worker.pid');
    const launcher = join(dir, 'soffice');
    writeFileSync(launcher, `#!/bin/sh\nsleep 300 &\necho $! > '${pidFile}'\nwait\n`);
    chmodSync(launcher, 0o755);
    process.env.PARTNERBOOK_SOFFICE = launcher;
    writeFileSync(join(dir, 'deck.pptx'), 'not really a deck');
  });

  afterEach(() => {
    if (saved === undefined) delete process.env.PARTNERBOOK_SOFFICE;
    else process.env.PARTNERBOOK_SOFFICE = saved;
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const workerPid = () => Number(readFileSync(pidFile, 'utf8'));

  it('a cancelled conversion kills the converter the launcher started', async () => {
    const ctl = new AbortController();
    const run = convertToPdf([join(dir, 'deck.pptx')], join(dir, 'out'), { signal: ctl.signal });
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', 'the converter to start');
    expect(alive(workerPid())).toBe(true);
    ctl.abort();
    await expect(run).rejects.toThrow('cancelled');
    await waitFor(() => !alive(workerPid()), 'the converter to end');
  });

  it('a conversion that times out kills the converter too', async () => {
    const run = convertToPdf([join(dir, 'deck.pptx')], join(dir, 'out'), { timeoutMs: 1_500 });
    await expect(run).rejects.toThrow(/did not finish converting 1 deck/);
    await waitFor(() => !alive(workerPid()), 'the converter to end');
  });
});
