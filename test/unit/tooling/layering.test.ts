/**
 * The layering rules of docs/ARCHITECTURE.md §2 are enforced by eslint.config.js. These tests lint
 * small snippets under virtual file paths and check that each rule fires on a violation
 * and stays silent on the allowed equivalent.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: resolve(root, 'eslint.config.js') });
});

async function lint(file: string, code: string): Promise<{ rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  if (!result) throw new Error('no lint result');
  return result.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

async function rulesFired(file: string, code: string): Promise<(string | null)[]> {
  return (await lint(file, code)).map((m) => m.rule);
}

describe('src-shared', () => {
  const file = 'src-shared/x.ts';
  it.each([
    ["import fs from 'node:fs';"],
    ["import path from 'path';"],
    ["import { readFile } from 'fs/promises';"],
    ["import { createHash } from 'crypto';"],
    ["import { spawn } from 'child_process';"],
    ["import http from 'http';"],
    ["import os from 'os';"],
    ["import { app } from 'electron';"],
    ["import Database from 'better-sqlite3';"],
    ["import { useState } from 'react';"],
    ["import { openDb } from '../src-main/db/connection';"],
    ["import { App } from '../src-renderer/app/App';"],
  ])('forbids %s', async (importLine) => {
    const rules = await rulesFired(file, `${importLine}\nexport const used = [${importLine.replace(/^import (\{ )?(\w+).*$/, '$2')}];\n`);
    expect(rules).toContain('no-restricted-imports');
  });

  it.each([['window.alert(1);'], ['document.title = "x";'], ['navigator.userAgent;'], ['localStorage.getItem("k");']])(
    'forbids the DOM global in %s',
    async (code) => {
      expect(await rulesFired(file, `export function f() { ${code} }\n`)).toContain('no-restricted-globals');
    },
  );

  it('forbids dynamic imports of node built-ins', async () => {
    expect(await rulesFired(file, "export const load = () => import('node:fs');\n")).toContain('no-restricted-syntax');
  });

  it('allows zod, its own modules and plain ES globals', async () => {
    const code = [
      "import { z } from 'zod';",
      "import { money } from './domain/money';",
      'export const schema = z.object({ at: z.string() });',
      'export const stamp = () => [money, new Date().toISOString(), JSON.stringify({}), globalThis.structuredClone];',
      '',
    ].join('\n');
    expect(await lint(file, code)).toEqual([]);
  });
});

describe('src-renderer', () => {
  const file = 'src-renderer/x.ts';
  it.each([
    ["import { openDb } from '../src-main/db/connection';"],
    ["import { openDb } from '../../src-main/db/connection';"],
    ["import { ipcRenderer } from 'electron';"],
    ["import path from 'node:path';"],
    ["import fs from 'fs';"],
    ["import Database from 'better-sqlite3';"],
  ])('forbids %s', async (importLine) => {
    const rules = await rulesFired(file, `${importLine}\nexport const used = [${importLine.replace(/^import (\{ )?(\w+).*$/, '$2')}];\n`);
    expect(rules).toContain('no-restricted-imports');
  });

  it('allows React, src-shared and DOM globals', async () => {
    const code = [
      "import { useState } from 'react';",
      "import { EVENT_NAMES } from '../src-shared/api';",
      'export function useThing() {',
      '  const [v] = useState(() => window.localStorage.getItem(EVENT_NAMES[0] ?? "k"));',
      '  return [v, document.title];',
      '}',
      '',
    ].join('\n');
    expect(await lint(file, code)).toEqual([]);
  });

  it('applies the react-hooks rules', async () => {
    const code = [
      "import { useState } from 'react';",
      'export function useThing(flag: boolean) {',
      '  if (flag) {',
      '    const [v] = useState(0);',
      '    return v;',
      '  }',
      '  return 0;',
      '}',
      '',
    ].join('\n');
    expect(await rulesFired('src-renderer/hooks.ts', code)).toContain('react-hooks/rules-of-hooks');
  });
});

describe('src-main', () => {
  it('forbids electron outside src-main/app', async () => {
    const code = "import { app } from 'electron';\nexport const v = app;\n";
    expect(await rulesFired('src-main/services/x.ts', code)).toContain('no-restricted-imports');
    expect(await rulesFired('src-main/db/x.ts', code)).toContain('no-restricted-imports');
    expect(await rulesFired('src-main/services/y.ts', "export const load = () => import('electron');\n")).toContain(
      'no-restricted-syntax',
    );
  });

  it('allows electron in src-main/app', async () => {
    const code = "import { app } from 'electron';\nimport { join } from 'node:path';\nexport const v = [app, join];\n";
    expect(await lint('src-main/app/x.ts', code)).toEqual([]);
  });

  it('allows node built-ins and the database outside src-main/app', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import Database from 'better-sqlite3';",
      "import { parse } from '../../src-shared/api';",
      'export const v = [readFileSync, Database, parse];',
      '',
    ].join('\n');
    expect(await lint('src-main/services/x.ts', code)).toEqual([]);
  });
});

describe('everywhere', () => {
  it('makes no-explicit-any an error', async () => {
    const [result] = await eslint.lintText('export const f = (x: any) => x;\n', {
      filePath: resolve(root, 'src-main/services/any.ts'),
    });
    const m = result?.messages.find((msg) => msg.ruleId === '@typescript-eslint/no-explicit-any');
    expect(m?.severity).toBe(2);
  });

  it('ignores build output', async () => {
    expect(await eslint.isPathIgnored(resolve(root, 'out/main/index.js'))).toBe(true);
    expect(await eslint.isPathIgnored(resolve(root, 'dist/x.js'))).toBe(true);
    expect(await eslint.isPathIgnored(resolve(root, 'playwright-report/x.js'))).toBe(true);
    expect(await eslint.isPathIgnored(resolve(root, 'test-results/x.js'))).toBe(true);
  });
});

describe('layers inside src-main', () => {
  const importOf = (spec: string) => `import { x } from '${spec}';\nexport const v = x;\n`;
  it.each([
    ['src-main/services/plans/x.ts', '../../api/router'],
    ['src-main/services/x.ts', '../core'],
    ['src-main/sync/x.ts', '../services/partners'],
    ['src-main/sync/x.ts', '../api/router'],
    ['src-main/sources/protocol-v1/x.ts', '../../sync/apply'],
    ['src-main/db/x.ts', '../services/partners'],
    ['src-main/base/x.ts', '../db/connection'],
    ['src-main/export/pptx/x.ts', '../../services/qbr/pack'],
    ['src-main/api/x.ts', '../web/server'],
  ])('%s may not import %s', async (file, spec) => {
    expect(await rulesFired(file, importOf(spec))).toContain('no-restricted-imports');
  });

  it.each([
    ['src-main/services/plans/x.ts', '../../base/errors'],
    ['src-main/services/x.ts', '../sync/edits'],
    ['src-main/sync/x.ts', '../sources/protocol-v1/client'],
    ['src-main/api/areas/x.ts', '../../services/partners'],
    ['src-main/services/x.ts', '../../src-shared/api'],
    ['src-main/cli/x.ts', '../core'],
  ])('%s may import %s', async (file, spec) => {
    expect(await lint(file, importOf(spec))).toEqual([]);
  });
});

describe('developer tools are not product code', () => {
  it.each([
    ['src-main/core.ts', '../tools/demo-prm/server'],
    ['src-main/sync/x.ts', '../../tools/demo-prm/index'],
    ['src-renderer/app/x.ts', '../../tools/demo-prm/generator'],
    ['src-shared/domain/x.ts', '../../tools/demo-prm/store'],
  ])('%s may not import %s', async (file, spec) => {
    expect(await rulesFired(file, `import { x } from '${spec}';\nexport const v = x;\n`)).toContain('no-restricted-imports');
  });

  it('tools may use product code', async () => {
    expect(await lint('tools/demo-prm/x.ts', "import { x } from '../../src-shared/domain/protocol';\nexport const v = x;\n")).toEqual([]);
  });
});

describe('developer tools are not loaded dynamically either', () => {
  it.each([
    ['src-main/cli.ts', "export const load = () => import('../tools/demo-prm/cli');\n"],
    ['src-main/services/x.ts', "export const load = () => import('../../tools/demo-prm/server');\n"],
    ['src-renderer/app/x.ts', "export const load = () => import('../../tools/demo-prm/generator');\n"],
    ['src-shared/x.ts', "export const load = () => import('../tools/demo-prm/store');\n"],
  ])('%s', async (file, code) => {
    expect(await rulesFired(file, code)).toContain('no-restricted-syntax');
  });
});
