/**
 * Protocol v1 (the demo PRM over loopback) against the source conformance suite. The
 * demo PRM serves a small hand-made book so each check pulls in milliseconds; the book has
 * every kind of parent and child the applier orders (user, tier, partner, plan,
 * objectives, initiatives, notes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityName } from '../../src-shared/domain/entities';
import { protocolV1Connector } from '../../src-main/sources/protocol-v1/client';
import { startDemoPrm } from '../../tools/demo-prm/server';
import { PrmStore } from '../../tools/demo-prm/store';
import { seedBase, seedCase } from '../support/tiny-book';
import { runSourceConformance, type EditableField } from './source-conformance';

runSourceConformance({
  name: 'protocol v1 (demo PRM)',
  writable: true,
  async start() {
    const dir = mkdtempSync(join(tmpdir(), 'pb-conformance-'));
    const path = join(dir, 'prm.sqlite');
    const seed = PrmStore.open(path);
    seedBase(seed);
    const cases = ['A', 'B', 'C'].map((p) => seedCase(seed, p, 3));
    seed.close();
    const prm = await startDemoPrm({ storePath: path, token: 'conformance' });
    const store = prm.store;
    // records still present at the source (tests delete some as they go)
    const alive = (entity: EntityName, id: string) => store.get(entity, id) !== null;
    return {
      connector: protocolV1Connector({ url: prm.url, token: 'conformance' }),
      server: {
        rows: (entity) =>
          store
            .dump(entity)
            .map((r) => ({ id: r.id, version: r.version, data: r.data as unknown as Record<string, unknown> }))
            .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
        edit: (entity, id, fields) => void store.patch(entity, id, fields),
        remove: (entity, id) => void store.delete(entity, id),
        expireCursors: () => void store.compact(),
        editableFields: () => {
          const out: EditableField[] = [];
          for (const c of cases) {
            for (const id of c.notes) out.push({ entity: 'note', id, field: 'body' });
            for (const id of c.initiatives) out.push({ entity: 'jbp_initiative', id, field: 'title' });
            for (const id of c.objectives) out.push({ entity: 'jbp_objective', id, field: 'title' });
          }
          return out.filter((f) => alive(f.entity, f.id));
        },
        serverOwnedFields: () => cases.map((c) => ({ entity: 'partner' as const, id: c.partner, field: 'name' })),
      },
      async stop() {
        await prm.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});
