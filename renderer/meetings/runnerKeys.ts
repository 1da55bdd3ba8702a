// Which keys the runner may act on. Navigation keys never act while focus is in a field (a number
// field's → moves its caret, a unit picker's ← edits its text) or while a dialog is open (its own
// Ctrl+Enter and Esc belong to it).
export function inField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable) return true;
  return !!el.closest?.('.ant-select, .ant-picker, .ant-input-number, [role="combobox"], [role="spinbutton"]');
}

export function dialogOpen(): boolean {
  return [...document.querySelectorAll<HTMLElement>('.ant-modal-wrap')].some((w) => w.style.display !== 'none' && w.offsetParent !== null);
}

export type RunnerKey = 'next' | 'prev' | 'record' | 'recordNext' | 'assign' | null;

/** What a key press means to the runner, given where focus is. */
export function runnerKey(e: KeyboardEvent): RunnerKey {
  if (dialogOpen()) return null;
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl && e.key === 'Enter') return e.shiftKey ? 'recordNext' : 'record';
  if (e.altKey && (e.key === 'j' || e.key === 'J')) return 'assign';
  if (inField(e.target)) return null;
  if (e.key === 'PageDown' || e.key === 'ArrowRight') return 'next';
  if (e.key === 'PageUp' || e.key === 'ArrowLeft') return 'prev';
  return null;
}
