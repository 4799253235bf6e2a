/**
 * Import (`#/import`, spreadsheet workspaces): a wizard over the import API — choose the
 * files, check the proposed mapping (the preview follows every change), review what the
 * import does, import. Nothing is written before the last step.
 */
import { useEffect, useRef, useState } from 'react';
import type { MethodName } from '../../../src-shared/api';
import type { ImportMapping } from '../../../src-shared/domain/import-mapping';
import type { ImportInspection, ImportReport } from '../../../src-shared/methods/import';
import { invalidate, useQuery } from '../../api/hooks';
import { href } from '../../app/router';
import { Icon } from '../../components/Icon';
import { EmptyState, ErrorBanner } from '../../components/ui';
import { formatCount } from '../../lib/format';
import { useWorkspace } from '../../workspaces/session';
import { FilesStep } from './FilesStep';
import { MappingStep } from './MappingStep';
import { CountsTable, ErrorsTable, Notes } from './ReportParts';
import { ReviewStep } from './ReviewStep';
import { usePreview } from './usePreview';
import './import.css';

type Step = 'files' | 'map' | 'review' | 'done';

const STEPS: { id: Step; label: string }[] = [
  { id: 'files', label: 'Files' },
  { id: 'map', label: 'Mapping' },
  { id: 'review', label: 'Review' },
  { id: 'done', label: 'Imported' },
];

/** What shows the book: refetched after an import so every screen shows the new one. */
const BOOK_QUERIES: MethodName[] = [
  'partners.list',
  'partners.get',
  'health.portfolio',
  'health.rollup',
  'health.partner',
  'actions.list',
  'actions.summary',
  'actions.digest',
  'plans.list',
  'users.list',
  'tiers.list',
  'identity.get',
  'import.status',
];

function ImportPage() {
  const ws = useWorkspace();
  const status = useQuery('import.status', {});
  const [step, setStep] = useState<Step>('files');
  const [files, setFiles] = useState<string[] | null>(null);
  const [inspection, setInspection] = useState<ImportInspection | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const preview = usePreview(files, step === 'map' || step === 'review' ? mapping : null);

  const root = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    root.current?.querySelector<HTMLElement>('.imp-step-title')?.focus();
  }, [step]);

  if (ws && ws.source.kind !== 'spreadsheet') {
    return (
      <div className="page page-narrow" data-testid="page-import">
        <EmptyState icon="upload" title="Import is for spreadsheet workspaces">
          <p>This workspace syncs with its PRM. To import files, add a spreadsheet workspace from the workspace switcher.</p>
        </EmptyState>
      </div>
    );
  }

  const index = STEPS.findIndex((s) => s.id === step);
  const reachable = (s: Step) => {
    if (step === 'done') return false;
    const i = STEPS.findIndex((x) => x.id === s);
    return i < index || (s === 'map' && inspection !== null && index >= 1);
  };

  return (
    <div className="page imp-page" ref={root} data-testid="page-import">
      <ol className="imp-steps" aria-label="Import steps">
        {STEPS.map((s, i) => (
          <li key={s.id} className={`imp-steps-item${s.id === step ? ' is-current' : i < index ? ' is-done' : ''}`} aria-current={s.id === step ? 'step' : undefined}>
            {reachable(s.id) && s.id !== step ? (
              <button type="button" className="imp-steps-btn" onClick={() => setStep(s.id)}>
                <span className="imp-steps-num">{i < index ? <Icon name="check" size={12} /> : i + 1}</span>
                {s.label}
              </button>
            ) : (
              <span className="imp-steps-btn">
                <span className="imp-steps-num">{i < index ? <Icon name="check" size={12} /> : i + 1}</span>
                {s.label}
              </span>
            )}
          </li>
        ))}
      </ol>

      {status.error && !status.data ? <ErrorBanner error={status.error} onRetry={() => void status.refetch()} /> : null}

      {step === 'files' ? (
        <FilesStep
          status={status.data}
          onRead={(names, found) => {
            setFiles(names);
            setInspection(found);
            setMapping(found.mapping);
            setStep('map');
          }}
        />
      ) : null}
      {step === 'map' && inspection && mapping ? (
        <MappingStep inspection={inspection} mapping={mapping} preview={preview} onChange={setMapping} onBack={() => setStep('files')} onNext={() => setStep('review')} />
      ) : null}
      {step === 'review' && files && mapping ? (
        <ReviewStep
          files={files}
          mapping={mapping}
          preview={preview}
          onBack={() => setStep('map')}
          onDone={(r) => {
            for (const m of BOOK_QUERIES) invalidate(m);
            setDone(r);
            setStep('done');
          }}
        />
      ) : null}
      {step === 'done' && done ? (
        <DoneStep
          report={done}
          onAgain={() => {
            setFiles(null);
            setInspection(null);
            setMapping(null);
            setDone(null);
            setStep('files');
          }}
        />
      ) : null}
    </div>
  );
}

function DoneStep({ report, onAgain }: { report: ImportReport; onAgain: () => void }) {
  const t = report.totals;
  return (
    <section className="imp-step" aria-labelledby="imp-done-title" data-testid="import-done">
      <h2 className="imp-step-title" id="imp-done-title" tabIndex={-1}>
        <Icon name="check" size={18} /> The book is imported
      </h2>
      <p className="imp-lede" data-testid="import-done-message">
        {report.message}
      </p>
      {t ? (
        <div className="kpis imp-kpis">
          <div className="kpi">
            <div className="kpi-label">Added</div>
            <div className="kpi-value num">{formatCount(t.added)}</div>
          </div>
          <div className="kpi">
            <div className="kpi-label">Changed</div>
            <div className="kpi-value num">{formatCount(t.changed)}</div>
          </div>
          <div className="kpi">
            <div className="kpi-label">Removed</div>
            <div className="kpi-value num">{formatCount(t.removed)}</div>
          </div>
        </div>
      ) : null}
      <div className="imp-review-grid">
        <CountsTable report={report} caption="What the import did" />
        <Notes report={report} />
      </div>
      {report.errorCount > 0 ? <ErrorsTable report={report} /> : null}
      <div className="imp-actions imp-actions-bar">
        <button type="button" className="btn" onClick={onAgain}>
          Import other files
        </button>
        <a className="btn btn-primary" href={href('/portfolio')} data-testid="import-open-portfolio">
          Open the book in Portfolio
        </a>
      </div>
    </section>
  );
}

export default ImportPage;
