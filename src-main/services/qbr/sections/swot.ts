/** The SWOT slide: its talking points. The data: ../narrative.ts. */
import { section, type SectionBuilder } from './define';

export const buildSwot: SectionBuilder<'swot'> = (x) =>
  section(x, 'swot', 'Derived from the figures in this pack', x.swot, {
    say: ['Every point here comes from the figures in this review; invite the partner to add their own.'],
    ask: ['What would you add to this picture from your side?'],
    internal: [],
  });
