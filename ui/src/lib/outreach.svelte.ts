// The Outreach tab's state: the key organisations invited to take part during the year, who
// invited them and when, and their answer.

import * as api from "./api";
import { app } from "./app.svelte";
import type { Answer } from "./bindings/Answer";
import type { Invitation } from "./bindings/Invitation";
import type { InvitationInput } from "./bindings/InvitationInput";
import type { StakeholderGroup } from "./bindings/StakeholderGroup";
import { countries } from "./countries.svelte";
import { isIsoDate } from "./format";
import { ANSWER_LABELS, ANSWERS } from "./labels";
import { count } from "./mailFormat";
import { RowEditor } from "./rowEditor.svelte";
import { ViewState } from "./viewState.svelte";

/** An invitation as its form edits it. */
export type InvitationDraft = {
  organisation: string;
  contact: string;
  group: StakeholderGroup | "";
  /** As typed: a country's name or ISO code, or empty. */
  country: string;
  invited_by: string;
  invited_on: string;
  answer: Answer;
  notes: string;
};

export function emptyInvitation(today: string): InvitationDraft {
  return { organisation: "", contact: "", group: "", country: "", invited_by: "", invited_on: today, answer: "pending", notes: "" };
}

export function invitationDraftOf(i: Invitation): InvitationDraft {
  return {
    organisation: i.organisation,
    contact: i.contact,
    group: i.group ?? "",
    country: i.country ? countries.name(i.country) : "",
    invited_by: i.invited_by,
    invited_on: i.invited_on,
    answer: i.answer,
    notes: i.notes,
  };
}

function checkInvitation(d: InvitationDraft): string | null {
  if (d.organisation.trim() === "") return "Name the organisation invited.";
  if (!isIsoDate(d.invited_on)) return "Give the day it was invited.";
  return null;
}

function invitationInput(d: InvitationDraft): InvitationInput {
  return {
    organisation: d.organisation.trim(),
    contact: d.contact.trim(),
    group: d.group === "" ? null : d.group,
    country: d.country.trim(),
    invited_by: d.invited_by.trim(),
    invited_on: d.invited_on,
    answer: d.answer,
    notes: d.notes.trim(),
  };
}

/** "2 committed to take part, 1 interested, 1 waiting for an answer" */
export function answersSummary(list: Invitation[]): string {
  return ANSWERS.map((a) => [a, list.filter((i) => i.answer === a).length] as const)
    .filter(([, n]) => n > 0)
    .map(([a, n]) => `${count(n)} ${ANSWER_LABELS[a].toLowerCase()}`)
    .join(", ");
}

class OutreachState extends ViewState {
  invitations = $state<Invitation[] | null>(null);

  readonly editor = new RowEditor<InvitationDraft>(emptyInvitation(app.today), {
    rowAttr: "data-invitation-id",
    check: checkInvitation,
    write: async (key, d) => {
      if (key === "new") await api.addInvitation(invitationInput(d));
      else await api.updateInvitation(key, invitationInput(d));
      await this.refresh();
    },
    remove: async (id) => {
      await api.deleteInvitation(id);
      await this.refresh();
    },
    inlineRefusals: true,
    scrollToEditor: true,
  });

  protected reset(): void {
    this.invitations = null;
    this.editor.editing = null;
    this.editor.confirming = null;
  }

  protected prepare(): Promise<void> {
    return countries.load();
  }

  protected async read(): Promise<void> {
    this.invitations = await api.invitations();
  }
}

export const outreach = new OutreachState();
