// The state of one action of a screen (a save, an activation…): what the core
// refused (findings by field), its warnings, and whether it is running.
import { Rifiuto } from "./api";
import type { Outcome } from "../bindings/Outcome";
import type { Segnalazione } from "./segnalazioni";
import { perCampo, senzaCampo } from "./segnalazioni";

export class Operazione {
  /** Blocking findings of the last refusal (kind `regole`). */
  errori = $state<Segnalazione[]>([]);
  /** Warnings returned with the last success: shown, never blocking. */
  avvisi = $state<Segnalazione[]>([]);
  /** A refusal that is not about rules (not found, database, bad data…). */
  messaggio = $state<string | null>(null);
  /** The core's kind of that refusal (`file_rifiutato`, `database`…), for the banner. */
  tipo = $state<string | null>(null);
  inCorso = $state(false);

  /** Errors and warnings together, errors first. */
  get tutte(): Segnalazione[] {
    return [...this.errori, ...this.avvisi];
  }

  pulisci() {
    this.errori = [];
    this.avvisi = [];
    this.messaggio = null;
    this.tipo = null;
  }

  /** Runs a call of the core; the value on success, `undefined` on a refusal (shown by the screen). */
  async esegui<T>(chiamata: () => Promise<Outcome<T>>): Promise<T | undefined> {
    this.pulisci();
    this.inCorso = true;
    try {
      const esito = await chiamata();
      this.avvisi = esito.warnings ?? [];
      return esito.value;
    } catch (e) {
      this.rifiutato(e);
      return undefined;
    } finally {
      this.inCorso = false;
    }
  }

  /** Records a refusal: rule findings by field, anything else as a message. */
  rifiutato(e: unknown) {
    if (e instanceof Rifiuto) {
      const err = e.errore;
      this.tipo = err.kind;
      if (err.kind === "regole") {
        this.errori = err.findings.filter((f) => f.severity === "errore");
        this.avvisi = err.findings.filter((f) => f.severity !== "errore");
        if (this.errori.length === 0 && this.avvisi.length > 0) {
          // A refusal with only non-blocking findings: still a refusal.
          this.errori = this.avvisi;
          this.avvisi = [];
        }
      } else if (err.kind === "dati" && err.field) {
        this.errori = [
          { code: "DATI", severity: "errore", message: err.message, record: null, field: err.field, forzabile: false },
        ];
      } else {
        this.messaggio = err.message;
      }
    } else {
      this.messaggio = e instanceof Error ? e.message : String(e);
    }
  }

  /** A refusal the screen finds itself, before any call (two passwords that differ). */
  rifiuta(message: string, field: string | null = null) {
    this.pulisci();
    this.rifiutato(new Rifiuto({ kind: "dati", message, field }));
  }

  /** The findings beside one field. */
  campo(nome: string): Segnalazione[] {
    return perCampo(this.tutte, nome);
  }

  /** The findings of no shown field, for the banner. */
  altre(campi: readonly string[]): Segnalazione[] {
    return senzaCampo(this.tutte, campi);
  }
}
