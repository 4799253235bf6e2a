/**
 * Refused input in a person's words (issue 14, point 8): every issue a sentence naming
 * the field as the user knows it, never zod's developer text, a dotted path or
 * "expected number, received null". Checked on the real method schemas.
 */
import { describe, expect, it } from 'vitest';
import { api, type MethodName } from '../../../src-shared/api';
import { describeInput, fieldLabel, issueSentence } from '../../../src-shared/input-messages';

function refuse(method: MethodName, input: unknown) {
  const parsed = api[method].input.safeParse(input);
  if (parsed.success) throw new Error(`${method} accepted ${JSON.stringify(input)}`);
  return describeInput(parsed.error.issues, method);
}

/** Text a person should never read. */
const DEVELOPER_TEXT = /Too (big|small)|expected \w+, received|Invalid (input|option)|Unrecognized key|<=|>=|\bsettings\.|\bfields\.|\bundefined\b|\bnull\b/;

describe('input messages', () => {
  it('names the field in the user’s words and says what to do', () => {
    const long = refuse('plans.update', { id: 'J-1', fields: { title: 'x'.repeat(201) } });
    expect(long.message).toBe('The plan title is 201 characters long; it can be at most 200.');
    expect(long.issues).toEqual([{ path: 'fields.title', message: long.message }]);

    const nullTarget = refuse('objectives.upsert', { planId: 'J-1', fields: { target: null } });
    expect(nullTarget.message).toBe('The target must be a number.');

    const huge = refuse('objectives.upsert', { planId: 'J-1', fields: { target: Number('999999999999999999') } });
    expect(huge.message).toBe('The target can be at most 10,000,000,000; check the number of digits.');

    const mdf = refuse('initiatives.upsert', { planId: 'J-1', fields: { mdf_investment: 12.5 } });
    expect(mdf.message).toBe('The MDF investment must be a whole amount of money (no fractions of a cent).');
  });

  it('replaces zod’s own messages with sentences made from the issue', () => {
    const bands = refuse('health.settings.set', {
      settings: {
        weights: { revenue: 30, pipeline: 20, engagement: 20, enablement: 15, satisfaction: 15 },
        bands: { healthy: 70, watch: null },
        risk: { high: 0.5, medium: 0.2 },
      },
    });
    expect(bands.message).toBe("Watch threshold can't be empty; fill it in.");
    expect(bands.issues[0]!.path).toBe('settings.bands.watch');

    const order = refuse('health.settings.set', {
      settings: {
        weights: { revenue: 30, pipeline: 20, engagement: 20, enablement: 15, satisfaction: 10 },
        bands: { healthy: 50, watch: 60 },
        risk: { high: 0.5, medium: 0.2 },
      },
    });
    expect(order.message).toBe(
      'The five health weights must add up to 100; change one so that they do. The Watch threshold must be below the Healthy threshold.',
    );

    const capacity = refuse('actions.updateSettings', { todayCapacity: 500 });
    expect(capacity.message).toBe('Today capacity can be at most 50.');

    const zero = refuse('actions.updateSettings', { todayCapacity: 0.5 });
    expect(zero.message).toBe('Today capacity must be a whole number.');

    const scope = refuse('actions.list', { scope: 'everyone' });
    expect(scope.message).toBe('Book must be one of mine or all.');

    const extra = refuse('sync.runs', { limit: 10, evil: true });
    expect(extra.message).toBe("'evil' is not something that can be set.");

    const interval = refuse('sync.settings.set', { intervalMinutes: 5000 });
    expect(interval.message).toBe('Sync interval must be at most 24 hours.');

    const date = refuse('health.portfolio', { asOf: '2026-02-30' });
    expect(date.message).toBe('Date: 2026-02-30 is not a real date (that month has 28 days).');
  });

  it('never lets developer text through for any refused input of these methods', () => {
    const cases: [MethodName, unknown][] = [
      ['plans.update', { id: 'J-1', fields: { summary: 7 } }],
      ['plans.create', { partnerId: '', period: 'FY1800', from: 'nope' }],
      ['objectives.upsert', { planId: 'J-1', fields: { weight: 'heavy', metric: 'vibes', custom_actual: null, baseline: -Infinity } }],
      ['initiatives.upsert', { planId: 'J-1', fields: { due_date: '2026-13-01', owner_side: 'them', mdf_investment: -1 } }],
      ['actions.setState', { key: 'x', partnerId: 'P-1', state: 'gone' }],
      ['actions.updateSettings', { stalledDays: -3, engagementDropShare: 2 }],
      ['sync.runs', { limit: 0 }],
      ['records.edit', { entity: 'jbp_objective', id: 'O-1', fields: { target: 1e18, weight: null } }],
    ];
    for (const [method, input] of cases) {
      const { message, issues } = refuse(method, input);
      expect(message, method).not.toMatch(DEVELOPER_TEXT);
      for (const i of issues) {
        expect(i.message, `${method} ${i.path}`).toMatch(/^[A-Z'“]/);
        expect(i.message, `${method} ${i.path}`).toMatch(/[.…]$/);
      }
    }
  });

  it('labels fields by method, by parent and by key, and humanizes the rest', () => {
    expect(fieldLabel(['fields', 'title'], 'objectives.upsert')).toBe('Objective title');
    expect(fieldLabel(['settings', 'weights', 'revenue'])).toBe('Revenue weight');
    expect(fieldLabel(['fields', 'mdf_investment'])).toBe('MDF investment');
    expect(fieldLabel(['regExpiringWindow'])).toBe('Reg expiring window');
    expect(fieldLabel(['ids', 2])).toBe('Records, item 3');
    expect(fieldLabel([])).toBe('This value');
    // Keys a caller chose (a record's keys) are never looked up on Object.prototype: a
    // mapping column named "constructor" threw "label.toLowerCase is not a function".
    expect(fieldLabel(['columns', 'constructor'])).toBe('Constructor');
    expect(fieldLabel(['toString'], 'hasOwnProperty')).toBe('To string');
    expect(issueSentence({ code: 'custom', path: ['values', 'constructor'], message: 'is not a known value' } as never)).toBe('Constructor is not a known value.');
  });

  it('an input without the id of the record it is about says which kind of record, not "fill it in"', () => {
    expect(refuse('plans.get', {}).message).toBe('Say which plan: its id is missing.');
    expect(refuse('plans.delete', { id: '' }).message).toBe('Say which plan: its id is empty.');
    expect(refuse('partners.get', {}).message).toBe('Say which partner: its id is missing.');
    expect(refuse('voice.partner', { id: '' }).message).toBe('Say which partner: its id is empty.');
    expect(refuse('objectives.delete', { id: null }).message).toBe('Say which objective: its id is missing.');
    expect(refuse('workspaces.switch', {}).message).toBe('Say which workspace: its id is missing.');
    expect(refuse('qbr.notes.delete', {}).message).toBe('Say which note: its id is missing.');
    // Other problems with an id keep naming the field.
    expect(refuse('partners.get', { id: 'P'.repeat(65) }).message).toBe('Partner id can be at most 64 characters; shorten it.');
  });

  it('keeps a sentence a schema wrote for a person, and completes a fragment', () => {
    expect(issueSentence({ code: 'custom', path: ['x'], message: 'Give the plan a title.' })).toBe('Give the plan a title.');
    expect(issueSentence({ code: 'custom', path: ['intervalMinutes'], message: 'at least 1 minute' })).toBe('Sync interval must be at least 1 minute.');
    expect(issueSentence({ code: 'custom', path: ['id'], message: 'must be a number' })).toBe('Record must be a number.');
  });
});
