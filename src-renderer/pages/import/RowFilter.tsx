/**
 * "Only rows where <column> is <value>": the mapping's `where` for a file that holds more
 * than the import wants (a staff list of which only the sales people own partners).
 */
import { useState } from 'react';
import type { FileMapping } from '../../../src-shared/domain/import-mapping';
import type { TablePreview } from '../../../src-shared/methods/import';

function without(fm: FileMapping): FileMapping {
  const next = { ...fm };
  delete next.where;
  return next;
}

export function RowFilter({ idBase, table, fm, onChange }: { idBase: string; table: TablePreview; fm: FileMapping; onChange: (next: FileMapping) => void }) {
  const [on, setOn] = useState(!!fm.where);
  const [column, setColumn] = useState(fm.where?.column ?? '');
  const [text, setText] = useState(fm.where?.in.join(', ') ?? '');

  const apply = (nextOn: boolean, nextColumn: string, nextText: string) => {
    const values = nextText
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    onChange(nextOn && nextColumn && values.length ? { ...fm, where: { column: nextColumn, in: values } } : without(fm));
  };
  const col = table.headers.indexOf(column);
  const seen = col < 0 ? [] : [...new Set(table.sample.map((r) => r[col]).filter((v): v is string => !!v))];

  return (
    <div className="imp-filter" data-testid="import-filter">
      <label className="imp-check">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => {
            setOn(e.target.checked);
            apply(e.target.checked, column, text);
          }}
          data-testid="import-filter-on"
        />
        {on ? 'Only rows where' : 'Only some rows…'}
      </label>
      {on ? (
        <>
          <select
            className={`select${column ? ' is-set' : ''}`}
            aria-label="Column to filter on"
            value={column}
            onChange={(e) => {
              setColumn(e.target.value);
              apply(on, e.target.value, text);
            }}
            data-testid="import-filter-column"
          >
            <option value="">Choose a column…</option>
            {table.headers.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
          <label htmlFor={`${idBase}-filter-value`}>is</label>
          <input
            id={`${idBase}-filter-value`}
            className="input imp-filter-value"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              apply(on, column, e.target.value);
            }}
            placeholder={seen[0] ?? 'a value'}
            list={`${idBase}-filter-seen`}
            aria-describedby={`${idBase}-filter-hint`}
            data-testid="import-filter-value"
          />
          <datalist id={`${idBase}-filter-seen`}>
            {seen.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
          <span className="imp-rule-hint" id={`${idBase}-filter-hint`}>
            Several values: separate them with commas.
          </span>
        </>
      ) : null}
    </div>
  );
}
