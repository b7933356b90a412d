import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { azzera, chiamate, risposte, type ChannelFinto } from "../../test/tauri";

vi.mock("@tauri-apps/api/core", async () => {
  const t = await import("../../test/tauri");
  return { invoke: t.invokeFinto, Channel: t.ChannelFinto };
});

import ImportaDestinatari from "../ImportaDestinatari.svelte";

const dp = { classe: 3, sezione: "A", titolo_studio: null, condizione_occupazionale: null, disabilita: false, condizione_abitativa: null, disperso: false };
const dati = (cognome: string, cf: string) => ({
  codice_fiscale: cf, cognome, nome: "X", sesso: "F", data_nascita: "2012-04-15", comune_nascita: null, stato_estero_nascita: null,
  citta_estera_nascita: null, cittadinanza: null, email: null, telefono: "333",
});

function piano(forzata: boolean) {
  return {
    servizio_id: "s1", foglio: "Foglio1", riga_intestazione: 1,
    colonne: [{ colonna: "A", intestazione: "Codice fiscale", campo: "codice_fiscale" }, { colonna: "H", intestazione: "Note", campo: null }],
    righe: [
      { riga: 2, esito: "nuovo", destinatario_id: null, dati: dati("Rossi", "RSSXXX"), dati_peculiari: dp, segnalazioni: [] },
      {
        riga: 3, esito: forzata ? "nuovo" : "errore", destinatario_id: null, dati: dati("Gialli", "GLLXXX"), dati_peculiari: dp,
        segnalazioni: [{ code: "DES-01", severity: forzata ? "avviso" : "errore", cella: "A3", messaggio: "Carattere di controllo errato.", forzabile: !forzata }],
      },
      {
        riga: 4, esito: "errore", destinatario_id: null, dati: dati("Viola", "VLLXXX"), dati_peculiari: dp,
        segnalazioni: [{ code: "DES-04", severity: "errore", cella: "G4", messaggio: "Classe «9» non valida.", forzabile: false }],
      },
      { riga: 5, esito: "gia_iscritto", destinatario_id: "d5", dati: dati("Blu", "BLUXXX"), dati_peculiari: dp, segnalazioni: [] },
    ],
    nuovi: forzata ? 2 : 1, esistenti: 0, gia_iscritti: 1, errori: forzata ? 1 : 2, avvisi: forzata ? 1 : 0,
    da_decidere: [],
    impronta: forzata ? "imp-forzata" : "imp-1",
  };
}

describe("import preview", () => {
  beforeEach(() => {
    azzera();
    risposte.set("importa_destinatari", (input, args) => {
      const i = input as { applica: boolean; forzature: { riga: number }[]; impronta: string | null };
      const canale = args.avanzamento as ChannelFinto<unknown>;
      if (i.applica) {
        canale.onmessage({ fase: "scrittura", fatto: 1, totale: 2 });
        return { value: { piano: piano(true), applicato: true, creati: 2, iscritti: 2 }, warnings: [] };
      }
      return { value: { piano: piano(i.forzature.length > 0), applicato: false, creati: 0, iscritti: 0 }, warnings: [] };
    });
  });

  it("shows each row with its esito and findings, forces DES-01 with a reason, applies the plan seen", async () => {
    const user = userEvent.setup();
    const fatto = vi.fn();
    render(ImportaDestinatari, { servizioId: "s1", onfatto: fatto });

    await user.type(screen.getByTestId("import-percorso"), "/tmp/classe.xlsx");
    await user.click(screen.getByTestId("import-anteprima"));

    const righe = await screen.findAllByTestId("import-riga");
    expect(righe.map((r) => [r.dataset.riga, r.dataset.esito])).toEqual([["2", "nuovo"], ["3", "errore"], ["4", "errore"], ["5", "gia_iscritto"]]);
    const des04 = righe[2].querySelector('[data-code="DES-04"]') as HTMLElement;
    expect(des04.dataset.cella).toBe("G4");
    expect(des04.textContent).toContain("Classe «9» non valida.");
    expect(screen.getByTestId("import-colonne-ignorate").textContent).toContain("H «Note»");
    expect(chiamate[0].input).toMatchObject({ servizio_id: "s1", percorso: "/tmp/classe.xlsx", applica: false, impronta: null, forzature: [] });

    // Only row 3 can be forced; forcing asks the reason, then a new preview.
    expect(screen.getAllByTestId("import-forza")).toHaveLength(1);
    await user.click(screen.getByTestId("import-forza"));
    expect((screen.getByTestId("import-conferma") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("import-ostacolo").textContent).toMatch(/motivo/);
    await user.type(screen.getByTestId("import-forza-motivo"), "CF provvisorio dell'Agenzia");
    expect(screen.getByTestId("import-ostacolo").textContent).toMatch(/rifai l'anteprima/);

    await user.click(screen.getByTestId("import-anteprima"));
    await waitFor(() => expect(screen.getAllByTestId("import-riga")[1].dataset.esito).toBe("nuovo"));
    expect(chiamate[1].input).toMatchObject({ applica: false, forzature: [{ riga: 3, motivo: "CF provvisorio dell'Agenzia" }] });
    expect((screen.getByTestId("import-conferma") as HTMLButtonElement).disabled).toBe(false);

    await user.click(screen.getByTestId("import-conferma"));
    const esito = await screen.findByTestId("import-risultato");
    expect(esito.dataset.creati).toBe("2");
    expect(chiamate[2]).toMatchObject({
      comando: "chiama_con_avanzamento",
      operazione: "importa_destinatari",
      input: { applica: true, impronta: "imp-forzata", forzature: [{ riga: 3, motivo: "CF provvisorio dell'Agenzia" }] },
    });
    expect(fatto).toHaveBeenCalledOnce();
    expect(screen.queryAllByTestId("import-riga")).toHaveLength(0);
  });

  it("shows a refusal about the file beside the path", async () => {
    risposte.set("importa_destinatari", () => {
      throw { kind: "dati", message: "Non trovo la riga di intestazione.", field: "percorso" };
    });
    const user = userEvent.setup();
    const { container } = render(ImportaDestinatari, { servizioId: "s1" });
    await user.type(screen.getByTestId("import-percorso"), "/tmp/x.csv{Enter}");
    await waitFor(() => expect(container.querySelector('[data-campo="percorso"] [data-code="DATI"]')).not.toBeNull());
    expect(screen.queryByTestId("import-conferma")).toBeNull();
  });
});
