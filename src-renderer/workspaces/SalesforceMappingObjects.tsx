/**
 * The custom objects of a Salesforce mapping (SalesforceMappingDialog): certifications and
 * PSAT answers have no standard object, so an org maps its own — or leaves them out, and
 * health shows those facts as "no data".
 */
import { useId } from 'react';

/** Field name → API name as typed (every field of either object). */
export type ObjectForm = { object: string; partnerField: string } & Partial<Record<string, string>>;

const FIELDS: Record<'certification' | 'psat', readonly (readonly [string, string, boolean])[]> = {
  certification: [
    ['object', 'Object', true],
    ['partnerField', 'Partner (Account) field', true],
    ['contactField', 'Contact field', true],
    ['nameField', 'Certification name field', true],
    ['earnedField', 'Earned-on field', true],
    ['expiresField', 'Expires-on field', true],
  ],
  psat: [
    ['object', 'Object', true],
    ['partnerField', 'Partner (Account) field', true],
    ['scoreField', 'Score field', true],
    ['dateField', 'Answered-on field', true],
    ['contactField', 'Contact field (optional)', false],
    ['commentField', 'Comment field (optional)', false],
  ],
};

export function CustomObjectFields({
  kind,
  legend,
  value,
  onChange,
}: {
  kind: 'certification' | 'psat';
  legend: string;
  value: ObjectForm | null;
  onChange: (v: ObjectForm | null) => void;
}) {
  const id = useId();
  return (
    <fieldset className="sfm-section" data-testid={`sfm-${kind}`}>
      <legend>{legend}</legend>
      <label className="checkbox">
        <input type="checkbox" checked={value !== null} onChange={(e) => onChange(e.target.checked ? { object: '', partnerField: '' } : null)} data-testid={`sfm-${kind}-on`} />
        Read {legend.toLowerCase()} from a custom object
      </label>
      {value === null ? (
        <p className="ws-field-hint">None: {legend.toLowerCase()} show as “no data” in health, not as zero.</p>
      ) : (
        <div className="sfm-grid">
          {FIELDS[kind].map(([key, label]) => (
            <div className="ws-field" key={key}>
              <label htmlFor={`${id}-${key}`}>{label}</label>
              <input id={`${id}-${key}`} className="input" value={value[key] ?? ''} onChange={(e) => onChange({ ...value, [key]: e.target.value })} placeholder={key === 'object' ? 'e.g. Partner_Certification__c' : undefined} />
            </div>
          ))}
        </div>
      )}
    </fieldset>
  );
}
