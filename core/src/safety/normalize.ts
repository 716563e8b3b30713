// The form of a text the checks read, so a draft cannot slip past them with characters a reader
// never sees or sees as the plain ones: invisible code points (zero-width spaces and joiners, soft
// hyphens, word joiners, bidi marks) are removed, compatibility forms folded (NFKC: fullwidth
// letters and digits, ligatures), and decimal digits of every script read as ASCII digits. Only
// the checks see this form; the draft is sent as written.

const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
const DIGIT = /\p{Nd}/u;
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;

/** A decimal digit's value: digits come in runs of ten, 0 to 9, in code point order. */
function digitValue(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  let start = code;
  while (DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return String((code - start) % 10);
}

/** `text` as the safety checks read it (see above). */
export function normalizeForChecks(text: string): string {
  return text.replace(INVISIBLE, '').normalize('NFKC').replace(NON_ASCII_DIGIT, digitValue);
}
