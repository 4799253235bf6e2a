/**
 * For a choice field (partner type, stage, role …) read from a column: what each value
 * Partnerbook has no word for means ("Specialty Bike Shop" → Reseller), the mapping's
 * `values` map. The values come from the preview's refused rows, so a value shows up here
 * as soon as a row holds it.
 */
import type { ImportField } from '../../../src-shared/domain/import-fields';
import type { FieldMapping } from '../../../src-shared/domain/import-mapping';
import { choiceLabel, withValue } from './model';

const DEFAULT = '\u0000default';

export function ValueMap({
  idBase,
  field,
  mapping,
  values,
  onChange,
}: {
  idBase: string;
  field: ImportField;
  mapping: FieldMapping;
  values: readonly string[];
  onChange: (next: FieldMapping) => void;
}) {
  const map = mapping.values ?? {};
  const current = (raw: string): string => {
    const hit = Object.entries(map).find(([k]) => k.toLowerCase() === raw.toLowerCase());
    if (!hit) return '';
    return hit[1] === null ? DEFAULT : hit[1];
  };
  const open = values.filter((v) => current(v) === '').length;
  return (
    <div className={`imp-values${open ? ' is-open' : ''}`} role="group" aria-label={`${field.label}: what the file’s values mean`} data-testid={`import-values-${field.key}`}>
      <div className="imp-values-head">
        {open
          ? `${open === 1 ? 'One value' : `${open} values`} of ${mapping.column ?? 'this column'} ${open === 1 ? 'is' : 'are'} not a ${field.label.toLowerCase()} Partnerbook knows — say what ${open === 1 ? 'it means' : 'each means'}:`
          : `What the values of ${mapping.column ?? 'this column'} mean:`}
      </div>
      <ul className="imp-values-list">
        {values.map((raw, i) => (
          <li key={raw}>
            <label htmlFor={`${idBase}-${field.key}-v${i}`} className="imp-values-raw" title={raw}>
              {raw}
            </label>
            <span aria-hidden="true" className="muted">
              →
            </span>
            <select
              id={`${idBase}-${field.key}-v${i}`}
              className={`select imp-select${current(raw) ? ' is-set' : ''}`}
              value={current(raw)}
              onChange={(e) => onChange(withValue(mapping, raw, e.target.value === '' ? undefined : e.target.value === DEFAULT ? null : e.target.value))}
              data-testid="import-value-choice"
            >
              <option value="">Choose…</option>
              {(field.options ?? []).map((o) => (
                <option key={o} value={o}>
                  {choiceLabel(o)}
                </option>
              ))}
              <option value={DEFAULT}>{field.fallback ? `The default (${choiceLabel(field.fallback)})` : 'Leave it empty'}</option>
            </select>
          </li>
        ))}
      </ul>
    </div>
  );
}
