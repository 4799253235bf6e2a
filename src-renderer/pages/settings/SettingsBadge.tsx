/** The Settings nav item's mark while a section holds changes typed and not saved (drafts.ts). */
import { useWorkspace } from '../../workspaces/session';
import { useUnsavedSettings } from './drafts';

export function SettingsBadge() {
  const unsaved = useUnsavedSettings(useWorkspace()?.id ?? '');
  if (unsaved === 0) return null;
  const text = unsaved === 1 ? 'Unsaved changes in 1 section' : `Unsaved changes in ${unsaved} sections`;
  return (
    <span className="nav-unsaved" title={text} data-testid="settings-unsaved-badge">
      <span aria-hidden="true">●</span>
      <span className="sr-only">{text}</span>
    </span>
  );
}
