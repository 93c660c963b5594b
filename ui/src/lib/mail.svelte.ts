// The mailing-list view's state: the period asked for, the overview of the open project, and the
// archive import (its progress survives a visit to another screen while it runs).

import * as api from "./api";
import { app } from "./app.svelte";
import type { ArchivePick } from "./bindings/ArchivePick";
import type { Granularity } from "./bindings/Granularity";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { MailImportReport } from "./bindings/MailImportReport";
import type { MailOverview } from "./bindings/MailOverview";
import type { StatsQuery } from "./bindings/StatsQuery";
import { isIsoDate } from "./format";

/** Which period the figures are for: the BPF's active period, the whole archive, a year, or dates. */
export type Preset = { kind: "active" } | { kind: "all" } | { kind: "year"; year: number } | { kind: "custom" };

export function presetKey(p: Preset): string {
  return p.kind === "year" ? `year:${p.year}` : p.kind;
}

export function presetFromKey(key: string): Preset {
  if (key.startsWith("year:")) return { kind: "year", year: Number(key.slice(5)) };
  if (key === "all" || key === "custom") return { kind: key };
  return { kind: "active" };
}

/** How the last import ended, for the report panel. */
export type ImportOutcome =
  | { kind: "done"; report: MailImportReport }
  | { kind: "cancelled" }
  | { kind: "failed"; message: string };

class MailState {
  preset = $state<Preset>({ kind: "active" });
  /** The dates of a custom period (`YYYY-MM-DD`), also shown for the presets. */
  from = $state("");
  to = $state("");
  by = $state<Granularity>("month");

  overview = $state<MailOverview | null>(null);
  loading = $state(false);
  /** Why the figures of the period asked for cannot be given (bad dates). */
  problem = $state<string | null>(null);

  /** The kind of import asked for, from the click until it ends (the dialog included). */
  importing = $state<ArchivePick | null>(null);
  progress = $state<ImportProgress | null>(null);
  cancelling = $state(false);
  outcome = $state<ImportOutcome | null>(null);

  /** The project the state belongs to; another project starts afresh. */
  #project: string | null = null;
  #seq = 0;

  /** The query of the period chosen; `null` while custom dates are incomplete or wrong. */
  query(): StatsQuery | null {
    const p = this.preset;
    const by = this.by;
    if (p.kind === "active") return { from: null, to: null, by };
    if (p.kind === "year") return { from: `${p.year}-01-01`, to: `${p.year}-12-31`, by };
    if (p.kind === "all") {
      const s = this.overview?.stats;
      const first = s?.first_message?.slice(0, 10);
      const last = s?.last_message?.slice(0, 10);
      return first && last ? { from: first, to: last, by } : { from: null, to: null, by };
    }
    if (!isIsoDate(this.from) || !isIsoDate(this.to)) return null;
    return { from: this.from, to: this.to, by };
  }

  /** Starts afresh when another project is open. */
  follow(path: string): void {
    if (this.#project === path) return;
    this.#project = path;
    this.preset = { kind: "active" };
    this.by = "month";
    this.from = "";
    this.to = "";
    this.overview = null;
    this.problem = null;
    if (!this.importing) this.outcome = null;
  }

  /** Reads the overview of the period chosen (the last request wins). */
  async load(): Promise<void> {
    const q = this.query();
    if (!q) {
      this.problem = "Give both dates of the period (YYYY-MM-DD).";
      return;
    }
    const seq = ++this.#seq;
    this.loading = true;
    try {
      const o = await api.mailOverview(q);
      if (seq !== this.#seq) return;
      this.overview = o;
      this.problem = null;
      // The dates fields show the period the figures are for.
      this.from = o.stats.from;
      this.to = o.stats.to;
    } catch (raw) {
      if (seq !== this.#seq) return;
      const e = api.toApiError(raw);
      if (e.code === "INVALID_INPUT") this.problem = e.message;
      // The project was closed meanwhile (an import that ended after it): nothing to show.
      else if (e.code !== "NO_PROJECT") app.showError(raw);
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  choose(preset: Preset): void {
    this.preset = preset;
    void this.load();
  }

  setBy(by: Granularity): void {
    if (by === this.by) return;
    this.by = by;
    void this.load();
  }

  /** Custom dates typed in: the period becomes custom. */
  setDates(from: string, to: string): void {
    this.from = from;
    this.to = to;
    this.preset = { kind: "custom" };
    void this.load();
  }

  async importArchives(kind: ArchivePick): Promise<void> {
    if (this.importing) return;
    app.dismissError();
    // The import goes on if another project is opened meanwhile; its end is then told apart.
    const into = this.#project;
    this.importing = kind;
    this.progress = null;
    this.cancelling = false;
    let unlisten: (() => void) | null = null;
    try {
      unlisten = await api.onMailImportProgress((p) => {
        if (this.importing) this.progress = p;
      });
      const report = await api.importMail(kind);
      if (report && this.#project !== into) {
        app.showNotice(`The archives were imported into ${into}: ${report.added} messages added.`);
      } else if (report) {
        this.outcome = { kind: "done", report };
        await this.load();
      }
    } catch (raw) {
      const e = api.toApiError(raw);
      if (this.#project !== into) {
        if (e.code !== "CANCELLED") app.showError({ code: e.code, message: `The import into ${into} failed: ${e.message}` });
      } else if (e.code === "CANCELLED") this.outcome = { kind: "cancelled" };
      else this.outcome = { kind: "failed", message: e.message };
    } finally {
      unlisten?.();
      this.importing = null;
      this.progress = null;
      this.cancelling = false;
    }
  }

  async cancelImport(): Promise<void> {
    if (!this.importing || this.cancelling) return;
    this.cancelling = true;
    try {
      await api.cancelMailImport();
    } catch (raw) {
      this.cancelling = false;
      app.showError(raw);
    }
  }

  dismissOutcome(): void {
    this.outcome = null;
  }
}

export const mail = new MailState();
