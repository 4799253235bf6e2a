import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkspaceRegistry } from '../../../src-main/workspaces/registry';
import {
  createFileSecretStore,
  dataRootSecrets,
  SECRETS_FILE,
  SecretUnavailableError,
  tokenEnvVar,
  tokenKey,
  withEnvOverride,
  type SecretCipher,
} from '../../../src-main/workspaces/secrets';

const root = () => mkdtempSync(join(tmpdir(), 'pb-secrets-'));
const posix = process.platform !== 'win32';

/** A reversible stand-in for safeStorage: the stored text must not contain the secret. */
const rot: SecretCipher = {
  name: 'test-cipher',
  encrypt: (p) => Buffer.from([...Buffer.from(p)].map((b) => b ^ 0x5a)).toString('base64'),
  decrypt: (s) => Buffer.from([...Buffer.from(s, 'base64')].map((b) => b ^ 0x5a)).toString(),
};

describe('file secret store', () => {
  it.runIf(posix)('writes a 0600 file in the data root, outside every workspace folder', () => {
    const dir = root();
    const reg = new WorkspaceRegistry(dir);
    const ws = reg.add({ name: 'Acme', source: { kind: 'protocol-v1', url: 'http://x.test' } }, '2026-01-01T00:00:00Z');
    const store = dataRootSecrets(dir);
    store.set(tokenKey(ws.id), 'tok-123');
    const file = join(dir, SECRETS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    for (const w of reg.list()) expect(relative(reg.folderPath(w), file).startsWith('..')).toBe(true);
    expect(store.get(tokenKey(ws.id))).toBe('tok-123');
    // Rewritten (atomically, by rename) still 0600.
    store.set(tokenKey(ws.id), 'tok-456');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(store.get(tokenKey(ws.id))).toBe('tok-456');
  });

  it.runIf(posix)('tightens a secrets file someone made readable by others', () => {
    const dir = root();
    const store = createFileSecretStore({ path: join(dir, SECRETS_FILE) });
    store.set('token:a', 'x');
    chmodSync(join(dir, SECRETS_FILE), 0o644);
    expect(store.get('token:a')).toBe('x');
    expect(statSync(join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('deletes a secret and keeps the others', () => {
    const store = createFileSecretStore({ path: join(root(), SECRETS_FILE) });
    store.set('token:a', 'one');
    store.set('token:b', 'two');
    store.delete('token:a');
    expect(store.get('token:a')).toBeNull();
    expect(store.get('token:b')).toBe('two');
    store.delete('token:missing');
  });

  it('encrypts with the injected cipher: the file never holds the secret', () => {
    const path = join(root(), SECRETS_FILE);
    const store = createFileSecretStore({ path, cipher: rot });
    store.set('token:a', 'super-secret-token');
    expect(readFileSync(path, 'utf8')).not.toContain('super-secret-token');
    expect(readFileSync(path, 'utf8')).toContain('"cipher":"test-cipher"');
    expect(store.get('token:a')).toBe('super-secret-token');
    expect(store.info()).toMatchObject({ encrypted: true, warning: null });
  });

  it('says plainly when a secret was encrypted by a cipher this process does not have', () => {
    const path = join(root(), SECRETS_FILE);
    createFileSecretStore({ path, cipher: { ...rot, name: 'safeStorage' } }).set('token:a', 'tok');
    const cli = createFileSecretStore({ path });
    expect(() => cli.get('token:a')).toThrow(SecretUnavailableError);
    expect(() => cli.get('token:a')).toThrow(/desktop app's keychain/);
  });

  it('reports a weak storage warning for the UI', () => {
    const store = createFileSecretStore({ path: join(root(), SECRETS_FILE), warning: 'No keychain.' });
    expect(store.info()).toMatchObject({ encrypted: false, warning: 'No keychain.' });
  });

  it('lets an environment variable override a workspace token', () => {
    const path = join(root(), SECRETS_FILE);
    const inner = createFileSecretStore({ path });
    inner.set(tokenKey('acme-prm'), 'stored');
    expect(tokenEnvVar('acme-prm')).toBe('PARTNERBOOK_TOKEN_ACME_PRM');
    const store = withEnvOverride(inner, { PARTNERBOOK_TOKEN_ACME_PRM: 'from-env' });
    expect(store.get(tokenKey('acme-prm'))).toBe('from-env');
    expect(withEnvOverride(inner, {}).get(tokenKey('acme-prm'))).toBe('stored');
  });

  it('refuses a damaged file with a sentence saying what to do', () => {
    const path = join(root(), SECRETS_FILE);
    writeFileSync(path, 'not json', { mode: 0o600 });
    expect(() => createFileSecretStore({ path }).get('token:a')).toThrow(/sign in again/);
  });
});
