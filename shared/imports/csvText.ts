// Text cells of a CSV, guarded against spreadsheet formula injection. Excel and WPS open a CSV cell
// that starts with = + - or @ (and, in some versions, after a tab or carriage return) as a formula,
// so a risk titled `=cmd|' /C calc'!A0` would run a program on the reader's PC. The export writes
// such a cell with a leading apostrophe (shown as text, run as nothing); the import takes it off
// again, so export → import gives back exactly what was exported.

/** The first characters a spreadsheet reads as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A guard apostrophe: one apostrophe, then more apostrophes or not, then a formula start. */
const GUARDED = /^'+[=+\-@\t\r]/;
// NUL ends a string in some readers; ESC starts terminal control sequences when a CSV is printed.
// eslint-disable-next-line no-control-regex -- exactly these two control characters are dropped
const DROPPED = /[\u0000\u001b]/g;

/**
 * A text cell as written to CSV: NUL and ESC dropped; an apostrophe in front when the text starts
 * with a formula character, or with apostrophes and then one (so `'=x` comes back as `'=x`, not `=x`).
 */
export function guardCsvText(s: string): string {
  const clean = s.replace(DROPPED, '');
  return FORMULA_START.test(clean) || GUARDED.test(clean) ? `'${clean}` : clean;
}

/** A CSV cell as read: one leading apostrophe taken off only when what follows is guarded text; `'abc` stays `'abc`. */
export function unguardCsvText(s: string): string {
  return s.charCodeAt(0) === 39 && GUARDED.test(s) ? s.slice(1) : s;
}
