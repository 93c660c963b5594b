// Undo of deletions (a milestone, a meeting, a person): after each, a toast offers to put it back
// for a few seconds; Edit › Undo Last Deletion (Ctrl+Alt+Z) and Ctrl+Z outside a text field put
// back the newest one the project still holds. What was put back is said in a notice.

import * as api from "./api";
import { app } from "./app.svelte";
import type { Removed } from "./bindings/Removed";

/** How long the toast offers the undo. */
export const UNDO_TOAST_MS = 10_000;

class Undo {
  /** The deletion the toast offers to undo. */
  offered = $state<Removed | null>(null);
  running = $state(false);

  #timer: ReturnType<typeof setTimeout> | null = null;

  /** Offers to undo a deletion that just happened; gives `removed` back (for a `.then`). */
  offer = (removed: Removed): Removed => {
    this.offered = removed;
    this.#clearTimer();
    this.#timer = setTimeout(() => this.dismiss(), UNDO_TOAST_MS);
    return removed;
  };

  dismiss(): void {
    this.#clearTimer();
    this.offered = null;
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Puts back the deletion the toast offers. */
  async undoOffered(): Promise<void> {
    const offered = this.offered;
    if (offered) await this.#undo(offered.undo_id);
  }

  /** Puts back the newest deletion the project holds (Edit › Undo Last Deletion, Ctrl+Z). */
  async undoLast(): Promise<void> {
    if (!app.project) {
      app.showNotice("Open a project first: there is nothing to undo.");
      return;
    }
    if (this.running) return;
    let items;
    try {
      items = await api.undoList();
    } catch (raw) {
      app.showError(raw);
      return;
    }
    if (items.length === 0) {
      app.showNotice("There is no deletion to undo.");
      return;
    }
    await this.#undo(items[0].id);
  }

  async #undo(id: number): Promise<void> {
    if (this.running) return;
    this.running = true;
    const result = await app.mutate(() => api.undo(id));
    this.running = false;
    if (!result.ok) return;
    if (this.offered?.undo_id === id) this.dismiss();
    app.changed();
    // Said in the notice, which screen readers hear (ErrorBanner's live region).
    app.showNotice(`Put back ${result.value}`);
  }
}

export const undo = new Undo();
