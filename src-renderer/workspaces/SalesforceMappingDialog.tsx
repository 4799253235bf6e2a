/**
 * "Salesforce mapping…" for a Salesforce workspace: what Partnerbook reads from the org —
 * which Accounts are partners, which Lead record types are deal registrations, how the
 * org's stage names and opportunity partner roles map to the book's, and the custom
 * objects with certifications and PSAT answers (none: those facts show as "no data").
 * Save stores it for the workspace (salesforce.mapping.set) and, for the open workspace,
 * the next sync fetches the book again; "Reset to defaults" fills in the standard mapping.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useId, useState, type FormEvent } from 'react';
import { OPPORTUNITY_STAGES } from '../../src-shared/domain/entities';
import type { SalesforceMapping } from '../../src-shared/domain/salesforce-mapping';
import type { SalesforceMappingView } from '../../src-shared/methods/salesforce-mapping';
import type { WorkspaceInfo } from '../../src-shared/methods/workspaces';
import { describeError, invoke } from '../api/client';
import { invalidate, useQuery } from '../api/hooks';
import { Modal } from '../components/Dialogs';
import { CustomObjectFields, type ObjectForm } from './SalesforceMappingObjects';
import './salesforce-mapping.css';

type Role = 'influenced' | 'co_sell' | 'marketplace';
const ROLE_WORDS: Record<Role, string> = { influenced: 'Influenced', co_sell: 'Co-sell', marketplace: 'Marketplace' };
const STAGE_WORDS = (s: string) => s.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

interface Row<V> {
  key: string;
  value: V;
}

/** The form's state: text as typed, turned into a mapping on Save. */
interface Form {
  partnerField: string;
  partnerValue: string;
  recordTypes: string;
  amountField: string;
  expiresAfterDays: string;
  stages: Row<(typeof OPPORTUNITY_STAGES)[number]>[];
  roles: Row<Role>[];
  otherRoles: Role | 'none';
  certification: ObjectForm | null;
  psat: ObjectForm | null;
  about?: string;
}

function toForm(m: SalesforceMapping): Form {
  return {
    partnerField: m.partnerFilter.field,
    partnerValue: String(m.partnerFilter.equals),
    recordTypes: m.dealRegistrations.recordTypes.join(', '),
    amountField: m.dealRegistrations.amountField ?? '',
    expiresAfterDays: String(m.dealRegistrations.expiresAfterDays),
    stages: Object.entries(m.stages).map(([key, value]) => ({ key, value })),
    roles: Object.entries(m.partnerRoles).map(([key, value]) => ({ key, value })),
    otherRoles: m.otherRoles ?? 'none',
    certification: m.certification ? { ...m.certification } : null,
    psat: m.psat ? { ...m.psat, contactField: m.psat.contactField ?? '', commentField: m.psat.commentField ?? '' } : null,
    about: m.about,
  };
}

/** "true"/"false" are the checkbox values, digits a number, anything else a picklist or text value. */
function literal(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

function toMapping(f: Form): SalesforceMapping {
  const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);
  return {
    version: 1,
    ...(f.about ? { about: f.about } : {}),
    partnerFilter: { field: f.partnerField.trim(), equals: literal(f.partnerValue) },
    dealRegistrations: {
      recordTypes: f.recordTypes
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      amountField: orNull(f.amountField),
      expiresAfterDays: Number(f.expiresAfterDays.trim() || 'NaN'),
    },
    stages: Object.fromEntries(f.stages.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value])),
    partnerRoles: Object.fromEntries(f.roles.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value])),
    otherRoles: f.otherRoles === 'none' ? null : f.otherRoles,
    certification: f.certification
      ? {
          object: f.certification.object.trim(),
          partnerField: f.certification.partnerField.trim(),
          contactField: (f.certification.contactField ?? '').trim(),
          nameField: (f.certification.nameField ?? '').trim(),
          earnedField: (f.certification.earnedField ?? '').trim(),
          expiresField: (f.certification.expiresField ?? '').trim(),
        }
      : null,
    psat: f.psat
      ? {
          object: f.psat.object.trim(),
          partnerField: f.psat.partnerField.trim(),
          contactField: orNull(f.psat.contactField),
          scoreField: (f.psat.scoreField ?? '').trim(),
          commentField: orNull(f.psat.commentField),
          dateField: (f.psat.dateField ?? '').trim(),
        }
      : null,
  };
}

export function SalesforceMappingDialog({ ws, open, onOpenChange }: { ws: WorkspaceInfo; open: boolean; onOpenChange: (open: boolean) => void }) {
  const view = useQuery('salesforce.mapping.get', { workspaceId: ws.id }, { enabled: open });
  if (!open) return null;
  // Keyed: the form starts from the stored mapping once it has arrived.
  return <MappingModal key={view.data ? 'ready' : 'loading'} ws={ws} view={view.data ?? null} loadError={view.error ?? null} onOpenChange={onOpenChange} />;
}

function MappingModal({
  ws,
  view,
  loadError,
  onOpenChange,
}: {
  ws: WorkspaceInfo;
  view: SalesforceMappingView | null;
  loadError: unknown;
  onOpenChange: (open: boolean) => void;
}) {
  const id = useId();
  const [form, setForm] = useState<Form | null>(() => (view ? toForm(view.mapping) : null));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const set = (patch: Partial<Form>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setError(null);
  };

  const save = (e?: FormEvent) => {
    e?.preventDefault();
    if (!form) return;
    setBusy(true);
    setError(null);
    invoke('salesforce.mapping.set', { workspaceId: ws.id, mapping: toMapping(form) }).then(
      () => {
        setBusy(false);
        invalidate('salesforce.mapping.get');
        invalidate('workspaces.list');
        onOpenChange(false);
      },
      (err: unknown) => {
        setBusy(false);
        setError(describeError(err));
      },
    );
  };

  const f = form;
  return (
    <Modal
      open
      onOpenChange={onOpenChange}
      title={`Salesforce mapping — ${ws.name}`}
      description="What Partnerbook reads from your org. Saving fetches the whole book again with the new mapping; edits waiting to be sent are kept."
      testId="salesforce-mapping-dialog"
      wide
      footer={
        <div className="sfm-foot">
          {error ? (
            <p className="ws-form-error sfm-error" role="alert" data-testid="sfm-error">
              {error}
            </p>
          ) : null}
          <button
            type="button"
            className="btn"
            disabled={!view || busy}
            onClick={() => {
              if (view) set(toForm(view.defaults));
            }}
            data-testid="sfm-reset"
          >
            Reset to defaults
          </button>
          <span className="sfm-foot-gap" />
          <Dialog.Close asChild>
            <button type="button" className="btn" disabled={busy}>
              Cancel
            </button>
          </Dialog.Close>
          <button type="submit" form={`${id}-form`} className="btn btn-primary" disabled={!f || busy} data-testid="sfm-save">
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      }
    >
      {!f ? (
        <p className="ws-field-hint">{loadError ? describeError(loadError) : 'Loading…'}</p>
      ) : (
        <form id={`${id}-form`} className="sfm-form" onSubmit={save} noValidate>
          <fieldset className="sfm-section">
            <legend>Partners</legend>
            <p className="ws-field-hint">The Accounts that are partners: a field and the value it holds (IsPartner = true with partner licences; otherwise e.g. Type = Partner).</p>
            <div className="sfm-grid">
              <div className="ws-field">
                <label htmlFor={`${id}-pf`}>Account field</label>
                <input id={`${id}-pf`} className="input" value={f.partnerField} onChange={(e) => set({ partnerField: e.target.value })} data-testid="sfm-partner-field" />
              </div>
              <div className="ws-field">
                <label htmlFor={`${id}-pv`}>Equals</label>
                <input id={`${id}-pv`} className="input" value={f.partnerValue} onChange={(e) => set({ partnerValue: e.target.value })} data-testid="sfm-partner-value" />
              </div>
            </div>
          </fieldset>

          <fieldset className="sfm-section">
            <legend>Deal registrations</legend>
            <div className="ws-field">
              <label htmlFor={`${id}-rt`}>Lead record types (names, separated by commas)</label>
              <input id={`${id}-rt`} className="input" value={f.recordTypes} onChange={(e) => set({ recordTypes: e.target.value })} data-testid="sfm-record-types" />
            </div>
            <div className="sfm-grid">
              <div className="ws-field">
                <label htmlFor={`${id}-amt`}>Amount field (optional)</label>
                <input id={`${id}-amt`} className="input" value={f.amountField} onChange={(e) => set({ amountField: e.target.value })} placeholder="none" />
              </div>
              <div className="ws-field">
                <label htmlFor={`${id}-exp`}>Open for (days)</label>
                <input id={`${id}-exp`} className="input" inputMode="numeric" value={f.expiresAfterDays} onChange={(e) => set({ expiresAfterDays: e.target.value })} />
              </div>
            </div>
          </fieldset>

          <fieldset className="sfm-section">
            <legend>Opportunity stages</legend>
            <p className="ws-field-hint">Your org’s stage names that are not standard ones, and the stage each means here. Closed stages follow Won and Closed.</p>
            <MapRows
              rows={f.stages}
              options={OPPORTUNITY_STAGES.map((s) => [s, STAGE_WORDS(s)] as const)}
              keyLabel="Salesforce stage"
              valueLabel="Stage in Partnerbook"
              add="Add a stage"
              fallback={OPPORTUNITY_STAGES[0]}
              onChange={(stages) => set({ stages })}
              testId="sfm-stages"
            />
          </fieldset>

          <fieldset className="sfm-section">
            <legend>Opportunity partner roles</legend>
            <MapRows
              rows={f.roles}
              options={(Object.keys(ROLE_WORDS) as Role[]).map((r) => [r, ROLE_WORDS[r]] as const)}
              keyLabel="Role in Salesforce"
              valueLabel="Counts as"
              add="Add a role"
              fallback="influenced"
              onChange={(roles) => set({ roles })}
              testId="sfm-roles"
            />
            <div className="ws-field sfm-other">
              <label htmlFor={`${id}-other`}>Any other role</label>
              <select id={`${id}-other`} className="input" value={f.otherRoles} onChange={(e) => set({ otherRoles: e.target.value as Role | 'none' })}>
                {(Object.keys(ROLE_WORDS) as Role[]).map((r) => (
                  <option key={r} value={r}>
                    {ROLE_WORDS[r]}
                  </option>
                ))}
                <option value="none">Left out</option>
              </select>
            </div>
          </fieldset>

          <CustomObjectFields
            kind="certification"
            legend="Certifications"
            value={f.certification}
            onChange={(certification) => set({ certification })}
          />
          <CustomObjectFields kind="psat" legend="PSAT answers" value={f.psat} onChange={(psat) => set({ psat })} />
        </form>
      )}
    </Modal>
  );
}

function MapRows<V extends string>(p: {
  rows: Row<V>[];
  options: readonly (readonly [V, string])[];
  keyLabel: string;
  valueLabel: string;
  add: string;
  fallback: V;
  onChange: (rows: Row<V>[]) => void;
  testId: string;
}) {
  const change = (i: number, patch: Partial<Row<V>>) => p.onChange(p.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="sfm-rows" data-testid={p.testId}>
      {p.rows.length ? (
        <div className="sfm-row sfm-row-head" aria-hidden="true">
          <span>{p.keyLabel}</span>
          <span>{p.valueLabel}</span>
          <span />
        </div>
      ) : null}
      {p.rows.map((r, i) => (
        <div className="sfm-row" key={i}>
          <input className="input" aria-label={`${p.keyLabel} ${i + 1}`} value={r.key} onChange={(e) => change(i, { key: e.target.value })} />
          <select className="input" aria-label={`${p.valueLabel} ${i + 1}`} value={r.value} onChange={(e) => change(i, { value: e.target.value as V })}>
            {p.options.map(([v, words]) => (
              <option key={v} value={v}>
                {words}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-small sfm-remove" aria-label={`Remove ${r.key || 'this row'}`} onClick={() => p.onChange(p.rows.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small sfm-add" onClick={() => p.onChange([...p.rows, { key: '', value: p.fallback }])}>
        {p.add}
      </button>
    </div>
  );
}
