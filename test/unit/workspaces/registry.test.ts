import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src-main/base/errors';
import { REGISTRY_FILE, WorkspaceRegistry } from '../../../src-main/workspaces/registry';

const NOW = '2026-11-20T09:00:00Z';
const fresh = () => new WorkspaceRegistry(mkdtempSync(join(tmpdir(), 'pb-reg-')));

describe('workspace registry', () => {
  it('adds workspaces with their own folder, finds them by id or name, and survives a reload', () => {
    const reg = fresh();
    const demo = reg.add({ name: 'Demo book', source: { kind: 'demo', seed: 42, scale: 'small' } }, NOW);
    const acme = reg.add({ name: '  Acme   PRM ', source: { kind: 'protocol-v1', url: 'https://prm.acme.test' } }, NOW);
    expect(demo).toMatchObject({ id: 'demo-book', name: 'Demo book', folder: 'workspaces/demo-book', lastOpenedAt: null });
    expect(acme).toMatchObject({ id: 'acme-prm', name: 'Acme PRM' });
    expect(existsSync(reg.folderPath(demo))).toBe(true);
    expect(reg.replicaPath(acme)).toBe(join(reg.root, 'workspaces', 'acme-prm', 'replica.sqlite'));

    const again = new WorkspaceRegistry(reg.root);
    expect(again.list().map((w) => w.id)).toEqual(['demo-book', 'acme-prm']);
    expect(again.find('ACME prm')?.id).toBe('acme-prm');
    expect(again.find('demo-book')?.name).toBe('Demo book');
    expect(again.find('nope')).toBeNull();
  });

  it('keeps no secret: the file holds the URL but nothing named token', () => {
    const reg = fresh();
    reg.add({ name: 'Acme', source: { kind: 'protocol-v1', url: 'https://prm.acme.test' } }, NOW);
    const text = readFileSync(join(reg.root, REGISTRY_FILE), 'utf8');
    expect(text).toContain('https://prm.acme.test');
    expect(text).not.toMatch(/token/i);
  });

  it('refuses a taken name (any case) and gives a clashing id a suffix', () => {
    const reg = fresh();
    reg.add({ name: 'Acme', source: { kind: 'demo', seed: 1, scale: 'small' } }, NOW);
    expect(() => reg.add({ name: 'ACME', source: { kind: 'demo', seed: 1, scale: 'small' } }, NOW)).toThrow(/^There is already a workspace called 'Acme'\.$/);
    const other = reg.add({ name: 'Acme!', source: { kind: 'demo', seed: 1, scale: 'small' } }, NOW);
    expect(other.id).toBe('acme-2');
    expect(() => reg.update(other.id, { name: 'acme' })).toThrow(ServiceError);
    expect(() => reg.add({ name: '   ', source: { kind: 'demo', seed: 1, scale: 'small' } }, NOW)).toThrow(/^Give the workspace a name\.$/);
  });

  it('tracks the active workspace, renames, and forgets a removed one', () => {
    const reg = fresh();
    const a = reg.add({ name: 'A', source: { kind: 'demo', seed: 1, scale: 'small' } }, NOW);
    const b = reg.add({ name: 'B', source: { kind: 'protocol-v1', url: 'http://127.0.0.1:9' } }, NOW);
    expect(reg.activeId()).toBeNull();
    reg.setActive(b.id);
    expect(reg.activeId()).toBe(b.id);
    expect(reg.update(b.id, { name: 'Bee' }).name).toBe('Bee');
    reg.remove(b.id);
    expect(reg.activeId()).toBeNull();
    expect(reg.list().map((w) => w.id)).toEqual([a.id]);
    expect(() => reg.setActive('missing')).toThrow(/no workspace 'missing'/);
  });

  it('says plainly when the list file is damaged instead of starting over on it', () => {
    const reg = fresh();
    writeFileSync(join(reg.root, REGISTRY_FILE), '{"version":1,"act');
    expect(() => reg.list()).toThrow(/workspace list at .* can't be read/);
  });
});
