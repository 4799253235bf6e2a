import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dateProblem, quarterProblem } from '../../src-shared/domain/time';

/** A failure the CLI reports as one plain line (no stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** How one option reads in `--help`: its text, or [its value's placeholder, its text]. */
export type OptionDoc = string | readonly [value: string, text: string];

/**
 * A command's `--help`: its usage lines, one line per option (the type requires a line
 * for every option the command takes, so none goes undocumented) and optional notes.
 */
export interface CommandHelp<O extends Options> {
  /** The usage lines after `partnerbook `, e.g. `health [options]`. */
  usage: readonly string[];
  /** One sentence on what the command does. */
  summary: string;
  options: { readonly [K in keyof O]: OptionDoc };
  notes?: readonly string[];
}

/** `--help` asked and printed: the command ends with exit code 0 (cli.ts). */
export class HelpShown extends Error {
  constructor() {
    super('help shown');
    this.name = 'HelpShown';
  }
}

/** The full `--help` text: usage, what it does, every option on one line, notes. */
export function formatHelp<O extends Options>(help: CommandHelp<O>, options: O): string {
  const rows: [string, string][] = Object.entries(options).map(([name, o]) => {
    const doc: OptionDoc = help.options[name as keyof O] ?? '';
    const [value, text] = typeof doc === 'string' ? [o.type === 'string' ? 'VALUE' : '', doc] : doc;
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${value ? ` ${value}` : ''}`;
    return [flag, text];
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  const lines = [
    ...help.usage.map((u, i) => `${i === 0 ? 'usage: ' : '       '}partnerbook ${u}`),
    '',
    help.summary,
    '',
    'options:',
    ...rows.map(([f, t]) => `  ${f.padEnd(width)}${t}`.trimEnd()),
  ];
  if (help.notes?.length) lines.push('', ...help.notes);
  return `${lines.join('\n')}\n`;
}

/** The usage lines an error is followed by. */
export function usageText(help: { usage: readonly string[] }): string {
  const name = help.usage[0]?.split(' ')[0] ?? '';
  return [...help.usage.map((u, i) => `${i === 0 ? 'usage: ' : '       '}partnerbook ${u}`), `Run 'partnerbook ${name} --help' for every option.`].join('\n');
}

/**
 * Strict option parsing with errors that name the bad flag. With a `CommandHelp`,
 * `--help` (or `-h`) anywhere prints the command's help and ends it with exit code 0
 * (HelpShown), before any other option is checked.
 */
export function parseOptions<O extends Options>(argv: string[], options: O, usage: string | CommandHelp<O>, allowPositionals = false) {
  if (typeof usage !== 'string' && argv.some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(formatHelp(usage, options));
    throw new HelpShown();
  }
  const usageLines = typeof usage === 'string' ? usage : usageText(usage);
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals });
  } catch (err) {
    throw new CliError(`${parseProblem(err)}\n${usageLines}`, 2);
  }
}

/** Node's parseArgs errors in the CLI's own words ("Option '--limit' argument is ambiguous." said nothing a person could act on). */
export function parseProblem(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const flag = /^Option '(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1];
  if (flag && /argument is ambiguous/.test(message)) return `${flag} needs a value; for one that starts with a dash, write ${flag}=-…`;
  if (flag && /argument missing/.test(message)) return `${flag} needs a value`;
  if (flag && /does not take an argument/.test(message)) return `${flag} takes no value`;
  const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
  if (unknown) return `unknown option ${unknown}`;
  const extra = /^Unexpected argument '([^']*)'/.exec(message)?.[1];
  if (extra !== undefined) return `unexpected '${extra}': this command takes options only`;
  return message.split('\n')[0]!;
}

export function requireOption(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === '') throw new CliError(`missing ${flag}\n${usage}`, 2);
  return value;
}

export function intOption(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`${flag} must be a whole number, got '${value}'`, 2);
  return n;
}

/** A real calendar date YYYY-MM-DD in the years the app accepts (the API's own check). */
export function dateOption(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const problem = dateProblem(value);
  if (problem) throw new CliError(`${flag} must be a date YYYY-MM-DD: ${problem}`, 2);
  return value;
}

/** A quarter YYYY-Qn in the years the app accepts. */
export function quarterOption(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const problem = quarterProblem(value);
  if (problem) throw new CliError(`${flag} must be a quarter YYYY-Qn: ${problem}`, 2);
  return value;
}
