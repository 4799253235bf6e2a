/**
 * Settings › Deck look: the company name, logo, primary and accent colours and font the QBR
 * decks are written in, with a to-scale preview of a title and a content slide as you edit.
 * The logo file is read here as a data URL and checked (type, size, pixels) before it is
 * part of the draft; the draft is checked with the server's schema before it is sent.
 */
import { useRef, useState } from 'react';
import { checkLogo, contrast, HEX_COLOUR, LOGO_MAX_BYTES, LOGO_TYPES, MIN_CONTRAST, ratioText, sizeText } from '../../../src-shared/domain/branding';
import { describeInput } from '../../../src-shared/input-messages';
import { BRAND_FONTS, brandingSchema, COMPANY_NAME_MAX, DEFAULT_BRANDING, type BrandFont, type Branding, type BrandLogo } from '../../../src-shared/methods/branding';
import { useQuery } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/ui';
import { DeckLookPreview, draftColours } from './DeckLookPreview';
import { SettingsSection, type Check } from './SettingsSection';
import './branding.css';

function checkBranding(draft: Branding): Check<Branding> {
  const parsed = brandingSchema.safeParse(draft);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: describeInput(parsed.error.issues, 'branding.set').issues };
}

type Picked = { ok: true; logo: BrandLogo } | { ok: false; message: string };

/** The chosen file as a logo, or why it can't be one (checked before the file is read in full). */
async function readLogo(file: File): Promise<Picked> {
  const name = `The file ${file.name}`;
  if (file.type && !(file.type in LOGO_TYPES)) return { ok: false, message: `${name} is not a PNG or JPEG image (${file.type}); the logo must be a PNG or JPEG file.` };
  if (file.size > LOGO_MAX_BYTES) return { ok: false, message: `${name} is ${sizeText(file.size)}; the logo can be at most ${sizeText(LOGO_MAX_BYTES)}.` };
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  }).catch(() => null);
  if (dataUrl === null) return { ok: false, message: `${name} could not be read; choose it again.` };
  const c = checkLogo(dataUrl, file.name);
  return c.ok ? { ok: true, logo: { dataUrl, fileName: file.name } } : { ok: false, message: c.message };
}

function ContrastNote({ ok, text }: { ok: boolean; text: string }) {
  return <span className={ok ? 'bl-note' : 'bl-note is-bad'}>{text}</span>;
}

function ColourField(props: { label: string; value: string; onChange: (v: string) => void; invalid: boolean; testId: string; note: { ok: boolean; text: string } | null }) {
  const valid = HEX_COLOUR.test(props.value);
  return (
    <label className="bl-row">
      <span className="bl-label">{props.label}</span>
      <span className="bl-colour">
        <input type="color" value={valid ? props.value.toLowerCase() : '#000000'} onChange={(e) => props.onChange(e.target.value.toUpperCase())} aria-label={`${props.label} picker`} data-testid={`${props.testId}-picker`} />
        <input
          className="hl-input bl-hex"
          value={props.value}
          maxLength={7}
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value.trim())}
          aria-label={props.label}
          aria-invalid={props.invalid || undefined}
          data-testid={props.testId}
        />
        {props.note ? <ContrastNote {...props.note} /> : null}
      </span>
    </label>
  );
}

function Fields({ draft, setDraft, invalid }: { draft: Branding; setDraft: (b: Branding) => void; invalid: ReadonlySet<string> }) {
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const c = draftColours(draft);
  const primaryRatio = contrast(c.titleBg, 'FFFFFF');
  const accentRatio = contrast(c.accent, c.accentSoft);
  return (
    <div className="bl-grid">
      <fieldset className="set-group bl-fields">
        <legend>Company</legend>
        <label className="bl-row">
          <span className="bl-label">Company name</span>
          <input
            className="hl-input bl-text"
            value={draft.companyName}
            maxLength={COMPANY_NAME_MAX}
            placeholder="Partnerbook"
            onChange={(e) => setDraft({ ...draft, companyName: e.target.value })}
            aria-invalid={invalid.has('companyName') || undefined}
            data-testid="branding-company"
          />
        </label>
        <div className="bl-row">
          <span className="bl-label">Logo</span>
          <span className="bl-logo">
            {draft.logo ? (
              <>
                <img className="bl-thumb" src={draft.logo.dataUrl} alt={`Logo ${draft.logo.fileName}`} />
                <span className="bl-file" title={draft.logo.fileName}>
                  {draft.logo.fileName}
                </span>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setDraft({ ...draft, logo: null })} data-testid="branding-logo-remove">
                  Remove
                </button>
              </>
            ) : null}
            <button type="button" className="btn btn-small" onClick={() => fileInput.current?.click()} data-testid="branding-logo-pick">
              {draft.logo ? 'Replace…' : 'Choose file…'}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept="image/png,image/jpeg"
              hidden
              aria-label="Logo file"
              data-testid="branding-logo-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (!file) return;
                void readLogo(file).then((r) => {
                  setFileProblem(r.ok ? null : r.message);
                  if (r.ok) setDraft({ ...draft, logo: r.logo });
                });
              }}
            />
          </span>
        </div>
        <p className="bl-hint">PNG or JPEG, at most 1 MB and 4000 pixels a side; a transparent PNG looks best.</p>
        {fileProblem ? (
          <p className="bl-file-problem" role="alert" data-testid="branding-logo-problem">
            {fileProblem}
          </p>
        ) : null}
        <ColourField
          label="Primary colour"
          value={draft.primary}
          onChange={(primary) => setDraft({ ...draft, primary })}
          invalid={invalid.has('primary')}
          testId="branding-primary"
          note={HEX_COLOUR.test(draft.primary) ? { ok: primaryRatio >= MIN_CONTRAST, text: `Title text contrast ${ratioText(primaryRatio)}${primaryRatio >= MIN_CONTRAST ? '' : ', too low'}` } : null}
        />
        <ColourField
          label="Accent colour"
          value={draft.accent}
          onChange={(accent) => setDraft({ ...draft, accent })}
          invalid={invalid.has('accent')}
          testId="branding-accent"
          note={HEX_COLOUR.test(draft.accent) ? { ok: accentRatio >= MIN_CONTRAST, text: `Label contrast ${ratioText(accentRatio)}${accentRatio >= MIN_CONTRAST ? '' : ', too low'}` } : null}
        />
        <label className="bl-row">
          <span className="bl-label">Font</span>
          <select className="select bl-text" value={draft.font} onChange={(e) => setDraft({ ...draft, font: e.target.value as BrandFont })} data-testid="branding-font">
            {BRAND_FONTS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <DeckLookPreview branding={draft} width={252} />
    </div>
  );
}

/** The "Deck look" section: loads the stored look itself, so the Settings page only places it. */
export function BrandingSection() {
  const q = useQuery('branding.get', {}, { refreshOn: ['setting'] });
  if (q.error) return <ErrorBanner error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Loading />;
  return (
    <SettingsSection<Branding, Branding, 'branding.set'>
      id="branding"
      title="Deck look"
      intro="Your company's logo, colours and font for QBR decks. They go into the decks' slide masters, so a deck edited in PowerPoint keeps them; colours must keep text readable (contrast at least 4.5:1)."
      saved={q.data}
      defaults={DEFAULT_BRANDING}
      check={checkBranding}
      method="branding.set"
      toInput={(settings) => ({ settings })}
      render={(draft, setDraft, invalid) => <Fields draft={draft} setDraft={setDraft} invalid={invalid} />}
    />
  );
}
