// The monitoring screen's helpers: the default period, numbers in Italian, and
// the geometry of the hand-drawn bar charts (no chart library: the CSP allows
// nothing external, and a few rectangles do).

/** The school year holding `oggi` (`AAAA-MM-GG`): 1 September to 31 August. */
export function annoScolastico(oggi: string): { dal: string; al: string } {
  const m = /^(\d{4})-(\d{2})/.exec(oggi);
  const anno = m ? Number(m[1]) : new Date().getFullYear();
  const mese = m ? Number(m[2]) : new Date().getMonth() + 1;
  const inizio = mese >= 9 ? anno : anno - 1;
  return { dal: `${inizio}-09-01`, al: `${inizio + 1}-08-31` };
}

/** `1234.5` → `1.234,5`. */
export function numero(n: number, decimali = 2): string {
  return n.toLocaleString("it-IT", { maximumFractionDigits: decimali });
}

/** `1234.5` → `1.234,50 €`. */
export function euro(n: number): string {
  return n.toLocaleString("it-IT", { style: "currency", currency: "EUR" });
}

export interface Voce {
  etichetta: string;
  valore: number;
}

export interface Barra extends Voce {
  /** Top of the bar's row. */
  y: number;
  /** Length of the bar, proportional to `valore` (the largest takes `larghezza`). */
  lunghezza: number;
}

/**
 * Bars of a horizontal chart: one row of `altezzaRiga` per voce, lengths in
 * proportion to the largest value. Negative or missing values draw nothing.
 */
export function barre(voci: Voce[], larghezza: number, altezzaRiga: number): Barra[] {
  const valori = voci.map((v) => (Number.isFinite(v.valore) && v.valore > 0 ? v.valore : 0));
  const massimo = Math.max(0, ...valori);
  return voci.map((v, i) => ({
    ...v,
    y: i * altezzaRiga,
    lunghezza: massimo > 0 ? (valori[i] / massimo) * larghezza : 0,
  }));
}

/** A label cut to `max` characters, with an ellipsis. */
export function accorcia(testo: string, max: number): string {
  return testo.length <= max ? testo : testo.slice(0, Math.max(1, max - 1)).trimEnd() + "…";
}
