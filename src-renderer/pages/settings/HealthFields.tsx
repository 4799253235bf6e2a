/**
 * The health model's weights and band thresholds as form fields: one place for the
 * Portfolio's weights menu and the Settings page. The weights must add up to 100 (they
 * are not normalised): the total shows as you type, and the schema refuses any other sum.
 */
import type { HealthSettings } from '../../../src-shared/methods/health';
import { HEALTH_COMPONENTS, HEALTH_COMPONENT_LABELS } from '../../../src-shared/methods/health-labels';

export function weightsTotal(s: HealthSettings): number {
  return HEALTH_COMPONENTS.reduce((a, c) => a + s.weights[c], 0);
}

/** A number input's text as a number; empty or not a number is NaN (the schema words it). */
export function numberInput(v: string): number {
  return v.trim() === '' ? Number.NaN : Number(v);
}

const shown = (n: number) => (Number.isNaN(n) ? '' : n);

function NumberField(props: { label: string; aria: string; value: number; min: number; max: number; onChange: (n: number) => void; testId: string; invalid: boolean }) {
  return (
    <label className="hl-weight">
      <span>{props.label}</span>
      <input
        className="hl-input hl-input-num"
        type="number"
        min={props.min}
        max={props.max}
        value={shown(props.value)}
        onChange={(e) => props.onChange(numberInput(e.target.value))}
        aria-label={props.aria}
        aria-invalid={props.invalid || undefined}
        data-testid={props.testId}
      />
    </label>
  );
}

interface FieldsProps {
  draft: HealthSettings;
  onChange: (s: HealthSettings) => void;
  /** Paths the last check refused (`weights.revenue`, `bands`); absent: none. */
  invalid?: ReadonlySet<string>;
}

export function WeightFields({ draft, onChange, invalid }: FieldsProps) {
  const total = weightsTotal(draft);
  return (
    <>
      {HEALTH_COMPONENTS.map((c) => (
        <NumberField
          key={c}
          label={HEALTH_COMPONENT_LABELS[c]}
          aria={`${HEALTH_COMPONENT_LABELS[c]} weight`}
          value={draft.weights[c]}
          min={0}
          max={100}
          onChange={(n) => onChange({ ...draft, weights: { ...draft.weights, [c]: n } })}
          testId={`weight-${c}`}
          invalid={!!invalid && (invalid.has(`weights.${c}`) || invalid.has('weights'))}
        />
      ))}
      <div className={`hl-weight-total ${total === 100 ? '' : 'is-bad'}`} data-testid="weights-total" aria-live="polite">
        Total {Number.isNaN(total) ? '—' : total} {total === 100 ? '' : '(must add up to 100)'}
      </div>
    </>
  );
}

export function BandFields({ draft, onChange, invalid }: FieldsProps) {
  return (
    <>
      <NumberField
        label="Healthy from"
        aria="Healthy threshold"
        value={draft.bands.healthy}
        min={1}
        max={100}
        onChange={(n) => onChange({ ...draft, bands: { ...draft.bands, healthy: n } })}
        testId="band-healthy"
        invalid={!!invalid && (invalid.has('bands.healthy') || invalid.has('bands'))}
      />
      <NumberField
        label="Watch from (below is At risk)"
        aria="Watch threshold"
        value={draft.bands.watch}
        min={0}
        max={99}
        onChange={(n) => onChange({ ...draft, bands: { ...draft.bands, watch: n } })}
        testId="band-watch"
        invalid={!!invalid && (invalid.has('bands.watch') || invalid.has('bands'))}
      />
    </>
  );
}
