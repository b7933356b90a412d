import { describe, expect, it } from "vitest";
import { chiave, daInviare, forzabile, ostacolo, scelteDaInviare, valoreChiave, type DaDecidere, type Piano, type RigaPiano } from "./importa";

const riga = (n: number, esito: RigaPiano["esito"], forz = false): RigaPiano => ({
  riga: n, esito, destinatario_id: null, dati: null,
  dati_peculiari: { classe: 3, sezione: "A", titolo_studio: null, condizione_occupazionale: null, disabilita: false, condizione_abitativa: null, disperso: false },
  segnalazioni: forz ? [{ code: "DES-01", severity: "errore", cella: "A3", messaggio: "CF", forzabile: true }] : [],
});

const piano = (righe: RigaPiano[]): Piano => ({
  servizio_id: "s", foglio: "", riga_intestazione: 1, colonne: [], righe,
  nuovi: righe.filter((r) => r.esito === "nuovo").length, esistenti: 0, gia_iscritti: 0,
  errori: righe.filter((r) => r.esito === "errore").length, avvisi: 0, da_decidere: [], impronta: "abc",
});

describe("import forzature", () => {
  it("sends only the forzature with a reason, by row", () => {
    expect(daInviare({ 5: { attiva: true, motivo: " CF provvisorio " }, 3: { attiva: true, motivo: "x" }, 4: { attiva: false, motivo: "y" }, 6: { attiva: true, motivo: "" } }))
      .toEqual([{ riga: 3, motivo: "x" }, { riga: 5, motivo: "CF provvisorio" }]);
  });

  it("offers a forzatura where the core allows it or it is already forced", () => {
    expect(forzabile(riga(3, "errore", true), {})).toBe(true);
    expect(forzabile(riga(3, "nuovo"), {})).toBe(false);
    expect(forzabile(riga(3, "nuovo"), { 3: { attiva: true, motivo: "m" } })).toBe(true);
  });

  it("confirms only the plan the user saw", () => {
    const p = piano([riga(2, "nuovo"), riga(3, "errore", true)]);
    expect(ostacolo(null, {}, "[]")).toMatch(/anteprima/);
    expect(ostacolo(p, {}, "[]")).toBeNull();
    expect(ostacolo(p, { 3: { attiva: true, motivo: "" } }, "[]")).toMatch(/motivo/);
    expect(ostacolo(p, { 3: { attiva: true, motivo: "m" } }, "[]")).toMatch(/rifai l'anteprima/);
    expect(ostacolo(p, { 3: { attiva: true, motivo: "m" } }, chiave([{ riga: 3, motivo: "m" }]))).toBeNull();
    expect(ostacolo(piano([riga(3, "errore", true)]), {}, "[]")).toMatch(/Nessuna riga/);
  });
});

describe("values not recognised", () => {
  // `chiave` as the core folds the value (tests/import_destinatari.rs checks the folding).
  const d = (valore: string): DaDecidere => ({
    campo: "titolo_studio", intestazione: "Titolo di studio", colonna: "F", valore,
    chiave: valore.trim().split(/\s+/).join(" ").toLowerCase(), righe: 3, ammessi: [["licenza_media", "Licenza media (ISCED 2)"]],
  });

  it("keys a value by the core's folded key within its field, and sends each decision once", () => {
    expect(valoreChiave(d(" Terza  MEDIA "))).toBe(valoreChiave(d("terza media")));
    expect(valoreChiave(d("Boh"))).not.toBe(valoreChiave({ ...d("Boh"), campo: "condizione_abitativa" }));
    const scelte = { [valoreChiave(d("Terza media"))]: "licenza_media", [valoreChiave(d("Boh"))]: "" };
    expect(scelteDaInviare(scelte, [d("Terza media"), d("Boh"), d("Altro")])).toEqual([
      { campo: "titolo_studio", valore: "Terza media", voce: "licenza_media" },
      { campo: "titolo_studio", valore: "Boh", voce: null },
    ]);
  });

  it("waits for every value to be decided", () => {
    const p = { ...piano([riga(2, "nuovo")]), da_decidere: [d("Boh")] };
    expect(ostacolo(p, {}, "[]")).toMatch(/Decidi/);
    expect(ostacolo({ ...p, da_decidere: [] }, {}, "[]x", "x")).toBeNull();
  });
});
