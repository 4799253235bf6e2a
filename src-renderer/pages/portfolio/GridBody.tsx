/**
 * The virtualized body of the portfolio grid. Rows are absolutely positioned divs of a
 * fixed height with `contain: strict`, so a frame lays out only the rows that changed.
 *
 * Scrolling does not go through React. The virtualizer (TanStack's core) reports a new
 * window of rows from its scroll listener, and the body paints it there and then, before
 * the frame is drawn: each row on screen is a slot (rows.ts) whose elements stay, and a
 * row scrolled in rewrites only the text and attributes that differ. React renders this
 * component when the rows, columns, selection or money display change, and the body is
 * painted again after that render. While a scroll is under way the slots keep their
 * places in the document; when it settles they are put in screen order, so the document
 * order (what assistive technology and `first()` read) follows the rows again.
 */
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer, type VirtualizerOptions } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { useMoney } from '../../lib/money';
import type { ColumnDef } from './columns';
import { groupSlot, paintSlot, rowSlot, type PaintContext, type Slot } from './rows';
import type { Item } from './view';

export const ROW_HEIGHT = 34;
export const GROUP_HEIGHT = 38;
export const HEADER_HEIGHT = 34;

export interface GridHandle {
  scrollToIndex: (i: number) => void;
}

/** Rows drawn beyond each edge of the window: enough for a wheel step (136 px). */
const OVERSCAN = 4;

type Options = VirtualizerOptions<HTMLDivElement, Element>;

interface Latest extends PaintContext {
  items: Item[];
}

export const GridBody = memo(function GridBody({
  items,
  columns,
  selectedId,
  collapsed,
  onOpen,
  onToggleGroup,
  handleRef,
  initialOffset,
}: {
  items: Item[];
  columns: ColumnDef[];
  selectedId: string | null;
  collapsed: Set<string>;
  onOpen: (id: string) => void;
  onToggleGroup: (key: string) => void;
  handleRef: RefObject<GridHandle | null>;
  initialOffset: number;
}) {
  const money = useMoney();
  const bodyRef = useRef<HTMLDivElement | null>(null);
  // The grid element that scrolls the body: found from the body in the first layout effect,
  // so the rows are painted in the commit that puts the page on screen (the grid's own
  // ref is set only after its children's layout effects have run).
  const scrollEl = useRef<HTMLDivElement | null>(null);
  // What the painter reads: the props of the last render.
  const latest = useRef<Latest>({ items, columns, money, selectedId, collapsed });
  latest.current = { items, columns, money, selectedId, collapsed };
  const slots = useRef<Slot[]>([]);
  // What the slots were last painted with as a whole: a change repaints every slot.
  const paintedWith = useRef<{ columns: ColumnDef[]; money: unknown } | null>(null);

  const [painter] = useState(() => {
    const paint = (v: Virtualizer<HTMLDivElement, Element>) => {
      const body = bodyRef.current;
      if (!body) return;
      const ctx = latest.current;
      const pool = slots.current;
      const was = paintedWith.current;
      if (!was || was.columns !== ctx.columns) {
        // Other columns: rows of the new shape.
        for (const s of pool) s.el.remove();
        pool.length = 0;
      }
      const repaint = !was || was.money !== ctx.money;
      paintedWith.current = { columns: ctx.columns, money: ctx.money };

      body.style.height = `${Math.max(0, v.getTotalSize() - HEADER_HEIGHT)}px`;
      const virtual = v.getVirtualItems();
      const n = virtual.length;
      // Slot i shows the rows whose index is i modulo the rows on screen, so a row that
      // stays on screen keeps its slot and is not painted again.
      while (pool.length > n) pool.pop()!.el.remove();
      for (const vi of virtual) {
        const item = ctx.items[vi.index];
        if (!item) continue;
        const at = vi.index % n;
        const slot = pool[at];
        const top = vi.start - HEADER_HEIGHT;
        if (!slot || !paintSlot(slot, item, top, ctx, repaint)) {
          const fresh = item.kind === 'group' ? groupSlot() : rowSlot(ctx.columns);
          if (slot) slot.el.replaceWith(fresh.el);
          else body.appendChild(fresh.el);
          pool[at] = fresh;
          paintSlot(fresh, item, top, ctx, true);
        }
      }
      // At rest, the document order follows the screen order again.
      if (!v.isScrolling && n > 0) {
        const first = virtual[0]!.index % n;
        if (body.firstElementChild !== pool[first]?.el) {
          for (let k = 0; k < n; k++) {
            const s = pool[(first + k) % n];
            if (s) body.appendChild(s.el);
          }
        }
      }
    };
    const options = (initial: number): Options => ({
      count: latest.current.items.length,
      getScrollElement: () => scrollEl.current,
      estimateSize: (i) => (latest.current.items[i]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
      getItemKey: (i) => {
        const it = latest.current.items[i];
        return !it ? i : it.kind === 'group' ? `g:${it.key}` : it.row.id;
      },
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      overscan: OVERSCAN,
      // The sticky header sits above the body inside the scroll element.
      scrollMargin: HEADER_HEIGHT,
      scrollPaddingStart: HEADER_HEIGHT,
      initialOffset: initial,
      // Until the grid is measured: no taller than the window.
      initialRect: { width: window.innerWidth, height: window.innerHeight },
      // Called from the scroll listener with the new window: paint it before the frame.
      onChange: (v) => paint(v),
    });
    const virtualizer = new Virtualizer<HTMLDivElement, Element>(options(initialOffset));
    return { virtualizer, options, paint };
  });
  const { virtualizer } = painter;

  // Before paint on every render: the virtualizer learns the new rows (and, the first
  // time, the scroll element), and the body is painted with them.
  useLayoutEffect(() => {
    scrollEl.current = bodyRef.current?.closest<HTMLDivElement>('[role="grid"]') ?? null;
    return virtualizer._didMount();
  }, [virtualizer]);
  useLayoutEffect(() => {
    virtualizer.setOptions(painter.options(initialOffset));
    // The first time, the rows a window-high grid shows are painted before the grid is
    // measured: the page is laid out once with its rows, not once without and again with.
    if (!paintedWith.current) painter.paint(virtualizer);
    virtualizer._willUpdate();
    painter.paint(virtualizer);
  });
  useEffect(() => {
    handleRef.current = { scrollToIndex: (i) => virtualizer.scrollToIndex(i, { align: 'auto' }) };
  }, [handleRef, virtualizer]);

  // One listener for every row: no closure per row.
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-partner-id], [data-group]');
    if (!el) return;
    if (el.dataset.group !== undefined) onToggleGroup(el.dataset.group);
    else if (el.dataset.partnerId) onOpen(el.dataset.partnerId);
  };

  // The rows inside are the painter's, not React's: React renders the body and its size.
  return <div className="pf-body" role="rowgroup" ref={bodyRef} onClick={onClick} />;
});
