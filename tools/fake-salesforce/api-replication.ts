/**
 * The replication feeds. Follows "sObject Get Updated"
 * (https://developer.salesforce.com/docs/platform/api-rest/guide/resources-getupdated.md),
 * "sObject Get Deleted" (https://developer.salesforce.com/docs/platform/api-rest/guide/resources-getdeleted.md),
 * their examples (dome-get-updated / dome_get_deleted) and the SOAP rules they refer to,
 * getUpdated() and getDeleted() (https://developer.salesforce.com/docs/atlas.en-us.204.0.api.meta/api/sforce_api_calls_getdeleted.htm)
 * with GetDeletedResult (https://developer.salesforce.com/docs/platform/api/guide/sforce-api-calls-getdeleted-getdeletedresult.html):
 *
 * - `GET …/sobjects/<Object>/updated/?start=&end=` → `{ ids, latestDateCovered }`: records
 *   whose SystemModstamp is in [start, latestDateCovered).
 * - `GET …/sobjects/<Object>/deleted/?start=&end=` → `{ deletedRecords: [{ id, deletedDate }],
 *   earliestDateAvailable, latestDateCovered }`.
 * - Seconds are ignored (start and end are cut to the minute); latestDateCovered is the end,
 *   or the current minute when the end is later. start must precede end by at least a
 *   minute, and be within 30 days (updated) / 15 days (deleted) before the day of the
 *   call, else 400 INVALID_REPLICATION_DATE; so is a start earlier than the delete log's
 *   earliestDateAvailable (after a purge). More ids than the id limit: EXCEEDED_ID_LIMIT.
 */
import { SfError, type ApiRequest, type ApiResponse } from './api';
import { floorDay, floorMinute, parseIsoDateTime, sfDateTime } from './clock';
import type { ObjectDef } from './schema';
import type { FakeOrg } from './store';

const DAY_MS = 86_400_000;

const badDate = (message: string) => new SfError(400, 'INVALID_REPLICATION_DATE', message);

interface Window {
  from: number;
  covered: number;
}

function window(org: FakeOrg, req: ApiRequest, maxDays: number): Window {
  const startText = req.query.get('start');
  const endText = req.query.get('end');
  if (!startText || !endText) throw new SfError(400, 'MISSING_ARGUMENT', 'start and end are required, as ISO 8601 date-times in UTC');
  const start = parseIsoDateTime(startText);
  const end = parseIsoDateTime(endText);
  if (start === null) throw badDate(`start is not a date-time: ${startText}`);
  if (end === null) throw badDate(`end is not a date-time: ${endText}`);
  const from = floorMinute(start);
  const to = floorMinute(end);
  if (to <= from) throw badDate('startDate must chronologically precede endDate by more than one minute');
  const now = org.clock.now();
  if (from < floorDay(now) - maxDays * DAY_MS) throw badDate(`startDate cannot be more than ${maxDays} days ago`);
  return { from, covered: Math.min(to, floorMinute(now)) };
}

function checkIds(count: number, limit: number): void {
  if (count > limit) {
    throw new SfError(400, 'EXCEEDED_ID_LIMIT', `More than ${limit} ids match; choose start and end dates that are closer together.`);
  }
}

export function handleUpdated(org: FakeOrg, def: ObjectDef, idLimit: number, req: ApiRequest): ApiResponse {
  const w = window(org, req, 30);
  const ids = w.covered > w.from ? org.updatedIds(def, w.from, w.covered) : [];
  checkIds(ids.length, idLimit);
  return { status: 200, body: { ids, latestDateCovered: sfDateTime(Math.max(w.covered, w.from)) } };
}

export function handleDeleted(org: FakeOrg, def: ObjectDef, idLimit: number, req: ApiRequest): ApiResponse {
  const w = window(org, req, 15);
  const { entries, earliest } = org.deletedIn(def, w.from, Math.max(w.covered, w.from));
  if (earliest > w.from) {
    throw badDate(
      `The delete log was purged: it starts at ${sfDateTime(earliest)}, after startDate ${sfDateTime(w.from)}. Replicate the whole object again.`,
    );
  }
  checkIds(entries.length, idLimit);
  return {
    status: 200,
    body: {
      deletedRecords: entries.map((e) => ({ id: e.id, deletedDate: sfDateTime(e.at) })),
      earliestDateAvailable: sfDateTime(earliest),
      latestDateCovered: sfDateTime(Math.max(w.covered, w.from)),
    },
  };
}
