/** The pipeline reviewed deal by deal in the in-app preview (the same section data as the deck’s slide). */
import type { DealsData } from '../../../../src-shared/methods/qbr';

export function Deals({ d }: { d: DealsData }) {
  const tiles: [string, string, string][] = [
    ['Open pipeline', d.openText, `${d.openCount} open`],
    ['Weighted pipeline', d.weightedText, 'by stage'],
    ['Average deal', d.averageDealText, d.averageDealBasis],
    ['Cycle time', d.cycleText, d.cycleBasis],
  ];
  return (
    <>
      <div className="qs-kfs">
        {tiles.map(([name, value, sub]) => (
          <div className="qs-kf" key={name}>
            <div className="qs-label">{name}</div>
            <div className="qs-kf-value">{value}</div>
            <div className="qs-muted">{sub}</div>
          </div>
        ))}
      </div>
      <table className="qs-table">
        <thead>
          <tr>
            <th className="qs-give">Customer</th>
            <th className="num">Amount</th>
            <th>Stage</th>
            <th className="num">Close date</th>
            <th className="qs-give">Next step</th>
            <th>Owner</th>
            <th>Flag</th>
          </tr>
        </thead>
        <tbody>
          {d.deals.map((x) => (
            <tr key={x.id}>
              <td className="strong qs-give" title={x.customer}>
                {x.customer}
              </td>
              <td className="num strong">{x.amountText}</td>
              <td className="qs-muted">{x.stageText}</td>
              <td className="num qs-muted">{x.dateText}</td>
              <td className="qs-give" title={x.nextStep}>
                {x.nextStep}
              </td>
              <td className="qs-muted">{x.owner}</td>
              <td className={x.staleText ? 'strong tone-bad' : 'tone-good'}>{x.staleText ?? 'Moving'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="qs-foot">
        {d.weightsText}
        {d.moreCount > 0 ? ` ${d.moreCount} more open later.` : ''}
      </div>
    </>
  );
}
