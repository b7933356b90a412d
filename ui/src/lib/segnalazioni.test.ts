import { describe, expect, it } from "vitest";
import type { Code } from "../bindings/Code";
import type { Finding } from "../bindings/Finding";
import { blocca, concerne, perCampo, senzaCampo } from "./segnalazioni";

const f = (code: Code, field: string | null, severity: Finding["severity"] = "errore"): Finding => ({
  code, severity, message: `msg ${code}`, record: null, field, forzabile: false,
});

describe("findings by field", () => {
  it("matches the field, its sub-fields and its items", () => {
    expect(concerne(f("INC-02", "luogo"), "luogo")).toBe(true);
    expect(concerne(f("INC-02", "luogo.descrizione"), "luogo")).toBe(true);
    expect(concerne(f("INC-02", "presenze[2]"), "presenze")).toBe(true);
    expect(concerne(f("INC-02", "luogo_x"), "luogo")).toBe(false);
    expect(concerne(f("INC-02", null), "luogo")).toBe(false);
  });

  it("splits the findings between fields and the banner", () => {
    const all = [f("INC-01", "ora_fine"), f("INC-03", "orientatore_id"), f("INC-08", null), f("SER-10", "altro")];
    expect(perCampo(all, "ora_fine").map((x) => x.code)).toEqual(["INC-01"]);
    expect(senzaCampo(all, ["ora_fine", "orientatore_id"]).map((x) => x.code)).toEqual(["INC-08", "SER-10"]);
  });

  it("only errors block", () => {
    expect(blocca([f("INC-02", null, "avviso"), f("INC-06", null, "ritardo")])).toBe(false);
    expect(blocca([f("INC-02", null, "avviso"), f("INC-06", null, "errore")])).toBe(true);
  });
});
