/**
 * The plan editor's write side: every field edit is saved at once (autosave) through the
 * plan API (→ outbox), tracked while in flight, and kept on an undo stack so
 * Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z replay field edits backwards and forwards.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiCallError, describeError, invoke } from '../../api/client';

export type PlanEntity = 'jbp' | 'jbp_objective' | 'jbp_initiative';

export interface FieldEdit {
  entity: PlanEntity;
  id: string;
  field: string;
  before: unknown;
  after: unknown;
  /** Shown in the undo hint: "Undo Target of Grow sourced ARR". */
  label: string;
}

export interface SaveResult {
  ok: boolean;
  /** The message for the edited field (or the whole edit) when refused. */
  error?: string;
  code?: string;
}

export interface PlanEditor {
  /** Saves one field; on success it becomes undoable. */
  save(edit: FieldEdit): Promise<SaveResult>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  canUndo: boolean;
  canRedo: boolean;
  nextUndo: FieldEdit | null;
  /** Requests in flight. */
  saving: number;
  /** Last refusal of an undo/redo or a non-field save, for a banner. */
  lastError: string | null;
  clearError(): void;
}

async function send(planId: string, entity: PlanEntity, id: string, field: string, value: unknown): Promise<void> {
  const fields = { [field]: value };
  if (entity === 'jbp') await invoke('plans.update', { id, fields });
  else if (entity === 'jbp_objective') await invoke('objectives.upsert', { planId, id, fields });
  else await invoke('initiatives.upsert', { planId, id, fields });
}

function fieldMessage(err: unknown, field: string): string {
  if (err instanceof ApiCallError) {
    const hit = err.issues.find((i) => i.path === field || i.path === `fields.${field}`);
    if (hit) return hit.message;
    return err.message;
  }
  return describeError(err);
}

/** Undo/redo stacks per plan, kept for the session (coming back to a plan keeps its undo history). */
const stacks = new Map<string, { undo: FieldEdit[]; redo: FieldEdit[] }>();
function stackOf(planId: string): { undo: FieldEdit[]; redo: FieldEdit[] } {
  let s = stacks.get(planId);
  if (!s) stacks.set(planId, (s = { undo: [], redo: [] }));
  return s;
}

export function usePlanEditor(planId: string, onSaved: () => void): PlanEditor {
  const [saving, setSaving] = useState(0);
  const [lastError, setLastError] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);

  const run = useCallback(
    async (entity: PlanEntity, id: string, field: string, value: unknown): Promise<SaveResult> => {
      setSaving((n) => n + 1);
      try {
        await send(planId, entity, id, field, value);
        return { ok: true };
      } catch (err) {
        return { ok: false, error: fieldMessage(err, field), ...(err instanceof ApiCallError ? { code: err.code } : {}) };
      } finally {
        setSaving((n) => n - 1);
        onSaved();
      }
    },
    [planId, onSaved],
  );

  const save = useCallback(
    async (edit: FieldEdit): Promise<SaveResult> => {
      if (JSON.stringify(edit.before) === JSON.stringify(edit.after)) return { ok: true };
      const res = await run(edit.entity, edit.id, edit.field, edit.after);
      if (res.ok) {
        const st = stackOf(planId);
        st.undo.push(edit);
        if (st.undo.length > 200) st.undo.shift();
        st.redo = [];
        setLastError(null);
        bump();
      }
      return res;
    },
    [run, planId],
  );

  const undo = useCallback(async () => {
    const st = stackOf(planId);
    const edit = st.undo.pop();
    if (!edit) return;
    bump();
    const res = await run(edit.entity, edit.id, edit.field, edit.before);
    if (res.ok) st.redo.push(edit);
    else {
      st.undo.push(edit);
      setLastError(`Couldn't undo ${edit.label}: ${res.error ?? 'refused'}`);
    }
    bump();
  }, [run, planId]);

  const redo = useCallback(async () => {
    const st = stackOf(planId);
    const edit = st.redo.pop();
    if (!edit) return;
    bump();
    const res = await run(edit.entity, edit.id, edit.field, edit.after);
    if (res.ok) st.undo.push(edit);
    else {
      st.redo.push(edit);
      setLastError(`Couldn't redo ${edit.label}: ${res.error ?? 'refused'}`);
    }
    bump();
  }, [run, planId]);

  // Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (and Ctrl+Y) outside text fields, where the field's own undo applies.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      e.preventDefault();
      if (key === 'y' || e.shiftKey) void redo();
      else void undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const st = stackOf(planId);
  return {
    save,
    undo,
    redo,
    canUndo: st.undo.length > 0,
    canRedo: st.redo.length > 0,
    nextUndo: st.undo[st.undo.length - 1] ?? null,
    saving,
    lastError,
    clearError: () => setLastError(null),
  };
}
