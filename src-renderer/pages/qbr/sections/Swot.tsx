/** SWOT in the in-app preview (the same section data as the deck’s slide). */
import type { SwotData } from '../../../../src-shared/methods/qbr';

export function Swot({ d }: { d: SwotData }) {
  const quads: [string, string[], string][] = [
    ['Strengths', d.strengths, 'good'],
    ['Weaknesses', d.weaknesses, 'bad'],
    ['Opportunities', d.opportunities, 'blue'],
    ['Threats', d.threats, 'amber'],
  ];
  return (
    <div className="qs-swot">
      {quads.map(([name, items, tone]) => (
        <div className={`qs-quad q-${tone}`} key={name}>
          <div className="qs-label">{name}</div>
          {items.length ? (
            <ul className="qs-list">
              {items.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          ) : (
            <div className="qs-muted">Nothing stands out in this quarter’s figures.</div>
          )}
        </div>
      ))}
    </div>
  );
}
