// CSV formula injection (issue 11, finding 5): text that a spreadsheet would run as a formula is
// written with a guard apostrophe and read back without it. Expected values written by hand.
import { describe, expect, it } from 'vitest';
import { guardCsvText, unguardCsvText } from '../../shared/imports/csvText.js';

// [stored text, as written to the CSV]
const CASES: Array<[string, string]> = [
  ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ['=HYPERLINK("http://x","点我")', '\'=HYPERLINK("http://x","点我")'],
  ['+1', "'+1"],
  ['-2', "'-2"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['\tx', "'\tx"],
  ['\rx', "'\rx"],
  // An apostrophe of the text's own stays; before a formula character it gets one more, so it comes back.
  ["'abc", "'abc"],
  ["''abc", "''abc"],
  ["'=x", "''=x"],
  ["''-1", "'''-1"],
  // Not at the start: not a formula.
  ['滨江=补偿', '滨江=补偿'],
  ['JC-2026-001', 'JC-2026-001'],
  ['2024-03-05', '2024-03-05'],
  ['', ''],
  // NUL and ESC are dropped, even when that leaves a formula character in front.
  ['a\u0000b\u001bc', 'abc'],
  ['\u0000=1', "'=1"],
];

describe('CSV text guard', () => {
  it('writes formula-looking text with a leading apostrophe and drops NUL and ESC', () => {
    for (const [stored, written] of CASES) expect(guardCsvText(stored), JSON.stringify(stored)).toBe(written);
  });

  it('reading takes exactly the guard off: every written text comes back as stored (NUL/ESC aside)', () => {
    for (const [stored, written] of CASES) expect(unguardCsvText(written), JSON.stringify(written)).toBe(stored.replaceAll('\u0000', '').replaceAll('\u001b', ''));
  });

  it("an apostrophe a person typed in front of ordinary text is kept on reading", () => {
    expect(unguardCsvText("'abc")).toBe("'abc");
    expect(unguardCsvText("'")).toBe("'");
    expect(unguardCsvText("'=1")).toBe('=1');
    expect(unguardCsvText("''=1")).toBe("'=1");
  });
});
