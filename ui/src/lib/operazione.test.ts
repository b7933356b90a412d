import { describe, expect, it } from "vitest";
import { Rifiuto } from "./api";
import { Operazione } from "./operazione.svelte";

describe("Operazione", () => {
  it("keeps the value and the warnings of a success", async () => {
    const op = new Operazione();
    const w = { code: "SER-10" as const, severity: "avviso" as const, message: "m", record: null, field: "numero_destinatari", forzabile: false };
    const v = await op.esegui(async () => ({ value: 42, warnings: [w] }));
    expect(v).toBe(42);
    expect(op.avvisi).toEqual([w]);
    expect(op.campo("numero_destinatari")).toEqual([w]);
    expect(op.errori).toEqual([]);
  });

  it("puts a rules refusal beside the fields", async () => {
    const op = new Operazione();
    const v = await op.esegui(async () => {
      throw new Rifiuto({
        kind: "regole",
        findings: [
          { code: "INC-01", severity: "errore", message: "fine", record: null, field: "ora_fine", forzabile: false },
          { code: "INC-08", severity: "errore", message: "sovrapposto", record: null, field: null, forzabile: false },
        ],
      });
    });
    expect(v).toBeUndefined();
    expect(op.campo("ora_fine").map((f) => f.code)).toEqual(["INC-01"]);
    expect(op.altre(["ora_fine"]).map((f) => f.code)).toEqual(["INC-08"]);
    expect(op.inCorso).toBe(false);
  });

  it("turns bad data about a field into a finding beside it, other errors into a message", async () => {
    const op = new Operazione();
    await op.esegui(async () => {
      throw new Rifiuto({ kind: "dati", message: "Data non valida", field: "data" });
    });
    expect(op.campo("data")[0]).toMatchObject({ code: "DATI", message: "Data non valida" });
    await op.esegui(async () => {
      throw new Rifiuto({ kind: "database", message: "Disco pieno" });
    });
    expect(op.messaggio).toBe("Disco pieno");
    expect(op.errori).toEqual([]);
  });
});
