// The countries BPF Desk knows, with their UN regional group: read once, shared by every form
// with a country field and every table that shows a country's name from its code.

import * as api from "./api";
import type { Country } from "./bindings/Country";
import { fold } from "./format";

class CountryList {
  list = $state<Country[]>([]);
  readonly #byCode = $derived(new Map(this.list.map((c) => [c.code, c])));

  /** Reads the list the first time it is needed (a failure leaves it empty and is thrown). */
  async load(): Promise<void> {
    if (this.list.length === 0) this.list = await api.countries();
  }

  /** The country as typed in a form, if the list knows it by name or code. */
  find(typed: string): Country | null {
    const t = fold(typed);
    if (t === "") return null;
    return this.list.find((c) => fold(c.name) === t || c.code.toLowerCase() === t) ?? null;
  }

  /** A country's name from its ISO code (the code itself when the list does not know it). */
  name(code: string): string {
    return this.#byCode.get(code)?.name ?? code;
  }
}

export const countries = new CountryList();
