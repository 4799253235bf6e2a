/**
 * Sentiment and themes against hand-labelled comments (issue 16 point 4: at least 85% must
 * match). The tone is a model learned from COMMENTS, HELD_OUT, HELD_OUT_LARGE, FINAL_CHECK,
 * FINAL_CHECK_2, FINAL_CHECK_3, TRAINING_2 and the eight TRAINING_3 sets
 * (resources/voice/labelled-comments.json), and the theme lexicon was widened on them, so the
 * rates on those sets are those of a classifier on its own training data: the honest figures
 * are its held-out sets (tone-model.test.ts), FINAL_CHECK_5 and FINAL_CHECK_6, which it never saw. A comment
 * matches when its tone (negative / neutral / positive) and its set of themes both equal the
 * hand label. Misses are printed, so the rate can be read and judged.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VOICE_SETTINGS, VOICE_THEMES } from '../../../src-shared/methods/voice';
import { matchThemes } from '../../../src-main/services/voice/lexicon';
import { sentimentOf } from '../../../src-main/services/voice/sentiment';
import { COMMENTS, HELD_OUT, type Labelled } from './comments';
import { FINAL_CHECK } from './final-check';
import { FINAL_CHECK_2 } from './final-check-2';
import { FINAL_CHECK_3 } from './final-check-3';
import { FINAL_CHECK_4 } from './final-check-4';
import { TRAINING_2 } from './training-2';
import { TRAINING_3 } from './training-3';
import { FINAL_CHECK_5 } from './final-check-5';
import { FINAL_CHECK_6 } from './final-check-6';
import { RELABELLED_A, RELABELLED_B, type SecondLabel } from './final-check-4-relabelled';
import { HELD_OUT_LARGE } from './held-out';

function judge(list: readonly Labelled[]) {
  const misses: string[] = [];
  let tone = 0;
  let themes = 0;
  for (const c of list) {
    const s = sentimentOf(c.text, DEFAULT_VOICE_SETTINGS);
    const t = matchThemes(c.text, DEFAULT_VOICE_SETTINGS);
    const want = VOICE_THEMES.filter((x) => c.themes.includes(x));
    const toneOk = s.tone === c.tone;
    const themesOk = JSON.stringify(t.themes) === JSON.stringify(want);
    if (toneOk) tone++;
    if (themesOk) themes++;
    if (!toneOk || !themesOk)
      misses.push(
        `  "${c.text}"\n    tone ${s.tone} (${s.score}; model ${s.model.toFixed(2)}, cues ${s.cues.map((x) => `${x.sign > 0 ? '+' : '−'}${x.term}`).join(' ') || 'none'}) want ${c.tone}; themes [${t.themes.join(', ')}] (${t.terms.map((x) => x.term).join(', ')}) want [${want.join(', ')}]`,
      );
  }
  const rate = (list.length - misses.length) / list.length;
  const line = `${list.length - misses.length}/${list.length} comments match the hand labels (${(rate * 100).toFixed(1)}%); tone ${tone}/${list.length}, themes ${themes}/${list.length}`;
  return { rate, text: line + (misses.length ? `\nMisses:\n${misses.join('\n')}` : '') };
}

describe('voice of the partner: sentiment and themes on hand-labelled comments', () => {
  it('matches the hand labels for at least 85% of at least 40 comments', () => {
    expect(COMMENTS.length).toBeGreaterThanOrEqual(40);
    const r = judge(COMMENTS);
    console.log(`[voice] ${r.text}`);
    expect(r.rate).toBeGreaterThanOrEqual(0.85);
  });

  it('does fairly on comments the lexicon was not tuned on', () => {
    const r = judge(HELD_OUT);
    console.log(`[voice] held out: ${r.text}`);
    expect(r.rate).toBeGreaterThanOrEqual(0.6);
  });

  // Written and labelled before the scoring was changed (47.1% then); its misses were read
  // while the rule was made more general (82.9%, then 91.4%), so its rate flatters the rule:
  // final-check-2 below is the honest figure. The floor guards against going back.
  it('does fairly on the 140 held-out comments', () => {
    expect(HELD_OUT_LARGE.length).toBeGreaterThanOrEqual(120);
    const r = judge(HELD_OUT_LARGE);
    console.log(`[voice] held out (140): ${r.text}`);
    expect(r.rate).toBeGreaterThanOrEqual(0.9);
  });

  // Labelled after the previous change and run once (66.7% then); its misses were read while
  // the rule was changed again (86.7% now), so it is no longer an unseen figure: printed only.
  it('prints the final check', () => {
    const r = judge(FINAL_CHECK);
    console.log(`[voice] final check (30): ${r.text}`);
    expect(FINAL_CHECK.length).toBe(30);
  });

  // Written, labelled and committed before the classifier was first run on it, after the
  // last change to the rule: 42/70 (60.0%; tone 47/70, themes 62/70), under the 85% bar.
  // Printed, not asserted: an assertion would invite tuning on it, and a change made after
  // reading its misses makes it a seen set like the others. The learned tone model is trained
  // on it (held out while the model was chosen: 58/70 tone then, see tone-model.json).
  it('prints the second final check', () => {
    const r = judge(FINAL_CHECK_2);
    console.log(`[voice] final check 2 (70): ${r.text}`);
    expect(FINAL_CHECK_2.length).toBe(70);
  });

  // Written, labelled and committed (a7a2850) before any classifier was run on it. The rule
  // alone: 30/80 (37.5%; tone 43/80, themes 55/80). The learned tone model, chosen by
  // cross-validation without reading it, run on it once: 33/80 (41.3%; tone 51/80 = 63.8%,
  // themes 55/80), under the 85% bar. On 2026-12-01 its misses were read while the theme
  // lexicon was widened, and the tone model is trained on it since: a seen set, printed.
  it('prints the third final check', () => {
    const r = judge(FINAL_CHECK_3);
    console.log(`[voice] final check 3 (80): ${r.text.split('\n')[0]}`);
    expect(FINAL_CHECK_3.length).toBe(80);
  });

  // 200 comments written from the labelling rules by someone who had not seen the classifier
  // (2026-12-01); their misses were read while the lexicon was widened, and the tone model is
  // trained on them: a seen set, printed.
  it('prints the second training set', () => {
    const r = judge(TRAINING_2);
    console.log(`[voice] training 2 (200): ${r.text.split('\n')[0]}`);
    expect(TRAINING_2.length).toBe(200);
  });

  // 2,000 comments in eight voices (2026-12-01), each set written from the labelling rules by
  // someone who had not seen the classifier: the tone model is trained on them and the theme
  // lexicon was widened from them (tools/voice-model/lexicon-mine.ts). Seen sets, printed.
  it('prints the third training sets', () => {
    for (const [set, list] of Object.entries(TRAINING_3)) {
      const r = judge(list);
      console.log(`[voice] ${set} (${list.length}): ${r.text.split('\n')[0]}`);
      expect(list.length).toBe(250);
    }
  });

  // 100 comments written from the labelling rules by someone who had not seen the classifier,
  // committed (c5df8a6) before any classifier was run on them; run once: 61/100 (61.0%; tone
  // 76/100, themes 80/100). On 2026-12-01 its misses were read (and two independent labellers,
  // given the rules and the texts alone, agreed with its labels on 97 and 96 of the 100, and
  // with each other on 97), then the classifier was changed: a seen set, printed.
  it('prints the fourth final check', () => {
    const r = judge(FINAL_CHECK_4);
    console.log(`[voice] final check 4 (100): ${r.text.split('\n')[0]}`);
    expect(FINAL_CHECK_4.length).toBe(100);
  });

  // How far people agree on the labels: two more labellings of final-check-4's texts, each made
  // from the rules and the texts alone. Each pair of labellings, and the classifier against each,
  // as the share of comments where tone and themes both agree (on 2026-12-01: 97, 96 and 97 of
  // 100 between people; 58-59 for the classifier as it now stands, 58-61 for the one before).
  // Printed: the gap to 85% is the classifier's, not the labels'.
  it('prints how far independent labellers agree on final-check-4', () => {
    const original: SecondLabel[] = FINAL_CHECK_4.map((c) => ({ tone: c.tone, themes: VOICE_THEMES.filter((t) => c.themes.includes(t)) }));
    const classifier: SecondLabel[] = FINAL_CHECK_4.map((c) => ({ tone: sentimentOf(c.text, DEFAULT_VOICE_SETTINGS).tone, themes: matchThemes(c.text, DEFAULT_VOICE_SETTINGS).themes }));
    const same = (x: SecondLabel[], y: SecondLabel[]) => x.filter((a, i) => a.tone === y[i]!.tone && a.themes.join() === y[i]!.themes.join()).length;
    expect(RELABELLED_A.length).toBe(100);
    expect(RELABELLED_B.length).toBe(100);
    console.log(
      `[voice] final check 4, both labels agree: original and A ${same(original, RELABELLED_A)}/100, original and B ${same(original, RELABELLED_B)}/100, A and B ${same(RELABELLED_A, RELABELLED_B)}/100; ` +
        `the classifier and the original ${same(classifier, original)}/100, A ${same(classifier, RELABELLED_A)}/100, B ${same(classifier, RELABELLED_B)}/100`,
    );
  });

  // 150 comments in four voices written from the labelling rules by someone who had not seen
  // the classifier or any other set, committed (0a67b89) before any classifier was run on them.
  // The classifier as it was, run on it once: 80/150 (53.3%; tone 101, themes 114). Then the
  // TRAINING_3 sets were added, the lexicon widened from them and the tone model retrained
  // (every choice made on the training sets), and this was run once: 97/150 (64.7%; tone
  // 123/150 = 82.0%, themes 117/150 = 78.0%); run again, the same, after 'sync' left the product
  // terms (a CAM's "quick sync" note is not about the product). The honest figure for wording
  // the classifier has not seen, under the 85% bar. Printed, not asserted: its misses are not
  // printed either, so they cannot be read while the classifier is changed.
  it('prints the fifth final check', () => {
    const r = judge(FINAL_CHECK_5);
    console.log(`[voice] final check 5 (150): ${r.text.split('\n')[0]}`);
    expect(FINAL_CHECK_5.length).toBe(150);
  });

  // 150 comments in six voices written the same way by another hand, committed (d6644b4) once
  // the classifier above was settled, before any classifier ran on them; run once: 90/150
  // (60.0%; tone 120/150 = 80.0%, themes 110/150 = 73.3%). With final-check-5: 187/300 (62.3%;
  // tone 81.0%, themes 75.7%). Printed, not asserted; misses not printed.
  it('prints the sixth final check', () => {
    const r = judge(FINAL_CHECK_6);
    console.log(`[voice] final check 6 (150): ${r.text.split('\n')[0]}`);
    expect(FINAL_CHECK_6.length).toBe(150);
  });
});
