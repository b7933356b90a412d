//! The command surface: every operation the desktop UI and the command line
//! can do, as one function `fn(&Store, &Ctx, Input) -> Result<Outcome<Output>>`.
//! `OPERATIONS` lists them (docs/commands.md is generated from it) and
//! `dispatch` runs one by name on JSON, which is how the shell and `sportello
//! call` reach them. No caller holds logic the core does not own.

pub mod avvio;
pub mod catalogo;
pub mod check;
pub mod codice_fiscale;
pub mod copie;
pub mod demo;
pub mod destinatari;
pub mod enti;
pub mod importa;
pub mod incontri;
pub mod indicatori;
pub mod interventi;
pub mod lettura;
pub mod modelli;
pub mod organizzazione;
pub mod registro;
pub mod scambio;
pub mod servizi;
pub mod storia;
pub mod tabelle;
pub mod utenti;

#[cfg(feature = "ts")]
mod bindings;
mod chiusura;
mod superficie;

use superficie::operations;
pub use superficie::{
    Operation, Operazione, call, consenti, dispatch, legge_soltanto, markdown, permesso_di,
};

use crate::context::Ctx;
use crate::error::{Error, Outcome, Result};
use crate::ids::Id;
use crate::store::Store;
use serde::{Deserialize, Serialize};

/// Input of operations that need nothing.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Nulla {}

/// What the desktop window shows of its session: the database it holds open,
/// the day it counts deadlines from, and whether the database is still empty
/// (then it offers the demo year).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InfoSessione {
    pub database: String,
    pub oggi: chrono::NaiveDate,
    pub vuoto: bool,
    pub versione: String,
}

/// Input naming one record.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PerId {
    pub id: Id,
}

/// Input of an update: the record and its new data (replaces the editable part whole).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Modifica<T> {
    pub id: Id,
    pub dati: T,
}

/// Input of reopenings and other actions that must say why.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConMotivo {
    pub id: Id,
    pub motivo: String,
}

/// A plan-then-apply operation's last input: only the preview, or apply
/// what the user confirmed (the preview's `impronta`; applying refuses if the
/// plan is no longer the same).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conferma {
    /// False: preview only.
    #[serde(default)]
    pub applica: bool,
    #[serde(default)]
    pub impronta: Option<String>,
}

impl Conferma {
    /// Applies without a preview to compare (the command line's default).
    pub fn applica_se(applica: bool) -> Self {
        Conferma {
            applica,
            impronta: None,
        }
    }
}

use crate::domain::*;
use crate::import::destinatari::Avanzamento;

use crate::catalogo::Catalogo;
use crate::store::servizi::FiltroServizi;

operations! {
    /// Gli utenti che possono accedere a questo database, con il loro ruolo.
    r [Coordinare] utenti::list_utenti(Nulla) -> Vec<Utente>;
    /// Aggiunge un utente (orientatore, coordinatore o ufficio) con la sua password.
    w [Coordinare] utenti::create_utente(crate::accesso::NuovoUtente) -> Utente;
    /// Modifica un utente: nome, ruolo, orientatore, attivo (il nome utente resta; disattivato non accede più).
    w [Coordinare] utenti::update_utente(Modifica<UtenteDati>) -> Utente;
    /// Cambia la password: la propria, o quella di chiunque per un coordinatore.
    w [Leggere] utenti::imposta_password(utenti::NuovaPassword) -> Nulla;
    /// Crea un raggruppamento temporaneo (RT) di un territorio.
    w [Coordinare] organizzazione::create_rt(RtDati) -> Rt;
    /// Elenca gli RT.
    r organizzazione::list_rt(Nulla) -> Vec<Rt>;
    /// Crea un ente attuatore, con il catalogo delle azioni che eroga.
    w [Coordinare] organizzazione::create_ente_attuatore(EnteAttuatoreDati) -> EnteAttuatore;
    /// Modifica un ente attuatore.
    w [Coordinare] organizzazione::update_ente_attuatore(Modifica<EnteAttuatoreDati>) -> EnteAttuatore;
    /// Elenca gli enti attuatori.
    r organizzazione::list_enti_attuatori(Nulla) -> Vec<EnteAttuatore>;
    /// Crea una sede di un ente attuatore.
    w [Coordinare] organizzazione::create_sede(SedeDati) -> Sede;
    /// Modifica una sede.
    w [Coordinare] organizzazione::update_sede(Modifica<SedeDati>) -> Sede;
    /// Elenca le sedi (di un ente attuatore, se indicato).
    r organizzazione::list_sedi(organizzazione::DiEnteAttuatore) -> Vec<Sede>;
    /// Crea un orientatore.
    w [Coordinare] organizzazione::create_orientatore(OrientatoreDati) -> Orientatore;
    /// Modifica un orientatore (anche per disattivarlo).
    w [Coordinare] organizzazione::update_orientatore(Modifica<OrientatoreDati>) -> Orientatore;
    /// Elenca gli orientatori (di un ente attuatore, se indicato).
    r organizzazione::list_orientatori(organizzazione::DiEnteAttuatore) -> Vec<Orientatore>;
    /// Elenca le voci di una lista modificabile (target o CMS).
    r organizzazione::list_voci(organizzazione::DiLista) -> Vec<Voce>;
    /// Aggiunge o modifica una voce di una lista (target o CMS); `id` vuoto per una nuova.
    w [Coordinare] organizzazione::save_voce(organizzazione::SalvaVoce) -> Voce;
    /// Legge le impostazioni di questa installazione (ente attuatore e utente correnti, database).
    r organizzazione::get_impostazioni(Nulla) -> organizzazione::Impostazioni;
    /// Imposta ente attuatore e orientatore correnti.
    w [Coordinare] organizzazione::set_impostazioni(organizzazione::Impostazioni) -> organizzazione::Impostazioni;
    /// Il primo avvio di uno sportello vero: ente attuatore con il suo catalogo, una sede e il primo orientatore, scritti insieme e resi le impostazioni della postazione (solo su un database senza ente attuatore).
    w [Coordinare] avvio::avvia_sportello(avvio::PrimoAvvio) -> avvio::Avviato;
    /// Crea un ente coinvolto (scuola, azienda, CPI …).
    w enti::create_ente(EnteDati) -> Ente;
    /// Modifica un ente coinvolto.
    w enti::update_ente(Modifica<EnteDati>) -> Ente;
    /// Cancella un ente coinvolto mai usato.
    w enti::delete_ente(PerId) -> Nulla;
    /// Un ente con i suoi plessi/indirizzi e referenti.
    r enti::get_ente(PerId) -> enti::SchedaEnte;
    /// Cerca enti per nome, codice meccanografico o comune.
    r enti::search_enti(enti::CercaEnti) -> Vec<Ente>;
    /// Crea un referente di un ente.
    w enti::create_referente(ReferenteDati) -> Referente;
    /// Modifica un referente.
    w enti::update_referente(Modifica<ReferenteDati>) -> Referente;
    /// Crea un modello (MOD-01…MOD-06).
    w modelli::create_modello(ModelloDati) -> Modello;
    /// Modifica un modello.
    w modelli::update_modello(Modifica<ModelloDati>) -> Modello;
    /// Cancella un modello non collegato a interventi.
    w modelli::delete_modello(PerId) -> Nulla;
    /// Un modello.
    r modelli::get_modello(PerId) -> Modello;
    /// Elenca i modelli (di un ente attuatore, se indicato).
    r modelli::list_modelli(organizzazione::DiEnteAttuatore) -> Vec<Modello>;
    /// Crea un intervento in bozza; collegando un modello ne eredita enti destinatari e referente.
    w interventi::create_intervento(InterventoDati) -> Intervento;
    /// Modifica un intervento (enti e modello solo in bozza, INT-02).
    w interventi::update_intervento(Modifica<InterventoDati>) -> Intervento;
    /// Attiva un intervento (INT-01).
    w interventi::activate_intervento(PerId) -> Intervento;
    /// Riporta un intervento attivo in bozza, per cambiare ciò che l'attivazione blocca.
    w interventi::deactivate_intervento(PerId) -> Intervento;
    /// Cancella un intervento e i suoi servizi, se nessun incontro è chiuso (GEN-01).
    w interventi::delete_intervento(PerId) -> Nulla;
    /// Un intervento con gli aggregati dei suoi servizi.
    r interventi::get_intervento(PerId) -> Intervento;
    /// Elenca gli interventi (di un ente attuatore o di un ente coinvolto).
    r interventi::list_interventi(interventi::FiltroInterventi) -> Vec<Intervento>;
    /// Crea un servizio, da solo o sotto un intervento attivo.
    w servizi::create_servizio(ServizioDati) -> Servizio;
    /// Modifica un servizio non chiuso.
    w servizi::update_servizio(Modifica<ServizioDati>) -> Servizio;
    /// Cancella un servizio senza incontri chiusi (GEN-01).
    w servizi::delete_servizio(PerId) -> Nulla;
    /// Un servizio con iscritti e incontri.
    r servizi::get_servizio(PerId) -> servizi::SchedaServizio;
    /// Elenca i servizi secondo un filtro.
    r servizi::list_servizi(FiltroServizi) -> Vec<Servizio>;
    /// Iscrive destinatari a un servizio, con i dati peculiari (quelli generali del servizio riempiono i vuoti).
    w servizi::enrol_destinatari(servizi::Iscrivi) -> Vec<Iscrizione>;
    /// Modifica i dati peculiari di un iscritto.
    w servizi::update_iscrizione(servizi::Iscrivi) -> Vec<Iscrizione>;
    /// Toglie un destinatario da un servizio.
    w servizi::remove_destinatario(servizi::Togli) -> Nulla;
    /// Chiude un servizio (SER-12, SER-13; oltre 15 giorni dall'ultimo incontro è in ritardo, SER-11).
    w servizi::close_servizio(PerId) -> Servizio;
    /// Riapre un servizio chiuso, registrando chi, quando e perché (SER-14).
    w servizi::reopen_servizio(ConMotivo) -> Servizio;
    /// Registra un incontro con le presenze.
    w incontri::create_incontro(IncontroDati) -> Incontro;
    /// Modifica un incontro aperto.
    w incontri::update_incontro(Modifica<IncontroDati>) -> Incontro;
    /// Registra le presenze di un incontro aperto.
    w incontri::set_presenze(incontri::Presenze) -> Incontro;
    /// Chiude un incontro (INC-05; oltre 15 giorni dalla data è in ritardo, INC-06).
    w incontri::close_incontro(PerId) -> Incontro;
    /// Riapre un incontro chiuso, registrando chi, quando e perché (INC-09).
    w incontri::reopen_incontro(ConMotivo) -> Incontro;
    /// Cancella un incontro aperto.
    w incontri::delete_incontro(PerId) -> Nulla;
    /// Un incontro con le presenze.
    r incontri::get_incontro(PerId) -> Incontro;
    /// Gli incontri aperti, da chiudere (di un ente attuatore, se indicato), i più vecchi prima.
    r incontri::list_incontri_aperti(organizzazione::DiEnteAttuatore) -> Vec<incontri::IncontroAperto>;
    /// Crea un destinatario (DES-01…DES-05; forzatura del codice fiscale con motivo).
    w destinatari::create_destinatario(DestinatarioDati) -> Destinatario;
    /// Modifica l'anagrafica di un destinatario.
    w destinatari::update_destinatario(Modifica<DestinatarioDati>) -> Destinatario;
    /// Cancella un destinatario mai presente a un incontro chiuso (GEN-01).
    w destinatari::delete_destinatario(PerId) -> Nulla;
    /// Un destinatario con tutti i suoi servizi.
    r destinatari::get_destinatario(PerId) -> destinatari::SchedaDestinatario;
    /// Cerca destinatari per codice fiscale o per nome (prefisso, in qualunque ordine).
    r destinatari::search_destinatari(destinatari::Cerca) -> Vec<Destinatario>;
    /// Legge un codice fiscale mentre lo si scrive: perché non è valido (DES-01), sesso, data e luogo di
    /// nascita da proporre, la persona che lo ha già (DES-05).
    r codice_fiscale::leggi_codice_fiscale(codice_fiscale::CodiceDaLeggere) -> codice_fiscale::LetturaCf;
    /// Calcola il codice fiscale di chi non lo ha ancora, da cognome, nome, sesso, data e luogo di
    /// nascita (il codice catastale del comune o dello stato estero).
    r codice_fiscale::calcola_codice_fiscale(codice_fiscale::DatiPerCodice) -> String;
    /// Comuni e stati esteri di nascita il cui nome comincia con il testo (elenchi ISTAT).
    r codice_fiscale::cerca_luoghi(codice_fiscale::CercaLuoghi) -> Vec<codice_fiscale::LuogoDiNascita>;
    /// Cosa scade: incontri e servizi da chiudere (INC-06, SER-11), con i conteggi.
    r check::list_scadenze(check::FiltroScadenze) -> check::Scadenze;
    /// Tutte le segnalazioni delle regole sull'intero database.
    r check::run_checks(Nulla) -> Vec<crate::error::Finding>;
    /// Elenca i cataloghi delle azioni.
    r catalogo::list_cataloghi(Nulla) -> Vec<Catalogo>;
    /// Le regole con codice, tipo e fonte.
    r catalogo::list_regole(Nulla) -> Vec<crate::rules::Rule>;
    /// Importa i partecipanti di un servizio da un file della scuola: prima l'anteprima riga per riga
    /// (`applica` falso), poi la scrittura del piano confermato (`applica` vero, con la sua `impronta`).
    w [Registrare, importa_destinatari_con] importa::importa_destinatari(importa::ImportaDestinatari) -> importa::EsitoImport;
    /// Importa le scuole dall'anagrafe del Ministero (statali o paritarie), filtrate per regione o
    /// provincia: anteprima (`applica` falso) o scrittura; aggiorna quelle già presenti senza cambiarne l'id.
    w [Coordinare, importa_scuole_con] importa::importa_scuole(importa::ImportaScuole) -> importa::EsitoScuole;
    /// Stampa in PDF il registro presenze di un servizio: `prima` (caselle vuote da firmare) o
    /// `dopo` (compilato con gli incontri registrati).
    r registro::stampa_registro(registro::StampaRegistro) -> Nulla;
    /// Stampa i registri di un intervento, di un ente coinvolto o di un periodo: un unico PDF
    /// (percorso `.pdf`) o un file per registro (percorso cartella).
    r [Coordinare, stampa_registri_con] registro::stampa_registri(registro::StampaRegistri) -> registro::Stampati;
    /// Rilegge i registri firmati da una scansione (PDF dello scanner, o pagine PNG, JPEG, TIFF):
    /// anteprima (`applica` falso: ogni pagina e ogni casella con la proposta presente/assente e la
    /// fiducia; le pagine non Sportello, di un altro database, doppie, stampate prima di una modifica
    /// o illeggibili sono dette, mai indovinate) o scrittura delle proposte sicure sugli incontri
    /// aperti, in un'unica transazione.
    /// Con `ritagli` ogni casella porta la sua immagine (la revisione nella finestra); le `decisioni` di chi
    /// rivede valgono sulle proposte, anche incerte. Applicando, le pagine lette restano come prova accanto
    /// ai loro incontri.
    w [Registrare, leggi_registri_con] lettura::leggi_registri(lettura::LeggiRegistri) -> lettura::EsitoLettura;
    /// Le pagine dei registri firmati conservate per un incontro (la lettura più recente prima).
    r lettura::scansioni_incontro(PerId) -> Vec<crate::store::scansioni::Scansione>;
    /// L'immagine di una pagina conservata (data URL JPEG).
    r lettura::immagine_scansione(PerId) -> String;
    /// Stampa in PDF la copia conforme di una pagina conservata: la pagina, da dove viene, la firma di
    /// chi ne attesta la conformità.
    r lettura::copia_conforme(lettura::CopiaConforme) -> Nulla;
    /// Scrive il modello Excel da dare alle scuole per l'elenco dei partecipanti.
    r importa::modello_excel(importa::Percorso) -> Nulla;
    /// Riempie un database vuoto con un anno scolastico dimostrativo.
    w [Coordinare] demo::riempi_demo(Nulla) -> demo::Riepilogo;
    /// La storia di un record (chi, quando, cosa è cambiato: ogni campo con il valore di prima e di
    /// dopo), dalla più recente; al più 500 voci.
    r storia::storia(PerId) -> Vec<crate::store::storia::VoceStoria>;
    /// Le copie di sicurezza del database, dalla più recente (cartella `copie` accanto al database).
    r copie::list_copie(Nulla) -> Vec<crate::store::copie::Copia>;
    /// Fa subito una copia di sicurezza del database, verificata.
    r copie::crea_copia(Nulla) -> crate::store::copie::Copia;
    /// Controlla che il database sia integro (PRAGMA integrity_check e riferimenti) e ne conta le
    /// righe per tabella.
    r copie::verifica_database(Nulla) -> crate::store::copie::Integrita;
    /// Rimette il database com'era nella copia indicata, dopo averne messo da parte lo stato attuale
    /// (restituisce quella copia).
    w [Coordinare] copie::ripristina_copia(importa::Percorso) -> crate::store::copie::Copia;
    /// Scrive le tabelle per il sistema regionale (modelli, interventi, servizi, incontri, presenze,
    /// destinatari, iscrizioni) in una cartella: un file .xlsx con un foglio per tabella, o un .csv per
    /// tabella; filtrate per periodo degli incontri e per ente attuatore (docs/tabelle.md).
    r tabelle::scrivi_tabelle(tabelle::ScriviTabelle) -> tabelle::TabelleScritte;
    /// Indicatori di monitoraggio di un periodo, di un ente attuatore, di un territorio: destinatari
    /// raggiunti (per target, classe, disabilità; famiglie OR3), servizi avviati e chiusi per codice
    /// azione, ore erogate, ritardi (INC-06, SER-11), costi UCS riconosciuti (seed 004), indicatori
    /// fisici del seed 002; con `percorso` anche in un file .xlsx (docs/indicatori.md).
    r indicatori::calcola_indicatori(indicatori::CalcolaIndicatori) -> crate::indicatori::Indicatori;
    /// Esporta per l'ufficio regionale un file firmato e cifrato: tutto (`completo`) o solo ciò che è
    /// cambiato dall'ultima esportazione verso la stessa destinazione, cancellazioni comprese.
    w scambio::esporta(scambio::Esporta) -> crate::scambio::esporta::Esportato;
    /// Unisce all'ufficio regionale il file di uno sportello: anteprima (`applica` falso: cosa aggiunge,
    /// aggiorna, cancella e i conflitti) o unione in un'unica transazione; un file alterato è rifiutato.
    /// Dopo l'unione avvisa di ciò che gli sportelli non potevano vedere (SER-08).
    w [Unire] scambio::unisci(scambio::Unisci) -> scambio::EsitoUnione;
    /// Crea (una volta sola) le chiavi dell'ufficio regionale e restituisce la chiave pubblica da dare agli sportelli.
    w [Unire] scambio::genera_chiavi_ufficio(Nulla) -> scambio::ChiaveUfficio;
    /// Imposta su questo sportello la chiave pubblica dell'ufficio regionale a cui cifrare le esportazioni.
    w [Coordinare] scambio::imposta_ufficio(scambio::ChiaveUfficio) -> scambio::ChiaviSportello;
    /// All'ufficio: per ogni sportello, l'ultimo file ricevuto (ente, intervallo di modifiche, quando, file).
    r scambio::list_provenienze(Nulla) -> Vec<crate::store::scambio::Provenienza>;
    /// All'ufficio: i record modificati sia qui sia allo sportello, con le due versioni, da risolvere.
    r scambio::list_conflitti(Nulla) -> Vec<crate::store::scambio::Conflitto>;
    /// All'ufficio: risolve un conflitto tenendo la versione dell'ufficio o prendendo quella dello sportello.
    w [Unire] scambio::risolvi_conflitto(scambio::RisolviConflitto) -> Nulla;
}
