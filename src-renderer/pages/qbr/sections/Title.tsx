/** The title slide in the in-app preview (the same section data as the deck’s slide). */
import type { TitleData } from '../../../../src-shared/methods/qbr';
import { DeckBrand } from '../DeckLook';

export function Title({ d }: { d: TitleData }) {
  return (
    <div className="qs-title">
      <div className="qs-brand">
        <DeckBrand />
      </div>
      <h3 className="qs-title-name">{d.partnerName}</h3>
      <div className="qs-title-sub">{d.subtitle}</div>
      <div className="qs-title-meta">{d.tierName}</div>
      <div className="qs-title-period">{d.periodText}</div>
      <div className="qs-title-period">{d.meetingText}</div>
      {d.ownerName ? <div className="qs-title-meta">{d.ownerName}</div> : null}
    </div>
  );
}
