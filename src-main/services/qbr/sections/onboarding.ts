/** The onboarding milestones slide (the onboarding variant): its talking points. The data: ../onboarding.ts. */
import type { OnboardingData } from '../../../../src-shared/methods/qbr';
import { dateText } from '../format';
import { ONBOARDING_WINDOW_DAYS } from '../onboarding';
import { NO_NOTES, section, type Notes, type SectionBuilder } from './define';

function onboardingNotes(o: OnboardingData, periodEnd: string): Notes {
  return {
    say: [
      ...o.milestones.filter((m) => m.date !== null).map((m) => m.sentence),
      o.targetText,
      o.certificationsText,
    ],
    ask: [
      o.daysToFirstDeal === null ? 'What stands between you and your first won deal, and how can we help?' : 'What made your first deal work, and where can we repeat it?',
      'Who else on your team should be certified next quarter?',
    ],
    internal: [
      `Onboarding review: agreement signed ${dateText(o.agreementSignedAt)}, within ${ONBOARDING_WINDOW_DAYS} days of ${dateText(periodEnd)} (the quarter’s end).`,
      ...o.milestones.filter((m) => m.date === null).map((m) => `Not reached yet: ${m.label.toLowerCase()}.`),
    ],
  };
}

export const buildOnboarding: SectionBuilder<'onboarding'> = (x) =>
  section(
    x,
    'onboarding',
    'Replica: partner, certification, engagement_event, deal_registration, opportunity',
    x.onboarding,
    x.onboarding ? onboardingNotes(x.onboarding, x.period.end) : NO_NOTES,
  );
