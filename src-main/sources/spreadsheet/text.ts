/**
 * Text files before they are tables: which encoding the bytes are in (decodeText) and
 * which character separates the fields (sniffDelimiter). Both are re-exported by read.ts.
 */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t' | '|';

/** In order of preference when two delimiters fit equally well. */
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

/** Decoded text; a file mixing UTF-8 and Windows-1252 names the lines in the encoding it is not said to be in. */
export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Lines of a UTF-8 file holding a byte that is not UTF-8 (read as Windows-1252). */
  strayLines?: number[];
  /** Lines of a Windows-1252 file holding characters written in UTF-8 (read as UTF-8). */
  utf8Lines?: number[];
}

/** How many bytes are looked at to spot UTF-16 written without a byte order mark. */
const UTF16_SAMPLE = 4096;

/**
 * Bytes to text. A byte order mark decides (UTF-8 EF BB BF, UTF-16 LE FF FE, UTF-16 BE
 * FE FF) and is removed. Without one: text where most bytes at odd (even) positions are
 * NUL is UTF-16 LE (BE); bytes that are valid UTF-8 are UTF-8; bytes with no UTF-8 in them
 * are Windows-1252 (what Excel on Windows writes for "CSV" in Western Europe and the US);
 * a mix of the two is read part by part (mixedUtf8).
 */
export function decodeText(buf: Buffer): DecodedText {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const rest = buf.subarray(3);
    try {
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(rest), encoding: 'utf-8' };
    } catch {
      // Said to be UTF-8, but a byte is not (a value pasted from a Windows-1252 file): read as 1252 and named, never '�'.
      return mixedUtf8(rest, true)!;
    }
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: iconv.decode(buf.subarray(2), 'utf-16le', { stripBOM: false }), encoding: 'utf-16le' };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: iconv.decode(buf.subarray(2), 'utf-16be', { stripBOM: false }), encoding: 'utf-16be' };
  }
  const utf16 = bomlessUtf16(buf);
  if (utf16) return { text: iconv.decode(buf, utf16, { stripBOM: false }), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // UTF-8 and Windows-1252 mixed (a value pasted from one kind of file into the other):
    // each part is read in its own encoding, and the lines of the fewer are named.
    const mixed = mixedUtf8(buf);
    if (mixed) return mixed;
    return { text: iconv.decode(buf, 'windows-1252', { stripBOM: false }), encoding: 'windows-1252' };
  }
}

/** The length of the UTF-8 sequence starting at `i` (2–4), or 0 when the bytes there are not one. */
function utf8SequenceAt(buf: Buffer, i: number): number {
  const b = buf[i]!;
  const cont = (k: number) => i + k < buf.length && (buf[i + k]! & 0xc0) === 0x80;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const b1 = buf[i + 1] ?? 0;
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f)) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const b1 = buf[i + 1] ?? 0;
    if ((b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Text that mixes UTF-8 and Windows-1252 (a value pasted from one kind of file into the
 * other): each valid UTF-8 sequence is read as UTF-8 and each other byte as Windows-1252,
 * so neither kind is garbled. The file is said to be in the encoding most of its non-ASCII
 * characters are in, and the lines holding the others are named: `strayLines` (bytes read
 * as 1252 in a UTF-8 file) or `utf8Lines` (UTF-8 in a Windows-1252 file), 1-based lines of
 * the file. Null when no byte forms UTF-8: a plain Windows-1252 file, read whole as it.
 * `bom`: the file starts with UTF-8's byte order mark, so it is UTF-8 whatever the count.
 */
function mixedUtf8(buf: Buffer, bom = false): DecodedText | null {
  const valid: number[] = [];
  const stray: number[] = [];
  for (let i = 0; i < buf.length; i++) {
    if (buf[i]! < 0x80) continue;
    const n = utf8SequenceAt(buf, i);
    if (n) {
      valid.push(i);
      i += n - 1;
    } else stray.push(i);
  }
  if (valid.length === 0 && !bom) return null;
  let text = '';
  let from = 0;
  for (const at of stray) {
    text += buf.toString('utf8', from, at) + iconv.decode(buf.subarray(at, at + 1), 'windows-1252');
    from = at + 1;
  }
  text += buf.toString('utf8', from);
  if (bom || stray.length <= valid.length) return { text, encoding: 'utf-8', strayLines: linesOf(buf, stray) };
  return { text, encoding: 'windows-1252', utf8Lines: linesOf(buf, valid) };
}

/** The distinct 1-based lines of the byte offsets (ascending). */
function linesOf(buf: Buffer, offsets: readonly number[]): number[] {
  const lines = new Set<number>();
  let line = 1;
  let scanned = 0;
  for (const at of offsets) {
    for (; scanned < at; scanned++) if (buf[scanned] === 0x0a) line++;
    lines.add(line);
  }
  return [...lines];
}

/** UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte; UTF-8 and 1252 text has none. */
function bomlessUtf16(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(Math.min(buf.length, UTF16_SAMPLE) / 2);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (buf[2 * i] === 0) evenNul++;
    if (buf[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.02) return 'utf-16le';
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.02) return 'utf-16be';
  return null;
}

/** How many characters of the text the sniffer reads (enough for ~20 ordinary lines). */
const SNIFF_CHARS = 256 * 1024;
const SNIFF_RECORDS = 20;

/**
 * The field separator of a delimited text file, from its first ~20 records (quotes
 * respected: csv-parse reads the sample once per candidate). A candidate counts only if
 * the first record splits into more than one field; the winner has the most records
 * with as many fields as the first one (every record alike beats a near miss), then the
 * most fields; a tie goes to ',' then ';', tab, '|'. Nothing splits the first line: ','.
 */
export function sniffDelimiter(text: string): Delimiter {
  let sample = text.length > SNIFF_CHARS ? text.slice(0, SNIFF_CHARS) : text;
  if (sample.length < text.length) {
    const cut = sample.search(/[\r\n][^\r\n]*$/);
    if (cut > 0) sample = sample.slice(0, cut);
  }
  sample = sample.replace(/\r\n?/g, '\n');
  let best: { delimiter: Delimiter; score: number; fields: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const counts = fieldCounts(sample, delimiter);
    const header = counts[0];
    if (header === undefined || header < 2) continue;
    const score = counts.filter((c) => c === header).length / counts.length;
    if (!best || score > best.score || (score === best.score && header > best.fields)) {
      best = { delimiter, score, fields: header };
    }
  }
  return best?.delimiter ?? ',';
}

/** Field counts of the sample's first non-empty records; a parse error ends the list early. */
function fieldCounts(sample: string, delimiter: Delimiter): number[] {
  const counts: number[] = [];
  try {
    parse(sample, {
      delimiter,
      record_delimiter: '\n',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      to: SNIFF_RECORDS,
      on_record: (record: string[]) => {
        if (record.some((c) => c.trim() !== '')) counts.push(record.length);
        return null;
      },
    });
  } catch {
    // A quote this delimiter cannot make sense of: the records before it still count.
  }
  return counts;
}
