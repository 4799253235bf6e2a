/**
 * Edit the health model's weights and band thresholds (stored in settings). Saving
 * recomputes every score: the server announces `health_settings` and the views refetch.
 */
import { useState } from 'react';
import { HEALTH_COMPONENTS, HEALTH_COMPONENT_LABELS, type HealthSettings } from '../../../src-shared/methods/health';
import { describeError } from '../../api/client';
import { useMutation } from '../../api/hooks';

const DEFAULTS: HealthSettings = {
  weights: { revenue: 30, pipeline: 20, engagement: 20, enablement: 15, satisfaction: 15 },
  bands: { healthy: 70, watch: 40 },
  risk: { high: 0.3, medium: 0.1 },
};

export function WeightsMenu({ settings, onClose }: { settings: HealthSettings; onClose: () => void }) {
  const [draft, setDraft] = useState<HealthSettings>(settings);
  const save = useMutation('health.settings.set');
  const total = HEALTH_COMPONENTS.reduce((a, c) => a + draft.weights[c], 0);
  const num = (v: string) => (v === '' ? 0 : Math.round(Number(v)));
  return (
    <form
      className="hl-menu hl-menu-weights"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await save.run({ settings: draft });
        if (ok) onClose();
      }}
      data-testid="health-weights-menu"
    >
      <div className="hl-menu-title">Component weights</div>
      {HEALTH_COMPONENTS.map((c) => (
        <label key={c} className="hl-weight">
          <span>{HEALTH_COMPONENT_LABELS[c]}</span>
          <input
            className="hl-input hl-input-num"
            type="number"
            min={0}
            max={100}
            value={draft.weights[c]}
            onChange={(e) => setDraft({ ...draft, weights: { ...draft.weights, [c]: num(e.target.value) } })}
            aria-label={`${HEALTH_COMPONENT_LABELS[c]} weight`}
          />
        </label>
      ))}
      <div className={`hl-weight-total ${total === 100 ? '' : 'is-bad'}`}>Total {total} {total === 100 ? '' : '(must be 100)'}</div>
      <div className="hl-menu-title">Bands</div>
      <label className="hl-weight">
        <span>Healthy from</span>
        <input
          className="hl-input hl-input-num"
          type="number"
          min={1}
          max={100}
          value={draft.bands.healthy}
          onChange={(e) => setDraft({ ...draft, bands: { ...draft.bands, healthy: num(e.target.value) } })}
          aria-label="Healthy threshold"
        />
      </label>
      <label className="hl-weight">
        <span>Watch from</span>
        <input
          className="hl-input hl-input-num"
          type="number"
          min={0}
          max={99}
          value={draft.bands.watch}
          onChange={(e) => setDraft({ ...draft, bands: { ...draft.bands, watch: num(e.target.value) } })}
          aria-label="Watch threshold"
        />
      </label>
      {save.error ? <div className="hl-weight-total is-bad">{describeError(save.error)}</div> : null}
      <div className="hl-menu-save">
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setDraft(DEFAULTS)}>
          Defaults
        </button>
        <span className="filterbar-spacer" />
        <button type="submit" className="btn btn-small btn-primary" disabled={total !== 100 || save.running}>
          {save.running ? 'Saving…' : 'Save and rescore'}
        </button>
      </div>
    </form>
  );
}
