// The home screen's state: where the BPF stands today, read again whenever the plan changes.

import * as api from "./api";
import type { Home } from "./bindings/Home";
import { ViewState } from "./viewState.svelte";

class HomeState extends ViewState {
  home = $state<Home | null>(null);

  protected reset(): void {
    this.home = null;
  }

  protected async read(): Promise<void> {
    this.home = await api.home();
  }
}

export const home = new HomeState();
