/**
 * Settings → Money display: the number style, the currency as symbol or ISO code, and
 * compact or full amounts in tables and cards (src-shared/money-display.ts), with a
 * preview that follows the form as it is edited. Saving re-renders every money figure
 * (lib/money.tsx) and the text the server wrote.
 */
import { formatMoney, formatMoneyShort } from '../../../src-shared/format';
import { describeInput } from '../../../src-shared/input-messages';
import { CURRENCY_AS, DEFAULT_MONEY_DISPLAY, MONEY_LOCALES, TABLE_AMOUNTS, type MoneyDisplay } from '../../../src-shared/money-display';
import { moneyDisplaySchema } from '../../../src-shared/money-display-schema';
import { SettingsSection, type Check } from './SettingsSection';

function check(draft: MoneyDisplay): Check<MoneyDisplay> {
  const parsed = moneyDisplaySchema.safeParse(draft);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: describeInput(parsed.error.issues, 'display.set').issues };
}

const SAMPLE = 1_234_567.89;

/** `1,234,567.89` as the locale writes it: how each style looks, in its own digits. */
function sampleNumber(locale: string, n = SAMPLE, digits = 2): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** What a deal, a book total and an amount in yen read like in the draft display. */
function Preview({ display }: { display: MoneyDisplay }) {
  const deal = Math.round(SAMPLE * 100);
  const n = (v: number) => sampleNumber(display.locale, v, 0);
  const examples: { what: string; minor: number; currency: string }[] = [
    { what: `A book total of ${n(2_345_000_000)} EUR`, minor: 234_500_000_000, currency: 'EUR' },
    { what: `A change of ${n(-42_500)} GBP`, minor: -4_250_000, currency: 'GBP' },
    { what: `A deal of ${n(12_500_000)} JPY`, minor: 12_500_000, currency: 'JPY' },
  ];
  return (
    <div className="set-preview" data-testid="money-preview" aria-live="polite">
      <p className="set-preview-lead">
        A deal of {sampleNumber(display.locale)} USD reads <strong data-testid="money-preview-short">{formatMoneyShort(deal, 'USD', display)}</strong> in tables and cards
        and <strong data-testid="money-preview-full">{formatMoney(deal, 'USD', display)}</strong> in detail.
      </p>
      <ul className="set-preview-list">
        {examples.map((e) => (
          <li key={e.what}>
            {e.what}
            <span className="set-preview-forms">
              <strong className="num">{formatMoneyShort(e.minor, e.currency, display)}</strong> in tables ·{' '}
              <strong className="num">{formatMoney(e.minor, e.currency, display)}</strong> in detail
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Choice<K extends string>({
  label,
  value,
  options,
  onChange,
  invalid,
  testId,
}: {
  label: string;
  value: K;
  options: Record<K, string>;
  onChange: (v: K) => void;
  invalid: boolean;
  testId: string;
}) {
  return (
    <label className="hl-weight">
      <span>{label}</span>
      <select className="select set-select" value={value} onChange={(e) => onChange(e.target.value as K)} aria-invalid={invalid || undefined} data-testid={testId}>
        {(Object.keys(options) as K[]).map((k) => (
          <option key={k} value={k}>
            {options[k]}
          </option>
        ))}
      </select>
    </label>
  );
}

const LOCALE_OPTIONS = Object.fromEntries(
  (Object.keys(MONEY_LOCALES) as (keyof typeof MONEY_LOCALES)[]).map((l) => [l, `${sampleNumber(l)} (${MONEY_LOCALES[l]})`]),
) as Record<keyof typeof MONEY_LOCALES, string>;

export function MoneySection({ saved }: { saved: MoneyDisplay }) {
  return (
    <SettingsSection<MoneyDisplay>
      id="money"
      title="Money display"
      intro="How amounts read on every page, in exports and on the command line. Amounts are never converted: each keeps the currency of its record."
      saved={saved}
      defaults={DEFAULT_MONEY_DISPLAY}
      check={check}
      method="display.set"
      toInput={(settings) => ({ settings })}
      render={(draft, setDraft, invalid) => (
        <div className="set-columns set-money">
          <fieldset className="set-group">
            <legend>Amounts</legend>
            <Choice
              label="Number style"
              value={draft.locale}
              options={LOCALE_OPTIONS}
              onChange={(locale) => setDraft({ ...draft, locale })}
              invalid={invalid.has('locale')}
              testId="money-locale"
            />
            <Choice
              label="Currency shown as"
              value={draft.currencyAs}
              options={CURRENCY_AS}
              onChange={(currencyAs) => setDraft({ ...draft, currencyAs })}
              invalid={invalid.has('currencyAs')}
              testId="money-currency-as"
            />
            <Choice
              label="In tables and cards"
              value={draft.tableAmounts}
              options={TABLE_AMOUNTS}
              onChange={(tableAmounts) => setDraft({ ...draft, tableAmounts })}
              invalid={invalid.has('tableAmounts')}
              testId="money-table-amounts"
            />
          </fieldset>
          <fieldset className="set-group">
            <legend>Preview</legend>
            <Preview display={draft} />
          </fieldset>
        </div>
      )}
    />
  );
}
