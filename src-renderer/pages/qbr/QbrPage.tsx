/**
 * QBR packs: pick a partner and a quarter, preview every slide of the pack, annotate each
 * section (commentary, commitments), and export the deck as .pptx or .pdf — or a whole
 * filtered book in one batch. `#/qbr?partner=P-00012&quarter=2026-Q3` opens a pack.
 */
import { useMemo, useState } from 'react';
import { QBR_SECTION_KEYS, type CommitmentsData, type OnboardingData, type QbrExportResult, type QbrPack, type QbrFormat } from '../../../src-shared/methods/qbr';
import type { PartnerRow } from '../../../src-shared/methods/partners';
import { quartersEnding } from '../../../src-shared/domain/time';
import { quarterChoiceText } from '../../../src-shared/domain/fiscal-text';
import { useCalendar } from '../../api/calendar';
import { describeError, invoke } from '../../api/client';
import { useBookLoading } from '../../api/bookLoading';
import { useBookScope } from '../../api/identity';
import { useHealthScoring } from '../../api/health-scoring';
import { useLatestEvent, useQuery } from '../../api/hooks';
import { withShare } from '../../lib/progress-words';
import { navigate, useHashQuery } from '../../app/router';
import { BookLoadingPage } from '../../components/BookLoadingNotice';
import { PartnerPicker } from '../../components/PartnerPicker';
import { EmptyState, ErrorBanner, Loading } from '../../components/ui';
import { AttendeesEditor } from './AttendeesEditor';
import { BatchDialog } from './BatchDialog';
import { FileActions, saveDownload } from './FileResult';
import { CommitmentStatuses, NotesEditor } from './NotesEditor';
import { useDeckLook } from './DeckLook';
import { SlideCard } from './SlidePreview';
import './qbr.css';

function useHashParams(): URLSearchParams {
  return new URLSearchParams(useHashQuery());
}

function setParams(next: Record<string, string | undefined>) {
  const p = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  for (const [k, v] of Object.entries(next)) {
    if (v) p.set(k, v);
    else p.delete(k);
  }
  navigate(`/qbr?${p.toString()}`, { replace: true });
}

function QbrPage() {
  const params = useHashParams();
  // One partner's pack: any partner can be picked (the batch export works on my book).
  const partners = useQuery('partners.list', { scope: 'all' });
  // Opened without a partner, the page shows one of the signed-in person's own partners:
  // a CAM preparing a QBR prepares it for a partner they own, not for the first name in the org.
  const book = useBookScope();
  const mine = useQuery('partners.list', { scope: 'mine' }, { enabled: book.scoped });
  const caps = useQuery('qbr.capabilities', {});
  const rows = useMemo(() => [...(partners.data ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [partners.data]);
  const myRows = useMemo(() => [...(mine.data ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [mine.data]);
  const waitingForMine = book.scope === undefined || (book.scoped && !mine.data && !mine.error);
  const firstLive = (list: readonly PartnerRow[]) => list.find((r) => r.status !== 'churned')?.id;
  const partnerId = params.get('partner') ?? (waitingForMine ? '' : ((book.scoped ? firstLive(myRows) : undefined) ?? firstLive(rows) ?? ''));
  const quarter = params.get('quarter') ?? undefined;
  // Not made from a book still arriving: it would miss part of the partner's history.
  const bookLoad = useBookLoading();
  const ready = !!partnerId && !bookLoad;
  const pack = useQuery('qbr.pack', quarter ? { partnerId, quarter } : { partnerId }, { enabled: ready, refreshOn: ['qbr_note', 'qbr_attendees', 'note', 'opportunity', 'partner', 'forecast'] });
  const currentQuarter = useQuery('qbr.pack', { partnerId }, { enabled: ready, refreshOn: ['calendar'] });
  const calendar = useCalendar();
  const look = useDeckLook();
  const quarters = currentQuarter.data ? quartersEnding(currentQuarter.data.quarter, 8).reverse() : [];
  const [exporting, setExporting] = useState<QbrFormat | null>(null);
  /** The last export: a file saved where the user chose (the app), or a download handed to the browser (the harness). */
  const [result, setResult] = useState<{ saved: QbrExportResult } | { downloaded: { fileName: string; slides: number; bytes: number } } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  // Off by default: the deck goes to the partner; the appendix holds internal context (risk, model detail, internal actions).
  const [internalAppendix, setInternalAppendix] = useState(false);
  const refresh = () => void pack.refetch();
  // A pack waits for the book's ranked actions (seconds on a large book's first ranking): how far it has got.
  const ranking = useLatestEvent('actions.progress', ready && !pack.data && !pack.error);
  // And for the book's health, when it was never scored (a first open of 20,000 partners).
  const scoring = useHealthScoring(ready && !pack.data && !pack.error);

  // The desktop app asks where to save in its own dialog; the browser harness hands the deck to the browser as a download.
  const askWhere = caps.data?.destination === 'dialog';
  const doExport = async (format: QbrFormat) => {
    if (!pack.data) return;
    const target = { partnerId: pack.data.partner.id, quarter: pack.data.quarter, format };
    const options = internalAppendix ? { internalAppendix } : {};
    setExporting(format);
    setResult(null);
    setExportError(null);
    try {
      if (!askWhere) {
        const d = await invoke('qbr.download', { ...target, ...options });
        saveDownload(d);
        setResult({ downloaded: { fileName: d.fileName, slides: d.slides, bytes: d.bytes } });
        return;
      }
      const chosen = await invoke('qbr.chooseDestination', { kind: 'file', ...target });
      if (!chosen) return; // cancelled
      setResult({ saved: await invoke('qbr.export', { ...target, ...options, destination: chosen.id }) });
    } catch (err) {
      setExportError(describeError(err));
    } finally {
      setExporting(null);
    }
  };

  if (partners.error && !partners.data) return <ErrorBanner error={partners.error} onRetry={() => void partners.refetch()} />;
  if (!partners.data) return <Loading />;
  if (bookLoad) {
    return <BookLoadingPage load={bookLoad} what="QBR packs and their decks" testId="page-qbr" />;
  }
  if (!rows.length) return <EmptyState title="No partners yet">Sync the partner book first; QBR packs are built from it.</EmptyState>;
  const pdf = caps.data?.pdf;

  return (
    <div className="page qbr-page" data-testid="page-qbr">
      <div className="qbr-toolbar">
        <label className="qbr-field">
          Partner
          <PartnerPicker
            partners={rows}
            value={partnerId}
            onChange={(id) => setParams({ partner: id, quarter: undefined })}
            note={(r) => (r.status === 'churned' ? 'churned' : null)}
            testId="qbr-partner"
          />
        </label>
        <label className="qbr-field">
          Quarter
          <select
            className="select"
            data-testid="qbr-quarter"
            value={pack.data?.quarter ?? quarter ?? ''}
            // The quarters to choose from come with the first pack: until then, the one asked for (or "Loading…"), not an empty box.
            disabled={quarters.length === 0}
            onChange={(e) => setParams({ partner: partnerId, quarter: e.target.value })}
          >
            {quarters.length === 0 ? (
              <option value={quarter ?? ''}>{quarter ? quarterChoiceText(quarter, calendar) : 'Loading…'}</option>
            ) : (
              quarters.map((q) => (
                <option key={q} value={q}>
                  {quarterChoiceText(q, calendar)}
                  {q === currentQuarter.data?.quarter ? ' (to date)' : ''}
                </option>
              ))
            )}
          </select>
        </label>
        <div className="qbr-actions">
          <label className="qbr-check" title="Adds slides with internal context (risk, model detail, internal actions) after the partner-facing deck">
            <input type="checkbox" data-testid="qbr-internal-appendix" checked={internalAppendix} onChange={(e) => setInternalAppendix(e.target.checked)} /> Internal appendix
          </label>
          <button type="button" className="btn btn-primary" data-testid="qbr-export-pptx" disabled={!pack.data || exporting !== null} onClick={() => void doExport('pptx')}>
            {exporting === 'pptx' ? 'Exporting…' : 'Export .pptx'}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="qbr-export-pdf"
            disabled={!pack.data || exporting !== null || pdf?.available === false}
            title={pdf?.available === false ? pdf.message : pdf?.message}
            onClick={() => void doExport('pdf')}
          >
            {exporting === 'pdf' ? 'Rendering PDF…' : 'Export .pdf'}
          </button>
          <BatchDialog quarter={pack.data?.quarter ?? quarters[0] ?? ''} pdfAvailable={pdf?.available ?? false} askWhere={askWhere} />
        </div>
      </div>
      {result ? (
        <div className="qbr-result" data-testid="qbr-export-result" role="status">
          {'saved' in result ? (
            <>
              <span className="qbr-result-text">
                Saved <strong>‘{result.saved.file.name}’</strong>
                <span className="qbr-result-meta">
                  {' '}
                  · {result.saved.slides} slides, {formatKb(result.saved.bytes)}
                </span>
              </span>
              <FileActions file={result.saved.file} testId="qbr-export-actions" />
              <span className="qbr-result-path" title={result.saved.path}>
                in <code>{folderOf(result.saved.path)}</code>
              </span>
            </>
          ) : (
            <span className="qbr-result-text">
              Downloaded <strong>‘{result.downloaded.fileName}’</strong>
              <span className="qbr-result-meta">
                {' '}
                · {result.downloaded.slides} slides, {formatKb(result.downloaded.bytes)} · your browser keeps it in its downloads
              </span>
            </span>
          )}
        </div>
      ) : null}
      {exportError ? <div className="qbr-result error" role="alert">{exportError}</div> : null}
      {pdf && !pdf.available ? <div className="qbr-hint">{pdf.message}</div> : null}
      {pack.error && !pack.data ? <ErrorBanner error={pack.error} onRetry={refresh} /> : null}
      {pack.data ? <PackVariant pack={pack.data} /> : null}
      {!pack.data ? (
        pack.error ? null : <Loading
            label={
              ranking
                ? withShare('Building the pack: ranking the book’s actions…', ranking)
                : scoring
                  ? withShare('Building the pack: scoring the book’s health…', scoring)
                  : 'Building the pack…'
            }
          />
      ) : (
        <div className={`qbr-slides ${look.className}`} style={look.style} data-testid="qbr-slides">
          {pack.data.sections.map((s, i) => {
            const commitments = s.key === 'commitments' && s.data ? (s.data as CommitmentsData) : null;
            return (
              <div className="qbr-row" key={s.key}>
                <SlideCard
                  section={s}
                  pack={pack.data!}
                  index={i + 1}
                  total={pack.data!.sections.length}
                  commitmentsEditor={commitments ? <CommitmentStatuses items={commitments.items} onChanged={refresh} /> : undefined}
                />
                <aside className="qbr-side">
                  <div className="qbr-side-title">
                    {i + 1}. {s.title}
                    {s.status !== 'ok' ? <span className="qbr-badge">{s.status === 'unavailable' ? 'not available' : 'no data'}</span> : null}
                  </div>
                  {s.talkingPoints.length + s.questions.length + s.internal.length ? (
                    <details className="qbr-points">
                      <summary>Speaker notes ({s.talkingPoints.length + s.questions.length + s.internal.length})</summary>
                      <ul>
                        {s.talkingPoints.map((t) => (
                          <li key={`say${t}`}>{t}</li>
                        ))}
                        {s.questions.map((t) => (
                          <li key={`ask${t}`}>Ask: {t}</li>
                        ))}
                        {s.internal.map((t) => (
                          <li key={`int${t}`}>Internal (not on the slide): {t}</li>
                        ))}
                        <li>Source: {s.source}</li>
                      </ul>
                    </details>
                  ) : null}
                  {s.key === 'agenda' && s.data ? (
                    <AttendeesEditor
                      key={`${pack.data!.partner.id}|${pack.data!.quarter}|${s.data.attendees.partner.join('|')}|${s.data.attendees.vendor.join('|')}`}
                      partnerId={pack.data!.partner.id}
                      quarter={pack.data!.quarter}
                      agenda={s.data}
                      onChanged={refresh}
                    />
                  ) : null}
                  {(QBR_SECTION_KEYS as readonly string[]).includes(s.key) ? (
                    <NotesEditor
                      partnerId={pack.data!.partner.id}
                      quarter={pack.data!.quarter}
                      section={s.key}
                      notes={pack.data!.notes}
                      onChanged={refresh}
                      allowCommitments={s.key === 'next_steps'}
                    />
                  ) : null}
                </aside>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** Which deck this is ("Onboarding review" for a new partner) and the sections it leaves out (their reasons are in the summary's speaker notes). */
function PackVariant({ pack }: { pack: QbrPack }) {
  if (pack.variant === 'standard' && pack.omitted.length === 0) return null;
  const onboarding = pack.sections.find((s) => s.key === 'onboarding');
  const signed = onboarding?.data ? (onboarding.data as OnboardingData).milestones[0]?.dateText : null;
  return (
    <div className="qbr-hint" data-testid="qbr-variant">
      {pack.variant === 'onboarding' ? <span className="qbr-badge">Onboarding review</span> : null}
      {pack.variant === 'onboarding' ? ` ${pack.partner.name} signed its agreement on ${signed ?? pack.partner.agreement_signed_at}: milestones instead of peer rankings. ` : ' '}
      {pack.omitted.length ? `Not in this deck: ${pack.omitted.map((o) => o.title).join(', ')} (why: the summary’s speaker notes).` : null}
    </div>
  );
}

const formatKb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-US')} KB`;
/** The folder part of a path the main side showed (either separator). */
const folderOf = (path: string) => path.replace(/[\\/][^\\/]*$/, '') || path;

export default QbrPage;
