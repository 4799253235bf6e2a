import { describe, expect, it } from 'vitest';
import { partnerIndex } from '../../../src-renderer/lib/partner-search';

const BOOK = [
  { id: 'P-00001', name: 'Beacon Distribution GmbH' },
  { id: 'P-00002', name: 'Beacon Systems' },
  { id: 'P-00003', name: 'Aurora Automation Partners' },
  { id: 'P-00004', name: 'Aurora Cloud' },
  { id: 'P-00005', name: 'Distribution Unlimited' },
  { id: 'P-00006', name: 'Société Générale Informatique' },
  { id: 'P-00007', name: 'Cedar & Vertex AG' },
  { id: 'P-00012', name: 'Granite Compute Ltd' },
  { id: 'P-00120', name: 'Nimbus Logic' },
];
const names = (q: string, limit = 5) => partnerIndex(BOOK).search(q, limit).map((r) => r.name);

describe('finding a partner by what a person types', () => {
  it('tolerates a typo', () => {
    expect(names('Becon')[0]).toMatch(/^Beacon/);
    expect(names('Becon distribution')[0]).toBe('Beacon Distribution GmbH');
    expect(names('granit compte')[0]).toBe('Granite Compute Ltd');
  });

  it('does not care about word order', () => {
    expect(names('Automation Aurora')[0]).toBe('Aurora Automation Partners');
    expect(names('distribution beacon')[0]).toBe('Beacon Distribution GmbH');
  });

  it('matches word beginnings and needs every word when some partner has them all', () => {
    expect(names('beacon distrib gmbh')).toEqual(['Beacon Distribution GmbH']);
    expect(names('aur')).toEqual(expect.arrayContaining(['Aurora Automation Partners', 'Aurora Cloud']));
    expect(names('aur').length).toBe(2);
  });

  it('falls back to most words when no partner has all of them', () => {
    expect(names('beacon zebra')).toEqual(expect.arrayContaining(['Beacon Distribution GmbH', 'Beacon Systems']));
  });

  it('ignores accents, case and marks', () => {
    expect(names('societe generale')[0]).toBe('Société Générale Informatique');
    expect(names('cedar vertex')[0]).toBe('Cedar & Vertex AG');
  });

  it('puts an exact id first, and finds an id by its beginning', () => {
    expect(partnerIndex(BOOK).search('P-00012', 5)[0]!.id).toBe('P-00012');
    expect(partnerIndex(BOOK).search('p-00012', 5)[0]!.id).toBe('P-00012');
  });

  it('finds nothing for nothing, and keeps to the limit', () => {
    expect(names('   ')).toEqual([]);
    expect(names('zzzzqqq')).toEqual([]);
    expect(partnerIndex(BOOK).search('a', 2).length).toBeLessThanOrEqual(2);
  });
});
