/**
 * Hand-labelled partner comments (issue 16 point 4): PSAT comments and feedback notes in
 * the words partners use, written for this test and labelled by hand before the lexicon was
 * tuned: the tone a channel manager would read in them and the themes they are about.
 * Three theme labels were corrected when "approval" left the deal registration terms (an
 * approval of co-op funds or of a discount is not about deal registration) and a direct
 * field team claiming a registered account was read as channel conflict too.
 */
import type { SentimentTone, VoiceTheme } from '../../../src-shared/methods/voice';

export interface Labelled {
  text: string;
  tone: SentimentTone;
  themes: VoiceTheme[];
}

export const COMMENTS: Labelled[] = [
  { text: 'Deal registration approvals take far too long.', tone: 'negative', themes: ['deal_registration'] },
  { text: 'We lost two deals to your direct team this quarter.', tone: 'negative', themes: ['channel_conflict'] },
  { text: 'Hard to reach anyone on the channel team.', tone: 'negative', themes: ['support'] },
  { text: 'MDF claims are paid months late.', tone: 'negative', themes: ['mdf_incentives'] },
  { text: 'Portal is confusing and the training content is outdated.', tone: 'negative', themes: ['enablement', 'product'] },
  { text: 'Margins no longer justify the effort.', tone: 'negative', themes: ['pricing'] },
  { text: 'Great partnership, our CAM is very responsive.', tone: 'positive', themes: ['support'] },
  { text: 'Training and certifications are top-notch.', tone: 'positive', themes: ['enablement'] },
  { text: 'Deal registration is fast and fair.', tone: 'positive', themes: ['deal_registration'] },
  { text: 'MDF helped us generate real pipeline.', tone: 'positive', themes: ['mdf_incentives'] },
  { text: 'Your direct rep quoted our customer 15% below our price after we registered the deal.', tone: 'negative', themes: ['channel_conflict', 'deal_registration', 'pricing'] },
  { text: 'Registration got rejected because your field team claimed they found the account first.', tone: 'negative', themes: ['deal_registration', 'channel_conflict'] },
  { text: 'We registered Globex in March and still have no decision.', tone: 'negative', themes: ['deal_registration'] },
  { text: 'Direct sales keeps showing up in our accounts; the rules of engagement mean nothing.', tone: 'negative', themes: ['channel_conflict'] },
  { text: 'The new deal reg desk turns requests around in two days. Huge improvement.', tone: 'positive', themes: ['deal_registration'] },
  { text: 'Co-op funds were approved quickly and the campaign filled the pipeline.', tone: 'positive', themes: ['mdf_incentives'] },
  { text: 'The rebate program changed mid-year and nobody told us.', tone: 'negative', themes: ['mdf_incentives'] },
  { text: 'Still waiting on our Q2 SPIFF payout.', tone: 'negative', themes: ['mdf_incentives'] },
  { text: 'The sales bootcamp was excellent, our reps came back energised.', tone: 'positive', themes: ['enablement'] },
  { text: 'Certification exams are out of date with the current release.', tone: 'negative', themes: ['enablement', 'product'] },
  { text: 'Would like more hands-on workshops for presales engineers.', tone: 'neutral', themes: ['enablement'] },
  { text: 'Support tickets sit for a week before anyone answers.', tone: 'negative', themes: ['support'] },
  { text: 'When we escalated the outage, your support team was brilliant.', tone: 'positive', themes: ['support', 'product'] },
  { text: 'Our channel manager left and we have not heard from anyone since.', tone: 'negative', themes: ['support'] },
  { text: 'Price increases ate into our margin on renewals.', tone: 'negative', themes: ['pricing'] },
  { text: 'Discount approvals are clear and predictable now.', tone: 'positive', themes: ['pricing'] },
  { text: 'Pricing is competitive and customers like the new bundles.', tone: 'positive', themes: ['pricing'] },
  { text: 'The product is solid and customers renew without a fight.', tone: 'positive', themes: ['product'] },
  { text: 'The API integration keeps breaking after every release.', tone: 'negative', themes: ['product'] },
  { text: 'Roadmap for the analytics module is unclear, hard to sell a future we cannot see.', tone: 'negative', themes: ['product'] },
  { text: 'Love the new dashboard, customers notice the difference.', tone: 'positive', themes: ['product'] },
  { text: 'OK overall; pricing changes caught us off guard.', tone: 'neutral', themes: ['pricing'] },
  { text: 'Decent program but the portal could be better.', tone: 'neutral', themes: ['product'] },
  { text: 'Enablement is fine, would like more co-selling support.', tone: 'neutral', themes: ['enablement', 'support'] },
  { text: 'Communication has improved but still inconsistent.', tone: 'neutral', themes: ['support'] },
  { text: 'Co-selling with your team has been excellent.', tone: 'positive', themes: [] },
  { text: 'Quarterly business review was useful and well prepared.', tone: 'positive', themes: [] },
  { text: 'No complaints this quarter.', tone: 'positive', themes: [] },
  { text: 'Nothing to add.', tone: 'neutral', themes: [] },
  { text: 'We are restructuring our sales team and will revisit the plan in January.', tone: 'neutral', themes: [] },
  { text: 'Your team undercut us on the Initech renewal. Not acceptable.', tone: 'negative', themes: ['channel_conflict'] },
  { text: 'Two of our registered opportunities were taken direct; we will not register deals until this is fixed.', tone: 'negative', themes: ['channel_conflict', 'deal_registration'] },
  { text: 'Incentives are generous but the claim process is painful.', tone: 'neutral', themes: ['mdf_incentives'] },
  { text: 'Training is not bad, but the labs are slow.', tone: 'neutral', themes: ['enablement'] },
  { text: 'Onboarding was smooth and the playbooks are easy to follow.', tone: 'positive', themes: ['enablement'] },
  { text: 'Frustrated that our MDF request was denied with no reason given.', tone: 'negative', themes: ['mdf_incentives'] },
  { text: 'The partner portal is much faster since the upgrade.', tone: 'positive', themes: ['product'] },
  { text: 'Response times from support have been excellent.', tone: 'positive', themes: ['support'] },
  { text: 'Margins are healthy and the deal protection is fair.', tone: 'positive', themes: ['pricing', 'deal_registration'] },
  { text: 'We keep losing deals to your inside sales team on price.', tone: 'negative', themes: ['channel_conflict', 'pricing'] },
];

/**
 * Written and labelled after the lexicon was tuned on COMMENTS, and not tuned on: how the
 * defaults do on comments they were not fitted to (printed; a looser floor is asserted).
 */
export const HELD_OUT: Labelled[] = [
  { text: 'Your AE contacted our customer directly after we registered the opportunity.', tone: 'negative', themes: ['deal_registration'] },
  { text: 'Registration approvals came back within a day every time this quarter.', tone: 'neutral', themes: ['deal_registration'] },
  { text: 'The MDF portal is slow and the claims keep getting rejected for missing receipts.', tone: 'negative', themes: ['mdf_incentives', 'product'] },
  { text: 'Really enjoyed the partner summit, great sessions on the new release.', tone: 'positive', themes: ['product'] },
  { text: 'Certification vouchers ran out halfway through the quarter.', tone: 'negative', themes: ['enablement'] },
  { text: 'Our CAM is fantastic and always gets back to us the same day.', tone: 'positive', themes: ['support'] },
  { text: 'Margins on hardware are too thin to keep our reps interested.', tone: 'negative', themes: ['pricing'] },
  { text: 'Happy with the program overall.', tone: 'positive', themes: [] },
  { text: 'The integration with Salesforce is a real differentiator for us.', tone: 'positive', themes: ['product'] },
  { text: 'Direct sales took over the Umbrella account without telling us.', tone: 'negative', themes: ['channel_conflict'] },
  { text: 'We need clearer guidance on which deals qualify for the rebate.', tone: 'neutral', themes: ['mdf_incentives'] },
  { text: 'Support escalations get resolved quickly now.', tone: 'positive', themes: ['support'] },
  { text: 'Discounting by your team on renewals is destroying our margin.', tone: 'negative', themes: ['pricing'] },
  { text: 'The enablement team ran an excellent workshop for our engineers.', tone: 'positive', themes: ['enablement'] },
  { text: 'Nothing major, keep doing what you are doing.', tone: 'positive', themes: [] },
];
