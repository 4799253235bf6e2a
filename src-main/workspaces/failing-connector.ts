import type { Source, SourceConnector, SourceError } from '../sources/contract';

/** A source that fails every call with `err` (no token, a token that can't be read …). */
export function failingConnector(kind: string, label: string, err: SourceError): SourceConnector {
  const fail = () => Promise.reject(err);
  return { kind, label, open: (): Source => ({ label, describe: fail, changes: fail, mutations: fail }) };
}
