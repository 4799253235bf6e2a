/**
 * The third final check (issue 16 point 4): 80 partner comments written and labelled by hand
 * before the learned tone model was built, and committed before any classifier was run on
 * them. New wording: none paraphrases a comment of comments.ts, held-out.ts, final-check.ts
 * or final-check-2.ts. The same labelling rules as held-out.ts and final-check-2.ts:
 * - tone: what a channel manager would read. A mixed comment whose two sides weigh about the
 *   same is neutral; requests, plans and facts with no opinion are neutral; a slow process
 *   told without an opinion word ("open since the second of November") is negative.
 * - themes: every theme the comment is about, by its meaning (not by the lexicon's terms); a
 *   passing mention of a portal or a partner-facing tool is product; onboarding is
 *   enablement; rebates, accelerators and co-op money are MDF and incentives.
 * Never tune on these, and never read them while choosing a model: a change made after
 * seeing its result voids it as an unseen figure.
 */
import type { Labelled } from './comments';

export const FINAL_CHECK_3: Labelled[] = [
  // Negative
  { text: 'Your e-commerce site is running a promo on the exact SKUs we resell, at a price we cannot match.', tone: 'negative', themes: ['channel_conflict', 'pricing'] },
  { text: 'Had a registered deal at Tailspin and your enterprise AE walked in anyway and closed it direct.', tone: 'negative', themes: ['channel_conflict', 'deal_registration'] },
  { text: 'The co-op fund claim template changed again and half our claims bounced back.', tone: 'negative', themes: ['mdf_incentives'] },
  { text: 'Honestly the new certification exam feels like it was written for a different product.', tone: 'negative', themes: ['enablement'] },
  { text: 'Our support case about licence activation has been open since the second of November.', tone: 'negative', themes: ['support'] },
  { text: 'Quote approvals for non-standard discounts go through four people now.', tone: 'negative', themes: ['pricing'] },
  { text: 'The mobile app crashes every time our techs try to upload photos from site.', tone: 'negative', themes: ['product'] },
  { text: 'We were promised a dedicated partner manager at signing and have never met one.', tone: 'negative', themes: ['support'] },
  { text: 'Price list for next year landed on December 28th, three days before it took effect.', tone: 'negative', themes: ['pricing'] },
  { text: 'Accelerator payments for hitting target were calculated wrong for the second quarter running.', tone: 'negative', themes: ['mdf_incentives'] },
  { text: 'Nobody told us the registration site moved, so our reps spent a week submitting into the old one.', tone: 'negative', themes: ['deal_registration', 'product'] },
  { text: 'Frankly the level-one support team reads from a script and escalates everything.', tone: 'negative', themes: ['support'] },
  { text: 'Our renewal rebate dropped from 8% to 5% and the explanation was a two-line email.', tone: 'negative', themes: ['mdf_incentives'] },
  { text: 'The self-paced courses are just recorded webinars with no way to ask questions.', tone: 'negative', themes: ['enablement'] },
  { text: 'We lose money on every install under 25 users at the current partner discount.', tone: 'negative', themes: ['pricing'] },
  { text: 'Your marketplace team contacted our biggest customer about moving their contract to the cloud store.', tone: 'negative', themes: ['channel_conflict'] },
  { text: 'Registration approved, then revoked two weeks later when your team decided the customer was a named account.', tone: 'negative', themes: ['deal_registration', 'channel_conflict'] },
  { text: 'The reporting module exports dates in the wrong format and our customers have noticed.', tone: 'negative', themes: ['product'] },
  { text: 'Feels like the program rules change every quarter and we are the last to know.', tone: 'negative', themes: [] },
  { text: 'Three weeks and counting for an answer on the failed upgrade escalation.', tone: 'negative', themes: ['support', 'product'] },
  { text: 'We put six people through the sales accreditation and not one of them has received the badge.', tone: 'negative', themes: ['enablement'] },
  { text: 'Our CAM cancels our monthly call more often than not.', tone: 'negative', themes: ['support'] },
  { text: 'The new bundle pricing makes our services look expensive next to the licence.', tone: 'negative', themes: ['pricing'] },
  { text: 'MDF is only usable for events, which does nothing for a partner that sells online.', tone: 'negative', themes: ['mdf_incentives'] },
  { text: "Deal reg rules say first to register wins, yet the distributor's own reseller got ours.", tone: 'negative', themes: ['deal_registration', 'channel_conflict'] },
  { text: 'Performance of the cloud console in Europe has been awful since the datacentre move.', tone: 'negative', themes: ['product'] },
  { text: 'The hotline put us on hold for forty minutes on Friday.', tone: 'negative', themes: ['support'] },
  { text: 'We had to refund a customer because the feature on the datasheet does not exist yet.', tone: 'negative', themes: ['product'] },
  { text: 'Your team keeps asking for forecasts and never shares anything in return.', tone: 'negative', themes: [] },
  { text: 'The partner onboarding portal asked for the same tax documents four times.', tone: 'negative', themes: ['enablement', 'product'] },
  // Positive
  { text: 'The technical deep-dive sessions have made our engineers far more confident on installs.', tone: 'positive', themes: ['enablement'] },
  { text: 'Our CAM sorted out the licensing mix-up in one afternoon, much appreciated.', tone: 'positive', themes: ['support'] },
  { text: 'Having a named contact on the deal desk has taken the guesswork out of registering.', tone: 'positive', themes: ['deal_registration'] },
  { text: 'The new partner discount tier rewards us properly for the volume we bring.', tone: 'positive', themes: ['pricing'] },
  { text: 'Co-op money for the webinar series was easy to claim and the leads were high quality.', tone: 'positive', themes: ['mdf_incentives'] },
  { text: 'The 7.2 release is rock solid, zero callbacks from customers so far.', tone: 'positive', themes: ['product'] },
  { text: 'The account split with your enterprise team on Litware was handled fairly and quickly.', tone: 'positive', themes: ['channel_conflict'] },
  { text: 'Support picked up our ticket at 2am on a Sunday and stayed on until it was fixed.', tone: 'positive', themes: ['support'] },
  { text: 'Love that the sales playbooks now come with customer-ready slides.', tone: 'positive', themes: ['enablement'] },
  { text: 'Our reps are chasing the new accelerator hard, it has really lit a fire under them.', tone: 'positive', themes: ['mdf_incentives'] },
  { text: 'We grew the practice 40% this year on the back of your platform.', tone: 'positive', themes: ['product'] },
  { text: 'Working with you this year has been a genuine pleasure.', tone: 'positive', themes: [] },
  { text: 'The price protection on multi-year deals lets us quote with confidence.', tone: 'positive', themes: ['pricing'] },
  { text: 'Best enablement of any vendor on our line card, by a distance.', tone: 'positive', themes: ['enablement'] },
  { text: 'Kudos to the support lead who took ownership of our escalation.', tone: 'positive', themes: ['support'] },
  { text: 'The new quoting tool is fast and our sales team picked it up with no training.', tone: 'positive', themes: ['product'] },
  { text: 'Rebates landed in our account two days after quarter close, a first.', tone: 'positive', themes: ['mdf_incentives'] },
  { text: 'Conflict between your inside team and ours has basically disappeared since the new rules.', tone: 'positive', themes: ['channel_conflict'] },
  { text: 'Thank you for fast-tracking the registration on the council bid, it made the difference.', tone: 'positive', themes: ['deal_registration'] },
  { text: 'The customer success team is proactive and our clients notice.', tone: 'positive', themes: ['support'] },
  { text: 'Very pleased with the uptake of the analytics add-on among our clients.', tone: 'positive', themes: ['product'] },
  { text: 'The cert vouchers and free retakes were a nice touch.', tone: 'positive', themes: ['enablement'] },
  { text: 'We make more on your renewals than on any other vendor we carry.', tone: 'positive', themes: ['pricing'] },
  { text: 'Solid support, solid product, nothing to grumble about from our side.', tone: 'positive', themes: ['support', 'product'] },
  { text: 'The joint marketing plan for H2 came together quickly and your team funded all of it.', tone: 'positive', themes: ['mdf_incentives'] },
  // Neutral: requests, plans, facts, and mixed comments whose sides weigh the same
  { text: 'Can you confirm whether the spring promotion stacks with the standard rebate?', tone: 'neutral', themes: ['mdf_incentives'] },
  { text: 'Our finance contact is changing; please send invoices to the shared accounts mailbox from next month.', tone: 'neutral', themes: [] },
  { text: 'We will send four people from sales and two from presales to the partner summit.', tone: 'neutral', themes: [] },
  { text: 'Is there a way to bulk upload deal registrations instead of one at a time?', tone: 'neutral', themes: ['deal_registration'] },
  { text: 'Please send the datasheets for the new editions when they are ready.', tone: 'neutral', themes: ['product'] },
  { text: 'We plan to focus on healthcare next year and would like to talk through which accounts to target together.', tone: 'neutral', themes: [] },
  { text: 'The pricing changes are clear enough; we have not seen the effect on renewals yet.', tone: 'neutral', themes: ['pricing'] },
  { text: 'Support is quick for simple questions and slow for anything complex.', tone: 'neutral', themes: ['support'] },
  { text: 'The new partner agreement is with our lawyers now.', tone: 'neutral', themes: [] },
  { text: 'We have three registrations expiring this month and will ask for extensions.', tone: 'neutral', themes: ['deal_registration'] },
  { text: 'Training is useful for new hires, less so for our senior engineers.', tone: 'neutral', themes: ['enablement'] },
  { text: 'Our MDF budget for H1 is mostly spent; we will send the H2 proposal in June.', tone: 'neutral', themes: ['mdf_incentives'] },
  { text: 'Product does what it says; the admin console could be more modern.', tone: 'neutral', themes: ['product'] },
  { text: 'Who should we talk to about reselling into the public sector framework?', tone: 'neutral', themes: [] },
  { text: 'Nothing new since our last review.', tone: 'neutral', themes: [] },
  { text: 'Direct and partner teams met last month to agree account ownership for next year.', tone: 'neutral', themes: ['channel_conflict'] },
  { text: 'We would like pricing for a three-year term on the Tailwind quote.', tone: 'neutral', themes: ['pricing'] },
  { text: 'Your CAM is attentive, but the programme itself has become harder to navigate.', tone: 'neutral', themes: ['support'] },
  { text: 'Good rebate levels this year, though payouts took longer than we would like.', tone: 'neutral', themes: ['mdf_incentives'] },
  { text: 'We have switched our ticketing contact to the new NOC team.', tone: 'neutral', themes: ['support'] },
  { text: 'Please include the roadmap in the agenda for the next QBR.', tone: 'neutral', themes: ['product'] },
  { text: 'The revised certification path has fewer exams but longer ones.', tone: 'neutral', themes: ['enablement'] },
  { text: 'Deal registration is faster, but we still get the odd overlap with your inside team.', tone: 'neutral', themes: ['deal_registration', 'channel_conflict'] },
  { text: 'We submitted the Q3 co-op claim on Monday.', tone: 'neutral', themes: ['mdf_incentives'] },
  { text: 'Mixed quarter: two good wins, one loss on price.', tone: 'neutral', themes: ['pricing'] },
];
