const TEXT_ENTRY_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'listbox', 'option', 'spinbutton', 'slider']);
const NON_TEXT_INPUT_TYPES = new Set([
  'button',
  'checkbox',
  'radio',
  'submit',
  'reset',
  'image',
  'file',
  'color',
  'range',
]);

/**
 * Whether a key pressed with focus on `target` belongs to that element (a text field, a select, an open menu or
 * dialog) rather than to the dial pad.
 */
export function isTextEntryTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
    return true;
  }
  if (target instanceof HTMLInputElement) {
    return !NON_TEXT_INPUT_TYPES.has(target.type);
  }
  const role = target.getAttribute('role');
  if (role && TEXT_ENTRY_ROLES.has(role)) {
    return true;
  }
  // Overlays (a select's options, a dialog, a menu) own their keys.
  return !!target.closest('.cdk-overlay-container');
}

/** Enter on a focused button or link activates that control; it must not also place a call. */
export function isActivatableTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('button, a[href], [role="button"], [role="link"]');
}

/** Whether the event happened in an overlay (a select's options, a dialog, a menu), which owns Escape. */
export function inOverlay(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('.cdk-overlay-container');
}
