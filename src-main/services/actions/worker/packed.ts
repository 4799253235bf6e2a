/**
 * The ranked items as they travel from the actions worker to the API's thread: every text
 * once in a table, each item a row of numbers in one transferable buffer. Sent as plain
 * objects, a large book's 17,000 items were 13 MB whose structured-clone copy cost the API's
 * thread about 120 ms of CPU on every ranking (the same partner, tier, owner, rule and
 * priority texts copied once per item). Packed, the API's thread reads a table of the
 * distinct texts and rebuilds the items from the rows.
 *
 * A ranked item has no facts, links or state yet (evidence is built on demand, states laid
 * over by the list): those are not sent and come back empty.
 */
import type { ActionBucket, ActionItem, ActionRuleId } from '../../../../src-shared/methods/actions';

/** The text fields of an item, in row order. */
const TEXTS = ['key', 'rule', 'ruleLabel', 'partnerId', 'partnerName', 'tierId', 'tierName', 'ownerId', 'ownerName', 'suggestion', 'currency', 'dueDate', 'bucket', 'suggestionHere'] as const;
/** The priority's texts, after the item's. */
const PRIORITY_TEXTS = ['impactBasis', 'confidenceBasis'] as const;
/** The numbers, after the texts. */
const NUMBERS = ['tierRank', 'impact'] as const;
const PRIORITY_NUMBERS = ['score', 'impact', 'impactMinor', 'urgency', 'daysToDue', 'confidence'] as const;
const WIDTH = TEXTS.length + PRIORITY_TEXTS.length + NUMBERS.length + PRIORITY_NUMBERS.length;
/** Numbers per item in `PackedItems.rows`. */
export const ROW_WIDTH = WIDTH;

export interface PackedItems {
  /** Every distinct text, once. */
  texts: string[];
  /** `WIDTH` numbers per item: indices into `texts` (−1 for null), then the numbers. */
  rows: Float64Array<ArrayBuffer>;
}

/** Packs ranked items (no facts, links or state) for the trip to the API's thread; `rows.buffer` can be transferred. */
export function packItems(items: readonly ActionItem[]): PackedItems {
  const index = new Map<string, number>();
  const texts: string[] = [];
  const text = (s: string | null | undefined): number => {
    if (s === null || s === undefined) return -1;
    let i = index.get(s);
    if (i === undefined) {
      i = texts.length;
      texts.push(s);
      index.set(s, i);
    }
    return i;
  };
  const rows = new Float64Array(items.length * WIDTH);
  let at = 0;
  for (const a of items) {
    for (const f of TEXTS) rows[at++] = text(a[f]);
    for (const f of PRIORITY_TEXTS) rows[at++] = text(a.priority[f]);
    for (const f of NUMBERS) rows[at++] = a[f];
    for (const f of PRIORITY_NUMBERS) rows[at++] = a.priority[f];
  }
  return { texts, rows };
}

/** The items `packItems` packed, each with empty facts and links, no state, not hidden. */
export function unpackItems({ texts, rows }: PackedItems): ActionItem[] {
  const n = rows.length / WIDTH;
  const out = new Array<ActionItem>(n);
  // Written out field by field: one object shape for every item, no lookups by name.
  const t = (i: number): string => (texts[i] ?? null) as string;
  for (let k = 0, r = 0; k < n; k++, r += WIDTH) {
    out[k] = {
      key: t(rows[r]!),
      rule: t(rows[r + 1]!) as ActionRuleId,
      ruleLabel: t(rows[r + 2]!),
      partnerId: t(rows[r + 3]!),
      partnerName: t(rows[r + 4]!),
      tierId: t(rows[r + 5]!),
      tierName: t(rows[r + 6]!),
      tierRank: rows[r + 16]!,
      ownerId: t(rows[r + 7]!),
      ownerName: t(rows[r + 8]!),
      suggestion: t(rows[r + 9]!),
      suggestionHere: t(rows[r + 13]!),
      facts: [],
      links: [],
      impact: rows[r + 17]!,
      currency: t(rows[r + 10]!),
      dueDate: t(rows[r + 11]!),
      bucket: t(rows[r + 12]!) as ActionBucket,
      priority: {
        score: rows[r + 18]!,
        impact: rows[r + 19]!,
        impactMinor: rows[r + 20]!,
        impactBasis: t(rows[r + 14]!),
        urgency: rows[r + 21]!,
        daysToDue: rows[r + 22]!,
        confidence: rows[r + 23]!,
        confidenceBasis: t(rows[r + 15]!),
      },
      state: null,
      hidden: false,
    };
  }
  return out;
}
