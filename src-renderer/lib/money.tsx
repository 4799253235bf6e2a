/**
 * Money on every page reads as the workspace's money display says (Settings → Money
 * display): `MoneyDisplayProvider` loads it once (and again after a Save), and
 * `useMoney()` gives the formatters bound to it — `short` for tables and cards, `full`
 * for detail. A page that shows money takes them from here, never from
 * src-shared/format directly, so it renders again when the display changes. The text the
 * server wrote (action titles, health sentences) is fetched again after a change.
 */
import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { moneyFormat, setMoneyDisplay, type MoneyFormat } from '../../src-shared/format';
import { DEFAULT_MONEY_DISPLAY } from '../../src-shared/money-display';
import { refetchAll, useQuery } from '../api/hooks';
import { Loading } from '../components/ui';

const MoneyContext = createContext<MoneyFormat>(moneyFormat(DEFAULT_MONEY_DISPLAY));

export function MoneyDisplayProvider({ children }: { children: ReactNode }) {
  const q = useQuery('display.get', {}, { refreshOn: ['display'] });
  // Unreadable (an older main process): money reads as it always did.
  const display = q.data ?? DEFAULT_MONEY_DISPLAY;
  const key = JSON.stringify(display);
  const value = useMemo(() => {
    // Shared code the pages call (the priority explanation) formats with it too.
    setMoneyDisplay(display);
    return moneyFormat(display);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the display's content
  }, [key]);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!q.data) return;
    if (shown.current === null) shown.current = key;
    if (shown.current === key) return;
    shown.current = key;
    refetchAll('display.get');
  }, [key, q.data]);
  if (!q.data && !q.error) return <Loading />;
  return <MoneyContext.Provider value={value}>{children}</MoneyContext.Provider>;
}

/** The money formatters of the workspace's display. */
export function useMoney(): MoneyFormat {
  return useContext(MoneyContext);
}
