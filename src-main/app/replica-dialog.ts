/**
 * A damaged replica in the desktop app: before anything else opens it, a dialog says the
 * local copy is damaged, where the damaged file will be kept and which unsent edits can
 * be carried over, with "Rebuild from the PRM" or "Quit" (db/recover.ts does the work).
 */
import { app, dialog } from 'electron';
import type { Db } from '../db/connection';
import { describeRebuild, openReplicaWithRecovery } from '../db/recover';

/** `CoreOptions.openReplica` for the desktop app. Synchronous, as opening a replica is. */
export function electronOpenReplica(path: string): Db {
  return openReplicaWithRecovery(
    path,
    (plan) => {
      const choice = dialog.showMessageBoxSync({
        type: 'error',
        title: 'Partnerbook',
        message: 'The local copy of your partner book is damaged.',
        detail:
          `${plan.damage.reason.replace(/\.$/, '')}: ${plan.damage.path}\n\n` +
          `Rebuild from the PRM keeps the damaged file as ${plan.keptAs} and downloads a fresh copy of your book. ${plan.salvageText}`,
        buttons: ['Rebuild from the PRM', 'Quit'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      });
      if (choice === 0) return true;
      app.quit();
      return false;
    },
    (result) => console.log(`[app] ${describeRebuild(result)}`),
  );
}
