import { describe, expect, it } from "vitest";
import { annoScolastico, data, durata, durataTra, intero, minutiInOre, ora, oreInMinuti, testo } from "./formato";

describe("display formats", () => {
  it("writes dates and times the Italian way", () => {
    expect(data("2026-03-10")).toBe("10/03/2026");
    expect(data(null)).toBe("");
    expect(ora("11:00:00")).toBe("11:00");
    expect(ora("9:05")).toBe("09:05");
  });

  it("previews the duration between start and end", () => {
    expect(durataTra("09:00", "10:30")).toBe(90);
    expect(durataTra("11:00:00", "13:00:00")).toBe(120);
    expect(durataTra("10:00", "09:00")).toBe(-60);
    expect(durataTra("", "09:00")).toBeNull();
    expect(durata(90)).toBe("1 h 30 min");
    expect(durata(120)).toBe("2 h");
    expect(durata(45)).toBe("45 min");
  });

  it("reads hours and numbers as typed", () => {
    expect(oreInMinuti("1,5")).toBe(90);
    expect(oreInMinuti("4")).toBe(240);
    expect(oreInMinuti("")).toBeNull();
    expect(oreInMinuti("abc")).toBeNull();
    expect(minutiInOre(90)).toBe("1,5");
    expect(intero("")).toBeNull();
    expect(intero("0")).toBe(0);
    expect(intero("2.5")).toBeNull();
    expect(testo("  ")).toBeNull();
  });

  it("names the school year of a day, September to August", () => {
    expect(annoScolastico("2026-12-03")).toBe("2026/27");
    expect(annoScolastico("2027-08-31")).toBe("2026/27");
    expect(annoScolastico("2027-09-01")).toBe("2027/28");
    expect(annoScolastico("2099-10-01")).toBe("2099/00");
  });
});
