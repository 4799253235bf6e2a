/**
 * Size limits of the text a user can type into an editable record, and the zod string
 * schema that enforces one with a message in the user's words. The typed API methods,
 * the generic edit path, the CLI and the demo PRM all take their limits from here.
 */
import { z } from 'zod';

export const LIMITS = {
  planTitle: 200,
  planSummary: 20_000,
  signoffName: 120,
  objectiveTitle: 200,
  objectiveUnit: 40,
  initiativeTitle: 200,
  ownerName: 120,
  initiativeNotes: 4000,
  source: 200,
  qbrSection: 64,
  qbrNoteBody: 2000,
  actionReason: 500,
  noteBody: 20_000,
} as const;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * A string of at most `max` characters; `required` (the message) also refuses one that
 * is empty or only spaces. `what` names it in messages: "The summary".
 */
export function text(what: string, max: number, required?: string) {
  return z.string().superRefine((s, ctx) => {
    if (s.length > max) {
      ctx.addIssue({ code: 'custom', message: `${what} is ${count(s.length)} characters long; it can be at most ${count(max)}.` });
    } else if (required && s.trim() === '') {
      ctx.addIssue({ code: 'custom', message: required });
    }
  });
}
