/**
 * The title slide's company line (export/pptx/masters.ts): any company name the settings
 * allow — 60 characters, even of the widest letters, beside the widest logo plate — is shown
 * whole, at the deck's smallest size or larger (it was cut with "…", then shrunk to 9 pt);
 * the tagline gives way first, then the name takes two lines.
 */
import { describe, expect, it } from 'vitest';
import { MIN_PT } from '../../../src-main/export/pptx/frame';
import { companyLine } from '../../../src-main/export/pptx/masters';
import { textWidth } from '../../../src-main/export/pptx/text-fit';
import { COMPANY_NAME_MAX } from '../../../src-shared/methods/branding';

// 13.33 in wide, 0.55 in margins, the widest logo plate (2.4 in + padding) and its gap.
const NARROWEST_LINE = 13.333 - 0.55 - (2.4 + 0.2) - 0.18 - 0.55;

describe('the company line on the title slide', () => {
  it.each([
    ['W'.repeat(COMPANY_NAME_MAX)],
    ['中'.repeat(COMPANY_NAME_MAX)],
    ['Wolfgang & Waldemar Worldwide Wholesale Workstation Wares GmbH'.slice(0, COMPANY_NAME_MAX)],
    ['中中中中中 '.repeat(10).trim()],
    ['Northwind Traders'],
  ])('%s is shown whole, at 12 pt at least, in at most two lines', (name) => {
    const line = companyLine(name, 'Quarterly business review', NARROWEST_LINE);
    const lines = line.text.split('\n');
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(line.lines).toBe(lines.length);
    // Broken at a space (which the break stands for), or inside a word when it has none.
    expect(lines.join(name.includes(' ') ? ' ' : '').startsWith(name)).toBe(true);
    expect(line.text).not.toContain('…');
    expect(line.size).toBeGreaterThanOrEqual(MIN_PT);
    for (const l of lines) expect(textWidth(l, line.size)).toBeLessThanOrEqual(NARROWEST_LINE);
  });

  it('a short name keeps its tagline at 12 pt, on one line', () => {
    expect(companyLine('Northwind Traders', 'Quarterly business review', NARROWEST_LINE)).toEqual({ text: 'Northwind Traders · Quarterly business review', size: 12, lines: 1 });
  });

  it('a long name with spaces breaks between words', () => {
    const name = '中中中中中 '.repeat(10).trim();
    const line = companyLine(name, 'Quarterly business review', NARROWEST_LINE);
    expect(line.lines).toBe(2);
    expect(line.text.replace('\n', ' ')).toBe(name);
  });
});
