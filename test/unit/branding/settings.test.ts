/**
 * The deck look (`branding.get` / `branding.set`) through the real router: what is stored
 * comes back; a bad colour, a colour the title or labels would be unreadable on, or a logo
 * of the wrong type, too heavy or too large is refused with a sentence naming the field
 * (and the file and limit), and nothing is stored.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { getBranding, setBranding } from '../../../src-main/services/branding/service';
import { createSyncService } from '../../../src-main/sync/service';
import { contrast } from '../../../src-shared/domain/branding';
import { DEFAULT_BRANDING, type Branding } from '../../../src-shared/methods/branding';
import { withAppHandlers } from '../../support/api';
import { pngBytes, pngDataUrl } from '../../support/png';

function setup() {
  const db = openDb(':memory:');
  const clock = fixedClock('2026-11-20');
  const events = new EventBus();
  const sync = createSyncService({ db, clock, events, source: () => null });
  const router = createRouter(withAppHandlers(createHandlers({ db, clock, events, sync, dataDir: ':memory:' }), { clock }));
  return { db, router };
}

const ACME: Branding = { companyName: 'Acme Software', logo: { dataUrl: pngDataUrl(120, 40, '0B3D2E', 'FFFFFF'), fileName: 'acme.png' }, primary: '#0B3D2E', accent: '#8E2430', font: 'Calibri' };

type Refusal = { ok: false; error: { code: string; message: string; issues: { path: string; message: string }[] } };

async function refused(router: ReturnType<typeof setup>['router'], settings: unknown): Promise<Refusal['error']> {
  const r = (await router.handle('branding.set', { settings })) as Refusal;
  expect(r.ok).toBe(false);
  expect(r.error.code).toBe('invalid_input');
  return r.error;
}

describe('branding settings', () => {
  it('starts as the Partnerbook look and stores a company look', async () => {
    const { router, db } = setup();
    expect(await router.handle('branding.get', {})).toEqual({ ok: true, value: DEFAULT_BRANDING });
    const r = await router.handle('branding.set', { settings: { ...ACME, primary: '#0b3d2e', companyName: '  Acme Software ' } });
    expect(r.ok).toBe(true);
    expect(getBranding(db)).toEqual(ACME);
    expect(await router.handle('branding.get', {})).toEqual({ ok: true, value: ACME });
  });

  it('refuses a colour that is not a hex colour, naming the field', async () => {
    const { router, db } = setup();
    const e = await refused(router, { ...ACME, primary: 'navy', accent: '#12345' });
    expect(e.issues).toEqual([
      { path: 'settings.primary', message: 'Primary colour must be a hex colour such as #2F5D8A (a # and six digits 0–9 or A–F).' },
      { path: 'settings.accent', message: 'Accent colour must be a hex colour such as #2F5D8A (a # and six digits 0–9 or A–F).' },
    ]);
    expect(getBranding(db)).toEqual(DEFAULT_BRANDING);
  });

  it('refuses colours the white title text or the accent labels would be unreadable on', async () => {
    const { router } = setup();
    expect(contrast('F1C40F', 'FFFFFF')).toBeLessThan(4.5);
    const e = await refused(router, { ...ACME, primary: '#F1C40F', accent: '#7FA7CF' });
    expect(e.issues.map((i) => i.path)).toEqual(['settings.primary', 'settings.accent']);
    expect(e.issues[0]!.message).toMatch(/^Primary colour #F1C40F is too light for the white title text on it \(contrast 1\.[0-9]:1; at least 4\.5:1 is needed\): choose a darker colour\.$/);
    expect(e.issues[1]!.message).toMatch(/^Accent colour #7FA7CF is too light for the labels and headings drawn in it \(contrast [0-9.]+:1 on its pale background/);
    // The default colours pass, and so does a dark enough custom pair.
    expect((await router.handle('branding.set', { settings: { ...DEFAULT_BRANDING } })).ok).toBe(true);
  });

  it('refuses a logo of the wrong type, too heavy, too large in pixels, or not the image it says, naming the file and the limit', async () => {
    const { router, db } = setup();
    const svg = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}`;
    expect((await refused(router, { ...ACME, logo: { dataUrl: svg, fileName: 'mark.svg' } })).issues).toEqual([
      { path: 'settings.logo', message: 'The file mark.svg is not a PNG or JPEG image (image/svg+xml); the logo must be a PNG or JPEG file.' },
    ]);
    const heavy = `data:image/png;base64,${Buffer.concat([pngBytes(20, 20), Buffer.alloc(1024 * 1024)]).toString('base64')}`;
    expect((await refused(router, { ...ACME, logo: { dataUrl: heavy, fileName: 'big.png' } })).issues).toEqual([
      { path: 'settings.logo', message: 'The file big.png is 1.1 MB; the logo can be at most 1.0 MB.' },
    ]);
    expect((await refused(router, { ...ACME, logo: { dataUrl: pngDataUrl(4200, 20), fileName: 'wide.png' } })).issues).toEqual([
      { path: 'settings.logo', message: 'The file wide.png is 4200 × 20 pixels; the logo can be at most 4000 pixels wide and high.' },
    ]);
    const fake = `data:image/jpeg;base64,${pngBytes(40, 40).toString('base64')}`;
    expect((await refused(router, { ...ACME, logo: { dataUrl: fake, fileName: 'logo.jpg' } })).issues).toEqual([
      { path: 'settings.logo', message: 'The file logo.jpg could not be read as a JPEG image; save it again as a PNG or JPEG file.' },
    ]);
    expect(getBranding(db)).toEqual(DEFAULT_BRANDING);
  });

  it('refuses a font outside the list, and the service refuses what the router would', async () => {
    const { router, db } = setup();
    expect((await refused(router, { ...ACME, font: 'Comic Sans MS' })).issues).toEqual([
      { path: 'settings.font', message: 'Font must be one of Arial, Calibri, Segoe UI, Trebuchet MS.' },
    ]);
    expect(() => setBranding(db, { ...ACME, accent: '#FFFF00' })).toThrow(/Accent colour #FFFF00 is too light/);
    expect(getBranding(db)).toEqual(DEFAULT_BRANDING);
  });
});
