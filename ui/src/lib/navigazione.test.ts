import { describe, expect, it } from "vitest";
import { indirizzo, leggi } from "./navigazione.svelte";

describe("routes", () => {
  it("reads and writes hash routes", () => {
    expect(leggi("#/servizi/abc")).toEqual({ schermata: "servizi", id: "abc", sotto: null });
    expect(leggi("#/servizi/nuovo/int1")).toEqual({ schermata: "servizi", id: "nuovo", sotto: "int1" });
    expect(leggi("")).toEqual({ schermata: "oggi", id: null, sotto: null });
    expect(leggi("#/boh/1")).toEqual({ schermata: "oggi", id: null, sotto: null });
    expect(indirizzo("incontri", "nuovo", "s1")).toBe("#/incontri/nuovo/s1");
    expect(leggi(indirizzo("destinatari", "x y"))).toEqual({ schermata: "destinatari", id: "x y", sotto: null });
  });
});
