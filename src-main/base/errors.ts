/**
 * The one error a service raises on purpose. Its message is shown to the user as is,
 * so it is written in the user's words; `code` tells the API client how to react.
 * It lives below every layer (services, sync, sources, api) so none of them has to
 * import a higher one to raise it.
 */
import type { ApiError, ApiIssue } from '../../src-shared/api';

export class ServiceError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
