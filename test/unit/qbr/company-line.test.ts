/**
 * The title slide's company line (export/pptx/masters.ts): any company name the settings
 * allow — 60 characters, even of the widest letters, beside the widest logo plate — is shown
 * whole; the tagline gives way first, then the size.
 */
import { describe, expect, it } from 'vitest';
import { companyLine } from '../../../src-main/export/pptx/masters';
import { textWidth } from '../../../src-main/export/pptx/text-fit';
import { COMPANY_NAME_MAX } from '../../../src-shared/methods/branding';

// 13.33 in wide, 0.5 in margins, the widest logo plate (2.4 in + padding) and its gap.
const NARROWEST_LINE = 13.333 - 0.5 - (2.4 + 0.2) - 0.18 - 0.5;

describe('the company line on the title slide', () => {
  it.each([
    ['W'.repeat(COMPANY_NAME_MAX)],
    ['Wolfgang & Waldemar Worldwide Wholesale Workstation Wares GmbH'.slice(0, COMPANY_NAME_MAX)],
    ['Northwind Traders'],
  ])('%s is shown whole', (name) => {
    const line = companyLine(name, 'Quarterly business review', NARROWEST_LINE);
    expect(line.text.startsWith(name)).toBe(true);
    expect(line.text).not.toContain('…');
    expect(textWidth(line.text, line.size)).toBeLessThanOrEqual(NARROWEST_LINE);
  });

  it('a short name keeps its tagline at 12 pt', () => {
    expect(companyLine('Northwind Traders', 'Quarterly business review', NARROWEST_LINE)).toEqual({ text: 'Northwind Traders · Quarterly business review', size: 12 });
  });
});
