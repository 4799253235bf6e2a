/**
 * "This book's files do not hold …": shown where health figures are read, for a book whose
 * source leaves facts out (an import of order files has no contacts, PSAT, pipeline …), so
 * a missing fact never reads as a zero.
 */
import { Icon } from './Icon';

export function BookGaps({ gaps, className = '' }: { gaps: readonly string[]; className?: string }) {
  if (gaps.length === 0) return null;
  return (
    <div className={`banner banner-info ${className}`} role="note" data-testid="book-gaps">
      <Icon name="alert" size={14} />
      <span>
        <strong>Not in this book’s files:</strong> {gaps.join(', ')}. Health counts only what the files hold; the rest shows as “no data”, not as zero.
      </span>
    </div>
  );
}
