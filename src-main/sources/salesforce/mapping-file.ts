/**
 * The pull mapping from a JSON file (`partnerbook sync --source salesforce --mapping FILE`;
 * example: resources/salesforce/pull-mapping.example.json). Every failure is one sentence
 * naming the file, or the key at fault.
 */
import { readFileSync } from 'node:fs';
import { parseSalesforceMapping, type SalesforceMapping } from '../../../src-shared/domain/salesforce-mapping';

export class MappingFileError extends Error {
  override name = 'MappingFileError';
}

export function readSalesforceMapping(path: string): SalesforceMapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new MappingFileError(code === 'ENOENT' ? `The Salesforce mapping file ${path} does not exist.` : `The Salesforce mapping file ${path} cannot be read (${code ?? 'error'}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (err) {
    throw new MappingFileError(`The Salesforce mapping file ${path} is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  const r = parseSalesforceMapping(json);
  if (!r.ok) throw new MappingFileError(`${r.error.replace(/\.$/, '')} (in ${path}).`);
  return r.mapping;
}
