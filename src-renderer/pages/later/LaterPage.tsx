/**
 * Placeholder for workspaces that arrive in a later release. Honest, calm, no fake data.
 * When a workspace is built, replace its `laterPage(...)` line in app/pages.ts with the
 * real page.
 */
import { EmptyState } from '../../components/ui';
import type { IconName } from '../../components/Icon';
import { definePage, type PageDef } from '../../app/page';

export function laterPage(opts: { id: string; path: string; title: string; icon: IconName; body: string }): PageDef {
  function Later() {
    return (
      <div className="page page-narrow" data-testid={`page-${opts.id}`}>
        <EmptyState icon={opts.icon} title={`${opts.title} arrive in a later release`}>
          <p>{opts.body}</p>
          <p className="muted">Your partner book, partner pages and sync work today.</p>
        </EmptyState>
      </div>
    );
  }
  return definePage({
    id: opts.id,
    path: opts.path,
    title: opts.title,
    nav: { label: opts.title, icon: opts.icon },
    component: Later,
  });
}
