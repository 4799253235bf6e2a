/**
 * "My book · All partners": which partners a workspace-wide view shows. One click, and
 * remembered in the main process, so every view (and the CLI) opens on the same choice.
 * Shown only when someone with a book is signed in; otherwise every view shows everyone.
 */
import type { BookScope } from '../../src-shared/methods/identity';
import { SIGNED_IN_ROLE_LABELS } from '../../src-shared/methods/identity-labels';
import type { BookScopeState } from '../api/identity';
import './scope.css';

export function ScopeToggle({ state }: { state: BookScopeState }) {
  const { scope, scoped, identity, setScope } = state;
  if (!scoped || !identity?.user || !scope) return null;
  const team = identity.book.kind === 'team';
  const mineLabel = team ? 'My team' : 'My book';
  const who = `${identity.user.name}, ${SIGNED_IN_ROLE_LABELS[identity.user.role]}`;
  const option = (value: BookScope, label: string, title: string) => (
    <button
      type="button"
      role="radio"
      aria-checked={scope === value}
      className={`scope-opt${scope === value ? ' is-on' : ''}`}
      onClick={() => scope !== value && setScope(value)}
      title={title}
      data-testid={`scope-${value}`}
    >
      {label}
    </button>
  );
  return (
    <div className="scope-toggle" role="radiogroup" aria-label="Partners shown" data-testid="scope-toggle" data-scope={scope}>
      {option('mine', mineLabel, team ? `Partners owned by ${who}, and by their team` : `Partners owned by ${who}`)}
      {option('all', 'All partners', 'Every partner in this book')}
    </div>
  );
}
