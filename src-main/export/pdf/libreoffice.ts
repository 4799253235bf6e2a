/**
 * PDF from a real rendering engine, headless: LibreOffice converts the .pptx the deck
 * builder wrote (`soffice --headless --convert-to pdf`). Each run gets its own private
 * LibreOffice profile (-env:UserInstallation) so parallel conversions never collide, and
 * the profile is removed afterwards. Several decks convert in one soffice process (its
 * start-up is most of the cost).
 *
 * `soffice` is a launcher that starts `soffice.bin` as its child, so killing the launcher
 * alone leaves the converter running. On POSIX each conversion therefore runs in its own
 * process group, and a timeout, a cancel or this process's exit kills the whole group.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export class PdfEngineMissing extends Error {
  constructor() {
    super(
      'PDF export needs LibreOffice, which is not installed here. Install it (e.g. `apt-get install libreoffice-impress`) or set PARTNERBOOK_SOFFICE to its soffice binary; PowerPoint export works without it.',
    );
    this.name = 'PdfEngineMissing';
  }
}

const CANDIDATES = [
  '/usr/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
];

let cached: string | null | undefined;

/** The soffice binary, or null when LibreOffice is not installed. */
export function findSoffice(): string | null {
  const env = process.env.PARTNERBOOK_SOFFICE;
  if (env !== undefined) return env && existsSync(env) ? env : null;
  if (cached !== undefined) return cached;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['soffice', 'soffice.exe', 'libreoffice']) {
      const p = join(dir, name);
      if (dir && existsSync(p)) return (cached = p);
    }
  }
  return (cached = CANDIDATES.find((p) => existsSync(p)) ?? null);
}

export function pdfEngine(): { available: boolean; engine: string; message: string } {
  const bin = findSoffice();
  return bin
    ? { available: true, engine: `LibreOffice (${bin})`, message: 'PDFs are rendered by LibreOffice from the PowerPoint deck.' }
    : { available: false, engine: 'none', message: new PdfEngineMissing().message };
}

/** Process groups of conversions still running, killed if this process exits first. */
const running = new Set<number>();
let exitHookInstalled = false;

function killTree(pid: number | undefined, fallback: () => void): void {
  if (pid === undefined || process.platform === 'win32') return fallback();
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    fallback();
  }
}

function track(pid: number | undefined): void {
  if (pid === undefined || process.platform === 'win32') return;
  running.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const g of running) killTree(g, () => undefined);
  });
}

export interface ConvertOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Converts `.pptx` files to PDFs in `outDir` (same base names). Returns the PDF paths in
 * input order; throws if LibreOffice is missing, fails, times out, or leaves a PDF out.
 */
export async function convertToPdf(inputs: string[], outDir: string, o: ConvertOptions = {}): Promise<string[]> {
  if (inputs.length === 0) return [];
  const bin = findSoffice();
  if (!bin) throw new PdfEngineMissing();
  mkdirSync(outDir, { recursive: true });
  const profile = join(tmpdir(), `pb-lo-${randomUUID()}`);
  const outputs = inputs.map((p) => join(outDir, `${basename(p, extname(p))}.pdf`));
  for (const out of outputs) rmSync(out, { force: true });
  const args = [
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    '--headless',
    '--invisible',
    '--nologo',
    '--nodefault',
    '--norestore',
    '--nolockcheck',
    '--convert-to',
    'pdf',
    '--outdir',
    outDir,
    ...inputs,
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
      track(child.pid);
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
      child.stdout.resume();
      const kill = () => killTree(child.pid, () => child.kill('SIGKILL'));
      const timer = setTimeout(() => {
        kill();
        reject(new Error(`LibreOffice did not finish converting ${inputs.length} deck(s) in ${Math.round((o.timeoutMs ?? 120_000) / 1000)} s.`));
      }, o.timeoutMs ?? 120_000);
      const onAbort = () => {
        kill();
        reject(new Error('cancelled'));
      };
      o.signal?.addEventListener('abort', onAbort, { once: true });
      child.once('error', (e) => {
        clearTimeout(timer);
        if (child.pid !== undefined) running.delete(child.pid);
        reject(e);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (child.pid !== undefined) running.delete(child.pid);
        o.signal?.removeEventListener('abort', onAbort);
        if (code === 0) resolve();
        else reject(new Error(`LibreOffice exited with code ${code}: ${err.trim() || 'no message'}`));
      });
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const missing = outputs.filter((p) => !existsSync(p) || statSync(p).size === 0);
  if (missing.length) throw new Error(`LibreOffice produced no PDF for ${missing.map((p) => basename(p)).join(', ')}.`);
  return outputs;
}
