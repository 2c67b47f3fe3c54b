// A Svelte action for modal dialogs (WAI-ARIA dialog pattern): the focus
// moves into the dialog when it opens, Tab and Shift+Tab cycle inside it,
// Escape calls `close`, and when the dialog goes the focus returns to where
// it was before (usually the button that opened it).
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function trapFocus(node: HTMLElement, close?: () => void) {
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  let onClose = close;
  // `:disabled` also catches controls inside a disabled fieldset (a built-in
  // style's read-only fields), which the selector's [disabled] cannot see
  // and which refuse the focus.
  const focusable = () =>
    Array.from(node.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
      (e) => !e.matches(':disabled') && (e.offsetParent !== null || e === document.activeElement),
    );

  // The content may still be loading: focus the first control once there
  // is one, or the dialog itself meanwhile.
  if (!node.hasAttribute('tabindex')) node.setAttribute('tabindex', '-1');
  queueMicrotask(() => (focusable()[0] ?? node).focus());
  const arrived = new MutationObserver(() => {
    const first = focusable()[0];
    if (!first) return;
    if (document.activeElement === node) first.focus();
    arrived.disconnect();
  });
  arrived.observe(node, { childList: true, subtree: true });

  function keydown(e: KeyboardEvent) {
    if (e.key === 'Escape' && onClose) {
      e.preventDefault();
      onClose();
      return;
    }
    // GTK sends Shift+Tab as ISO_Left_Tab, which WebKitGTK may not name
    // "Tab": the key code says it either way.
    if (e.key !== 'Tab' && e.keyCode !== 9) return;
    const items = focusable();
    if (items.length === 0) {
      e.preventDefault();
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    const active = document.activeElement;
    if (e.shiftKey && (active === first || !node.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !node.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  }
  node.addEventListener('keydown', keydown);
  return {
    update(next?: () => void) {
      onClose = next;
    },
    destroy() {
      arrived.disconnect();
      node.removeEventListener('keydown', keydown);
      if (before?.isConnected) before.focus();
    },
  };
}
