/**
 * The summary slide's key-figure tiles (export/pptx/slides/summary.ts): a tile's second line
 * says what its figure is made of, and those parts add up to the figure, so none may be left
 * off the slide. Two lines hold two parts; the ARR tile naming all three roles needs a third.
 */
import { describe, expect, it } from 'vitest';
import { speakerNotes, type Box, type Slide } from '../../../src-main/export/pptx/frame';
import { summarySlide, trendTitle } from '../../../src-main/export/pptx/slides/summary';
import type { SummaryData } from '../../../src-shared/methods/qbr';

interface Drawn {
  text: string;
  box: Box;
}

/** A slide that records its text and its shapes. */
function recorder(): { slide: Slide; texts: Drawn[]; shapes: Box[]; notes: () => string } {
  const texts: Drawn[] = [];
  const shapes: Box[] = [];
  let notes = '';
  const slide = {
    addNotes: (t: string) => void (notes = t),
    addText(text: string | { text: string }[], o: Box) {
      texts.push({ text: typeof text === 'string' ? text : text.map((t) => t.text).join(''), box: { x: o.x, y: o.y, w: o.w, h: o.h } });
    },
    addShape: (_kind: string, o: Box) => void shapes.push({ x: o.x, y: o.y, w: o.w, h: o.h }),
  } as unknown as Slide;
  return { slide, texts, shapes, notes: () => notes };
}

const BODY: Box = { x: 0.5, y: 1.3, w: 12.33, h: 5.6 };

function summary(arrSub: string): SummaryData {
  return {
    health: null,
    healthMessage: 'Partner health is not available for this review.',
    tierStatus: null,
    headlines: [
      { text: 'Won $1.4M this quarter.', tone: 'good' },
      { text: 'Pipeline created is behind target.', tone: 'bad' },
      { text: 'Two registrations are waiting for a decision.', tone: 'neutral' },
    ],
    keyFigures: [
      { key: 'arr_won', label: 'ARR won', value: '$1.4M', sub: arrSub },
      { key: 'pipeline_created', label: 'Pipeline created', value: '$2.1M', sub: 'target $3.0M' },
      { key: 'win_rate', label: 'Win rate', value: '41%', sub: '7 of 17 decided' },
      { key: 'deal_registrations', label: 'Deal registrations', value: '6', sub: '2 approved, 4 pending' },
    ],
  } as SummaryData;
}

function draw(arrSub: string) {
  const r = recorder();
  summarySlide({ slide: r.slide, body: BODY }, summary(arrSub));
  speakerNotes(r.slide, { talkingPoints: [], questions: [], internal: [], source: 'the replica', title: 'Summary' });
  return r;
}

/** The four key-figure panels: the wide shapes along the body's bottom (the headlines' tone bars are narrow). */
const tilesOf = (r: ReturnType<typeof recorder>) => r.shapes.filter((s) => s.w > 2 && s.y > BODY.y + 2);

describe('the summary slide’s key figures', () => {
  it('show all three roles of the ARR won, in the tiles, inside the slide body', () => {
    const three = '$767k sourced · $12k influenced · $615k co-sell & marketplace';
    const r = draw(three);
    expect(r.texts.map((t) => t.text)).toContain(three);
    expect(r.notes()).not.toContain('IN FULL');
    // The tiles grew a line, and still end where the body ends.
    const tiles = tilesOf(r);
    expect(tiles).toHaveLength(4);
    for (const t of tiles) expect(t.y + t.h).toBeCloseTo(BODY.y + BODY.h, 5);
    for (const t of r.texts) expect(t.box.y + t.box.h).toBeLessThanOrEqual(BODY.y + BODY.h + 1e-9);
  });

  it('keep their usual height when two lines hold every tile', () => {
    const two = draw('$767k sourced · $615k co-sell & marketplace');
    const three = draw('$767k sourced · $12k influenced · $615k co-sell & marketplace');
    const height = (r: ReturnType<typeof draw>) => tilesOf(r)[0]!.h;
    expect(height(two)).toBeCloseTo(1.25, 5);
    expect(height(three)).toBeGreaterThan(height(two));
    expect(two.texts.map((t) => t.text)).toContain('$767k sourced · $615k co-sell & marketplace');
  });
});

describe('the health chart title', () => {
  const quarters = ['2018-Q3', '2018-Q4', '2019-Q1', '2019-Q2', '2019-Q3', '2019-Q4', '2020-Q1', '2020-Q2'];
  const trend = (scores: (number | null)[]) => quarters.map((quarter, i) => ({ quarter, score: scores[i] ?? null }));

  it('names the quarters it draws: all eight, since the first scored one, or how many of the eight', () => {
    expect(trendTitle(trend([50, 52, 55, 60, 61, 70, 72, 80]))).toBe('Health, last 8 quarters');
    // A partner signed in Q3 2019 (AdventureWorks' Westside Plaza): four points, not "last 8 quarters".
    expect(trendTitle(trend([null, null, null, null, 77, 100, 100, 83]))).toBe('Health since Q3 19');
    expect(trendTitle(trend([50, null, 55, 60, null, 70, 72, 80]))).toBe('Health, 6 of the last 8 quarters');
  });
});
