/**
 * A title slide and a content slide in a draft deck look, drawn to scale (13.33 × 7.5 in
 * slides, positions and type sizes as the deck's masters and frame use them), so the
 * Settings page shows what a deck will look like before it is saved.
 */
import { useMemo, type CSSProperties } from 'react';
import deckTheme from '../../../resources/deck/theme.json';
import { brandColours, checkLogo, fitImage, HEX_COLOUR, initials } from '../../../src-shared/domain/branding';
import { BRAND_FONT_CSS, DEFAULT_BRANDING, type Branding } from '../../../src-shared/methods/branding';

const SLIDE_W = 13.333;
const SLIDE_H = 7.5;
const M = 0.55;

/** The colours the draft gives, with the default for a colour that is not (yet) a hex colour. */
export function draftColours(b: Branding) {
  const ok = (c: string, d: string) => (HEX_COLOUR.test(c) ? c : d);
  return brandColours(ok(b.primary, DEFAULT_BRANDING.primary), ok(b.accent, DEFAULT_BRANDING.accent), deckTheme);
}

export function DeckLookPreview({ branding, width = 300 }: { branding: Branding; width?: number }) {
  const u = width / SLIDE_W; // px per inch
  const px = (inches: number) => `${inches * u}px`;
  const pt = (size: number) => `${(size / 72) * u}px`;
  const c = draftColours(branding);
  const font = BRAND_FONT_CSS[branding.font] ?? BRAND_FONT_CSS.Arial;
  const company = branding.companyName.trim();
  const slide: CSSProperties = { width: px(SLIDE_W), height: px(SLIDE_H), fontFamily: font };
  const box = (x: number, y: number, w: number, h: number): CSSProperties => ({ position: 'absolute', left: px(x), top: px(y), width: px(w), height: px(h) });
  const logo = branding.logo?.dataUrl;
  const fileName = branding.logo?.fileName ?? '';
  // The logo's boxes as the masters size them (its proportions, within 2.4 × 0.42 and 1.2 × 0.32 in).
  const sizes = useMemo(() => {
    const c = logo ? checkLogo(logo, fileName) : null;
    return c?.ok ? { title: fitImage(c.info, 2.4, 0.42), content: fitImage(c.info, 1.2, 0.32) } : null;
  }, [logo, fileName]);
  const plateW = sizes ? sizes.title.w + 0.2 : 0.62;

  return (
    <div className="bl-preview" data-testid="branding-preview">
      <figure className="bl-fig">
        <div className="bl-slide" style={{ ...slide, background: `#${c.titleBg}` }} data-testid="branding-preview-title">
          <div className="bl-plate" style={{ ...box(M, 0.55, plateW, 0.62), borderRadius: px(0.12), color: `#${c.titleBg}`, fontSize: pt(16) }}>
            {logo && sizes ? <img src={logo} alt="" style={{ width: px(sizes.title.w), height: px(sizes.title.h) }} data-testid="branding-preview-logo" /> : company ? initials(company) || 'PB' : 'PB'}
          </div>
          <div style={{ ...box(M + plateW + 0.18, 0.66, 8, 0.4), color: `#${c.titleMuted}`, fontSize: pt(12), lineHeight: px(0.4) }} className="bl-line">
            {company ? `${company} · Quarterly business review` : 'Partnerbook · QBR prep pack'}
          </div>
          <div style={{ ...box(M, 2.9, SLIDE_W - 2 * M, 0.8), color: '#fff', fontSize: pt(40), fontWeight: 700 }} className="bl-line">
            Northwind Systems
          </div>
          <div style={{ ...box(M, 3.9, SLIDE_W - 2 * M, 0.5), color: '#fff', fontSize: pt(22) }} className="bl-line">
            Quarterly business review · Q4 2026
          </div>
          <div style={{ ...box(M, 4.5, SLIDE_W - 2 * M, 0.35), color: `#${c.titleMuted}`, fontSize: pt(14) }} className="bl-line">
            Gold partner · VAR · EMEA
          </div>
          <div style={{ ...box(M, 5.25, 2.2, 0), borderTop: `1px solid #${c.titleMuted}` }} />
          <div style={{ ...box(M, 5.5, SLIDE_W - 2 * M, 0.35), color: '#fff', fontSize: pt(14) }} className="bl-line">
            1 Oct 2026 – 31 Dec 2026
          </div>
        </div>
        <figcaption>Title slide</figcaption>
      </figure>
      <figure className="bl-fig">
        <div className="bl-slide" style={{ ...slide, background: '#fff' }} data-testid="branding-preview-content">
          <div style={{ ...box(0, 0, 0.14, SLIDE_H), background: `#${c.accent}` }} />
          <div style={{ ...box(M, 0.38, 8.4, 0.55), color: '#1F2937', fontSize: pt(26), fontWeight: 700 }} className="bl-line">
            Revenue and pipeline
          </div>
          <div style={{ ...box(M + 8.6, 0.45, SLIDE_W - 2 * M - 8.6, 0.4), color: '#5B6472', fontSize: pt(11), textAlign: 'right' }} className="bl-line">
            Northwind Systems · Q4 2026
          </div>
          <div style={{ ...box(M, 1.08, SLIDE_W - 2 * M, 0), borderTop: '1px solid #E3E7EC' }} />
          <div style={{ ...box(M, 1.35, 6, 0.3), color: `#${c.accent}`, fontSize: pt(10), fontWeight: 700, letterSpacing: '0.04em' }} className="bl-line">
            ARR WON PER QUARTER
          </div>
          {[0.35, 0.5, 0.45, 0.7, 0.62, 0.9].map((v, i) => (
            <div key={i} style={{ ...box(M + 0.3 + i * 1.0, 1.8 + 3.2 * (1 - v), 0.6, 3.2 * v), background: `#${c.chart[i % 2 === 0 ? 0 : 1]}` }} />
          ))}
          <div style={{ ...box(7.1, 1.35, SLIDE_W - M - 7.1, 3.65), background: '#F4F6F9' }} />
          <div style={{ ...box(7.35, 1.55, 4, 0.3), color: `#${c.accent}`, fontSize: pt(10), fontWeight: 700, letterSpacing: '0.04em' }} className="bl-line">
            THREE THINGS TO KNOW
          </div>
          {['$150k ARR won, up 12% on Q3', '$210k of new pipeline', 'Win rate 67% (2 of 3 closed)'].map((t, i) => (
            <div key={t} style={{ ...box(7.35, 2.05 + i * 0.9, SLIDE_W - M - 7.6, 0.7), borderLeft: `${px(0.07)} solid ${i === 2 ? '#B03A2E' : '#1E7A46'}`, paddingLeft: px(0.15), color: '#1F2937', fontSize: pt(16), boxSizing: 'border-box' }} className="bl-line">
              {t}
            </div>
          ))}
          <div style={{ ...box(M, 5.3, SLIDE_W - 2 * M, 0.95), background: `#${c.accentSoft}`, borderLeft: `${px(0.07)} solid #${c.accent}` }}>
            <div style={{ position: 'absolute', left: px(0.25), top: px(0.1), color: `#${c.accent}`, fontSize: pt(10), fontWeight: 700, letterSpacing: '0.04em' }}>CAM COMMENTARY</div>
            <div style={{ position: 'absolute', left: px(0.25), top: px(0.4), color: '#1F2937', fontSize: pt(13) }}>Two new architects certified; the joint campaign starts in January.</div>
          </div>
          <div style={{ ...box(M, SLIDE_H - 0.42, 6, 0.25), color: '#9AA3AF', fontSize: pt(9) }} className="bl-line">
            Source: opportunities
          </div>
          <div style={{ ...box(SLIDE_W - M - (sizes ? sizes.content.w + 0.15 : 0) - 1.2, SLIDE_H - 0.42, 1.2, 0.25), color: '#9AA3AF', fontSize: pt(9), textAlign: 'right' }} className="bl-line">
            4 / 11
          </div>
          {logo && sizes ? (
            <img src={logo} alt="" style={box(SLIDE_W - M - sizes.content.w, SLIDE_H - 0.295 - sizes.content.h / 2, sizes.content.w, sizes.content.h)} />
          ) : null}
        </div>
        <figcaption>Content slide</figcaption>
      </figure>
    </div>
  );
}
