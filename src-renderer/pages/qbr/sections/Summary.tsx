/** The executive summary in the in-app preview (the same section data as the deck’s slide). */
import type { SummaryData } from '../../../../src-shared/methods/qbr';
import { toneClass } from './parts';

export function Summary({ d }: { d: SummaryData }) {
  return (
    <div className="qs-summary">
      <div className="qs-health-tile">
        <div className="qs-label">Partner health</div>
        {d.health ? (
          <>
            <div className={`qs-big band-${d.health.band}`}>
              {d.health.score} <small>{d.health.bandLabel}</small>
            </div>
            <div className="qs-muted">
              {d.health.delta === null ? 'new this quarter' : d.health.delta === 0 ? 'same as last quarter' : `${d.health.delta > 0 ? '▲' : '▼'} ${Math.abs(d.health.delta)} since last quarter`}
            </div>
          </>
        ) : (
          <div className="qs-muted">{d.healthMessage}</div>
        )}
      </div>
      <ol className="qs-headlines">
        {d.tierStatus ? <li className={`strong ${toneClass(/requirements met/.test(d.tierStatus) ? 'good' : 'bad')}`}>{d.tierStatus}</li> : null}
        {d.headlines.map((h) => (
          <li key={h.text} className={toneClass(h.tone)}>
            {h.text}
          </li>
        ))}
      </ol>
      <div className="qs-kfs">
        {d.keyFigures.map((k) => (
          <div className="qs-kf" key={k.key}>
            <div className="qs-label">{k.label}</div>
            <div className="qs-kf-value">{k.value}</div>
            <div className="qs-muted">{k.sub}</div>
          </div>
        ))}
      </div>
    </div>
  );
}
