// Display helpers: dates dd/mm/yyyy, times HH:MM, durations. Display only.
import type { StatoServizio } from "../bindings/StatoServizio";
import type { StatoIntervento } from "../bindings/StatoIntervento";
import type { StatoIncontro } from "../bindings/StatoIncontro";
import type { TipoEnte } from "../bindings/TipoEnte";
import type { TitoloStudio } from "../bindings/TitoloStudio";
import type { CondizioneOccupazionale } from "../bindings/CondizioneOccupazionale";
import type { Esito } from "../bindings/Esito";

/** `2026-03-10` → `10/03/2026`; anything else unchanged. */
export function data(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** `11:00:00` → `11:00`. */
export function ora(t: string | null | undefined): string {
  if (!t) return "";
  const m = /^(\d{1,2}):(\d{2})/.exec(t);
  return m ? `${m[1].padStart(2, "0")}:${m[2]}` : t;
}

/** Minutes since midnight of `HH:MM[:SS]`, or null. */
export function minutiDi(t: string | null | undefined): number | null {
  if (!t) return null;
  const m = /^(\d{1,2}):(\d{2})/.exec(t);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

/** End − start in minutes, for the preview beside the times; null when not computable. */
export function durataTra(inizio: string | null | undefined, fine: string | null | undefined): number | null {
  const a = minutiDi(inizio);
  const b = minutiDi(fine);
  if (a === null || b === null) return null;
  return b - a;
}

/** `90` → `1 h 30 min`. */
export function durata(minuti: number | null | undefined): string {
  if (minuti === null || minuti === undefined) return "";
  if (minuti < 0) return `${minuti} min`;
  const h = Math.floor(minuti / 60);
  const m = minuti % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Hours as typed (`1,5` or `1.5`) → minutes; null when empty or unreadable. */
export function oreInMinuti(testo: string): number | null {
  const t = testo.trim().replace(",", ".");
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? Math.round(n * 60) : null;
}

/** Minutes → hours as an Italian decimal (`90` → `1,5`). */
export function minutiInOre(minuti: number | null | undefined): string {
  if (minuti === null || minuti === undefined) return "";
  return String(Math.round((minuti / 60) * 100) / 100).replace(".", ",");
}

/** A whole number from a field, or null when empty. */
export function intero(testo: string | number | null | undefined): number | null {
  if (testo === null || testo === undefined) return null;
  const t = String(testo).trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isInteger(n) ? n : null;
}

/** Empty text → null, for optional fields of the core. */
export function testo(t: string | null | undefined): string | null {
  const v = (t ?? "").trim();
  return v === "" ? null : v;
}

export const STATI_SERVIZIO: Record<StatoServizio, string> = {
  in_definizione: "In definizione",
  in_corso: "In corso",
  chiuso: "Chiuso",
};

export const STATI_INTERVENTO: Record<StatoIntervento, string> = { bozza: "Bozza", attivo: "Attivo" };

export const STATI_INCONTRO: Record<StatoIncontro, string> = { aperto: "Aperto", chiuso: "Chiuso" };

export const TIPI_ENTE: Record<TipoEnte, string> = {
  scuola: "Scuola",
  universita: "Università",
  azienda: "Azienda",
  cpi: "Centro per l'impiego",
  informagiovani: "Informagiovani",
  sli: "SLI",
  its: "ITS",
  comune: "Comune",
  fondazione: "Fondazione",
  associazione: "Associazione",
  ente_formativo: "Ente formativo",
  altro: "Altro",
};

export const TITOLI_STUDIO: Record<TitoloStudio, string> = {
  nessuno: "Nessuno",
  licenza_elementare: "Licenza elementare",
  licenza_media: "Licenza media",
  qualifica: "Qualifica",
  diploma: "Diploma",
  post_diploma: "Post-diploma",
  terziario: "Terziario",
};

export const CONDIZIONI_OCCUPAZIONALI: Record<CondizioneOccupazionale, string> = {
  studente: "Studente",
  in_cerca_prima_occupazione: "In cerca di prima occupazione",
  disoccupato: "Disoccupato",
  occupato: "Occupato",
  inattivo: "Inattivo",
};

export const ESITI_IMPORT: Record<Esito, string> = {
  nuovo: "Nuovo",
  esistente: "Già in anagrafica",
  gia_iscritto: "Già iscritto",
  errore: "Errore",
};

/** The school year a day falls in, as the core writes it: 1 September starts the next ("2026/27"). */
export function annoScolastico(giorno: string): string {
  const [a, m] = giorno.split("-").map(Number);
  const inizio = m >= 9 ? a : a - 1;
  return `${inizio}/${String((inizio + 1) % 100).padStart(2, "0")}`;
}
