import type { Tone } from '../../components/ui';

/**
 * How the partner page colours stages and registrations, and which deals are open. What it
 * counts as stalled or expiring comes with the partner (`PartnerDetail.thresholds`, from
 * Settings › Actions), so the page and the Actions list agree.
 */

export const STAGE_TONES: Record<string, Tone> = {
  prospecting: 'neutral',
  qualification: 'blue',
  proposal: 'violet',
  negotiation: 'amber',
  closed_won: 'green',
  closed_lost: 'red',
};
export const REG_TONES: Record<string, Tone> = {
  submitted: 'blue',
  approved: 'green',
  rejected: 'red',
  expired: 'neutral',
  converted: 'violet',
};

export const isOpen = (stage: string) => stage !== 'closed_won' && stage !== 'closed_lost';
