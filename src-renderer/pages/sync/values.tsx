/**
 * Showing and typing field values on the Sync page: `<Value>` renders a value readably
 * (long text truncated, full text on hover); `<ValueInput>` is a typed input for a field
 * (number, money in major units, date, a choice for enums, text) over a string draft.
 */
import { useId } from 'react';
import { fromMajor, toMajor } from '../../../src-shared/domain/money';
import { humanize } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { fieldKind, formatValue, validateFieldValue, type FieldKind } from './fields';

const TRUNCATE = 60;

export function Value({
  entity,
  field,
  value,
  currency,
  record,
  names,
  testId,
}: {
  entity: string;
  field: string;
  value: unknown;
  currency?: string;
  /** The record the value belongs to, for context (an objective's metric). */
  record?: Record<string, unknown> | null;
  /** For an id field: the names of the records its ids point at (OutboxEntry.refs). */
  names?: Record<string, string> | undefined;
  testId?: string;
}) {
  const money = useMoney();
  const text = typeof value === 'string' && names?.[value] ? names[value] : formatValue(money, entity, field, value, currency, record);
  const empty = text === '—';
  const long = text.length > TRUNCATE;
  return (
    <span
      className={`sv-value${empty ? ' muted' : ''}${long ? ' is-long' : ''}`}
      title={long ? text : undefined}
      data-testid={testId}
    >
      {long ? `${text.slice(0, TRUNCATE - 1).trimEnd()}…` : text}
    </span>
  );
}

/** The string a typed input starts from for a value. */
export function toDraft(kind: FieldKind, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (kind.kind === 'money' && typeof value === 'number') return String(toMajor(value));
  if (kind.kind === 'ratio' && typeof value === 'number') return String(Math.round(value * 1000) / 10);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Converts a draft back to a value of the field's type, checked against the schema. */
export function fromDraft(
  entity: string,
  field: string,
  kind: FieldKind,
  draft: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const trimmed = draft.trim();
  let value: unknown;
  if (trimmed === '' && kind.kind !== 'text') {
    if (!kind.nullable) return { ok: false, error: 'enter a value' };
    value = null;
  } else if (kind.kind === 'money' || kind.kind === 'number' || kind.kind === 'ratio') {
    const n = Number(trimmed.replace(/[,\s%]/g, ''));
    if (!Number.isFinite(n)) return { ok: false, error: 'enter a number' };
    value = kind.kind === 'money' ? fromMajor(n) : kind.kind === 'ratio' ? n / 100 : n;
    if (kind.kind === 'number' && kind.integer && !Number.isInteger(n)) return { ok: false, error: 'enter a whole number' };
  } else if (kind.kind === 'unknown') {
    try {
      value = JSON.parse(trimmed);
    } catch {
      value = trimmed;
    }
  } else {
    value = kind.kind === 'text' ? draft : trimmed;
    if (kind.kind === 'text' && draft === '' && kind.nullable) value = null;
  }
  const problem = validateFieldValue(entity, field, value);
  return problem ? { ok: false, error: problem } : { ok: true, value };
}

export function ValueInput({
  entity,
  field,
  draft,
  onChange,
  error,
  label,
  currency = 'USD',
  record,
  autoFocus,
  testId,
}: {
  entity: string;
  field: string;
  draft: string;
  onChange: (draft: string) => void;
  error?: string | null;
  label: string;
  currency?: string;
  record?: Record<string, unknown> | null;
  autoFocus?: boolean;
  testId?: string;
}) {
  const kind = fieldKind(entity, field, undefined, record);
  const errId = useId();
  const common = {
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errId : undefined,
    autoFocus,
    'data-testid': testId,
  };
  let input;
  if (kind.kind === 'enum') {
    input = (
      <select className="select sv-input" value={draft} onChange={(e) => onChange(e.target.value)} {...common}>
        {kind.nullable || draft === '' ? <option value="">—</option> : null}
        {kind.options.map((o) => (
          <option key={o} value={o}>
            {humanize(o)}
          </option>
        ))}
      </select>
    );
  } else if (kind.kind === 'text' && kind.long) {
    input = <textarea className="input sv-input sv-textarea" rows={3} value={draft} onChange={(e) => onChange(e.target.value)} {...common} />;
  } else {
    const type = kind.kind === 'date' ? 'date' : kind.kind === 'number' || kind.kind === 'money' || kind.kind === 'ratio' ? 'number' : 'text';
    input = (
      <span className="sv-input-wrap">
        {kind.kind === 'money' ? <span className="sv-affix">{currency}</span> : kind.kind === 'ratio' ? <span className="sv-affix">%</span> : null}
        <input
          className="input sv-input"
          type={type}
          step={kind.kind === 'number' && !kind.integer ? 'any' : kind.kind === 'money' || kind.kind === 'ratio' ? 'any' : undefined}
          inputMode={type === 'number' ? 'decimal' : undefined}
          value={draft}
          onChange={(e) => onChange(e.target.value)}
          {...common}
        />
      </span>
    );
  }
  return (
    <span className="sv-field">
      {input}
      {error ? (
        <span id={errId} className="sv-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
