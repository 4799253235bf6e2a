/**
 * Step 2: the proposed mapping, to check and fix — one card per table, the book's rules
 * (tiers, partner owners, currency), and beside them what the mapping imports, kept current.
 */
import { useId, type FormEvent } from 'react';
import type { ImportMapping } from '../../../src-shared/domain/import-mapping';
import type { ImportInspection } from '../../../src-shared/methods/import';
import { LiveSummary } from './LiveSummary';
import { fileMappingOf, tableKey, withFileMapping } from './model';
import { TableCard } from './TableCard';
import type { PreviewState } from './usePreview';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'CHF', 'SEK', 'NOK', 'DKK', 'INR', 'BRL', 'MXN', 'SGD', 'ZAR'];

export function MappingStep({
  inspection,
  mapping,
  preview,
  onChange,
  onBack,
  onNext,
}: {
  inspection: ImportInspection;
  mapping: ImportMapping;
  preview: PreviewState;
  onChange: (mapping: ImportMapping) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onNext();
  };
  const currencies = CURRENCIES.includes(mapping.currency) ? CURRENCIES : [mapping.currency, ...CURRENCIES];

  return (
    <form className="imp-step imp-map" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="import-mapping-step">
      <div className="imp-map-main">
        <h2 className="imp-step-title" id={`${id}-title`} tabIndex={-1}>
          Check what each file holds
        </h2>
        {inspection.saved ? (
          <p className="imp-note" data-testid="import-saved">
            These files look like your last import’s: its mapping is used again. Change anything that no longer fits.
          </p>
        ) : inspection.uncertain.length > 0 ? (
          <div className="imp-callout" role="note" data-testid="import-uncertain">
            <strong>Check these guesses</strong> — the proposal is not sure of them:
            <ul>
              {inspection.uncertain.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="imp-note">Every column below was recognised from its header and values. Look it over, then review the import.</p>
        )}

        <fieldset className="panel imp-rules">
          <legend className="imp-rules-legend">Book rules</legend>
          <div className="imp-rule">
            <label htmlFor={`${id}-tiers`}>Partner tiers</label>
            <select
              id={`${id}-tiers`}
              className="select imp-select"
              value={mapping.tiers}
              onChange={(e) => onChange({ ...mapping, tiers: e.target.value === 'none' ? 'none' : 'revenue_bands' })}
              data-testid="import-tiers"
            >
              <option value="revenue_bands">By won revenue, last 4 quarters</option>
              <option value="none">No tiers</option>
            </select>
            <span className="imp-rule-hint">
              {mapping.tiers === 'revenue_bands' ? 'Top 10% Gold, next 30% Silver, the rest Registered.' : 'One “Untiered” level; targets are the book’s median.'}
            </span>
          </div>
          <div className="imp-rule">
            <label htmlFor={`${id}-owner`}>Partner owner</label>
            <select
              id={`${id}-owner`}
              className="select imp-select"
              value={mapping.partnerOwner}
              onChange={(e) => onChange({ ...mapping, partnerOwner: e.target.value === 'top_seller' ? 'top_seller' : 'column' })}
              data-testid="import-owner-rule"
            >
              <option value="column">The partners file’s owner column</option>
              <option value="top_seller">The rep who sold it the most</option>
            </select>
            <span className="imp-rule-hint">
              {mapping.partnerOwner === 'top_seller'
                ? 'When no column names one: the sales rep with most of its won amount.'
                : 'Partners without an owner column go to “No owner in the files”.'}
            </span>
          </div>
          <div className="imp-rule">
            <label htmlFor={`${id}-currency`}>Currency</label>
            <select id={`${id}-currency`} className="select imp-select-short" value={mapping.currency} onChange={(e) => onChange({ ...mapping, currency: e.target.value })}>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <span className="imp-rule-hint">For amounts whose cells name none.</span>
          </div>
        </fieldset>

        {inspection.tables.map((t) => (
          <TableCard
            key={tableKey(t)}
            table={t}
            inspection={inspection}
            fm={fileMappingOf(mapping, t)}
            report={preview.report}
            onChange={(fm) => onChange(withFileMapping(mapping, inspection.tables, t, fm))}
          />
        ))}
      </div>

      <div className="imp-map-side">
        <LiveSummary preview={preview} />
        <div className="imp-actions">
          <button type="button" className="btn" onClick={onBack}>
            Back to the files
          </button>
          <button type="submit" className="btn btn-primary" disabled={mapping.files.length === 0} data-testid="import-to-review">
            Review the import
          </button>
        </div>
      </div>
    </form>
  );
}
