/** The peer benchmarks slide: its talking points. The data: ../peers.ts. */
import { section, type SectionBuilder } from './define';

// A partner too new to rank has no benchmarks slide; the reason goes to the summary's notes.
export const buildBenchmarks: SectionBuilder<'benchmarks'> = (x) =>
  section(
    x,
    'benchmarks',
    `Replica: ${x.benchmarks.peers} ${x.tierName} partners in the book`,
    x.benchmarks.tooNew ? null : x.benchmarks,
    {
      say: [
        x.benchmarks.tooNew ? x.benchmarks.tooNewText ?? '' : `Compared with ${x.benchmarks.peers} ${x.tierName} partners over the same period.`,
        ...x.benchmarks.items.filter((b) => b.tone !== 'neutral').map((b) => `${b.statement}: ${b.valueText} vs median ${b.medianText}.`),
      ].filter(Boolean),
      ask: ['Which of these do you want to move by the next review?'],
      internal: ['Peers are anonymous; never name another partner.'],
    },
    x.benchmarks.tooNew ? { message: x.benchmarks.tooNewText } : {},
  );
