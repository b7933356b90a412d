import { describe, expect, it, vi } from "vitest";
import { createRawSnippet } from "svelte";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Tabella from "../Tabella.svelte";

type Riga = { id: string; nome: string };
const celle = createRawSnippet((r: () => Riga) => ({ render: () => `<td>${r().nome}</td>` }));
const base = { chiave: (r: Riga) => r.id, colonne: ["Nome"], celle, vuoto: "Nessuno.", testid: "riga" };

describe("a list of records", () => {
  it("opens the record of the row clicked", async () => {
    const apri = vi.fn();
    render(Tabella<Riga>, { ...base, righe: [{ id: "a", nome: "Anna" }, { id: "b", nome: "Bruno" }], apri });
    const righe = screen.getAllByTestId("riga");
    expect(righe.map((r) => [r.dataset.id, r.textContent])).toEqual([["a", "Anna"], ["b", "Bruno"]]);
    expect(righe[0].classList.contains("cliccabile")).toBe(true);
    await userEvent.setup().click(righe[1]);
    expect(apri).toHaveBeenCalledWith({ id: "b", nome: "Bruno" });
  });

  it("says there is nothing, but not while loading", () => {
    const { rerender } = render(Tabella<Riga>, { ...base, righe: [], attesa: true });
    expect(screen.queryByText("Nessuno.")).toBeNull();
    rerender({ ...base, righe: [], attesa: false });
    expect(screen.getByText("Nessuno.")).toBeTruthy();
  });
});
