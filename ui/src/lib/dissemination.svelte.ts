// The Dissemination view's state: the institutions the final output goes to, the cover letter
// (template, signatory, fields), the letters written, the log of sendings and the press-release
// draft that names the institutions reached.

import * as api from "./api";
import { app } from "./app.svelte";
import type { Channel } from "./bindings/Channel";
import type { Institution } from "./bindings/Institution";
import type { InstitutionInput } from "./bindings/InstitutionInput";
import type { LettersWritten } from "./bindings/LettersWritten";
import type { LetterView } from "./bindings/LetterView";
import type { Publication } from "./bindings/Publication";
import type { Sending } from "./bindings/Sending";
import type { StakeholderGroup } from "./bindings/StakeholderGroup";
import { countries } from "./countries.svelte";
import { isIsoDate, sentence } from "./format";
import { RowEditor } from "./rowEditor.svelte";
import { ViewState } from "./viewState.svelte";

/** An institution as its form edits it. */
export type InstitutionDraft = {
  organisation: string;
  contact: string;
  email: string;
  address: string;
  why: string;
  group: StakeholderGroup | "";
  /** As typed: a country's name or ISO code, or empty. */
  country: string;
};

export function emptyInstitution(): InstitutionDraft {
  return { organisation: "", contact: "", email: "", address: "", why: "", group: "", country: "" };
}

export function institutionDraftOf(i: Institution): InstitutionDraft {
  return {
    organisation: i.organisation,
    contact: i.contact,
    email: i.email,
    address: i.address,
    why: i.why,
    group: i.group ?? "",
    country: i.country ? countries.name(i.country) : "",
  };
}

function institutionInput(d: InstitutionDraft): InstitutionInput {
  return {
    organisation: d.organisation.trim(),
    contact: d.contact.trim(),
    email: d.email.trim(),
    address: d.address,
    why: d.why.trim(),
    group: d.group === "" ? null : d.group,
    country: d.country.trim(),
  };
}

/** A sending as its form holds it before it is logged. */
export type SendingDraft = { institution: number | ""; sent_on: string; channel: Channel; note: string };

/** The two tabs of the view. */
export type DisseminationTab = "send" | "outreach";

class DisseminationState extends ViewState {
  tab = $state<DisseminationTab>("send");
  institutions = $state<Institution[] | null>(null);
  sendings = $state<Sending[]>([]);
  /** The latest publication of the final output, if any (e-mail drafts need it). */
  final = $state<Publication | null>(null);

  letter = $state<LetterView | null>(null);
  /** The letter editor's drafts of the template and signatory. */
  template = $state("");
  signatory = $state("");
  letterError = $state<string | null>(null);
  savingLetter = $state(false);
  readonly letterDirty = $derived(
    this.letter !== null && (this.template !== this.letter.template || this.signatory !== this.letter.signatory),
  );

  writing = $state(false);
  written = $state<LettersWritten | null>(null);

  sending = $state<SendingDraft>({ institution: "", sent_on: "", channel: "email", note: "" });
  sendingError = $state<string | null>(null);
  recording = $state(false);

  /** The press-release draft: its Markdown, and that laid out for reading. */
  press = $state("");
  pressHtml = $state("");
  exportingPress = $state(false);

  readonly institutionEditor = new RowEditor<InstitutionDraft>(emptyInstitution(), {
    rowAttr: "data-institution-id",
    check: (d) => (d.organisation.trim() === "" ? "Name the institution." : null),
    write: async (key, d) => {
      if (key === "new") await api.addInstitution(institutionInput(d));
      else await api.updateInstitution(key, institutionInput(d));
      await this.refresh();
    },
    remove: async (id) => {
      await api.deleteInstitution(id);
      if (this.sending.institution === id) this.sending.institution = "";
      await this.refresh();
    },
    inlineRefusals: true,
    scrollToEditor: true,
  });

  protected reset(): void {
    this.tab = "send";
    this.institutions = null;
    this.sendings = [];
    this.letter = null;
    this.letterError = null;
    this.written = null;
    this.sendingError = null;
    this.press = "";
    this.pressHtml = "";
    this.sending = { institution: "", sent_on: app.today, channel: "email", note: "" };
    this.institutionEditor.editing = null;
    this.institutionEditor.confirming = null;
  }

  /** The letter is read once a visit: later readings leave its editor's drafts alone. */
  protected async prepare(): Promise<void> {
    await countries.load();
    this.#takeLetter(await api.letter());
  }

  /** The institutions, the sendings, the publications and the press release made from them. */
  protected async read(): Promise<void> {
    const [institutions, sendings, outline, press] = await Promise.all([
      api.institutions(),
      api.sendings(),
      api.reportOutline(),
      api.pressRelease(),
    ]);
    this.institutions = institutions;
    this.sendings = sendings;
    this.final = [...outline.publications].reverse().find((p) => p.version === "final") ?? null;
    if (this.sending.institution === "" && institutions.length > 0) this.sending.institution = institutions[0].id;
    this.press = press;
    this.pressHtml = await api.renderMarkdown(press);
  }

  #takeLetter(letter: LetterView): void {
    this.letter = letter;
    this.template = letter.template;
    this.signatory = letter.signatory;
  }

  /** Saves the letter (the built-in one stays built-in while its text is untouched). */
  async saveLetter(): Promise<void> {
    const letter = this.letter;
    if (!letter || this.savingLetter) return;
    const template = letter.built_in && this.template === letter.template ? null : this.template;
    await this.#storeLetter(template, "Cover letter saved.");
  }

  /** Goes back to the built-in letter, keeping the signatory. */
  async resetLetter(): Promise<void> {
    await this.#storeLetter(null, "The built-in letter is used again.");
  }

  async #storeLetter(template: string | null, done: string): Promise<void> {
    this.savingLetter = true;
    this.letterError = null;
    app.saving += 1;
    try {
      this.#takeLetter(await api.setLetter(template, this.signatory));
      app.showNotice(done);
    } catch (raw) {
      this.letterError = sentence(api.toApiError(raw).message);
    } finally {
      this.savingLetter = false;
      app.saving -= 1;
    }
  }

  /** Asks for a folder and writes the letters (unsaved changes to the letter are saved first). */
  async writeLetters(): Promise<void> {
    if (this.writing) return;
    if (this.letterDirty) {
      await this.saveLetter();
      if (this.letterError !== null) return;
    }
    this.writing = true;
    const result = await app.mutate(() => api.writeLetters());
    this.writing = false;
    if (result.ok && result.value) this.written = result.value;
  }

  /** Logs a sending; a refusal shows beside the form. */
  async recordSending(): Promise<void> {
    const s = this.sending;
    if (this.recording) return;
    if (s.institution === "") {
      this.sendingError = "Pick the institution the output was sent to.";
      return;
    }
    if (!isIsoDate(s.sent_on)) {
      this.sendingError = "Give the day it was sent.";
      return;
    }
    const institution = s.institution;
    this.recording = true;
    const result = await app.mutate(() => api.recordSending(institution, s.sent_on, s.channel, s.note.trim()), true);
    this.recording = false;
    if (!result.ok) {
      this.sendingError = sentence(result.error.message);
      return;
    }
    this.sendingError = null;
    this.sending = { ...this.sending, note: "" };
    await this.refresh();
  }

  async deleteSending(id: number): Promise<void> {
    const result = await app.mutate(() => api.deleteSending(id));
    if (result.ok) await this.refresh();
  }

  async exportPress(): Promise<void> {
    if (this.exportingPress) return;
    this.exportingPress = true;
    app.dismissError();
    try {
      const path = await api.exportPressRelease();
      if (path) app.showNotice(`Press-release draft saved to ${path}`);
    } catch (raw) {
      app.showError(raw);
    } finally {
      this.exportingPress = false;
    }
  }
}

export const dissemination = new DisseminationState();
