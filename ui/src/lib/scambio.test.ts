import { describe, expect, it } from "vitest";
import { confronto, dimensione } from "./scambio";

const conflitto = {
  tipo: "destinatario", id: "d1", nome: "Rossi Anna", origine: "desk", seq: 3, campi: ["telefono", "iscrizioni"], file: null,
  ufficio: { riga: { cognome: "Rossi", nome: "Anna", telefono: "333", email: null, rev: 4 }, figli: { iscrizioni: [["s1", 3]] } },
  arrivo: { riga: { cognome: "Rossi", nome: "Anna", telefono: "334", email: null, rev: 2 } },
};

describe("scambio helpers", () => {
  it("lays the two versions side by side, the differing fields first, metadata last", () => {
    expect(confronto(conflitto)).toEqual([
      { campo: "telefono", ufficio: "333", sportello: "334", diverso: true },
      { campo: "iscrizioni", ufficio: '[["s1",3]]', sportello: "—", diverso: true },
    ]);
    expect(confronto(conflitto, true).map((r) => r.campo)).toEqual(["telefono", "iscrizioni", "cognome", "email", "nome", "rev"]);
    expect(confronto({ ...conflitto, arrivo: null, campi: ["(cancellato)"] })).toEqual([]);
  });

  it("writes sizes", () => {
    expect(dimensione(500)).toBe("500 byte");
    expect(dimensione(18999)).toBe("18,6 KB");
  });
});
