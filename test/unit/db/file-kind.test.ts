/** A file given as a replica that is plainly something else (src-main/db/file-kind.ts). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { foreignFileKind, NotAReplicaError } from '../../../src-main/db/file-kind';

describe('files that are not replicas', () => {
  it('names what the first bytes say the file is', () => {
    expect(foreignFileKind(Buffer.from('id,name\nP-1,Acme\n'))).toBe('a CSV or text file');
    expect(foreignFileKind(Buffer.from([0xff, 0xfe, 0x69, 0x00]))).toBe('a CSV or text file');
    expect(foreignFileKind(Buffer.from('Ünïcödé, naïve\n'))).toBe('a CSV or text file');
    expect(foreignFileKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toBe('an Excel workbook or another ZIP file');
    expect(foreignFileKind(Buffer.from('%PDF-1.7\n'))).toBe('a PDF document');
    // A replica, and what may be a damaged one (zeros, noise), are left to SQLite's own checks.
    expect(foreignFileKind(Buffer.from('SQLite format 3\u0000\u0010\u0000'))).toBeNull();
    expect(foreignFileKind(Buffer.alloc(512))).toBeNull();
    expect(foreignFileKind(Buffer.from([0x00, 0xa5, 0x13, 0x41, 0x42]))).toBeNull();
    expect(foreignFileKind(Buffer.alloc(0))).toBeNull();
  });

  it('openDb refuses a CSV without touching it, and opens an empty file as a new replica', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-file-kind-'));
    const csv = join(dir, 'book.csv');
    writeFileSync(csv, 'id,name\nP-1,Acme\n');
    expect(() => openDb(csv)).toThrow(NotAReplicaError);
    expect(() => openDb(csv, { readonly: true })).toThrow(/is not a Partnerbook replica \(it looks like a CSV or text file\)/);
    expect(readFileSync(csv, 'utf8')).toBe('id,name\nP-1,Acme\n');
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    openDb(empty).close();
  });
});
