// Edit in place and confirm before deleting, for the rows of a table (team, workstreams,
// milestones): which row is open, its draft, the save, and where the keyboard focus goes as a
// row turns into an editor or a confirm bar and back.

import { tick } from "svelte";

import { app } from "./app.svelte";
import { sentence } from "./format";

/** A row's id, or "new" for the editor row that adds one. */
export type RowKey = number | "new";

/** What a form opened in place of a table row is given: the row, and the table's column count. */
export type FormRowProps = { key: RowKey; colspan: number };

export type RowEditorOptions<D, K extends RowKey> = {
  /** The attribute that carries a row's id in the table, e.g. "data-member-id". */
  rowAttr: string;
  /** What is wrong with a draft (shown or flagged by the editor), or null when it can be saved. */
  check: (draft: D) => string | null;
  /** Stores a draft: adds a row for "new", else changes the row. */
  write: (key: K, draft: D) => Promise<unknown>;
  /** Deletes a row. */
  remove: (id: number) => Promise<unknown>;
  /** Scroll the editor row into view when it opens (editors that open at the foot of the table). */
  scrollToEditor?: boolean;
  /** Put the focus back in the editor when a draft is refused. */
  refocusRefused?: boolean;
  /** Show the backend's refusal beside the editor (`error`) instead of in the banner. */
  inlineRefusals?: boolean;
  /** Where the focus goes when the last row is deleted, for a table without an add button. */
  focusWhenEmpty?: () => void;
};

/**
 * The state of a table whose rows edit in place. The table renders the row `editing` as an
 * editor bound to `draft`, the row `confirming` as a confirm bar, binds `body` to its tbody
 * (or to the list whose items stand for rows) and `addButton` to its add button (if it has one).
 * Focus moves rely on the row markup: `.editing` for the editor, `.edit-btn` and `.icon-btn.danger` in a row (RowActions),
 * `.confirm-bar .btn.ghost` for the cancel button of the confirm bar (ConfirmRow).
 * While a row is open (`busy`), the other rows' buttons are disabled (RowActions).
 */
export class RowEditor<D, K extends RowKey = RowKey> {
  /** The row being edited ("new" for the row being added), or null. */
  editing = $state<K | null>(null);
  /** The row whose deletion waits for a confirmation, or null. */
  confirming = $state<number | null>(null);
  /** The fields of the row being edited. */
  draft: D;
  saving = $state(false);
  /** Why the last save was refused, until the editor opens or closes again or the next save. */
  error = $state<string | null>(null);
  body = $state<HTMLElement | null>(null);
  addButton = $state<HTMLButtonElement | null>(null);

  readonly #options: RowEditorOptions<D, K>;

  constructor(draft: D, options: RowEditorOptions<D, K>) {
    this.draft = $state(draft);
    this.#options = options;
  }

  /**
   * Whether a row is open in its editor or its confirm bar: the other rows' edit and delete
   * buttons wait until it is saved, cancelled or deleted.
   */
  get busy(): boolean {
    return this.editing !== null || this.confirming !== null;
  }

  /** Why the other rows' buttons are disabled, for their tooltip (null when they are not). */
  get busyReason(): string | null {
    if (this.confirming !== null) return "A row is being deleted: confirm or cancel that first";
    if (this.editing !== null) return "A row is being edited: save or cancel it first";
    return null;
  }

  /** A control in the row with this id. */
  #inRow(key: RowKey | string, selector: string): HTMLElement | null {
    return this.body?.querySelector<HTMLElement>(`[${this.#options.rowAttr}="${key}"] ${selector}`) ?? null;
  }

  /** Opens the editor on a row (or the new row) with this draft. */
  edit(key: K, draft: D): void {
    this.confirming = null;
    this.error = null;
    this.editing = key;
    this.draft = draft;
    void this.#focusEditor();
  }

  async #focusEditor(): Promise<void> {
    await tick();
    const first = this.body?.querySelector<HTMLElement>(".editing input") ?? this.body?.querySelector<HTMLElement>(".editing select, .editing textarea");
    first?.focus();
    if (this.#options.scrollToEditor) {
      this.body?.querySelector(".editing")?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  /** Closes the editor; the focus goes back to the button that opened it. */
  cancel = async (): Promise<void> => {
    const was = this.editing;
    this.editing = null;
    this.error = null;
    await tick();
    if (was === "new") this.addButton?.focus();
    else if (was !== null) this.#inRow(was, ".edit-btn")?.focus();
  };

  /** Saves the draft and closes the editor; a refused draft or a failed save keeps it open. */
  save = async (): Promise<void> => {
    if (this.saving || this.editing === null) return;
    this.error = this.#options.check(this.draft);
    if (this.error !== null) {
      if (this.#options.refocusRefused) await this.#focusEditor();
      return;
    }
    const key = this.editing;
    const draft = this.draft;
    this.saving = true;
    const inline = this.#options.inlineRefusals === true;
    const result = await app.mutate(() => this.#options.write(key, draft), inline);
    this.saving = false;
    if (result.ok) await this.cancel();
    else if (inline) this.error = sentence(result.error.message);
  };

  /** Turns a row into its confirm bar, with the focus on "Cancel". */
  askDelete = async (id: number): Promise<void> => {
    this.confirming = id;
    await tick();
    this.body?.querySelector<HTMLElement>(".confirm-bar .btn.ghost")?.focus();
  };

  /** Turns the confirm bar back into its row, with the focus on the row's delete button. */
  cancelDelete = async (): Promise<void> => {
    const was = this.confirming;
    this.confirming = null;
    await tick();
    if (was !== null) this.#inRow(was, ".icon-btn.danger")?.focus();
  };

  /** The id of the row after this one in the table, or of the one before it if it is the last. */
  #neighbour(id: number): string | null {
    const attr = this.#options.rowAttr;
    const rows = this.body ? [...this.body.querySelectorAll<HTMLElement>(`tr[${attr}]`)] : [];
    const keys = rows.map((r) => r.getAttribute(attr)).filter((k): k is string => k !== null && k !== "new");
    const at = keys.indexOf(String(id));
    if (at < 0) return null;
    return keys[at + 1] ?? keys[at - 1] ?? null;
  }

  /**
   * Deletes the row; the focus goes to the next row's first button (the previous row's if it was
   * the last), else to the add button, or where the table says when it has none.
   */
  remove = async (id: number): Promise<void> => {
    const neighbour = this.#neighbour(id);
    const result = await app.mutate(() => this.#options.remove(id));
    if (result.ok) {
      this.confirming = null;
      await tick();
      const next = neighbour === null ? null : this.#inRow(neighbour, ".edit-btn");
      if (next) next.focus();
      else if (this.addButton) this.addButton.focus();
      else this.#options.focusWhenEmpty?.();
    }
  };
}
