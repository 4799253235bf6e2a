/** The plan pages: the list across the book (nav entry), the editor, the print view. */
import type { PageDef } from '../../app/page';
import { planPage } from './PlanPage';
import { plansPage } from './PlansPage';
import { planPrintPage } from './PrintPage';

export const planPages: PageDef[] = [plansPage, planPage, planPrintPage];
