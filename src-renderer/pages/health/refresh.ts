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
