/**
 * Every page of the app, in left-navigation order. To add a page: create
 * `pages/<area>/<Name>Page.tsx` exporting `definePage({...})`, and add one line here.
 */
import type { PageDef } from './page';
import { portfolioPage } from '../pages/portfolio/PortfolioPage';
import { partnerPage } from '../pages/partner/PartnerPage';
import { syncPage } from '../pages/sync/SyncPage';
import { laterPage } from '../pages/later/LaterPage';

export const PAGES: PageDef[] = [
  portfolioPage,
  laterPage({
    id: 'actions',
    path: '/actions',
    title: 'Actions',
    icon: 'actions',
    body: 'Next-best actions will suggest what to do today for each partner — stalled deals, expiring registrations and certifications, engagement drops — each with the numbers behind it.',
  }),
  laterPage({
    id: 'plans',
    path: '/plans',
    title: 'Plans',
    icon: 'plans',
    body: 'Joint business plans will track objectives against live data, with initiatives, owners and sign-off by both sides.',
  }),
  laterPage({
    id: 'qbr',
    path: '/qbr',
    title: 'QBR packs',
    icon: 'qbr',
    body: 'QBR packs will build a partner’s quarterly review — scorecard, pipeline, health, plan progress — and export it to PowerPoint and PDF.',
  }),
  syncPage,
  partnerPage,
];

export const DEFAULT_PATH = '/portfolio';
