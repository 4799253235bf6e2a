/**
 * Every page of the app, in left-navigation order. To add a page: create
 * `pages/<area>/<Name>Page.tsx` whose default export is the page's component, and add
 * its entry here with `lazyPage(() => import(...))`.
 *
 * Only the Portfolio (where the app opens) and the nav badges are in the start-up bundle:
 * every other page is its own chunk (app/lazy.ts), loaded the first time it is shown, so
 * the first screen does not wait for the code of the others. `preloadChunks` fetches
 * them all once the first screen is up, so moving to another page does not wait either.
 */
import type { ComponentType } from 'react';
import { lazyComponent } from './lazy';
import { definePage, type PageDef } from './page';
import type { Params } from './router';
import { portfolioPage } from '../pages/portfolio/PortfolioPage';
import HealthAlias from '../pages/health/HealthAlias';
import { ActionsBadge } from '../pages/actions/ActionsBadge';
import { SettingsBadge } from '../pages/settings/SettingsBadge';

type PageModule = { default: ComponentType<{ params: Params }> };

/** The page component from its own chunk, loaded when first shown (or by `preloadChunks`). */
function lazyPage(load: () => Promise<PageModule>): ComponentType<{ params: Params }> {
  return lazyComponent(() => load().then((m) => m.default));
}

const teamPage = definePage({
  id: 'team',
  path: '/team',
  title: 'Team',
  nav: { label: 'Team', icon: 'team' },
  component: lazyPage(() => import('../pages/health/TeamPage')),
});

const voicePage = definePage({
  id: 'voice',
  path: '/voice',
  title: 'Voice of the partner',
  nav: { label: 'Partner voice', icon: 'voice' },
  component: lazyPage(() => import('../pages/voice/VoicePage')),
});

const actionsPage = definePage({
  id: 'actions',
  path: '/actions',
  title: 'Actions',
  nav: { label: 'Actions', icon: 'actions', badge: ActionsBadge },
  component: lazyPage(() => import('../pages/actions/ActionsPage')),
});

const plansPage = definePage({
  id: 'plans',
  path: '/plans',
  title: 'Plans',
  nav: { label: 'Plans', icon: 'plans' },
  component: lazyPage(() => import('../pages/plans/PlansPage')),
});

const planPage = definePage({
  id: 'plan',
  path: '/plans/:id',
  title: 'Plans',
  navParent: 'plans',
  component: lazyPage(() => import('../pages/plans/PlanPage')),
});

const planPrintPage = definePage({
  id: 'plan-print',
  path: '/plans/:id/print',
  title: 'Plans',
  navParent: 'plans',
  component: lazyPage(() => import('../pages/plans/PrintPage')),
});

const qbrPage = definePage({
  id: 'qbr',
  path: '/qbr',
  title: 'QBR packs',
  nav: { label: 'QBR packs', icon: 'qbr' },
  component: lazyPage(() => import('../pages/qbr/QbrPage')),
});

const qbrPrintPage = definePage({
  id: 'qbr-print',
  path: '/qbr/print',
  title: 'QBR pack · print',
  navParent: 'qbr',
  component: lazyPage(() => import('../pages/qbr/PrintPage')),
});

const syncPage = definePage({
  id: 'sync',
  path: '/sync',
  title: 'Sync',
  // An imported book has nothing to sync: its Import page is where it is brought up to date.
  nav: { label: 'Sync', icon: 'sync', when: (ws) => ws?.source.kind !== 'spreadsheet' },
  component: lazyPage(() => import('../pages/sync/SyncPage')),
});

const importPage = definePage({
  id: 'import',
  path: '/import',
  title: 'Import',
  nav: { label: 'Import', icon: 'upload', when: (ws) => ws?.source.kind === 'spreadsheet' },
  component: lazyPage(() => import('../pages/import/ImportPage')),
});

const settingsPage = definePage({
  id: 'settings',
  path: '/settings',
  title: 'Settings',
  nav: { label: 'Settings', icon: 'settings', badge: SettingsBadge },
  component: lazyPage(() => import('../pages/settings/SettingsPage')),
});

const partnerPage = definePage({
  id: 'partner',
  path: '/partners/:id',
  title: 'Portfolio',
  navParent: 'portfolio',
  component: lazyPage(() => import('../pages/partner/PartnerPage')),
});

const partnerHealthPage = definePage({
  id: 'partner-health',
  path: '/partners/:id/health',
  title: 'Portfolio',
  navParent: 'portfolio',
  component: lazyPage(() => import('../pages/health/PartnerHealthPage')),
});

/** The old `#/health` address: lands on the Portfolio (a redirect, kept in the start-up bundle). */
const healthAliasPage = definePage({ id: 'health', path: '/health', title: 'Portfolio', navParent: 'portfolio', component: HealthAlias });

export const PAGES: PageDef[] = [
  portfolioPage,
  teamPage,
  voicePage,
  actionsPage,
  plansPage,
  planPage,
  planPrintPage,
  qbrPage,
  qbrPrintPage,
  syncPage,
  importPage,
  settingsPage,
  partnerPage,
  partnerHealthPage,
  healthAliasPage,
];
