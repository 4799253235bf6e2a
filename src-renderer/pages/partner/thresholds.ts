import type { Tone } from '../../components/ui';

/** What the partner page counts as stalled, expiring and active (days), and which deals are open. */
export const STALLED_DAYS = 45;
export const CERT_EXPIRING_DAYS = 60;
export const REG_EXPIRING_DAYS = 14;
export const ACTIVE_CONTACT_DAYS = 30;

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
