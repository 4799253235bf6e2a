/**
 * How far the book's scoring in the background has got, for the pages that wait on it
 * (partner health, Team, the QBR pack): asked once when a page starts waiting (a page
 * opened in the middle of a job says how far it is at once, not at the next
 * `health.progress` event, which can be seconds away during the longest reads), then
 * followed by those events.
 */
import type { HealthProgress } from '../../src-shared/methods/health';
import { invoke } from './client';
import { useLatestEvent } from './hooks';
import { useEffect, useState } from 'react';

export function useHealthScoring(active: boolean): HealthProgress | null {
  const heard = useLatestEvent('health.progress', active);
  const [asked, setAsked] = useState<HealthProgress | null>(null);
  useEffect(() => {
    if (!active) return;
    let live = true;
    // Only a figure: a failed read leaves the page's waiting line without its percent.
    invoke('health.scoring', {}).then(
      (p) => live && setAsked(p),
      () => undefined,
    );
    return () => {
      live = false;
      setAsked(null);
    };
  }, [active]);
  return active ? (heard ?? asked) : null;
}
