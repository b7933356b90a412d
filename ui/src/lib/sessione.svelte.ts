// What every screen needs to know once: the session (database, today, empty?),
// the settings (current ente attuatore and orientatore), its sedi, orientatori
// and catalogue. Reloaded after the settings change or the demo fills the database.
import { chiama, info, type Output } from "./api";
import { inFinestra } from "./tauri";

export type InfoSessione = Awaited<ReturnType<typeof info>>;
export type Catalogo = Output<"list_cataloghi">[number];
export type Azione = Catalogo["azione"][number];

class Sessione {
  pronta = $state(false);
  errore = $state<string | null>(null);
  info = $state<InfoSessione | null>(null);
  impostazioni = $state<Output<"get_impostazioni"> | null>(null);
  entiAttuatori = $state<Output<"list_enti_attuatori">>([]);
  sedi = $state<Output<"list_sedi">>([]);
  orientatori = $state<Output<"list_orientatori">>([]);
  cataloghi = $state<Catalogo[]>([]);

  get enteAttuatoreId(): string | null {
    return this.impostazioni?.ente_attuatore_id ?? null;
  }

  get enteAttuatore() {
    return this.entiAttuatori.find((e) => e.id === this.enteAttuatoreId) ?? null;
  }

  /** The catalogue of the current ente attuatore. */
  get catalogo(): Catalogo | null {
    const codice = this.enteAttuatore?.catalogo;
    return this.cataloghi.find((c) => c.catalogo.codice === codice) ?? null;
  }

  /** Today as the core sees it (`--oggi` in tests), `AAAA-MM-GG`. */
  get oggi(): string {
    return this.info?.oggi ?? new Date().toISOString().slice(0, 10);
  }

  nomeOrientatore(id: string | null | undefined): string {
    const o = this.orientatori.find((x) => x.id === id);
    return o ? `${o.cognome} ${o.nome}` : "";
  }

  nomeSede(id: string | null | undefined): string {
    return this.sedi.find((x) => x.id === id)?.nome ?? "";
  }

  async carica() {
    this.errore = null;
    if (!inFinestra()) {
      this.errore =
        "Questa pagina è aperta fuori dall'applicazione Sportello: il database non è raggiungibile. Avvia Sportello.";
      this.pronta = true;
      return;
    }
    try {
      this.info = await info();
      const [imp, enti, cat] = await Promise.all([
        chiama("get_impostazioni", {}),
        chiama("list_enti_attuatori", {}),
        chiama("list_cataloghi", {}),
      ]);
      this.impostazioni = imp.value;
      this.entiAttuatori = enti.value;
      this.cataloghi = cat.value;
      await this.caricaOrganizzazione();
    } catch (e) {
      this.errore = e instanceof Error ? e.message : messaggioDi(e);
    } finally {
      this.pronta = true;
    }
  }

  async caricaOrganizzazione() {
    const ente_attuatore_id = this.enteAttuatoreId;
    const [sedi, orientatori] = await Promise.all([
      chiama("list_sedi", { ente_attuatore_id }),
      chiama("list_orientatori", { ente_attuatore_id }),
    ]);
    this.sedi = sedi.value;
    this.orientatori = orientatori.value;
  }
}

function messaggioDi(e: unknown): string {
  if (e && typeof e === "object" && "message" in e) return String((e as { message: unknown }).message);
  return String(e);
}

export const sessione = new Sessione();
