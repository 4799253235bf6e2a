/**
 * One table of the files (a CSV, or a sheet of an .xlsx): what it holds (or "Leave out"),
 * its row filter and line grouping when the mapping has them, and a row per field.
 */
import { useId } from 'react';
import { IMPORT_ENTITIES, IMPORT_ENTITY_LABELS, type FileMapping, type ImportEntity } from '../../../src-shared/domain/import-mapping';
import type { ImportInspection, ImportReport, TablePreview } from '../../../src-shared/methods/import';
import { formatCount } from '../../lib/format';
import { FieldRow } from './FieldRow';
import { RowFilter } from './RowFilter';
import { applyChoice, CERTAIN, fileMappingOf, guessFor, questionFor, startFileMapping, tableLabel, valuesToTranslate, withDateOrder } from './model';

export function TableCard({
  table,
  inspection,
  fm,
  report,
  onChange,
}: {
  table: TablePreview;
  inspection: ImportInspection;
  fm: FileMapping | undefined;
  report: ImportReport | null;
  onChange: (next: FileMapping | null) => void;
}) {
  const id = useId();
  const proposed = fileMappingOf(inspection.mapping, table);
  const tableGuess = inspection.saved ? null : inspection.guesses.find((g) => g.file === table.file && g.sheet === table.sheet);
  const entityUnsure = !!fm && !!tableGuess && tableGuess.entity === fm.entity && tableGuess.confidence < CERTAIN;

  const setEntity = (value: string) => {
    if (!value) return onChange(null);
    const entity = value as ImportEntity;
    onChange(proposed?.entity === entity ? proposed : startFileMapping(table, entity, inspection.fields[entity]));
  };
  const group = fm?.group ?? (proposed?.entity === fm?.entity ? proposed?.group : undefined);

  return (
    <section className={`panel imp-card${fm ? '' : ' is-left-out'}`} aria-labelledby={`${id}-title`} data-testid={`import-table-${table.file}`}>
      <header className="imp-card-head">
        <div className="imp-card-title">
          <h3 id={`${id}-title`}>{tableLabel(table)}</h3>
          <span className="muted">
            {formatCount(table.rows)} rows · {formatCount(table.headers.length)} columns · {table.encoding.toUpperCase()}
          </span>
          {table.encodingNote ? (
            <span className="warn-text imp-encoding-note" data-testid="import-encoding-note">
              {table.encodingNote}
            </span>
          ) : null}
        </div>
        <div className="imp-card-entity">
          <label htmlFor={`${id}-entity`}>Holds</label>
          <select
            id={`${id}-entity`}
            className={`select${fm ? ' is-set' : ''}`}
            value={fm?.entity ?? ''}
            onChange={(e) => setEntity(e.target.value)}
            data-testid="import-entity"
          >
            <option value="">Leave out</option>
            {IMPORT_ENTITIES.map((e) => (
              <option key={e} value={e}>
                {IMPORT_ENTITY_LABELS[e]}
              </option>
            ))}
          </select>
          {entityUnsure && tableGuess ? (
            <span className="chip chip-amber imp-badge" title="Not sure what this file holds: check">
              Check · {Math.round(tableGuess.confidence * 100)}%
            </span>
          ) : null}
        </div>
      </header>

      {!fm ? (
        <p className="imp-card-out muted">This file is left out of the import. Choose what it holds to use it.</p>
      ) : (
        <>
          <div className="imp-card-rules">
            <RowFilter key={fm.entity} idBase={id} table={table} fm={fm} onChange={onChange} />
            {group ? (
              <label className="imp-check">
                <input
                  type="checkbox"
                  checked={!!fm.group}
                  onChange={(e) => onChange(e.target.checked ? { ...fm, group } : { ...fm, group: undefined })}
                  data-testid="import-group"
                />
                Rows with the same {group.by} are lines of one record
                {group.sum.length ? ` (${group.sum.map((s) => inspection.fields[fm.entity].find((f) => f.key === s)?.label.toLowerCase() ?? s).join(', ')} added up)` : ''}
              </label>
            ) : null}
          </div>
          <div className="imp-fields" role="group" aria-label={`Columns of ${tableLabel(table)}`}>
            <div className="imp-field imp-field-head" aria-hidden="true">
              <span>Field</span>
              <span>Column in the file</span>
              <span />
              <span>First row</span>
            </div>
            {inspection.fields[fm.entity].map((field) => (
              <FieldRow
                key={field.key}
                idBase={id}
                table={table}
                field={field}
                mapping={fm.fields[field.key]}
                guess={guessFor(inspection, table, fm.entity, field.key, fm.fields[field.key])}
                question={questionFor(report, table, field.key)}
                onChoose={(choice) => onChange(applyChoice(fm, field.key, choice))}
                onDateOrder={(order) => onChange(withDateOrder(fm, field.key, order))}
                values={valuesToTranslate(report, table, fm.fields[field.key])}
                onMapping={(m) => onChange({ ...fm, fields: { ...fm.fields, [field.key]: m } })}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
