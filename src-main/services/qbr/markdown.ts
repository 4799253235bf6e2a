/**
 * Plan summaries are written in Markdown; a slide shows them rendered — headings, bullets
 * and bold as text runs — never the marks ("#", "**", "- ").
 */
import type { QbrTextBlock } from '../../../src-shared/methods/qbr';

function runs(text: string): QbrTextBlock['runs'] {
  const out: QbrTextBlock['runs'] = [];
  // **bold** / __bold__; single * or _ emphasis and `code` marks are dropped, their text kept.
  const parts = text.split(/(\*\*[^*]+\*\*|__[^_]+__)/);
  for (const p of parts) {
    if (!p) continue;
    const bold = /^(\*\*|__).*(\*\*|__)$/.test(p) && p.length > 4;
    const t = (bold ? p.slice(2, -2) : p)
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/(^|[^\w*])[*_]([^*_]+)[*_](?=[^\w*]|$)/g, '$1$2')
      .replace(/`([^`]*)`/g, '$1');
    if (t) out.push({ text: t, bold });
  }
  return out;
}

export function markdownBlocks(md: string): QbrTextBlock[] {
  const blocks: QbrTextBlock[] = [];
  for (const raw of md.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const h = /^#{1,6}\s+(.*)$/.exec(line);
    const b = /^(?:[-*+•]|\d+[.)])\s+(.*)$/.exec(line);
    if (h) blocks.push({ kind: 'heading', runs: runs(h[1]!).map((r) => ({ ...r, bold: true })) });
    else if (b) blocks.push({ kind: 'bullet', runs: runs(b[1]!) });
    else blocks.push({ kind: 'text', runs: runs(line) });
  }
  return blocks.filter((x) => x.runs.length > 0);
}

/** The blocks as plain text, one paragraph a line (for notes and the preview's fallback). */
export function blocksText(blocks: readonly QbrTextBlock[]): string {
  return blocks.map((b) => `${b.kind === 'bullet' ? '• ' : ''}${b.runs.map((r) => r.text).join('')}`).join('\n');
}
