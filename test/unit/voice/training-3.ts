/**
 * Training set 3: 2,000 partner comments in eight voices, each written and labelled apart by a
 * helper from the labelling rules only (see each file). Keyed by the set name the corpus
 * (tools/voice-model/corpus.ts) and the trainer's validation use.
 */
import type { Labelled } from './comments';
import { TRAINING_3_EXECS } from './training-3-execs';
import { TRAINING_3_GLOBAL } from './training-3-global';
import { TRAINING_3_MSP } from './training-3-msp';
import { TRAINING_3_NOTES } from './training-3-notes';
import { TRAINING_3_RESELLERS } from './training-3-resellers';
import { TRAINING_3_SUBTLE } from './training-3-subtle';
import { TRAINING_3_TRICKY } from './training-3-tricky';
import { TRAINING_3_VERTICALS } from './training-3-verticals';

export const TRAINING_3: Record<string, readonly Labelled[]> = {
  'training-3-resellers': TRAINING_3_RESELLERS,
  'training-3-msp': TRAINING_3_MSP,
  'training-3-global': TRAINING_3_GLOBAL,
  'training-3-notes': TRAINING_3_NOTES,
  'training-3-verticals': TRAINING_3_VERTICALS,
  'training-3-subtle': TRAINING_3_SUBTLE,
  'training-3-tricky': TRAINING_3_TRICKY,
  'training-3-execs': TRAINING_3_EXECS,
};
