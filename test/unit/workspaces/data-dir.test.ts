import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../src-main/cli/workspace-option';

describe('the harness and CLI data folder', () => {
  it('is PARTNERBOOK_DATA_DIR when set, else a per-user folder for the platform', () => {
    expect(defaultDataDir({ PARTNERBOOK_DATA_DIR: '/srv/pb' }, 'linux', '/home/ana')).toBe('/srv/pb');
    expect(defaultDataDir({}, 'linux', '/home/ana')).toBe(join('/home/ana', '.local', 'share', 'partnerbook-cli'));
    expect(defaultDataDir({ XDG_DATA_HOME: '/data/ana' }, 'linux', '/home/ana')).toBe(join('/data/ana', 'partnerbook-cli'));
    expect(defaultDataDir({}, 'darwin', '/Users/ana')).toBe(join('/Users/ana', 'Library', 'Application Support', 'partnerbook-cli'));
    expect(defaultDataDir({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32', 'C:\\Users\\ana')).toBe(join('C:\\Users\\ana\\AppData\\Local', 'partnerbook-cli'));
  });
});
