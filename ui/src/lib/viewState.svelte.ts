// What the state of every view that reads its own data has: the project it follows, the first
// reading (its failure shown in place of the view, with Try again) and the readings after a
// change (a failure goes to the banner).

import { untrack } from "svelte";

import * as api from "./api";
import { app } from "./app.svelte";
import { sentence } from "./format";

export abstract class ViewState {
  /** Why the view's data could not be read. */
  loadError = $state<string | null>(null);

  #project: string | null = null;

  /** Starts afresh when another project is open. */
  follow(path: string): void {
    if (this.#project === path) return;
    this.#project = path;
    this.reset();
  }

  /** Forgets what was read from the previous project. */
  protected abstract reset(): void;

  /** What is read once on a visit, before the data (a list of countries, a letter to edit). */
  protected async prepare(): Promise<void> {}

  /** Reads the view's data. */
  protected abstract read(): Promise<void>;

  async load(): Promise<void> {
    try {
      await this.prepare();
      await this.read();
      this.loadError = null;
    } catch (raw) {
      this.loadError = sentence(api.toApiError(raw).message);
    }
  }

  /** Reads the data again after a change. */
  async refresh(): Promise<void> {
    try {
      await this.read();
    } catch (raw) {
      app.showError(raw);
    }
  }
}

/**
 * In a view's script: reads the view's data on every visit, afresh when another project is open
 * (`path`), and again whenever what `also` reads changes or a deletion is undone.
 */
export function visit(state: ViewState, path: () => string, also: () => unknown = () => null): void {
  $effect(() => {
    const p = path();
    also();
    void app.revision;
    untrack(() => {
      state.follow(p);
      void state.load();
    });
  });
}
