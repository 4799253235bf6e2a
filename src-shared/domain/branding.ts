/**
 * The company's deck look: colours, contrast and the logo image, as pure functions both
 * processes use — the Settings page checks a draft with them before sending it, the main
 * side checks it again before storing it, and the deck builder derives its palette from
 * them. No Node built-ins, no DOM: the logo is read from its data URL with `atob`.
 */

/** `#RRGGBB` (either case). */
export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** WCAG AA for normal-size text. */
export const MIN_CONTRAST = 4.5;

/** `#2f5d8a` → `2F5D8A`, the form pptxgenjs takes. */
export const hexOf = (colour: string): string => colour.replace(/^#/, '').toUpperCase();

function channels(hex: string): [number, number, number] {
  const h = hexOf(hex);
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance of `#RRGGBB` or `RRGGBB`. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours (1–21). */
export function contrast(a: string, b: string): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** `colour` moved towards white by `share` (0: unchanged, 1: white), as `RRGGBB`. */
export function tint(colour: string, share: number): string {
  return channels(colour)
    .map((c) => Math.round(c + (255 - c) * share).toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

/** The soft background the accent's labels and callouts sit on. */
export const accentSoftOf = (accent: string): string => tint(accent, 0.88);

/** The Partnerbook palette the brand colours replace (resources/deck/theme.json, passed in: src-shared reads no files). */
export interface BasePalette {
  colors: { titleBg: string; titleMuted: string; accent: string; accentSoft: string };
  chart: string[];
}

/**
 * The brand colours a deck is drawn with for a primary and an accent colour: the title
 * background and its muted text, the accent, its pale background and the chart palette
 * (accent first). The Partnerbook colours give exactly `base`.
 */
export function brandColours(primary: string, accent: string, base: BasePalette): { titleBg: string; titleMuted: string; accent: string; accentSoft: string; chart: string[] } {
  const c = base.colors;
  const p = hexOf(primary);
  const a = hexOf(accent);
  return {
    titleBg: p,
    titleMuted: p === c.titleBg ? c.titleMuted : tint(p, 0.72),
    accent: a,
    accentSoft: a === c.accent ? c.accentSoft : accentSoftOf(a),
    chart: a === c.accent ? [...base.chart] : [a, tint(a, 0.5), ...base.chart.slice(2)],
  };
}

/** Up to two initials of a company name ("Acme Software" → "AS"), for a deck without a logo. */
export function initials(name: string): string {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[1]![0]] : [...(words[0] ?? '')].slice(0, 2);
  return letters.join('').toUpperCase();
}

export const ratioText = (r: number): string => `${(Math.floor(r * 10) / 10).toFixed(1)}:1`;

/** Why white title text on `primary` would be hard to read, or null. */
export function primaryContrastProblem(primary: string): string | null {
  const r = contrast(primary, 'FFFFFF');
  if (r >= MIN_CONTRAST) return null;
  return `Primary colour ${primary.toUpperCase()} is too light for the white title text on it (contrast ${ratioText(r)}; at least ${MIN_CONTRAST}:1 is needed): choose a darker colour.`;
}

/** Why labels drawn in `accent` on its soft background would be hard to read, or null. */
export function accentContrastProblem(accent: string): string | null {
  const r = contrast(accent, accentSoftOf(accent));
  if (r >= MIN_CONTRAST) return null;
  return `Accent colour ${accent.toUpperCase()} is too light for the labels and headings drawn in it (contrast ${ratioText(r)} on its pale background; at least ${MIN_CONTRAST}:1 is needed): choose a darker colour.`;
}

// ---------------------------------------------------------------------------------------
// The logo

/** PNG and JPEG: what PowerPoint, Keynote and LibreOffice all draw the same way. */
export const LOGO_TYPES = { 'image/png': 'PNG', 'image/jpeg': 'JPEG' } as const;
export type LogoType = keyof typeof LOGO_TYPES;
export const LOGO_MAX_BYTES = 1024 * 1024;
export const LOGO_MAX_PX = 4000;
export const LOGO_MIN_PX = 16;

export interface ImageInfo {
  type: LogoType;
  width: number;
  height: number;
  bytes: number;
}

/** A file size in words, rounded up ("1.1 MB" for just over a megabyte, never "1.0 MB"). */
export const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** Bytes a base64 text decodes to, without decoding it. */
function base64Bytes(b64: string): number {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - pad;
}

function decode(b64: string): Uint8Array | null {
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(b: Uint8Array): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 24 || sig.some((v, i) => b[i] !== v)) return null;
  const u32 = (o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
  return { width: u32(16), height: u32(20) };
}

/** Width and height from a JPEG's first start-of-frame marker. */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let o = 2;
  while (o + 9 < b.length) {
    if (b[o] !== 0xff) return null;
    const marker = b[o + 1]!;
    if (marker === 0xff) {
      o++;
      continue;
    }
    const len = (b[o + 2]! << 8) | b[o + 3]!;
    const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (sof) return { height: (b[o + 5]! << 8) | b[o + 6]!, width: (b[o + 7]! << 8) | b[o + 8]! };
    o += 2 + len;
  }
  return null;
}

export type LogoCheck = { ok: true; info: ImageInfo } | { ok: false; message: string };

/**
 * Whether `dataUrl` is a logo the deck can carry: a PNG or JPEG of at most 1 MB and
 * 16–4000 pixels a side, whose bytes are what its type says. The refusal is a sentence
 * naming `fileName` and the limit.
 */
export function checkLogo(dataUrl: string, fileName: string): LogoCheck {
  const name = fileName.trim() ? `The file ${fileName.trim()}` : 'The logo file';
  const m = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=]*)$/i.exec(dataUrl);
  const type = m?.[1]?.toLowerCase();
  if (!m || !type || !(type in LOGO_TYPES)) {
    const what = type ? ` (${type})` : '';
    return { ok: false, message: `${name} is not a PNG or JPEG image${what}; the logo must be a PNG or JPEG file.` };
  }
  const bytes = base64Bytes(m[2]!);
  if (bytes > LOGO_MAX_BYTES) return { ok: false, message: `${name} is ${sizeText(bytes)}; the logo can be at most ${sizeText(LOGO_MAX_BYTES)}.` };
  const data = decode(m[2]!);
  const size = data ? (type === 'image/png' ? pngSize(data) : jpegSize(data)) : null;
  if (!size) return { ok: false, message: `${name} could not be read as a ${LOGO_TYPES[type as LogoType]} image; save it again as a PNG or JPEG file.` };
  const { width, height } = size;
  if (width > LOGO_MAX_PX || height > LOGO_MAX_PX) {
    return { ok: false, message: `${name} is ${width} × ${height} pixels; the logo can be at most ${LOGO_MAX_PX} pixels wide and high.` };
  }
  if (width < LOGO_MIN_PX || height < LOGO_MIN_PX) {
    return { ok: false, message: `${name} is ${width} × ${height} pixels; the logo needs at least ${LOGO_MIN_PX} pixels a side to print sharply.` };
  }
  return { ok: true, info: { type: type as LogoType, width, height, bytes } };
}

/** The largest `w × h` box with the image's proportions that fits in `maxW × maxH`. */
export function fitImage(info: { width: number; height: number }, maxW: number, maxH: number): { w: number; h: number } {
  const scale = Math.min(maxW / info.width, maxH / info.height);
  return { w: info.width * scale, h: info.height * scale };
}
