/**
 * Edit the health model's weights and band thresholds (stored in settings). Saving
 * recomputes every score: the server announces `health_settings` and the views refetch.
 * The fields are the Settings page's (settings/HealthFields.tsx); all settings live there.
 */
import { useState } from 'react';
import { DEFAULT_HEALTH_SETTINGS, type HealthSettings } from '../../../src-shared/methods/health';
import { describeError } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { BandFields, WeightFields, weightsTotal } from '../settings/HealthFields';

export function WeightsMenu({ settings, onClose }: { settings: HealthSettings; onClose: () => void }) {
  const [draft, setDraft] = useState<HealthSettings>(settings);
  const save = useMutation('health.settings.set');
  const total = weightsTotal(draft);
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
      <WeightFields draft={draft} onChange={setDraft} />
      <div className="hl-menu-title">Bands</div>
      <BandFields draft={draft} onChange={setDraft} />
      {save.error ? <div className="hl-weight-total is-bad">{describeError(save.error)}</div> : null}
      <div className="hl-menu-save">
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setDraft(DEFAULT_HEALTH_SETTINGS)}>
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
