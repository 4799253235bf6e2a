/**
 * The final check (issue 16 point 4): 30 partner comments written and labelled by hand after
 * the sentiment rule and the lexicon were last changed, and run once, as they are. The same
 * labelling rules as held-out.ts. Never tune on these: a change to the scoring is judged on
 * a new set written after it.
 */
import type { Labelled } from './comments';

export const FINAL_CHECK: Labelled[] = [
  { text: 'Our deal registrations sat unreviewed for most of October.', tone: 'negative', themes: ['deal_registration'] },
  { text: 'The MDF reimbursement took five months and three reminders.', tone: 'negative', themes: ['mdf_incentives'] },
  { text: 'Your direct account team is quoting our customers behind our back.', tone: 'negative', themes: ['channel_conflict', 'pricing'] },
  { text: 'We love the new partner portal, it is much easier to find things.', tone: 'positive', themes: ['product'] },
  { text: 'The certification track for architects is excellent.', tone: 'positive', themes: ['enablement'] },
  { text: 'Renewal margins keep shrinking and we cannot justify the headcount.', tone: 'negative', themes: ['pricing'] },
  { text: 'Our CAM is responsive and knows our business.', tone: 'positive', themes: ['support'] },
  { text: 'Could you share the updated rebate schedule?', tone: 'neutral', themes: ['mdf_incentives'] },
  { text: 'Deal registration is quick now, but the direct team still ignores registered deals.', tone: 'negative', themes: ['channel_conflict', 'deal_registration'] },
  { text: 'The SPIFF for net-new logos worked really well for our team.', tone: 'positive', themes: ['mdf_incentives'] },
  { text: 'Support response times have been poor since the reorganisation.', tone: 'negative', themes: ['support'] },
  { text: 'No problems this quarter, the relationship is in good shape.', tone: 'positive', themes: [] },
  { text: 'The product roadmap looks promising.', tone: 'positive', themes: ['product'] },
  { text: 'Training is okay, but the labs are often unavailable.', tone: 'neutral', themes: ['enablement'] },
  { text: 'We will send the Q1 plan next week.', tone: 'neutral', themes: [] },
  { text: 'Pricing on the enterprise tier is confusing for customers.', tone: 'negative', themes: ['pricing'] },
  { text: 'The co-op claim was approved but payment is still outstanding after ninety days.', tone: 'negative', themes: ['mdf_incentives'] },
  { text: 'Thank you for the extra enablement sessions, very helpful.', tone: 'positive', themes: ['enablement'] },
  { text: 'Your inside sales reps contacted two of our accounts this month.', tone: 'negative', themes: ['channel_conflict'] },
  { text: 'The new release fixed the sync issues our customers complained about.', tone: 'positive', themes: ['product'] },
  { text: 'Discount levels are fair, but the approval chain is slow.', tone: 'neutral', themes: ['pricing'] },
  { text: 'Nobody answered our escalation for four days.', tone: 'negative', themes: ['support'] },
  { text: 'The partner program is solid and the incentives are worth chasing.', tone: 'positive', themes: ['mdf_incentives'] },
  { text: 'We are evaluating whether to renew our gold status.', tone: 'neutral', themes: [] },
  { text: 'Registration protection is not honoured by your field reps.', tone: 'negative', themes: ['channel_conflict', 'deal_registration'] },
  { text: 'The onboarding workshop was well organised and practical.', tone: 'positive', themes: ['enablement'] },
  { text: 'Margins are competitive, however the rebate payouts are unpredictable.', tone: 'neutral', themes: ['mdf_incentives', 'pricing'] },
  { text: 'Product quality has slipped over the last two releases.', tone: 'negative', themes: ['product'] },
  { text: 'Happy overall, keep the communication coming.', tone: 'positive', themes: ['support'] },
  { text: 'The integration docs are thin and out of date.', tone: 'negative', themes: ['product'] },
];
