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

/** `HttpApi` (a request with jsforce's session and error handling) and Bulk API 2.0's `QueryJobV2`. */
export function jsforceBulk(): { HttpApi: typeof HttpApiModule.HttpApi; QueryJobV2: typeof Bulk2Module.QueryJobV2 } {
  http ??= load('@jsforce/jsforce-node/lib/http-api.js') as typeof HttpApiModule;
  bulk2 ??= load('@jsforce/jsforce-node/lib/api/bulk2.js') as typeof Bulk2Module;
  return { HttpApi: http.HttpApi, QueryJobV2: bulk2.QueryJobV2 };
}
