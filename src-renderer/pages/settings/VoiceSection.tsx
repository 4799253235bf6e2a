/**
 * Settings › Voice of the partner (issue 16 point 4): the lexicon that files partners'
 * comments under the seven themes, the sentiment cues a general model misses, and the
 * marker that makes a note partner feedback. Terms are typed separated by commas. Loads its
 * own values.
 */
import { describeInput } from '../../../src-shared/input-messages';
import {
  CUE_WEIGHT,
  DEFAULT_VOICE_SETTINGS,
  TERM_RULE_TEXT,
  VOICE_THEME_LABELS,
  VOICE_THEMES,
  voiceSettingsSchema,
  type VoiceSettings,
  type VoiceTheme,
} from '../../../src-shared/methods/voice';
import { useQuery } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/ui';
import { SettingsSection, type Check } from './SettingsSection';

interface Draft {
  themes: Record<VoiceTheme, string>;
  negative: string;
  positive: string;
  feedbackPrefix: string;
}

const join = (terms: readonly string[]) => terms.join(', ');
const split = (text: string) =>
  text
    .split(/[,\n]/)
    .map((t) => t.trim())
    .filter(Boolean);

const toDraft = (s: VoiceSettings): Draft => ({
  themes: Object.fromEntries(VOICE_THEMES.map((t) => [t, join(s.themes[t])])) as Record<VoiceTheme, string>,
  negative: join(s.negative),
  positive: join(s.positive),
  feedbackPrefix: s.feedbackPrefix,
});

function checkVoice(d: Draft): Check<VoiceSettings> {
  const value = {
    themes: Object.fromEntries(VOICE_THEMES.map((t) => [t, split(d.themes[t])])),
    negative: split(d.negative),
    positive: split(d.positive),
    feedbackPrefix: d.feedbackPrefix,
  };
  const parsed = voiceSettingsSchema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: describeInput(parsed.error.issues, 'voice.settings.set').issues };
}

/** Tall enough to show every term (about 55 characters a line), between 2 and 9 lines. */
const rowsFor = (text: string) => Math.min(9, Math.max(2, Math.ceil(text.length / 55) + 1));

function Terms(props: { label: string; value: string; onChange: (v: string) => void; invalid: boolean; testId: string }) {
  return (
    <label className="set-terms">
      <span>{props.label}</span>
      <textarea
        className="hl-input set-terms-input"
        rows={rowsFor(props.value)}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-label={props.label}
        aria-invalid={props.invalid || undefined}
        spellCheck={false}
        data-testid={props.testId}
      />
    </label>
  );
}

export function VoiceSection() {
  const q = useQuery('voice.settings.get', {}, { refreshOn: ['setting'] });
  if (q.error) return <ErrorBanner error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Loading />;
  const bad = (invalid: ReadonlySet<string>, path: string) => [...invalid].some((p) => p === path || p.startsWith(`${path}.`));
  return (
    <SettingsSection<Draft, VoiceSettings, 'voice.settings.set'>
      id="voice"
      title="Voice of the partner"
      intro={`The words that file a PSAT comment or a feedback note under a theme, and the cues that move its sentiment by ${CUE_WEIGHT} each. ${TERM_RULE_TEXT}. Separate terms with commas.`}
      saved={toDraft(q.data)}
      defaults={toDraft(DEFAULT_VOICE_SETTINGS)}
      check={checkVoice}
      method="voice.settings.set"
      toInput={(s) => s}
      render={(draft, setDraft, invalid) => (
        <div className="set-voice">
          <fieldset className="set-group set-voice-themes">
            <legend>Themes</legend>
            {VOICE_THEMES.map((t) => (
              <Terms
                key={t}
                label={VOICE_THEME_LABELS[t]}
                value={draft.themes[t]}
                onChange={(v) => setDraft({ ...draft, themes: { ...draft.themes, [t]: v } })}
                invalid={bad(invalid, `themes.${t}`)}
                testId={`voice-theme-${t}`}
              />
            ))}
          </fieldset>
          <fieldset className="set-group set-voice-cues">
            <legend>Sentiment cues</legend>
            <Terms label="Negative" value={draft.negative} onChange={(v) => setDraft({ ...draft, negative: v })} invalid={bad(invalid, 'negative')} testId="voice-negative" />
            <Terms label="Positive" value={draft.positive} onChange={(v) => setDraft({ ...draft, positive: v })} invalid={bad(invalid, 'positive')} testId="voice-positive" />
            <label className="set-terms">
              <span>A note is partner feedback when it starts with</span>
              <input
                className="hl-input"
                value={draft.feedbackPrefix}
                onChange={(e) => setDraft({ ...draft, feedbackPrefix: e.target.value })}
                aria-label="Feedback note marker"
                aria-invalid={bad(invalid, 'feedbackPrefix') || undefined}
                data-testid="voice-prefix"
              />
            </label>
          </fieldset>
        </div>
      )}
    />
  );
}
