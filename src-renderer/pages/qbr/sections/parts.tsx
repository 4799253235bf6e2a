/** Pieces the section previews share: quarter labels, tone classes, simple bar charts. */
import type { Tone } from '../../../../src-shared/methods/qbr';
import { quarterText } from '../../../../src-shared/domain/fiscal-text';
import type { FiscalCalendar } from '../../../../src-shared/domain/time';

export const q = (quarter: string, cal?: FiscalCalendar) => quarterText(quarter, cal, 'short');
export const toneClass = (t: Tone) => `tone-${t}`;

export function Bars({ values, labels, format, max }: { values: number[]; labels: string[]; format: (v: number) => string; max?: number }) {
  const top = max ?? Math.max(1, ...values);
  return (
    <div className="qs-bars">
      {values.map((v, i) => (
        <div className="qs-bar-col" key={labels[i]}>
          <div className="qs-bar-val">{format(v)}</div>
          <div className="qs-bar-track">
            <div className="qs-bar" style={{ height: `${Math.max(1, (v / top) * 100)}%` }} />
          </div>
          <div className="qs-bar-label">{labels[i]}</div>
        </div>
      ))}
    </div>
  );
}

export function HBars({ rows, max, format }: { rows: { label: string; value: number }[]; max: number; format: (v: number) => string }) {
  return (
    <div className="qs-hbars">
      {rows.map((r) => (
        <div className="qs-hbar-row" key={r.label}>
          <span className="qs-hbar-label">{r.label}</span>
          <span className="qs-hbar-track">
            <span className="qs-hbar" style={{ width: `${Math.max(1, (r.value / Math.max(1, max)) * 100)}%` }} />
          </span>
          <span className="qs-hbar-val">{format(r.value)}</span>
        </div>
      ))}
    </div>
  );
}
