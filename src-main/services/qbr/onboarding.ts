/**
 * The onboarding variant of a QBR pack: a partner new to the program gets its milestones
 * (agreement, first enablement, first registration, first opportunity, first won deal), its
 * time to first deal against the program's target and its certifications — not a ranking
 * against mature peers, nor trend charts of quarters before it joined.
 */
import type { OnboardingData, OnboardingMilestone, QbrVariant } from '../../../src-shared/methods/qbr';
import { addDays, daysBetween } from '../../../src-shared/domain/time';
import type { Db } from '../../db/connection';
import { dateText, plural } from './format';

/**
 * A partner whose agreement was signed fewer than this many days before the QBR's end (about
 * two quarters) gets the onboarding deck. One rule, by date only: a partner that has not won
 * yet but signed longer ago is a standard review (its slow start is what that review is about).
 */
export const ONBOARDING_WINDOW_DAYS = 183;

/** The program's target for a new partner's first won deal, in days from signing the agreement. */
export const FIRST_DEAL_TARGET_DAYS = 90;

/**
 * 'onboarding' when the agreement was signed within ONBOARDING_WINDOW_DAYS before `periodEnd`
 * (the QBR quarter's last day). `null`: the signing date is not known (a book whose files date
 * each partner from its first order), so there is no onboarding to count milestones from.
 */
export function packVariant(agreementSignedAt: string | null, periodEnd: string): QbrVariant {
  return agreementSignedAt !== null && agreementSignedAt > addDays(periodEnd, -ONBOARDING_WINDOW_DAYS) ? 'onboarding' : 'standard';
}

const firstDate = (db: Db, sql: string, ...args: string[]): string | null =>
  (db.sqlite.prepare(sql).pluck().get(...args) as string | null | undefined) ?? null;

/** The partner's onboarding milestones as of `asOf` (events on or after signing, up to `asOf`). */
export function onboardingData(db: Db, partnerId: string, agreementSignedAt: string, asOf: string): OnboardingData {
  const from = agreementSignedAt;
  const args = [partnerId, from, asOf];
  const cert = firstDate(db, 'SELECT min(substr(earned_at, 1, 10)) FROM certification WHERE partner_id = ? AND substr(earned_at, 1, 10) BETWEEN ? AND ?', ...args);
  const login = firstDate(
    db,
    "SELECT min(substr(occurred_at, 1, 10)) FROM engagement_event WHERE partner_id = ? AND kind = 'portal_login' AND substr(occurred_at, 1, 10) BETWEEN ? AND ?",
    ...args,
  );
  const reg = firstDate(db, 'SELECT min(substr(submitted_at, 1, 10)) FROM deal_registration WHERE partner_id = ? AND substr(submitted_at, 1, 10) BETWEEN ? AND ?', ...args);
  const opp = firstDate(db, 'SELECT min(substr(created_at, 1, 10)) FROM opportunity WHERE partner_id = ? AND substr(created_at, 1, 10) BETWEEN ? AND ?', ...args);
  const won = firstDate(
    db,
    "SELECT min(close_date) FROM opportunity WHERE partner_id = ? AND stage = 'closed_won' AND close_date BETWEEN ? AND ?",
    ...args,
  );
  const enablement = cert && (!login || cert <= login) ? { date: cert, detail: 'first certification' } : login ? { date: login, detail: 'first portal login' } : null;

  const after = (d: string) => {
    const n = daysBetween(from, d);
    return n === 0 ? 'the day you signed' : `${plural(n, 'day')} after signing`;
  };
  const m = (key: OnboardingMilestone['key'], label: string, date: string | null, done: (d: string) => string, notYet: string, detail: string | null = null): OnboardingMilestone => ({
    key,
    label,
    date,
    dateText: date ? dateText(date) : 'Not yet',
    daysFromAgreement: date ? daysBetween(from, date) : null,
    sentence: date ? done(d(date)) : notYet,
    detail,
  });
  const d = (iso: string) => `${dateText(iso)}, ${after(iso)}`;
  const milestones: OnboardingMilestone[] = [
    m('agreement', 'Partner agreement signed', from, () => `You signed your partner agreement on ${dateText(from)}.`, ''),
    m(
      'enablement',
      'First enablement',
      enablement?.date ?? null,
      (t) => `Your team’s ${enablement?.detail ?? 'first enablement'} was on ${t}.`,
      'No certification or portal login yet: enablement is the first step.',
      enablement?.detail ?? null,
    ),
    m('registration', 'First deal registration', reg, (t) => `You registered your first deal on ${t}.`, 'No deal registered yet.'),
    m('opportunity', 'First opportunity', opp, (t) => `Your first opportunity was opened on ${t}.`, 'No opportunity opened yet.'),
    m('won', 'First deal won', won, (t) => `You won your first deal on ${t}.`, 'No deal won yet.'),
  ];

  const daysInProgram = daysBetween(from, asOf);
  const daysToFirstDeal = won ? daysBetween(from, won) : null;
  const targetStatus: OnboardingData['targetStatus'] =
    daysToFirstDeal !== null ? (daysToFirstDeal <= FIRST_DEAL_TARGET_DAYS ? 'met' : 'missed') : daysInProgram > FIRST_DEAL_TARGET_DAYS ? 'missed' : 'open';
  const targetText =
    daysToFirstDeal !== null
      ? `First deal won ${plural(daysToFirstDeal, 'day')} after signing: ${targetStatus === 'met' ? 'within' : 'past'} the program’s ${FIRST_DEAL_TARGET_DAYS}-day target.`
      : targetStatus === 'open'
        ? `${plural(FIRST_DEAL_TARGET_DAYS - daysInProgram, 'day')} left to win a first deal within the program’s ${FIRST_DEAL_TARGET_DAYS}-day target.`
        : `No deal won yet, ${plural(daysInProgram, 'day')} in: past the program’s ${FIRST_DEAL_TARGET_DAYS}-day target for a first deal.`;

  const certRows = db.sqlite
    .prepare(
      `SELECT name, min(substr(earned_at, 1, 10)) AS earned, count(DISTINCT contact_id) AS people
         FROM certification WHERE partner_id = ? AND substr(earned_at, 1, 10) <= ? GROUP BY name ORDER BY earned, name`,
    )
    .all(partnerId, asOf) as { name: string; earned: string; people: number }[];
  const people = db.sqlite
    .prepare('SELECT count(DISTINCT contact_id) FROM certification WHERE partner_id = ? AND substr(earned_at, 1, 10) <= ?')
    .pluck()
    .get(partnerId, asOf) as number;
  return {
    agreementSignedAt: from,
    daysInProgram,
    milestones,
    // The latest by date (a deal may be registered after the first opportunity); the agreement on a tie.
    headline: milestones.reduce((a, b) => (b.date !== null && b.date > a.date! ? b : a), milestones[0]!).sentence,
    targetDays: FIRST_DEAL_TARGET_DAYS,
    daysToFirstDeal,
    targetStatus,
    targetText,
    certifications: certRows.map((r) => ({ name: r.name, earnedAt: r.earned, earnedText: dateText(r.earned), people: r.people })),
    certificationsText: certRows.length
      ? `${plural(certRows.length, 'certification')} earned by ${plural(people, 'person', 'people')} on your team.`
      : 'No certifications earned yet.',
  };
}
