// The Contributions view's state: the calls for contributions and the contributions received,
// with their filters, the forms that add and edit them, the register entries a contributor can
// be linked to, and the files kept with contributions.

import * as api from "./api";
import type { ReportFormat } from "./bindings/ReportFormat";
import { app } from "./app.svelte";
import type { Call } from "./bindings/Call";
import type { CallInput } from "./bindings/CallInput";
import type { Contribution } from "./bindings/Contribution";
import type { ContributionInput } from "./bindings/ContributionInput";
import type { Person } from "./bindings/Person";
import type { StakeholderGroup } from "./bindings/StakeholderGroup";
import { countries } from "./countries.svelte";
import { isIsoDate } from "./format";
import { counted } from "./mailFormat";
import { RowEditor } from "./rowEditor.svelte";
import { ViewState } from "./viewState.svelte";

/** A call as its form edits it. */
export type CallDraft = { title: string; text: string; opens_on: string; closes_on: string; channels: string };

/** A contribution as its form edits it; "" for no call, no register entry, no group. */
export type ContributionDraft = {
  call: number | "";
  person: number | "";
  contributor: string;
  organisation: string;
  /** As typed: a country's name or ISO code, or empty. */
  country: string;
  group: StakeholderGroup | "";
  /** Empty: today. */
  received_on: string;
  title: string;
  publish: boolean;
  text: string;
  notes: string;
};

export function emptyCall(today: string): CallDraft {
  return { title: "", text: "", opens_on: today, closes_on: "", channels: "" };
}

export function callDraftOf(c: Call): CallDraft {
  return { title: c.title, text: c.text, opens_on: c.opens_on, closes_on: c.closes_on, channels: c.channels };
}

export function emptyContribution(call: number | ""): ContributionDraft {
  return {
    call,
    person: "",
    contributor: "",
    organisation: "",
    country: "",
    group: "",
    received_on: "",
    title: "",
    publish: false,
    text: "",
    notes: "",
  };
}

export function contributionDraftOf(c: Contribution): ContributionDraft {
  return {
    call: c.call_id ?? "",
    person: c.person_id ?? "",
    contributor: c.contributor,
    organisation: c.organisation,
    country: c.country_name || c.country,
    group: c.group ?? "",
    received_on: c.received_on,
    title: c.title,
    publish: c.publish,
    text: c.text,
    notes: c.notes,
  };
}

function checkCall(d: CallDraft): string | null {
  if (d.title.trim() === "") return "A call needs a title.";
  if (!isIsoDate(d.opens_on) || !isIsoDate(d.closes_on)) return "Give the day the call opens and the day it closes.";
  return null;
}

function callInput(d: CallDraft): CallInput {
  return { title: d.title.trim(), text: d.text, opens_on: d.opens_on, closes_on: d.closes_on, channels: d.channels.trim() };
}

function checkContribution(d: ContributionDraft): string | null {
  if (d.title.trim() === "") return "A contribution needs a title.";
  if (d.contributor.trim() === "") return "Name the contributor: a person or an organisation.";
  if (d.received_on !== "" && !isIsoDate(d.received_on)) return "The day it was received is not a date.";
  return null;
}

function contributionInput(d: ContributionDraft): ContributionInput {
  return {
    call_id: d.call === "" ? null : d.call,
    title: d.title.trim(),
    contributor: d.contributor.trim(),
    person_id: d.person === "" ? null : d.person,
    organisation: d.organisation.trim(),
    country: d.country.trim(),
    group: d.group === "" ? null : d.group,
    received_on: d.received_on === "" ? null : d.received_on,
    publish: d.publish,
    text: d.text,
    notes: d.notes.trim(),
  };
}

/** "1 contribution", "12 contributions" */
export function contributionCount(n: number): string {
  return counted(n, "contribution");
}

/** The contributions' filter on calls: all, one call, or those outside any call. */
export type CallFilter = number | "all" | "none";
/** The filter on the permission to publish. */
export type PermissionFilter = "all" | "publish" | "private";

class ContributionsState extends ViewState {
  calls = $state<Call[] | null>(null);
  list = $state<Contribution[] | null>(null);
  /** The register, for linking a contributor to their entry. */
  people = $state<Person[]>([]);

  callFilter = $state<CallFilter>("all");
  permission = $state<PermissionFilter>("all");
  /** The contribution whose file is being attached or saved. */
  filing = $state<number | null>(null);

  readonly shown = $derived.by(() =>
    (this.list ?? []).filter((c) => {
      const call = this.callFilter === "all" || (this.callFilter === "none" ? c.call_id === null : c.call_id === this.callFilter);
      const permission = this.permission === "all" || c.publish === (this.permission === "publish");
      return call && permission;
    }),
  );
  readonly filtered = $derived(this.callFilter !== "all" || this.permission !== "all");

  readonly callEditor = new RowEditor<CallDraft>(emptyCall(app.today), {
    rowAttr: "data-call-id",
    check: checkCall,
    write: async (key, d) => {
      if (key === "new") await api.addCall(callInput(d));
      else await api.updateCall(key, callInput(d));
      await this.refresh();
    },
    remove: async (id) => {
      await api.deleteCall(id);
      if (this.callFilter === id) this.callFilter = "all";
      await this.refresh();
    },
    inlineRefusals: true,
  });

  readonly editor = new RowEditor<ContributionDraft>(emptyContribution(""), {
    rowAttr: "data-contribution-id",
    check: checkContribution,
    write: async (key, d) => {
      const saved =
        key === "new" ? await api.addContribution(contributionInput(d)) : await api.updateContribution(key, contributionInput(d));
      await this.refresh();
      if (key === "new") app.showNotice(`“${saved.title}” added. Attach the file received with it from its row.`);
    },
    remove: async (id) => {
      await api.deleteContribution(id);
      await this.refresh();
    },
    inlineRefusals: true,
    scrollToEditor: true,
  });

  protected reset(): void {
    this.calls = null;
    this.list = null;
    this.people = [];
    this.callFilter = "all";
    this.permission = "all";
    this.callEditor.editing = null;
    this.callEditor.confirming = null;
    this.editor.editing = null;
    this.editor.confirming = null;
  }

  protected prepare(): Promise<void> {
    return countries.load();
  }

  /** The calls, the contributions and the register. */
  protected async read(): Promise<void> {
    const [calls, list, view] = await Promise.all([api.calls(), api.contributions(), api.peopleView()]);
    this.calls = calls;
    this.list = list;
    this.people = view.people;
  }

  call(id: number | null): Call | undefined {
    return id === null ? undefined : this.calls?.find((c) => c.id === id);
  }

  /**
   * Links the form's contributor to a register entry: the name, organisation, country and group
   * come from it where the form has none yet (or still has the previous entry's name).
   */
  pickPerson(id: number | ""): void {
    const d = this.editor.draft;
    const before = d.person === "" ? undefined : this.people.find((p) => p.id === d.person);
    d.person = id;
    const p = id === "" ? undefined : this.people.find((x) => x.id === id);
    if (!p) return;
    if (d.contributor.trim() === "" || d.contributor === before?.name) d.contributor = p.name;
    if (d.organisation.trim() === "" || d.organisation === before?.organisation) d.organisation = p.organisation;
    if (d.country.trim() === "" || d.country === (before?.country_name || before?.country)) d.country = p.country_name || p.country;
    if (d.group === "" || d.group === before?.group) d.group = p.group ?? "";
  }

  clearFilters(): void {
    this.callFilter = "all";
    this.permission = "all";
  }

  /** Asks for the file received with a contribution and keeps it in the project. */
  async attach(c: Contribution): Promise<void> {
    if (this.filing !== null) return;
    this.filing = c.id;
    const result = await app.mutate(() => api.attachContributionFile(c.id));
    this.filing = null;
    if (result.ok && result.value) {
      await this.refresh();
      app.showNotice(`${result.value.file_name} kept with “${c.title}”.`);
    }
  }

  /** Saves a contribution published on its own, with its credit line, as PDF or DOCX. */
  async exportDocument(c: Contribution, format: ReportFormat): Promise<void> {
    if (this.filing !== null) return;
    this.filing = c.id;
    app.dismissError();
    try {
      const path = await api.exportContribution(c.id, format);
      if (path) app.showNotice(`“${c.title}” saved to ${path}`);
    } catch (raw) {
      app.showError(raw);
    } finally {
      this.filing = null;
    }
  }

  /** Writes the file kept with a contribution where the user says. */
  async saveFile(c: Contribution): Promise<void> {
    if (this.filing !== null) return;
    this.filing = c.id;
    app.dismissError();
    try {
      const path = await api.saveContributionFile(c.id);
      if (path) app.showNotice(`${c.file_name} saved to ${path}`);
    } catch (raw) {
      app.showError(raw);
    } finally {
      this.filing = null;
    }
  }
}

export const contributions = new ContributionsState();
