// The keys of a list of suggestions under an input (people, enti, places):
// ↑/↓ move, Enter picks without submitting the form, Escape closes.

/** Handles one key; returns the new active index. */
export function tastoElenco(
  ev: KeyboardEvent,
  n: number,
  attivo: number,
  scegli: (i: number) => void,
  chiudi?: () => void,
): number {
  if (n === 0) return attivo;
  switch (ev.key) {
    case "ArrowDown":
      ev.preventDefault();
      return (attivo + 1) % n;
    case "ArrowUp":
      ev.preventDefault();
      return (attivo - 1 + n) % n;
    case "Enter":
      ev.preventDefault();
      ev.stopPropagation();
      scegli(attivo);
      return attivo;
    case "Escape":
      if (chiudi) {
        ev.stopPropagation();
        chiudi();
      }
      return attivo;
    default:
      return attivo;
  }
}

/** A checkbox list's value after clicking `id`: added if absent, removed if present. */
export function alterna(lista: readonly string[], id: string): string[] {
  return lista.includes(id) ? lista.filter((x) => x !== id) : [...lista, id];
}
