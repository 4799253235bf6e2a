/**
 * Bounds and messages in Chromium through the harness (issue 14, points 7 and 8): an
 * 18-digit target typed into the plan editor is refused with a sentence naming the field
 * (nothing written, the digest still answers); the API's refusal reads the same; text
 * fields count towards their limit as you type, and past it the app says which field and
 * by how much.
 */
import { expect, goto, test } from './fixtures';
import { METRICS } from '../../src-shared/domain/plans';
import type { PlanDetail, PlanListRow } from '../../src-shared/methods/plans';

test.use({ viewport: { width: 1440, height: 900 } });

type Api = <T>(method: string, input?: unknown) => Promise<T>;

/** A draft plan with an objective measured in money. */
async function draftWithMoneyObjective(api: Api): Promise<{ plan: PlanDetail; objective: PlanDetail['objectives'][number] }> {
  const plans = await api<PlanListRow[]>('plans.list', {});
  for (const row of plans.filter((p) => p.status === 'draft')) {
    const plan = await api<PlanDetail>('plans.get', { id: row.id });
    const objective = plan.objectives.find((o) => METRICS[o.metric].kind === 'money');
    if (objective && !plan.locked) return { plan, objective };
  }
  throw new Error('the demo book has no draft plan with a money objective');
}

test('an 18-digit target is refused with a sentence, nothing is written, and the digest still works', async ({ app, api }) => {
  const { plan, objective } = await draftWithMoneyObjective(api);
  await goto(app, `/plans/${plan.plan.id}`);
  const row = app.locator('[data-testid=objective-row]', { hasText: objective.title }).first();
  const target = row.locator('[data-col=target]');
  await target.click();
  await target.press('Enter');
  await app.getByTestId('obj-input-target').fill('999999999999999999');
  await app.getByTestId('obj-input-target').press('Enter');
  await expect(row.getByTestId('cell-error')).toHaveText('The target can be at most 10,000,000,000; check the number of digits.');
  await app.getByTestId('obj-input-target').press('Escape');

  // the API refuses it in the same words, and the stored target did not change
  await expect(api('objectives.upsert', { planId: plan.plan.id, id: objective.id, fields: { target: Number('999999999999999999') } })).rejects.toThrow(
    /^The target can be at most 10,000,000,000; check the number of digits\.$/,
  );
  const after = await api<PlanDetail>('plans.get', { id: plan.plan.id });
  expect(after.objectives.find((o) => o.id === objective.id)?.target).toBe(objective.target);
  await expect(api('actions.digest', {})).resolves.toBeTruthy();
});

test('the plan title counts towards its limit as you type and, past it, says so in a sentence', async ({ app, api }) => {
  const { plan } = await draftWithMoneyObjective(api);
  await goto(app, `/plans/${plan.plan.id}`);
  const title = app.getByTestId('plan-title');
  await expect(title).toHaveValue(plan.plan.title);
  const count = app.getByTestId('plan-title-count');
  await title.fill('x'.repeat(150));
  await expect(count).toHaveCount(0); // well within the limit: no counter
  await title.fill('x'.repeat(190));
  await expect(count).toHaveText('190 / 200');
  await expect(count).not.toHaveClass(/is-over/);
  await title.fill('x'.repeat(201));
  await expect(count).toHaveText('201 / 200');
  await expect(count).toHaveClass(/is-over/);
  await title.press('Enter');
  await expect(app.getByText('The plan title is 201 characters long; it can be at most 200.')).toBeVisible();
  expect((await api<PlanDetail>('plans.get', { id: plan.plan.id })).plan.title).toBe(plan.plan.title);

  // the summary too, near its limit of 20,000 (then put back as it was)
  await app.getByTestId('summary-edit').click();
  await app.getByTestId('summary-input').fill('y'.repeat(19_990));
  await expect(app.getByTestId('summary-count')).toHaveText('19,990 / 20,000');
  await app.getByTestId('summary-input').fill(plan.plan.summary);
  await expect(app.getByTestId('summary-count')).toHaveCount(0);
  await app.getByTestId('summary-done').click();
  await api('plans.update', { id: plan.plan.id, fields: { summary: plan.plan.summary } });
});
