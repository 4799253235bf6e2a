/** Why a replica cannot be opened, in words (src-main/cli/replica.ts `openFailure`): never SQLite's codes. */
import { describe, expect, it } from 'vitest';
import { openFailure } from '../../../src-main/cli/replica';

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('openFailure', () => {
  it.each([
    [sqliteError('SQLITE_CANTOPEN', 'unable to open database file'), '/x/r.sqlite cannot be opened (the system refused to open it); nothing was changed.'],
    [sqliteError('SQLITE_IOERR_READ', 'disk I/O error'), '/x/r.sqlite could not be read or written (the disk reported an error); nothing was changed.'],
    [sqliteError('SQLITE_READONLY', 'attempt to write a readonly database'), '/x/r.sqlite cannot be written here (no permission); nothing was changed.'],
    [sqliteError('SQLITE_FULL', 'database or disk is full'), 'the disk holding /x/r.sqlite is full; nothing was changed.'],
    [Object.assign(new Error("EACCES: permission denied, open '/x/r.sqlite'"), { code: 'EACCES' }), '/x/r.sqlite cannot be written here (no permission); nothing was changed.'],
  ])('%s', (err, start) => {
    const said = openFailure(err, '/x/r.sqlite');
    expect(said?.startsWith(start), said ?? 'null').toBe(true);
    expect(said).not.toMatch(/SQLITE_|EACCES/);
  });

  it('leaves other errors alone', () => {
    expect(openFailure(new Error('something else'), '/x/r.sqlite')).toBeNull();
  });
});
