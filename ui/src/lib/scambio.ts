// The exchange with the regional office: the merge plan as the core sends it,
// and the helpers that lay it out (per record type, fields side by side).
import type { AzioneUnione } from "../bindings/AzioneUnione";
import type { PianoUnione } from "../bindings/PianoUnione";
import type { EsitoUnione } from "../bindings/EsitoUnione";
import type { Conflitto } from "../bindings/Conflitto";
import { AZIONI_UNIONE } from "../bindings/etichette";

// The merge's plan and actions come from the bindings (generated from
// `src/scambio/unisci.rs`).
export type { AzioneUnione, PianoUnione, EsitoUnione };
export { AZIONI_UNIONE };
export type CambioUnione = PianoUnione["cambi"][number];

/** The exchange names tables, not only record kinds (its `tipo` is a string): the others show as they are. */
export const TIPI_RECORD: Record<string, string> = {
  rt: "RT",
  ente_attuatore: "Ente attuatore",
  sede: "Sede",
  orientatore: "Orientatore",
  ente: "Ente coinvolto",
  referente: "Referente",
  target: "Target",
  cms: "CMS",
  modello: "Modello",
  intervento: "Intervento",
  servizio: "Servizio",
  incontro: "Incontro",
  destinatario: "Destinatario",
  utente: "Utente",
};

export function tipoRecord(t: string): string {
  return TIPI_RECORD[t] ?? t;
}

/** One version of a record as the core stores it: the main row and the child tables. */
interface Contenuto {
  riga?: Record<string, unknown>;
  figli?: Record<string, unknown[]>;
}

/** Who wrote it and when: differs at every save, never a conflict by itself. */
export const METADATI = ["rev", "source", "updated_at", "updated_by"];

export interface RigaConfronto {
  campo: string;
  ufficio: string;
  sportello: string;
  diverso: boolean;
}

/** A value for a cell: empty as a dash, text as is, the rest as JSON. */
export function valore(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v === "" ? "—" : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

function campiDi(c: Contenuto | null): Map<string, unknown> {
  const m = new Map<string, unknown>();
  if (!c) return m;
  for (const [k, v] of Object.entries(c.riga ?? {})) m.set(k, v);
  for (const [k, v] of Object.entries(c.figli ?? {})) m.set(k, v);
  return m;
}

/**
 * The two versions field by field: the fields the core says differ first, then
 * the others (`tutti`), the who-wrote-it columns last.
 */
export function confronto(c: Conflitto, tutti = false): RigaConfronto[] {
  const u = campiDi(c.ufficio as Contenuto | null);
  const s = campiDi(c.arrivo as Contenuto | null);
  const diversi = c.campi.filter((k) => u.has(k) || s.has(k));
  const righe: RigaConfronto[] = diversi.map((k) => ({ campo: k, ufficio: valore(u.get(k)), sportello: valore(s.get(k)), diverso: true }));
  if (tutti) {
    const altri = [...new Set([...u.keys(), ...s.keys()])].filter((k) => !diversi.includes(k));
    altri.sort((a, b) => Number(METADATI.includes(a)) - Number(METADATI.includes(b)) || a.localeCompare(b));
    for (const k of altri) righe.push({ campo: k, ufficio: valore(u.get(k)), sportello: valore(s.get(k)), diverso: false });
  }
  return righe;
}


/** `18999` → `18,6 KB`. */
export function dimensione(byte: number): string {
  if (byte < 1024) return `${byte} byte`;
  const kb = byte / 1024;
  if (kb < 1024) return `${kb.toLocaleString("it-IT", { maximumFractionDigits: 1 })} KB`;
  return `${(kb / 1024).toLocaleString("it-IT", { maximumFractionDigits: 1 })} MB`;
}

/** `2026-11-25T08:10:50Z` → `25/11/2026 09:10` (local time). */
export function quando(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const due = (n: number) => String(n).padStart(2, "0");
  return `${due(d.getDate())}/${due(d.getMonth() + 1)}/${d.getFullYear()} ${due(d.getHours())}:${due(d.getMinutes())}`;
}
