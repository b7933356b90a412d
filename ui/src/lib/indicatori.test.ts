import { describe, expect, it } from "vitest";
import { accorcia, annoScolastico, barre, euro, numero } from "./indicatori";

describe("indicatori helpers", () => {
  it("takes the school year from 1 September", () => {
    expect(annoScolastico("2026-11-25")).toEqual({ dal: "2026-09-01", al: "2027-08-31" });
    expect(annoScolastico("2026-09-01")).toEqual({ dal: "2026-09-01", al: "2027-08-31" });
    expect(annoScolastico("2026-08-31")).toEqual({ dal: "2025-09-01", al: "2026-08-31" });
    expect(annoScolastico("2027-01-10")).toEqual({ dal: "2026-09-01", al: "2027-08-31" });
  });

  it("scales bars to the largest value, ignoring negatives", () => {
    const b = barre(
      [
        { etichetta: "a", valore: 4 },
        { etichetta: "b", valore: 8 },
        { etichetta: "c", valore: -3 },
      ],
      200,
      20,
    );
    expect(b.map((x) => x.lunghezza)).toEqual([100, 200, 0]);
    expect(b.map((x) => x.y)).toEqual([0, 20, 40]);
    expect(barre([], 200, 20)).toEqual([]);
  });

  it("writes numbers and euro in Italian", () => {
    expect(numero(12345.5)).toBe("12.345,5");
    expect(numero(10)).toBe("10");
    expect(euro(12345.5).replace(/\s/g, " ")).toBe("12.345,50 €");
    expect(accorcia("abcdef", 4)).toBe("abc…");
    expect(accorcia("abc", 4)).toBe("abc");
  });
});
