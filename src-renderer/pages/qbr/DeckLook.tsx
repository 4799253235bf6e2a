/**
 * The company's deck look (Settings › Deck look) for the in-app slide previews and the
 * print route: CSS variables for the brand colours and font that qbr.css reads (with the
 * Partnerbook look as the fallback) on the element around the slides, the logo bottom
 * right of content slides, and the logo or initials with the company line on the title
 * slide. The slides' own rendering (SlidePreview.tsx) does not change; it only places
 * <DeckBrand /> on the title.
 */
import type { CSSProperties } from 'react';
import deckTheme from '../../../resources/deck/theme.json';
import { brandColours, initials } from '../../../src-shared/domain/branding';
import { BRAND_FONT_CSS, DEFAULT_BRANDING, isDefaultBranding, type Branding } from '../../../src-shared/methods/branding';
import { useQuery } from '../../api/hooks';

/** CSS custom properties for `b` (qbr.css falls back to the Partnerbook colours without them). */
export function deckLookStyle(b: Branding): CSSProperties {
  const c = brandColours(b.primary, b.accent, deckTheme);
  const vars: Record<string, string> = {
    '--deck-primary': `#${c.titleBg}`,
    '--deck-title-muted': `#${c.titleMuted}`,
    '--deck-accent': `#${c.accent}`,
    '--deck-accent-soft': `#${c.accentSoft}`,
    '--deck-accent-tint': `#${c.chart[1]}`,
    '--deck-font': BRAND_FONT_CSS[b.font],
  };
  if (b.logo) vars['--deck-logo'] = `url("${b.logo.dataUrl}")`;
  return vars as CSSProperties;
}

export interface DeckLookProps {
  /** Whether the stored look has loaded (or could not be read: then the default look stands). */
  ready: boolean;
  /** For the element around the slides: `qs-look` (and `has-logo`) and the CSS variables. */
  className: string;
  style: CSSProperties;
}

/** The stored deck look, for the element that holds the slide previews. */
export function useDeckLook(): DeckLookProps & { branding: Branding } {
  const q = useQuery('branding.get', {}, { refreshOn: ['setting'] });
  const b = q.data ?? DEFAULT_BRANDING;
  return { branding: b, ready: !!q.data || !!q.error, className: b.logo ? 'qs-look has-logo' : 'qs-look', style: deckLookStyle(b) };
}

/** The title slide's brand line: the logo on a white plate (or the initials) and the company. */
export function DeckBrand() {
  const { branding: b } = useDeckLook();
  if (isDefaultBranding(b)) return <>PB · Partnerbook QBR prep pack</>;
  const company = b.companyName.trim();
  return (
    <span className="qs-brand-line">
      <span className="qs-brand-plate">{b.logo ? <img src={b.logo.dataUrl} alt={company || 'Logo'} /> : initials(company) || 'PB'}</span>
      {company ? `${company} · Quarterly business review` : 'Partnerbook · QBR prep pack'}
    </span>
  );
}
