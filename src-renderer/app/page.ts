/**
 * A page of the app. Each page file exports one `PageDef` made with `definePage`, and
 * `app/pages.ts` lists them: adding a page is one file plus one line there.
 */
import type { ComponentType } from 'react';
import type { WorkspaceInfo } from '../../src-shared/methods/workspaces';
import type { IconName } from '../components/Icon';
import type { Params } from './router';

export interface PageDef {
  /** Stable id; also used as the nav item's `data-testid` suffix (`nav-<id>`). */
  id: string;
  /** Hash path pattern, `:name` segments become `params` (e.g. `/partners/:id`). */
  path: string;
  /** Shown in the top bar (pages can add crumbs with `usePageCrumbs`). */
  title: string;
  component: ComponentType<{ params: Params }>;
  /** Present for pages that have a left-navigation entry; list order = nav order. */
  nav?: {
    label: string;
    icon: IconName;
    badge?: ComponentType;
    /** Shown only for the workspaces this says yes to (absent: always). */
    when?: (ws: WorkspaceInfo | null) => boolean;
  };
  /** For pages without a nav entry: the nav item to highlight (e.g. partner → portfolio). */
  navParent?: string;
}

export function definePage(def: PageDef): PageDef {
  return def;
}
