/**
 * Settings › ROPI (issue 16): the attribution rule that splits a deal several partners
 * touched, the sourcing partner's share, and what CAM time costs (hourly cost; hours per
 * partner a month, empty to derive them from the owner's book size). Loads its own values.
 */
import { describeInput } from '../../../src-shared/input-messages';
import { ATTRIBUTION_RULE_TEXT, ATTRIBUTION_RULES, CAM_MONTH_HOURS, CAM_PARTNER_SHARE, DEFAULT_ROPI_SETTINGS, ropiSettingsSchema, type AttributionRule, type RopiSettings } from '../../../src-shared/methods/ropi';
import { useQuery } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/ui';
import { SettingsSection, type Check } from './SettingsSection';

interface Draft {
  rule: AttributionRule;
  sourcingShare: string;
  camHourlyCost: string;
  camHoursPerPartnerMonth: string;
}

const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));
const toDraft = (s: RopiSettings): Draft => ({
  rule: s.rule,
  sourcingShare: String(s.sourcingShare),
  camHourlyCost: String(s.camHourlyCost),
  camHoursPerPartnerMonth: s.camHoursPerPartnerMonth === null ? '' : String(s.camHoursPerPartnerMonth),
});

function checkRopi(d: Draft): Check<RopiSettings> {
  const value = { rule: d.rule, sourcingShare: num(d.sourcingShare), camHourlyCost: num(d.camHourlyCost), camHoursPerPartnerMonth: d.camHoursPerPartnerMonth.trim() === '' ? null : num(d.camHoursPerPartnerMonth) };
  const parsed = ropiSettingsSchema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: describeInput(parsed.error.issues, 'ropi.settings.set').issues };
}

const RULE_LABEL: Record<AttributionRule, string> = { sourcing: 'Sourcing first', even: 'Even', position: 'Position-based' };

function NumberField(props: { label: string; value: string; onChange: (v: string) => void; invalid: boolean; testId: string; placeholder?: string }) {
  return (
    <label className="hl-weight">
      <span>{props.label}</span>
      <input
        className="hl-input hl-input-num"
        inputMode="decimal"
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
        aria-label={props.label}
        aria-invalid={props.invalid || undefined}
        data-testid={props.testId}
      />
    </label>
  );
}

export function RopiSection() {
  const q = useQuery('ropi.settings.get', {}, { refreshOn: ['setting'] });
  if (q.error) return <ErrorBanner error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Loading />;
  return (
    <SettingsSection<Draft, RopiSettings, 'ropi.settings.set'>
      id="ropi"
      title="ROPI"
      intro="How won deals several partners touched are credited, and what a CAM hour costs. ROPI = attributed revenue ÷ (approved and claimed MDF + CAM time), over the last four quarters."
      saved={toDraft(q.data)}
      defaults={toDraft(DEFAULT_ROPI_SETTINGS)}
      check={checkRopi}
      method="ropi.settings.set"
      toInput={(s) => s}
      render={(draft, setDraft, invalid) => (
        <div className="set-ropi">
          <fieldset className="set-group">
            <legend>Attribution</legend>
            <label className="hl-weight">
              <span>Rule</span>
              <select className="select" value={draft.rule} onChange={(e) => setDraft({ ...draft, rule: e.target.value as AttributionRule })} aria-label="Attribution rule" data-testid="ropi-rule">
                {ATTRIBUTION_RULES.map((r) => (
                  <option key={r} value={r}>
                    {RULE_LABEL[r]}
                  </option>
                ))}
              </select>
            </label>
            {draft.rule === 'sourcing' ? (
              <NumberField label="Sourcing partner's share, %" value={draft.sourcingShare} onChange={(v) => setDraft({ ...draft, sourcingShare: v })} invalid={invalid.has('sourcingShare')} testId="ropi-share" />
            ) : null}
            <p className="set-note">{ATTRIBUTION_RULE_TEXT[draft.rule]}.</p>
          </fieldset>
          <fieldset className="set-group">
            <legend>CAM time</legend>
            <NumberField label="Hourly cost" value={draft.camHourlyCost} onChange={(v) => setDraft({ ...draft, camHourlyCost: v })} invalid={invalid.has('camHourlyCost')} testId="ropi-cost" />
            <NumberField
              label="Hours per partner a month"
              value={draft.camHoursPerPartnerMonth}
              placeholder="auto"
              onChange={(v) => setDraft({ ...draft, camHoursPerPartnerMonth: v })}
              invalid={invalid.has('camHoursPerPartnerMonth')}
              testId="ropi-hours"
            />
            <p className="set-note">
              Empty: {CAM_MONTH_HOURS} working hours a month × {CAM_PARTNER_SHARE * 100}% spent on partners ÷ the partners the owner has.
            </p>
          </fieldset>
        </div>
      )}
    />
  );
}
