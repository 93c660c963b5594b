// The Public comments view's state: the comments on the draft with the report's sections and the
// comment period, the filters by section and status, the imports (a review platform's CSV, the
// list's messages of the period), each comment's resolution, and the form that adds or edits one.

import { SvelteMap } from "svelte/reactivity";

import * as api from "./api";
import type { ReportFormat } from "./bindings/ReportFormat";
import { app } from "./app.svelte";
import type { Comment } from "./bindings/Comment";
import type { CommentInput } from "./bindings/CommentInput";
import type { CommentsImport } from "./bindings/CommentsImport";
import type { CommentsView } from "./bindings/CommentsView";
import type { Disposition } from "./bindings/Disposition";
import type { SectionChoice } from "./bindings/SectionChoice";
import { isIsoDate, sentence } from "./format";
import { count, counted } from "./mailFormat";
import { RowEditor } from "./rowEditor.svelte";
import { ViewState } from "./viewState.svelte";

/** What the comments of the report as a whole are filed under. */
export const WHOLE_REPORT = "The report as a whole";

/** "B. Methodology and BPF activities", or "Acknowledgements" for an unnumbered section. */
export function choiceLabel(s: SectionChoice): string {
  return s.number ? `${s.number}. ${s.title}` : s.title;
}

/** A section's label by its id, or "The report as a whole". */
export function sectionLabel(sections: SectionChoice[], id: number | null): string {
  const s = id === null ? undefined : sections.find((x) => x.id === id);
  return s ? choiceLabel(s) : WHOLE_REPORT;
}

/** A comment as its form edits it; "" for the report as a whole. */
export type CommentDraft = {
  author: string;
  organisation: string;
  email: string;
  /** Empty: today. */
  received_on: string;
  section: number | "";
  text: string;
};

export function emptyComment(): CommentDraft {
  return { author: "", organisation: "", email: "", received_on: "", section: "", text: "" };
}

export function commentDraftOf(c: Comment): CommentDraft {
  return {
    author: c.author,
    organisation: c.organisation,
    email: c.email,
    received_on: c.received_on,
    section: c.section_id ?? "",
    text: c.text,
  };
}

function checkComment(d: CommentDraft): string | null {
  if (d.text.trim() === "") return "Type the comment.";
  if (d.received_on !== "" && !isIsoDate(d.received_on)) return "The day it was received is not a date.";
  return null;
}

function commentInput(d: CommentDraft): CommentInput {
  return {
    author: d.author.trim(),
    organisation: d.organisation.trim(),
    email: d.email.trim(),
    received_on: d.received_on === "" ? null : d.received_on,
    section_id: d.section === "" ? null : d.section,
    text: d.text,
  };
}

/** "6 comments read: 4 added, 1 already recorded · 2 about the report as a whole" */
export function commentsImportSummary(r: CommentsImport): string {
  const parts = [`${count(r.added)} added`];
  if (r.duplicates > 0) parts.push(`${count(r.duplicates)} already recorded`);
  let text = `${counted(r.read, "comment")} read: ${parts.join(", ")}`;
  if (r.without_section > 0) text += ` · ${count(r.without_section)} linked to no section (about the report as a whole)`;
  return `${text}.`;
}

/** The filter on sections: all, one section, or the report as a whole. */
export type SectionFilter = number | "all" | "whole";
export type StatusFilter = "all" | "open" | "resolved";

/** Comments under one section heading. */
export type CommentGroup = { key: string; label: string; comments: Comment[] };

/** A resolution as its editor holds it before it is saved. */
export type ResolutionDraft = { disposition: Disposition | ""; response: string };

class CommentsState extends ViewState {
  view = $state<CommentsView | null>(null);

  section = $state<SectionFilter>("all");
  status = $state<StatusFilter>("all");

  importing = $state<"csv" | "mail" | null>(null);
  imported = $state<{ from: "csv" | "mail"; report: CommentsImport } | null>(null);
  exporting = $state(false);

  /** The resolution editors' unsaved choices, by comment. */
  readonly drafts = new SvelteMap<number, ResolutionDraft>();
  /** Why a resolution was refused, by comment (shown beside its Save). */
  readonly refusals = new SvelteMap<number, string>();
  /** The comment whose resolution is being saved. */
  resolving = $state<number | null>(null);

  readonly comments = $derived(this.view?.comments ?? []);
  readonly sections = $derived(this.view?.sections ?? []);
  readonly filtered = $derived(this.section !== "all" || this.status !== "all");

  /** The comments shown, under their section in report order (the report as a whole last). */
  readonly groups = $derived.by((): CommentGroup[] => {
    const shown = this.comments.filter((c) => {
      const section = this.section === "all" || (this.section === "whole" ? c.section_id === null : c.section_id === this.section);
      const status = this.status === "all" || c.resolved === (this.status === "resolved");
      return section && status;
    });
    const order = [...this.sections.map((s) => s.id), null];
    const known = new Set(this.sections.map((s) => s.id));
    return order
      .map((id) => ({
        key: id === null ? "whole" : String(id),
        label: sectionLabel(this.sections, id),
        comments: shown
          .filter((c) => (id === null ? c.section_id === null || !known.has(c.section_id) : c.section_id === id))
          .sort((a, b) => a.received_on.localeCompare(b.received_on) || a.id - b.id),
      }))
      .filter((g) => g.comments.length > 0);
  });
  readonly shownCount = $derived(this.groups.reduce((n, g) => n + g.comments.length, 0));

  readonly editor = new RowEditor<CommentDraft>(emptyComment(), {
    rowAttr: "data-comment-id",
    check: checkComment,
    write: async (key, d) => {
      if (key === "new") await api.addComment(commentInput(d));
      else await api.updateComment(key, commentInput(d));
      await this.refresh();
    },
    remove: async (id) => {
      await api.deleteComment(id);
      this.drafts.delete(id);
      this.refusals.delete(id);
      await this.refresh();
    },
    inlineRefusals: true,
    scrollToEditor: true,
  });

  protected reset(): void {
    this.view = null;
    this.section = "all";
    this.status = "all";
    this.imported = null;
    this.drafts.clear();
    this.refusals.clear();
    this.editor.editing = null;
    this.editor.confirming = null;
  }

  protected async read(): Promise<void> {
    this.view = await api.comments();
  }

  clearFilters(): void {
    this.section = "all";
    this.status = "all";
  }

  /** The resolution editor's state of a comment: its unsaved draft, else what is stored. */
  draft(c: Comment): ResolutionDraft {
    return this.drafts.get(c.id) ?? { disposition: c.disposition ?? "", response: c.response };
  }

  setDraft(c: Comment, change: Partial<ResolutionDraft>): void {
    const next = { ...this.draft(c), ...change };
    if (next.disposition === (c.disposition ?? "") && next.response === c.response) this.drafts.delete(c.id);
    else this.drafts.set(c.id, next);
    this.refusals.delete(c.id);
  }

  /** Stores a comment's resolution; a refusal shows beside it and the draft stays. */
  async resolve(c: Comment): Promise<boolean> {
    if (this.resolving !== null) return false;
    const d = this.draft(c);
    this.resolving = c.id;
    this.refusals.delete(c.id);
    const result = await app.mutate(
      () => api.resolveComment(c.id, { disposition: d.disposition === "" ? null : d.disposition, response: d.response }),
      true,
    );
    this.resolving = null;
    if (!result.ok) {
      this.refusals.set(c.id, sentence(result.error.message));
      return false;
    }
    this.drafts.delete(c.id);
    await this.refresh();
    return true;
  }

  async import(from: "csv" | "mail"): Promise<void> {
    if (this.importing) return;
    this.importing = from;
    const result = await app.mutate(() => (from === "csv" ? api.importCommentsCsv() : api.importCommentsMail()));
    this.importing = null;
    if (result.ok && result.value) {
      this.imported = { from, report: result.value };
      await this.refresh();
    }
  }

  /** Saves the comment-resolution table: CSV for spreadsheets, or DOCX / PDF in the house style. */
  async exportTable(format: "csv" | ReportFormat): Promise<void> {
    if (this.exporting) return;
    this.exporting = true;
    app.dismissError();
    try {
      const path = format === "csv" ? await api.exportCommentsCsv() : await api.exportCommentsDocument(format);
      if (path) app.showNotice(`Comment-resolution table saved to ${path}`);
    } catch (raw) {
      app.showError(raw);
    } finally {
      this.exporting = false;
    }
  }
}

export const comments = new CommentsState();
