/**
 * Issue 15: a deck a CAM can put in front of the partner as it is, across the whole small
 * demo book (every partner, the running quarter and the last complete one, which holds the
 * demo PRM's synced QBR commentary):
 * - no internal material on a partner-facing slide (risk, model wording, sources, table
 *   names, internal to-dos, instructions to the CAM); it is in the speaker notes, and in the
 *   internal appendix only when asked for;
 * - the CAM's commentary reaches the slide it belongs to, in the partner's words;
 * - every figure that appears on two slides is the same figure;
 * - next steps are never due before the meeting; no "…" baked into slide text, no ISO
 *   dates, raw role/stage names or Markdown marks; body text ≥ 12 pt; no all-zero chart
 *   series and every value axis from 0;
 * - past-due objectives are met or missed, initiatives listed once, equal-to-median not
 *   "below", a new partner not ranked, our own approval time not scored against the partner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QbrPack, QbrSectionKey, SectionDataMap } from '../../../src-shared/methods/qbr';
import { addDays, daysBetween, quarterEnd } from '../../../src-shared/domain/time';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { fixedClock } from '../../../src-main/base/clock';
import { buildDeck } from '../../../src-main/export/pptx/deck';
import { createQbrService, type QbrService } from '../../../src-main/services/qbr/service';
import { forPartner } from '../../../src-main/services/qbr/commentary';
import { createSyncService } from '../../../src-main/sync/service';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/index';
import { ONBOARDING_WINDOW_DAYS } from '../../../src-main/services/qbr/onboarding';

const AS_OF = '2026-11-20';
const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const runs = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1]!));
const byNumber = (a: string, b: string) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]);

interface ReadDeck {
  slideXml: string[];
  slideText: string[][];
  notes: string[];
  charts: string[];
}

async function readDeck(bytes: Buffer): Promise<ReadDeck> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  const read = (re: RegExp) => Promise.all(names.filter((n) => re.test(n)).sort(byNumber).map((n) => zip.file(n)!.async('string')));
  const slideXml = await read(/^ppt\/slides\/slide\d+\.xml$/);
  return {
    slideXml,
    slideText: slideXml.map(runs),
    notes: (await read(/^ppt\/notesSlides\/notesSlide\d+\.xml$/)).map((x) => runs(x).join('\n')),
    charts: await read(/^ppt\/charts\/chart\d+\.xml$/),
  };
}

function data<K extends QbrSectionKey>(pack: QbrPack, key: K): SectionDataMap[K] | null {
  // A section with no data, or not in this variant's deck, is not in the pack's sections.
  const s = pack.sections.find((x) => x.key === key);
  return s && s.status === 'ok' ? (s.data as SectionDataMap[K]) : null;
}

/** Words and marks that must never be on a partner-facing slide. */
const INTERNAL = [
  /churn/i,
  /replica/i,
  /\bsource:/i,
  /\b(?:deal_registration|engagement_event|psat_response|mdf_\w+|qbr_note|jbp_\w+|mdf_\*)\b/,
  /health model/i,
  /in partnerbook/i,
  /in the app\b/i,
  /before the meeting/i,
  /\bCAM\b/,
  /Re-engage|Call .* PSAT/,
];
const WORDING = [/\b\d{4}-\d{2}-\d{2}\b/, /\b1 (?:months|days|deals|weeks)\b/, /\b(?:co_sell|closed_won|closed_lost|in_progress|not_started|at_risk)\b/, /\*\*|(?:^|\s)#{1,6}\s/];

describe('QBR decks a CAM can present as they are (whole small demo book)', () => {
  let prm: DemoPrm;
  let db: Db;
  let dir: string;
  let qbr: QbrService;
  let current: QbrPack[];
  let complete: QbrPack[];
  const decks = new Map<string, ReadDeck>();

  beforeAll(async () => {
    prm = await startDemoPrm({ scale: 'small', seed: 42, asOf: AS_OF });
    dir = mkdtempSync(join(tmpdir(), 'pb-qbr-pf-'));
    db = openDb(join(dir, 'replica.sqlite'));
    const sync = createSyncService({ db, clock: fixedClock(AS_OF), events: new EventBus(), source: () => protocolV1Connector({ url: prm.url, token: prm.token }) });
    const summary = await sync.run();
    expect(summary.ok, summary.error ?? '').toBe(true);
    qbr = createQbrService({ db, clock: fixedClock(AS_OF), dataDir: dir });
    const ids = db.sqlite.prepare("SELECT id FROM partner WHERE status != 'churned' ORDER BY id").pluck().all() as string[];
    current = ids.map((id) => qbr.pack(id));
    const signedBy = new Map(current.map((p) => [p.partner.id, p.partner.agreement_signed_at]));
    complete = ids.filter((id) => signedBy.get(id)! <= '2026-09-30').map((id) => qbr.pack(id, '2026-Q3'));
    // Every deck of the running quarter, and the complete quarter's decks of partners with synced commentary.
    for (const p of current) decks.set(`${p.partner.id}|cur`, await readDeck((await buildDeck(p)).bytes));
    for (const p of complete.filter((x) => x.notes.length > 0)) decks.set(`${p.partner.id}|q3`, await readDeck((await buildDeck(p)).bytes));
  }, 600_000);
  afterAll(async () => {
    db?.close();
    await prm?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps internal material off the slides and puts it in the speaker notes', () => {
    expect(decks.size).toBeGreaterThan(100);
    const found: string[] = [];
    for (const [key, deck] of decks) {
      deck.slideText.forEach((texts, i) => {
        for (const t of texts) for (const re of [...INTERNAL, ...WORDING]) if (re.test(t)) found.push(`${key} slide ${i + 1}: ${re} in "${t}"`);
      });
    }
    expect(found.slice(0, 10)).toEqual([]);
    // The risk is still there for the CAM: in the notes of a partner the health model rates.
    const withHealth = current.find((p) => data(p, 'health'))!;
    const notes = decks.get(`${withHealth.partner.id}|cur`)!.notes.join('\n');
    expect(notes).toMatch(/SAY/);
    expect(notes).toMatch(/ASK/);
    expect(notes).toMatch(/INTERNAL — not for the partner[\s\S]*Churn risk/);
    expect(notes).toMatch(/Source: Replica: opportunity/);
    // One money format per deck, notes included ("$240k", never "$240,200").
    const commas: string[] = [];
    for (const [key, deck] of decks) for (const n of deck.notes) for (const m of n.match(/\$\d{1,3}(?:,\d{3})+/g) ?? []) commas.push(`${key}: ${m}`);
    expect(commas.slice(0, 5)).toEqual([]);
  });

  it('adds the internal appendix only when asked', async () => {
    const p = current.find((x) => data(x, 'health'))!;
    const plain = await readDeck((await buildDeck(p)).bytes);
    const withAppendix = qbr.pack(p.partner.id, undefined, { internalAppendix: true });
    const built = await buildDeck(withAppendix);
    const full = await readDeck(built.bytes);
    expect(plain.slideText.flat().join(' ')).not.toMatch(/Internal appendix/);
    expect(full.slideText.length).toBeGreaterThan(plain.slideText.length);
    expect(built.slides).toBe(full.slideText.length);
    const appendix = full.slideText.slice(plain.slideText.length).flat().join(' ');
    expect(appendix).toMatch(/Internal appendix/);
    expect(appendix).toMatch(/Not for the partner/i);
    expect(appendix).toMatch(/Churn risk/);
  });

  it('puts the CAM’s synced commentary on the slides, in the partner’s words', () => {
    const withNotes = complete.filter((p) => p.notes.some((n) => n.kind === 'commentary'));
    expect(withNotes.length).toBeGreaterThan(10);
    for (const p of withNotes) {
      const deck = decks.get(`${p.partner.id}|q3`)!;
      const text = deck.slideText.flat().join(' ');
      for (const n of p.notes.filter((x) => x.kind === 'commentary')) {
        const said = forPartner(n.body, p.partner.name);
        expect(text, `${p.partner.id}: ${n.section}`).toContain(said.slice(0, 40));
      }
      expect(text).not.toMatch(/No asks or notes recorded/);
    }
  });

  it('states each figure once: the same value on every slide that shows it', () => {
    const problems: string[] = [];
    for (const p of [...current, ...complete]) {
      const seen = new Map<string, Set<string>>();
      const add = (key: string, v: string | undefined) => {
        if (v === undefined) return;
        seen.set(key, (seen.get(key) ?? new Set()).add(v));
      };
      const summary = data(p, 'summary')!;
      for (const k of summary.keyFigures) add(k.key, k.value);
      for (const m of data(p, 'scorecard')!.metrics) add(m.key, m.currentText);
      const bench = data(p, 'benchmarks');
      for (const b of bench?.items ?? []) if (b.valueText !== '—') add(b.key, b.valueText);
      // A partner with nothing open and nothing won has no pipeline slide.
      const pipe = data(p, 'pipeline');
      if (pipe) add('arr_won', pipe.wonText);
      const t = data(p, 'trends');
      const last = (t?.quarters.length ?? 0) - 1;
      const scoreOf = (k: string) => data(p, 'scorecard')!.metrics.find((m) => m.key === k)!.current ?? 0;
      if (t && t.sourcedWon[last]! + t.influencedWon[last]! + t.otherWon[last]! !== scoreOf('sourced_arr') + scoreOf('influenced_arr') + scoreOf('other_arr')) {
        problems.push(`${p.partner.id} ${p.quarter}: trends ARR won ≠ scorecard`);
      }
      if (pipe && pipe.topWins.reduce((a, w) => a + w.amount, 0) > scoreOf('sourced_arr') + scoreOf('influenced_arr') + scoreOf('other_arr')) {
        problems.push(`${p.partner.id} ${p.quarter}: top wins exceed ARR won`);
      }
      // The deal-by-deal review lists the pipeline slide's open deals: the same total and count.
      const deals = data(p, 'deals');
      if (deals || pipe?.openCount) {
        if (deals?.openText !== pipe?.openText || deals?.openCount !== pipe?.openCount) problems.push(`${p.partner.id} ${p.quarter}: deals ${deals?.openText} ≠ pipeline ${pipe?.openText}`);
      }
      // The win story is the biggest of the top wins; the twelve-month view's quarter is the scorecard's ARR won.
      const story = data(p, 'win_story');
      if (story && story.amountText !== pipe?.topWins[0]?.amountText) problems.push(`${p.partner.id} ${p.quarter}: win story ${story.amountText} ≠ top win`);
      if (!story && pipe?.topWins.length) problems.push(`${p.partner.id} ${p.quarter}: a won deal but no win story`);
      const tr = data(p, 'trailing');
      if (tr && tr.won.at(-1) !== scoreOf('sourced_arr') + scoreOf('influenced_arr') + scoreOf('other_arr')) problems.push(`${p.partner.id} ${p.quarter}: trailing quarter ≠ scorecard ARR won`);
      for (const [k, vs] of seen) if (vs.size > 1) problems.push(`${p.partner.id} ${p.quarter}: ${k} = ${[...vs].join(' / ')}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('compares a quarter in progress with the same days of the quarters before, and says so', () => {
    for (const p of current) {
      expect(p.period.complete).toBe(false);
      const sc = data(p, 'scorecard')!;
      expect(sc.footnote).toMatch(new RegExp(`to date \\(${p.period.daysElapsed} days\\), compared with the first ${p.period.daysElapsed} days of Q3 2026 and of Q4 2025`));
      // Our own approval time is never coloured as the partner's result.
      expect(sc.metrics.find((m) => m.key === 'approval_days')!.changeTone).toBe('neutral');
      // Before the partner joined there is nothing to compare with: "—", never $0.
      const prevEnd = addDays('2026-07-01', p.period.daysElapsed - 1);
      if (p.partner.agreement_signed_at > prevEnd) for (const m of sc.metrics) expect(m.previousText).toBe('—');
      if (p.partner.agreement_signed_at > '2025-12-31') for (const m of sc.metrics) expect(m.lastYearText).toBe('—');
    }
  });

  it('never asks for a next step due before the meeting', () => {
    for (const p of [...current, ...complete]) {
      for (const st of data(p, 'next_steps')!.steps) {
        if (st.due !== null) expect(st.due >= p.meetingDate, `${p.partner.id}: ${st.text} due ${st.due}`).toBe(true);
        expect(st.dueText ?? '').not.toMatch(/\d{4}-\d{2}-\d{2}/);
      }
    }
  });

  it('draws readable slides: body text ≥ 12 pt, no "…", no all-zero series, value axes from 0', () => {
    const small: string[] = [];
    const cut: string[] = [];
    const zero: string[] = [];
    const axis: string[] = [];
    for (const [key, deck] of decks) {
      deck.slideXml.forEach((xml, i) => {
        for (const m of xml.matchAll(/\bsz="(\d+)"/g)) if (Number(m[1]) < 1200) small.push(`${key} slide ${i + 1}: sz=${m[1]}`);
      });
      deck.slideText.forEach((texts, i) => texts.filter((t) => t.trimEnd().endsWith('…')).forEach((t) => cut.push(`${key} slide ${i + 1}: ${t}`)));
      for (const c of deck.charts) {
        for (const ser of c.split('<c:ser>').slice(1)) {
          const vals = /<c:val>([\s\S]*?)<\/c:val>/.exec(ser)?.[1] ?? '';
          const nums = [...vals.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]));
          if (nums.length && nums.every((v) => v === 0)) zero.push(`${key}: ${/<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(ser)?.[1]}`);
        }
        if (/<c:valAx>/.test(c) && !/<c:valAx>[\s\S]*<c:min val="0"\/>/.test(c)) axis.push(key);
      }
    }
    expect(small.slice(0, 5)).toEqual([]);
    expect(cut.slice(0, 5)).toEqual([]);
    expect(zero.slice(0, 5)).toEqual([]);
    expect(axis.slice(0, 5)).toEqual([]);
  });

  it('reads the plan and the peers right: missed not "off track", one row per initiative, median not "below", new partners not ranked', () => {
    for (const p of [...current, ...complete]) {
      const jbp = data(p, 'jbp');
      if (jbp) {
        for (const o of jbp.objectives) {
          // Status and pace never disagree ("On track" beside "off track").
          if (o.status === 'on_track') expect(o.paceText ?? '').not.toMatch(/off track|behind/);
          if (quarterEnd(o.due) < p.period.asOf && o.status !== null) {
            expect(['met', 'missed']).toContain(o.status);
            expect(o.paceText ?? '').not.toMatch(/off track/);
          }
        }
        const keys = jbp.initiatives.map((i) => `${i.title}|${i.ownerText}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const i of jbp.initiatives) expect(i.overdue).toBe(i.status !== 'done' && i.status !== 'cancelled' && i.due < p.meetingDate);
      }
      // A partner too new to rank has no benchmarks slide at all (the onboarding deck, or left out with its reason).
      const bench = data(p, 'benchmarks');
      const young = daysBetween(p.partner.agreement_signed_at, p.period.asOf) < 180;
      if (young) expect(bench).toBeNull();
      else expect(bench?.tooNew ?? false).toBe(false);
      for (const b of bench?.items ?? []) {
        if (b.percentile !== null && b.valueText === b.medianText) expect(b.position).toBe('At the median');
      }
      const sw = data(p, 'swot')!;
      const mdfTwice = sw.weaknesses.some((w) => /MDF/.test(w)) && sw.opportunities.some((o) => /MDF/.test(o));
      expect(mdfTwice).toBe(false);
      const atRisk = data(p, 'summary')!.tierStatus;
      if (atRisk && !/requirements met/.test(atRisk)) expect(sw.threats.length).toBeGreaterThan(0);
    }
  });

  it('gives a partner signed in the last two quarters the onboarding deck: milestones after the summary, no peer ranking, no trends', async () => {
    const onboarding = current.filter((p) => p.partner.agreement_signed_at > addDays(quarterEnd(p.quarter), -ONBOARDING_WINDOW_DAYS));
    expect(onboarding.length).toBeGreaterThan(0);
    for (const p of current) expect(p.variant).toBe(onboarding.includes(p) ? 'onboarding' : 'standard');
    for (const p of onboarding) {
      const keys = p.sections.map((s) => s.key);
      expect(keys.slice(0, 4), p.partner.id).toEqual(['title', 'agenda', 'summary', 'onboarding']);
      expect(keys).not.toContain('trailing');
      expect(keys).not.toContain('benchmarks');
      expect(keys).not.toContain('trends');
      const o = data(p, 'onboarding')!;
      expect(o.milestones.map((m) => m.key)).toEqual(['agreement', 'enablement', 'registration', 'opportunity', 'won']);
      expect(o.milestones[0]!.date).toBe(p.partner.agreement_signed_at);
      for (const m of o.milestones) {
        if (m.date === null) {
          expect(m.dateText).toBe('Not yet');
          continue;
        }
        expect(m.date >= p.partner.agreement_signed_at, `${p.partner.id} ${m.key} ${m.date}`).toBe(true);
        expect(m.date <= p.period.asOf, `${p.partner.id} ${m.key} ${m.date}`).toBe(true);
        expect(m.daysFromAgreement).toBe(daysBetween(p.partner.agreement_signed_at, m.date));
      }
      expect(o.daysToFirstDeal).toBe(o.milestones[4]!.daysFromAgreement);
      const latest = Math.max(...o.milestones.filter((m) => m.date).map((m) => m.daysFromAgreement!));
      expect(o.milestones.find((m) => m.sentence === o.headline)!.daysFromAgreement).toBe(latest);
      // The slide says it in the partner's words, and the notes carry SAY / ASK / INTERNAL.
      const deck = decks.get(`${p.partner.id}|cur`)!;
      const i = keys.indexOf('onboarding');
      expect(deck.slideText[i]!.join(' ')).toContain('Time to first deal'.toUpperCase());
      expect(deck.notes[i]).toMatch(/SAY[\s\S]*You signed your partner agreement on[\s\S]*ASK[\s\S]*INTERNAL/);
    }
    // Partners signed longer ago keep the standard deck, without an onboarding slide.
    for (const p of current.filter((x) => !onboarding.includes(x))) expect(p.sections.map((s) => s.key)).not.toContain('onboarding');
  });

  it('draws no empty "Not part of this review" slide; what is left out is named in the summary’s notes', () => {
    const found: string[] = [];
    for (const [key, deck] of decks) {
      deck.slideText.forEach((t, i) => {
        if (/not part of this review/i.test(t.join(' '))) found.push(`${key} slide ${i + 1}`);
        // Page numbers count the slides of this deck: "3 / 9".
        const page = t.find((x) => /^\d+ \/ \d+$/.test(x));
        if (i > 0) expect(page, `${key} slide ${i + 1}`).toBe(`${i + 1} / ${deck.slideText.length}`);
      });
    }
    expect(found.slice(0, 5)).toEqual([]);
    for (const p of [...current, ...complete]) {
      for (const s of p.sections) expect(s.status, `${p.partner.id} ${s.key}`).toBe('ok');
            const summaryNotes = p.sections.find((s) => s.key === 'summary')!.internal.join('\n');
      for (const o of p.omitted) expect(summaryNotes).toContain(`Not in this deck: ${o.title}`);
    }
    // Some partner has a section left out for lack of data (no plan, no commitments …).
    expect([...current, ...complete].some((p) => p.omitted.some((o) => !/^Onboarding review/.test(o.reason)))).toBe(true);
  });

  it('reviews the pipeline as it stands: only deals still open, no pipeline slide for a partner with nothing open or won', () => {
    const closedListed: string[] = [];
    let left = 0;
    for (const p of [...current, ...complete]) {
      const pipe = data(p, 'pipeline');
      for (const d of [...(pipe?.topOpen ?? []), ...(data(p, 'deals')?.deals ?? [])]) if (/^closed_/.test(d.stage)) closedListed.push(`${p.partner.id} ${p.quarter}: ${d.customer} ${d.stage} ${d.date}`);
      for (const st of pipe?.byStage ?? []) if (/^closed_/.test(st.stage)) closedListed.push(`${p.partner.id} ${p.quarter}: stage ${st.stage}`);
      if (pipe) expect(pipe.openCount + pipe.wonCount + p.sections.find((s) => s.key === 'pipeline')!.commentary.length, p.partner.id).toBeGreaterThan(0);
      else {
        left++;
        expect(p.omitted.map((o) => o.key)).toContain('pipeline');
      }
      const deals = data(p, 'deals');
      for (const d of deals?.deals ?? []) {
        expect(d.nextStep.length).toBeGreaterThan(0);
        if (d.date < p.period.asOf) expect(d.staleText).toMatch(/passed/);
      }
    }
    expect(closedListed.slice(0, 5)).toEqual([]);
    // The small book has partners with no pipeline at all yet (new ones).
    expect(left).toBeGreaterThan(0);
  });

  it('opens with the meeting: date, attendees from both sides, the agenda of this deck; nobody named "Unassigned"', () => {
    for (const p of current) {
      const a = data(p, 'agenda')!;
      expect(a.meetingText).toBe('Meeting date 20 Nov 2026');
      expect(a.attendees.partner.length, p.partner.id).toBeGreaterThan(0);
      expect(a.attendees.vendor.length, p.partner.id).toBeGreaterThan(0);
      expect(a.agenda).toEqual(p.sections.filter((s) => s.key !== 'title' && s.key !== 'agenda').map((s) => s.title));
      expect(data(p, 'title')!.ownerName ?? '').not.toMatch(/Unassigned/);
    }
    // A partner without an owner (an import's placeholder) is prepared by the signed-in user.
    const id = current[0]!.partner.id;
    const was = db.sqlite.prepare('SELECT owner_id FROM partner WHERE id = ?').pluck().get(id) as string;
    db.sqlite.prepare("INSERT OR IGNORE INTO user (id, name, email, role, manager_id, version) VALUES ('U-none', 'Unassigned', 'none', 'cam', NULL, 1)").run();
    db.sqlite.prepare("UPDATE partner SET owner_id = 'U-none' WHERE id = ?").run(id);
    try {
      const t = data(qbr.pack(id), 'title')!;
      expect(t.ownerName).not.toMatch(/Unassigned/);
      expect(t.ownerName === null || /^Prepared by .+, channel account manager$/.test(t.ownerName)).toBe(true);
    } finally {
      db.sqlite.prepare('UPDATE partner SET owner_id = ? WHERE id = ?').run(was, id);
    }
  });

  it('draws MDF as a chart only when something was claimed (never one solid ring)', () => {
    const rings: string[] = [];
    for (const [key, deck] of decks) {
      for (const c of deck.charts.filter((x) => /<c:doughnutChart>/.test(x))) {
        const nums = [...(/<c:val>([\s\S]*?)<\/c:val>/.exec(c)?.[1] ?? '').matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]));
        if (nums.filter((v) => v > 0).length < 2) rings.push(`${key}: ${nums.join(', ')}`);
      }
    }
    expect(rings.slice(0, 5)).toEqual([]);
  });
});
