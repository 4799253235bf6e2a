/**
 * The in-app preview of a QBR pack: each section rendered as a slide-shaped card from the
 * same pack model the PowerPoint deck is built from, so the numbers match exactly.
 */
import type { ReactNode } from 'react';
import type {
  BenchmarksData,
  CommitmentsData,
  HealthData,
  JbpData,
  NextStepsData,
  PipelineData,
  QbrPack,
  QbrSection,
  ScorecardData,
  SectionDataMap,
  SummaryData,
  SwotData,
  TitleData,
  Tone,
  TrendsData,
} from '../../../src-shared/methods/qbr';
import { formatPercent } from '../../../src-shared/format';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import type { FiscalCalendar } from '../../../src-shared/domain/time';
import { useMoney } from '../../lib/money';
import { DeckBrand } from './DeckLook';
import { Onboarding } from './OnboardingPreview';
import { useCalendar } from '../../api/calendar';

const q = (quarter: string, cal?: FiscalCalendar) => quarterText(quarter, cal, 'short');
const toneClass = (t: Tone) => `tone-${t}`;

function Bars({ values, labels, format, max }: { values: number[]; labels: string[]; format: (v: number) => string; max?: number }) {
  const top = max ?? Math.max(1, ...values);
  return (
    <div className="qs-bars">
      {values.map((v, i) => (
        <div className="qs-bar-col" key={labels[i]}>
          <div className="qs-bar-val">{format(v)}</div>
          <div className="qs-bar-track">
            <div className="qs-bar" style={{ height: `${Math.max(1, (v / top) * 100)}%` }} />
          </div>
          <div className="qs-bar-label">{labels[i]}</div>
        </div>
      ))}
    </div>
  );
}

function HBars({ rows, max, format }: { rows: { label: string; value: number }[]; max: number; format: (v: number) => string }) {
  return (
    <div className="qs-hbars">
      {rows.map((r) => (
        <div className="qs-hbar-row" key={r.label}>
          <span className="qs-hbar-label">{r.label}</span>
          <span className="qs-hbar-track">
            <span className="qs-hbar" style={{ width: `${Math.max(1, (r.value / Math.max(1, max)) * 100)}%` }} />
          </span>
          <span className="qs-hbar-val">{format(r.value)}</span>
        </div>
      ))}
    </div>
  );
}

function Title({ d }: { d: TitleData }) {
  return (
    <div className="qs-title">
      <div className="qs-brand">
        <DeckBrand />
      </div>
      <h3 className="qs-title-name">{d.partnerName}</h3>
      <div className="qs-title-sub">{d.subtitle}</div>
      <div className="qs-title-meta">{d.tierName}</div>
      <div className="qs-title-period">{d.periodText}</div>
      <div className="qs-title-meta">{d.ownerName}</div>
    </div>
  );
}

function Summary({ d }: { d: SummaryData }) {
  return (
    <div className="qs-summary">
      <div className="qs-health-tile">
        <div className="qs-label">Partner health</div>
        {d.health ? (
          <>
            <div className={`qs-big band-${d.health.band}`}>
              {d.health.score} <small>{d.health.bandLabel}</small>
            </div>
            <div className="qs-muted">
              {d.health.delta === null ? 'new this quarter' : d.health.delta === 0 ? 'unchanged since last quarter' : `${d.health.delta > 0 ? '▲' : '▼'} ${Math.abs(d.health.delta)} since last quarter`}
            </div>
          </>
        ) : (
          <div className="qs-muted">{d.healthMessage}</div>
        )}
      </div>
      <ol className="qs-headlines">
        {d.tierStatus ? <li className={`strong ${toneClass(/requirements met/.test(d.tierStatus) ? 'good' : 'bad')}`}>{d.tierStatus}</li> : null}
        {d.headlines.map((h) => (
          <li key={h.text} className={toneClass(h.tone)}>
            {h.text}
          </li>
        ))}
      </ol>
      <div className="qs-kfs">
        {d.keyFigures.map((k) => (
          <div className="qs-kf" key={k.key}>
            <div className="qs-label">{k.label}</div>
            <div className="qs-kf-value">{k.value}</div>
            <div className="qs-muted">{k.sub}</div>
          </div>
        ))}
      </div>
    </div>
  );
}

function Scorecard({ d, pack }: { d: ScorecardData; pack: QbrPack }) {
  return (
    <>
      <table className="qs-table">
        <thead>
          <tr>
            <th>Metric</th>
            <th className="num">
              {q(pack.quarter, pack.calendar)}
              {pack.period.complete ? '' : ' QTD'}
            </th>
            <th className="num">{q(pack.previousQuarter, pack.calendar)}</th>
            <th className="num">a year before</th>
            <th className="num">Change</th>
            <th className="num">Target</th>
            <th>vs target</th>
            <th>Behind the number</th>
          </tr>
        </thead>
        <tbody>
          {d.metrics
            .filter((m) => m.current !== null || m.previous !== null || m.lastYear !== null)
            .map((m) => (
            <tr key={m.key}>
              <td>{m.label}</td>
              <td className="num strong">{m.currentText}</td>
              <td className="num qs-muted">{m.previousText}</td>
              <td className="num qs-muted">{m.lastYearText}</td>
              <td className={`num ${toneClass(m.changeTone)}`}>{m.changeText}</td>
              <td className="num" title={m.targetBasis ?? undefined}>
                {m.targetText}
              </td>
              <td>{m.targetStatus === 'none' ? '—' : <span className={`qs-pill ${m.targetStatus}`}>{m.targetStatus === 'met' ? 'On target' : 'Below'}</span>}</td>
              <td className="qs-muted qs-small">{m.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="qs-foot">{d.footnote}</div>
    </>
  );
}

function Trends({ d }: { d: TrendsData }) {
  const money = useMoney();
  const calendar = useCalendar();
  const m = (v: number) => money.short(v, d.currency);
  const labels = d.quarters.map((x) => q(x, calendar));
  return (
    <div className="qs-two">
      <div>
        <div className="qs-chart-title">ARR won per quarter (every partner role)</div>
        <Bars values={d.sourcedWon.map((v, i) => v + d.influencedWon[i]! + d.otherWon[i]!)} labels={labels} format={m} />
      </div>
      <div>
        <div className="qs-chart-title">Pipeline created per quarter</div>
        {d.pipelineCreated.length > 0 ? (
          <Bars values={d.pipelineCreated} labels={labels} format={m} />
        ) : (
          <div className="qs-muted">This book’s files hold closed deals only: no pipeline to chart.</div>
        )}
        <div className="qs-chart-title">Market development funds {d.mdf ? d.mdf.period : ''}</div>
        {d.mdf ? (
          <div className="qs-muted">
            {d.mdf.claimedText} claimed of {d.mdf.allocatedText} allocated · {d.mdf.approvedText} approved · {d.mdf.attributedText} attributed pipeline · {d.mdf.returnText}
          </div>
        ) : (
          <div className="qs-muted">No MDF allocation covers this quarter.</div>
        )}
      </div>
    </div>
  );
}

function Pipeline({ d, currency }: { d: PipelineData; currency: string }) {
  const money = useMoney();
  return (
    <div className="qs-two">
      <div>
        <div className="qs-chart-title">Open pipeline by stage · {d.openText}</div>
        <HBars rows={d.byStage.map((s) => ({ label: s.label, value: s.amount }))} max={Math.max(1, ...d.byStage.map((s) => s.amount))} format={(v) => money.short(v, currency)} />
      </div>
      <div>
        <div className="qs-chart-title">
          Top wins · {d.wonCount} won, {d.wonText}
        </div>
        <table className="qs-table">
          <tbody>
            {d.topWins.map((w) => (
              <tr key={w.id}>
                <td>{w.customer}</td>
                <td className="num strong">{w.amountText}</td>
                <td className="qs-muted">{w.roleText}</td>
                <td className="num qs-muted">{w.dateText}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="qs-chart-title">Largest open deals · {d.closingNextQuarterText} closing by next quarter’s end</div>
        <table className="qs-table">
          <tbody>
            {d.topOpen.map((w) => (
              <tr key={w.id}>
                <td>{w.customer}</td>
                <td className="num strong">{w.amountText}</td>
                <td className="qs-muted">{w.stageText}</td>
                <td className="num qs-muted">{w.dateText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Health({ d }: { d: HealthData }) {
  const calendar = useCalendar();
  return (
    <div className="qs-two">
      <div>
        <div className="qs-chart-title">
          Components · overall {d.score} ({d.bandLabel}) vs tier median
        </div>
        <HBars rows={d.components.map((c) => ({ label: `${c.label} (median ${c.tierMedian})`, value: c.score }))} max={100} format={String} />
        <div className="qs-chart-title">Trend</div>
        <div className="qs-muted">{d.trend.map((t) => `${q(t.quarter, calendar)} ${t.score ?? '—'}`).join(' · ')}</div>
      </div>
      <ul className="qs-list">
        <li className="strong">{d.eligibility.current}</li>
        {d.eligibility.next ? <li>{d.eligibility.next}</li> : null}
      </ul>
    </div>
  );
}

function Jbp({ d }: { d: JbpData }) {
  return (
    <>
      <div className="strong">
        {d.plan.title} — {d.plan.signoffText}
      </div>
      {d.plan.summaryBlocks.map((b, i) => (
        <div key={i} className={b.kind === 'heading' ? 'strong' : 'qs-muted'}>
          {b.kind === 'bullet' ? '• ' : ''}
          {b.runs.map((r, j) => (r.bold ? <strong key={j}>{r.text}</strong> : <span key={j}>{r.text}</span>))}
        </div>
      ))}
      <table className="qs-table">
        <thead>
          <tr>
            <th>Objective</th>
            <th className="num">Baseline</th>
            <th className="num">Target</th>
            <th className="num">Actual</th>
            <th>Status</th>
            <th>Progress</th>
            <th className="num">Due</th>
          </tr>
        </thead>
        <tbody>
          {d.objectives.map((o) => (
            <tr key={o.id}>
              <td>
                {o.title} ({o.weight}%)
              </td>
              <td className="num qs-muted">{o.baselineText}</td>
              <td className="num strong">{o.targetText}</td>
              <td className="num">{o.actualText ?? 'n/a'}</td>
              <td className="strong">{o.statusLabel ?? '—'}</td>
              <td className="qs-small">{o.paceText ?? (o.progress === null ? '—' : `${formatPercent(o.progress)} of the way`)}</td>
              <td className="num qs-muted">{o.dueText}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="qs-table">
        <thead>
          <tr>
            <th>Initiative</th>
            <th>Owner</th>
            <th>Due</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {d.initiatives.map((i) => (
            <tr key={i.id}>
              <td>{i.title}</td>
              <td className="qs-muted">{i.ownerText}</td>
              <td className={i.overdue ? 'tone-bad' : 'qs-muted'}>{i.dueText}</td>
              <td className={i.overdue ? 'strong tone-bad' : 'strong'}>{i.statusLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Swot({ d }: { d: SwotData }) {
  const quads: [string, string[], string][] = [
    ['Strengths', d.strengths, 'good'],
    ['Weaknesses', d.weaknesses, 'bad'],
    ['Opportunities', d.opportunities, 'blue'],
    ['Threats', d.threats, 'amber'],
  ];
  return (
    <div className="qs-swot">
      {quads.map(([name, items, tone]) => (
        <div className={`qs-quad q-${tone}`} key={name}>
          <div className="qs-label">{name}</div>
          {items.length ? (
            <ul className="qs-list">
              {items.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          ) : (
            <div className="qs-muted">Nothing stands out in this quarter’s figures.</div>
          )}
        </div>
      ))}
    </div>
  );
}

function Benchmarks({ d }: { d: BenchmarksData }) {
  if (d.tooNew) return <div className="qs-message">{d.tooNewText}</div>;
  return (
    <table className="qs-table">
      <thead>
        <tr>
          <th>KPI</th>
          <th className="num">Partner</th>
          <th className="num">{d.tierName} median</th>
          <th>Among {d.peers} peers</th>
        </tr>
      </thead>
      <tbody>
        {d.items.map((i) => (
          <tr key={i.key}>
            <td>{i.label}</td>
            <td className="num strong">{i.valueText}</td>
            <td className="num qs-muted">{i.medianText}</td>
            <td className={toneClass(i.tone)}>{i.position}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Commitments({ d, children }: { d: CommitmentsData; children?: ReactNode }) {
  const calendar = useCalendar();
  return (
    <>
      <div className="qs-muted">
        From the {q(d.fromQuarter, calendar)} QBR: {d.counts.done} done · {d.counts.open} open · {d.counts.missed} missed
      </div>
      {children}
    </>
  );
}

function NextSteps({ d }: { d: NextStepsData }) {
  return (
    <div className="qs-two">
      <div>
        <div className="qs-label">Mutual action plan</div>
        <table className="qs-table">
          <tbody>
            {d.steps.map((st) => (
              <tr key={st.id}>
                <td className="strong">{st.text}</td>
                <td className="qs-muted">{st.owner ?? 'to agree'}</td>
                <td className={st.due ? 'qs-muted' : 'tone-bad'}>{st.dueText ?? 'date to agree'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {d.steps.length === 0 ? <div className="qs-muted">We agree next quarter’s steps together in this meeting: who does what, by when.</div> : null}
      </div>
      <div>
        <div className="qs-label">Next quarter · asks</div>
        <ul className="qs-list">
          {d.asks.map((a) => (
            <li key={a} className="strong">
              {a}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function body(s: QbrSection, pack: QbrPack, commitmentsEditor?: ReactNode): ReactNode {
  if (s.status !== 'ok' || s.data === null) return <div className="qs-message">{s.message}</div>;
  const data = <K extends keyof SectionDataMap>(_k: K) => s.data as SectionDataMap[K];
  switch (s.key) {
    case 'title':
      return <Title d={data('title')} />;
    case 'summary':
      return <Summary d={data('summary')} />;
    case 'onboarding':
      return <Onboarding d={data('onboarding')} />;
    case 'scorecard':
      return <Scorecard d={data('scorecard')} pack={pack} />;
    case 'trends':
      return <Trends d={data('trends')} />;
    case 'pipeline':
      return <Pipeline d={data('pipeline')} currency={pack.partner.currency} />;
    case 'health':
      return <Health d={data('health')} />;
    case 'jbp':
      return <Jbp d={data('jbp')} />;
    case 'swot':
      return <Swot d={data('swot')} />;
    case 'benchmarks':
      return <Benchmarks d={data('benchmarks')} />;
    case 'commitments':
      return <Commitments d={data('commitments')}>{commitmentsEditor}</Commitments>;
    case 'next_steps':
      return <NextSteps d={data('next_steps')} />;
  }
}

export function SlideCard({ section, pack, index, total, commitmentsEditor }: { section: QbrSection; pack: QbrPack; index: number; total: number; commitmentsEditor?: ReactNode }) {
  const commentary = section.commentary;
  if (section.key === 'title') {
    return (
      <div className="qs-slide qs-slide-title" data-testid={`slide-${section.key}`}>
        {body(section, pack)}
      </div>
    );
  }
  return (
    <div className={`qs-slide status-${section.status}`} data-testid={`slide-${section.key}`}>
      <div className="qs-head">
        <h3>{section.title}</h3>
        <span className="qs-muted">
          {pack.partner.name} · {q(pack.quarter, pack.calendar)}
        </span>
      </div>
      <div className="qs-body">{body(section, pack, commitmentsEditor)}</div>
      {commentary.length ? (
        <div className="qs-commentary">
          <div className="qs-label">{[...new Set(commentary.map((n) => n.heading))].join(' · ')}</div>
          {commentary.map((n) => n.text).join('  ·  ')}
        </div>
      ) : null}
      <div className="qs-footer">
        <span />
        <span>
          {index} / {total}
        </span>
      </div>
    </div>
  );
}
