/** The fake Salesforce: a developer and test tool that speaks Salesforce's REST shapes (ENDPOINTS.md). */
export { startFakeSalesforce, DEFAULT_CLIENT_ID, type FakeSalesforce, type FakeSalesforceOptions } from './server';
export { readAdventureWorks, emptySeed, DEFAULT_DATA_DIR, type Seed } from './seed';
export { DEFAULT_CONFIG, type FakeConfig, type ConfigInput } from './config';
export { API_VERSION, DATA_PREFIX, SfError } from './api';
export { sfId, to18, ORG_ID } from './ids';
export { PARTNERBOOK_OBJECTS, EXTERNAL_ID_FIELD } from './schema';
