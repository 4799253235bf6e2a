/**
 * A parser for the subset of SOQL the connector needs. Follows "SOQL SELECT Syntax"
 * (https://developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/sforce-api-calls-soql-select.md)
 * and "ORDER BY" (https://developer.salesforce.com/docs/atlas.en-us.258.0.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_orderby.htm:
 * case-insensitive sort, nulls first unless NULLS LAST):
 *
 *   SELECT field, … | COUNT()  FROM Object
 *   [WHERE cond]  cond: field op literal | field [NOT] IN (literal, …) | field LIKE 'x%'
 *                       | cond AND cond | cond OR cond | NOT cond | (cond)
 *   [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST], …]  [LIMIT n]  [OFFSET n]
 *
 * op is = != <> < <= > >=; literals are 'strings', numbers, true/false/null, date-times
 * (2024-05-01T00:00:00Z, …+00:00) and dates (2024-05-01). Keywords are case-insensitive.
 * No relationship fields, subqueries, aggregates other than COUNT(), date literals such
 * as LAST_N_DAYS, GROUP BY, or bind variables: those are MALFORMED_QUERY here.
 */
import { parseIsoDateTime } from './clock';
import { SfError } from './api';

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: number; text: string }
  | { kind: 'date'; value: string };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; parts: Condition[] }
  | { kind: 'not'; cond: Condition }
  | { kind: 'compare'; field: string; op: CompareOp; value: Literal }
  | { kind: 'in'; field: string; negate: boolean; values: Literal[] }
  | { kind: 'like'; field: string; pattern: string };

export interface OrderItem {
  field: string;
  desc: boolean;
  nullsLast: boolean;
}

export interface ParsedQuery {
  object: string;
  /** Field names as written, or 'count' for SELECT COUNT(). */
  select: string[] | 'count';
  where: Condition | null;
  orderBy: OrderItem[];
  limit: number | null;
  offset: number | null;
}

type TokKind = 'word' | 'string' | 'number' | 'datetime' | 'date' | 'op' | 'punct' | 'eof';
interface Tok {
  kind: TokKind;
  text: string;
}

const PATTERNS: [TokKind, RegExp][] = [
  ['datetime', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})/y],
  ['date', /\d{4}-\d{2}-\d{2}(?![\d:T])/y],
  ['number', /-?\d+(\.\d+)?(?![\w.])/y],
  ['word', /[A-Za-z_][A-Za-z0-9_.]*/y],
  ['op', /!=|<>|<=|>=|=|<|>/y],
  ['punct', /[(),]/y],
];

const malformed = (message: string) => new SfError(400, 'MALFORMED_QUERY', message);

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== "'"; j++) {
        if (text[j] === '\\' && j + 1 < text.length) {
          const esc = text[++j]!;
          value += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[esc] ?? esc;
        } else value += text[j];
      }
      if (j >= text.length) throw malformed(`unterminated string literal at position ${i}`);
      out.push({ kind: 'string', text: value });
      i = j + 1;
      continue;
    }
    let matched = false;
    for (const [kind, re] of PATTERNS) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m) {
        out.push({ kind, text: m[0] });
        i += m[0].length;
        matched = true;
        break;
      }
    }
    if (!matched) throw malformed(`unexpected token: '${ch}'`);
  }
  out.push({ kind: 'eof', text: '' });
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.i]!;
  }
  private next(): Tok {
    return this.toks[this.i++]!;
  }
  private isWord(word: string): boolean {
    const t = this.peek();
    return t.kind === 'word' && t.text.toUpperCase() === word;
  }
  private isPunct(p: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === p;
  }
  private acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.i++;
    return true;
  }
  private expectWord(word: string): void {
    if (!this.acceptWord(word)) throw this.unexpected();
  }
  private expectPunct(p: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== p) throw this.unexpected(t);
  }
  private unexpected(t: Tok = this.peek()): SfError {
    return malformed(t.kind === 'eof' ? 'unexpected end of query' : `unexpected token: '${t.text}'`);
  }
  private field(): string {
    const t = this.next();
    if (t.kind !== 'word') throw this.unexpected(t);
    return t.text;
  }

  query(): ParsedQuery {
    this.expectWord('SELECT');
    let select: string[] | 'count';
    if (this.isWord('COUNT') && this.toks[this.i + 1]?.kind === 'punct' && this.toks[this.i + 1]?.text === '(') {
      this.i++;
      this.expectPunct('(');
      this.expectPunct(')');
      select = 'count';
    } else {
      select = [this.field()];
      while (this.isPunct(',')) {
        this.i++;
        select.push(this.field());
      }
    }
    this.expectWord('FROM');
    const object = this.field();
    const where = this.acceptWord('WHERE') ? this.or() : null;
    const orderBy: OrderItem[] = [];
    if (this.acceptWord('ORDER')) {
      this.expectWord('BY');
      do {
        const field = this.field();
        const desc = this.acceptWord('DESC') ? true : (this.acceptWord('ASC'), false);
        let nullsLast = false;
        if (this.acceptWord('NULLS')) {
          if (this.acceptWord('LAST')) nullsLast = true;
          else {
            this.expectWord('FIRST');
            nullsLast = false;
          }
        }
        orderBy.push({ field, desc, nullsLast });
      } while (this.isPunct(',') && ++this.i > 0);
    }
    const limit = this.acceptWord('LIMIT') ? this.count() : null;
    const offset = this.acceptWord('OFFSET') ? this.count() : null;
    if (this.peek().kind !== 'eof') throw this.unexpected();
    return { object, select, where, orderBy, limit, offset };
  }

  private count(): number {
    const t = this.next();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw this.unexpected(t);
    return Number(t.text);
  }

  private or(): Condition {
    const parts = [this.and()];
    while (this.acceptWord('OR')) parts.push(this.and());
    return parts.length === 1 ? parts[0]! : { kind: 'or', parts };
  }

  private and(): Condition {
    const parts = [this.not()];
    while (this.acceptWord('AND')) parts.push(this.not());
    return parts.length === 1 ? parts[0]! : { kind: 'and', parts };
  }

  private not(): Condition {
    if (this.acceptWord('NOT')) return { kind: 'not', cond: this.not() };
    if (this.isPunct('(')) {
      this.i++;
      const inner = this.or();
      this.expectPunct(')');
      return inner;
    }
    const field = this.field();
    const t = this.peek();
    if (t.kind === 'op') {
      this.i++;
      const op = (t.text === '<>' ? '!=' : t.text) as CompareOp;
      return { kind: 'compare', field, op, value: this.literal() };
    }
    const negate = this.acceptWord('NOT');
    if (this.acceptWord('IN')) {
      this.expectPunct('(');
      const values = [this.literal()];
      while (this.isPunct(',')) {
        this.i++;
        values.push(this.literal());
      }
      this.expectPunct(')');
      return { kind: 'in', field, negate, values };
    }
    if (!negate && this.acceptWord('LIKE')) {
      const p = this.next();
      if (p.kind !== 'string') throw this.unexpected(p);
      return { kind: 'like', field, pattern: p.text };
    }
    throw this.unexpected();
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return { kind: 'string', value: t.text };
      case 'number':
        return { kind: 'number', value: Number(t.text) };
      case 'date':
        return { kind: 'date', value: t.text };
      case 'datetime': {
        const value = parseIsoDateTime(t.text);
        if (value === null) throw malformed(`invalid date-time: ${t.text}`);
        return { kind: 'datetime', value, text: t.text };
      }
      case 'word': {
        const w = t.text.toUpperCase();
        if (w === 'TRUE' || w === 'FALSE') return { kind: 'boolean', value: w === 'TRUE' };
        if (w === 'NULL') return { kind: 'null' };
        throw malformed(`unexpected token: '${t.text}' (date literals and bind variables are not supported by the fake)`);
      }
      default:
        throw this.unexpected(t);
    }
  }
}

export function parseSoql(text: string): ParsedQuery {
  return new Parser(tokenize(text)).query();
}
