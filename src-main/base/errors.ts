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

/**
 * A refusal about one field of the request: `sentence` is the message and that field's
 * issue both, because the app shows either (a form puts the issue under its field; other
 * screens show the message), so each must read whole: "There is already a workspace
 * called 'Acme'.", never "taken".
 */
export function fieldError(code: ApiError['code'], path: string, sentence: string): ServiceError {
  return new ServiceError(code, sentence, [{ path, message: sentence }]);
}
