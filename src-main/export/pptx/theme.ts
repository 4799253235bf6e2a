/**
 * The deck theme: resources/deck/theme.json (the Partnerbook look) with the company's
 * branding laid over it — primary colour for the title slide, accent for the bars,
 * labels, callouts and the first chart colours, the font, the company name and logo.
 * Semantic colours (good/bad/warn, ink, lines) never change. The default branding gives
 * exactly theme.json.
 */
import theme from '../../../resources/deck/theme.json';
import { brandColours, checkLogo, initials } from '../../../src-shared/domain/branding';
import type { Branding } from '../../../src-shared/methods/branding';

export type Colors = typeof theme.colors;

export interface DeckTheme {
  /** The company the deck is for ("Partnerbook" when none is set): names the slide masters. */
  name: string;
  /** Initials on the title slide when there is no logo. */
  mark: string;
  tagline: string;
  colors: Colors;
  chart: string[];
  font: string;
  /** pptxgenjs image data (`image/png;base64,…`) and its pixel size. */
  logo: { data: string; width: number; height: number } | null;
}

export const DEFAULT_THEME: DeckTheme = {
  name: theme.brand.name,
  mark: theme.brand.mark,
  tagline: theme.brand.tagline,
  colors: { ...theme.colors },
  chart: [...theme.chart],
  font: theme.font.face,
  logo: null,
};

/** The theme a deck is drawn with for `branding` (the default look without one). */
export function deckTheme(branding: Branding | undefined): DeckTheme {
  if (!branding) return DEFAULT_THEME;
  const { chart, ...brand } = brandColours(branding.primary, branding.accent, theme);
  const colors: Colors = { ...theme.colors, ...brand };
  const company = branding.companyName.trim();
  const check = branding.logo ? checkLogo(branding.logo.dataUrl, branding.logo.fileName) : null;
  return {
    name: company || theme.brand.name,
    mark: company ? initials(company) || theme.brand.mark : theme.brand.mark,
    tagline: company ? 'Quarterly business review' : theme.brand.tagline,
    colors,
    chart,
    font: branding.font,
    logo: branding.logo && check?.ok ? { data: branding.logo.dataUrl.replace(/^data:/, ''), width: check.info.width, height: check.info.height } : null,
  };
}
