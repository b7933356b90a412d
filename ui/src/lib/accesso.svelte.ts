// Who is in the window: the login state from the shell, and the idle lock.
// After `blocco_minuti` without a key or a click the window locks: the shell
// closes the database and forgets its key until the next login.
import { accedi, esci, prepara, statoAccesso } from "./api";
import type { StatoAccesso } from "../bindings/StatoAccesso";
import type { NuovoUtente } from "../bindings/NuovoUtente";

const EVENTI = ["keydown", "pointerdown", "wheel"] as const;

class Accesso {
  stato = $state<StatoAccesso | null>(null);
  /** The recovery code just made at set-up, shown once until confirmed. */
  codiceRecupero = $state<string | null>(null);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ascolta = () => this.riarma();

  get utente() {
    return this.stato?.utente ?? null;
  }

  async carica() {
    this.stato = await statoAccesso();
    this.sorveglia();
  }

  async accedi(nome: string, password: string) {
    this.stato = await accedi(nome, password);
    this.sorveglia();
  }

  async prepara(primo: NuovoUtente) {
    this.codiceRecupero = await prepara(primo);
    this.stato = await statoAccesso();
    this.sorveglia();
  }

  async esci() {
    this.stato = await esci();
    this.sorveglia();
  }

  private sorveglia() {
    for (const e of EVENTI) window.removeEventListener(e, this.ascolta);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.utente) return;
    for (const e of EVENTI) window.addEventListener(e, this.ascolta, { passive: true });
    this.riarma();
  }

  private riarma() {
    if (this.timer) clearTimeout(this.timer);
    const minuti = this.stato?.blocco_minuti ?? 15;
    this.timer = setTimeout(() => void this.esci(), minuti * 60_000);
  }
}

export const accesso = new Accesso();
