/** Done / snooze / dismiss / undo / make-initiative, with the last change kept for undo. */
import { useCallback, useState } from 'react';
import type { ActionItem } from '../../../src-shared/methods/actions';
import { describeError, invoke } from '../../api/client';
import { invalidate } from '../../api/hooks';
import { formatDate } from '../../lib/format';

export interface Notice {
  text: string;
  undoKey?: string;
  link?: { label: string; path: string };
  error?: boolean;
}

function refresh() {
  invalidate('actions.list');
  invalidate('actions.summary');
}

export function useActionCommands() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async (fn: () => Promise<Notice>) => {
    setBusy(true);
    try {
      setNotice(await fn());
      refresh();
      return true;
    } catch (err) {
      setNotice({ text: describeError(err), error: true });
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  const done = useCallback(
    (a: ActionItem) =>
      run(async () => {
        await invoke('actions.setState', { key: a.key, partnerId: a.partnerId, state: 'done' });
        return { text: `Done: ${a.suggestion}`, undoKey: a.key };
      }),
    [run],
  );
  const snooze = useCallback(
    (a: ActionItem, until: string) =>
      run(async () => {
        await invoke('actions.setState', { key: a.key, partnerId: a.partnerId, state: 'snoozed', snoozeUntil: until });
        return { text: `Snoozed until ${formatDate(until)}: ${a.suggestion}`, undoKey: a.key };
      }),
    [run],
  );
  const dismiss = useCallback(
    (a: ActionItem, reason: string) =>
      run(async () => {
        await invoke('actions.setState', { key: a.key, partnerId: a.partnerId, state: 'dismissed', reason });
        return { text: `Dismissed (${reason}): ${a.suggestion}`, undoKey: a.key };
      }),
    [run],
  );
  const reopen = useCallback(
    (key: string) =>
      run(async () => {
        await invoke('actions.clearState', { key });
        return { text: 'Restored to the list.' };
      }),
    [run],
  );
  const toInitiative = useCallback(
    (a: ActionItem) =>
      run(async () => {
        const objective = a.links.find((l) => l.kind === 'jbp_objective');
        const res = await invoke('initiatives.createFrom', {
          partnerId: a.partnerId,
          // The plan is the partner's own: its name would only repeat the plan's.
          title: a.suggestionHere.length > 200 ? `${a.suggestionHere.slice(0, 199)}…` : a.suggestionHere,
          dueDate: a.dueDate,
          source: `action:${a.key}`,
          ownerSide: 'vendor',
          notes: a.facts.map((f) => `${f.label}: ${f.value}`).join('\n'),
          ...(objective ? { objectiveId: objective.id } : {}),
        });
        return {
          text: res.created ? 'Added as an initiative to the current plan.' : 'This action is already an initiative of the plan.',
          link: { label: 'Open the plan', path: `/plans/${encodeURIComponent(res.planId)}` },
        };
      }),
    [run],
  );
  return { notice, setNotice, busy, done, snooze, dismiss, reopen, toInitiative };
}
