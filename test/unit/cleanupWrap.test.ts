import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { evidencePieces, type EvidencePiece } from '../../src/features/cleanup/core/wrap';

const joined = (pieces: EvidencePiece[]) => pieces.map((p) => (p === 'break' ? '' : 'whole' in p ? p.whole : p.text)).join('');
/** The text between the break opportunities the pieces add (spaces aside). */
const segments = (pieces: EvidencePiece[]) =>
  joined(pieces.map((p) => (p === 'break' ? { text: '|' } : p)))
    .split(/[|\s]+/)
    .filter(Boolean);

describe('clean-up report: where Evidence may wrap', () => {
  it('breaks a kernel release only after a dot, dash or underscore before a letter', () => {
    const text = 'Last check-in 2026-11-02, 35 days ago (cloudlinux-release-7.9 (3.10.0-962.3.2.lve1.5.85.el7.x86_64))';
    const pieces = evidencePieces(text);
    assert.equal(joined(pieces), text);
    assert.deepEqual(segments(pieces).slice(-6), ['(cloudlinux-', 'release-7.9', '(3.10.0-962.3.2.', 'lve1.5.85.', 'el7.', 'x86_64))']);
  });

  it('keeps a date, an IPv4 and an IPv6 address whole', () => {
    for (const text of [
      '46.218.248.237 also holds KernelCare server kNrBsCUNOs0wIZ12 (46.218.248.237) on key N33o…t2YV, last check-in 2026-12-06',
      'also holds server NLzoQTSdCxEnfTVR (2a01:4f8:9f0a:53e::eb44), last check-in 2026-12-06: paid twice',
    ]) {
      const pieces = evidencePieces(text);
      assert.equal(joined(pieces), text);
      assert.ok(!pieces.includes('break'), JSON.stringify(pieces));
      assert.deepEqual(
        pieces.filter((p) => p !== 'break' && 'whole' in p),
        [{ whole: '2026-12-06' }],
      );
    }
  });

  it('gives back the text it was given, whatever it is', () => {
    fc.assert(fc.property(fc.string({ maxLength: 120 }), (text) => joined(evidencePieces(text)) === text));
  });
});
