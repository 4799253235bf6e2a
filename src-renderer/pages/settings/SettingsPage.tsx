/**
 * Settings: the health model (weights, band thresholds), the Actions rules (thresholds,
 * the Today capacity), the fiscal calendar (CalendarSection.tsx) and the money display (MoneySection.tsx), each section with Save, "Reset to defaults" (after a confirm) and
 * sentences for what is wrong. Input is checked here with the same schema the server
 * uses, worded by src-shared/input-messages.ts: nothing is sent, nor saved, on bad input.
 */
import { actionSettingsSchema, DEFAULT_ACTION_SETTINGS, TODAY_CAPACITY_MAX, type ActionSettings } from '../../../src-shared/methods/actions';
import { DEFAULT_HEALTH_SETTINGS, healthSettingsSchema, type HealthSettings } from '../../../src-shared/methods/health';
import { describeInput } from '../../../src-shared/input-messages';
import { useQuery } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/ui';
import { BrandingSection } from './BrandingSection';
import { ACTION_FIELD_GROUPS, ACTION_FIELDS, fromInput, percentProblem, toInput } from './actionFields';
import { BandFields, numberInput, WeightFields } from './HealthFields';
import { MoneySection } from './MoneySection';
import { SettingsSection, type Check, type Problem } from './SettingsSection';
import { CalendarSection } from './CalendarSection';
import { RopiSection } from './RopiSection';
import { VoiceSection } from './VoiceSection';
import { CALENDAR_REFRESH } from '../../api/calendar';
import '../health/health.css';
import './settings.css';

function checkHealth(draft: HealthSettings): Check<HealthSettings> {
  const parsed = healthSettingsSchema.safeParse(draft);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: describeInput(parsed.error.issues, 'health.settings.set').issues };
}

function HealthSection({ saved }: { saved: HealthSettings }) {
  return (
    <SettingsSection<HealthSettings>
      id="health"
      title="Health"
      intro="How a partner's score is made. The five weights must add up to 100 (they are not rescaled for you); saving rescores every partner."
      saved={saved}
      defaults={DEFAULT_HEALTH_SETTINGS}
      check={checkHealth}
      method="health.settings.set"
      toInput={(settings) => ({ settings })}
      render={(draft, setDraft, invalid) => (
        <div className="set-columns">
          <fieldset className="set-group">
            <legend>Component weights</legend>
            <WeightFields draft={draft} onChange={setDraft} invalid={invalid} />
          </fieldset>
          <fieldset className="set-group">
            <legend>Band thresholds</legend>
            <BandFields draft={draft} onChange={setDraft} invalid={invalid} />
            <BandSummary bands={draft.bands} />
          </fieldset>
        </div>
      )}
    />
  );
}

/** The bands the thresholds make, in words, as they are typed. */
function BandSummary({ bands }: { bands: HealthSettings['bands'] }) {
  const { healthy, watch } = bands;
  if (!Number.isInteger(healthy) || !Number.isInteger(watch) || watch >= healthy) return null;
  return (
    <ul className="set-bands" data-testid="band-summary">
      <li>Healthy: {healthy} and above</li>
      <li>
        Watch: {watch}–{healthy - 1}
      </li>
      <li>At risk: {watch === 0 ? 'none (Watch starts at 0)' : `below ${watch}`}</li>
    </ul>
  );
}

/** The draft as the inputs show it: shares as percentages. */
type ActionDraft = ActionSettings;

const toDraft = (s: ActionSettings): ActionDraft => {
  const out = { ...s };
  for (const f of ACTION_FIELDS) out[f.key] = toInput(f, s[f.key]);
  return out;
};

function checkActions(draft: ActionDraft): Check<ActionSettings> {
  const problems: Problem[] = [];
  const stored = { ...draft };
  for (const f of ACTION_FIELDS) {
    const p = percentProblem(f, draft[f.key]);
    if (p) problems.push({ path: f.key, message: p });
    stored[f.key] = fromInput(f, draft[f.key]);
  }
  const parsed = actionSettingsSchema.safeParse(stored);
  if (!parsed.success) {
    const percentKeys = new Set(ACTION_FIELDS.filter((f) => f.unit === '%').map((f) => f.key as string));
    for (const i of describeInput(parsed.error.issues, 'actions.updateSettings').issues) if (!percentKeys.has(i.path)) problems.push(i);
  }
  return parsed.success && problems.length === 0 ? { ok: true, value: parsed.data } : { ok: false, problems };
}

function ActionsSection({ saved }: { saved: ActionSettings }) {
  return (
    <SettingsSection<ActionDraft, ActionSettings>
      id="actions"
      title="Actions"
      intro="How many actions Today holds, and when each rule raises an action."
      saved={toDraft(saved)}
      defaults={toDraft(DEFAULT_ACTION_SETTINGS)}
      check={checkActions}
      method="actions.updateSettings"
      toInput={(s) => s}
      render={(draft, setDraft, invalid) => (
        <>
          <fieldset className="set-group">
            <legend>Today</legend>
            <label className="hl-weight">
              <span>Today holds at most (the rest wait in This week and the Backlog)</span>
              <span className="set-unit-wrap">
                <input
                  className="hl-input hl-input-num"
                  type="number"
                  min={1}
                  max={TODAY_CAPACITY_MAX}
                  value={Number.isNaN(draft.todayCapacity) ? '' : draft.todayCapacity}
                  onChange={(e) => setDraft({ ...draft, todayCapacity: numberInput(e.target.value) })}
                  aria-label="Today capacity"
                  aria-invalid={invalid.has('todayCapacity') || undefined}
                  data-testid="today-capacity-setting"
                />
                <span className="set-unit">actions</span>
              </span>
            </label>
          </fieldset>
          <div className="set-stack">
            {ACTION_FIELD_GROUPS.map((g) => (
              <fieldset key={g.title} className="set-group">
                <legend>{g.title}</legend>
                {g.fields.map((f) => (
                  <label key={f.key} className="hl-weight">
                    <span>{f.label}</span>
                    <span className="set-unit-wrap">
                      <input
                        className="hl-input hl-input-num"
                        type="number"
                        min={0}
                        step="any"
                        value={Number.isNaN(draft[f.key]) ? '' : draft[f.key]}
                        onChange={(e) => setDraft({ ...draft, [f.key]: numberInput(e.target.value) })}
                        aria-label={f.label}
                        aria-invalid={invalid.has(f.key) || undefined}
                        data-testid={`action-setting-${f.key}`}
                      />
                      <span className="set-unit">{f.unit}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        </>
      )}
    />
  );
}

function SettingsPage() {
  const health = useQuery('health.settings.get', {}, { refreshOn: ['health_settings'] });
  const actions = useQuery('actions.settings', {}, { refreshOn: ['setting'] });
  const calendar = useQuery('calendar.get', {}, { refreshOn: CALENDAR_REFRESH });
  const info = useQuery('app.info', {});
  const money = useQuery('display.get', {}, { refreshOn: ['display'] });
  const error = health.error ?? actions.error ?? calendar.error ?? money.error;
  return (
    <div className="page set-page" data-testid="page-settings">
      {error ? (
        <ErrorBanner
          error={error}
          onRetry={() => {
            void health.refetch();
            void actions.refetch();
            void calendar.refetch();
            void money.refetch();
          }}
        />
      ) : !health.data || !actions.data || !calendar.data || !info.data || !money.data ? (
        <Loading />
      ) : (
        <>
          <HealthSection saved={health.data} />
          <ActionsSection saved={actions.data} />
          <CalendarSection saved={calendar.data} today={info.data.today} />
          <MoneySection saved={money.data} />
          <RopiSection />
          <VoiceSection />
          <BrandingSection />
        </>
      )}
    </div>
  );
}

export default SettingsPage;
