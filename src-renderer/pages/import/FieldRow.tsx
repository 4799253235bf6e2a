/**
 * One field of a mapped table: its label, the column (or joined columns) that fills it, how
 * sure the proposal was, the value it reads from the first row, and — for a date column
 * that reads both ways — the day/month order.
 */
import type { ImportField } from '../../../src-shared/domain/import-fields';
import type { FieldMapping } from '../../../src-shared/domain/import-mapping';
import type { FieldGuessView, ImportReport, TablePreview } from '../../../src-shared/methods/import';
import { CERTAIN, choiceLabel, choiceOf, choicesFor, sampleOf } from './model';
import { ValueMap } from './ValueMap';

export function ConfidenceBadge({ guess }: { guess: FieldGuessView }) {
  const pct = Math.round(guess.confidence * 100);
  return guess.confidence >= CERTAIN ? (
    <span className="chip chip-green imp-badge" title={`Proposed from the header and the values (${pct}% sure)`}>
      Proposed · {pct}%
    </span>
  ) : (
    <span className="chip chip-amber imp-badge" title={`Only ${pct}% sure: check that this column holds it`} data-testid="import-check">
      Check · {pct}%
    </span>
  );
}

function fallbackText(field: ImportField): string {
  if (!field.fallback) return 'Not filled';
  if (field.fallback === 'none') return 'Left empty';
  return `Default: ${field.kind === 'enum' ? choiceLabel(field.fallback) : field.fallback}`;
}

export function FieldRow({
  idBase,
  table,
  field,
  mapping,
  guess,
  question,
  values,
  onChoose,
  onDateOrder,
  onMapping,
}: {
  idBase: string;
  table: TablePreview;
  field: ImportField;
  mapping: FieldMapping | undefined;
  guess: FieldGuessView | null;
  question: ImportReport['questions'][number] | null;
  /** Values of its column to translate (choice fields). */
  values: readonly string[];
  onChoose: (choice: string) => void;
  onDateOrder: (order: 'dmy' | 'mdy' | null) => void;
  onMapping: (next: FieldMapping) => void;
}) {
  const selectId = `${idBase}-${field.key}`;
  const sample = sampleOf(table, mapping);
  const missingRequired = field.required && !mapping;
  const order = mapping?.dateOrder === 'dmy' || mapping?.dateOrder === 'mdy' ? mapping.dateOrder : '';
  const asksOrder = !!question || order !== '';
  return (
    <div className={`imp-field${missingRequired ? ' is-missing' : ''}`} data-testid={`import-field-${field.key}`}>
      <label className="imp-field-label" htmlFor={selectId}>
        {field.label}
        {field.required ? <span className="imp-required">required</span> : null}
      </label>
      <select
        id={selectId}
        className={`select imp-select${mapping ? ' is-set' : ''}`}
        value={choiceOf(mapping)}
        onChange={(e) => onChoose(e.target.value)}
        aria-invalid={missingRequired || undefined}
        data-testid={`import-column-${field.key}`}
      >
        {choicesFor(table, field, mapping).map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <span className="imp-field-badge">
        {mapping?.values ? (
          <span className="chip chip-blue imp-badge">Values mapped</span>
        ) : guess ? (
          <ConfidenceBadge guess={guess} />
        ) : missingRequired ? (
          <span className="chip chip-red imp-badge">Choose a column</span>
        ) : null}
      </span>
      <span className={`imp-field-sample${mapping && sample !== null ? '' : ' is-empty'}`} title={sample ?? undefined}>
        {mapping ? (sample ?? 'empty in the first row') : fallbackText(field)}
      </span>
      {field.kind === 'enum' && mapping?.column !== undefined && values.length > 0 ? (
        <ValueMap idBase={idBase} field={field} mapping={mapping} values={values} onChange={onMapping} />
      ) : null}
      {asksOrder ? (
        <div className={`imp-date-order${question && !order ? ' is-open' : ''}`}>
          <label htmlFor={`${selectId}-order`}>
            {question
              ? `Dates like ${question.examples
                  .slice(0, 2)
                  .map((x) => `‘${x}’`)
                  .join(', ')} read both ways — ${field.label.toLowerCase()} is written`
              : `${field.label} is written`}
          </label>
          <select
            id={`${selectId}-order`}
            className={`select${order ? ' is-set' : ''}`}
            value={order}
            onChange={(e) => onDateOrder(e.target.value === 'dmy' || e.target.value === 'mdy' ? e.target.value : null)}
            data-testid={`import-date-order-${field.key}`}
          >
            <option value="">Choose…</option>
            <option value="dmy">day/month</option>
            <option value="mdy">month/day</option>
          </select>
        </div>
      ) : null}
    </div>
  );
}
