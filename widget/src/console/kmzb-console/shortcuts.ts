/**
 * The console's keyboard shortcuts: single keys, as mail and issue trackers have them, so a
 * shift's common moves need no mouse. They never fire while typing in a field, with Ctrl, Alt or
 * Meta held (the browser's and screen readers' own keys), or while a dialog is open.
 */
export const SHORTCUTS = [
  { key: '?', action: 'help' },
  { key: 'j', action: 'next' },
  { key: 'k', action: 'previous' },
  { key: 's', action: 'status' },
  { key: 'x', action: 'select' },
  { key: 'q', action: 'queue' },
] as const;
export type ShortcutAction = (typeof SHORTCUTS)[number]['action'];

/** A screen that acts on shortcuts: true when it did something with this one. */
export interface ShortcutScreen {
  shortcut(action: ShortcutAction): boolean;
}

export function hasShortcuts(element: unknown): element is ShortcutScreen {
  return typeof (element as Partial<ShortcutScreen> | null)?.shortcut === 'function';
}

/** The action of a key press, or undefined when the key is not a shortcut here and now. */
export function shortcutOf(event: KeyboardEvent): ShortcutAction | undefined {
  if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return undefined;
  for (const node of event.composedPath()) {
    if (!(node instanceof HTMLElement)) continue;
    if (node.isContentEditable || node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement) {
      // A checkbox is not typed into: x and j/k still work from a row's checkbox.
      if (!(node instanceof HTMLInputElement && node.type === 'checkbox')) return undefined;
    }
    if (node instanceof HTMLDialogElement && node.open) return undefined;
  }
  return SHORTCUTS.find((s) => s.key === event.key)?.action;
}
