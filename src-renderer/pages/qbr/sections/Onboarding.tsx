/** The onboarding milestones slide in the in-app preview (the same section data as the deck's slide). */
import type { OnboardingData } from '../../../../src-shared/methods/qbr';

export function Onboarding({ d }: { d: OnboardingData }) {
  const tone = d.targetStatus === 'met' ? 'tone-good' : d.targetStatus === 'missed' ? 'tone-bad' : '';
  return (
    <div className="qs-two">
      <div>
        <div className="qs-onb-headline">{d.headline}</div>
        <table className="qs-table" data-testid="qbr-milestones">
          <thead>
            <tr>
              <th>Milestone</th>
              <th>Reached</th>
              <th className="num">After signing</th>
            </tr>
          </thead>
          <tbody>
            {d.milestones.map((m) => (
              <tr key={m.key}>
                <td className="strong">{m.detail ? `${m.label} (${m.detail})` : m.label}</td>
                <td className={m.date ? '' : 'qs-muted'}>{m.dateText}</td>
                <td className={m.date ? 'num' : 'num qs-muted'}>{m.daysFromAgreement === null ? '—' : m.daysFromAgreement === 0 ? 'same day' : `${m.daysFromAgreement} days`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <div className="qs-label">Time to first deal</div>
        <div className={`qs-onb-big ${tone}`}>{d.daysToFirstDeal === null ? `Day ${d.daysInProgram}` : `${d.daysToFirstDeal} days`}</div>
        <div className="qs-onb-block">{d.targetText}</div>
        <div className="qs-label">Certifications</div>
        <div className="qs-muted">{d.certificationsText}</div>
        <ul className="qs-list">
          {d.certifications.map((c) => (
            <li key={c.name}>
              {c.name} · since {c.earnedText}
              {c.people > 1 ? ` · ${c.people} people` : ''}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
