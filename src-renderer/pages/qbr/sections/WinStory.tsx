/** The win story in the in-app preview (the same section data as the deck’s slide). */
import type { WinStoryData } from '../../../../src-shared/methods/qbr';

export function WinStory({ d }: { d: WinStoryData }) {
  return (
    <div className="qs-two">
      <div>
        <div className="qs-label">Won</div>
        <h4>{d.customer}</h4>
        <div className="qs-kf-value tone-good">{d.amountText}</div>
        <ul className="qs-list">
          <li>
            {d.roleText} deal · closed {d.closedText}
          </li>
          <li>{d.cycleText}</li>
          <li>{d.contextText}</li>
        </ul>
      </div>
      {d.highlights.length ? (
        <div>
          <div className="qs-label">Highlights</div>
          <ul className="qs-list">
            {d.highlights.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
