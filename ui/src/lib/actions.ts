// Small DOM actions shared by the editors.

export type EditKeys = {
  /** Enter in a field (not in a textarea or on a button). Omit to let a form submit natively. */
  onEnter?: () => void;
  /** Escape anywhere inside. */
  onEscape?: () => void;
};

/** Enter saves, Escape cancels: for rows that turn into inputs and for inline forms. */
export function editKeys(node: HTMLElement, initial: EditKeys) {
  let handlers = initial;

  function onKeydown(event: KeyboardEvent) {
    if (event.isComposing) return;
    if (event.key === "Escape" && handlers.onEscape) {
      event.preventDefault();
      event.stopPropagation();
      handlers.onEscape();
      return;
    }
    if (event.key === "Enter" && handlers.onEnter) {
      const target = event.target;
      if (
        target instanceof HTMLTextAreaElement ||
        target instanceof HTMLButtonElement ||
        target instanceof HTMLAnchorElement
      ) {
        return;
      }
      event.preventDefault();
      handlers.onEnter();
    }
  }

  node.addEventListener("keydown", onKeydown);
  return {
    update(next: EditKeys) {
      handlers = next;
    },
    destroy() {
      node.removeEventListener("keydown", onKeydown);
    },
  };
}

/** Scrolls an element into the middle of its scroller and flashes it. */
export function reveal(element: Element | null | undefined): void {
  if (!element) return;
  element.scrollIntoView({ block: "center", behavior: "smooth" });
}

/**
 * Shows a <dialog> as modal when it mounts (the rest of the page is inert, Escape closes it) and,
 * when it closes, gives the focus back to where it was before it opened.
 */
export function modal(node: HTMLDialogElement) {
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const giveBack = () => {
    if (before?.isConnected) before.focus();
  };
  node.addEventListener("close", giveBack);
  if (!node.open) node.showModal();
  return {
    destroy() {
      node.removeEventListener("close", giveBack);
    },
  };
}

/**
 * A box that scrolls on its own (a wide table, a long list) takes the keyboard focus while its
 * content overflows it, so that the arrow keys can scroll it too.
 */
export function scrollable(node: HTMLElement) {
  const update = () => {
    const overflows = node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;
    if (overflows) node.tabIndex = 0;
    else node.removeAttribute("tabindex");
  };
  const resized = new ResizeObserver(update);
  resized.observe(node);
  const changed = new MutationObserver(update);
  changed.observe(node, { childList: true, subtree: true, characterData: true });
  update();
  return {
    destroy() {
      resized.disconnect();
      changed.disconnect();
    },
  };
}
