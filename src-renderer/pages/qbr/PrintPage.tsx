/**
 * The QBR pack as a print document: `#/qbr/print?partner=P-00012&quarter=2026-Q3` renders
 * every slide of the pack on its own 13.333in × 7.5in page (16:9), with the same slide
 * components as the in-app preview and without the app chrome. The Electron shell prints
 * it with printToPDF; tests print it with Playwright's page.pdf (the same Chromium engine).
 *
 * Readiness for the printer, on <body>: `data-print-ready="1"` once the pack is drawn and
 * the fonts are loaded (`"error"` with `data-print-error` if the pack cannot be built), and
 * `data-print-overflow` = how many slides have content that does not fit their page.
 */
import { useEffect, useRef } from 'react';
import type { CommitmentsData, QbrPack } from '../../../src-shared/methods/qbr';
import { describeError } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { href, usePath } from '../../app/router';
import { useDeckLook, type DeckLookProps } from './DeckLook';
import { SlideCard } from './SlidePreview';
import './qbr.css';
import './qbr-print.css';

function useHashParams(): URLSearchParams {
  usePath();
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '');
}

function setBodyState(ready: '1' | 'error' | null, extra: { error?: string; overflow?: number } = {}) {
  const ds = document.body.dataset;
  if (ready === null) {
    delete ds.printReady;
    delete ds.printError;
    delete ds.printOverflow;
    return;
  }
  ds.printReady = ready;
  if (extra.error !== undefined) ds.printError = extra.error;
  if (extra.overflow !== undefined) ds.printOverflow = String(extra.overflow);
}

/** Marks (and counts) slides whose content is cut off by their box. */
function markOverflow(root: HTMLElement): number {
  let count = 0;
  for (const page of root.querySelectorAll<HTMLElement>('.qp-page')) {
    const boxes = [page.querySelector<HTMLElement>('.qs-slide'), ...page.querySelectorAll<HTMLElement>('.qs-body, .qs-quad, .qs-commentary')];
    const over = boxes.some((b) => b !== null && (b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1));
    page.dataset.overflow = over ? '1' : '0';
    if (over) count++;
  }
  return count;
}

function CommitmentsTable({ items }: { items: CommitmentsData['items'] }) {
  if (!items.length) return <div className="qs-muted">No commitments were recorded at that QBR.</div>;
  return (
    <table className="qs-table qp-commitments">
      <tbody>
        {items.map((it) => (
          <tr key={it.id}>
            <td>{it.body}</td>
            <td className="qp-status-cell">
              <span className={`qp-status ${it.status}`}>{it.statusLabel}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PrintDocument({ pack, look }: { pack: QbrPack; look: DeckLookProps }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    void document.fonts.ready
      .then(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))))
      .then(() => {
        if (live && ref.current) setBodyState('1', { overflow: markOverflow(ref.current) });
      });
    return () => {
      live = false;
    };
  }, [pack]);

  const total = pack.sections.length;
  return (
    <div className={`qp-doc ${look.className}`} style={look.style} ref={ref} data-testid="qbr-print">
      {pack.sections.map((s, i) => {
        const commitments = s.key === 'commitments' && s.data ? (s.data as CommitmentsData) : null;
        return (
          <section className="qp-page" key={s.key} aria-label={`Slide ${i + 1}: ${s.title}`}>
            <div className="qp-scale">
              <SlideCard section={s} pack={pack} index={i + 1} total={total} commitmentsEditor={commitments ? <CommitmentsTable items={commitments.items} /> : undefined} />
            </div>
          </section>
        );
      })}
    </div>
  );
}

function QbrPrintPage() {
  const params = useHashParams();
  const partnerId = params.get('partner') ?? '';
  const quarter = params.get('quarter') || undefined;
  const pack = useQuery('qbr.pack', quarter ? { partnerId, quarter } : { partnerId }, { enabled: !!partnerId });
  const look = useDeckLook();
  const error = !partnerId ? 'partner: add ?partner=ID to the print address' : pack.error && !pack.data ? describeError(pack.error) : null;

  useEffect(() => {
    if (error) setBodyState('error', { error });
  }, [error]);
  useEffect(() => () => setBodyState(null), []);

  return (
    <div className="qp-root">
      <div className="qp-toolbar">
        <a href={href(`/qbr?${params.toString()}`)}>← Back to the pack</a>
        <span>
          {pack.data ? `${pack.data.partner.name} · ${pack.data.quarter} · ${pack.data.sections.length} slides at 13.333 × 7.5 in` : 'Print view'}
        </span>
        <button type="button" className="btn btn-small" onClick={() => window.print()} disabled={!pack.data}>
          Print…
        </button>
      </div>
      {error ? (
        <div className="qp-error" role="alert">
          {error}
        </div>
      ) : pack.data && look.ready ? (
        <PrintDocument pack={pack.data} look={look} />
      ) : (
        <div className="qp-loading">Building the pack…</div>
      )}
    </div>
  );
}

export default QbrPrintPage;
