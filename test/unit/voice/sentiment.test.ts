/**
 * The sentiment rule's parts that read channel talk a general model misses (ARCHITECTURE §11):
 * a slow process told without an opinion word, "outstanding" as unpaid, clauses joined by a
 * semicolon or ", while", and a clause about the past. Sentences written for this test, in
 * none of the labelled fixtures.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VOICE_SETTINGS as S } from '../../../src-shared/methods/voice';
import { slowProcess } from '../../../src-main/services/voice/delay';
import { clausesOf, ruleSentiment, sentimentOf } from '../../../src-main/services/voice/sentiment';

const tone = (text: string) => sentimentOf(text, S).tone;

describe('voice sentiment: channel talk', () => {
  it('reads a wait counted in days, weeks or reminders as a complaint, and a short one as none', () => {
    expect(slowProcess('the q2 accrual has been pending for eight weeks now.')).toBe('pending for eight weeks');
    expect(tone('The Q2 accrual has been pending for eight weeks now.')).toBe('negative');
    expect(tone('Getting the demo licence took six emails.')).toBe('negative');
    expect(slowProcess('the accrual was paid within two weeks.')).toBeNull();
    expect(slowProcess('onboarding only took two days.')).toBeNull();
    expect(slowProcess('the renewal took under a week.')).toBeNull();
    expect(slowProcess('the claim has sat under review for six weeks.')).toBe('sat under review for six weeks');
    expect(tone('Our accrual was paid within two weeks.')).toBe('positive');
  });

  it('reads "outstanding" as unpaid when it is still or remains so, and as praise otherwise', () => {
    expect(tone('Two of our rebate payments remain outstanding.')).toBe('negative');
    expect(tone('The launch webinar was outstanding.')).toBe('positive');
  });

  it('does not read tier names and channel nouns as praise', () => {
    expect(tone('We moved from silver to gold in March.')).toBe('neutral');
    expect(sentimentOf('Which platinum requirements apply to us?', S).model).toBe(0);
  });

  it('splits clauses at semicolons and ", while", and counts a clause about the past for less', () => {
    expect(clausesOf('quoting is quick; invoicing is slow').map((c) => [c.text, c.weight])).toEqual([
      ['quoting is quick', 1],
      ['invoicing is slow', 1],
    ]);
    expect(clausesOf('rebates are simple, while claims are confusing').map((c) => c.weight)).toEqual([0.8, 1]);
    expect(clausesOf('the desk used to be slow; now it is quick').map((c) => c.weight)).toEqual([0.5, 1]);
    // The rule reads the past clause for half and the comment as positive; the learned tone
    // model, which reads the rule's positive and negative clauses apart, reads it as mixed.
    expect(ruleSentiment('The licensing desk used to be confusing; these days it is quick.', S).tone).toBe('positive');
  });
});
