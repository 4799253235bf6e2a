/**
 * Issue 14, point 2 in Chromium: the fiscal calendar in Settings. Picking July shows what
 * it means before saving (FY2027 runs 1 July 2026 – 30 June 2027; on the demo book's
 * 2026-11-20 this quarter is Q2 FY27) and the sentence about stored quarter names; once
 * saved, the QBR quarter picker and the new-plan period picker speak fiscal quarters;
 * Reset to defaults brings calendar quarters back; a value that is not a month is refused
 * with a sentence and nothing is stored. Screenshots (1440×900, 1280×800) go to
 * $PB_SHOTS_DIR (default test-results/screens-settings).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { FiscalCalendar } from '../../src-shared/methods/calendar';
import type { PartnerRow } from '../../src-shared/methods/partners';
import { expect, goto, test } from './fixtures';

const DIR = process.env.PB_SHOTS_DIR ?? 'test-results/screens-settings';

async function shots(app: Page, name: string): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  for (const [width, height] of [
    [1440, 900],
    [1280, 800],
  ] as const) {
    await app.setViewportSize({ width, height });
    await app.getByTestId('settings-calendar').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await app.screenshot({ path: `${DIR}/${name}-${width}.png` });
  }
  await app.setViewportSize({ width: 1440, height: 900 });
}

/** The text of each option of a select, in order. */
async function optionTexts(app: Page, testId: string): Promise<string[]> {
  return app.getByTestId(testId).locator('option').allTextContents();
}

test.afterEach(async ({ api }) => {
  await api('calendar.set', { fiscalYearStartMonth: 1 });
});

test('a July fiscal year set in Settings is what the QBR and plan pickers show; Reset to defaults brings calendar quarters back', async ({ app, api }) => {
  await api('calendar.set', { fiscalYearStartMonth: 1 });
  const partner = (await api<PartnerRow[]>('partners.list', { scope: 'all' })).find((p) => p.status === 'active')!;

  // Calendar quarters to begin with.
  await goto(app, `/qbr?partner=${partner.id}`);
  await expect(app.getByTestId('qbr-quarter').locator('option').first()).toHaveText('Q4 2026 (to date)');

  await goto(app, '/settings');
  const section = app.getByTestId('settings-calendar');
  const month = section.getByLabel('Fiscal year start month');
  await expect(month).toHaveValue('1');
  await expect(section.getByTestId('fiscal-preview')).toHaveText('The fiscal year is the calendar year; this quarter is Q4 2026 (Oct–Dec 2026).');

  await month.selectOption({ label: 'July' });
  await expect(section.getByTestId('fiscal-preview')).toHaveText('FY2027 runs 1 July 2026 – 30 June 2027; this quarter is Q2 FY27 (Oct–Dec 2026).');
  await expect(section.getByTestId('fiscal-stored-note')).toHaveText(
    'Plans and QBR notes keep their quarter names; the dates of each quarter move with the new start month.',
  );
  await expect(section.getByTestId('settings-calendar-status')).toHaveText('Unsaved changes');
  await shots(app, 'settings-calendar-july');
  await section.getByTestId('settings-calendar-save').click();
  await expect(section.getByTestId('settings-calendar-status')).toHaveText('Saved.');
  expect(await api<FiscalCalendar>('calendar.get')).toEqual({ fiscalYearStartMonth: 7 });

  // The QBR page's quarter picker: fiscal quarters, each with its months.
  await goto(app, `/qbr?partner=${partner.id}`);
  const quarters = app.getByTestId('qbr-quarter').locator('option');
  await expect(quarters.first()).toHaveText('Q2 FY27 (Oct–Dec 2026) (to date)');
  await expect(quarters.nth(1)).toHaveText('Q1 FY27 (Jul–Sep 2026)');
  await expect(quarters.nth(2)).toHaveText('Q4 FY26 (Apr–Jun 2026)');
  await expect(app.getByTestId('qbr-quarter')).toHaveValue('2027-Q2');
  await app.setViewportSize({ width: 1280, height: 800 });
  await expect(app.getByTestId('qbr-export-pptx')).toBeEnabled();
  await app.screenshot({ path: `${DIR}/qbr-fiscal-1280.png` });
  await app.setViewportSize({ width: 1440, height: 900 });

  // A new plan offers this fiscal year first, with the months it covers.
  await goto(app, `/partners/${partner.id}`);
  await app.getByTestId('partner-new-plan').click();
  const dialog = app.getByTestId('new-plan-dialog');
  await expect(dialog.getByTestId('new-plan-period').locator('option').first()).toHaveText(/^FY2027 \(Jul 2026–Jun 2027\)/);
  expect((await optionTexts(app, 'new-plan-period')).some((t) => t.startsWith('2027-H2 (Jan–Jun 2027)'))).toBe(true);
  await app.keyboard.press('Escape');

  // Reset to defaults (after the confirm): calendar quarters everywhere again.
  await goto(app, '/settings');
  await section.getByTestId('settings-calendar-reset').click();
  await expect(section.getByTestId('settings-calendar-confirm')).toContainText('Reset Fiscal calendar to its defaults?');
  await section.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(section.getByTestId('settings-calendar-status')).toHaveText('Defaults restored and saved.');
  await expect(month).toHaveValue('1');
  expect(await api<FiscalCalendar>('calendar.get')).toEqual({ fiscalYearStartMonth: 1 });
  await goto(app, `/qbr?partner=${partner.id}`);
  await expect(app.getByTestId('qbr-quarter').locator('option').first()).toHaveText('Q4 2026 (to date)');
  await expect(app.getByTestId('qbr-quarter').locator('option').nth(1)).toHaveText('Q3 2026');
});

test('a start month that is not a month is refused with a sentence and nothing is stored', async ({ app, api }) => {
  for (const bad of [13, 0, 6.5]) {
    await expect(api('calendar.set', { fiscalYearStartMonth: bad })).rejects.toThrow(
      'The fiscal year start month must be a month from 1 (January) to 12 (December).',
    );
  }
  expect(await api<FiscalCalendar>('calendar.get')).toEqual({ fiscalYearStartMonth: 1 });
  // The page offers only the twelve months.
  await goto(app, '/settings');
  await expect(app.getByTestId('fiscal-start-month').locator('option')).toHaveText([
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ]);
});
