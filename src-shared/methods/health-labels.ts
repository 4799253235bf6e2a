/**
 * Health's components, bands and risk levels with their labels, without the schemas:
 * health.ts validates with them and re-exports them. Kept free of zod so the renderer's start-up bundle does not carry the schema library (issue 17).
 */
export const HEALTH_COMPONENTS = ['revenue', 'pipeline', 'engagement', 'enablement', 'satisfaction'] as const;
export type HealthComponent = (typeof HEALTH_COMPONENTS)[number];
/** The bands a score falls in. */
export const HEALTH_BANDS = ['healthy', 'watch', 'at_risk'] as const;
/**
 * A partner's band: one of HEALTH_BANDS, or `no_data` when its book holds none of what health
 * counts (a partner list alone: no revenue, pipeline, engagement, certifications or PSAT), so
 * there is no score to band — never "at risk" for lack of facts.
 */
export type HealthBand = (typeof HEALTH_BANDS)[number] | 'no_data';
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const HEALTH_COMPONENT_LABELS: Record<HealthComponent, string> = {
  revenue: 'Revenue',
  pipeline: 'Pipeline',
  engagement: 'Engagement',
  enablement: 'Enablement',
  satisfaction: 'Satisfaction',
};
export const HEALTH_BAND_LABELS: Record<HealthBand, string> = { healthy: 'Healthy', watch: 'Watch', at_risk: 'At risk', no_data: 'No data' };
