/**
 * The counter a text field shows as its value nears the limit the app will accept
 * ("183 / 200", red past it), so a long title or note is shortened while typing rather
 * than refused after. The limits are the edit rules' own (src-shared/domain/rules/text.ts).
 */
import { limitCounter } from '../../src-shared/text';
import './limit-count.css';

export function LimitCount({ value, max, testId, className }: { value: string; max: number; testId?: string; className?: string }) {
  const c = limitCounter(value, max);
  if (!c) return null;
  return (
    <span
      className={`limit-count${c.over ? ' is-over' : ''}${className ? ` ${className}` : ''}`}
      aria-live="polite"
      title={c.over ? `At most ${max.toLocaleString('en-US')} characters` : undefined}
      data-testid={testId}
    >
      {c.text}
    </span>
  );
}
