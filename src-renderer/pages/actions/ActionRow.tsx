/** One action: a dense row, and its evidence expanded inline (facts, links, priority arithmetic). */
import { forwardRef } from 'react';
import { explainPriority } from '../../../src-shared/domain/actions';
import type { ActionItem } from '../../../src-shared/methods/actions';
import { href } from '../../app/router';
import { Icon } from '../../components/Icon';
import { Chip, TierChip, type Tone } from '../../components/ui';
import { formatCount, formatDate } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { dueText, linkPath } from './model';

const RULE_TONES: Record<string, Tone> = {
  reg_pending: 'blue',
  reg_expiring: 'amber',
  channel_conflict: 'red',
  stalled_opportunity: 'amber',
  engagement_drop: 'violet',
  cert_expiring: 'amber',
  tier_at_risk: 'red',
  tier_promotion: 'green',
  mdf_unspent: 'blue',
  jbp_off_pace: 'violet',
  qbr_due: 'neutral',
  psat_detractor: 'red',
  onboarding_stuck: 'amber',
};

export interface RowCommands {
  onSelect(): void;
  onToggle(): void;
  onDone(): void;
  onSnooze(): void;
  onDismiss(): void;
  onReopen(): void;
  onInitiative?: () => void;
}

interface Props extends RowCommands {
  a: ActionItem;
  asOf: string;
  selected: boolean;
  expanded: boolean;
  showPartner?: boolean;
  /** A heading above already names the partner (a partner's several actions in Today). */
  underPartnerHead?: boolean;
  busy?: boolean;
}

export const ActionRow = forwardRef<HTMLLIElement, Props>(function ActionRow(
  { a, asOf, selected, expanded, showPartner = true, underPartnerHead = false, busy, onSelect, onToggle, onDone, onSnooze, onDismiss, onReopen, onInitiative },
  ref,
) {
  const money = useMoney();
  const due = dueText(asOf, a.dueDate);
  // The row names the partner (its own column, the heading above, or the partner's own page):
  // in the text it would only repeat that and push the rest (the amount, the days) out of sight.
  const text = a.suggestionHere;
  const stateText = a.state
    ? a.state.state === 'snoozed'
      ? a.hidden
        ? `Snoozed until ${formatDate(a.state.snoozeUntil)}`
        : `Snooze ended ${formatDate(a.state.snoozeUntil)}`
      : a.state.state === 'done'
        ? 'Done'
        : `Dismissed: ${a.state.reason ?? ''}`
    : null;
  return (
    <li
      ref={ref}
      className={`act${selected ? ' is-selected' : ''}${underPartnerHead ? ' is-grouped' : ''}${expanded ? ' is-open' : ''}${a.hidden ? ' is-hidden' : ''}`}
      data-testid="action-row"
      data-key={a.key}
      aria-selected={selected}
      role="option"
    >
      <div className="act-line" onClick={onSelect} onDoubleClick={onToggle}>
        <button type="button" className="act-expand" aria-expanded={expanded} aria-label={expanded ? 'Hide the evidence' : 'Show the evidence'} onClick={onToggle} tabIndex={-1}>
          <Icon name="chevronDown" size={14} />
        </button>
        <span className="act-rule">
          <Chip tone={RULE_TONES[a.rule] ?? 'neutral'}>{a.ruleLabel}</Chip>
        </span>
        <span className="act-text" title={text}>
          {text}
        </span>
        {showPartner ? (
          <a className="act-partner" href={href(`/partners/${encodeURIComponent(a.partnerId)}`)} onClick={(e) => e.stopPropagation()} title={`${a.partnerName} · ${a.ownerName}`}>
            {a.partnerName}
          </a>
        ) : null}
        {showPartner ? (
          <span className="act-tier">
            <TierChip name={a.tierName} rank={a.tierRank} />
          </span>
        ) : null}
        <span className="act-impact num" title="ARR at stake">
          {money.short(a.impact, a.currency)}
        </span>
        <span className={`act-due num${due.overdue ? ' danger-text' : ''}`} title={`Due ${formatDate(a.dueDate)}`}>
          {due.text}
        </span>
        {stateText ? <span className="act-state">{stateText}</span> : null}
        <span className="act-cmds">
          {a.state && a.hidden ? (
            <button type="button" className="btn btn-small btn-ghost" onClick={onReopen} disabled={busy}>
              Restore
            </button>
          ) : (
            <>
              <button type="button" className="icon-btn" title="Done (e)" aria-label="Mark done" onClick={onDone} disabled={busy} data-testid="action-done">
                <Icon name="check" size={15} />
              </button>
              <button type="button" className="icon-btn" title="Snooze (s)" aria-label="Snooze" onClick={onSnooze} disabled={busy} data-testid="action-snooze">
                <Icon name="clock" size={15} />
              </button>
              <button type="button" className="icon-btn" title="Dismiss (x)" aria-label="Dismiss" onClick={onDismiss} disabled={busy} data-testid="action-dismiss">
                <Icon name="x" size={15} />
              </button>
            </>
          )}
        </span>
      </div>
      {expanded ? <Evidence a={a} text={text} onInitiative={onInitiative} busy={busy} /> : null}
    </li>
  );
});

function Evidence({ a, text, onInitiative, busy }: { a: ActionItem; text: string; onInitiative?: () => void; busy?: boolean }) {
  const p = a.priority;
  const money = useMoney();
  const x = explainPriority(p, a.currency, money.full);
  return (
    <div className="act-evidence" data-testid="action-evidence">
      <div className="ev-col">
        <p className="ev-suggestion">{text}</p>
        <h3 className="ev-title">Why</h3>
        <dl className="ev-facts">
          {a.facts.map((f) => (
            <div key={f.label} className="ev-fact">
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
        <ul className="ev-links">
          {a.links.map((l) => {
            const path = linkPath(l);
            return (
              <li key={`${l.kind}:${l.id}`}>
                <span className="ev-kind">{l.kind.replace(/_/g, ' ')}</span>
                {path ? <a href={href(path)}>{l.label}</a> : <span>{l.label}</span>}
              </li>
            );
          })}
        </ul>
      </div>
      <div className="ev-col ev-priority" data-testid="action-priority">
        <h3 className="ev-title">Priority {formatCount(p.score)}</h3>
        <div className="ev-formula">{x.formula}</div>
        <dl className="ev-factors">
          <div>
            <dt>Impact</dt>
            <dd>{x.impactText}</dd>
          </div>
          <div>
            <dt>Urgency {p.urgency.toFixed(2)}</dt>
            <dd>{x.urgencyText}</dd>
          </div>
          <div>
            <dt>Confidence {p.confidence.toFixed(2)}</dt>
            <dd>{x.confidenceText}</dd>
          </div>
        </dl>
        <div className="ev-foot">
          <span className="ev-key" data-testid="action-due-words">
            {a.ruleLabel} · <span className="ev-due">due {formatDate(a.dueDate)}</span>
          </span>
          {onInitiative ? (
            <button type="button" className="btn btn-small" onClick={onInitiative} disabled={busy} data-testid="action-initiative">
              <Icon name="plans" size={14} />
              Make this a plan initiative
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
