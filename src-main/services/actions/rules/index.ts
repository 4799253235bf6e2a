/**
 * The rule registry. Adding a rule: one file in this folder exporting a `RuleDef`, its
 * id in ACTION_RULE_IDS (src-shared/methods/actions.ts), one line here, and its tests.
 */
import type { ActionRuleId } from '../../../../src-shared/methods/actions';
import type { RuleDef } from '../types';
import { certExpiring } from './cert-expiring';
import { channelConflict } from './channel-conflict';
import { engagementDrop } from './engagement-drop';
import { jbpOffPace } from './jbp-off-pace';
import { mdfUnspent } from './mdf-unspent';
import { onboardingStuck } from './onboarding-stuck';
import { psatDetractor } from './psat-detractor';
import { partnerVoice } from './partner-voice';
import { qbrDue } from './qbr-due';
import { regExpiring } from './reg-expiring';
import { regPending } from './reg-pending';
import { stalledOpportunity } from './stalled-opportunity';
import { tierAtRisk } from './tier-at-risk';
import { tierPromotion } from './tier-promotion';

export const RULES: readonly RuleDef[] = [
  regPending,
  regExpiring,
  channelConflict,
  stalledOpportunity,
  engagementDrop,
  certExpiring,
  tierAtRisk,
  tierPromotion,
  mdfUnspent,
  jbpOffPace,
  qbrDue,
  psatDetractor,
  onboardingStuck,
  partnerVoice,
];

export function ruleById(id: ActionRuleId): RuleDef | undefined {
  return RULES.find((r) => r.id === id);
}
