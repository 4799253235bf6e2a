/**
 * Portfolio columns from `ropi.book` (issue 16): attributed revenue and ROPI over the last
 * four complete quarters, both hidden by default and offered in the column chooser.
 */
import { formatRopi } from '../../../src-shared/ropi-formula';
import type { ScoredColumnDef } from './columns';

export const ROPI_COLUMNS: ScoredColumnDef[] = [
  {
    id: 'attributed',
    label: 'Attributed',
    menuLabel: 'Attributed revenue, last 4 quarters',
    title: 'Won revenue credited to the partner by the attribution rule (Settings → ROPI), last 4 complete quarters',
    width: 96,
    numeric: true,
    descFirst: true,
    defaultHidden: true,
    section: 'health',
    sort: (r) => r.ropi?.trailing.attributed ?? -1,
    view: (r, money) => ({ text: r.ropi ? money.short(r.ropi.trailing.attributed, r.currency) : '—' }),
    csv: (r) => (r.ropi ? r.ropi.trailing.attributed / 100 : ''),
    csvLabel: 'Attributed revenue last 4 quarters (major units)',
  },
  {
    id: 'ropi',
    label: 'ROPI',
    menuLabel: 'ROPI, last 4 quarters',
    title: 'Return on partner investment, last 4 complete quarters: attributed revenue ÷ investment (MDF where the book holds it, plus CAM time); the formula is on the partner page',
    width: 76,
    numeric: true,
    descFirst: true,
    defaultHidden: true,
    section: 'health',
    sort: (r) => r.ropi?.trailing.ropi ?? -1,
    inner: true,
    view: (r, money) =>
      r.ropi
        ? { text: formatRopi(r.ropi.trailing.ropi), title: `${money.short(r.ropi.trailing.attributed, r.currency)} ÷ ${money.short(r.ropi.trailing.investment, r.currency)}` }
        : { text: '—' },
    csv: (r) => (r.ropi?.trailing.ropi != null ? Math.round(r.ropi.trailing.ropi * 100) / 100 : ''),
  },
];
