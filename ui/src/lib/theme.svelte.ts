// The colour theme: the system's (light or dark as the desktop prefers) unless the user chose one
// (View › Theme, or the switch in the sidebar). The page's colours follow `data-theme` on <html>
// (app.css); the choice is kept by the backend, which also gives it to the window and the menu.

import * as api from "./api";
import { app } from "./app.svelte";
import type { ThemeChoice } from "./bindings/ThemeChoice";

export const THEME_CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: "system", label: "Follow the system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

const DARK_QUERY = "(prefers-color-scheme: dark)";

class Theme {
  choice = $state<ThemeChoice>("system");
  systemDark = $state(false);
  /** The colours shown: the choice, or the system's for "system". */
  readonly shown = $derived<"light" | "dark">(
    this.choice === "system" ? (this.systemDark ? "dark" : "light") : this.choice,
  );

  #query: MediaQueryList | null = null;

  /** Starts from the choice kept by the backend and follows the system's changes. */
  init(choice: ThemeChoice): void {
    if (!this.#query && typeof window.matchMedia === "function") {
      this.#query = window.matchMedia(DARK_QUERY);
      this.#query.addEventListener("change", (event) => {
        this.systemDark = event.matches;
        this.#apply();
      });
    }
    this.systemDark = this.#query?.matches ?? false;
    this.choice = choice;
    this.#apply();
  }

  /** Switches the colours at once, then keeps the choice (the window and the menu follow). */
  async choose(choice: ThemeChoice): Promise<void> {
    this.choice = choice;
    this.#apply();
    try {
      await api.setTheme(choice);
    } catch (raw) {
      app.showError(raw);
    }
    // The window's own theme may change what the system query answers.
    this.systemDark = this.#query?.matches ?? this.systemDark;
    this.#apply();
  }

  #apply(): void {
    const root = document.documentElement;
    root.dataset.theme = this.shown;
    root.dataset.themeChoice = this.choice;
  }
}

export const theme = new Theme();
