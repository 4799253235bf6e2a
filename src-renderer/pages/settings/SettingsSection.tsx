/**
 * One section of the Settings page: the form, Save, "Reset to defaults" behind an inline
 * confirm, the problems as sentences (nothing is sent while there are any) and a "Saved"
 * line once the server has stored it. What is typed and not saved is kept while the user
 * is elsewhere (drafts.ts).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { ApiCallError, describeError, invoke } from '../../api/client';
import { useWorkspace } from '../../workspaces/session';
import { keepDraft, keptDraft } from './drafts';
import type { MethodName, MethodInput } from '../../../src-shared/api';

/** A problem as a sentence, and the field it is about (its path, `weights.revenue`) when there is one. */
export interface Problem {
  path: string;
  message: string;
}

export type Check<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

interface Props<D, V, M extends MethodName> {
  id: string;
  title: string;
  intro: string;
  /** What is stored now, as the form shows it. */
  saved: D;
  defaults: D;
  check: (draft: D) => Check<V>;
  method: M;
  toInput: (value: V) => MethodInput<M>;
  /** Runs once the server has stored a value (e.g. refresh what depends on it). */
  onSaved?: (value: V) => void;
  /** `invalid` holds the paths of the fields the last check refused. */
  render: (draft: D, setDraft: (d: D) => void, invalid: ReadonlySet<string>) => ReactNode;
}

/** A refused call's sentences, each with its field where the server named one. */
function issuesOf(err: unknown): Problem[] {
  if (err instanceof ApiCallError && err.issues.length > 0) return err.issues.map((i) => ({ path: i.path.replace(/^settings\./, ''), message: i.message }));
  return [{ path: '', message: describeError(err) }];
}

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; text: string } | { kind: 'problems'; problems: Problem[] };

export function SettingsSection<D, V = D, M extends MethodName = MethodName>(props: Props<D, V, M>) {
  const { saved } = props;
  const workspace = useWorkspace()?.id ?? '';
  const savedKey = JSON.stringify(saved);
  // What was typed here before the user went to another page, when it was typed over what is stored now.
  const [draft, setDraftState] = useState<D>(() => (keptDraft(workspace, props.id, savedKey) as D | undefined) ?? saved);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [confirming, setConfirming] = useState(false);
  // The stored settings changed (saved here or elsewhere): the form shows them.
  const [shownKey, setShownKey] = useState(savedKey);
  if (shownKey !== savedKey) {
    setShownKey(savedKey);
    setDraftState(saved);
  }
  const draftKey = JSON.stringify(draft);
  const dirty = draftKey !== savedKey;
  useEffect(() => {
    keepDraft(workspace, props.id, savedKey, draft, dirty);
    // draftKey stands for the draft: a new object with the same values is the same draft.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspace, props.id, savedKey, draftKey, dirty]);
  const invalid = new Set(status.kind === 'problems' ? status.problems.map((p) => p.path).filter(Boolean) : []);
  const setDraft = (d: D) => {
    setDraftState(d);
    if (status.kind !== 'saving') setStatus({ kind: 'idle' });
  };

  const store = async (value: D, text: string) => {
    const checked = props.check(value);
    if (!checked.ok) {
      setStatus({ kind: 'problems', problems: checked.problems });
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      await invoke(props.method, props.toInput(checked.value));
      setDraftState(value);
      setStatus({ kind: 'saved', text });
      props.onSaved?.(checked.value);
    } catch (err) {
      setStatus({ kind: 'problems', problems: issuesOf(err) });
    }
  };

  return (
    <section className="set-section" aria-labelledby={`set-${props.id}-title`} data-testid={`settings-${props.id}`}>
      <h2 id={`set-${props.id}-title`} className="set-title">
        {props.title}
      </h2>
      <p className="set-intro">{props.intro}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void store(draft, 'Saved.');
        }}
      >
        {props.render(draft, setDraft, invalid)}
        {status.kind === 'problems' ? (
          <div className="set-problems" role="alert" data-testid={`settings-${props.id}-problems`}>
            <strong>Not saved.</strong>
            <ul>
              {[...new Set(status.problems.map((p) => p.message))].map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="set-actions">
          <button type="submit" className="btn btn-primary btn-small" disabled={status.kind === 'saving'} data-testid={`settings-${props.id}-save`}>
            {status.kind === 'saving' ? 'Saving…' : 'Save'}
          </button>
          {dirty ? (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setDraft(saved)}>
              Discard changes
            </button>
          ) : null}
          <span className="set-status" role="status" data-testid={`settings-${props.id}-status`}>
            {status.kind === 'saved' ? status.text : dirty ? 'Unsaved changes' : ''}
          </span>
          <span className="filterbar-spacer" />
          {confirming ? (
            <span className="set-confirm" data-testid={`settings-${props.id}-confirm`}>
              Reset {props.title} to its defaults?
              <button
                type="button"
                className="btn btn-small btn-primary"
                autoFocus
                onClick={() => {
                  setConfirming(false);
                  void store(props.defaults, 'Defaults restored and saved.');
                }}
              >
                Reset
              </button>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </span>
          ) : (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(true)} data-testid={`settings-${props.id}-reset`}>
              Reset to defaults
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
