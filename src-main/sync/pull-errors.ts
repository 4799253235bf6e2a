/** Raised when a sync is stopped (reset, data-dir change, quit) at a safe point. */
export class SyncAborted extends Error {
  constructor() {
    super('Sync was stopped.');
    this.name = 'SyncAborted';
  }
}
