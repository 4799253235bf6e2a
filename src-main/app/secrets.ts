/**
 * Secrets at rest in the desktop app: Electron's safeStorage (the OS keychain: Keychain on
 * macOS, DPAPI on Windows, libsecret/kwallet on Linux) encrypts each token before the
 * secret store writes it. Where the platform has no keychain, safeStorage falls back to a
 * hard-coded key ('basic_text') — not real protection — so the app says so plainly where
 * tokens are typed; where it has no encryption at all, tokens are kept like the harness
 * keeps them (a file only the user's account can read), with the same warning.
 */
import { safeStorage } from 'electron';
import type { SecretCipher } from '../workspaces/secrets';

export interface ElectronSecrets {
  cipher: SecretCipher | null;
  warning: string | null;
}

const WEAK =
  'This computer has no keychain Partnerbook can use, so sign-in tokens are kept in a file only your user account can read, not encrypted by the system.';

export function electronSecrets(): ElectronSecrets {
  if (!safeStorage.isEncryptionAvailable()) return { cipher: null, warning: WEAK };
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const cipher: SecretCipher = {
    name: 'safeStorage',
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
  return { cipher, warning: backend === 'basic_text' || backend === 'unknown' ? WEAK : null };
}
