/**
 * Settings › Fiscal calendar: the month the book's fiscal year starts in. A preview says
 * what the choice means as it is picked ("FY2027 runs 1 July 2026 – 30 June 2027; this
 * quarter is Q2 FY27 (Oct–Dec 2026)"), and one sentence says what happens to what is
 * stored: quarter and period names stay, their dates move. Saving refreshes every page.
 */
import { calendarPreviewText, MONTH_NAMES } from '../../../src-shared/domain/fiscal-text';
import { DEFAULT_FISCAL_CALENDAR, fiscalCalendarSchema, type FiscalCalendar } from '../../../src-shared/methods/calendar';
import { describeInput } from '../../../src-shared/input-messages';
import { calendarChanged } from '../../api/calendar';
import { SettingsSection, type Check } from './SettingsSection';

export const STORED_LABELS_SENTENCE = 'Plans and QBR notes keep their quarter names; the dates of each quarter move with the new start month.';

function checkCalendar(draft: FiscalCalendar): Check<FiscalCalendar> {
  const parsed = fiscalCalendarSchema.safeParse(draft);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: describeInput(parsed.error.issues, 'calendar.set').issues };
}

export function CalendarSection({ saved, today }: { saved: FiscalCalendar; today: string }) {
  return (
    <SettingsSection<FiscalCalendar, FiscalCalendar, 'calendar.set'>
      id="calendar"
      title="Fiscal calendar"
      intro="When your fiscal year starts. Quarters follow it everywhere: plans, QBR packs, actions and health trends."
      saved={saved}
      defaults={DEFAULT_FISCAL_CALENDAR}
      check={checkCalendar}
      method="calendar.set"
      toInput={(c) => c}
      onSaved={calendarChanged}
      render={(draft, setDraft, invalid) => {
        const valid = checkCalendar(draft).ok;
        const moved = draft.fiscalYearStartMonth !== saved.fiscalYearStartMonth;
        return (
          <fieldset className="set-group">
            <legend>Fiscal year</legend>
            <label className="hl-weight">
              <span>The fiscal year starts in</span>
              <select
                className="select set-month"
                value={draft.fiscalYearStartMonth}
                onChange={(e) => setDraft({ fiscalYearStartMonth: Number(e.target.value) })}
                aria-label="Fiscal year start month"
                aria-invalid={invalid.has('fiscalYearStartMonth') || undefined}
                data-testid="fiscal-start-month"
              >
                {MONTH_NAMES.map((m, i) => (
                  <option key={m} value={i + 1}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
            <p className="set-note" data-testid="fiscal-preview" aria-live="polite">
              {valid ? calendarPreviewText(draft, today) : ''}
            </p>
            <p className={`set-note${moved ? ' set-note-warn' : ''}`} data-testid="fiscal-stored-note">
              {STORED_LABELS_SENTENCE}
            </p>
          </fieldset>
        );
      }}
    />
  );
}
