/**
 * Secrets (PRM tokens today, OAuth refresh tokens next) live here and nowhere else: never
 * in a replica, never in workspaces.json or any settings file.
 *
 * - The file store keeps them in `<data root>/secrets.json`, outside every workspace
 *   folder, written atomically with mode 0600 (only the user's account can read it; a
 *   wider mode found on start is tightened).
 * - A cipher encrypts each value before it is written. The Electron shell plugs in
 *   `safeStorage` (the OS keychain); the harness and CLI have none, so their values rely on
 *   the 0600 mode alone. A value written with a cipher this process does not have (a
 *   token the desktop app encrypted, read by the CLI) is a plain error, not garbage.
 * - An environment variable overrides a workspace's token in any shell:
 *   `PARTNERBOOK_TOKEN_<ID>` (the workspace id in capitals, `-` as `_`).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

export const SECRETS_FILE = 'secrets.json';

/** Encrypts secrets at rest (Electron: safeStorage). Values are base64 text. */
export interface SecretCipher {
  /** Recorded with each value, e.g. 'safeStorage'. */
  readonly name: string;
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}

/** How secrets are kept here, for the UI: whether they are encrypted, and a warning when that is weak. */
export interface SecretStorageInfo {
  /** The file (or 'environment' when only env variables are used). */
  where: string;
  encrypted: boolean;
  /** One plain sentence the UI shows where a token is entered; null when all is well. */
  warning: string | null;
}

export interface SecretStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  info(): SecretStorageInfo;
}

/** A secret that exists but can't be read here (wrong cipher, damaged file). */
export class SecretUnavailableError extends Error {
  override readonly name = 'SecretUnavailableError';
}

/** The key a workspace's source token is stored under. */
export function tokenKey(workspaceId: string): string {
  return `token:${workspaceId}`;
}

/** The environment variable that overrides a workspace's token. */
export function tokenEnvVar(workspaceId: string): string {
  return `PARTNERBOOK_TOKEN_${workspaceId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

const fileSchema = z.object({
  version: z.literal(1),
  entries: z.record(z.string(), z.object({ cipher: z.string(), value: z.string() })),
});
type SecretsFile = z.infer<typeof fileSchema>;

export interface FileSecretStoreOptions {
  /** The secrets file, normally `<data root>/secrets.json`. */
  path: string;
  /** Encrypts values at rest; none in the harness and CLI. */
  cipher?: SecretCipher | null;
  /** Shown with `info()` (e.g. the platform offers only plain-text "encryption"). */
  warning?: string | null;
}

const isPosix = process.platform !== 'win32';

export function createFileSecretStore(opts: FileSecretStoreOptions): SecretStore {
  const { path } = opts;
  const cipher = opts.cipher ?? null;

  function read(): SecretsFile {
    if (!existsSync(path)) return { version: 1, entries: {} };
    if (isPosix && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    let parsed: ReturnType<typeof fileSchema.safeParse>;
    try {
      parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    } catch {
      throw new SecretUnavailableError(`The secrets file ${path} can't be read; sign in again to replace it.`);
    }
    if (!parsed.success) throw new SecretUnavailableError(`The secrets file ${path} is not in the expected format; sign in again to replace it.`);
    return parsed.data;
  }

  function write(file: SecretsFile): void {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = join(dirname(path), `.${SECRETS_FILE}.${randomBytes(4).toString('hex')}.tmp`);
    writeFileSync(tmp, `${JSON.stringify(file)}\n`, { mode: 0o600 });
    if (isPosix) chmodSync(tmp, 0o600);
    try {
      renameSync(tmp, path);
    } catch (err) {
      unlinkSync(tmp);
      throw err;
    }
  }

  return {
    get(key) {
      const entry = read().entries[key];
      if (!entry) return null;
      if (entry.cipher === 'none') return entry.value;
      if (!cipher || cipher.name !== entry.cipher) {
        throw new SecretUnavailableError(
          entry.cipher === 'safeStorage'
            ? 'This sign-in is locked in the desktop app\'s keychain and can\'t be read here; sign in again here, or set the token in an environment variable.'
            : `This sign-in was stored with '${entry.cipher}', which is not available here; sign in again.`,
        );
      }
      try {
        return cipher.decrypt(entry.value);
      } catch {
        throw new SecretUnavailableError('This sign-in can\'t be decrypted any more (the keychain changed); sign in again.');
      }
    },
    set(key, value) {
      const file = read();
      file.entries[key] = cipher ? { cipher: cipher.name, value: cipher.encrypt(value) } : { cipher: 'none', value };
      write(file);
    },
    delete(key) {
      if (!existsSync(path)) return;
      const file = read();
      if (!(key in file.entries)) return;
      write({ ...file, entries: Object.fromEntries(Object.entries(file.entries).filter(([k]) => k !== key)) });
    },
    info() {
      return { where: path, encrypted: cipher !== null, warning: opts.warning ?? null };
    },
  };
}

/**
 * Tokens from the environment take precedence over stored ones (`PARTNERBOOK_TOKEN_<ID>`).
 * Writes still go to the inner store.
 */
export function withEnvOverride(inner: SecretStore, env: NodeJS.ProcessEnv = process.env): SecretStore {
  return {
    get(key) {
      if (key.startsWith('token:')) {
        const v = env[tokenEnvVar(key.slice('token:'.length))];
        if (v) return v;
      }
      return inner.get(key);
    },
    set: (key, value) => inner.set(key, value),
    delete: (key) => inner.delete(key),
    info: () => inner.info(),
  };
}

/** The secret store of a data root: `secrets.json` beside the workspace list, environment variables first. */
export function dataRootSecrets(dataDir: string, cipher?: SecretCipher | null, warning?: string | null): SecretStore {
  return withEnvOverride(createFileSecretStore({ path: join(dataDir, SECRETS_FILE), cipher, warning }));
}
