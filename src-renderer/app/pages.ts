/**
 * Every page of the app, in left-navigation order. To add a page: create
 * `pages/<area>/<Name>Page.tsx` exporting `definePage({...})`, and add one line here.
 */
import type { PageDef } from './page';
import { portfolioPage } from '../pages/portfolio/PortfolioPage';
import { partnerPage } from '../pages/partner/PartnerPage';
import { syncPage } from '../pages/sync/SyncPage';
import { actionsPage } from '../pages/actions/ActionsPage';
import { healthAliasPage } from '../pages/health/HealthAlias';
import { partnerHealthPage } from '../pages/health/PartnerHealthPage';
import { teamPage } from '../pages/health/TeamPage';
import { voicePage } from '../pages/voice/VoicePage';
import { planPages } from '../pages/plans';
import { qbrPage } from '../pages/qbr/QbrPage';
import { qbrPrintPage } from '../pages/qbr/PrintPage';
import { importPage } from '../pages/import/ImportPage';
import { settingsPage } from '../pages/settings/SettingsPage';

export const PAGES: PageDef[] = [
  portfolioPage,
  teamPage,
  voicePage,
  actionsPage,
  ...planPages,
  qbrPage,
  qbrPrintPage,
  syncPage,
  importPage,
  settingsPage,
  partnerPage,
  partnerHealthPage,
  healthAliasPage,
];

export const DEFAULT_PATH = '/portfolio';
