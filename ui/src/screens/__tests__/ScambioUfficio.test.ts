import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { azzera, chiamate, ok, risposte } from "../../test/tauri";

vi.mock("@tauri-apps/api/core", async () => {
  const t = await import("../../test/tauri");
  return { invoke: t.invokeFinto, Channel: t.ChannelFinto };
});

import ScambioUfficio from "../ScambioUfficio.svelte";

const intestazione = {
  formato: "sportello-scambio", versione: 1, sportello: "desk-1", chiave_pubblica: "abcd", ente_attuatore_id: "ea1",
  ente_nome: "Centro di Formazione Esempio", destinazione: "ufficio-regionale", destinatario: "age1xyz", completo: false,
  seq_da: 265, seq_a: 270, voci: 5, cancellazioni: 1, creato_il: "2026-11-25T08:10:50Z", lunghezza: 1000, sha256: "ff",
};

const conflitto = {
  tipo: "ente_attuatore", id: "ea1", origine: "desk-1", seq: 270, campi: ["codice", "nome"], file: "y.sportello",
  ufficio: { riga: { id: "ea1", nome: "CFE (ufficio)", codice: "CFE", catalogo: "piemonte-oop", rev: 2 } },
  arrivo: { riga: { id: "ea1", nome: "CFE (sportello)", codice: "CFE2", catalogo: "piemonte-oop", rev: 2 } },
};

function piano(impronta: string) {
  return {
    intestazione, aggiunti: 2, aggiornati: 1, cancellati: 1, invariati: 3, superati: 0, alias: 1, conflitti: [conflitto],
    riepilogo: [
      { tipo: "destinatario", aggiunge: 2, aggiorna: 0, cancella: 0, conflitto: 0 },
      { tipo: "servizio", aggiunge: 0, aggiorna: 1, cancella: 0, conflitto: 0 },
      { tipo: "incontro", aggiunge: 0, aggiorna: 0, cancella: 1, conflitto: 0 },
      { tipo: "ente_attuatore", aggiunge: 0, aggiorna: 0, cancella: 0, conflitto: 1 },
    ],
    cambi: [
      { tipo: "destinatario", id: "d1", azione: "aggiunge" },
      { tipo: "destinatario", id: "d2", azione: "aggiunge" },
      { tipo: "servizio", id: "s1", azione: "aggiorna" },
      { tipo: "incontro", id: "i1", azione: "cancella" },
      { tipo: "ente_attuatore", id: "ea1", azione: "conflitto" },
    ],
    impronta,
  };
}

const provenienza = {
  sportello: "desk-1", chiave_pubblica: "abcd", ente_attuatore_id: "ea1", ente_nome: "Centro di Formazione Esempio",
  seq_da: 265, seq_a: 270, completo: false, creato_il: "2026-11-25T08:10:50Z", ricevuto_il: "2026-11-25T09:00:00Z",
  file: "y.sportello", impronta: "ff",
};

describe("merge of a desk's file", () => {
  let unito = false;
  beforeEach(() => {
    azzera();
    unito = false;
    risposte.set("list_provenienze", () => ({ value: unito ? [provenienza] : [], warnings: [] }));
    risposte.set("list_conflitti", () => ({ value: unito ? [conflitto] : [], warnings: [] }));
    risposte.set("unisci", (input) => {
      const i = input as { applica: boolean; impronta: string | null };
      if (i.applica) unito = true;
      return { value: { piano: piano("imp-1"), applicato: i.applica }, warnings: [] };
    });
  });

  it("previews what the file adds, updates, deletes and its conflicts, then merges that plan", async () => {
    const user = userEvent.setup();
    render(ScambioUfficio);
    expect(await screen.findByTestId("provenienze-vuote")).toBeTruthy();
    expect(screen.getByTestId("conflitti-vuoti")).toBeTruthy();

    await user.type(screen.getByTestId("unisci-percorso"), "/tmp/y.sportello{Enter}");
    const righe = await screen.findAllByTestId("unisci-riga");
    expect(righe.map((r) => [r.dataset.tipo, r.dataset.azione])).toEqual([
      ["destinatario", "aggiunge"],
      ["destinatario", "aggiunge"],
      ["servizio", "aggiorna"],
      ["incontro", "cancella"],
      ["ente_attuatore", "conflitto"],
    ]);
    expect(chiamate.find((c) => c.operazione === "unisci")?.input).toEqual({ percorso: "/tmp/y.sportello", applica: false, impronta: null });
    expect(screen.getByTestId("unisci-aggiunti").textContent).toContain("2");
    expect(screen.getByTestId("unisci-cancellati").textContent).toContain("1");
    expect(screen.getByTestId("unisci-intestazione").textContent).toContain("Centro di Formazione Esempio");
    // The conflict of the preview, both versions side by side.
    const c = screen.getByTestId("unisci-conflitto");
    const nome = c.querySelector('[data-campo="nome"]') as HTMLElement;
    expect(nome.textContent).toContain("CFE (ufficio)");
    expect(nome.textContent).toContain("CFE (sportello)");
    expect(screen.queryByTestId("unisci-risultato")).toBeNull();

    await user.click(screen.getByTestId("unisci-conferma"));
    const esito = await screen.findByTestId("unisci-risultato");
    expect(esito.dataset.aggiunti).toBe("2");
    expect(esito.dataset.conflitti).toBe("1");
    const unioni = chiamate.filter((c) => c.operazione === "unisci");
    expect(unioni).toHaveLength(2);
    expect(unioni[1].input).toEqual({ percorso: "/tmp/y.sportello", applica: true, impronta: "imp-1" });
    expect(screen.queryByTestId("unisci-conferma")).toBeNull();

    // The lists are read again: who sent what, the conflict to resolve.
    const prov = await screen.findByTestId("provenienza");
    expect(prov.dataset.sportello).toBe("desk-1");
    expect(prov.textContent).toContain("Centro di Formazione Esempio");
    const conf = screen.getByTestId("conflitto");
    expect(conf.dataset.tipo).toBe("ente_attuatore");
    expect(conf.querySelectorAll('[data-testid="conflitto-campo"]')).toHaveLength(2);
    expect(conf.textContent).toContain("da Centro di Formazione Esempio");
  });

  it("drops the preview when the path changes, so a confirm merges only what was seen", async () => {
    const user = userEvent.setup();
    render(ScambioUfficio);
    await user.type(screen.getByTestId("unisci-percorso"), "/tmp/y.sportello");
    await user.click(screen.getByTestId("unisci-anteprima"));
    await screen.findByTestId("unisci-conferma");
    await user.type(screen.getByTestId("unisci-percorso"), "x");
    expect(screen.queryByTestId("unisci-conferma")).toBeNull();
  });

  it("shows a refused file as a banner with the core's message, and no preview", async () => {
    risposte.set("unisci", () => {
      throw {
        kind: "file_rifiutato",
        message: "File di scambio rifiutato: il contenuto non corrisponde all'impronta firmata: il file è stato alterato. Non è stato importato nulla.",
      };
    });
    const user = userEvent.setup();
    render(ScambioUfficio);
    await user.type(screen.getByTestId("unisci-percorso"), "/tmp/alterato.sportello{Enter}");
    const banner = await screen.findByTestId("errore");
    expect(banner.getAttribute("role")).toBe("alert");
    expect(banner.dataset.kind).toBe("file_rifiutato");
    expect(banner.textContent).toContain("File rifiutato.");
    expect(banner.textContent).toContain("il file è stato alterato. Non è stato importato nulla.");
    expect(screen.queryAllByTestId("unisci-riga")).toHaveLength(0);
    expect(screen.queryByTestId("unisci-conferma")).toBeNull();
  });

  it("resolves a conflict with the chosen version", async () => {
    unito = true;
    risposte.set("risolvi_conflitto", () => {
      unito = false;
      return ok({})();
    });
    const user = userEvent.setup();
    render(ScambioUfficio);
    await user.click(await screen.findByTestId("conflitto-prendi-sportello"));
    await screen.findByTestId("conflitto-risolto");
    expect(chiamate.find((c) => c.operazione === "risolvi_conflitto")?.input).toEqual({
      tipo: "ente_attuatore", id: "ea1", origine: "desk-1", scelta: "sportello",
    });
    await waitFor(() => expect(screen.queryByTestId("conflitto")).toBeNull());
  });

  it("shows the office's public key to give to the desks", async () => {
    risposte.set("genera_chiavi_ufficio", ok({ destinatario: "age1ufficio" }));
    const user = userEvent.setup();
    render(ScambioUfficio);
    await user.click(screen.getByTestId("ufficio-genera"));
    expect(((await screen.findByTestId("ufficio-chiave")) as HTMLInputElement).value).toBe("age1ufficio");
  });
});
