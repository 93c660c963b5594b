// The native menu bar's items, as the page carries them out (the backend sends each item's id as
// a `menu` event; Quit and About stay in the backend), the files a second start of the app hands
// over, Ctrl+Z outside a text field, and the dialogs the menu opens (keyboard shortcuts, backups).

import * as api from "./api";
import { app, type View } from "./app.svelte";
import type { ReportFormat } from "./bindings/ReportFormat";
import type { ThemeChoice } from "./bindings/ThemeChoice";
import { report } from "./report.svelte";
import { scorecard } from "./scorecard.svelte";
import { theme } from "./theme.svelte";
import { undo } from "./undo.svelte";

/** The views of View › Home … Scorecard (Ctrl+1 … Ctrl+6). */
const GO: readonly View[] = ["overview", "workplan", "meetings", "people", "report", "scorecard"];

export type Shortcut = { keys: string[]; what: string };

/** What the Keyboard shortcuts dialog lists, by menu. */
export const SHORTCUTS: { group: string; items: Shortcut[] }[] = [
  {
    group: "File",
    items: [
      { keys: ["Ctrl", "N"], what: "New BPF…" },
      { keys: ["Ctrl", "O"], what: "Open a project file…" },
      { keys: ["Ctrl", "Shift", "S"], what: "Save a copy…" },
      { keys: ["Ctrl", "E"], what: "Export the work plan as a calendar (.ics)…" },
      { keys: ["Ctrl", "P"], what: "Export the report as PDF…" },
      { keys: ["Ctrl", "W"], what: "Close the project" },
      { keys: ["Ctrl", "Q"], what: "Quit BPF Desk" },
    ],
  },
  {
    group: "Edit",
    items: [
      { keys: ["Ctrl", "Alt", "Z"], what: "Undo the last deletion (a milestone, a meeting or a person)" },
      { keys: ["Ctrl", "Z"], what: "The same, when the focus is not in a text field" },
    ],
  },
  {
    group: "View",
    items: [
      { keys: ["Ctrl", "1"], what: "Home" },
      { keys: ["Ctrl", "2"], what: "Work plan" },
      { keys: ["Ctrl", "3"], what: "Meetings" },
      { keys: ["Ctrl", "4"], what: "People" },
      { keys: ["Ctrl", "5"], what: "Report" },
      { keys: ["Ctrl", "6"], what: "Scorecard" },
    ],
  },
  {
    group: "Everywhere",
    items: [
      { keys: ["F10"], what: "Open the menu bar" },
      { keys: ["Tab"], what: "Next control (Shift+Tab: the one before)" },
      { keys: ["Enter"], what: "Save a row being edited" },
      { keys: ["Escape"], what: "Cancel an edit, close a dialog" },
      { keys: ["F1"], what: "This list" },
    ],
  },
];

/** Whether typing keys there edits text (Ctrl+Z is then the field's own undo). */
function editsText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"].includes(target.type);
}

class DeskMenu {
  shortcutsOpen = $state(false);
  backupsOpen = $state(false);
  /** Set by File › New with a project open: the start screen opens its New BPF form. */
  wantsNewForm = $state(false);

  /** Listens to the menu, the backend's hand-overs and the keyboard; the returned function stops. */
  async connect(): Promise<() => void> {
    const stops = await Promise.all([
      api.onMenu((id) => void this.run(id)),
      api.onProjectOpened((info) => {
        app.dismissError();
        void app.reopened(info, "overview").catch((raw) => app.showError(raw));
      }),
      api.onOpenFailed((message) => app.showError({ code: null, message })),
    ]);
    const onKeydown = (event: KeyboardEvent) => this.#onKeydown(event);
    window.addEventListener("keydown", onKeydown);
    return () => {
      for (const stop of stops) stop();
      window.removeEventListener("keydown", onKeydown);
    };
  }

  #onKeydown(event: KeyboardEvent): void {
    const z = event.key === "z" || event.key === "Z";
    if (!z || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.defaultPrevented) return;
    if (editsText(event.target) || document.querySelector("dialog[open]")) return;
    event.preventDefault();
    void undo.undoLast();
  }

  /** Carries out the menu item `id`. */
  async run(id: string): Promise<void> {
    if (id.startsWith("recent:")) {
      const path = id.slice("recent:".length);
      app.leave(() => void app.openWith("recent", () => api.openRecent(path)));
      return;
    }
    if (id.startsWith("theme:")) {
      await theme.choose(id.slice("theme:".length) as ThemeChoice);
      return;
    }
    if (id.startsWith("go:")) {
      const view = id.slice("go:".length) as View;
      if (this.#needsProject("see this view") && GO.includes(view)) app.navigate(view);
      return;
    }
    switch (id) {
      case "new":
        app.leave(() => void this.#newBpf());
        return;
      case "open":
        app.leave(() => void app.openWith("open", api.openProjectDialog));
        return;
      case "shortcuts":
        this.shortcutsOpen = true;
        return;
      case "save-copy":
        if (this.#needsProject("save a copy of it")) await this.saveCopy();
        return;
      case "export:ics":
        if (this.#needsProject("export its calendar")) await this.exportCalendar();
        return;
      case "export:report-pdf":
      case "export:report-docx":
        if (this.#needsProject("export its report")) this.#exportReport(id === "export:report-pdf" ? "pdf" : "docx");
        return;
      case "export:scorecard-pdf":
        if (this.#needsProject("export its scorecard")) await scorecard.export("pdf");
        return;
      case "backups":
        if (this.#needsProject("restore one of its backups")) app.leave(() => (this.backupsOpen = true));
        return;
      case "close":
        if (this.#needsProject("close it")) await app.close();
        return;
      case "undo":
        await undo.undoLast();
        return;
      default:
        console.warn(`BPF Desk: the menu item ${id} does nothing here`);
    }
  }

  /** True when a project is open; otherwise a notice says what to do first. */
  #needsProject(to: string): boolean {
    if (app.project) return true;
    app.showNotice(`Open or create a project first to ${to}.`);
    return false;
  }

  async #newBpf(): Promise<void> {
    if (app.project) await app.close();
    if (!app.project) this.wantsNewForm = true;
  }

  /** The report view shows how its export went: the export runs there. */
  #exportReport(format: ReportFormat): void {
    app.navigate("report");
    if (app.view === "report") void report.export(format);
  }

  async exportCalendar(): Promise<void> {
    app.dismissError();
    try {
      const path = await api.exportIcs();
      if (path) app.showNotice(`Calendar exported to ${path}`);
    } catch (raw) {
      app.showError(raw);
    }
  }

  async saveCopy(): Promise<void> {
    app.dismissError();
    try {
      const path = await api.saveCopy();
      if (path) app.showNotice(`A copy was saved to ${path}`);
    } catch (raw) {
      app.showError(raw);
    }
  }
}

export const menu = new DeskMenu();
