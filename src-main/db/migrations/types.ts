import type Database from 'better-sqlite3';

/** A forward-only migration: frozen SQL, applied once, in order, inside a transaction. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
