/**
 * The app's styles come in one sheet, so a bare class that two pages style (`.band-healthy`
 * in the health pages and the QBR preview, `.input` in the plan editor and the Sync page,
 * `.strong`) was styled by whichever page's rules came later in it: a partner's big health
 * score took the QBR preview's text colours, by accident. It is now drawn in its band's
 * text colour on purpose, readable as large text (WCAG AA: contrast at least 3:1).
 */
import { expect, goto, test } from './fixtures';
import type { PartnerRow } from '../../src-shared/methods/partners';

test.use({ viewport: { width: 1440, height: 900 } });

/** Runs in the page: the score's colour, its band's text colour resolved the same way, and the page's background. */
const COLOURS = `(() => {
  const el = document.querySelector('[data-testid=health-score]');
  const probe = document.createElement('span');
  probe.style.color = getComputedStyle(el).getPropertyValue('--band-text').trim();
  el.appendChild(probe);
  let bg = 'rgba(0, 0, 0, 0)';
  for (let a = el; a && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg); a = a.parentElement) bg = getComputedStyle(a).backgroundColor;
  const out = { text: getComputedStyle(el).color, bandText: getComputedStyle(probe).color, background: bg, classes: el.className };
  probe.remove();
  return out;
})()`;

function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

test("a partner's health score is drawn in its band's text colour, readable, in every band", async ({ app, api }) => {
  const partners = await api<PartnerRow[]>('partners.list');
  const checked = new Set<string>();
  // One partner per band (the demo book has all three among its first live partners).
  for (const p of partners.filter((x) => x.status !== 'churned').slice(0, 40)) {
    await goto(app, `/partners/${p.id}/health`);
    await expect(app.getByTestId('health-score')).toBeVisible();
    const c = (await app.evaluate(COLOURS)) as { text: string; bandText: string; background: string; classes: string };
    const band = /band-(\w+)/.exec(c.classes)?.[1] ?? '';
    if (checked.has(band)) continue;
    checked.add(band);
    expect(c.bandText, `${p.name}: band ${band} has a text colour`).toMatch(/^rgb/);
    expect(c.text, `${p.name}: the score's colour in band ${band}`).toBe(c.bandText);
    expect(contrast(c.text, c.background), `${p.name}: contrast of the score (${c.text} on ${c.background})`).toBeGreaterThanOrEqual(3);
    if (checked.size === 3) break;
  }
  expect([...checked].sort()).toEqual(['at_risk', 'healthy', 'watch']);
});

/** Runs in the page: the selects and text areas inside `root` that wear the browser's own look (not the app's `.select` / `.input`). */
const BARE_CONTROLS = (root: string) => `(() => [...document.querySelectorAll('${root} select, ${root} textarea')]
  .filter((el) => el.tagName === 'SELECT' ? getComputedStyle(el).appearance !== 'none' : getComputedStyle(el).borderTopLeftRadius === '0px')
  .map((el) => el.getAttribute('aria-label') || el.getAttribute('data-testid') || el.closest('label')?.textContent?.trim() || el.outerHTML.slice(0, 80)))()`;

test('the QBR page, its batch dialog and Settings use the app’s form controls, not the browser’s', async ({ app }) => {
  await goto(app, '/qbr');
  await expect(app.getByTestId('qbr-quarter')).toBeVisible();
  await expect(app.getByTestId('qbr-attendees-partner')).toBeVisible();
  // The quarter picker and the attendee lists looked like a bare browser form (black border, square corners).
  expect(await app.evaluate(BARE_CONTROLS('[data-testid=page-qbr]'))).toEqual([]);
  await app.getByTestId('qbr-batch-open').click();
  await expect(app.getByTestId('qbr-batch')).toBeVisible();
  expect(await app.evaluate(BARE_CONTROLS('[data-testid=qbr-batch]'))).toEqual([]);
  await app.keyboard.press('Escape');
  await goto(app, '/settings');
  await expect(app.getByTestId('branding-font')).toBeVisible();
  expect(await app.evaluate(BARE_CONTROLS('main'))).toEqual([]);
});

test('a primary button that cannot be used yet reads as unavailable (grey), not as a paler blue one', async ({ app }) => {
  await goto(app, '/qbr');
  await expect(app.getByTestId('qbr-export-pptx')).toBeEnabled();
  // The same button disabled, beside it (as while a pack is still loading): its own styles decide.
  const looks = await app.evaluate<{ on: { bg: string; opacity: string }; off: { bg: string; opacity: string } }>(`(() => {
    const on = document.querySelector('[data-testid=qbr-export-pptx]');
    const off = on.cloneNode(true);
    off.removeAttribute('data-testid');
    off.disabled = true;
    on.after(off);
    const look = (el) => { const c = getComputedStyle(el); return { bg: c.backgroundColor, opacity: c.opacity }; };
    const out = { on: look(on), off: look(off) };
    off.remove();
    return out;
  })()`);
  expect(looks.off.bg).not.toBe(looks.on.bg);
  const [r, g, b] = (looks.off.bg.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  expect(Math.max(r!, g!, b!) - Math.min(r!, g!, b!)).toBeLessThan(12);
  expect(looks.off.opacity).toBe('1');
});
