/** Said instead of figures while the book is still arriving (api/bookLoading.ts). */
import type { ReactNode } from 'react';
import { bookLoadingText, type BookLoading } from '../api/bookLoading';
import { href } from '../app/router';

export function BookLoadingNotice({ load, what }: { load: BookLoading; what: string }) {
  const text = bookLoadingText(load);
  return (
    <div className="banner banner-info" role="status" data-testid="book-loading">
      <strong>{text.charAt(0).toUpperCase() + text.slice(1)}.</strong> {what} appear when the whole book is here
      {load.paused ? (
        <>
          {' '}
          — <a href={href('/sync')}>see Sync</a>.
        </>
      ) : (
        '.'
      )}
    </div>
  );
}

/** A figure that needs the whole book, while it is still arriving. */
export function BookPending() {
  return (
    <span className="muted" title="Appears when the whole book is here" data-testid="book-pending">
      …
    </span>
  );
}

/** A whole page that waits for the book: the notice alone (and `children` below it). */
export function BookLoadingPage({ load, what, testId, children }: { load: BookLoading; what: string; testId?: string; children?: ReactNode }) {
  return (
    <div className="page page-narrow" data-testid={testId}>
      <BookLoadingNotice load={load} what={what} />
      {children}
    </div>
  );
}
