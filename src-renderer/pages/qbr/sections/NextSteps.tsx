/** Next steps and asks in the in-app preview (the same section data as the deck’s slide). */
import type { NextStepsData } from '../../../../src-shared/methods/qbr';

export function NextSteps({ d }: { d: NextStepsData }) {
  return (
    <div className="qs-two">
      <div>
        <div className="qs-label">Mutual action plan</div>
        <table className="qs-table">
          <tbody>
            {d.steps.map((st) => (
              <tr key={st.id}>
                <td className="strong">{st.text}</td>
                <td className="qs-muted">{st.owner ?? 'to agree'}</td>
                <td className={st.due ? 'qs-muted' : 'tone-bad'}>{st.dueText ?? 'date to agree'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {d.steps.length === 0 ? <div className="qs-muted">We agree next quarter’s steps together in this meeting: who does what, by when.</div> : null}
      </div>
      <div>
        <div className="qs-label">Next quarter · asks</div>
        <ul className="qs-list">
          {d.asks.map((a) => (
            <li key={a} className="strong">
              {a}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
