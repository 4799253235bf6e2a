/**
 * Who may call the API over IPC, and which links may leave the app: plain functions
 * (no Electron import), so they are unit-tested; main.ts and window.ts feed them the
 * facts Electron reports.
 */

/** What Electron says about a frame (WebFrameMain): where it is and which document it shows. */
export interface FrameFacts {
  url: string;
  processId: number;
  routingId: number;
  /** False only for a window's top frame. */
  hasParent: boolean;
}

/**
 * Same document: same scheme, host and path (the hash is the renderer's route and the
 * query is ignored). `file:` paths are compared after URL normalization, so
 * `/app/out/renderer/./index.html` and `/app/out/renderer/index.html` match, and a
 * different file in the same folder does not.
 */
export function sameDocument(actual: string, expected: string): boolean {
  let a: URL;
  let e: URL;
  try {
    a = new URL(actual);
    e = new URL(expected);
  } catch {
    return false;
  }
  if (a.protocol !== e.protocol || a.host !== e.host || a.username || a.password) return false;
  const path = (u: URL) => (u.protocol === 'file:' ? u.pathname : u.pathname.replace(/\/index\.html$/, '/'));
  return path(a) === path(e);
}

/**
 * An IPC call is ours when it comes from the top frame of one of our windows (not an
 * iframe, not another window), and that frame shows our renderer's index.html.
 */
export function isTrustedSender(frame: FrameFacts | null | undefined, ourMainFrames: readonly FrameFacts[], rendererUrls: readonly string[]): boolean {
  if (!frame || frame.hasParent) return false;
  const ours = ourMainFrames.some((m) => !m.hasParent && m.processId === frame.processId && m.routingId === frame.routingId);
  return ours && rendererUrls.some((u) => sameDocument(frame.url, u));
}

export type LinkDecision = { open: true; url: string; host: string } | { open: false; reason: string };

const MAX_LINK = 2048;

/**
 * Whether a link may be handed to the system browser: https only, with a host, without
 * credentials in it. The caller still asks the user, showing the host, before opening.
 */
export function externalLink(raw: string): LinkDecision {
  if (raw.length > MAX_LINK) return { open: false, reason: 'the link is too long' };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { open: false, reason: 'not a valid link' };
  }
  if (u.protocol !== 'https:') return { open: false, reason: `only https links open outside the app, not ${u.protocol.replace(/:$/, '')}` };
  if (!u.hostname) return { open: false, reason: 'the link has no host' };
  if (u.username || u.password) return { open: false, reason: 'the link carries a user name or password' };
  return { open: true, url: u.href, host: u.host };
}
