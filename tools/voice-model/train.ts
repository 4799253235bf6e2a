/**
 * Trains the learned tone model (ARCHITECTURE §11) and writes its weights:
 *
 *   npx tsx tools/voice-model/train.ts            choose by validation, train on all, write
 *   npx tsx tools/voice-model/train.ts --dry-run  print the validation table only
 *   npx tsx tools/voice-model/train.ts --candidate '{"stems":true,"sides":true,"l2":0.5,"minCount":1}'
 *                                                 one candidate only (judged, then trained and written)
 *
 * Reads the hand-labelled comments in resources/voice/labelled-comments.json (written from
 * the fixtures by tools/voice-model/corpus.ts). Each candidate (which features, the L2
 * penalty, how often a word must occur) is judged on each set written apart from the rest
 * (SEPARATE_SETS: final-check-2, final-check-3, training-2), trained on every other set; the
 * candidate with the best mean is trained on every comment and written to
 * resources/voice/tone-model.json, with its 10-fold cross-validation for the record.
 * test/unit/voice/final-check-4.ts, final-check-5.ts and final-check-6.ts are never read here.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_VOICE_SETTINGS, type SentimentTone } from '../../src-shared/methods/voice';
import { ruleSentiment } from '../../src-main/services/voice/sentiment';
import { type FeatureSpec, type RuleReading, toneFeatures } from '../../src-main/services/voice/tone-features';
import type { ToneModel } from '../../src-main/services/voice/tone-model';
import { TRAINING_3 } from '../../test/unit/voice/training-3';
import { crossValidate, type Example, fit, type FitOptions, holdOut } from './fit';

const ROOT = resolve(import.meta.dirname, '../..');
const CORPUS = resolve(ROOT, 'resources/voice/labelled-comments.json');
const OUT = resolve(ROOT, 'resources/voice/tone-model.json');

interface Labelled {
  set: string;
  text: string;
  tone: SentimentTone;
}

export function readCorpus(): { comments: Labelled[]; digest: string } {
  const raw = JSON.parse(readFileSync(CORPUS, 'utf8')) as { comments: Labelled[] };
  const digest = createHash('sha256')
    .update(JSON.stringify(raw.comments.map((c) => [c.text, c.tone])))
    .digest('hex')
    .slice(0, 16);
  return { comments: raw.comments, digest };
}

/** The sets written apart from the rest, each after the ones before it: the model is chosen by how it does on each of them when trained on all the others. */
const SEPARATE_SETS = ['final-check-2', 'final-check-3', 'training-2', ...Object.keys(TRAINING_3)];

const pct = (r: { right: number; total: number }) => `${r.right}/${r.total} (${((100 * r.right) / r.total).toFixed(1)}%)`;

function main(argv: string[]): void {
  const { comments, digest } = readCorpus();
  const rules = new Map<string, RuleReading>(
    comments.map((c) => {
      const r = ruleSentiment(c.text, DEFAULT_VOICE_SETTINGS);
      return [c.text, { model: r.model, balance: r.balance, wait: r.wait, up: r.up, down: r.down }];
    }),
  );
  const examples = (spec: FeatureSpec, list: readonly Labelled[]): Example[] => list.map((c) => ({ x: toneFeatures(c.text, rules.get(c.text)!, spec), y: c.tone }));
  const candidates: { spec: FeatureSpec; o: FitOptions }[] = [];
  // An earlier choice by cross-validation scored 90% there and 64% on final-check-3, written
  // later: the model is chosen by the sets written apart (below) since. Leaving function words
  // ("we", "a", "the") out of the features and penalties of 8 and 24 were tried on 585
  // comments (2026-12-01) and did no better on those sets; the grid keeps what could win.
  // On 1,585 comments (2026-12-01) candidates with word pairs did about as well as without
  // (mean 77.0–78.7% against 76.9–78.3%): the grid keeps them and the cues, and tries word
  // stems and the rule's sides (16 candidates, about 2 minutes).
  for (const stems of [false, true])
    for (const sides of [false, true])
      for (const l2 of [0.5, 1]) for (const minCount of [1, 2]) candidates.push({ spec: { bigrams: true, conceded: false, model: true, cues: true, sides, stems }, o: { l2, minCount } });
  // --candidate '{"stems":true,"sides":true,"l2":0.5,"minCount":1}': that candidate only (a grid
  // already run with --dry-run need not run again to write the weights).
  const only = argv.indexOf('--candidate');
  if (only >= 0) {
    const want = JSON.parse(argv[only + 1] ?? '{}') as { stems?: boolean; sides?: boolean; l2?: number; minCount?: number };
    const kept = candidates.filter((c) => !!c.spec.stems === !!want.stems && c.spec.sides === !!want.sides && c.o.l2 === want.l2 && c.o.minCount === want.minCount);
    if (kept.length === 0) throw new Error(`No candidate is ${argv[only + 1]}.`);
    candidates.splice(0, candidates.length, ...kept);
  }
  // Each set written at its own time (after the earlier sets) is judged by a model trained on
  // every other set: the closest this corpus comes to comments the model has never seen.
  const judgedSets = SEPARATE_SETS.filter((set) => comments.some((c) => c.set === set));
  type Judged = { spec: FeatureSpec; o: FitOptions; held: { right: number; total: number }[]; mean: number };
  let best: Judged | null = null;
  const judged: Judged[] = [];
  console.log(`stems sides    l2 min   ${judgedSets.map((x) => x.padEnd(22)).join('')}mean`);
  for (const c of candidates) {
    const held = judgedSets.map((set) =>
      holdOut(
        examples(c.spec, comments.filter((x) => x.set !== set)),
        examples(c.spec, comments.filter((x) => x.set === set)),
        c.o,
      ),
    );
    const mean = held.reduce((a, h) => a + h.right / h.total, 0) / held.length;
    const flag = (b: boolean | undefined) => (b ? 'yes' : 'no ').padEnd(6);
    console.log(`${flag(c.spec.stems)}${flag(c.spec.sides)}${String(c.o.l2).padStart(5)} ${c.o.minCount}     ${held.map((h) => pct(h).padEnd(22)).join('')}${(100 * mean).toFixed(1)}%`);
    if (!best || mean > best.mean) best = { ...c, held, mean };
    judged.push({ ...c, held, mean });
  }
  if (!best) throw new Error('No candidate model.');
  // Means a point apart are noise at this size (a point is about 25 comments): the best
  // candidate's features and penalty keeping only words seen at least twice are taken when
  // within a point of it, a model about a third the size (7,402 features against 25,286 on
  // 2,585 comments).
  const top = best;
  const smaller = judged.find((c) => c.o.minCount === 2 && c.o.l2 === top.o.l2 && JSON.stringify(c.spec) === JSON.stringify(top.spec));
  if (smaller && top.o.minCount < 2 && top.mean - smaller.mean <= 0.01) best = smaller;
  const cv = crossValidate(examples(best.spec, comments), best.o);
  const heldText = judgedSets.map((set, i) => `${set} ${pct(best.held[i]!)}`).join(', ');
  console.log(`chosen: ${JSON.stringify(best.spec)} l2 ${best.o.l2}, min count ${best.o.minCount}: each set judged by a model trained on the others: ${heldText}; 10-fold CV ${pct(cv)}`);
  if (argv.includes('--dry-run')) return;
  const fitted = fit(examples(best.spec, comments), best.o);
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  const weights: Record<string, [number, number, number]> = {};
  for (const [k, w] of [...fitted.weights].sort(([a], [b]) => a.localeCompare(b))) weights[k] = [r4(w[0]), r4(w[1]), r4(w[2])];
  const model: ToneModel = {
    about: 'The learned tone model of partner comments: weights of a multinomial logistic regression (negative, neutral, positive), generated by tools/voice-model/train.ts from resources/voice/labelled-comments.json. Do not edit by hand.',
    spec: best.spec,
    l2: best.o.l2,
    minCount: best.o.minCount,
    validation: {
      crossValidation: `10-fold stratified cross-validation over ${comments.length} comments: tone ${pct(cv)}`,
      heldOutSets: `each set judged by a model trained on the other sets: tone ${heldText}`,
    },
    corpus: { comments: comments.length, digest },
    bias: [r4(fitted.bias[0]), r4(fitted.bias[1]), r4(fitted.bias[2])],
    weights,
  };
  const lines = Object.entries(weights).map(([k, w]) => `    ${JSON.stringify(k)}: ${JSON.stringify(w)}`);
  const { weights: _omit, ...head } = model;
  const headJson = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  writeFileSync(OUT, `${headJson},\n  "weights": {\n${lines.join(',\n')}\n  }\n}\n`);
  console.log(`wrote ${OUT}: ${lines.length} features`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'train.ts')) main(process.argv.slice(2));
