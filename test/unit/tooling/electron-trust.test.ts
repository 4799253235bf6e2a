/**
 * The Electron shell's trust decisions, as plain functions (Electron cannot start here):
 * which IPC sender may call the API (defect 9: any file:// URL could before) and which
 * links may leave the app (any http(s) URL could before).
 */
import { describe, expect, it } from 'vitest';
import { externalLink, isTrustedSender, sameDocument, type FrameFacts } from '../../../src-main/app/trust';

const INDEX = 'file:///opt/Partnerbook/resources/app.asar/out/renderer/index.html';
const main: FrameFacts = { url: `${INDEX}#/portfolio`, processId: 7, routingId: 1, hasParent: false };
const print: FrameFacts = { url: `${INDEX}#/qbr/print?partner=P-1`, processId: 9, routingId: 1, hasParent: false };

describe('isTrustedSender', () => {
  it('trusts the top frame of our windows showing our index.html, whatever the route', () => {
    expect(isTrustedSender(main, [main, print], [INDEX])).toBe(true);
    expect(isTrustedSender(print, [main, print], [INDEX])).toBe(true);
    expect(isTrustedSender({ ...main, url: 'file:///opt/Partnerbook/resources/app.asar/out/renderer/./index.html?x=1' }, [main], [INDEX])).toBe(true);
  });

  it('refuses any other file:// document, even in our window', () => {
    for (const url of [
      'file:///tmp/evil.html',
      'file:///opt/Partnerbook/resources/app.asar/out/renderer/other.html',
      'file:///opt/Partnerbook/resources/app.asar/out/renderer/index.html.evil',
      'file://evil-host/opt/Partnerbook/resources/app.asar/out/renderer/index.html',
      'https://evil.example/index.html',
    ]) {
      expect(isTrustedSender({ ...main, url }, [main], [INDEX]), url).toBe(false);
    }
  });

  it('refuses an iframe, a frame of another window, and no frame at all', () => {
    expect(isTrustedSender({ ...main, routingId: 5, hasParent: true }, [main], [INDEX])).toBe(false);
    expect(isTrustedSender({ ...main, processId: 8 }, [main], [INDEX])).toBe(false);
    expect(isTrustedSender(null, [main], [INDEX])).toBe(false);
    expect(isTrustedSender(main, [], [INDEX])).toBe(false);
  });

  it('accepts the dev server URL only when it is one of the renderer URLs', () => {
    const dev = { ...main, url: 'http://localhost:5173/#/portfolio' };
    expect(isTrustedSender(dev, [dev], [INDEX])).toBe(false);
    expect(isTrustedSender(dev, [dev], [INDEX, 'http://localhost:5173/'])).toBe(true);
    expect(isTrustedSender({ ...dev, url: 'http://localhost:5174/' }, [dev], [INDEX, 'http://localhost:5173/'])).toBe(false);
    expect(sameDocument('http://localhost:5173/index.html', 'http://localhost:5173/')).toBe(true);
    expect(sameDocument('not a url', INDEX)).toBe(false);
  });
});

describe('externalLink', () => {
  it('lets https links out, naming the host for the confirmation', () => {
    expect(externalLink('https://partners.example.com/docs?q=1')).toEqual({ open: true, url: 'https://partners.example.com/docs?q=1', host: 'partners.example.com' });
  });

  it('keeps every other link in', () => {
    for (const url of [
      'http://partners.example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'https://user:secret@partners.example.com/',
      'https://',
      'nonsense',
      `https://example.com/${'a'.repeat(3000)}`,
    ]) {
      expect(externalLink(url).open, url).toBe(false);
    }
  });
});
