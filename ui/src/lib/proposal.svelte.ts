// The proposal composer's state: the view read from the backend (the profile's parts, the texts,
// the indicators and the rules still broken), the texts as typed, saved a moment after typing
// stops or when a field is left, and the exports that wait until no rule is broken.

import * as api from "./api";
import { app } from "./app.svelte";
import type { ProposalProblem } from "./bindings/ProposalProblem";
import type { ProposalText } from "./bindings/ProposalText";
import type { ProposalView } from "./bindings/ProposalView";
import type { ReportFormat } from "./bindings/ReportFormat";
import { saveDocument } from "./documents";
import { sentence } from "./format";
import { ViewState } from "./viewState.svelte";

/** How long typing may pause before the texts are saved. */
const SAVE_DELAY_MS = 800;

/** The parts of the template whose rules are checked, by the `field` of a problem. */
export type ProposalPart = "title" | "facilitators" | "topic" | "goal" | "relevance" | "outreach";

/** The template's hard rules, one line each in the checklist, in the template's order. */
export const PROPOSAL_RULES: { field: ProposalPart; label: string }[] = [
  { field: "title", label: "A title" },
  { field: "facilitators", label: "At least two facilitators, one of them a MAG member" },
  { field: "topic", label: "The proposed topic and focus" },
  { field: "goal", label: "A clear, realistic goal (120 words at most)" },
  { field: "relevance", label: "The relevance of the topic" },
  { field: "outreach", label: "An outreach plan naming organisations that signalled interest" },
];

/** The most words a goal may have. */
export const GOAL_WORDS = 120;

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w !== "").length;
}

function copy(text: ProposalText): ProposalText {
  return { ...text, indicators: text.indicators.map(([k, t]) => [k, t]) };
}

class ProposalState extends ViewState {
  view = $state<ProposalView | null>(null);
  /** The texts as typed. */
  draft = $state<ProposalText | null>(null);
  /** The texts last stored, as sent (to tell what is not saved yet). */
  #stored = $state("");
  saving = $state(false);
  saveError = $state<string | null>(null);
  exporting = $state<ReportFormat | null>(null);

  readonly dirty = $derived(this.draft !== null && JSON.stringify(this.draft) !== this.#stored);
  readonly problems = $derived<ProposalProblem[]>(this.view?.problems ?? []);

  #timer: ReturnType<typeof setTimeout> | null = null;
  #inflight: Promise<boolean> | null = null;

  protected reset(): void {
    this.#clearTimer();
    this.view = null;
    this.draft = null;
    this.#stored = "";
    this.saveError = null;
  }

  protected async read(): Promise<void> {
    const view = await api.proposal();
    this.view = view;
    // Texts typed and not saved yet stay as they are.
    if (!this.dirty) {
      this.draft = copy(view.text);
      this.#stored = JSON.stringify(this.draft);
    }
  }

  /** The messages of the rules broken by one part. */
  problemsOf(field: ProposalPart): string[] {
    return this.problems.filter((p) => p.field === field).map((p) => p.message);
  }

  /** Something was typed: save once typing pauses. */
  edited(): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => void this.save(), SAVE_DELAY_MS);
  }

  /** Stores the texts now; `false` (with the reason shown) when that was refused. */
  async save(): Promise<boolean> {
    this.#clearTimer();
    while (this.#inflight) await this.#inflight;
    if (!this.draft || !this.dirty) return this.saveError === null;
    this.#inflight = this.#write(JSON.stringify(this.draft));
    try {
      return await this.#inflight;
    } finally {
      this.#inflight = null;
    }
  }

  async #write(sent: string): Promise<boolean> {
    this.saving = true;
    // The refusal shows beside the texts, not in the banner.
    const saved = await app.mutate(() => api.saveProposal(JSON.parse(sent) as ProposalText), true);
    this.saving = false;
    if (!saved.ok) {
      this.saveError = sentence(saved.error.message);
      return false;
    }
    this.view = saved.value;
    this.#stored = sent;
    this.saveError = null;
    // Typed while the save ran: save that too once typing pauses.
    if (this.dirty) this.edited();
    return true;
  }

  /**
   * For `app.leaveGuard`: the texts are saved before the view is left. After a refused save the
   * view may be left: the texts stay here as typed, with the reason shown on return.
   */
  mayLeave(proceed: () => void): boolean {
    if (!this.dirty || this.saveError !== null) return true;
    void this.save().then((saved) => {
      if (saved) proceed();
    });
    return false;
  }

  async export(format: ReportFormat): Promise<void> {
    if (this.exporting || !(await this.save())) return;
    this.exporting = format;
    await saveDocument("Proposal", () => api.exportProposal(format));
    this.exporting = null;
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

export const proposal = new ProposalState();
