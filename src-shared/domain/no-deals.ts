/**
 * What the views that need deals say of a book whose files hold none (a partner list alone):
 * the QBR pack, ROPI and the forecast refuse in one voice (methods/qbr.ts, ropi-formula.ts,
 * methods/forecast.ts). No imports: the renderer and the CLI read it too.
 */
export const FILES_HOLD_NO_DEALS = 'this book’s files hold no orders or opportunities';
