/**
 * The deck look ("branding" setting): company name, logo, primary and accent colours and
 * the font the QBR decks are written in, applied through the decks' slide masters
 * (src-main/export/pptx/masters.ts). The default is the Partnerbook look the decks had
 * before the setting existed.
 */
import { z } from 'zod';
import { accentContrastProblem, checkLogo, HEX_COLOUR, primaryContrastProblem } from '../domain/branding';
import { method } from './define';

/**
 * Fonts on a typical Windows or Mac machine whose widths are within the metrics the deck
 * fits its text by (DejaVu Sans, which LibreOffice draws all of them in where they are
 * absent): text fitted for one of these never overflows in another. Serif faces such as
 * Georgia are wider and are not offered.
 */
export const BRAND_FONTS = ['Arial', 'Calibri', 'Segoe UI', 'Trebuchet MS'] as const;
export type BrandFont = (typeof BRAND_FONTS)[number];

/** How the app's own pages draw each font (with the metric-compatible free faces). */
export const BRAND_FONT_CSS: Record<BrandFont, string> = {
  Arial: "Arial, 'Liberation Sans', Helvetica, 'DejaVu Sans', sans-serif",
  Calibri: "Calibri, Carlito, 'Segoe UI', 'DejaVu Sans', sans-serif",
  'Segoe UI': "'Segoe UI', 'Selawik', system-ui, 'DejaVu Sans', sans-serif",
  'Trebuchet MS': "'Trebuchet MS', 'DejaVu Sans', sans-serif",
};

export const COMPANY_NAME_MAX = 60;

const colour = (label: string) =>
  z.string().refine((v) => HEX_COLOUR.test(v), { message: `${label} must be a hex colour such as #2F5D8A (a # and six digits 0–9 or A–F).` });

export const brandLogoSchema = z
  .object({
    /** `data:image/png;base64,…` or `data:image/jpeg;base64,…`. */
    dataUrl: z.string(),
    fileName: z.string().max(255, { message: 'The logo file name can be at most 255 characters.' }),
  })
  .strict();
export type BrandLogo = z.infer<typeof brandLogoSchema>;

export const brandingSchema = z
  .object({
    companyName: z.string().max(COMPANY_NAME_MAX, { message: `Company name can be at most ${COMPANY_NAME_MAX} characters.` }),
    logo: brandLogoSchema.nullable(),
    primary: colour('Primary colour'),
    accent: colour('Accent colour'),
    font: z.enum(BRAND_FONTS, { message: `Font must be one of ${BRAND_FONTS.join(', ')}.` }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (HEX_COLOUR.test(b.primary)) {
      const p = primaryContrastProblem(b.primary);
      if (p) ctx.addIssue({ code: 'custom', path: ['primary'], message: p });
    }
    if (HEX_COLOUR.test(b.accent)) {
      const p = accentContrastProblem(b.accent);
      if (p) ctx.addIssue({ code: 'custom', path: ['accent'], message: p });
    }
    if (b.logo) {
      const c = checkLogo(b.logo.dataUrl, b.logo.fileName);
      if (!c.ok) ctx.addIssue({ code: 'custom', path: ['logo'], message: c.message });
    }
  });
export type Branding = z.infer<typeof brandingSchema>;

/** Today's Partnerbook look (resources/deck/theme.json): no company, no logo. */
export const DEFAULT_BRANDING: Branding = { companyName: '', logo: null, primary: '#17324F', accent: '#2F5D8A', font: 'Arial' };

/** Whether `b` is the default look (the decks then carry the Partnerbook mark). */
export const isDefaultBranding = (b: Branding): boolean =>
  b.companyName.trim() === '' &&
  b.logo === null &&
  b.primary.toUpperCase() === DEFAULT_BRANDING.primary &&
  b.accent.toUpperCase() === DEFAULT_BRANDING.accent &&
  b.font === DEFAULT_BRANDING.font;

export const brandingMethods = {
  'branding.get': method<Branding>()(z.object({}).strict()),
  /** Stores the look for this workspace's decks; refused with a sentence per field when unreadable or too large. */
  'branding.set': method<Branding>()(z.object({ settings: brandingSchema }).strict()),
};
