import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { azzera, chiamate, ok, risposte } from "../../test/tauri";

vi.mock("@tauri-apps/api/core", async () => {
  const t = await import("../../test/tauri");
  return { invoke: t.invokeFinto, Channel: t.ChannelFinto };
});

import ScambioSportello from "../ScambioSportello.svelte";
import { sessione } from "../../lib/sessione.svelte";

describe("desk side of the exchange", () => {
  beforeEach(() => {
    azzera();
    sessione.info = { database: "/tmp/x.db", oggi: "2026-11-25", vuoto: false, versione: "0.1.0" };
  });

  it("refuses an export without the office's key with the core's message, then exports", async () => {
    risposte.set("esporta", () => {
      throw { kind: "dati", message: "Manca la chiave dell'ufficio regionale: chiedila all'ufficio.", field: null };
    });
    const user = userEvent.setup();
    render(ScambioSportello);
    await user.type(screen.getByTestId("esporta-percorso"), "/tmp/x.sportello{Enter}");
    expect((await screen.findByTestId("errore")).textContent).toContain("Manca la chiave dell'ufficio regionale");

    risposte.set("imposta_ufficio", (input) => {
      const d = (input as { destinatario: string }).destinatario;
      if (!d.startsWith("age1")) throw { kind: "dati", message: "La chiave dell'ufficio regionale non è valida.", field: "destinatario" };
      return ok({ sportello: "desk-1", chiave_pubblica: "abcd", ufficio: d })();
    });
    await user.type(screen.getByTestId("imposta-ufficio-chiave"), "boh{Enter}");
    await waitFor(() => expect(document.querySelector('[data-campo="destinatario"] [data-code="DATI"]')).not.toBeNull());
    await user.clear(screen.getByTestId("imposta-ufficio-chiave"));
    await user.type(screen.getByTestId("imposta-ufficio-chiave"), "age1ufficio");
    await user.click(screen.getByTestId("imposta-ufficio-salva"));
    expect((await screen.findByTestId("imposta-ufficio-risultato")).textContent).toContain("age1ufficio");

    risposte.set("esporta", ok({
      percorso: "/tmp/x.sportello", destinazione: "ufficio-regionale", completo: true, seq_da: 0, seq_a: 265, voci: 160, cancellazioni: 2, byte: 18999, sportello: "desk-1",
    }));
    await user.click(screen.getByTestId("esporta-completo"));
    await user.click(screen.getByTestId("esporta-avvia"));
    const r = await screen.findByTestId("esporta-risultato");
    expect(r.dataset.voci).toBe("160");
    expect(r.dataset.cancellazioni).toBe("2");
    expect(r.textContent).toContain("18,6 KB");
    expect(r.textContent).toContain("dalla n. 1 alla n. 265");
    expect(chiamate.filter((c) => c.operazione === "esporta").at(-1)?.input).toEqual({ percorso: "/tmp/x.sportello", completo: true, destinazione: null });
  });

  it("writes the regional tables of the school year", async () => {
    risposte.set("scrivi_tabelle", ok({ file: ["/tmp/tab/tabelle.xlsx"], tabelle: [{ tabella: "servizi", righe: 6 }, { tabella: "incontri", righe: 5 }] }));
    const user = userEvent.setup();
    render(ScambioSportello);
    expect((screen.getByTestId("tabelle-dal") as HTMLInputElement).value).toBe("2026-09-01");
    await user.selectOptions(screen.getByTestId("tabelle-formato"), "csv");
    await user.type(screen.getByTestId("tabelle-cartella"), "/tmp/tab{Enter}");
    const r = await screen.findByTestId("tabelle-risultato");
    expect(r.querySelector('[data-tabella="servizi"]')?.getAttribute("data-righe")).toBe("6");
    expect(r.textContent).toContain("/tmp/tab/tabelle.xlsx");
    expect(chiamate.at(-1)?.input).toEqual({ dal: "2026-09-01", al: "2027-08-31", ente_attuatore_id: null, territorio: null, formato: "csv", cartella: "/tmp/tab" });
  });
});
