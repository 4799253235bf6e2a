/**
 * App settings in the `setting` table (JSON values), validated on read. Never secrets:
 * tokens live in the secret store (workspaces/secrets.ts).
 */
import type { z } from 'zod';
import type { Db } from './db/connection';

export function readSetting<T>(db: Db, key: string, schema: z.ZodType<T>): T | null {
  const row = db.sqlite.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return null;
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

export function writeSetting(db: Db, key: string, value: unknown): void {
  db.sqlite
    .prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(key, JSON.stringify(value));
}
