// The one door to the core: every screen calls `chiama(operazione, input)`.
// Names, inputs and outputs come from the generated bindings (src/bindings,
// generated from the Rust types by `tests/bindings.rs`), so a call that does
// not match the core does not compile.
import { invoke, Channel } from "@tauri-apps/api/core";
import type { Operazioni, NomeOperazione } from "../bindings/operazioni";
import type { Error as ErroreCore } from "../bindings/Error";
import type { Finding } from "../bindings/Finding";
import type { Outcome } from "../bindings/Outcome";
import type { Avanzamento } from "../bindings/Avanzamento";
import type { InfoSessione } from "../bindings/InfoSessione";

export type Input<K extends NomeOperazione> = Operazioni[K]["input"];
export type Output<K extends NomeOperazione> = Operazioni[K]["output"];

/** The core's answer: the value and the warnings the rules raised on the way. */

/** A refusal from the core, in its own shape (rule findings, not found, bad data…). */
export class Rifiuto extends Error {
  constructor(public readonly errore: ErroreCore) {
    super(messaggio(errore));
  }
  /** The rule findings, when a rule refused the operation. */
  get findings(): Finding[] {
    return this.errore.kind === "regole" ? this.errore.findings : [];
  }
}

/** The Italian text of a core error, for a banner. */
export function messaggio(e: ErroreCore): string {
  return e.kind === "regole" ? e.findings.map((f) => `${f.code}: ${f.message}`).join("\n") : e.message;
}

function rifiuto(e: unknown): never {
  if (e && typeof e === "object" && "kind" in e) throw new Rifiuto(e as ErroreCore);
  throw new Rifiuto({ kind: "dati", message: String(e), field: null });
}

export async function chiama<K extends NomeOperazione>(operazione: K, input: Input<K>): Promise<Outcome<Output<K>>> {
  try {
    return await invoke<Outcome<Output<K>>>("chiama", { operazione, input });
  } catch (e) {
    rifiuto(e);
  }
}

/** For imports and batch prints: `progresso` is called as the core advances. */
export async function chiamaConAvanzamento<K extends NomeOperazione>(
  operazione: K,
  input: Input<K>,
  progresso: (a: Avanzamento) => void,
): Promise<Outcome<Output<K>>> {
  const avanzamento = new Channel<Avanzamento>();
  avanzamento.onmessage = progresso;
  try {
    return await invoke<Outcome<Output<K>>>("chiama_con_avanzamento", { operazione, input, avanzamento });
  } catch (e) {
    rifiuto(e);
  }
}

/** The session: database path, today, whether the database is empty. */
export const info = () => invoke<InfoSessione>("info");

/** Opens a file (a printed register) with the system's viewer. */
export const apri = (percorso: string) => invoke<void>("apri", { percorso });

// The login, before any `chiama`: the window holds no open database until then.
import type { StatoAccesso } from "../bindings/StatoAccesso";
import type { NuovoUtente } from "../bindings/NuovoUtente";

async function conRifiuto<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    rifiuto(e);
  }
}

/** Set-up, protection or login, and who is logged in. */
export const statoAccesso = () => conRifiuto(invoke<StatoAccesso>("stato_accesso"));
/** Logs in with a user name and password. */
export const accedi = (nome_utente: string, password: string) =>
  conRifiuto(invoke<StatoAccesso>("accedi", { credenziali: { nome_utente, password } }));
/** First start: the encrypted database and its first coordinatore; returns the recovery code. */
export const prepara = (primo: NuovoUtente) => conRifiuto(invoke<string>("prepara", { primo }));
/** Locks the window. */
export const esci = () => conRifiuto(invoke<StatoAccesso>("esci"));
/** Stops the long operation running (a batch print) at its next step. */
export const annulla = () => conRifiuto(invoke<void>("annulla"));
