import { describe, expect, it } from "vitest";
import { chiaveFirma, colonne, daApplicare, daRivedere, decisioniDaInviare, valore, type Firma, type PianoLettura } from "./lettura";

function firma(p: Partial<Firma>): Firma {
  return {
    pagina: 0,
    riga: 1,
    destinatario_id: "d1",
    incontro_id: "i1",
    nome: "Rossi Anna",
    data_incontro: "2026-11-20",
    presente: true,
    fiducia: 0.9,
    dubbia: false,
    inchiostro: 6,
    registrato: null,
    aperto: true,
    decisa: false,
    applicabile: true,
    nota: null,
    ritaglio: null,
    ...p,
  };
}

function piano(firme: Firma[]): PianoLettura {
  return { pagine: [], firme, pagine_lette: 1, pagine_scartate: 0, presenti: 0, assenti: 0, dubbie: 0, da_applicare: 0, impronta: "x" };
}

describe("la revisione di un registro riletto", () => {
  it("la parola di chi rivede prevale sulla proposta", () => {
    const f = firma({ presente: false, dubbia: true });
    expect(valore(f, {})).toBe(false);
    expect(daRivedere(f, {})).toBe(true);
    const decise = { [chiaveFirma(f)!]: true };
    expect(valore(f, decise)).toBe(true);
    expect(daRivedere(f, decise)).toBe(false);
    expect(decisioniDaInviare(piano([f]), decise)).toEqual([{ destinatario_id: "d1", incontro_id: "i1", presente: true }]);
  });

  it("le caselle sono raggruppate per incontro, quello sullo schermo prima, righe in ordine", () => {
    const p = piano([
      firma({ incontro_id: "i1", data_incontro: "2026-11-10", riga: 2, destinatario_id: "d2" }),
      firma({ incontro_id: "i2", data_incontro: "2026-11-01", riga: 1 }),
      firma({ incontro_id: "i1", data_incontro: "2026-11-10", riga: 1 }),
      firma({ incontro_id: null, riga: 3 }),
    ]);
    expect(colonne(p).map((c) => c.incontroId)).toEqual(["i2", "i1"]);
    const [prima] = colonne(p, "i1");
    expect(prima.incontroId).toBe("i1");
    expect(prima.firme.map((f) => f.riga)).toEqual([1, 2]);
  });

  it("si applicano le caselle sicure e quelle decise, solo sugli incontri aperti", () => {
    const incerta = firma({ dubbia: true, applicabile: false, destinatario_id: "d2" });
    const chiusa = firma({ aperto: false, applicabile: false, destinatario_id: "d3" });
    const p = piano([firma({}), incerta, chiusa]);
    expect(daApplicare(p, {})).toBe(1);
    expect(daApplicare(p, { [chiaveFirma(incerta)!]: false })).toBe(2);
  });
});
