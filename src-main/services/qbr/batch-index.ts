/**
 * A batch's index: `index.html`, a one-page summary of the book that opens from the folder
 * in any browser (inline CSS, no external resource, every text escaped, ids never broken
 * across lines), and `index.csv` with the same rows for a spreadsheet. Per partner: health
 * (score and band), tier status, ARR won, the deck's first headline and a relative link to
 * the deck; a partner that was not exported says why, in words. The filter the batch ran
 * with is stated at the top.
 */
import type { QbrBatchItem, QbrBatchStatus, QbrPack, QbrSection, SummaryData } from '../../../src-shared/methods/qbr';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import type { FiscalCalendar } from '../../../src-shared/domain/time';

/** What the index shows of one partner's pack: read from the figures the pack already computed. */
export interface IndexFacts {
  health: { score: number; band: string } | null;
  /** "Meets Gold requirements" / "At risk of losing Platinum: +$105k sourced ARR". */
  tierStatus: string | null;
  arr: { value: string; detail: string } | null;
  headline: string | null;
}

type SectionOf<K extends QbrSection['key']> = Extract<QbrSection, { key: K }>;
const section = <K extends QbrSection['key']>(pack: QbrPack, key: K): SectionOf<K>['data'] | null =>
  (pack.sections.find((s): s is SectionOf<K> => s.key === key)?.data ?? null) as SectionOf<K>['data'] | null;

export function indexFactsOf(pack: QbrPack): IndexFacts {
  const summary: SummaryData | null = section(pack, 'summary');
  const health = section(pack, 'health');
  const scorecard = section(pack, 'scorecard');
  const arrFigure = summary?.keyFigures.find((f) => /^ARR\b/i.test(f.label));
  const sourced = scorecard?.metrics.find((m) => m.key === 'sourced_arr');
  return {
    health: summary?.health
      ? { score: summary.health.score, band: summary.health.bandLabel }
      : health
        ? { score: health.score, band: health.bandLabel }
        : null,
    tierStatus: health?.eligibility.current ?? null,
    arr: arrFigure ? { value: arrFigure.value, detail: arrFigure.sub } : sourced ? { value: sourced.currentText, detail: sourced.label } : null,
    headline: summary?.headlines[0]?.text ?? null,
  };
}

/** "2026-Q4" → "Q4 2026". */
export const quarterLabel = (quarter: string, cal?: FiscalCalendar) => quarterText(quarter, cal);

/**
 * A batch folder's name: "QBR Q4 2026 — 2026-11-30 14-05" (the start time, UTC as the
 * clock gives it; no colon, so it is a valid name on every system).
 */
export function batchFolderName(quarter: string, now: string, cal?: FiscalCalendar): string {
  return `QBR ${quarterLabel(quarter, cal)} — ${now.slice(0, 10)} ${now.slice(11, 13)}-${now.slice(14, 16)}`;
}

/** Why a partner has no deck, in words. */
export function notExportedReason(item: Pick<QbrBatchItem, 'status' | 'error'>): string | null {
  if (item.status === 'failed') return item.error?.trim() || 'The deck could not be made, and no reason was given.';
  if (item.status === 'cancelled') return 'Not exported: the batch was cancelled before this partner.';
  if (item.status === 'queued' || item.status === 'running') return 'Not exported: the batch stopped before this partner.';
  return null;
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or carriage return) gets a leading single quote, so it shows as text (OWASP, "CSV
 * injection"); cells with commas, quotes or line breaks are quoted.
 */
export const csvCell = (v: string | number | null) => {
  let s = v === null ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface IndexInput {
  status: QbrBatchStatus;
  /** The filter the batch ran with, in words. */
  filterText: string;
  /** The deck's file name (inside the batch folder) per partner id, for those exported. */
  files: ReadonlyMap<string, string>;
  facts: ReadonlyMap<string, IndexFacts>;
  /** Tier and owner names per partner id (known for every partner, exported or not). */
  who: ReadonlyMap<string, { tier: string; owner: string }>;
  /** What every deck of the batch lacks, in one sentence (the book's actions could not be ranked), or null. */
  notice?: string | null;
}

export function indexCsv({ status, files, facts, who, notice }: IndexInput): string {
  const rows = status.items.map((i) => {
    const f = facts.get(i.partnerId);
    const w = who.get(i.partnerId);
    return [
      i.partnerId,
      i.partnerName,
      w?.tier ?? '',
      w?.owner ?? '',
      i.status,
      files.get(i.partnerId) ?? '',
      notExportedReason(i) ?? '',
      i.ms ?? '',
      f?.health ? f.health.score : '',
      f?.health?.band ?? '',
      f?.tierStatus ?? '',
      f?.arr?.value ?? '',
      f?.headline ?? '',
      i.status === 'done' ? (notice ?? '') : '',
    ]
      .map(csvCell)
      .join(',');
  });
  return `${['partner_id,partner_name,tier,owner,status,file,error,ms,health,health_band,tier_status,arr_won,headline,note', ...rows].join('\n')}\n`;
}

const bandClass = (band: string) => (/healthy/i.test(band) ? 'good' : /risk/i.test(band) ? 'bad' : /watch/i.test(band) ? 'watch' : '');
const tierClass = (text: string) => (/^at risk|^losing|below/i.test(text) ? 'bad' : /^meets/i.test(text) ? 'good' : '');

const CSS = `
:root{color-scheme:light}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2937;background:#f6f7f9}
main{max-width:1320px;margin:0 auto;padding:28px 32px 48px}
h1{font-size:22px;margin:0 0 4px}
.meta{color:#5b6472;margin:0 0 4px}
.filter{margin:12px 0 18px;padding:10px 14px;background:#fff;border:1px solid #e3e7ec;border-radius:8px}
.filter b{color:#5b6472;font-weight:600}
.counts{display:flex;gap:10px;margin:0 0 18px;flex-wrap:wrap}
.counts span{background:#fff;border:1px solid #e3e7ec;border-radius:999px;padding:3px 12px}
.counts .bad{border-color:#f2c4be;color:#b03a2e}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #e3e7ec;border-radius:8px}
th,td{border-bottom:1px solid #e9edf1;padding:9px 12px;text-align:left;vertical-align:top}
th{color:#5b6472;font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.03em;background:#fafbfc}
tr:last-child td{border-bottom:0}
.name{font-weight:600}
.sub{color:#6b7380;font-size:12px}
.nowrap,.id{white-space:nowrap}
.id{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#6b7380}
.num{white-space:nowrap;font-variant-numeric:tabular-nums}
.chip{display:inline-block;border-radius:999px;padding:1px 8px;font-size:12px;white-space:nowrap;background:#eef1f4}
.chip.good{background:#e3f4ea;color:#1e6b3a}.chip.watch{background:#fdf2dc;color:#8a5a00}.chip.bad{background:#fbe5e2;color:#a3352a}
.good-t{color:#1e6b3a}.bad-t{color:#a3352a}
.who{min-width:190px}
.headline{min-width:280px;max-width:460px}
td.arr{min-width:140px}
a{color:#1d5fbf}
.deck a{white-space:nowrap;font-weight:600}
.reason{color:#a3352a}
.notice{margin:0 0 18px;padding:10px 14px;background:#fdf2dc;border:1px solid #f0d9a6;border-radius:8px;color:#6b4700}
tr.cancelled .reason{color:#6b7380}
td.deck{min-width:150px;max-width:230px}
.fname{display:block;color:#6b7380;font-size:12px;word-break:normal;overflow-wrap:normal}
`;

export function indexHtml({ status: s, filterText, files, facts, who: people, notice }: IndexInput): string {
  const h = escapeHtml;
  const notExported = s.items.filter((i) => i.status !== 'done');
  const rows = s.items
    .map((i) => {
      const f = facts.get(i.partnerId);
      const file = files.get(i.partnerId);
      const reason = notExportedReason(i);
      const w = people.get(i.partnerId);
      const about = w ? [w.tier, w.owner].filter(Boolean).map((t) => ` · ${h(t)}`).join('') : '';
      const who = `<td class="who"><div class="name">${h(i.partnerName)}</div><div class="sub"><span class="id">${h(i.partnerId)}</span>${about}</div></td>`;
      if (reason || !f) {
        return `<tr class="${h(i.status)}">${who}<td colspan="5" class="reason">${h(reason ?? 'No figures were recorded for this partner.')}</td></tr>`;
      }
      const health = f.health ? `<span class="num">${f.health.score}</span> <span class="chip ${bandClass(f.health.band)}">${h(f.health.band)}</span>` : '<span class="sub">not available</span>';
      const tier = f.tierStatus ? `<span class="${tierClass(f.tierStatus) ? `${tierClass(f.tierStatus)}-t` : ''}">${h(f.tierStatus)}</span>` : '<span class="sub">not available</span>';
      const arr = f.arr ? `<div class="num">${h(f.arr.value)}</div><div class="sub">${h(f.arr.detail)}</div>` : '<span class="sub">—</span>';
      const deck = file
        ? `<td class="deck"><a href="${h(encodeURIComponent(file))}">Open deck</a><span class="fname">${h(file)}</span></td>`
        : '<td class="deck sub">—</td>';
      return `<tr class="${h(i.status)}">${who}<td>${health}</td><td>${tier}</td><td class="arr">${arr}</td><td class="headline">${h(f.headline ?? '—')}</td>${deck}</tr>`;
    })
    .join('\n');
  const stopped = notExported.length - s.failed;
  const failures =
    (s.failed ? `<span class="bad">${s.failed} failed — the reasons are in the table</span>` : '') +
    (stopped > 0 ? `<span>${stopped} not exported (batch ${h(s.state)})</span>` : '');
  const when = s.finishedAt ?? s.startedAt;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>QBR decks · ${h(quarterLabel(s.quarter))}</title>
<style>${CSS}</style></head>
<body><main>
<h1>QBR decks · ${h(quarterLabel(s.quarter))}</h1>
<p class="meta">${s.done} of ${s.total} ${s.total === 1 ? 'deck' : 'decks'} exported as ${h(s.format.toUpperCase())} · batch ${h(s.state)} · ${h(when.slice(0, 10))} ${h(when.slice(11, 16))} UTC</p>
<div class="filter"><b>Partners:</b> ${h(filterText)}</div>
<div class="counts"><span>${s.done} exported</span>${failures}</div>
${notice && s.done > 0 ? `<p class="notice">${h(notice)}</p>\n` : ''}
<table>
<thead><tr><th>Partner</th><th>Health</th><th>Tier status</th><th>ARR won</th><th>Headline</th><th>Deck</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main></body></html>
`;
}
