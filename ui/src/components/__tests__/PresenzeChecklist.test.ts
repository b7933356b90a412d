import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import PresenzeChecklist from "../PresenzeChecklist.svelte";

const partecipanti = [
  { id: "a", nome: "Bianchi Anna" },
  { id: "b", nome: "Rossi Bruno" },
  { id: "c", nome: "Verdi Carla" },
];

describe("presence checklist", () => {
  it("is one Tab stop, moved with the arrows, ticked with Space", async () => {
    const user = userEvent.setup();
    render(PresenzeChecklist, { partecipanti, presenti: { a: true, b: true, c: true } });
    const box = () => screen.getAllByTestId("presenza") as HTMLInputElement[];
    expect(box().map((b) => b.tabIndex)).toEqual([0, -1, -1]);

    await user.tab();
    await user.tab(); // past «Tutti presenti» and «Nessuno»
    await user.tab();
    expect(document.activeElement).toBe(box()[0]);

    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(box()[1]);
    expect(box().map((b) => b.tabIndex)).toEqual([-1, 0, -1]);

    await user.keyboard(" ");
    expect(box()[1].checked).toBe(false);
    expect(screen.getByTestId("presenze-conteggio").textContent).toContain("2");

    await user.keyboard("{End}");
    expect(document.activeElement).toBe(box()[2]);
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(box()[2]);
    await user.keyboard("{Home}");
    expect(document.activeElement).toBe(box()[0]);
    await user.keyboard("{ArrowUp}");
    expect(document.activeElement).toBe(box()[0]);
  });

  it("marks absent with A and present with P, moving on", async () => {
    const user = userEvent.setup();
    render(PresenzeChecklist, { partecipanti, presenti: { a: true, b: true, c: false } });
    const box = () => screen.getAllByTestId("presenza") as HTMLInputElement[];
    box()[0].focus();
    await user.keyboard("a");
    expect(box()[0].checked).toBe(false);
    expect(document.activeElement).toBe(box()[1]);
    await user.keyboard("{ArrowDown}p");
    expect(box()[2].checked).toBe(true);
  });

  it("ticks everyone or nobody at once, and is read-only when closed", async () => {
    const user = userEvent.setup();
    const { unmount } = render(PresenzeChecklist, { partecipanti, presenti: {} });
    await user.click(screen.getByTestId("presenze-tutti"));
    expect((screen.getAllByTestId("presenza") as HTMLInputElement[]).every((b) => b.checked)).toBe(true);
    await user.click(screen.getByTestId("presenze-nessuno"));
    expect((screen.getAllByTestId("presenza") as HTMLInputElement[]).some((b) => b.checked)).toBe(false);
    unmount();
    render(PresenzeChecklist, { partecipanti, presenti: { a: true }, disabilitato: true });
    expect((screen.getAllByTestId("presenza") as HTMLInputElement[]).every((b) => b.disabled)).toBe(true);
    expect(screen.queryByTestId("presenze-tutti")).toBeNull();
  });
});
