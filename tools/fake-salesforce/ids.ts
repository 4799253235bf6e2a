/**
 * Salesforce record ids, made the way Salesforce makes them: a 3-character key prefix
 * (005 User, 001 Account, 006 Opportunity, a0… custom objects), 12 more characters, and
 * the 3-character case-safe suffix that turns the 15-character id into the 18-character
 * one (each suffix character encodes which of 5 characters are upper case). Ids derived
 * from a seed key are deterministic: EmployeeKey 272 → `005000000000272AAA`.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

/** The 3-character suffix of a 15-character id. */
function suffixOf(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) flags |= 1 << i;
    }
    out += SUFFIX_ALPHABET[flags];
  }
  return out;
}

/** The 18-character id for `prefix` (3 characters) and a whole number. */
export function sfId(prefix: string, n: number): string {
  if (prefix.length !== 3) throw new RangeError(`an id prefix has 3 characters, got '${prefix}'`);
  const body = String(n).padStart(12, '0');
  if (body.length > 12) throw new RangeError(`id number ${n} is too large`);
  const id15 = prefix + body;
  return id15 + suffixOf(id15);
}

/** The 18-character form of a 15- or 18-character id; null when `value` is not an id. */
export function to18(value: string): string | null {
  if (ID_18.test(value)) {
    // The suffix makes 18-character ids case-insensitive: rebuild the case from it.
    const id15 = value.slice(0, 15);
    const want = value.slice(15).toUpperCase();
    if (suffixOf(id15) === want) return id15 + want;
    let fixed = '';
    for (let chunk = 0; chunk < 3; chunk++) {
      const flags = SUFFIX_ALPHABET.indexOf(want[chunk]!);
      if (flags < 0) return null;
      for (let i = 0; i < 5; i++) {
        const ch = id15[chunk * 5 + i]!;
        fixed += flags & (1 << i) ? ch.toUpperCase() : ch.toLowerCase();
      }
    }
    return suffixOf(fixed) === want ? fixed + want : null;
  }
  if (ID_15.test(value)) return value + suffixOf(value);
  return null;
}

/** The fake org's id (an 18-character `00D` id). */
export const ORG_ID = (() => {
  const id15 = '00DFAKE00000001';
  return id15 + suffixOf(id15);
})();
