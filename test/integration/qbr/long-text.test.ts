/**
 * A deck of a partner whose CAM typed long text everywhere a user can — a plan summary of
 * 3,000 emoji, objective and initiative titles of 200 characters, commitments and next
 * steps of 2,000, one unbroken "word" — drawn through the real deck builder onto a
 * recording PowerPoint: on the plan, commitments and next-steps slides, nothing drawn
 * overlaps anything else or runs off the slide, and what a slide shortened or left off is
 * in its speaker notes whole.
 *
 * A table row is as high as its tallest cell's wrapped text (a viewer grows a row that is
 * too low for its text: a plan's objectives table grew over its initiatives table and over
 * the CAM's commentary), so the heights are measured here as the viewer lays them out.
 */
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { QbrPack } from '../../../src-shared/methods/qbr';
import { buildDeck } from '../../../src-main/export/pptx/deck';
import { LINE_SPACING, wrap } from '../../../src-main/export/pptx/text-fit';
import { fixedClock } from '../../../src-main/base/clock';
import { createQbrService } from '../../../src-main/services/qbr/service';
import { graphemes } from '../../../src-shared/text';
import { qbrBook } from '../../unit/qbr/fixtures';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
interface Drawn {
  kind: string;
  box: Box;
  text: string;
}
interface Recorded {
  drawn: Drawn[];
  notes: string;
}

type Cell = { text?: string; options?: { fontSize?: number; bold?: boolean; margin?: number[] } };
type TextRun = { text: string };

const slides: Recorded[] = [];

/** A table as the viewer draws it: each row at least its height, and as high as its tallest cell's text. */
function tableHeight(rows: Cell[][], o: { colW: number[]; rowH: number | number[] }): number {
  return rows.reduce((sum, row, r) => {
    const min = Array.isArray(o.rowH) ? o.rowH[r]! : o.rowH;
    const need = row.map((c, i) => {
      const [top = 0, right = 0, bottom = 0, left = 0] = c.options?.margin ?? [];
      const size = c.options?.fontSize ?? 12;
      const lines = wrap(c.text ?? '', o.colW[i]! - left - right, size, c.options?.bold ?? false).length;
      return (lines * size * LINE_SPACING) / 72 + top + bottom;
    });
    return sum + Math.max(min, ...need);
  }, 0);
}

vi.mock('pptxgenjs', () => ({
  default: class {
    layout = '';
    defineSlideMaster(): void {}
    addSlide() {
      const rec: Recorded = { drawn: [], notes: '' };
      slides.push(rec);
      return {
        background: {},
        addText(text: string | TextRun[], o: Box) {
          rec.drawn.push({ kind: 'text', box: { x: o.x, y: o.y, w: o.w, h: o.h }, text: typeof text === 'string' ? text : text.map((t) => t.text).join('') });
        },
        addShape(_kind: string, o: Box) {
          rec.drawn.push({ kind: 'shape', box: { x: o.x, y: o.y, w: o.w, h: o.h }, text: '' });
        },
        addChart(_type: string, _data: unknown, o: Box) {
          rec.drawn.push({ kind: 'chart', box: { x: o.x, y: o.y, w: o.w, h: o.h }, text: '' });
        },
        addTable(rows: Cell[][], o: Box & { colW: number[]; rowH: number | number[] }) {
          rec.drawn.push({ kind: 'table', box: { x: o.x, y: o.y, w: o.w, h: tableHeight(rows, o) }, text: rows.flat().map((c) => c.text ?? '').join(' ') });
        },
        addNotes(text: string) {
          rec.notes = text;
        },
      };
    }
    write() {
      return Promise.resolve(new Uint8Array());
    }
  },
}));

const prose = (seed: string, n: number) => `${seed} `.repeat(Math.ceil(n / (seed.length + 1))).slice(0, n).trim();
const WORD = 'Supercalifragilistic'.repeat(10);
const SUMMARY = '🚀'.repeat(3000);
const OBJECTIVE = prose('Grow sourced ARR in mid-market manufacturing with two certified architects', 200);
const INITIATIVE = prose('Launch a joint manufacturing practice with shared pipeline reviews', 200);
const COMMITMENT = prose('Run two joint webinars for manufacturing buyers and share the leads within a week', 2000);
const STEP = prose('Fund a proof of concept for the two largest open deals and review it together', 2000);

function longTextBook() {
  const db = qbrBook();
  const s = db.sqlite;
  s.prepare(
    `INSERT INTO jbp (id, partner_id, period, title, status, revision, summary, vendor_signoff_name, vendor_signoff_at, partner_signoff_name, partner_signoff_at, created_at, updated_at, version)
     VALUES ('JBP-1', 'P-1', '2026-H2', 'Second-half plan', 'draft', 1, ?, NULL, NULL, NULL, NULL, '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z', 1)`,
  ).run(SUMMARY);
  const obj = s.prepare(
    `INSERT INTO jbp_objective (id, jbp_id, title, metric, unit, baseline, target, due_quarter, weight, custom_actual, sort_order, version) VALUES (?, 'JBP-1', ?, 'sourced_arr', NULL, 10000000, 30000000, '2026-Q4', 20, NULL, ?, 1)`,
  );
  for (let i = 0; i < 5; i++) obj.run(`OBJ-${i}`, i === 4 ? WORD : `${i + 1}. ${OBJECTIVE}`, i);
  s.prepare(
    `INSERT INTO jbp_initiative (id, jbp_id, objective_id, title, owner_side, owner_name, due_date, status, mdf_investment, currency, notes, source, version)
     VALUES ('JI-1', 'JBP-1', NULL, ?, 'partner', 'Ann One', '2026-12-15', 'in_progress', 0, 'USD', '', NULL, 1)`,
  ).run(INITIATIVE);
  const note = s.prepare(
    `INSERT INTO qbr_note (id, partner_id, quarter, section, kind, body, commitment_status, updated_at, version) VALUES (?, 'P-1', ?, ?, ?, ?, ?, '2026-09-20T10:00:00Z', 1)`,
  );
  note.run('QN-J', '2026-Q3', 'jbp', 'commentary', prose('The plan is behind on sourced ARR; the practice launch is what turns it around', 600), null);
  for (let i = 0; i < 9; i++) note.run(`QN-S${i}`, '2026-Q3', 'next_steps', 'commitment', `${i + 1}. ${i === 8 ? WORD : STEP}`, 'open');
  for (let i = 0; i < 6; i++) note.run(`QN-C${i}`, '2026-Q2', 'next_steps', 'commitment', `${i + 1}. ${COMMITMENT}`, i % 2 ? 'done' : 'open');
  note.run('QN-K', '2026-Q2', 'commitments', 'commentary', prose('Two of the webinars slipped to the next quarter', 600), null);
  // Commentary on every slide, the win story's highlights, and asks (next steps' commentary).
  const sections = ['summary', 'scorecard', 'pipeline', 'deals', 'health', 'swot', 'benchmarks', 'trends', 'win_story', 'commitments', 'Highlights', 'next_steps', 'next_steps'];
  sections.forEach((sec, i) => note.run(`QN-N${i}`, '2026-Q3', sec, 'commentary', i % 2 ? `${WORD} ${WORD}` : prose(`Commentary on ${sec} that goes on`, 2000), null));
  return db;
}

/** What the CAM typed, and the tables and charts (a table grows with the text in it). */
const USER_TEXT = /Supercal|Commentary on|Run two|Fund a proof|Grow sourced|Launch a joint|🚀|plan is behind|webinars slipped/;
const free = (d: Drawn) => d.kind !== 'text' || USER_TEXT.test(d.text);
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w - 1e-6 && b.x < a.x + a.w - 1e-6 && a.y < b.y + b.h - 1e-6 && b.y < a.y + a.h - 1e-6;

describe('a deck with long text typed everywhere', () => {
  let pack: QbrPack;
  beforeAll(async () => {
    const db = longTextBook();
    pack = await createQbrService({ db, clock: fixedClock('2026-11-20'), dataDir: tmpdir() }).buildPack('P-1', '2026-Q3');
    db.close();
    slides.length = 0;
    await buildDeck(pack);
  });
  const slideOf = (key: string) => slides[pack.sections.findIndex((s) => s.key === key)]!;

  it.each(['title', 'agenda', 'summary', 'scorecard', 'trends', 'trailing', 'pipeline', 'deals', 'win_story', 'health', 'jbp', 'swot', 'benchmarks', 'commitments', 'next_steps'])('the %s slide: nothing overlaps the text the CAM typed, a table or a chart, and all is on the slide', (key) => {
    const content = slideOf(key).drawn.filter((d) => d.kind !== 'shape');
    for (const d of content) {
      expect(d.box.x).toBeGreaterThanOrEqual(0);
      expect(d.box.y).toBeGreaterThanOrEqual(0);
      expect(d.box.x + d.box.w).toBeLessThanOrEqual(13.334);
      expect(d.box.y + d.box.h).toBeLessThanOrEqual(7.5);
    }
    const clashes = content.flatMap((a, i) => content.slice(i + 1).filter((b) => (free(a) || free(b)) && overlaps(a.box, b.box)).map((b) => `${a.kind} "${a.text.slice(0, 40)}" × ${b.kind} "${b.text.slice(0, 40)}"`));
    expect(clashes).toEqual([]);
  });

  it('the plan slide: the summary is cut to its box at a whole character, and the notes hold it, the objectives left off and the titles cut', () => {
    const s = slideOf('jbp');
    const summary = s.drawn.find((d) => d.kind === 'text' && d.text.startsWith('🚀'))!;
    expect(summary.text.length).toBeLessThan(SUMMARY.length);
    expect(graphemes(summary.text).every((g) => g === '🚀' || g === ' ')).toBe(true);
    expect(s.notes).toContain(SUMMARY);
    const objectives = s.drawn.find((d) => d.kind === 'table' && d.text.includes('Objective'))!;
    // Not all five fit under the summary: the header says how many are shown, the notes name every one left off.
    const shown = /Objective \((\d) of 5\)/.exec(objectives.text);
    expect(shown).not.toBeNull();
    for (let i = Number(shown![1]); i < 4; i++) expect(s.notes).toContain(`${i + 1}. ${OBJECTIVE}`);
    expect(s.notes).toContain(WORD);
    // The initiatives table is still there, under the objectives.
    const initiatives = s.drawn.find((d) => d.kind === 'table' && d.text.includes('Initiatives'))!;
    expect(initiatives.box.y).toBeGreaterThanOrEqual(objectives.box.y + objectives.box.h);
  });

  it.each([
    ['commitments', COMMITMENT],
    ['next_steps', STEP],
  ])('the %s slide: every item cut or left off is in the notes whole', (key, body) => {
    const s = slideOf(key);
    const n = key === 'next_steps' ? 8 : 6;
    for (let i = 0; i < n; i++) expect(s.notes).toContain(`${i + 1}. ${body}`);
    if (key === 'next_steps') expect(s.notes).toContain(`9. ${WORD}`);
  });
});
