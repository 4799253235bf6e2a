/** scripts/electron-audit.mjs: fails on HIGH findings and on unparsable input, passes our shell. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const script = resolve(root, 'scripts/electron-audit.mjs');
const temp = mkdtempSync(join(tmpdir(), 'pb-electron-audit-'));

afterAll(() => rmSync(temp, { recursive: true, force: true }));

function audit(...args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

function dir(name: string, files: Record<string, string>): string {
  const d = join(temp, name);
  mkdirSync(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
}

describe('electron-audit', () => {
  it('fails on an insecure BrowserWindow and names the check', () => {
    const d = dir('insecure', {
      'main.ts': [
        "import { app, BrowserWindow } from 'electron';",
        'void app.whenReady().then(() => {',
        '  const win: BrowserWindow = new BrowserWindow({',
        '    webPreferences: { nodeIntegration: true, contextIsolation: false },',
        '  });',
        "  void win.loadURL('https://example.com');",
        '});',
        '',
      ].join('\n'),
    });
    const r = audit(d);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/CONTEXT_ISOLATION_JS_CHECK .*main\.ts:4 /);
  });

  it('reads .cjs/.mjs build output and reports the original path', () => {
    const main = dir('built-main', {
      'index.mjs': [
        "import { BrowserWindow } from 'electron';",
        'export const win = new BrowserWindow({ webPreferences: { contextIsolation: false } });',
        '',
      ].join('\n'),
    });
    const preload = dir('built-preload', { 'index.cjs': "const { contextBridge } = require('electron');\n" });
    const r = audit(main, preload);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/CONTEXT_ISOLATION_JS_CHECK .*built-main\/index\.mjs:2 /);
    expect(r.out).toMatch(/files: 2\)/);
  });

  it('does not count a file it cannot parse as a pass', () => {
    const r = audit(dir('broken', { 'main.ts': 'const x = {{{;\n' }));
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/could not parse .*main\.ts/);
  });

  it('does not count an empty directory as a pass', () => {
    const r = audit(dir('empty', { 'notes.txt': 'nothing to see\n' }));
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/no source file was parsed/);
  });

  it('passes the real Electron shell (src-main/app) with no unreviewed medium finding', () => {
    const r = audit(resolve(root, 'src-main/app'));
    expect(r.out).toMatch(/electronegativity: 0 high, 0 medium \(\d+ reviewed\), \d+ low \(checks: [1-9]\d*, files: [1-9]\d*\)/);
    expect(r.status).toBe(0);
  });

  it('fails on a medium finding nobody reviewed (a window where middle-click opens links)', () => {
    const d = dir('medium', {
      'main.ts': [
        "import { BrowserWindow } from 'electron';",
        'export const win = new BrowserWindow({',
        '  webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: "Something" },',
        '});',
        '',
      ].join('\n'),
    });
    const r = audit(d);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/AUXCLICK_JS_CHECK .*main\.ts:3 /);
    expect(r.out).toMatch(/MEDIUM: fix it, or review it/);
  });

  it('a reviewed finding counts as reviewed only in the file it was reviewed in', () => {
    const d = dir('open-external', {
      'links.ts': ["import { shell } from 'electron';", 'export const open = (u: string) => shell.openExternal(u);', ''].join('\n'),
    });
    const r = audit(d);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/OPEN_EXTERNAL_JS_CHECK .*links\.ts:2 /);
  });
});
