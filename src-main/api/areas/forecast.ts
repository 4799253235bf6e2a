import type { forecastMethods } from '../../../src-shared/methods/forecast';
import type { ForecastService } from '../../services/forecast/service';
import { ServiceError } from '../../base/errors';
import { bookFilter } from '../../services/identity';
import type { AreaHandlers, HandlerDeps } from './deps';

/**
 * `forecast` is the workspace's one forecast service (handlers.ts): it keeps the whole book's
 * forecast until the replica changes, computed in a book worker on a file-backed replica,
 * so the API answers other calls while it runs.
 */
export function forecastHandlers(d: HandlerDeps, forecast: ForecastService): AreaHandlers<typeof forecastMethods> {
  return {
    'forecast.book': async ({ asOf, scope }) => {
      const book = await forecast.book(asOf);
      const { owners } = bookFilter(d.db, scope);
      return owners ? { ...book, rows: book.rows.filter((r) => owners.has(r.owner_id)) } : book;
    },
    'forecast.partner': async ({ id, asOf }) => {
      const detail = await forecast.partner(id, asOf);
      if (!detail.forecast && detail.message?.startsWith('There is no partner')) throw new ServiceError('not_found', detail.message);
      return detail;
    },
    'forecast.backtest': ({ asOf }) => forecast.backtest(asOf),
  };
}
