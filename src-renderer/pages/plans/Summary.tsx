/**
 * The plan summary: plain text with light formatting — `#`/`##` headings, `-` bullets,
 * `**bold**` — rendered without HTML injection, and edited in a textarea that autosaves
 * when you pause or leave it.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { PlanDetail } from '../../../src-shared/methods/plans';
import type { PlanEditor } from './usePlanEditor';
import { LIMITS } from '../../../src-shared/domain/rules';
import { LimitCount } from '../../components/LimitCount';

function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /\*\*([^*]+)\*\*/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(<strong key={`${key}-b${i++}`}>{m[1]}</strong>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Renders the Markdown-lite text as headings, bullet lists and paragraphs. */
export function RichText({ text, className }: { text: string; className?: string }) {
  const blocks: ReactNode[] = [];
  let bullets: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (bullets.length) {
      const k = blocks.length;
      blocks.push(
        <ul key={`u${k}`}>
          {bullets.map((b, i) => (
            <li key={i}>{inline(b, `u${k}-${i}`)}</li>
          ))}
        </ul>,
      );
      bullets = [];
    }
    if (para.length) {
      const k = blocks.length;
      blocks.push(<p key={`p${k}`}>{inline(para.join(' '), `p${k}`)}</p>);
      para = [];
    }
  };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    const b = /^\s*[-*•]\s+(.*)$/.exec(line);
    if (h) {
      flush();
      const k = blocks.length;
      blocks.push(h[1]!.length === 1 ? <h3 key={`h${k}`}>{inline(h[2]!, `h${k}`)}</h3> : <h4 key={`h${k}`}>{inline(h[2]!, `h${k}`)}</h4>);
    } else if (b) {
      if (para.length) flush();
      if (b[1]!.trim()) bullets.push(b[1]!);
    } else if (!line.trim()) {
      flush();
    } else {
      if (bullets.length) flush();
      para.push(line.trim());
    }
  }
  flush();
  return <div className={`richtext ${className ?? ''}`}>{blocks.length ? blocks : <p className="muted">No summary yet.</p>}</div>;
}

export function SummaryEditor({ d, editor }: { d: PlanDetail; editor: PlanEditor }) {
  const saved = d.plan.summary;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const baseRef = useRef(saved);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const startEditing = () => {
    setText(saved);
    baseRef.current = saved;
    setEditing(true);
  };

  const flush = async (value: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (value === baseRef.current) return;
    const before = baseRef.current;
    baseRef.current = value;
    const res = await editor.save({ entity: 'jbp', id: d.plan.id, field: 'summary', before, after: value, label: 'the summary' });
    if (!res.ok) {
      baseRef.current = before;
      setError(res.error ?? 'Not saved.');
    } else setError(null);
  };

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  if (!editing) {
    return (
      <div className="summary">
        <RichText text={saved} />
        {!d.locked ? (
          <button type="button" className="btn btn-small summary-edit" onClick={startEditing} data-testid="summary-edit">
            Edit summary
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <div className="summary is-editing">
      <textarea
        className="summary-input"
        value={text}
        autoFocus
        aria-label="Plan summary"
        data-testid="summary-input"
        onChange={(e) => {
          const v = e.target.value;
          setText(v);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void flush(v), 1200);
        }}
        onBlur={() => void flush(text)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
            e.preventDefault();
            void flush(text).then(() => setEditing(false));
          }
        }}
      />
      <div className="summary-help muted">
        <span># Heading · - bullet · **bold**</span>
        <LimitCount value={text} max={LIMITS.planSummary} testId="summary-count" />
        <button type="button" className="btn btn-small" onClick={() => void flush(text).then(() => setEditing(false))} data-testid="summary-done">
          Done
        </button>
      </div>
      {error ? <div className="danger-text">{error}</div> : null}
    </div>
  );
}
