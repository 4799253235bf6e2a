/** Last QBR’s commitments (the editor of the commitments is passed in) in the in-app preview (the same section data as the deck’s slide). */
import type { ReactNode } from 'react';
import type { CommitmentsData } from '../../../../src-shared/methods/qbr';
import { useCalendar } from '../../../api/calendar';
import { q } from './parts';

export function Commitments({ d, children }: { d: CommitmentsData; children?: ReactNode }) {
  const calendar = useCalendar();
  return (
    <>
      <div className="qs-muted">
        From the {q(d.fromQuarter, calendar)} QBR: {d.counts.done} done · {d.counts.open} open · {d.counts.missed} missed
      </div>
      {children}
    </>
  );
}
