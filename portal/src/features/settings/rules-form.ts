/** The review-rules editor's conversions: phrase lists typed one per line, confidence in percent. */

/** One entry per non-empty line, trimmed, each kept once (the API compares case-insensitively). */
export function linesToList(text: string): string[] {
  const seen = new Set<string>();
  const list: string[] = [];
  for (const line of text.split('\n')) {
    const entry = line.trim();
    if (entry && !seen.has(entry.toLowerCase())) {
      seen.add(entry.toLowerCase());
      list.push(entry);
    }
  }
  return list;
}

export function listToLines(list: readonly string[]): string {
  return list.join('\n');
}

/** A percentage as typed ("70") as the API's 0..1 confidence, or null when it is not 0–100. */
export function percentToConfidence(typed: string): number | null {
  const text = typed.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const percent = Number(text);
  if (percent > 100) return null;
  return Math.round(percent * 100) / 10_000;
}

export function confidenceToPercent(confidence: number): string {
  return String(Math.round(confidence * 10_000) / 100);
}
