/**
 * "Sign in again" where the sync status or the identity banner asks for it: the button and
 * its dialog (SignInAgain.tsx, with the sign-in forms) load from a chunk of their own, as
 * only a window whose source refused its sign-in shows them. Until it is there, the same
 * button, disabled.
 */
import { Suspense } from 'react';
import { lazyComponent } from '../app/lazy';

const Button = lazyComponent(() => import('./SignInAgain').then((m) => m.SignInAgainButton));

export function SignInAgainButton({ className = 'btn btn-small', description }: { className?: string; description?: string }) {
  return (
    <Suspense
      fallback={
        <button type="button" className={className} disabled>
          Sign in again
        </button>
      }
    >
      <Button className={className} description={description} />
    </Suspense>
  );
}
