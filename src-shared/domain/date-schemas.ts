/**
 * The zod schemas every boundary uses for dates, quarters and timestamps (API method
 * inputs, edit rules, the CLI through the same checks): real calendar dates only
 * (`2026-02-30` is refused), years between MIN_YEAR and MAX_YEAR, so nothing further in
 * can meet a date it cannot compute with.
 */
import { z } from 'zod';
import { dateProblem, instantProblem, quarterProblem } from './time';

function checked(problem: (s: string) => string | null) {
  return z.string().superRefine((s, ctx) => {
    const p = problem(s);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });
}

/** A real calendar date `YYYY-MM-DD`. */
export const isoDateSchema = checked(dateProblem);
/** A calendar quarter `YYYY-Qn`. */
export const quarterSchema = checked(quarterProblem);
/** A UTC timestamp `YYYY-MM-DDTHH:MM:SS(.sss)Z` with a real date and time. */
export const isoInstantSchema = checked(instantProblem);
