// The review of a signed register read back (#13): the core proposes each
// box (present or absent, with a confidence); the reviewer confirms or flips
// any of them, doubtful ones first. These helpers only keep the reviewer's
// word and group the boxes as the paper has them, column by column.
import type { Output, Input } from "./api";

export type PianoLettura = Output<"leggi_registri">["piano"];
export type Firma = PianoLettura["firme"][number];
export type Decisione = Input<"leggi_registri">["decisioni"][number];

/** The reviewer's word per box (`chiaveFirma`): present or absent. */
export type Decise = Record<string, boolean>;

/** A box of a recorded person and incontro has a key; the others are only reported. */
export function chiaveFirma(f: Firma): string | null {
  return f.destinatario_id && f.incontro_id ? `${f.destinatario_id}|${f.incontro_id}` : null;
}

/** What the box will say once applied: the reviewer's word, else the proposal. */
export function valore(f: Firma, decise: Decise): boolean {
  const k = chiaveFirma(f);
  return k !== null && k in decise ? decise[k] : f.presente;
}

/** Whether the box still needs a look: doubtful and not decided. */
export function daRivedere(f: Firma, decise: Decise): boolean {
  const k = chiaveFirma(f);
  return f.dubbia && !(k !== null && k in decise);
}

/** One incontro's column on the paper: its boxes in the register's order. */
export interface Colonna {
  incontroId: string;
  data: string | null;
  aperto: boolean;
  firme: Firma[];
}

/** The boxes grouped by incontro (earliest first), rows in the register's order;
 * `primo` (the incontro on screen) comes first. Boxes of no recorded incontro are left out. */
export function colonne(piano: PianoLettura, primo: string | null = null): Colonna[] {
  const per = new Map<string, Colonna>();
  for (const f of piano.firme) {
    if (!f.incontro_id || !f.destinatario_id) continue;
    let c = per.get(f.incontro_id);
    if (!c) {
      c = { incontroId: f.incontro_id, data: f.data_incontro, aperto: f.aperto, firme: [] };
      per.set(f.incontro_id, c);
    }
    c.firme.push(f);
  }
  const tutte = [...per.values()];
  for (const c of tutte) c.firme.sort((a, b) => a.pagina - b.pagina || a.riga - b.riga);
  return tutte.sort(
    (a, b) => Number(b.incontroId === primo) - Number(a.incontroId === primo) || (a.data ?? "").localeCompare(b.data ?? ""),
  );
}

/** The decisions to send: every box the reviewer confirmed or flipped. */
export function decisioniDaInviare(piano: PianoLettura, decise: Decise): Decisione[] {
  const out: Decisione[] = [];
  for (const f of piano.firme) {
    const k = chiaveFirma(f);
    if (k !== null && k in decise) out.push({ destinatario_id: f.destinatario_id!, incontro_id: f.incontro_id!, presente: decise[k] });
  }
  return out;
}

/** How many boxes applying writes: those the core would apply, and those decided on open incontri
 * (the core says which are applicable: a blank column, a closed incontro are not). */
export function daApplicare(piano: PianoLettura, decise: Decise): number {
  return piano.firme.filter((f) => {
    const k = chiaveFirma(f);
    return k !== null && (f.applicabile || (f.aperto && k in decise));
  }).length;
}
