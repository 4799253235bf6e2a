/**
 * The one-time question "You are signed in to <source> as <name>, <role>. Is that you?",
 * shown until answered, and again when the source reports someone else. "Not me" stops
 * treating that person's partners as mine and offers to sign in again (another token for a
 * PRM, the browser sign-in for Salesforce).
 */
import { useState, type FormEvent } from 'react';
import type { IdentityView } from '../../src-shared/methods/identity';
import { SIGNED_IN_ROLE_LABELS } from '../../src-shared/methods/identity-labels';
import { describeError, invoke } from '../api/client';
import { formatCount } from '../lib/format';
import { possessive } from '../../src-shared/format';
import { useIdentity } from '../api/identity';
import { useQuery } from '../api/hooks';
import { SignInAgainButton } from '../workspaces/SignInAgainButton';
import './identity.css';

export function IdentityBanner() {
  const { identity } = useIdentity();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!identity?.user || (identity.status !== 'unconfirmed' && identity.status !== 'rejected')) return null;
  const answer = (method: 'identity.confirm' | 'identity.reject') => {
    setBusy(true);
    setError(null);
    invoke(method, {})
      .catch((err: unknown) => setError(describeError(err)))
      .finally(() => setBusy(false));
  };
  return (
    <section className="id-banner" role="dialog" aria-labelledby="id-banner-title" data-testid="identity-banner" data-status={identity.status}>
      {identity.status === 'unconfirmed' ? (
        <>
          <p className="id-banner-title" id="id-banner-title">
            You are signed in to {identity.source} as <strong>{identity.user.name}</strong>, {SIGNED_IN_ROLE_LABELS[identity.user.role]}. Is that you?
          </p>
          <p className="id-banner-sub">{bookSentence(identity)}</p>
          <div className="id-banner-actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => answer('identity.confirm')} data-testid="identity-confirm">
              Yes, that’s me
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => answer('identity.reject')} data-testid="identity-reject">
              Not me — sign in again
            </button>
          </div>
        </>
      ) : (
        <SignInAgain identity={identity} />
      )}
      {error ? (
        <p className="id-banner-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function bookSentence(identity: IdentityView): string {
  const { partners: n, churned } = identity.book;
  const partners = `${formatCount(n)} ${n === 1 ? 'partner' : 'partners'}`;
  // The views list live partners unless asked for churned ones: the count is theirs, the churned said apart.
  const also = churned > 0 ? ` (${formatCount(churned)} more ${churned === 1 ? 'has' : 'have'} churned)` : '';
  if (identity.book.kind === 'own') return `Views will open on the ${partners} you own${also}, with all partners one click away.`;
  if (identity.book.kind === 'team') return `Views will open on your team’s ${partners}${also}, with all partners one click away.`;
  return 'Views will show every partner in this book.';
}

/** After "not me": sign in with your own token (a PRM workspace), or say why that is not possible here. */
function SignInAgain({ identity }: { identity: IdentityView }) {
  const workspace = useQuery('workspaces.current', {});
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ws = workspace.data;
  const undo = () => {
    setBusy(true);
    invoke('identity.confirm', {})
      .catch((err: unknown) => setError(describeError(err)))
      .finally(() => setBusy(false));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ws || !token.trim()) return;
    setBusy(true);
    setError(null);
    invoke('workspaces.signIn', { id: ws.id, token: token.trim() })
      .then(() => setToken(''))
      .catch((err: unknown) => setError(describeError(err)))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <p className="id-banner-title" id="id-banner-title">
        Partnerbook won’t treat {possessive(identity.user?.name ?? 'that person', '’')} partners as yours: every view shows all partners.
      </p>
      {ws?.source.kind === 'protocol-v1' ? (
        <form className="id-banner-form" onSubmit={submit}>
          <label className="sr-only" htmlFor="id-banner-token">
            Your token for {ws.url ?? ws.source.url}
          </label>
          <input
            id="id-banner-token"
            className="id-banner-input"
            type="password"
            autoComplete="off"
            placeholder={`Your token for ${identity.source ?? 'the PRM'}`}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            data-testid="identity-token"
          />
          <button type="submit" className="btn btn-primary" disabled={busy || !token.trim()} data-testid="identity-sign-in">
            Sign in
          </button>
        </form>
      ) : ws?.source.kind === 'salesforce' ? (
        <div className="id-banner-actions">
          <SignInAgainButton className="btn btn-primary btn-small" description="Sign in to Salesforce as yourself, with a user of the same org. Edits waiting to sync are kept." />
        </div>
      ) : (
        <p className="id-banner-sub">The demo book signs in as its demo CAM. To work as yourself, add a workspace for your own PRM.</p>
      )}
      <div className="id-banner-actions">
        <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={undo} data-testid="identity-undo">
          Actually, that’s me
        </button>
      </div>
      {error ? (
        <p className="id-banner-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
