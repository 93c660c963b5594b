// Turning the milestone editors' drafts into what the backend stores.

import type { AnnualMeeting } from "./bindings/AnnualMeeting";
import type { Derivation } from "./bindings/Derivation";
import type { MilestoneInput } from "./bindings/MilestoneInput";
import type { MilestoneKind } from "./bindings/MilestoneKind";
import type { MilestoneStatus } from "./bindings/MilestoneStatus";
import { deriveDates, standardDerivation } from "./labels";

/** A milestone as edited in a form: dates as text ("" = none), plus whether it follows the meeting. */
export type MilestoneDraft = {
  title: string;
  kind: MilestoneKind;
  date: string;
  end_date: string;
  owner: string;
  workstream_id: number | null;
  status: MilestoneStatus;
  notes: string;
  follow: boolean;
};

export function emptyDraft(): MilestoneDraft {
  return {
    title: "",
    kind: "custom",
    date: "",
    end_date: "",
    owner: "",
    workstream_id: null,
    status: "planned",
    notes: "",
    follow: false,
  };
}

/**
 * The derivation to store: the milestone's own rule while it keeps following the meeting, the
 * standard rule of its kind when it is tied back (or its kind changed), none for a date by hand.
 */
export function derivationFor(
  draft: MilestoneDraft,
  original: { kind: MilestoneKind; derived: Derivation | null } | null,
): Derivation | null {
  if (!draft.follow) return null;
  if (original?.derived && original.kind === draft.kind) return original.derived;
  return standardDerivation(draft.kind) ?? original?.derived ?? null;
}

export function toInput(
  draft: MilestoneDraft,
  derived: Derivation | null,
  meeting: AnnualMeeting | null,
): MilestoneInput {
  let date = draft.date;
  let end: string | null = draft.end_date.trim() === "" ? null : draft.end_date;
  if (derived && meeting) {
    // The backend computes these again; sending the preview keeps the input self-consistent.
    const computed = deriveDates(derived, meeting);
    date = computed.date;
    end = computed.end_date;
  }
  return {
    title: draft.title.trim(),
    kind: draft.kind,
    date,
    end_date: end,
    owner: draft.owner.trim(),
    workstream_id: draft.workstream_id,
    status: draft.status,
    derived,
    notes: draft.notes,
  };
}
