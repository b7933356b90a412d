// Generated from src/commands/mod.rs (`operations!`) by `tests/bindings.rs`. Do not edit.

import type { Aggregati } from "./Aggregati";
import type { Ambito } from "./Ambito";
import type { AnnoScolastico } from "./AnnoScolastico";
import type { Avanzamento } from "./Avanzamento";
import type { Avviato } from "./Avviato";
import type { Azione } from "./Azione";
import type { CalcolaIndicatori } from "./CalcolaIndicatori";
import type { Catalogo } from "./Catalogo";
import type { Cerca } from "./Cerca";
import type { CercaEnti } from "./CercaEnti";
import type { CercaLuoghi } from "./CercaLuoghi";
import type { ChiaveUfficio } from "./ChiaveUfficio";
import type { ChiaviSportello } from "./ChiaviSportello";
import type { Code } from "./Code";
import type { CodiceDaLeggere } from "./CodiceDaLeggere";
import type { ConMotivo } from "./ConMotivo";
import type { Conflitto } from "./Conflitto";
import type { Copia } from "./Copia";
import type { CopiaConforme } from "./CopiaConforme";
import type { CostoUcs } from "./CostoUcs";
import type { Credenziali } from "./Credenziali";
import type { DatiPeculiari } from "./DatiPeculiari";
import type { DatiPerCodice } from "./DatiPerCodice";
import type { Decisione } from "./Decisione";
import type { Destinatari } from "./Destinatari";
import type { Destinatario } from "./Destinatario";
import type { DestinatarioDati } from "./DestinatarioDati";
import type { DiEnteAttuatore } from "./DiEnteAttuatore";
import type { DiLista } from "./DiLista";
import type { Ente } from "./Ente";
import type { EnteAttuatore } from "./EnteAttuatore";
import type { EnteAttuatoreDati } from "./EnteAttuatoreDati";
import type { EnteDati } from "./EnteDati";
import type { Error } from "./Error";
import type { EsitoImport } from "./EsitoImport";
import type { EsitoLettura } from "./EsitoLettura";
import type { EsitoScuole } from "./EsitoScuole";
import type { EsitoUnione } from "./EsitoUnione";
import type { Esporta } from "./Esporta";
import type { Esportato } from "./Esportato";
import type { Famiglie } from "./Famiglie";
import type { FiltroInterventi } from "./FiltroInterventi";
import type { FiltroScadenze } from "./FiltroScadenze";
import type { FiltroServizi } from "./FiltroServizi";
import type { Finding } from "./Finding";
import type { Formato } from "./Formato";
import type { Forzatura } from "./Forzatura";
import type { ForzaturaRiga } from "./ForzaturaRiga";
import type { ImportaDestinatari } from "./ImportaDestinatari";
import type { ImportaScuole } from "./ImportaScuole";
import type { Impostazioni } from "./Impostazioni";
import type { Incontro } from "./Incontro";
import type { IncontroAperto } from "./IncontroAperto";
import type { IncontroDati } from "./IncontroDati";
import type { IndicatoreFisico } from "./IndicatoreFisico";
import type { Indicatori } from "./Indicatori";
import type { InfoSessione } from "./InfoSessione";
import type { Integrita } from "./Integrita";
import type { Intervento } from "./Intervento";
import type { InterventoDati } from "./InterventoDati";
import type { Iscritto } from "./Iscritto";
import type { Iscrivi } from "./Iscrivi";
import type { Iscrizione } from "./Iscrizione";
import type { Kind } from "./Kind";
import type { LeggiRegistri } from "./LeggiRegistri";
import type { LetturaCf } from "./LetturaCf";
import type { Lista } from "./Lista";
import type { Luogo } from "./Luogo";
import type { LuogoDiNascita } from "./LuogoDiNascita";
import type { Modalita } from "./Modalita";
import type { Modello } from "./Modello";
import type { ModelloDati } from "./ModelloDati";
import type { ModelloEnte } from "./ModelloEnte";
import type { Modifica } from "./Modifica";
import type { Motivo } from "./Motivo";
import type { MotivoAccesso } from "./MotivoAccesso";
import type { Nulla } from "./Nulla";
import type { NuovaPassword } from "./NuovaPassword";
import type { NuovoUtente } from "./NuovoUtente";
import type { Orientatore } from "./Orientatore";
import type { OrientatoreDati } from "./OrientatoreDati";
import type { Outcome } from "./Outcome";
import type { PerAzione } from "./PerAzione";
import type { PerId } from "./PerId";
import type { Percorso } from "./Percorso";
import type { Piano } from "./Piano";
import type { PianoLettura } from "./PianoLettura";
import type { PianoScuole } from "./PianoScuole";
import type { PianoUnione } from "./PianoUnione";
import type { Presenza } from "./Presenza";
import type { Presenze } from "./Presenze";
import type { PrimaSede } from "./PrimaSede";
import type { PrimoAvvio } from "./PrimoAvvio";
import type { PrimoOrientatore } from "./PrimoOrientatore";
import type { Provenienza } from "./Provenienza";
import type { RecordRef } from "./RecordRef";
import type { Referente } from "./Referente";
import type { ReferenteDati } from "./ReferenteDati";
import type { Riepilogo } from "./Riepilogo";
import type { RisolviConflitto } from "./RisolviConflitto";
import type { Rt } from "./Rt";
import type { RtDati } from "./RtDati";
import type { Rule } from "./Rule";
import type { Ruolo } from "./Ruolo";
import type { SalvaVoce } from "./SalvaVoce";
import type { Scadenza } from "./Scadenza";
import type { Scadenze } from "./Scadenze";
import type { Scansione } from "./Scansione";
import type { Scelta } from "./Scelta";
import type { SceltaValore } from "./SceltaValore";
import type { SchedaDestinatario } from "./SchedaDestinatario";
import type { SchedaEnte } from "./SchedaEnte";
import type { SchedaServizio } from "./SchedaServizio";
import type { ScriviTabelle } from "./ScriviTabelle";
import type { Sede } from "./Sede";
import type { SedeDati } from "./SedeDati";
import type { Servizio } from "./Servizio";
import type { ServizioDati } from "./ServizioDati";
import type { ServizioEsterno } from "./ServizioEsterno";
import type { Sesso } from "./Sesso";
import type { Severity } from "./Severity";
import type { StampaRegistri } from "./StampaRegistri";
import type { StampaRegistro } from "./StampaRegistro";
import type { Stampati } from "./Stampati";
import type { StatoAccesso } from "./StatoAccesso";
import type { StatoDatabase } from "./StatoDatabase";
import type { StatoIncontro } from "./StatoIncontro";
import type { StatoIntervento } from "./StatoIntervento";
import type { StatoServizio } from "./StatoServizio";
import type { TabellaScritta } from "./TabellaScritta";
import type { TabelleScritte } from "./TabelleScritte";
import type { Testata } from "./Testata";
import type { TipoEnte } from "./TipoEnte";
import type { Togli } from "./Togli";
import type { Unisci } from "./Unisci";
import type { Utente } from "./Utente";
import type { UtenteDati } from "./UtenteDati";
import type { Variante } from "./Variante";
import type { Voce } from "./Voce";
import type { VoceStoria } from "./VoceStoria";

/** Every operation of the command surface: its input and output. */
export interface Operazioni {
  /** Gli utenti che possono accedere a questo database, con il loro ruolo. */
  list_utenti: { input: Nulla; output: Array<Utente>; scrive: false; permesso: "coordinare"; avanzamento: false };
  /** Aggiunge un utente (orientatore, coordinatore o ufficio) con la sua password. */
  create_utente: { input: NuovoUtente; output: Utente; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** Modifica un utente: nome, ruolo, orientatore, attivo (il nome utente resta; disattivato non accede più). */
  update_utente: { input: Modifica<UtenteDati>; output: Utente; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** Cambia la password: la propria, o quella di chiunque per un coordinatore. */
  imposta_password: { input: NuovaPassword; output: Nulla; scrive: true; permesso: "leggere"; avanzamento: false };
  /** Crea un raggruppamento temporaneo (RT) di un territorio. */
  create_rt: { input: RtDati; output: Rt; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** Elenca gli RT. */
  list_rt: { input: Nulla; output: Array<Rt>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Crea un ente attuatore, con il catalogo delle azioni che eroga. */
  create_ente_attuatore: { input: EnteAttuatoreDati; output: EnteAttuatore; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** Modifica un ente attuatore. */
  update_ente_attuatore: { input: Modifica<EnteAttuatoreDati>; output: EnteAttuatore; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** Elenca gli enti attuatori. */
  list_enti_attuatori: { input: Nulla; output: Array<EnteAttuatore>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Crea una sede di un ente attuatore. */
  create_sede: { input: SedeDati; output: Sede; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** Modifica una sede. */
  update_sede: { input: Modifica<SedeDati>; output: Sede; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** Elenca le sedi (di un ente attuatore, se indicato). */
  list_sedi: { input: DiEnteAttuatore; output: Array<Sede>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Crea un orientatore. */
  create_orientatore: { input: OrientatoreDati; output: Orientatore; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** Modifica un orientatore (anche per disattivarlo). */
  update_orientatore: { input: Modifica<OrientatoreDati>; output: Orientatore; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** Elenca gli orientatori (di un ente attuatore, se indicato). */
  list_orientatori: { input: DiEnteAttuatore; output: Array<Orientatore>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Elenca le voci di una lista modificabile (target o CMS). */
  list_voci: { input: DiLista; output: Array<Voce>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Aggiunge o modifica una voce di una lista (target o CMS); `id` vuoto per una nuova. */
  save_voce: { input: SalvaVoce; output: Voce; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** Legge le impostazioni di questa installazione (ente attuatore e utente correnti, database). */
  get_impostazioni: { input: Nulla; output: Impostazioni; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Imposta ente attuatore e orientatore correnti. */
  set_impostazioni: { input: Impostazioni; output: Impostazioni; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** Il primo avvio di uno sportello vero: ente attuatore con il suo catalogo, una sede e il primo orientatore, scritti insieme e resi le impostazioni della postazione (solo su un database senza ente attuatore). */
  avvia_sportello: { input: PrimoAvvio; output: Avviato; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** Crea un ente coinvolto (scuola, azienda, CPI …). */
  create_ente: { input: EnteDati; output: Ente; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Modifica un ente coinvolto. */
  update_ente: { input: Modifica<EnteDati>; output: Ente; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Cancella un ente coinvolto mai usato. */
  delete_ente: { input: PerId; output: Nulla; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Un ente con i suoi plessi/indirizzi e referenti. */
  get_ente: { input: PerId; output: SchedaEnte; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Cerca enti per nome, codice meccanografico o comune. */
  search_enti: { input: CercaEnti; output: Array<Ente>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Crea un referente di un ente. */
  create_referente: { input: ReferenteDati; output: Referente; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Modifica un referente. */
  update_referente: { input: Modifica<ReferenteDati>; output: Referente; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Crea un modello (MOD-01…MOD-06). */
  create_modello: { input: ModelloDati; output: Modello; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Modifica un modello. */
  update_modello: { input: Modifica<ModelloDati>; output: Modello; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Cancella un modello non collegato a interventi. */
  delete_modello: { input: PerId; output: Nulla; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Un modello. */
  get_modello: { input: PerId; output: Modello; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Elenca i modelli (di un ente attuatore, se indicato). */
  list_modelli: { input: DiEnteAttuatore; output: Array<Modello>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Crea un intervento in bozza; collegando un modello ne eredita enti destinatari e referente. */
  create_intervento: { input: InterventoDati; output: Intervento; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Modifica un intervento (enti e modello solo in bozza, INT-02). */
  update_intervento: { input: Modifica<InterventoDati>; output: Intervento; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Attiva un intervento (INT-01). */
  activate_intervento: { input: PerId; output: Intervento; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Riporta un intervento attivo in bozza, per cambiare ciò che l'attivazione blocca. */
  deactivate_intervento: { input: PerId; output: Intervento; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Cancella un intervento e i suoi servizi, se nessun incontro è chiuso (GEN-01). */
  delete_intervento: { input: PerId; output: Nulla; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Un intervento con gli aggregati dei suoi servizi. */
  get_intervento: { input: PerId; output: Intervento; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Elenca gli interventi (di un ente attuatore o di un ente coinvolto). */
  list_interventi: { input: FiltroInterventi; output: Array<Intervento>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Crea un servizio, da solo o sotto un intervento attivo. */
  create_servizio: { input: ServizioDati; output: Servizio; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Modifica un servizio non chiuso. */
  update_servizio: { input: Modifica<ServizioDati>; output: Servizio; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Cancella un servizio senza incontri chiusi (GEN-01). */
  delete_servizio: { input: PerId; output: Nulla; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Un servizio con iscritti e incontri. */
  get_servizio: { input: PerId; output: SchedaServizio; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Elenca i servizi secondo un filtro. */
  list_servizi: { input: FiltroServizi; output: Array<Servizio>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Iscrive destinatari a un servizio, con i dati peculiari (quelli generali del servizio riempiono i vuoti). */
  enrol_destinatari: { input: Iscrivi; output: Array<Iscrizione>; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Modifica i dati peculiari di un iscritto. */
  update_iscrizione: { input: Iscrivi; output: Array<Iscrizione>; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Toglie un destinatario da un servizio. */
  remove_destinatario: { input: Togli; output: Nulla; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Chiude un servizio (SER-12, SER-13; oltre 15 giorni dall'ultimo incontro è in ritardo, SER-11). */
  close_servizio: { input: PerId; output: Servizio; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Riapre un servizio chiuso, registrando chi, quando e perché (SER-14). */
  reopen_servizio: { input: ConMotivo; output: Servizio; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Registra un incontro con le presenze. */
  create_incontro: { input: IncontroDati; output: Incontro; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Modifica un incontro aperto. */
  update_incontro: { input: Modifica<IncontroDati>; output: Incontro; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Registra le presenze di un incontro aperto. */
  set_presenze: { input: Presenze; output: Incontro; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Chiude un incontro (INC-05; oltre 15 giorni dalla data è in ritardo, INC-06). */
  close_incontro: { input: PerId; output: Incontro; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Riapre un incontro chiuso, registrando chi, quando e perché (INC-09). */
  reopen_incontro: { input: ConMotivo; output: Incontro; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Cancella un incontro aperto. */
  delete_incontro: { input: PerId; output: Nulla; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Un incontro con le presenze. */
  get_incontro: { input: PerId; output: Incontro; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Gli incontri aperti, da chiudere (di un ente attuatore, se indicato), i più vecchi prima. */
  list_incontri_aperti: { input: DiEnteAttuatore; output: Array<IncontroAperto>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Crea un destinatario (DES-01…DES-05; forzatura del codice fiscale con motivo). */
  create_destinatario: { input: DestinatarioDati; output: Destinatario; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Modifica l'anagrafica di un destinatario. */
  update_destinatario: { input: Modifica<DestinatarioDati>; output: Destinatario; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Cancella un destinatario mai presente a un incontro chiuso (GEN-01). */
  delete_destinatario: { input: PerId; output: Nulla; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Un destinatario con tutti i suoi servizi. */
  get_destinatario: { input: PerId; output: SchedaDestinatario; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Cerca destinatari per codice fiscale o per nome (prefisso, in qualunque ordine). */
  search_destinatari: { input: Cerca; output: Array<Destinatario>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Legge un codice fiscale mentre lo si scrive: perché non è valido (DES-01), sesso, data e luogo di nascita da proporre, la persona che lo ha già (DES-05). */
  leggi_codice_fiscale: { input: CodiceDaLeggere; output: LetturaCf; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Calcola il codice fiscale di chi non lo ha ancora, da cognome, nome, sesso, data e luogo di nascita (il codice catastale del comune o dello stato estero). */
  calcola_codice_fiscale: { input: DatiPerCodice; output: string; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Comuni e stati esteri di nascita il cui nome comincia con il testo (elenchi ISTAT). */
  cerca_luoghi: { input: CercaLuoghi; output: Array<LuogoDiNascita>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Cosa scade: incontri e servizi da chiudere (INC-06, SER-11), con i conteggi. */
  list_scadenze: { input: FiltroScadenze; output: Scadenze; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Tutte le segnalazioni delle regole sull'intero database. */
  run_checks: { input: Nulla; output: Array<Finding>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Elenca i cataloghi delle azioni. */
  list_cataloghi: { input: Nulla; output: Array<Catalogo>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Le regole con codice, tipo e fonte. */
  list_regole: { input: Nulla; output: Array<Rule>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Importa i partecipanti di un servizio da un file della scuola: prima l'anteprima riga per riga (`applica` falso), poi la scrittura del piano confermato (`applica` vero, con la sua `impronta`). */
  importa_destinatari: { input: ImportaDestinatari; output: EsitoImport; scrive: true; permesso: "registrare"; avanzamento: true };
  /** Importa le scuole dall'anagrafe del Ministero (statali o paritarie), filtrate per regione o provincia: anteprima (`applica` falso) o scrittura; aggiorna quelle già presenti senza cambiarne l'id. */
  importa_scuole: { input: ImportaScuole; output: EsitoScuole; scrive: true; permesso: "coordinare"; avanzamento: true };
  /** Stampa in PDF il registro presenze di un servizio: `prima` (caselle vuote da firmare) o `dopo` (compilato con gli incontri registrati). */
  stampa_registro: { input: StampaRegistro; output: Nulla; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Stampa i registri di un intervento, di un ente coinvolto o di un periodo: un unico PDF (percorso `.pdf`) o un file per registro (percorso cartella). */
  stampa_registri: { input: StampaRegistri; output: Stampati; scrive: false; permesso: "coordinare"; avanzamento: true };
  /** Rilegge i registri firmati da una scansione (PDF dello scanner, o pagine PNG, JPEG, TIFF): anteprima (`applica` falso: ogni pagina e ogni casella con la proposta presente/assente e la fiducia; le pagine non Sportello, di un altro database, doppie, stampate prima di una modifica o illeggibili sono dette, mai indovinate) o scrittura delle proposte sicure sugli incontri aperti, in un'unica transazione. Con `ritagli` ogni casella porta la sua immagine (la revisione nella finestra); le `decisioni` di chi rivede valgono sulle proposte, anche incerte. Applicando, le pagine lette restano come prova accanto ai loro incontri. */
  leggi_registri: { input: LeggiRegistri; output: EsitoLettura; scrive: true; permesso: "registrare"; avanzamento: true };
  /** Le pagine dei registri firmati conservate per un incontro (la lettura più recente prima). */
  scansioni_incontro: { input: PerId; output: Array<Scansione>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** L'immagine di una pagina conservata (data URL JPEG). */
  immagine_scansione: { input: PerId; output: string; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Stampa in PDF la copia conforme di una pagina conservata: la pagina, da dove viene, la firma di chi ne attesta la conformità. */
  copia_conforme: { input: CopiaConforme; output: Nulla; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Scrive il modello Excel da dare alle scuole per l'elenco dei partecipanti. */
  modello_excel: { input: Percorso; output: Nulla; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Riempie un database vuoto con un anno scolastico dimostrativo. */
  riempi_demo: { input: Nulla; output: Riepilogo; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** La storia di un record (chi, quando, cosa è cambiato: ogni campo con il valore di prima e di dopo), dalla più recente; al più 500 voci. */
  storia: { input: PerId; output: Array<VoceStoria>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Le copie di sicurezza del database, dalla più recente (cartella `copie` accanto al database). */
  list_copie: { input: Nulla; output: Array<Copia>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Fa subito una copia di sicurezza del database, verificata. */
  crea_copia: { input: Nulla; output: Copia; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Controlla che il database sia integro (PRAGMA integrity_check e riferimenti) e ne conta le righe per tabella. */
  verifica_database: { input: Nulla; output: Integrita; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Rimette il database com'era nella copia indicata, dopo averne messo da parte lo stato attuale (restituisce quella copia). */
  ripristina_copia: { input: Percorso; output: Copia; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** Scrive le tabelle per il sistema regionale (modelli, interventi, servizi, incontri, presenze, destinatari, iscrizioni) in una cartella: un file .xlsx con un foglio per tabella, o un .csv per tabella; filtrate per periodo degli incontri e per ente attuatore (docs/tabelle.md). */
  scrivi_tabelle: { input: ScriviTabelle; output: TabelleScritte; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Indicatori di monitoraggio di un periodo, di un ente attuatore, di un territorio: destinatari raggiunti (per target, classe, disabilità; famiglie OR3), servizi avviati e chiusi per codice azione, ore erogate, ritardi (INC-06, SER-11), costi UCS riconosciuti (seed 004), indicatori fisici del seed 002; con `percorso` anche in un file .xlsx (docs/indicatori.md). */
  calcola_indicatori: { input: CalcolaIndicatori; output: Indicatori; scrive: false; permesso: "leggere"; avanzamento: false };
  /** Esporta per l'ufficio regionale un file firmato e cifrato: tutto (`completo`) o solo ciò che è cambiato dall'ultima esportazione verso la stessa destinazione, cancellazioni comprese. */
  esporta: { input: Esporta; output: Esportato; scrive: true; permesso: "registrare"; avanzamento: false };
  /** Unisce all'ufficio regionale il file di uno sportello: anteprima (`applica` falso: cosa aggiunge, aggiorna, cancella e i conflitti) o unione in un'unica transazione; un file alterato è rifiutato. Dopo l'unione avvisa di ciò che gli sportelli non potevano vedere (SER-08). */
  unisci: { input: Unisci; output: EsitoUnione; scrive: true; permesso: "unire"; avanzamento: false };
  /** Crea (una volta sola) le chiavi dell'ufficio regionale e restituisce la chiave pubblica da dare agli sportelli. */
  genera_chiavi_ufficio: { input: Nulla; output: ChiaveUfficio; scrive: true; permesso: "unire"; avanzamento: false };
  /** Imposta su questo sportello la chiave pubblica dell'ufficio regionale a cui cifrare le esportazioni. */
  imposta_ufficio: { input: ChiaveUfficio; output: ChiaviSportello; scrive: true; permesso: "coordinare"; avanzamento: false };
  /** All'ufficio: per ogni sportello, l'ultimo file ricevuto (ente, intervallo di modifiche, quando, file). */
  list_provenienze: { input: Nulla; output: Array<Provenienza>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** All'ufficio: i record modificati sia qui sia allo sportello, con le due versioni, da risolvere. */
  list_conflitti: { input: Nulla; output: Array<Conflitto>; scrive: false; permesso: "leggere"; avanzamento: false };
  /** All'ufficio: risolve un conflitto tenendo la versione dell'ufficio o prendendo quella dello sportello. */
  risolvi_conflitto: { input: RisolviConflitto; output: Nulla; scrive: true; permesso: "unire"; avanzamento: false };
}

export type NomeOperazione = keyof Operazioni;
