// Where the user is: a hash route (`#/servizi/ID`), so Back works and a
// WebDriver test can open a screen directly.

export type Schermata =
  | "oggi"
  | "interventi"
  | "servizi"
  | "incontri"
  | "destinatari"
  | "enti"
  | "catalogo"
  | "modelli"
  | "indicatori"
  | "scambio"
  | "impostazioni";

export const SCHERMATE: { id: Schermata; nome: string }[] = [
  { id: "oggi", nome: "Oggi" },
  { id: "interventi", nome: "Interventi" },
  { id: "servizi", nome: "Servizi" },
  { id: "incontri", nome: "Incontri" },
  { id: "destinatari", nome: "Destinatari" },
  { id: "enti", nome: "Enti" },
  { id: "catalogo", nome: "Catalogo" },
  { id: "modelli", nome: "Modelli" },
  { id: "indicatori", nome: "Indicatori" },
  { id: "scambio", nome: "Scambio dati" },
  { id: "impostazioni", nome: "Impostazioni" },
];

export interface Rotta {
  schermata: Schermata;
  /** A record id, or `nuovo`. */
  id: string | null;
  /** A further segment: the parent of a new record (`#/servizi/nuovo/INTERVENTO`). */
  sotto: string | null;
}

export function leggi(hash: string): Rotta {
  const parti = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const s = parti[0] as Schermata;
  const nota = SCHERMATE.some((x) => x.id === s);
  return { schermata: nota ? s : "oggi", id: nota ? (parti[1] ?? null) : null, sotto: nota ? (parti[2] ?? null) : null };
}

export function indirizzo(schermata: Schermata, id?: string | null, sotto?: string | null): string {
  let h = `#/${schermata}`;
  if (id) h += `/${encodeURIComponent(id)}`;
  if (id && sotto) h += `/${encodeURIComponent(sotto)}`;
  return h;
}

class Navigazione {
  rotta = $state<Rotta>(leggi(typeof location === "undefined" ? "" : location.hash));

  constructor() {
    if (typeof window !== "undefined") {
      window.addEventListener("hashchange", () => {
        this.rotta = leggi(location.hash);
      });
    }
  }

  vai(schermata: Schermata, id?: string | null, sotto?: string | null) {
    const h = indirizzo(schermata, id, sotto);
    if (location.hash !== h) location.hash = h;
    this.rotta = leggi(h);
  }
}

export const nav = new Navigazione();

/** Back where the user came from, or to the list of `schermata` on a first page. */
export function indietro(schermata: Schermata) {
  if (history.length > 1) history.back();
  else nav.vai(schermata);
}

/** A form's keys: Escape leaves it (`annulla`) without saving. */
export function esciConEsc(annulla: () => void) {
  return (ev: KeyboardEvent) => {
    if (ev.key === "Escape") {
      ev.preventDefault();
      annulla();
    }
  };
}
