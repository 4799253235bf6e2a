/**
 * Joint business plans (ARCHITECTURE §9). Other areas import from here; in particular
 * `createInitiativeFrom(db, clock, {partnerId, title, dueDate, source, ...})` turns a
 * next-best action or a QBR commitment into an initiative of the partner's draft plan.
 */
export { createMetricReader, metricForPeriod, periodWindow, ACTIVE_CONTACT_DAYS } from './actuals';
export { createInitiativeFrom, currentDraftPlan, deleteInitiative, upsertInitiative } from './initiatives';
export { createPlan, deletePlan, newPlanOptions, reopen, signoff, updatePlan, SUMMARY_TEMPLATE, TEMPLATE_OBJECTIVES } from './lifecycle';
export { deleteObjective, previewMetric, reorderObjectives, upsertObjective } from './objectives';
export { getPlan, listHistory, listPlans, objectiveViews, planRowsMatching } from './read';
export { actorName, setActorName } from './store';
