import { describe, expect, it, vi } from "vitest";
import { alterna, tastoElenco } from "./elenco";

const tasto = (key: string) => new KeyboardEvent("keydown", { key, cancelable: true });

describe("list of suggestions", () => {
  it("moves round the list, picks with Enter, closes with Escape", () => {
    const scegli = vi.fn();
    const chiudi = vi.fn();
    expect(tastoElenco(tasto("ArrowDown"), 3, 2, scegli)).toBe(0);
    expect(tastoElenco(tasto("ArrowUp"), 3, 0, scegli)).toBe(2);
    const invio = tasto("Enter");
    expect(tastoElenco(invio, 3, 1, scegli)).toBe(1);
    expect(scegli).toHaveBeenCalledWith(1);
    expect(invio.defaultPrevented).toBe(true);
    tastoElenco(tasto("Escape"), 3, 1, scegli, chiudi);
    expect(chiudi).toHaveBeenCalled();
    expect(tastoElenco(tasto("ArrowDown"), 0, 0, scegli)).toBe(0);
  });
});

describe("alterna", () => {
  it("adds an absent id and removes a present one", () => {
    expect(alterna(["a"], "b")).toEqual(["a", "b"]);
    expect(alterna(["a", "b"], "a")).toEqual(["b"]);
  });
});
