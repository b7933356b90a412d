// The participants import: preview, forzature (DES-01) with their reason, confirm.
// The core plans and decides; these helpers only keep what the user asked for.
import type { Output, Input } from "./api";

export type Piano = Output<"importa_destinatari">["piano"];
export type RigaPiano = Piano["righe"][number];
export type ForzaturaRiga = Input<"importa_destinatari">["forzature"][number];
export type DaDecidere = Piano["da_decidere"][number];
export type SceltaValore = Input<"importa_destinatari">["scelte"][number];

/** Per value not recognised (`valoreChiave`): the vocabulary code chosen, or "" to leave it empty. */
export type Scelte = Record<string, string>;

/** One key per field and value: the core's folded `chiave` within its field. */
export function valoreChiave(d: DaDecidere): string {
  return `${d.campo}|${d.chiave}`;
}

/** The decisions to send, for the values seen in previews. */
export function scelteDaInviare(s: Scelte, visti: DaDecidere[]): SceltaValore[] {
  return visti
    .filter((d) => valoreChiave(d) in s)
    .map((d) => ({ campo: d.campo, valore: d.valore, voce: s[valoreChiave(d)] || null }));
}

/** Per row: whether the user forces its codice fiscale, and why. */
export type Forzature = Record<number, { attiva: boolean; motivo: string }>;

/** The forzature to send: the active ones with a reason, by row. */
export function daInviare(f: Forzature): ForzaturaRiga[] {
  return Object.entries(f)
    .filter(([, v]) => v.attiva && v.motivo.trim() !== "")
    .map(([riga, v]) => ({ riga: Number(riga), motivo: v.motivo.trim() }))
    .sort((a, b) => a.riga - b.riga);
}

/** A key to tell whether the forzature changed since the preview. */
export function chiave(f: ForzaturaRiga[]): string {
  return JSON.stringify(f);
}

/** Whether the row offers a forzatura: the core said so, or it is already forced. */
export function forzabile(r: RigaPiano, f: Forzature): boolean {
  return r.segnalazioni.some((s) => s.forzabile) || (f[r.riga]?.attiva ?? false);
}

/** Rows marked to force but without a reason yet. */
export function senzaMotivo(f: Forzature): number[] {
  return Object.entries(f)
    .filter(([, v]) => v.attiva && v.motivo.trim() === "")
    .map(([riga]) => Number(riga));
}

/** What stops the confirmation, in Italian; null when the plan can be applied. */
export function ostacolo(piano: Piano | null, f: Forzature, inviateAnteprima: string, scelte = ""): string | null {
  if (!piano) return "Prima fai l'anteprima.";
  if (senzaMotivo(f).length > 0) return `Indica il motivo della forzatura (righe ${senzaMotivo(f).join(", ")}).`;
  if (chiave(daInviare(f)) + scelte !== inviateAnteprima) return "Hai cambiato forzature o valori: rifai l'anteprima per vedere il piano aggiornato.";
  if (piano.da_decidere.length > 0) return `Decidi che cosa significano ${piano.da_decidere.length === 1 ? "il valore non riconosciuto" : `i ${piano.da_decidere.length} valori non riconosciuti`}, poi rifai l'anteprima.`;
  if (piano.nuovi + piano.esistenti === 0) return "Nessuna riga da iscrivere.";
  return null;
}
