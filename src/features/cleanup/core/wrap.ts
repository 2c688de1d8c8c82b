/**
 * Where the report's Evidence may wrap (no DOM here): at spaces as any text, never inside a date
 * or an IP address, and inside a long name such as a kernel release
 * ("3.10.0-962.3.2.lve1.5.85.el7.x86_64") only after a dot, dash or underscore before a letter
 * ("lve1.5.85." | "el7." | "x86_64", never inside a version number) — without
 * those breaks one such name made the column, and the table, wider than a 1280 px window.
 */
export type EvidencePiece = { whole: string } | { text: string } | 'break';

const DATE = /(\d{4}-\d{2}-\d{2})/;
/** Longer than an IPv4 address in brackets: shorter words wrap only at spaces. */
const LONG = 20;
const ADDRESS = /^[([]?(?:\d{1,3}(?:\.\d{1,3}){3}|[\da-f]*:[\da-f:.]*)[)\],;:.]*$/i;

export function evidencePieces(text: string): EvidencePiece[] {
  const out: EvidencePiece[] = [];
  text.split(DATE).forEach((part, i) => {
    if (i % 2) {
      out.push({ whole: part });
      return;
    }
    for (const token of part.split(/(\s+)/)) {
      if (!token) continue;
      if (token.length <= LONG || ADDRESS.test(token)) {
        out.push({ text: token });
        continue;
      }
      token.split(/(?<=[._-])(?=[a-z])/i).forEach((piece, j) => {
        if (j) out.push('break');
        out.push({ text: piece });
      });
    }
  });
  return out;
}
