/**
 * WCAG 2 contrast arithmetic for partner colours. A partner picks any primary colour; the portal
 * must stay readable, so text on that colour is black or white (whichever contrasts more), and the
 * colour itself is darkened or lightened where it is used as text on the page background.
 */

type Rgb = { r: number; g: number; b: number };

const HEX = /^#([0-9a-f]{6})$/i;

/** `#RRGGBB` -> channels 0–255; anything else -> null. */
export function parseHex(color: string): Rgb | null {
  const match = HEX.exec(color.trim());
  if (!match?.[1]) return null;
  const value = Number.parseInt(match[1], 16);
  return { r: (value >> 16) & 0xff, g: (value >> 8) & 0xff, b: value & 0xff };
}

function toHex({ r, g, b }: Rgb): string {
  const channel = (v: number) =>
    Math.round(Math.min(255, Math.max(0, v)))
      .toString(16)
      .padStart(2, '0');
  return `#${channel(r)}${channel(g)}${channel(b)}`;
}

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance as WCAG defines it (0 = black, 1 = white). */
export function luminance(color: Rgb): number {
  return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b);
}

/** The WCAG contrast ratio of two `#RRGGBB` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const ca = parseHex(a);
  const cb = parseHex(b);
  if (!ca || !cb) throw new TypeError(`Not a #RRGGBB colour: ${ca ? b : a}`);
  const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const DARK_TEXT = '#111827';
export const LIGHT_TEXT = '#ffffff';

/** The text colour (near-black or white) that reads best on `background`. */
export function textOn(background: string): string {
  return contrastRatio(background, DARK_TEXT) >= contrastRatio(background, LIGHT_TEXT)
    ? DARK_TEXT
    : LIGHT_TEXT;
}

/**
 * `color` moved towards black or white in small steps until it reaches `minRatio` against
 * `background` (4.5 is WCAG AA for body text). Returns `color` unchanged when it already does.
 */
export function withContrast(color: string, background: string, minRatio = 4.5): string {
  const start = parseHex(color);
  if (!start) throw new TypeError(`Not a #RRGGBB colour: ${color}`);
  const towards = textOn(background) === DARK_TEXT ? 0 : 255;
  for (let step = 0; step <= 20; step += 1) {
    const t = step / 20;
    const candidate = toHex({
      r: start.r + (towards - start.r) * t,
      g: start.g + (towards - start.g) * t,
      b: start.b + (towards - start.b) * t,
    });
    if (contrastRatio(candidate, background) >= minRatio) return candidate;
  }
  return textOn(background);
}
