/**
 * "Not in this book: …": shown where health figures are read, for a book whose source
 * leaves facts out (an import of order files has no contacts, PSAT, pipeline …; a Salesforce
 * mapping without certification or PSAT objects), so a missing fact never reads as a zero.
 */
import { Icon } from './Icon';

export function BookGaps({ gaps, className = '' }: { gaps: readonly string[]; className?: string }) {
  if (gaps.length === 0) return null;
  return (
    <div className={`banner banner-info ${className}`} role="note" data-testid="book-gaps">
      <Icon name="alert" size={14} />
      <span>
        <strong>Not in this book:</strong> {gaps.join(', ')}. Health counts only what the book holds; the rest shows as “no data”, not as zero.
      </span>
    </div>
  );
}
