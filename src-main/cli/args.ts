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

/** Strict option parsing with errors that name the bad flag. */
export function parseOptions<O extends Options>(argv: string[], options: O, usage: string, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new CliError(`${message}\n${usage}`, 2);
  }
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
