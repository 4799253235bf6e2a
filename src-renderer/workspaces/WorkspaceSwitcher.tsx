/**
 * The workspace switcher at the top of the side navigation: the open workspace's name; its
 * menu lists every workspace with the open one checked, then "Add workspace…" and "Manage
 * workspaces…". Keyboard: Enter/Space/↓ opens it, arrows move, Enter picks, Esc closes.
 */
import * as Menu from '@radix-ui/react-dropdown-menu';
import { Suspense, useState } from 'react';
import { describeError, invoke } from '../api/client';
import { useFirstPaint, useQuery } from '../api/hooks';
import { Icon } from '../components/Icon';
import { lazyComponent } from '../app/lazy';
import { describeSource, useReloadWorkspace, useWorkspace } from './session';
import './workspaces.css';

// Opened from the menu: their code (and the forms inside) loads when first opened, or once the window is idle.
const AddWorkspaceDialog = lazyComponent(() => import('./AddWorkspaceDialog').then((m) => m.AddWorkspaceDialog));
const ManageWorkspacesDialog = lazyComponent(() => import('./ManageWorkspacesDialog').then((m) => m.ManageWorkspacesDialog));

export function WorkspaceSwitcher() {
  const ws = useWorkspace();
  const reload = useReloadWorkspace();
  // Only its menu lists them: read once the first screen is painted.
  const painted = useFirstPaint();
  const list = useQuery('workspaces.list', {}, { enabled: painted });
  const [switching, setSwitching] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [managing, setManaging] = useState(false);
  if (!ws) return null;

  const open = (id: string) => {
    if (id === ws.id) return;
    const name = list.data?.workspaces.find((w) => w.id === id)?.name ?? id;
    setSwitching(name);
    setError(null);
    invoke('workspaces.switch', { id }).then(
      () => {
        setSwitching(null);
        reload();
      },
      (err: unknown) => {
        setSwitching(null);
        setError(describeError(err));
      },
    );
  };

  const workspaces = list.data?.workspaces ?? [ws];
  return (
    <div className="ws-switcher">
      <Menu.Root onOpenChange={(o) => o && void list.refetch()}>
        <Menu.Trigger asChild>
          <button
            type="button"
            className="ws-trigger"
            data-testid="workspace-switcher"
            aria-label={`Workspace: ${ws.name}. Switch workspace`}
            title={`${ws.name} — ${describeSource(ws)}`}
          >
            <span className="ws-trigger-text">
              <span className="ws-trigger-label">Workspace</span>
              <span className="ws-trigger-name" data-testid="workspace-name">
                {switching ? `Opening ${switching}…` : ws.name}
              </span>
            </span>
            <Icon name={switching ? 'sync' : 'chevronDown'} size={14} className={switching ? 'spin' : undefined} />
          </button>
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content className="ws-menu" align="start" sideOffset={4} data-testid="workspace-menu" loop>
            <Menu.Label className="ws-menu-label">Workspaces</Menu.Label>
            <Menu.RadioGroup value={ws.id} onValueChange={open}>
              {workspaces.map((w) => (
                <Menu.RadioItem key={w.id} value={w.id} className="ws-menu-item" data-testid={`workspace-item-${w.id}`}>
                  <span className="ws-menu-check" aria-hidden="true">
                    <Menu.ItemIndicator>
                      <Icon name="check" size={14} />
                    </Menu.ItemIndicator>
                  </span>
                  <span className="ws-menu-text">
                    <span className="ws-menu-name">{w.name}</span>
                    <span className="ws-menu-sub">{describeSource(w)}</span>
                  </span>
                </Menu.RadioItem>
              ))}
            </Menu.RadioGroup>
            <Menu.Separator className="ws-menu-sep" />
            <Menu.Item className="ws-menu-item ws-menu-action" onSelect={() => setAdding(true)} data-testid="workspace-add">
              <span className="ws-menu-check" aria-hidden="true">
                +
              </span>
              Add workspace…
            </Menu.Item>
            <Menu.Item className="ws-menu-item ws-menu-action" onSelect={() => setManaging(true)} data-testid="workspace-manage">
              <span className="ws-menu-check" aria-hidden="true" />
              Manage workspaces…
            </Menu.Item>
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
      {error ? (
        <p className="ws-switch-error" role="alert" data-testid="workspace-switch-error">
          {error}
        </p>
      ) : null}
      <Suspense fallback={null}>
        {adding ? <AddWorkspaceDialog open onOpenChange={setAdding} onAdded={reload} /> : null}
        {managing ? <ManageWorkspacesDialog open onOpenChange={setManaging} /> : null}
      </Suspense>
    </div>
  );
}
