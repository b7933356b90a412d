//! `RULES`, the rule book of `domain.md` §4 as data: one row per code, in
//! the order of `Code::ALL`, from which `docs/regole.md` is generated. The
//! row's type, the lookups and the findings built from it are in `mod.rs`.

use super::Kind::{Avviso, Errore, Nota, Scadenza};
use super::{Code, Rule, r};

/// Where each code is checked, in the words `docs/regole.md` uses.
const MODELLO: &str = "creazione e modifica del modello";
const ATTIVAZIONE: &str = "attivazione dell'intervento";
const SERVIZIO: &str = "creazione e modifica del servizio";
const INCONTRO: &str = "creazione e modifica dell'incontro, presenze";
const CHIUSURA_SER: &str = "chiusura del servizio";
const ANAGRAFICA: &str = "creazione e modifica del destinatario, importazione";

/// The rules of `domain.md` §4, one row per code, in its order.
pub static RULES: &[Rule] = &[
    r(
        Code::MOD_01,
        Errore,
        "000 §1",
        MODELLO,
        "Un modello ha almeno un target destinatari.",
    ),
    r(
        Code::MOD_02,
        Avviso,
        "000 §1",
        "creazione e modifica del modello; check",
        "Un modello con più di un target è insolito.",
    ),
    r(
        Code::MOD_03,
        Errore,
        "000 §1",
        MODELLO,
        "Un modello ha almeno una CMS.",
    ),
    r(
        Code::MOD_04,
        Errore,
        "000 §1",
        MODELLO,
        "Un modello ha almeno un ente coinvolto nel ruolo di destinatario.",
    ),
    r(
        Code::MOD_05,
        Errore,
        "000 §2",
        MODELLO,
        "Ogni ente coprogettatore ha una persona di riferimento.",
    ),
    r(
        Code::MOD_06,
        Errore,
        "000 §2",
        MODELLO,
        "Ogni servizio esterno ha un ente, un titolo e una durata.",
    ),
    r(
        Code::INT_01,
        Errore,
        "000 §2.1, §3",
        ATTIVAZIONE,
        "Un intervento ha referente ed ente coinvolto prima dell'attivazione; se collegato a un modello li prende dal \
         modello, e un modello che non li ha blocca l'attivazione allo stesso modo.",
    ),
    r(
        Code::INT_02,
        Errore,
        "000 §3, §4",
        "modifica dell'intervento",
        "Enti coinvolti e modello si cambiano solo con l'intervento in bozza.",
    ),
    r(
        Code::INT_03,
        Errore,
        "000 §3",
        SERVIZIO,
        "Un servizio si collega a un intervento solo se attivo, solo alla creazione, e solo da un ente attuatore \
         dello stesso RT.",
    ),
    r(
        Code::INT_06,
        Errore,
        "000 §3, §4",
        "ritorno in bozza dell'intervento; modifica degli enti",
        "Un intervento attivo torna in bozza solo se nessun incontro sotto di esso è chiuso; gli enti cambiati \
         dopo raggiungono i suoi servizi.",
    ),
    r(
        Code::INT_04,
        Errore,
        "000 §3",
        "creazione e modifica dell'intervento",
        "Target, CMS e destinatari dell'intervento derivano dai suoi servizi.",
    ),
    r(
        Code::INT_05,
        Avviso,
        "000 §6.1",
        "creazione e modifica di intervento e servizio; check",
        "L'ente coinvolto è un istituto principale con plessi o indirizzi: usa il plesso.",
    ),
    r(
        Code::SER_01,
        Errore,
        "000 §4",
        SERVIZIO,
        "La sede è una delle sedi dell'ente attuatore.",
    ),
    r(
        Code::SER_02,
        Errore,
        "000 intro, catalogo",
        SERVIZIO,
        "La durata prevista è nei limiti del catalogo per il percorso.",
    ),
    r(
        Code::SER_03,
        Errore,
        "000 §4, §9.4",
        SERVIZIO,
        "Or.3: il numero famiglie è indicato (0 se solo ragazzi).",
    ),
    r(
        Code::SER_04,
        Errore,
        "000 §4, §9.3",
        "creazione, modifica e chiusura del servizio; check",
        "Un servizio ha target, CMS e, salvo dispersi, un ente coinvolto.",
    ),
    r(
        Code::SER_15,
        Avviso,
        "000 §6",
        "iscrizione; check",
        "Un disperso è iscritto a un servizio il cui ente coinvolto è una scuola: per i dispersi l'ente coinvolto \
         resta vuoto.",
    ),
    r(
        Code::SER_05,
        Errore,
        "000 §4, §6",
        SERVIZIO,
        "Un servizio sotto un intervento ne eredita gli enti coinvolti che la sua azione ammette; uno autonomo \
         indica i propri.",
    ),
    r(
        Code::SER_06,
        Avviso,
        "000 §6",
        "creazione e modifica del servizio; check",
        "Or.8: l'azienda visitata è un ente coinvolto accanto alla scuola.",
    ),
    r(
        Code::SER_07,
        Errore,
        "000 §6",
        SERVIZIO,
        "Colloqui individuali: l'ente coinvolto è la scuola o università frequentata, mai l'ente attuatore o il \
         luogo del colloquio.",
    ),
    r(
        Code::SER_08,
        Errore,
        "000 §3",
        "iscrizione; check; unione all'ufficio regionale",
        "Un destinatario non riceve la stessa azione da due enti attuatori nello stesso a.s.",
    ),
    r(
        Code::SER_09,
        Errore,
        "000 §9.2",
        SERVIZIO,
        "OR4-2A/3A e OR5-2A/3A stanno sotto l'intervento dell'azione dell'anno prima.",
    ),
    r(
        Code::SER_10,
        Avviso,
        "000 §4",
        "modifica, iscrizione e chiusura del servizio; check",
        "Il numero destinatari differisce dagli iscritti.",
    ),
    r(
        Code::SER_11,
        Scadenza,
        "000 §5",
        "chiusura del servizio; scadenze; check",
        "Il servizio si chiude entro 15 giorni dall'ultimo incontro (avviso dal 10° giorno, in ritardo dopo il \
         15°); un servizio sotto la durata prevista, senza incontri aperti o futuri, è avvisato dal 10° giorno.",
    ),
    r(
        Code::SER_12,
        Errore,
        "catalogo",
        CHIUSURA_SER,
        "Le ore degli incontri chiusi sono nei limiti del catalogo per il percorso (avviso se il limite è \
         provvisorio).",
    ),
    r(
        Code::SER_13,
        Errore,
        "000 §5",
        CHIUSURA_SER,
        "Un servizio si chiude solo con tutti gli incontri chiusi.",
    ),
    r(
        Code::SER_16,
        Errore,
        "000 §9.3, §9.5",
        "iscrizione; check",
        "Un servizio individuale ha un solo destinatario: un percorso di colloqui per persona.",
    ),
    r(
        Code::SER_17,
        Errore,
        "000 §9.3",
        SERVIZIO,
        "OR6 e OR7 esistono solo sotto un intervento.",
    ),
    r(
        Code::SER_18,
        Errore,
        "000 §4",
        "modifica del servizio",
        "Con un incontro chiuso, codice azione, modalità e a.s. del servizio sono fissati; durata prevista e numero \
         destinatari restano modificabili.",
    ),
    r(
        Code::SER_19,
        Errore,
        "catalogo, 003, 004",
        "presenze; chiusura del servizio; check",
        "Il numero di incontri del catalogo vale alla chiusura, e nessun incontro ha più presenti della numerosità \
         del gruppo (avviso se il limite è provvisorio).",
    ),
    r(
        Code::INC_01,
        Errore,
        "000 §5",
        INCONTRO,
        "L'ora di fine segue l'ora di inizio; durata = fine − inizio.",
    ),
    r(
        Code::INC_02,
        Errore,
        "000 §5",
        INCONTRO,
        "I partecipanti sono destinatari del servizio.",
    ),
    r(
        Code::INC_03,
        Errore,
        "000 §5",
        "creazione, modifica e chiusura dell'incontro",
        "L'orientatore che firma il registro è indicato, attivo e dell'ente attuatore del servizio.",
    ),
    r(
        Code::INC_04,
        Errore,
        "000 §5",
        "creazione, modifica e chiusura dell'incontro",
        "È indicato il luogo dell'incontro.",
    ),
    r(
        Code::INC_05,
        Errore,
        "000 §8, §9.3",
        "chiusura dell'incontro; check",
        "Un incontro si chiude solo con i dati peculiari dei partecipanti completi (classe e sezione solo per gli \
         alunni delle scuole).",
    ),
    r(
        Code::INC_06,
        Scadenza,
        "000 §5",
        "inserimento e chiusura dell'incontro; scadenze; check",
        "Un incontro si inserisce e si chiude entro 15 giorni dalla data; spostarlo o riaprirlo non toglie il \
         ritardo, e il cambio di data è registrato.",
    ),
    r(
        Code::INC_07,
        Avviso,
        "catalogo",
        "creazione e modifica dell'incontro; check",
        "La durata dell'incontro è nei limiti del catalogo per incontro.",
    ),
    r(
        Code::INC_08,
        Errore,
        "registro",
        "creazione e modifica dell'incontro; check",
        "Lo stesso orientatore non è in due incontri sovrapposti.",
    ),
    r(
        Code::INC_09,
        Errore,
        "000 §5",
        "modifica e riapertura dell'incontro; modifica dei dati peculiari",
        "Un incontro chiuso è bloccato, con i dati peculiari dei presenti; riaprirlo registra chi (un utente noto e \
         attivo), quando e perché.",
    ),
    r(
        Code::INC_10,
        Errore,
        "000 §5",
        "presenze; chiusura dell'incontro",
        "Un incontro non si chiude, e nessuno è segnato presente, prima della sua data.",
    ),
    r(
        Code::INC_11,
        Avviso,
        "000 §9.2",
        "creazione e modifica dell'incontro",
        "La data dell'incontro è nell'a.s. del servizio (1 settembre – 31 agosto).",
    ),
    r(
        Code::INC_12,
        Errore,
        "000 §9.4",
        "presenze e chiusura dell'incontro",
        "Or.3: ogni incontro indica le famiglie presenti, e almeno un ragazzo è presente e firma.",
    ),
    r(
        Code::SER_14,
        Errore,
        "000 §5",
        "modifica e riapertura del servizio",
        "Un servizio chiuso è bloccato; riaprirlo registra chi (un utente noto e attivo), quando e perché.",
    ),
    r(
        Code::GEN_01,
        Errore,
        "—",
        "cancellazioni",
        "Un record con incontri chiusi non si cancella.",
    ),
    Rule {
        forzabile: true,
        ..r(
            Code::DES_01,
            Errore,
            "000 §7",
            ANAGRAFICA,
            "Il codice fiscale è corretto; uno calcolato o fittizio richiede una forzatura di un utente noto, che \
             finisce quando un codice valido lo sostituisce.",
        )
    },
    r(
        Code::DES_02,
        Avviso,
        "000 §7",
        ANAGRAFICA,
        "Il codice fiscale concorda con sesso, data e luogo di nascita.",
    ),
    r(
        Code::DES_03,
        Errore,
        "000 §7",
        ANAGRAFICA,
        "C'è almeno uno tra e-mail e telefono (anche quelli della scuola).",
    ),
    r(
        Code::DES_04,
        Errore,
        "000 §8",
        "iscrizione, importazione",
        "La classe è un numero da 1 a 5.",
    ),
    r(
        Code::DES_05,
        Errore,
        "—",
        "creazione del destinatario, importazione, unione",
        "Lo stesso codice fiscale è un solo destinatario.",
    ),
    r(
        Code::DES_06,
        Nota,
        "000 §7",
        "—",
        "La città estera di nascita è facoltativa.",
    ),
    r(
        Code::DES_07,
        Nota,
        "000 §8",
        "—",
        "La disabilità è «no» se non indicata; il valore della persona prevale su quello del servizio.",
    ),
];

#[cfg(test)]
mod tests;
