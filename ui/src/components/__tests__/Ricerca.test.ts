import { describe, expect, it, vi } from "vitest";
import { createRawSnippet } from "svelte";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Ricerca from "../Ricerca.svelte";

type Voce = { id: string; nome: string };
const riga = createRawSnippet((v: () => Voce) => ({ render: () => `<span>${v().nome}</span>` }));
const base = {
  chiave: (v: Voce) => v.id,
  riga,
  id: "r",
  testid: "campo",
  risultatoTestid: "risultato",
  segnaposto: "Cerca",
  vuoto: { testo: "Niente.", testid: "niente" },
  attesa: 10,
};

describe("search as you type", () => {
  it("asks after two characters, and Enter picks the active result", async () => {
    const user = userEvent.setup();
    const cerca = vi.fn(async (t: string) => [
      { id: "1", nome: `${t} uno` },
      { id: "2", nome: `${t} due` },
    ]);
    const onscelto = vi.fn();
    render(Ricerca<Voce>, { ...base, cerca, onscelto });
    const campo = screen.getByTestId("campo") as HTMLInputElement;

    await user.type(campo, "r");
    await new Promise((r) => setTimeout(r, 30));
    expect(cerca).not.toHaveBeenCalled();

    await user.type(campo, "o");
    expect((await screen.findAllByTestId("risultato")).map((e) => e.textContent)).toEqual(["ro uno", "ro due"]);
    expect(cerca).toHaveBeenCalledTimes(1);

    await user.keyboard("{ArrowDown}{Enter}");
    expect(onscelto).toHaveBeenCalledWith({ id: "2", nome: "ro due" });
    expect(campo.value).toBe("");
    expect(screen.queryAllByTestId("risultato")).toHaveLength(0);
  });

  it("drops an answer for a text no longer in the field", async () => {
    const user = userEvent.setup();
    let rispondi: (v: Voce[]) => void = () => {};
    const cerca = vi.fn(() => new Promise<Voce[]>((r) => (rispondi = r)));
    render(Ricerca<Voce>, { ...base, cerca, onscelto: () => {} });
    const campo = screen.getByTestId("campo");

    await user.type(campo, "ros");
    await vi.waitFor(() => expect(cerca).toHaveBeenCalled());
    await user.clear(campo); // the text goes before the answer comes
    rispondi([{ id: "1", nome: "Rossi" }]);
    await new Promise((r) => setTimeout(r, 30));
    expect(screen.queryAllByTestId("risultato")).toHaveLength(0);
  });

  it("says when nothing matches, and keeps the text when it holds the value", async () => {
    const user = userEvent.setup();
    const cerca = vi.fn(async (t: string) => (t === "zz" ? [] : [{ id: "to", nome: "Torino" }]));
    const onscelto = vi.fn();
    render(Ricerca<Voce>, { ...base, cerca, onscelto, dopoScelta: "chiudi" });
    const campo = screen.getByTestId("campo") as HTMLInputElement;

    await user.type(campo, "zz");
    expect(await screen.findByTestId("niente")).toBeTruthy();
    await user.clear(campo);
    await user.type(campo, "tor");
    await user.click(await screen.findByTestId("risultato"));
    expect(onscelto).toHaveBeenCalledWith({ id: "to", nome: "Torino" });
    expect(campo.value).toBe("tor");
    expect(screen.queryAllByTestId("risultato")).toHaveLength(0);
  });
});
