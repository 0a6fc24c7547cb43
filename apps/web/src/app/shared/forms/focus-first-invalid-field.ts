/** Moves keyboard focus to the first field that needs fixing, so keyboard and screen-reader users land on it. */
export function focusFirstInvalidField(container: HTMLElement): void {
  container.querySelector<HTMLElement>('input.ng-invalid, textarea.ng-invalid, select.ng-invalid')?.focus();
}
