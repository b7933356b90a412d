// Display helpers: dates dd/mm/yyyy, times HH:MM, durations. Display only.
// The labels of the closed vocabularies are generated: ../bindings/etichette.ts.

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

/** The school year a day falls in, as the core writes it: 1 September starts the next ("2026/27"). */
export function annoScolastico(giorno: string): string {
  const [a, m] = giorno.split("-").map(Number);
  const inizio = m >= 9 ? a : a - 1;
  return `${inizio}/${String((inizio + 1) % 100).padStart(2, "0")}`;
}
