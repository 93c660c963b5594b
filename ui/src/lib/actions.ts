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
