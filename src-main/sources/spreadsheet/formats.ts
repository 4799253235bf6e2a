/**
 * The currency an Excel number format shows. A workbook cell holds 1234.5 and shows
 * "€1.234,50" through its format ('[$€-407] #,##0.00', '"€"#,##0.00', '#,##0.00 [$EUR]');
 * the cell's text keeps that currency ("€1234.5", "1234.5 EUR"), as a CSV export of the
 * sheet would, so an amount in euros is never read as the import's dollars. Pure functions.
 */
import { currencyOf } from './values';

/**
 * The currency symbol or ISO code a number format shows ('€', '$', 'EUR'), as written in
 * the format; null when it shows none ('#,##0.00', '0%', 'General'). Only the format's first
 * section (positive numbers) is read: the others show the same currency.
 */
export function formatCurrency(numFmt: string | undefined | null): string | null {
  if (!numFmt) return null;
  const section = firstSection(numFmt);
  // [$€-407], [$USD], [$$-409]: a currency and, after '-', a locale.
  for (const m of section.matchAll(/\[\$([^\]-]*)(?:-[0-9A-Fa-f]+)?\]/g)) {
    const shown = m[1]!.trim();
    if (shown && currencyOf(shown)) return shown;
  }
  // "€", " EUR": quoted text.
  for (const m of section.matchAll(/"([^"]*)"/g)) {
    const shown = m[1]!.trim();
    if (shown && currencyOf(shown)) return shown;
  }
  // £#,##0.00, #,##0 €: a symbol written as it is (after '\' or not); '_x' and '*x' are spacing, not text.
  const bare = section.replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, '').replace(/[_*]./g, '').replace(/\\/g, '');
  const symbol = /[^\w\s#0?.,%+\-()/:@;]+/u.exec(bare)?.[0];
  return symbol && currencyOf(symbol) ? symbol : null;
}

/** The text of a number shown in a currency: "€1234.5" for a symbol, "1234.5 EUR" for a code. */
export function withCurrency(text: string, shown: string): string {
  return /^[A-Za-z]{3}$/.test(shown) ? `${text} ${shown.toUpperCase()}` : `${shown}${text}`;
}

/** The format up to its first ';' outside quotes and brackets. */
function firstSection(numFmt: string): string {
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < numFmt.length; i++) {
    const c = numFmt[i];
    if (c === '"' && !bracket) quoted = !quoted;
    else if (c === '[' && !quoted) bracket = true;
    else if (c === ']' && !quoted) bracket = false;
    else if (c === ';' && !quoted && !bracket) return numFmt.slice(0, i);
  }
  return numFmt;
}
