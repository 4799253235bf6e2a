/** The entities whose changes refresh the health views: any health input, and the weights. */
export const HEALTH_REFRESH = [
  'partner',
  'tier',
  'user',
  'contact',
  'opportunity',
  'deal_registration',
  'engagement_event',
  'certification',
  'psat_response',
  'health_settings',
  // Sent by the health service once a sync that changed its inputs has settled.
  'health',
];

/**
 * What the Portfolio's list holds while the book still arrives (its partners' records: tier,
 * owner): asked again when those change, not on every page of events (thousands of
 * partners, every second, for the same rows).
 */
export const ARRIVING_REFRESH = ['partner', 'tier', 'user'];
