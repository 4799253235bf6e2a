/**
 * Initiatives grouped by objective or by status. A row opens into inline fields that
 * save as you leave them; status changes in one click; a form adds new ones.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { INITIATIVE_STATUSES, OWNER_SIDES } from '../../../src-shared/domain/entities';
import { plural } from '../../../src-shared/format';
import { fromMajor, toMajor } from '../../../src-shared/domain/money';
import type { InitiativeRecord, PlanDetail } from '../../../src-shared/methods/plans';
import { describeError, fieldErrors, invoke } from '../../api/client';
import { Chip, EmptyState } from '../../components/ui';
import { LimitCount } from '../../components/LimitCount';
import { LIMITS } from '../../../src-shared/domain/rules';
import { formatDate, humanize } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { ConflictBadge } from './Conflicts';
import { INITIATIVE_TONES } from './planFormat';
import type { PlanEditor } from './usePlanEditor';

type GroupBy = 'objective' | 'status';

export function Initiatives({ d, editor, onChanged }: { d: PlanDetail; editor: PlanEditor; onChanged: () => void }) {
  const money = useMoney();
  const [groupBy, setGroupBy] = useState<GroupBy>('objective');
  const [openId, setOpenId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const objectives = useMemo(() => new Map(d.objectives.map((o) => [o.id, o.title])), [d.objectives]);

  const groups = useMemo(() => {
    const m = new Map<string, { label: string; items: InitiativeRecord[] }>();
    if (groupBy === 'objective') {
      for (const o of d.objectives) m.set(o.id, { label: o.title, items: [] });
      m.set('', { label: 'Not linked to an objective', items: [] });
      for (const i of d.initiatives) m.get(i.objective_id && m.has(i.objective_id) ? i.objective_id : '')!.items.push(i);
    } else {
      for (const s of INITIATIVE_STATUSES) m.set(s, { label: humanize(s), items: [] });
      for (const i of d.initiatives) m.get(i.status)!.items.push(i);
    }
    return [...m.entries()].filter(([, g]) => g.items.length > 0);
  }, [groupBy, d.initiatives, d.objectives]);

  const mdfTotal = d.initiatives.filter((i) => i.status !== 'cancelled').reduce((s, i) => s + i.mdf_investment, 0);

  return (
    <div className="initiatives" data-testid="initiatives">
      <div className="ini-toolbar">
        <div className="seg" role="radiogroup" aria-label="Group initiatives by">
          {(['objective', 'status'] as const).map((g) => (
            <button
              key={g}
              type="button"
              role="radio"
              aria-checked={groupBy === g}
              className={`seg-btn${groupBy === g ? ' is-on' : ''}`}
              onClick={() => setGroupBy(g)}
              data-testid={`group-${g}`}
            >
              By {g}
            </button>
          ))}
        </div>
        <span className="muted ini-sum">
          {plural(d.initiatives.length, 'initiative')} · MDF {money.full(mdfTotal, d.partner.currency)}
        </span>
        <span className="filterbar-spacer" />
        {!d.locked ? (
          <button type="button" className="btn btn-small" onClick={() => setAdding(true)} data-testid="add-initiative">
            + Add initiative
          </button>
        ) : null}
      </div>
      {adding ? <NewInitiative d={d} onDone={(created) => { setAdding(false); if (created) onChanged(); }} /> : null}
      {d.initiatives.length === 0 && !adding ? <EmptyState compact title="No initiatives yet">Initiatives are the work that moves the objectives.</EmptyState> : null}
      {groups.map(([key, g]) => (
        <section key={key} className="ini-group">
          <h3 className="ini-group-title">
            {g.label} <span className="tab-count num">{g.items.length}</span>
          </h3>
          <ul className="ini-list">
            {g.items.map((i) => (
              <InitiativeRow
                key={i.id}
                i={i}
                d={d}
                editor={editor}
                objectiveTitle={i.objective_id ? (objectives.get(i.objective_id) ?? null) : null}
                open={openId === i.id}
                onToggle={() => setOpenId(openId === i.id ? null : i.id)}
                onChanged={onChanged}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function InitiativeRow({
  i,
  d,
  editor,
  objectiveTitle,
  open,
  onToggle,
  onChanged,
}: {
  i: InitiativeRecord;
  d: PlanDetail;
  editor: PlanEditor;
  objectiveTitle: string | null;
  open: boolean;
  onToggle: () => void;
  onChanged: () => void;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const cur = i.currency;
  const money = useMoney();
  const save = async (field: string, after: unknown) => {
    const before = (i as unknown as Record<string, unknown>)[field];
    const res = await editor.save({ entity: 'jbp_initiative', id: i.id, field, before, after, label: `${humanize(field)} of “${i.title}”` });
    setErrors((e) =>
      res.ok ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== field)) : { ...e, [field]: res.error ?? 'Not saved.' },
    );
  };
  const conflict = (field: string): ReactNode => {
    const c = d.conflicts.find((x) => x.record_id === i.id && x.field === field);
    return c ? <ConflictBadge conflict={c} d={d} onResolved={onChanged} /> : null;
  };
  const overdue = i.status !== 'done' && i.status !== 'cancelled' && i.due_date < d.today;
  const pending = i.pending_fields.length > 0;
  return (
    <li className={`ini-row${open ? ' is-open' : ''}${i.status === 'cancelled' ? ' is-cancelled' : ''}`} data-testid="initiative-row" data-id={i.id}>
      <div className="ini-main">
        <select
          className={`ini-status chip-select tone-${INITIATIVE_TONES[i.status]}`}
          value={i.status}
          disabled={d.locked}
          aria-label={`Status of ${i.title}`}
          onChange={(e) => void save('status', e.target.value)}
          data-testid="ini-status"
        >
          {INITIATIVE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </select>
        <button type="button" className="ini-title" onClick={onToggle} aria-expanded={open} title={i.title}>
          {i.title}
          {i.source ? <Chip tone="violet">{i.source.startsWith('qbr:') ? 'From QBR' : 'From action'}</Chip> : null}
        </button>
        {conflict('title')}
        {conflict('status')}
        <span className="ini-owner" title={`${i.owner_side === 'vendor' ? 'Us' : 'Partner'}: ${i.owner_name || 'no owner yet'}`}>
          <span className={`side side-${i.owner_side}`}>{i.owner_side === 'vendor' ? 'Us' : 'Partner'}</span> {i.owner_name || '—'}
        </span>
        <span className={`ini-due num${overdue ? ' warn-text' : ''}`} title={overdue ? 'Past due' : undefined}>
          {formatDate(i.due_date)}
        </span>
        <span className="ini-mdf num">{i.mdf_investment ? money.full(i.mdf_investment, cur) : ''}</span>
        {pending ? <span className="pending-dot" title="Saved here, waiting to sync" /> : <span className="dot-space" />}
      </div>
      {open ? (
        <div className="ini-edit">
          <Field label="Title" error={errors.title}>
            <input className="input" defaultValue={i.title} disabled={d.locked} onBlur={(e) => void save('title', e.target.value.trim())} data-testid="ini-title-input" />
          </Field>
          <Field label="Objective" error={errors.objective_id}>
            <select className="select" value={i.objective_id ?? ''} disabled={d.locked} onChange={(e) => void save('objective_id', e.target.value || null)}>
              <option value="">— none —</option>
              {d.objectives.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.title}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Owner" error={errors.owner_name ?? errors.owner_side}>
            <span className="field-pair">
              <select className="select" value={i.owner_side} disabled={d.locked} onChange={(e) => void save('owner_side', e.target.value)}>
                {OWNER_SIDES.map((s) => (
                  <option key={s} value={s}>
                    {s === 'vendor' ? 'Our side' : 'Partner side'}
                  </option>
                ))}
              </select>
              <input className="input" defaultValue={i.owner_name} disabled={d.locked} onBlur={(e) => void save('owner_name', e.target.value.trim())} aria-label="Owner name" />
            </span>
          </Field>
          <Field label="Due date" error={errors.due_date}>
            <input type="date" className="input" defaultValue={i.due_date} disabled={d.locked} onBlur={(e) => e.target.value && void save('due_date', e.target.value)} />
          </Field>
          <Field label={`MDF investment (${cur})`} error={errors.mdf_investment}>
            <input
              className="input num"
              inputMode="decimal"
              defaultValue={String(toMajor(i.mdf_investment, cur))}
              disabled={d.locked}
              onBlur={(e) => {
                const n = Number(e.target.value.replace(/[,\s$]/g, '') || '0');
                if (!Number.isFinite(n) || n < 0) setErrors((x) => ({ ...x, mdf_investment: 'Enter an amount of zero or more.' }));
                else void save('mdf_investment', fromMajor(n, cur));
              }}
            />
          </Field>
          <Field label="Notes" error={errors.notes} wide>
            <NotesInput notes={i.notes} locked={d.locked} onSave={(v) => void save('notes', v)} />
          </Field>
          <div className="ini-edit-foot">
            {objectiveTitle ? <span className="muted">Moves “{objectiveTitle}”</span> : <span />}
            {!d.locked ? (
              <button
                type="button"
                className="btn btn-small btn-ghost danger-text"
                onClick={() => void invoke('initiatives.delete', { id: i.id }).then(onChanged, (err: unknown) => setErrors({ title: describeError(err) }))}
              >
                Delete initiative
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
    </li>
  );
}

/** The initiative's notes, with their length counter as they near the limit. */
function NotesInput({ notes, locked, onSave }: { notes: string; locked: boolean; onSave: (value: string) => void }) {
  const [draft, setDraft] = useState(notes);
  return (
    <>
      <textarea className="input" rows={2} defaultValue={notes} disabled={locked} onChange={(e) => setDraft(e.target.value)} onBlur={(e) => onSave(e.target.value)} data-testid="ini-notes-input" />
      <LimitCount value={draft} max={LIMITS.initiativeNotes} testId="ini-notes-count" />
    </>
  );
}

export function Field({ label, error, children, wide }: { label: string; error?: string | undefined; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`field${wide ? ' field-wide' : ''}${error ? ' has-error' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}

function NewInitiative({ d, onDone }: { d: PlanDetail; onDone: (created: boolean) => void }) {
  const [title, setTitle] = useState('');
  const [objectiveId, setObjectiveId] = useState('');
  const [side, setSide] = useState<'vendor' | 'partner'>('vendor');
  const [owner, setOwner] = useState(d.actor);
  const [due, setDue] = useState(d.today >= d.period.start && d.today <= d.period.end ? d.today : d.period.end);
  const [mdf, setMdf] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const cur = d.partner.currency;

  const submit = async () => {
    const mdfN = Number(mdf.replace(/[,\s$]/g, '') || '0');
    if (!Number.isFinite(mdfN) || mdfN < 0) return setErrors({ mdf_investment: 'Enter an amount of zero or more.' });
    setBusy(true);
    try {
      await invoke('initiatives.upsert', {
        planId: d.plan.id,
        fields: {
          title,
          objective_id: objectiveId || null,
          owner_side: side,
          owner_name: owner,
          due_date: due,
          mdf_investment: fromMajor(mdfN, cur),
        },
      });
      onDone(true);
    } catch (err) {
      setErrors(fieldErrors(err, 'title'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="ini-new"
      data-testid="new-initiative"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onDone(false)}
    >
      <Field label="Title" error={errors.title} wide>
        <input className="input" value={title} autoFocus onChange={(e) => setTitle(e.target.value)} data-testid="new-ini-title" placeholder="What will be done" />
      </Field>
      <Field label="Objective" error={errors.objective_id}>
        <select className="select" value={objectiveId} onChange={(e) => setObjectiveId(e.target.value)} data-testid="new-ini-objective">
          <option value="">— none —</option>
          {d.objectives.map((o) => (
            <option key={o.id} value={o.id}>
              {o.title}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Owner" error={errors.owner_name}>
        <span className="field-pair">
          <select className="select" value={side} onChange={(e) => setSide(e.target.value as 'vendor' | 'partner')}>
            <option value="vendor">Our side</option>
            <option value="partner">Partner side</option>
          </select>
          <input className="input" value={owner} onChange={(e) => setOwner(e.target.value)} aria-label="Owner name" />
        </span>
      </Field>
      <Field label="Due date" error={errors.due_date}>
        <input type="date" className="input" value={due} onChange={(e) => setDue(e.target.value)} />
      </Field>
      <Field label={`MDF (${cur})`} error={errors.mdf_investment}>
        <input className="input num" value={mdf} inputMode="decimal" placeholder="0" onChange={(e) => setMdf(e.target.value)} />
      </Field>
      <div className="ini-new-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy} data-testid="new-ini-save">
          Add initiative
        </button>
        <button type="button" className="btn btn-small" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
