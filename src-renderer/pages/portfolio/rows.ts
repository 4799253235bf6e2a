/**
 * The portfolio grid's rows as DOM the grid keeps and rewrites. A scroll frame of a 5,000-row
 * book brings a screenful of new rows; instead of rendering them through React (comparing
 * and committing elements, and moving keyed nodes into order), each row on screen is a
 * slot whose elements stay put: painting a slot writes only the text, classes and
 * attributes that differ from what it shows. See GridBody.tsx for when slots are painted.
 */
import type { MoneyFormat } from '../../../src-shared/format';
import { formatCount } from '../../lib/format';
import { NO_SCORE_TITLE } from '../health/bits';
import type { ColumnDef, Row } from './columns';
import type { GroupItem, Item } from './view';

/** One cell: the cell element, the element holding its text (the cell, or its span), and the text. */
interface CellEls {
  cell: HTMLDivElement;
  holder: HTMLElement;
  /**
   * The cell's one text node, rewritten in place: a new node for every row scrolled in
   * would be a new layout object too, and more for the garbage collector in a fling.
   */
  textNode: Text;
  /** What was last written, so an unchanged value is not written again. */
  cellCls: string;
  text: string;
  cls: string;
  title: string;
  pid: string;
}

/** A group header's elements. */
interface GroupEls {
  caret: HTMLSpanElement;
  name: HTMLElement;
  n: HTMLSpanElement;
  avg: HTMLElement;
  bands: HTMLSpanElement;
  segs: HTMLSpanElement[];
  bandTexts: HTMLSpanElement[];
  revenue: HTMLElement;
  pipeline: HTMLElement;
  high: HTMLElement;
}

export interface Slot {
  el: HTMLDivElement;
  kind: 'row' | 'group';
  cells: CellEls[];
  group: GroupEls | null;
  /** What the slot shows now: painting the same again writes nothing. */
  item: Item | null;
  selected: boolean;
  collapsed: boolean;
  top: number;
}

/** What every slot is painted with. */
export interface PaintContext {
  columns: ColumnDef[];
  money: MoneyFormat;
  selectedId: string | null;
  collapsed: ReadonlySet<string>;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, parent?: HTMLElement): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  parent?.appendChild(e);
  return e;
}

const cellClass = (c: ColumnDef) => (c.numeric ? 'pf-cell num' : 'pf-cell');

export function rowSlot(columns: ColumnDef[]): Slot {
  const row = el('div', 'pf-row');
  row.setAttribute('role', 'row');
  row.dataset.testid = 'portfolio-row';
  const cells = columns.map((c) => {
    const cell = el('div', cellClass(c), row);
    cell.setAttribute('role', 'gridcell');
    cell.dataset.col = c.id;
    const holder = c.inner ? el('span', undefined, cell) : cell;
    const textNode = holder.appendChild(document.createTextNode(''));
    return { cell, holder, textNode, cellCls: cellClass(c), text: '', cls: '', title: '', pid: '' };
  });
  return { el: row, kind: 'row', cells, group: null, item: null, selected: false, collapsed: false, top: Number.NaN };
}

export function groupSlot(): Slot {
  const g = el('div', 'pf-group');
  g.setAttribute('role', 'row');
  g.dataset.testid = 'portfolio-group';
  const caret = el('span', 'hl-caret', g);
  caret.setAttribute('aria-hidden', 'true');
  caret.textContent = '▸';
  const name = el('strong', 'pf-group-name', g);
  const n = el('span', 'pf-group-stat pf-group-n', g);
  const stat = (after: string) => {
    const s = el('span', 'pf-group-stat', g);
    const strong = el('strong', undefined, s);
    s.append(after);
    return strong;
  };
  const avgWrap = el('span', 'pf-group-stat', g);
  avgWrap.append('avg score ');
  const avg = el('strong', undefined, avgWrap);
  const bands = el('span', 'pf-group-bands', g);
  const bar = el('span', 'hl-bandbar', bands);
  bar.setAttribute('aria-hidden', 'true');
  const segs = BANDS.map((b) => el('span', `hl-bandbar-seg band-${b}`, bar));
  const bandTexts = BANDS.map((b) => el('span', `hl-t-${b}`, bands));
  const revenue = stat(' revenue T4Q');
  const pipeline = stat(' pipeline');
  const high = stat(' high churn risk');
  return {
    el: g,
    kind: 'group',
    cells: [],
    group: { caret, name, n, avg, bands, segs, bandTexts, revenue, pipeline, high },
    item: null,
    selected: false,
    collapsed: false,
    top: Number.NaN,
  };
}

const BANDS = ['healthy', 'watch', 'at_risk'] as const;
const BAND_WORDS = { healthy: 'healthy', watch: 'watch', at_risk: 'at risk' } as const;

function setAttr(e: HTMLElement, name: string, value: string, was: string): void {
  if (value === was) return;
  if (value) e.setAttribute(name, value);
  else e.removeAttribute(name);
}

function paintRow(slot: Slot, row: Row, index: number, ctx: PaintContext): void {
  const e = slot.el;
  e.id = `prow-${row.id}`;
  e.dataset.partnerId = row.id;
  e.setAttribute('aria-rowindex', String(index + 2));
  for (let j = 0; j < ctx.columns.length; j++) {
    const c = ctx.columns[j]!;
    const s = slot.cells[j]!;
    const v = c.view(row, ctx.money);
    const extra = c.cellClass?.(row);
    const cellCls = extra ? `${cellClass(c)} ${extra}` : cellClass(c);
    if (cellCls !== s.cellCls) s.cell.className = s.cellCls = cellCls;
    if (v.text !== s.text) s.textNode.data = s.text = v.text;
    if (c.inner) {
      const cls = v.cls ?? '';
      if (cls !== s.cls) s.holder.className = s.cls = cls;
    }
    const title = v.title ?? '';
    setAttr(s.holder, 'title', title, s.title);
    s.title = title;
    const pid = v.pid ?? '';
    setAttr(s.holder, 'data-pid', pid, s.pid);
    s.pid = pid;
  }
}

interface GroupAggregate {
  n: string;
  avg: string;
  bands: Record<(typeof BANDS)[number] | 'no_data', number>;
  revenue: string;
  pipeline: string;
  high: string;
}
const aggregates = new WeakMap<GroupItem, { money: MoneyFormat; agg: GroupAggregate }>();

function aggregate(item: GroupItem, money: MoneyFormat): GroupAggregate {
  const kept = aggregates.get(item);
  if (kept?.money === money) return kept.agg;
  const bands = { healthy: 0, watch: 0, at_risk: 0, no_data: 0 };
  let score = 0;
  let scored = 0;
  let revenue = 0;
  let pipeline = 0;
  let pipelineKnown = true;
  let revenueKnown = true;
  let high = 0;
  let pending = false;
  const currencies = new Set<string>();
  for (const r of item.rows) {
    if (r.pending) {
      pending = true;
      continue;
    }
    bands[r.band]++;
    if (r.band !== 'no_data') {
      score += r.score;
      scored++;
    }
    revenue += r.revenue_t4q;
    pipeline += r.pipeline;
    if (r.pipeline_no_data) pipelineKnown = false;
    if (r.revenue_no_data) revenueKnown = false;
    if (r.risk_level === 'high') high++;
    currencies.add(r.currency);
  }
  const n = item.rows.length;
  const cur = currencies.size === 1 ? [...currencies][0]! : null;
  // A book still arriving: its partners are counted, nothing is summed from part of it.
  const sum = (text: () => string) => (pending ? '…' : text());
  const agg = {
    n: `${formatCount(n)} partners`,
    // Over the group's scored partners: none scored (nothing health counts in the book) is a dash, not 0.
    avg: sum(() => (scored ? String(Math.round(score / scored)) : n ? '—' : '0')),
    bands,
    revenue: sum(() => (!revenueKnown ? 'unknown' : cur ? money.short(revenue, cur) : 'mixed currencies')),
    pipeline: sum(() => (!pipelineKnown ? 'unknown' : cur ? money.short(pipeline, cur) : 'mixed currencies')),
    high: sum(() => formatCount(high)),
  };
  aggregates.set(item, { money, agg });
  return agg;
}

function paintGroup(slot: Slot, item: GroupItem, collapsed: boolean, money: MoneyFormat): void {
  const g = slot.group!;
  const a = aggregate(item, money);
  slot.el.dataset.group = item.key;
  slot.el.setAttribute('aria-expanded', String(!collapsed));
  g.caret.className = collapsed ? 'hl-caret' : 'hl-caret is-open';
  g.name.textContent = item.label;
  g.name.title = item.label;
  g.n.textContent = a.n;
  g.avg.textContent = a.avg;
  // A group with no scored partner (nothing health counts in the book) says so, not "0 healthy · 0 watch · 0 at risk".
  const unscored = BANDS.every((b) => a.bands[b] === 0) && a.bands.no_data > 0;
  g.bands.title = unscored ? NO_SCORE_TITLE : BANDS.map((b) => `${a.bands[b]} ${BAND_WORDS[b]}`).join(' · ');
  BANDS.forEach((b, i) => {
    g.segs[i]!.style.flexGrow = String(a.bands[b]);
    g.segs[i]!.hidden = a.bands[b] === 0;
    g.bandTexts[i]!.textContent = unscored ? (i === 0 ? 'no scores' : '') : `${formatCount(a.bands[b])} ${BAND_WORDS[b]}`;
  });
  g.revenue.textContent = a.revenue;
  g.pipeline.textContent = a.pipeline;
  g.high.textContent = a.high;
}

/**
 * Paints `item` (at list position `index`, `top` px down the body) into `slot`, writing
 * only what changed. Returns false when the slot is of the other kind (row vs group
 * header) and must be replaced first.
 */
export function paintSlot(slot: Slot, item: Item, top: number, ctx: PaintContext, repaint: boolean): boolean {
  if (slot.kind !== (item.kind === 'group' ? 'group' : 'row')) return false;
  if (top !== slot.top) {
    slot.el.style.transform = `translateY(${top}px)`;
    slot.top = top;
  }
  if (item.kind === 'group') {
    const collapsed = ctx.collapsed.has(item.key);
    if (repaint || slot.item !== item || slot.collapsed !== collapsed) paintGroup(slot, item, collapsed, ctx.money);
    slot.collapsed = collapsed;
  } else {
    const selected = item.row.id === ctx.selectedId;
    if (repaint || slot.item !== item) paintRow(slot, item.row, item.index, ctx);
    if (repaint || slot.item !== item || selected !== slot.selected) {
      slot.el.className = selected ? 'pf-row is-selected' : 'pf-row';
      slot.el.setAttribute('aria-selected', String(selected));
      slot.selected = selected;
    }
  }
  slot.item = item;
  return true;
}
