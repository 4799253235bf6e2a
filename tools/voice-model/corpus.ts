/**
 * Writes resources/voice/labelled-comments.json, the tone model's training corpus, from the
 * hand-labelled fixtures in test/unit/voice/ (each comment with the set it came from):
 *
 *   npx tsx tools/voice-model/corpus.ts
 *
 * final-check-4.ts, final-check-5.ts and final-check-6.ts are never read here: they judge the
 * model (test/unit/voice/classify.test.ts).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMMENTS, HELD_OUT, type Labelled } from '../../test/unit/voice/comments';
import { FINAL_CHECK } from '../../test/unit/voice/final-check';
import { FINAL_CHECK_2 } from '../../test/unit/voice/final-check-2';
import { FINAL_CHECK_3 } from '../../test/unit/voice/final-check-3';
import { HELD_OUT_LARGE } from '../../test/unit/voice/held-out';
import { TRAINING_2 } from '../../test/unit/voice/training-2';
import { TRAINING_3 } from '../../test/unit/voice/training-3';

/** The corpus's sets, in the order they were written. */
export const CORPUS_SETS: Record<string, readonly Labelled[]> = {
  comments: COMMENTS,
  'held-out': HELD_OUT,
  'held-out-large': HELD_OUT_LARGE,
  'final-check': FINAL_CHECK,
  'final-check-2': FINAL_CHECK_2,
  'final-check-3': FINAL_CHECK_3,
  'training-2': TRAINING_2,
  ...TRAINING_3,
};

const ABOUT =
  'Hand-labelled partner comments (issue 16 point 4): the fixtures of test/unit/voice/ (comments.ts, held-out.ts, final-check.ts, final-check-2.ts, final-check-3.ts, training-2.ts, training-3-*.ts), each with the set it came from, written by tools/voice-model/corpus.ts. The learned tone model is trained on them by tools/voice-model/train.ts. final-check-4.ts, final-check-5.ts and final-check-6.ts are not here: they judge the model.';

export function corpusComments(): { set: string; text: string; tone: Labelled['tone']; themes: Labelled['themes'] }[] {
  return Object.entries(CORPUS_SETS).flatMap(([set, list]) => list.map((c) => ({ set, text: c.text, tone: c.tone, themes: c.themes })));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'corpus.ts')) {
  const out = resolve(import.meta.dirname, '../../resources/voice/labelled-comments.json');
  const comments = corpusComments();
  const lines = comments.map((c) => `    ${JSON.stringify(c)}`);
  writeFileSync(out, `{\n  "about": ${JSON.stringify(ABOUT)},\n  "comments": [\n${lines.join(',\n')}\n  ]\n}\n`);
  console.log(`wrote ${out}: ${comments.length} comments`);
}
