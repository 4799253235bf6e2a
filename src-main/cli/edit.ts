/**
 * `partnerbook edit`: queues a local edit of a client-editable record in a replica,
 * through the app's API (`records.edit`, cli/local-api.ts), exactly as the UI does (queueEdits: checked against the entity's edit rules — values
 * and sizes as in the typed API, the sign-off lock of a signed plan, consistency — and
 * written with its outbox row in one durable transaction). The next sync pushes it.
 *
 *   partnerbook edit --db PATH --entity jbp_objective --id OBJ-1 --set target=120000 --set title="New title"
 *   partnerbook edit --db PATH --entity note --id N-1 --delete
 *
 * Values are JSON when they parse as JSON (numbers, null, true/false, "quoted"), else
 * plain strings. A bad field or value prints one plain line naming it, exits non-zero
 * and writes nothing.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { openCliReplica } from './replica';
import { systemClock } from '../base/clock';
import { isEditable } from '../sync/edits';
import { EDITABLE_ENTITIES } from '../../src-shared/domain/entities';
import { CliError, parseOptions, requireOption, usageText, type CommandHelp } from './args';
import { ApiRefusal, createLocalApi } from './local-api';
import { replicaPath, WORKSPACE_HELP, WORKSPACE_OPTIONS } from './workspace-option';

const OPTIONS = {
  db: { type: 'string' },
  ...WORKSPACE_OPTIONS,
  entity: { type: 'string' },
  id: { type: 'string' },
  set: { type: 'string', multiple: true },
  delete: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const HELP: CommandHelp<typeof OPTIONS> = {
  usage: ['edit [--db PATH|--workspace NAME] --entity ENTITY --id ID (--set field=value [--set …] | --delete) [--json]'],
  summary: 'Queues a local edit exactly as the app makes it (same rules; nothing written on bad input); the next sync sends it.',
  options: {
    ...WORKSPACE_HELP,
    entity: ['ENTITY', `what to edit: ${EDITABLE_ENTITIES.join(', ')}`],
    id: ['ID', 'the record (a new id creates it)'],
    set: ['field=value', 'a field to set; the value is read as JSON when it parses (repeat for more fields)'],
    delete: 'delete the record instead',
    json: 'print the result as JSON',
  },
};
const USAGE = usageText(HELP);

/** `field=value` → [field, value]; the value is JSON when it parses, else the raw string. */
export function parseAssignment(arg: string): [string, unknown] {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new CliError(`--set needs field=value, got '${arg}'`, 2);
  const field = arg.slice(0, eq).trim();
  const raw = arg.slice(eq + 1);
  if (field === '') throw new CliError(`--set needs field=value, got '${arg}'`, 2);
  try {
    return [field, JSON.parse(raw) as unknown];
  } catch {
    return [field, raw];
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, OPTIONS, HELP);
  const dbPath = replicaPath(values, USAGE);
  const entity = requireOption(values.entity, '--entity', USAGE);
  const id = requireOption(values.id, '--id', USAGE);
  const sets = values.set ?? [];
  if (!isEditable(entity)) throw new CliError(`--entity: '${entity}' can't be edited; editable: ${EDITABLE_ENTITIES.join(', ')}`, 2);
  if (values.delete && sets.length > 0) throw new CliError('use either --set or --delete, not both', 2);
  if (!values.delete && sets.length === 0) throw new CliError(`nothing to change: give --set field=value or --delete\n${USAGE}`, 2);
  const fields: Record<string, unknown> = {};
  for (const s of sets) {
    const [field, value] = parseAssignment(s);
    if (Object.hasOwn(fields, field)) throw new CliError(`--set ${field} is given twice`, 2);
    fields[field] = value;
  }
  // Never create a replica by accident: an edit needs one that exists.
  if (!existsSync(dbPath)) throw new CliError(`--db: there is no replica at ${dbPath}`);

  const db = openCliReplica(dbPath);
  const api = createLocalApi({ db, clock: systemClock, dataDir: dirname(dbPath) });
  try {
    const queued = await api
      .call('records.edit', values.delete ? { entity, id, op: 'delete' } : { entity, id, op: 'upsert', fields })
      .catch((err: unknown) => {
        // A value the edit rules refuse: each issue is a sentence naming the field (src-shared/input-messages.ts).
        const named = err instanceof ApiRefusal ? err.issues.filter((i) => i.path.startsWith('fields.')) : [];
        if (named.length === 0) throw err;
        throw new CliError([...new Set(named.map((i) => i.message))].join(' '));
      });
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ mutation_id: queued.mutation_id, changed: queued.changed, entity, id })}\n`);
    } else if (!queued.changed) {
      process.stdout.write(`No change: ${entity} ${id} already has these values.\n`);
    } else {
      process.stdout.write(
        `Queued edit #${queued.mutation_id}: ${values.delete ? 'delete' : Object.keys(fields).join(', ')} of ${entity} ${id}. It is pushed with the next sync.\n`,
      );
    }
    return 0;
  } finally {
    await api.close();
    db.close();
  }
}
