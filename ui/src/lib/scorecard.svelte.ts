// The Scorecard view's state: the metrics as of today, the one-page exports, and the two
// comparisons made from other project files (several BPFs side by side, another year).

import * as api from "./api";
import { app } from "./app.svelte";
import type { FileScorecard } from "./bindings/FileScorecard";
import type { MetricStatus } from "./bindings/MetricStatus";
import type { ReportFormat } from "./bindings/ReportFormat";
import type { Scorecard } from "./bindings/Scorecard";
import type { YearFigures } from "./bindings/YearFigures";
import { saveDocument } from "./documents";
import { METRIC_STATUSES } from "./labels";
import { ViewState } from "./viewState.svelte";

/** How many metrics have each status, in the order met, not met, not yet due. */
export function statusCounts(card: Scorecard): { status: MetricStatus; n: number }[] {
  const n: Record<MetricStatus, number> = { met: card.met, not_met: card.not_met, not_yet_due: card.not_yet_due };
  return METRIC_STATUSES.map((status) => ({ status, n: n[status] }));
}

class ScorecardState extends ViewState {
  card = $state<Scorecard | null>(null);
  /** The open file's scorecard and the other BPFs', once compared. */
  side = $state<FileScorecard[] | null>(null);
  /** Two years' figures by year, once compared. */
  years = $state<YearFigures[] | null>(null);
  exporting = $state<ReportFormat | null>(null);
  comparing = $state<"bpfs" | "years" | null>(null);

  protected reset(): void {
    this.card = null;
    this.side = null;
    this.years = null;
  }

  protected async read(): Promise<void> {
    this.card = await api.scorecard();
  }

  async export(format: ReportFormat): Promise<void> {
    if (this.exporting) return;
    this.exporting = format;
    await saveDocument("Scorecard", () => api.exportScorecard(format));
    this.exporting = null;
  }

  /** Asks for the other files (`null` from the dialog: nothing changes). */
  async compare(which: "bpfs" | "years"): Promise<void> {
    if (this.comparing) return;
    this.comparing = which;
    app.dismissError();
    try {
      if (which === "bpfs") this.side = (await api.scorecards()) ?? this.side;
      else this.years = (await api.compareYears()) ?? this.years;
    } catch (raw) {
      app.showError(raw);
    } finally {
      this.comparing = null;
    }
  }
}

export const scorecard = new ScorecardState();
