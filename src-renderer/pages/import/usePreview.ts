/**
 * What the current mapping makes of the files (`import.preview`, nothing written), asked
 * again a moment after each change; an answer for an older mapping is dropped.
 */
import { useEffect, useRef, useState } from 'react';
import type { ImportMapping } from '../../../src-shared/domain/import-mapping';
import type { ImportReport } from '../../../src-shared/methods/import';
import { describeError, invoke } from '../../api/client';

export interface PreviewState {
  report: ImportReport | null;
  /** The API's sentence when the preview itself failed. */
  error: string | null;
  /** A preview for the current mapping is on its way. */
  pending: boolean;
  /** The mapping `report` (or `error`) was made for. */
  reportFor: ImportMapping | null;
}

const DEBOUNCE_MS = 350;

export function usePreview(files: readonly string[] | null, mapping: ImportMapping | null): PreviewState {
  const [state, setState] = useState<Omit<PreviewState, 'pending'>>({ report: null, error: null, reportFor: null });
  const seq = useRef(0);

  useEffect(() => {
    if (!files || !mapping || mapping.files.length === 0) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      invoke('import.preview', { files: [...files], mapping }).then(
        (report) => {
          if (seq.current === mine) setState({ report, error: null, reportFor: mapping });
        },
        (err: unknown) => {
          if (seq.current === mine) setState({ report: null, error: describeError(err), reportFor: mapping });
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [files, mapping]);

  if (mapping && mapping.files.length === 0) {
    return { report: null, error: 'Every file is left out: choose what at least one of them holds.', pending: false, reportFor: mapping };
  }
  return { ...state, pending: !!mapping && state.reportFor !== mapping };
}
