// The report view's state: the outline, the section open in the editor with its unsaved draft and
// live preview, the question asked before unsaved changes are left, and the exports.

import * as api from "./api";
import { app } from "./app.svelte";
import type { ExportedReport } from "./bindings/ExportedReport";
import type { Publication } from "./bindings/Publication";
import type { ReportFormat } from "./bindings/ReportFormat";
import type { ReportOutline } from "./bindings/ReportOutline";
import type { ReportSection } from "./bindings/ReportSection";
import type { ReportVersion } from "./bindings/ReportVersion";
import type { SectionKind } from "./bindings/SectionKind";
import type { SectionPreview } from "./bindings/SectionPreview";
import type { SectionSummary } from "./bindings/SectionSummary";
import { longDate, sentence } from "./format";

/** How long typing must pause before the preview is laid out again. */
export const PREVIEW_DELAY_MS = 250;

/** What waits while the unsaved-changes question is open. */
export type Pending = { kind: "select"; id: number } | { kind: "leave"; proceed: () => void };

/** A mistake the preview reported, split into its parts when it names a section and line. */
export type PreviewMistake = { section: string | null; line: number | null; message: string };

/** `section “Case studies”, line 12: the image …` → its section, line and message. */
export function parseMistake(error: string): PreviewMistake {
  const m = /^section “(.+?)”, line (\d+): ([\s\S]*)$/.exec(error);
  if (!m) return { section: null, line: null, message: error };
  return { section: m[1], line: Number(m[2]) || null, message: m[3] };
}

export const VERSION_LABELS: Record<ReportVersion, string> = {
  draft: "Draft for public comment",
  final: "Final output",
};

export const FORMAT_LABELS: Record<ReportFormat, string> = { pdf: "PDF", docx: "DOCX" };

/** A line of news above the workspace: what was done, or why it was not. */
export type Notice = { kind: "done" | "failed"; text: string };

/** Whether a section is left out because it has no text yet (it is included but empty). */
export function noTextYet(s: SectionSummary): boolean {
  return s.included && s.words === 0 && !s.generated;
}

class ReportState {
  outline = $state<ReportOutline | null>(null);
  loading = $state(false);
  /** Why the outline could not be read. */
  loadError = $state<string | null>(null);

  /** The section open in the editor, as stored. */
  stored = $state<ReportSection | null>(null);
  /** The editor's draft of it. */
  title = $state("");
  included = $state(true);
  body = $state("");
  readonly dirty = $derived(
    this.stored !== null &&
      (this.title !== this.stored.title || this.included !== this.stored.included || this.body !== this.stored.body),
  );
  saving = $state(false);
  /** Why the last save was refused (shown beside the Save button). */
  saveError = $state<string | null>(null);

  preview = $state<SectionPreview | null>(null);
  /** The last preview that had no mistake: shown dimmed under a mistake. */
  lastGood = $state<string>("");
  previewing = $state(false);

  /** A refused move, rename, deletion or addition in the outline, with the use case's sentence,
   *  shown under the section it is about (`id`), or under the outline (`null`). */
  outlineMessage = $state<{ id: number | null; text: string } | null>(null);
  /** What waits for the unsaved-changes question. */
  pending = $state<Pending | null>(null);
  /** A section just added: its editor starts in the title field, to name it. */
  focusTitleFor = $state<number | null>(null);

  /** What an action outside the editor led to (an image added, a publication, a failure). */
  notice = $state<Notice | null>(null);

  exporting = $state<{ version: ReportVersion; format: ReportFormat } | null>(null);
  exported = $state<(ExportedReport & { savedFirst: string | null }) | null>(null);
  exportError = $state<string | null>(null);
  /** The version the export buttons make. */
  version = $state<ReportVersion>("draft");

  #project: string | null = null;
  #previewSeq = 0;
  #previewRunning = false;
  #previewQueued: { id: number; body: string } | null = null;

  /** Starts afresh when another project is open. */
  follow(path: string): void {
    if (this.#project === path) return;
    this.#project = path;
    this.outline = null;
    this.stored = null;
    this.title = "";
    this.included = true;
    this.body = "";
    this.preview = null;
    this.lastGood = "";
    this.saveError = null;
    this.outlineMessage = null;
    this.pending = null;
    this.exported = null;
    this.exportError = null;
    this.notice = null;
    this.version = "draft";
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.outline = await api.reportOutline();
      this.loadError = null;
      const sections = this.outline.sections;
      if (this.stored && !sections.some((s) => s.id === this.stored?.id)) this.close();
      if (!this.stored && sections.length > 0) await this.open(sections[0].id);
    } catch (raw) {
      this.loadError = api.toApiError(raw).message;
    } finally {
      this.loading = false;
    }
  }

  /** Re-reads the outline (numbers, word counts, images, publications) after a change. */
  async refresh(): Promise<void> {
    try {
      this.outline = await api.reportOutline();
    } catch (raw) {
      this.fail(raw);
    }
  }

  summary(id: number): SectionSummary | undefined {
    return this.outline?.sections.find((s) => s.id === id);
  }

  /** Opens a section, first asking what to do with unsaved changes. */
  select(id: number): void {
    if (this.stored?.id === id) return;
    if (this.dirty) {
      this.pending = { kind: "select", id };
      return;
    }
    void this.open(id);
  }

  /**
   * For the app's navigation: `true` when the report may be left now; otherwise the question
   * is asked and `proceed` runs once it is answered with Save or Discard.
   */
  mayLeave(proceed: () => void): boolean {
    if (!this.dirty) return true;
    this.pending = { kind: "leave", proceed };
    return false;
  }

  /** Answers the unsaved-changes question. */
  async answer(choice: "save" | "discard" | "cancel"): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    if (choice === "cancel") {
      this.pending = null;
      return;
    }
    if (choice === "save" && !(await this.save())) {
      // The save was refused (its reason shows in the editor): stay.
      this.pending = null;
      return;
    }
    if (choice === "discard") this.revert();
    this.pending = null;
    if (pending.kind === "select") await this.open(pending.id);
    else pending.proceed();
  }

  async open(id: number): Promise<void> {
    try {
      const section = await api.reportSection(id);
      this.stored = section;
      this.title = section.title;
      this.included = section.included;
      this.body = section.body;
      this.saveError = null;
      this.preview = null;
      this.lastGood = "";
    } catch (raw) {
      this.fail(raw);
    }
  }

  close(): void {
    this.stored = null;
    this.title = "";
    this.body = "";
    this.preview = null;
    this.lastGood = "";
  }

  /** Puts the draft back to the stored text. */
  revert(): void {
    if (!this.stored) return;
    this.title = this.stored.title;
    this.included = this.stored.included;
    this.body = this.stored.body;
    this.saveError = null;
  }

  /** Lays out the preview of `body`; while one runs, only the latest request waits. */
  async refreshPreview(id: number, body: string): Promise<void> {
    if (this.#previewRunning) {
      this.#previewQueued = { id, body };
      return;
    }
    this.#previewRunning = true;
    this.previewing = true;
    const seq = ++this.#previewSeq;
    try {
      const preview = await api.previewReportSection(id, body);
      if (seq === this.#previewSeq && this.stored?.id === id) {
        // A mistake leaves no anchors: the last ones stay for "Insert reference".
        this.preview = preview.error ? { ...preview, anchors: this.preview?.anchors ?? [] } : preview;
        if (!preview.error) this.lastGood = preview.html;
      }
    } catch (raw) {
      if (this.stored?.id === id) {
        this.preview = { html: "", error: api.toApiError(raw).message, anchors: this.preview?.anchors ?? [] };
      }
    } finally {
      this.#previewRunning = false;
      const next = this.#previewQueued;
      this.#previewQueued = null;
      if (next) void this.refreshPreview(next.id, next.body);
      else this.previewing = false;
    }
  }

  /** Stores the draft; `false` (with the reason shown) when it was refused. */
  async save(): Promise<boolean> {
    const stored = this.stored;
    if (!stored || this.saving) return false;
    const edit = { title: this.title.trim(), included: this.included, body: this.body };
    this.saving = true;
    app.saving += 1;
    try {
      await api.saveReportSection(stored.id, edit);
      this.stored = { ...stored, ...edit };
      // The draft may have changed while the save ran; only the title is normalised.
      if (this.title.trim() === edit.title) this.title = edit.title;
      this.saveError = null;
      await this.refresh();
      return true;
    } catch (raw) {
      this.saveError = sentence(api.toApiError(raw).message);
      return false;
    } finally {
      this.saving = false;
      app.saving -= 1;
    }
  }

  /**
   * Changes a section's title or inclusion from the outline, keeping its stored text (an open
   * draft's unsaved text stays a draft).
   */
  async update(id: number, change: { title?: string; included?: boolean }): Promise<boolean> {
    this.outlineMessage = null;
    app.saving += 1;
    try {
      const current = await api.reportSection(id);
      const edit = {
        title: (change.title ?? current.title).trim(),
        included: change.included ?? current.included,
        body: current.body,
      };
      await api.saveReportSection(id, edit);
      if (this.stored?.id === id) {
        const wasTitle = this.stored.title;
        const wasIncluded = this.stored.included;
        this.stored = { ...this.stored, title: edit.title, included: edit.included };
        if (change.title !== undefined && this.title === wasTitle) this.title = edit.title;
        if (change.included !== undefined && this.included === wasIncluded) this.included = edit.included;
      }
      await this.refresh();
      return true;
    } catch (raw) {
      this.outlineMessage = { id: id, text: sentence(api.toApiError(raw).message) };
      return false;
    } finally {
      app.saving -= 1;
    }
  }

  /** Moves a section one place up (-1) or down (+1); the use case may refuse (annexes stay last). */
  async move(id: number, delta: -1 | 1): Promise<boolean> {
    const sections = this.outline?.sections ?? [];
    const ids = sections.map((s) => s.id);
    const from = ids.indexOf(id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= ids.length) return false;
    [ids[from], ids[to]] = [ids[to], ids[from]];
    this.outlineMessage = null;
    app.saving += 1;
    try {
      await api.orderReportSections(ids);
      await this.refresh();
      return true;
    } catch (raw) {
      this.outlineMessage = { id: id, text: sentence(api.toApiError(raw).message) };
      return false;
    } finally {
      app.saving -= 1;
    }
  }

  /** Adds a chapter or an annex of the writers' own and opens it with its title to type. */
  async add(kind: SectionKind): Promise<void> {
    this.outlineMessage = null;
    app.saving += 1;
    try {
      const id = await api.addReportSection(kind, "");
      await this.refresh();
      if (this.dirty) {
        this.pending = { kind: "select", id };
      } else {
        this.focusTitleFor = id;
        await this.open(id);
      }
    } catch (raw) {
      this.outlineMessage = { id: null, text: sentence(api.toApiError(raw).message) };
    } finally {
      app.saving -= 1;
    }
  }

  async remove(id: number): Promise<boolean> {
    this.outlineMessage = null;
    app.saving += 1;
    try {
      const index = this.outline?.sections.findIndex((s) => s.id === id) ?? 0;
      await api.deleteReportSection(id);
      if (this.stored?.id === id) this.close();
      await this.refresh();
      // The open section was deleted: the one before it opens.
      const sections = this.outline?.sections ?? [];
      const neighbour = sections[Math.min(Math.max(index - 1, 0), sections.length - 1)];
      if (!this.stored && neighbour) await this.open(neighbour.id);
      return true;
    } catch (raw) {
      this.outlineMessage = { id: id, text: sentence(api.toApiError(raw).message) };
      return false;
    } finally {
      app.saving -= 1;
    }
  }

  /** Shows what was done above the workspace (in place of an earlier export's result). */
  tell(text: string): void {
    this.exported = null;
    this.exportError = null;
    this.notice = { kind: "done", text };
  }

  fail(raw: unknown): void {
    this.exported = null;
    this.exportError = null;
    this.notice = { kind: "failed", text: sentence(api.toApiError(raw).message) };
  }

  /** Asks for a picture and adds it; the notice says by which name sections show it. */
  async addImage(): Promise<void> {
    this.notice = null;
    try {
      const added = await api.addReportImage();
      if (!added) return;
      await this.refresh();
      this.tell(
        `Image ${added.name} ${added.replaced ? "replaced" : "added"}: show it in a section with ![Caption](${added.name}) on a line of its own, or pick it under “Insert image”.`,
      );
      this.repreview();
    } catch (raw) {
      this.fail(raw);
    }
  }

  async deleteImage(name: string): Promise<boolean> {
    this.notice = null;
    try {
      await api.deleteReportImage(name);
      await this.refresh();
      this.tell(`Image ${name} deleted.`);
      this.repreview();
      return true;
    } catch (raw) {
      this.fail(raw);
      return false;
    }
  }

  /** The preview again (images changed). */
  repreview(): void {
    if (this.stored) void this.refreshPreview(this.stored.id, this.body);
  }

  /**
   * Publishes a version; the refusal's sentence, or `null` when it was published. `override`
   * publishes the final output with public comments still open (the use case records it).
   */
  /**
   * Publishes, or says why not: the refusal's code (`UNRESOLVED_COMMENTS` when the final output
   * waits for open public comments) and its sentence; `null` once published.
   */
  async publish(
    version: ReportVersion,
    publishedOn: string,
    deadline: string | null,
    override = false,
  ): Promise<api.ApiError | null> {
    app.saving += 1;
    try {
      const p: Publication = await api.publishReport(version, publishedOn, deadline, override);
      await this.refresh();
      this.version = p.version;
      const held = override ? " with public comments still open" : "";
      this.tell(
        `${VERSION_LABELS[p.version]} published on ${longDate(p.published_on)}${p.comment_deadline ? `, comments until ${longDate(p.comment_deadline)}` : ""}${held}: exports of it now give this publication.`,
      );
      return null;
    } catch (raw) {
      const e = api.toApiError(raw);
      return { code: e.code, message: sentence(e.message) };
    } finally {
      app.saving -= 1;
    }
  }

  /** The latest publication of a version, if any. */
  latest(version: ReportVersion): Publication | null {
    const ps = (this.outline?.publications ?? []).filter((p) => p.version === version);
    return ps.length > 0 ? ps[ps.length - 1] : null;
  }

  /** Saves the open draft first (the export lays out the stored text), then exports. */
  async export(format: ReportFormat): Promise<void> {
    if (this.exporting) return;
    const version = this.version;
    this.exportError = null;
    this.exported = null;
    this.notice = null;
    let savedFirst: string | null = null;
    if (this.dirty) {
      if (!(await this.save())) {
        this.exportError = `The changes to “${this.title || this.stored?.title}” could not be saved, so nothing was exported: ${this.saveError ?? ""}`;
        return;
      }
      savedFirst = this.title;
    }
    this.exporting = { version, format };
    try {
      const done = await api.exportReport(version, format);
      if (done) this.exported = { ...done, savedFirst };
    } catch (raw) {
      this.exportError = sentence(api.toApiError(raw).message);
    } finally {
      this.exporting = null;
    }
  }
}

export const report = new ReportState();
