/**
 * The fake org's device flow, per Salesforce's "OAuth 2.0 Device Flow for IoT Integration"
 * (https://help.salesforce.com/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_device_flow.htm):
 *
 * - `POST /services/oauth2/token` with `response_type=device_code&client_id=…` answers
 *   `device_code`, `user_code`, `verification_uri` and `interval` (seconds between polls).
 * - The device polls the same endpoint with `grant_type=device&client_id=…&code=<device_code>`:
 *   `authorization_pending` (400) until the user approves, `slow_down` (400) when polled
 *   sooner than `interval` after the previous request, `access_denied` once the user denied,
 *   `expired_token` after 10 minutes on the fake clock, `invalid_grant` for an unknown or
 *   spent code; once approved, the token answer (with a refresh token), one time.
 * - There is no verification page: `POST /__fake/device/approve {user_code}` (or `/deny`)
 *   stands in for the user entering the code in a browser.
 *
 * Polling speed is measured on the wall clock (the fake clock may be frozen).
 */
import { randomBytes } from 'node:crypto';
import type { FakeClock } from './clock';

const DEVICE_TTL_MS = 10 * 60_000;
/** Salesforce's user codes: 8 letters from an unambiguous alphabet. */
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

interface DeviceGrant {
  clientId: string;
  userCode: string;
  expiresAt: number;
  /** Wall clock of the last request about this code. */
  lastPollAt: number;
  decision: 'pending' | 'approved' | 'denied';
  userId: string | null;
}

export type DevicePoll =
  | { kind: 'error'; error: string; description: string }
  | { kind: 'approved'; userId: string };

function userCode(): string {
  const bytes = randomBytes(8);
  return [...bytes].map((b) => USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length]).join('');
}

export class DeviceFlow {
  private readonly byDeviceCode = new Map<string, DeviceGrant>();

  constructor(
    private readonly clock: FakeClock,
    /** Seconds between polls the fake asks for (Salesforce: 5). */
    readonly intervalSeconds: number,
  ) {}

  /** A new device code for `clientId`. */
  start(clientId: string, baseUrl: string): { device_code: string; user_code: string; verification_uri: string; interval: number } {
    const deviceCode = `${randomBytes(32).toString('base64url')}`;
    const code = userCode();
    this.byDeviceCode.set(deviceCode, {
      clientId,
      userCode: code,
      expiresAt: this.clock.now() + DEVICE_TTL_MS,
      lastPollAt: Date.now(),
      decision: 'pending',
      userId: null,
    });
    return { device_code: deviceCode, user_code: code, verification_uri: `${baseUrl}/setup/connect`, interval: this.intervalSeconds };
  }

  /** A poll with `code=<device_code>`. */
  poll(clientId: string, deviceCode: string): DevicePoll {
    const g = this.byDeviceCode.get(deviceCode);
    if (!g || g.clientId !== clientId) return { kind: 'error', error: 'invalid_grant', description: 'invalid device code' };
    if (g.expiresAt <= this.clock.now()) {
      this.byDeviceCode.delete(deviceCode);
      return { kind: 'error', error: 'expired_token', description: 'device code expired' };
    }
    const now = Date.now();
    const tooSoon = now - g.lastPollAt < minPollGapMs(this.intervalSeconds);
    g.lastPollAt = now;
    if (g.decision === 'denied') {
      this.byDeviceCode.delete(deviceCode);
      return { kind: 'error', error: 'access_denied', description: 'end-user denied authorization' };
    }
    if (g.decision === 'approved' && g.userId !== null) {
      this.byDeviceCode.delete(deviceCode); // one token answer per device code
      return { kind: 'approved', userId: g.userId };
    }
    if (tooSoon) return { kind: 'error', error: 'slow_down', description: 'polling too fast' };
    return { kind: 'error', error: 'authorization_pending', description: 'authorization pending' };
  }

  /** The user entered `code` and approved (as `userId`) or denied; false when no pending code matches. */
  decide(code: string, decision: 'approved' | 'denied', userId: string | null): boolean {
    const wanted = code.trim().toUpperCase();
    for (const g of this.byDeviceCode.values()) {
      if (g.userCode === wanted && g.decision === 'pending' && g.expiresAt > this.clock.now()) {
        g.decision = decision;
        g.userId = userId;
        return true;
      }
    }
    return false;
  }
}

/** The shortest gap between polls that is not `slow_down`; timers may fire a few ms early, hence the slack. */
function minPollGapMs(intervalSeconds: number): number {
  return Math.max(0, intervalSeconds * 1000 - 50);
}
