/**
 * jsforce, loaded on first use. Most processes never talk to Salesforce (a CLI `edit` or
 * `health`, a spreadsheet or PRM workspace), and loading it cost about 0.2 s of every
 * start-up. Synchronous (CommonJS modules), so the code that builds a connection or a Bulk
 * job stays as it was; only the first one pays for the load.
 */
import { createRequire } from 'node:module';
import type * as Jsforce from '@jsforce/jsforce-node';
import type * as HttpApiModule from '@jsforce/jsforce-node/lib/http-api.js';
import type * as Bulk2Module from '@jsforce/jsforce-node/lib/api/bulk2.js';

const load = createRequire(import.meta.url);
let main: typeof Jsforce | null = null;
let http: typeof HttpApiModule | null = null;
let bulk2: typeof Bulk2Module | null = null;

/** The package's main module (Connection, OAuth2). */
export function jsforce(): typeof Jsforce {
  return (main ??= load('@jsforce/jsforce-node') as typeof Jsforce);
}

/**
 * A connection whose requests go without jsforce's hidden retries. jsforce retries a GET
 * answered 5xx or 429, or a dropped connection, five times on its own (sleeping 0.5, 1, 2, 4
 * and 8 s), unseen by the user and deaf to an abort: while Salesforce answered 503 to
 * everything, each call hung 15.5 s before its time limit or its answer. Every call goes
 * through `Connection.request` (queries, sObject calls, Bulk, the Identity URL), so its
 * requests are sent without those retries; the sync's own policy retries instead
 * (sync/retry.ts), saying so ("Salesforce is busy right now… Retrying in 2 s") and stopping
 * when asked, and the sign-in's identity read gives up at once (who signed in is for display).
 */
export function salesforceConnection(options: ConstructorParameters<typeof Jsforce.Connection>[0]): Jsforce.Connection {
  const conn = new (jsforce().Connection)(options);
  const request = conn.request.bind(conn);
  conn.request = ((req: Parameters<Jsforce.Connection['request']>[0], opts?: object) => request(req, { ...opts, retry: { maxRetries: 0 } })) as Jsforce.Connection['request'];
  return conn;
}

/** `HttpApi` (a request with jsforce's session and error handling) and Bulk API 2.0's `QueryJobV2`. */
export function jsforceBulk(): { HttpApi: typeof HttpApiModule.HttpApi; QueryJobV2: typeof Bulk2Module.QueryJobV2 } {
  http ??= load('@jsforce/jsforce-node/lib/http-api.js') as typeof HttpApiModule;
  bulk2 ??= load('@jsforce/jsforce-node/lib/api/bulk2.js') as typeof Bulk2Module;
  return { HttpApi: http.HttpApi, QueryJobV2: bulk2.QueryJobV2 };
}
