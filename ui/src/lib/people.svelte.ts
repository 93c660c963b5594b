// The People and Balance views' state: the register with its filters and selection, the form
// that adds or edits a person, the CSV import, the suggestions, merges and their undo, and the
// multistakeholder balance with its thresholds.

import { SvelteSet } from "svelte/reactivity";

import * as api from "./api";
import { app, type Outcome } from "./app.svelte";
import type { Balance } from "./bindings/Balance";
import type { BalanceThresholds } from "./bindings/BalanceThresholds";
import type { PeopleImport } from "./bindings/PeopleImport";
import type { PeopleView } from "./bindings/PeopleView";
import type { Person } from "./bindings/Person";
import type { PersonInput } from "./bindings/PersonInput";
import type { PersonRole } from "./bindings/PersonRole";
import type { PersonSuggestion } from "./bindings/PersonSuggestion";
import type { Region } from "./bindings/Region";
import type { StakeholderGroup } from "./bindings/StakeholderGroup";
import { countries } from "./countries.svelte";
import { fold, sentence } from "./format";
import { GROUP_LABELS, PERSON_ROLE_LABELS } from "./labels";
import { count, counted } from "./mailFormat";
import { RowEditor } from "./rowEditor.svelte";
import { undo } from "./undo.svelte";

/** An address in the form, with a key that stays while the list changes around it. */
export type EmailDraft = { key: number; value: string };

/** A person as the form edits it. */
export type PersonDraft = {
  name: string;
  organisation: string;
  /** As typed: a country's name or ISO code, or empty. */
  country: string;
  group: StakeholderGroup | "";
  role: PersonRole;
  emails: EmailDraft[];
  notes: string;
};

let emailKeys = 0;

export function emailDraft(value = ""): EmailDraft {
  return { key: ++emailKeys, value };
}

export function emptyDraft(): PersonDraft {
  return { name: "", organisation: "", country: "", group: "", role: "participant", emails: [emailDraft()], notes: "" };
}

export function draftOf(p: Person): PersonDraft {
  return {
    name: p.name,
    organisation: p.organisation,
    country: p.country_name || p.country,
    group: p.group ?? "",
    role: p.role,
    emails: p.emails.length > 0 ? p.emails.map((e) => emailDraft(e)) : [emailDraft()],
    notes: p.notes,
  };
}

/** What the form refuses before asking the backend. */
function checkDraft(d: PersonDraft): string | null {
  return d.name.trim() === "" ? "A person needs a name." : null;
}

function inputOf(d: PersonDraft): PersonInput {
  return {
    name: d.name.trim(),
    organisation: d.organisation.trim(),
    country: d.country.trim(),
    group: d.group === "" ? null : d.group,
    role: d.role,
    emails: d.emails.map((e) => e.value.trim()).filter((e) => e !== ""),
    notes: d.notes.trim(),
  };
}

/** "1 person", "48 people" */
export function peopleCount(n: number): string {
  return counted(n, "person", "people");
}


/** A filter on a stakeholder group or a region: all, one of them, or the entries without one. */
export type Facet<T> = T | "all" | "unknown";

function picked<T>(filter: Facet<T>, value: T | null): boolean {
  if (filter === "all") return true;
  if (filter === "unknown") return value === null;
  return value === filter;
}

/** The register's columns it can be sorted by. */
export type SortKey = "name" | "organisation" | "country" | "group" | "role";

const COLLATOR = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** A person's value in a sort column; empty when not known (those go last either way). */
function sortValue(p: Person, key: SortKey): string {
  if (key === "group") return p.group ? GROUP_LABELS[p.group] : "";
  if (key === "role") return PERSON_ROLE_LABELS[p.role];
  if (key === "country") return p.country_name;
  return p[key];
}

export function sortPeople(list: Person[], key: SortKey, desc: boolean): Person[] {
  return [...list].sort((a, b) => {
    const [x, y] = [sortValue(a, key), sortValue(b, key)];
    if (x === "" || y === "") return x === y ? COLLATOR.compare(a.name, b.name) : x === "" ? 1 : -1;
    const c = COLLATOR.compare(x, y) || COLLATOR.compare(a.name, b.name);
    return desc ? -c : c;
  });
}

/** Whether a filter (folded) is empty or found in one of the texts. */
function matches(q: string, texts: string[]): boolean {
  return q === "" || texts.some((t) => fold(t).includes(q));
}

/** A field a merge filled, as the merge list names it ("stakeholder_group" → "stakeholder group"). */
export function filledLabel(field: string): string {
  return field.replace(/_/g, " ");
}

/** A person's details on one line, to tell two entries apart: addresses, organisation, country, group. */
export function personSummary(p: Person): string {
  const parts = [...p.emails, p.organisation, p.country_name, p.group ? GROUP_LABELS[p.group] : ""];
  return parts.filter((t) => t !== "").join(" · ") || "no other details";
}

/** "12 rows: 9 added, 2 updated, 1 already in the register" */
export function importSummary(r: PeopleImport): string {
  const parts = [`${count(r.added)} added`, `${count(r.updated)} updated`];
  if (r.unchanged > 0) parts.push(`${count(r.unchanged)} already in the register`);
  return `${counted(r.rows, "row")}: ${parts.join(", ")}`;
}

/** Where a suggestion is kept while it is ticked: its address, or its name without one. */
export function suggestionKey(s: PersonSuggestion): string {
  return s.email || `name:${fold(s.name)}`;
}

function suggestionInput(s: PersonSuggestion): PersonInput {
  return {
    name: s.name,
    organisation: s.organisation,
    country: "",
    group: null,
    role: s.role,
    emails: s.email ? [s.email] : [],
    notes: "",
  };
}

class PeopleState {
  view = $state<PeopleView | null>(null);
  loading = $state(false);
  /** Why the register could not be read. */
  loadError = $state<string | null>(null);
  suggestions = $state<PersonSuggestion[] | null>(null);

  /** The register's filters. */
  query = $state("");
  group = $state<Facet<StakeholderGroup>>("all");
  region = $state<Facet<Region>>("all");

  /** Entries ticked for a merge by hand. */
  readonly selected = new SvelteSet<number>();
  /** The two entries of a merge by hand while the user picks the one to keep. */
  choosing = $state<{ a: Person; b: Person; keep: number } | null>(null);
  /** A merge or an undo running (its pair or merge id), to disable its button. */
  merging = $state<string | null>(null);

  /** Suggestions ticked to be added. */
  readonly ticked = new SvelteSet<string>();
  adding = $state(false);

  importing = $state(false);
  imported = $state<PeopleImport | null>(null);

  balance = $state<Balance | null>(null);
  balanceError = $state<string | null>(null);
  /** Why the thresholds were refused (shown beside their form). */
  thresholdsError = $state<string | null>(null);
  savingThresholds = $state(false);

  /** The register's order: a column, and whether it runs backwards. */
  sort = $state<{ key: SortKey; desc: boolean }>({ key: "name", desc: false });
  /** What the suggestions are filtered by. */
  suggestionQuery = $state("");

  readonly people = $derived(this.view?.people ?? []);
  readonly shown = $derived.by(() => {
    const q = fold(this.query);
    const list = this.people.filter(
      (p) => picked(this.group, p.group) && picked(this.region, p.region) && matches(q, [p.name, p.organisation, ...p.emails]),
    );
    return sortPeople(list, this.sort.key, this.sort.desc);
  });
  readonly shownSuggestions = $derived.by(() => {
    const q = fold(this.suggestionQuery);
    return (this.suggestions ?? []).filter((s) => matches(q, [s.name, s.email, s.organisation]));
  });
  readonly filtered = $derived(this.query.trim() !== "" || this.group !== "all" || this.region !== "all");

  /** The register's rows edit in a form in place; deleting asks first. */
  readonly editor = new RowEditor<PersonDraft, number | "new">(emptyDraft(), {
    rowAttr: "data-person-id",
    check: checkDraft,
    write: (key, d) => this.write(key, d),
    remove: async (id) => {
      undo.offer(await api.deletePerson(id));
      this.selected.delete(id);
      await this.refresh();
    },
    scrollToEditor: true,
    refocusRefused: true,
  });

  #project: string | null = null;

  /** Starts afresh when another project is open. */
  follow(path: string): void {
    if (this.#project === path) return;
    this.#project = path;
    this.view = null;
    this.suggestions = null;
    this.balance = null;
    this.balanceError = null;
    this.thresholdsError = null;
    this.imported = null;
    this.choosing = null;
    this.query = "";
    this.group = "all";
    this.region = "all";
    this.sort = { key: "name", desc: false };
    this.suggestionQuery = "";
    this.selected.clear();
    this.ticked.clear();
    this.editor.editing = null;
    this.editor.confirming = null;
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      await countries.load();
      await this.refresh(true);
      this.loadError = null;
    } catch (raw) {
      this.loadError = sentence(api.toApiError(raw).message);
    } finally {
      this.loading = false;
    }
  }

  /** Reads the register and the suggestions again after a change; the balance follows on its next visit. */
  async refresh(rethrow = false): Promise<void> {
    try {
      const [view, suggestions] = await Promise.all([api.peopleView(), api.personSuggestions()]);
      this.view = view;
      this.suggestions = suggestions;
      this.balance = null;
      const ids = new Set(view.people.map((p) => p.id));
      for (const id of [...this.selected]) if (!ids.has(id)) this.selected.delete(id);
      const keys = new Set(suggestions.map(suggestionKey));
      for (const k of [...this.ticked]) if (!keys.has(k)) this.ticked.delete(k);
    } catch (raw) {
      if (rethrow) throw raw;
      app.showError(raw);
    }
  }

  person(id: number): Person | undefined {
    return this.people.find((p) => p.id === id);
  }

  /** Sorts by a column; the same column again turns the order round. */
  sortBy(key: SortKey): void {
    this.sort = { key, desc: this.sort.key === key ? !this.sort.desc : false };
  }

  clearFilters(): void {
    this.query = "";
    this.group = "all";
    this.region = "all";
  }

  /** Runs one change as the app runs every change ("Saving…", failures in the error banner),
   *  then reads the register again. */
  #run<T>(change: () => Promise<T>): Promise<Outcome<T>> {
    return app.mutate(async () => {
      const value = await change();
      await this.refresh();
      return value;
    });
  }

  async write(key: number | "new", d: PersonDraft): Promise<Person> {
    const person = key === "new" ? await api.addPerson(inputOf(d)) : await api.updatePerson(key, inputOf(d));
    await this.refresh();
    return person;
  }

  /** Saves the form; a refusal is shown beside it, and the form stays open. */
  async save(): Promise<void> {
    const e = this.editor;
    const key = e.editing;
    if (key === null || e.saving) return;
    e.error = checkDraft(e.draft);
    if (e.error !== null) return;
    e.saving = true;
    app.saving += 1;
    try {
      const person = await this.write(key, e.draft);
      await e.cancel();
      if (key === "new") app.showNotice(`${person.name} added to the register.`);
    } catch (raw) {
      e.error = sentence(api.toApiError(raw).message);
    } finally {
      e.saving = false;
      app.saving -= 1;
    }
  }

  async importCsv(): Promise<void> {
    if (this.importing) return;
    this.importing = true;
    try {
      const result = await this.#run(() => api.importPeople());
      if (result.ok && result.value) this.imported = result.value;
    } finally {
      this.importing = false;
    }
  }

  /** Merges `other` into `keep` and says so. */
  async merge(keep: number, other: number): Promise<boolean> {
    const kept = this.person(keep);
    const gone = this.person(other);
    this.merging = `${keep}-${other}`;
    const result = await this.#run(() => api.mergePeople(keep, other));
    this.merging = null;
    if (!result.ok) return false;
    const person = result.value;
    this.selected.clear();
    this.choosing = null;
    const what = gone && kept && gone.name !== kept.name ? `“${gone.name}” merged into “${person.name}”` : `The two entries of “${person.name}” merged`;
    app.showNotice(`${what}: ${person.emails.length === 1 ? "1 address" : `${person.emails.length} addresses`}. Undo it under Recent merges.`);
    return true;
  }

  /** Asks which of the two ticked entries to keep. */
  chooseKeep(): void {
    const [a, b] = [...this.selected].map((id) => this.person(id));
    if (!a || !b) return;
    this.choosing = { a, b, keep: a.id };
  }

  async undo(mergeId: number): Promise<void> {
    this.merging = `undo-${mergeId}`;
    const result = await this.#run(() => api.undoMerge(mergeId));
    this.merging = null;
    if (result.ok) app.showNotice("Merge undone: the two entries are shown again.");
  }

  /** Adds the ticked suggestions, or the one given. */
  async addSuggested(only?: PersonSuggestion): Promise<void> {
    const list = only ? [only] : this.shownSuggestions.filter((s) => this.ticked.has(suggestionKey(s)));
    if (list.length === 0 || this.adding) return;
    this.adding = true;
    const result = await this.#run(() => api.addPeople(list.map(suggestionInput)));
    this.adding = false;
    if (result.ok) {
      for (const s of list) this.ticked.delete(suggestionKey(s));
      const n = result.value;
      app.showNotice(n === 1 ? `${list[0].name} added to the register.` : `${peopleCount(n)} added to the register.`);
    }
  }

  async loadBalance(): Promise<void> {
    try {
      this.balance = await api.peopleBalance();
      this.balanceError = null;
    } catch (raw) {
      this.balanceError = sentence(api.toApiError(raw).message);
    }
  }

  /** Stores the thresholds; `false` (with the reason shown) when they were refused. */
  async saveThresholds(t: BalanceThresholds): Promise<boolean> {
    if (this.savingThresholds) return false;
    this.savingThresholds = true;
    app.saving += 1;
    try {
      this.balance = await api.setBalanceThresholds(t);
      this.thresholdsError = null;
      return true;
    } catch (raw) {
      this.thresholdsError = sentence(api.toApiError(raw).message);
      return false;
    } finally {
      this.savingThresholds = false;
      app.saving -= 1;
    }
  }
}

export const people = new PeopleState();
