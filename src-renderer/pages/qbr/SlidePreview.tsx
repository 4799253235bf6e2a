/**
 * The in-app preview of a QBR pack: each section rendered as a slide-shaped card from the
 * same pack model the PowerPoint deck is built from, so the numbers match exactly. Each
 * section's own rendering is in sections/ (joined by sections/registry.tsx).
 */
import type { ReactNode } from 'react';
import type { QbrPack, QbrSection, SectionDataMap } from '../../../src-shared/methods/qbr';
import { q } from './sections/parts';
import { SECTION_PREVIEWS, type SectionPreview } from './sections/registry';

function body(s: QbrSection, pack: QbrPack, commitmentsEditor?: ReactNode): ReactNode {
  if (s.status !== 'ok' || s.data === null) return <div className="qs-message">{s.message}</div>;
  const Preview = SECTION_PREVIEWS[s.key] as SectionPreview<typeof s.key>;
  return <Preview d={s.data as SectionDataMap[typeof s.key]} pack={pack} commitmentsEditor={commitmentsEditor} />;
}

export function SlideCard({ section, pack, index, total, commitmentsEditor }: { section: QbrSection; pack: QbrPack; index: number; total: number; commitmentsEditor?: ReactNode }) {
  const commentary = section.commentary;
  if (section.key === 'title') {
    return (
      <div className="qs-slide qs-slide-title" data-testid={`slide-${section.key}`}>
        {body(section, pack)}
      </div>
    );
  }
  return (
    <div className={`qs-slide status-${section.status}`} data-testid={`slide-${section.key}`}>
      <div className="qs-head">
        <h3>{section.title}</h3>
        <span className="qs-muted">
          {pack.partner.name} · {q(pack.quarter, pack.calendar)}
        </span>
      </div>
      <div className="qs-body">{body(section, pack, commitmentsEditor)}</div>
      {commentary.length ? (
        <div className="qs-commentary">
          <div className="qs-label">{[...new Set(commentary.map((n) => n.heading))].join(' · ')}</div>
          {commentary.map((n) => n.text).join('  ·  ')}
        </div>
      ) : null}
      <div className="qs-footer">
        <span />
        <span>
          {index} / {total}
        </span>
      </div>
    </div>
  );
}
