/**
 * The objectives grid: inline editing with spreadsheet keys (arrows move, Enter or typing
 * edits, Enter/Tab commit, Esc cancels, Alt+↑/↓ reorders), computed actual / % to target /
 * pace / status per row, the weights' sum, per-field pending and conflict marks.
 */
import { LIMITS } from '../../../src-shared/domain/rules';
import { LimitCount } from '../../components/LimitCount';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { JBP_METRICS } from '../../../src-shared/domain/entities';
import { METRICS } from '../../../src-shared/domain/plans';
import type { ObjectiveView, PlanDetail } from '../../../src-shared/methods/plans';
import { describeError, invoke } from '../../api/client';
import { ConflictBadge } from './Conflicts';
import { CellDisplay, type ColKey } from './ObjectiveCells';
import { metricInputText, parseMetricInput } from './planFormat';
import type { PlanEditor } from './usePlanEditor';
import { quarterChoiceText } from '../../../src-shared/domain/fiscal-text';

interface Col {
  key: ColKey;
  label: string;
  num?: boolean;
  /** The stored field this column edits, when editable for this row. */
  field: (o: ObjectiveView) => string | null;
}

const COLS: Col[] = [
  { key: 'title', label: 'Objective', field: () => 'title' },
  { key: 'metric', label: 'Metric', field: () => 'metric' },
  { key: 'baseline', label: 'Baseline', num: true, field: (o) => (o.metric === 'custom' ? 'baseline' : null) },
  { key: 'target', label: 'Target', num: true, field: () => 'target' },
  { key: 'due_quarter', label: 'Due', field: () => 'due_quarter' },
  { key: 'weight', label: 'Weight', num: true, field: () => 'weight' },
  { key: 'actual', label: 'Actual', num: true, field: (o) => (o.metric === 'custom' ? 'custom_actual' : null) },
  { key: 'pct', label: '% to target', field: () => null },
  { key: 'status', label: 'Pace', field: () => null },
];

interface Props {
  d: PlanDetail;
  editor: PlanEditor;
  onChanged: () => void;
  /** The book's first sync is still bringing it in: linked figures wait. */
  arriving: boolean;
}

export function ObjectivesGrid({ d, editor, onChanged, arriving }: Props) {
  const rows = d.objectives;
  const cur = d.partner.currency;
  const [active, setActive] = useState<{ r: number; c: number }>({ r: 0, c: 0 });
  const [editing, setEditing] = useState<{ r: number; c: number; text: string } | null>(null);
  const [error, setError] = useState<{ id: string; field: string; message: string } | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const inputRef = useRef<HTMLInputElement | HTMLSelectElement | null>(null);

  const focusCell = (r: number, c: number) => {
    const rr = Math.max(0, Math.min(rows.length - 1, r));
    const cc = Math.max(0, Math.min(COLS.length - 1, c));
    setActive({ r: rr, c: cc });
    requestAnimationFrame(() => tableRef.current?.querySelector<HTMLElement>(`[data-cell="${rr}:${cc}"]`)?.focus());
  };

  useEffect(() => {
    if (editing) inputRef.current?.focus();
  }, [editing]);

  const startEdit = (r: number, c: number, initial?: string) => {
    const o = rows[r];
    const col = COLS[c];
    if (!o || !col || d.locked) return;
    const field = col.field(o);
    if (!field) return;
    const current = (o as unknown as Record<string, unknown>)[field];
    let text: string;
    if (field === 'target' || field === 'baseline' || field === 'custom_actual') text = metricInputText(o.metric, current as number | null, cur);
    else text = current == null ? '' : String(current);
    setEditing({ r, c, text: initial ?? text });
    setError(null);
  };

  const busy = useRef(false);
  const commit = async (move: 'down' | 'right' | 'left' | 'stay'): Promise<void> => {
    if (!editing || busy.current) return;
    busy.current = true;
    try {
      await commitNow(move, editing);
    } finally {
      busy.current = false;
    }
  };

  const commitNow = async (move: 'down' | 'right' | 'left' | 'stay', editing: { r: number; c: number; text: string }): Promise<void> => {
    const o = rows[editing.r]!;
    const col = COLS[editing.c]!;
    const field = col.field(o)!;
    const before = (o as unknown as Record<string, unknown>)[field];
    let value: unknown = editing.text;
    if (field === 'target' || field === 'baseline' || field === 'custom_actual') {
      if (field === 'custom_actual' && !editing.text.trim()) value = null;
      else {
        const parsed = parseMetricInput(o.metric, editing.text, cur);
        if ('error' in parsed) {
          setError({ id: o.id, field, message: parsed.error });
          return;
        }
        value = parsed.value;
      }
    } else if (field === 'weight') {
      const n = Number(editing.text.trim().replace(/%$/, ''));
      if (!editing.text.trim() || !Number.isFinite(n)) {
        setError({ id: o.id, field, message: 'The weight must be a whole number from 0 to 100.' });
        return;
      }
      value = n;
    } else if (field === 'title') value = editing.text.trim();
    const res = await editor.save({ entity: 'jbp_objective', id: o.id, field, before, after: value, label: `${col.label} of “${o.title}”` });
    if (!res.ok) {
      setError({ id: o.id, field, message: res.error ?? 'Not saved.' });
      return;
    }
    setEditing(null);
    setError(null);
    const { r, c } = editing;
    if (move === 'down') focusCell(r + 1 < rows.length ? r + 1 : r, c);
    else if (move === 'right') focusCell(r, c + 1);
    else if (move === 'left') focusCell(r, c - 1);
    else focusCell(r, c);
  };

  const cancel = () => {
    if (!editing) return;
    const { r, c } = editing;
    setEditing(null);
    setError(null);
    focusCell(r, c);
  };

  const reorder = async (r: number, by: -1 | 1) => {
    const to = r + by;
    if (d.locked || to < 0 || to >= rows.length) return;
    const ids = rows.map((o) => o.id);
    [ids[r], ids[to]] = [ids[to]!, ids[r]!];
    await invoke('objectives.reorder', { planId: d.plan.id, ids });
    onChanged();
    focusCell(to, active.c);
  };

  const remove = async (r: number) => {
    const o = rows[r];
    if (!o || d.locked) return;
    if (!window.confirm(`Delete the objective “${o.title}”? Its initiatives stay, unlinked.`)) return;
    try {
      await invoke('objectives.delete', { id: o.id });
    } catch (err) {
      setError({ id: o.id, field: 'title', message: describeError(err) });
    }
    onChanged();
    focusCell(Math.min(r, rows.length - 2), active.c);
  };

  const onCellKey = (e: KeyboardEvent<HTMLTableCellElement>, r: number, c: number) => {
    if (editing) return;
    if ((e.ctrlKey || e.metaKey) && (e.key === 'Delete' || e.key === 'Backspace')) {
      e.preventDefault();
      void remove(r);
      return;
    }
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      void reorder(r, e.key === 'ArrowUp' ? -1 : 1);
      return;
    }
    switch (e.key) {
      case 'ArrowUp':
        e.preventDefault();
        return focusCell(r - 1, c);
      case 'ArrowDown':
        e.preventDefault();
        return focusCell(r + 1, c);
      case 'ArrowLeft':
        e.preventDefault();
        return focusCell(r, c - 1);
      case 'ArrowRight':
        e.preventDefault();
        return focusCell(r, c + 1);
      case 'Home':
        e.preventDefault();
        return focusCell(r, 0);
      case 'End':
        e.preventDefault();
        return focusCell(r, COLS.length - 1);
      case 'Tab':
        if (e.shiftKey ? c > 0 : c < COLS.length - 1) {
          e.preventDefault();
          focusCell(r, c + (e.shiftKey ? -1 : 1));
        }
        return;
      case 'Enter':
      case 'F2':
        e.preventDefault();
        return startEdit(r, c);
      default:
        if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && COLS[c]!.key !== 'metric' && COLS[c]!.key !== 'due_quarter') {
          const field = COLS[c]!.field(rows[r]!);
          if (field) {
            e.preventDefault();
            startEdit(r, c, e.key);
          }
        }
    }
  };

  const onEditorKey = (e: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void commit('down');
    } else if (e.key === 'Tab') {
      e.preventDefault();
      void commit(e.shiftKey ? 'left' : 'right');
    }
  };

  const renderEditor = (o: ObjectiveView, col: Col): ReactNode => {
    const field = col.field(o)!;
    const common = {
      className: 'cell-input',
      'aria-label': `${col.label} of ${o.title}`,
      'data-testid': `obj-input-${field}`,
      onKeyDown: onEditorKey,
      onBlur: () => void commit('stay'),
    };
    if (field === 'metric') {
      return (
        <select
          {...common}
          ref={(el) => {
            inputRef.current = el;
          }}
          value={editing!.text}
          onChange={(e) => setEditing({ ...editing!, text: e.target.value })}
        >
          {JBP_METRICS.map((m) => (
            <option key={m} value={m}>
              {METRICS[m].label}
            </option>
          ))}
        </select>
      );
    }
    if (field === 'due_quarter') {
      return (
        <select
          {...common}
          ref={(el) => {
            inputRef.current = el;
          }}
          value={editing!.text}
          onChange={(e) => setEditing({ ...editing!, text: e.target.value })}
        >
          {[...new Set([...d.period.quarters, editing!.text])].map((q) => (
            <option key={q} value={q}>
              {/^\d{4}-Q[1-4]$/.test(q) ? quarterChoiceText(q, d.calendar) : q}
            </option>
          ))}
        </select>
      );
    }
    const input = (
      <input
        {...common}
        ref={(el) => {
          inputRef.current = el;
        }}
        value={editing!.text}
        inputMode={col.num ? 'decimal' : undefined}
        onChange={(e) => setEditing({ ...editing!, text: e.target.value })}
        aria-invalid={error?.id === o.id && error.field === field ? true : undefined}
      />
    );
    const limit = field === 'title' ? LIMITS.objectiveTitle : field === 'unit' ? LIMITS.objectiveUnit : null;
    if (limit === null) return input;
    return (
      <span className="cell-limit">
        {input}
        <LimitCount value={editing!.text} max={limit} className="is-pinned" testId={`obj-count-${field}`} />
      </span>
    );
  };

  const conflictsFor = (id: string, field: string | null) => (field ? d.conflicts.filter((x) => x.record_id === id && x.field === field) : []);

  return (
    <div className="obj-grid-wrap">
      <table className="obj-grid" ref={tableRef} role="grid" aria-label="Objectives" data-testid="objectives-grid">
        <thead>
          <tr>
            {COLS.map((c) => (
              <th key={c.key} className={c.num ? 'num' : undefined} scope="col">
                {c.label}
              </th>
            ))}
            <th className="col-actions" aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {rows.map((o, r) => (
            <tr key={o.id} data-testid="objective-row" data-id={o.id}>
              {COLS.map((col, c) => {
                const field = col.field(o);
                const isEditing = editing?.r === r && editing.c === c;
                const isActive = active.r === r && active.c === c;
                // a row created here and not yet on the server is marked once, on its title
                const isNew = o.version === 0;
                const pending = isNew ? col.key === 'title' : field ? o.pending_fields.includes(field) : false;
                const conflicts = conflictsFor(o.id, field);
                const err = error && error.id === o.id && error.field === field ? error.message : null;
                return (
                  <td
                    key={col.key}
                    data-cell={`${r}:${c}`}
                    data-col={col.key}
                    tabIndex={isActive && !isEditing ? 0 : -1}
                    role="gridcell"
                    aria-readonly={!field || d.locked}
                    className={[
                      col.num ? 'num' : '',
                      field && !d.locked ? 'is-editable' : '',
                      isActive ? 'is-active' : '',
                      isEditing ? 'is-editing' : '',
                      conflicts.length ? 'has-conflict' : '',
                      `col-${col.key}`,
                    ].join(' ')}
                    onKeyDown={(e) => onCellKey(e, r, c)}
                    onClick={() => setActive({ r, c })}
                    onDoubleClick={() => startEdit(r, c)}
                  >
                    <div className="cell-box">
                      {isEditing ? renderEditor(o, col) : <CellDisplay o={o} col={col.key} d={d} arriving={arriving} />}
                      {pending && !isEditing ? (
                        <span className="pending-dot" title={isNew ? 'New objective, saved here, waiting to sync' : 'Saved here, waiting to sync'} />
                      ) : null}
                      {conflicts.length ? <ConflictBadge conflict={conflicts[0]!} d={d} onResolved={onChanged} /> : null}
                    </div>
                    {err ? (
                      <div className="cell-error" role="alert" data-testid="cell-error">
                        {err}
                      </div>
                    ) : null}
                  </td>
                );
              })}
              <td className="col-actions">
                {!d.locked ? (
                  <button
                    type="button"
                    className="row-delete"
                    tabIndex={-1}
                    title="Delete this objective (Ctrl/⌘+Delete)"
                    aria-label={`Delete objective ${o.title}`}
                    onClick={() => void remove(r)}
                    data-testid="objective-delete"
                  >
                    ×
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={5} className="grid-keys muted">
              {d.locked ? 'Signed plans are read-only.' : 'Arrows move · Enter or type to edit · Enter/Tab save · Esc cancels · Alt+↑/↓ reorders'}
            </td>
            <td className={`num weight-sum ${d.weights.ok ? '' : 'is-off'}`} data-testid="weight-sum" title="Weights should add up to 100">
              Σ {d.weights.sum}
            </td>
            <td colSpan={4} className="muted weight-note">
              {d.weights.ok ? 'Weights add up to 100' : `Weights add up to ${d.weights.sum}, not 100`}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
