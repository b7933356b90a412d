import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import { azzera, chiamate, ok, risposte } from "../../test/tauri";

vi.mock("@tauri-apps/api/core", async () => {
  const t = await import("../../test/tauri");
  return { invoke: t.invokeFinto, Channel: t.ChannelFinto };
});

import Storia from "../Storia.svelte";

describe("a record's history", () => {
  beforeEach(() => azzera());

  it("shows who, when, from where and each change on its line", async () => {
    risposte.set(
      "storia",
      ok([
        { quando: "2026-01-20T09:31:00.000Z", chi: "Rossi Paola", fonte: "ui", operazione: "update_servizio", dettaglio: "titolo: Seminario → Seminario 3A; numero_destinatari: 20 → 22" },
        { quando: "2026-01-19T08:00:00.000Z", chi: null, fonte: "import", operazione: "importa_destinatari", dettaglio: null },
      ]),
    );
    render(Storia, { id: "s1" });
    await waitFor(() => expect(screen.getAllByTestId("storia-voce")).toHaveLength(2));
    const [prima, seconda] = screen.getAllByTestId("storia-voce");
    expect(prima.textContent).toContain("20/01/2026 09:31");
    expect(prima.textContent).toContain("Rossi Paola");
    expect(prima.textContent).toContain("finestra");
    expect(prima.querySelectorAll("li")).toHaveLength(2);
    expect(prima.textContent).toContain("numero_destinatari: 20 → 22");
    expect(seconda.textContent).toContain("importazione");
    expect(chiamate.find((c) => c.operazione === "storia")?.input).toEqual({ id: "s1" });
  });
});
