//! A small world for integration tests: one implementing body on the Piemonte OOP
//! catalogue, a sede, two orientatori, a school with two plessi, a company, and an
//! active intervento on a plesso. Operations go through the same JSON dispatch the
//! command line and the UI use, so the tests exercise the real command surface.
#![allow(dead_code)] // each test file uses part of it

pub mod registro_sintetico;

use chrono::NaiveDate;
use serde_json::{Value, json};
use sportello::accesso::NuovoUtente;
use sportello::commands::{self, Operazione, op};
use sportello::context::{Ctx, Source};
use sportello::domain::{
    EnteAttuatoreDati, EnteDati, Orientatore, OrientatoreDati, ReferenteDati, RtDati, Ruolo,
    SedeDati, TipoEnte, UtenteDati,
};
use sportello::error::{Error, Outcome};
use sportello::ids::Id;
use sportello::rules::Code;
use sportello::store::Store;

/// Complete dati peculiari for a third-year pupil: the servizio's defaults.
pub static DATI_PECULIARI: std::sync::LazyLock<Value> = std::sync::LazyLock::new(|| {
    json!({"classe": 3, "sezione": "A", "titolo_studio": "licenza_elementare",
           "condizione_occupazionale": "studente", "condizione_abitativa": "nessun_disagio"})
});

pub fn date(s: &str) -> NaiveDate {
    s.parse().expect("yyyy-mm-dd")
}

pub struct World {
    pub store: Store,
    /// "Today" for the next call; tests move it to hit the deadlines.
    pub oggi: NaiveDate,
    pub ente_attuatore: String,
    pub sede: String,
    pub orientatore: String,
    pub orientatore2: String,
    pub target: String,
    pub cms: String,
    pub istituto: String,
    pub plesso: String,
    pub plesso2: String,
    pub azienda: String,
    pub referente: String,
    pub intervento: String,
    /// The login of Paola Rossi (the first orientatore), a coordinatore.
    pub coordinatore: String,
    /// The login of Luca Neri (the second orientatore), an orientatore.
    pub utente_orientatore: String,
    /// Who is acting: the coordinatore, unless a test logs out (None) or
    /// acts as someone else.
    pub utente: Option<String>,
}

impl World {
    pub fn new() -> World {
        World::with_store(Store::open_in_memory().expect("store"))
    }

    /// The same world in a database file (tests where two processes share it).
    pub fn with_store(store: Store) -> World {
        let mut w = World {
            store,
            oggi: date("2026-01-20"),
            ente_attuatore: String::new(),
            sede: String::new(),
            orientatore: String::new(),
            orientatore2: String::new(),
            target: String::new(),
            cms: String::new(),
            istituto: String::new(),
            plesso: String::new(),
            plesso2: String::new(),
            azienda: String::new(),
            referente: String::new(),
            intervento: String::new(),
            coordinatore: String::new(),
            utente_orientatore: String::new(),
            utente: None,
        };
        // The world is built with typed calls: a field renamed in the core
        // fails to compile here instead of at run time.
        let rt = w.esegui::<op::create_rt>(RtDati {
            nome: "RT Biella".into(),
            territorio: "Biella".into(),
        });
        let ente_attuatore = w.esegui::<op::create_ente_attuatore>(EnteAttuatoreDati {
            nome: "Centro di Formazione Esempio".into(),
            codice: None,
            rt_id: Some(rt.id),
            catalogo: "piemonte-oop".into(),
        });
        let sede = w.esegui::<op::create_sede>(SedeDati {
            ente_attuatore_id: ente_attuatore.id,
            nome: "Sede di Biella".into(),
            indirizzo: None,
            comune: Some("Biella".into()),
            provincia: None,
            territorio: None,
            attivo: true,
        });
        let orientatore = |cognome: &str, nome: &str| {
            w.esegui::<op::create_orientatore>(OrientatoreDati {
                ente_attuatore_id: ente_attuatore.id,
                cognome: cognome.into(),
                nome: nome.into(),
                email: None,
                telefono: None,
                attivo: true,
            })
        };
        let (paola, luca) = (orientatore("Rossi", "Paola"), orientatore("Neri", "Luca"));
        let utente = |nome_utente: &str, ruolo: Ruolo, o: &Orientatore, password: &str| {
            w.esegui::<op::create_utente>(NuovoUtente {
                dati: UtenteDati {
                    nome_utente: nome_utente.into(),
                    nome: format!("{} {}", o.dati.nome, o.dati.cognome),
                    ruolo,
                    orientatore_id: Some(o.id),
                    attivo: true,
                },
                password: password.into(),
            })
        };
        let coordinatore = utente("paola", Ruolo::Coordinatore, &paola, "una password lunga");
        let utente_orientatore = utente("luca", Ruolo::Orientatore, &luca, "un'altra password");
        let ente = |tipo, nome: &str, codice: Option<&str>, istituto: Option<Id>| {
            w.esegui::<op::create_ente>(EnteDati {
                tipo,
                nome: nome.into(),
                codice_meccanografico: codice.map(Into::into),
                istituto_principale_id: istituto,
                grado: None,
                indirizzo: None,
                cap: None,
                comune: None,
                provincia: None,
                regione: None,
                email: None,
                pec: None,
                telefono: None,
            })
        };
        let istituto = ente(TipoEnte::Scuola, "IC Alfa", Some("BIIC80000A"), None);
        let plesso = |nome, codice| ente(TipoEnte::Scuola, nome, Some(codice), Some(istituto.id));
        let (beta, gamma) = (
            plesso("Scuola media Beta", "BIMM80001B"),
            plesso("Scuola media Gamma", "BIMM80002C"),
        );
        let azienda = ente(TipoEnte::Azienda, "Lanificio Esempio", None, None);
        let referente = w.esegui::<op::create_referente>(ReferenteDati {
            ente_id: Some(beta.id),
            cognome: "Bianchi".into(),
            nome: "Carla".into(),
            ruolo: Some("docente".into()),
            telefono: None,
            email: None,
        });
        w.ente_attuatore = ente_attuatore.id.to_string();
        w.sede = sede.id.to_string();
        w.orientatore = paola.id.to_string();
        w.orientatore2 = luca.id.to_string();
        w.coordinatore = coordinatore.id.to_string();
        w.utente_orientatore = utente_orientatore.id.to_string();
        w.utente = Some(w.coordinatore.clone());
        w.target = w.voce("target");
        w.cms = w.voce("cms");
        w.istituto = istituto.id.to_string();
        w.plesso = beta.id.to_string();
        w.plesso2 = gamma.id.to_string();
        w.azienda = azienda.id.to_string();
        w.referente = referente.id.to_string();
        w.intervento = w.intervento_attivo(&[w.plesso.clone()]);
        w
    }

    /// Another implementing body on `catalogo`, in the same RT when `rt` is given:
    /// (ente attuatore, sede, orientatore).
    pub fn altro_ente(&self, catalogo: &str, rt: Option<&str>) -> (String, String, String) {
        let ente = self.id(
            "create_ente_attuatore",
            json!({"nome": format!("Ente {catalogo}"), "catalogo": catalogo, "rt_id": rt}),
        );
        let sede = self.id(
            "create_sede",
            json!({"ente_attuatore_id": ente, "nome": "Sede", "comune": "Trento"}),
        );
        let or = self.id(
            "create_orientatore",
            json!({"ente_attuatore_id": ente, "cognome": "Altri", "nome": "Ada"}),
        );
        (ente, sede, or)
    }

    /// A standalone servizio input of another body: `codice` in `modalita`, at the plesso.
    pub fn servizio_di(
        &self,
        (ente, sede): (&str, &str),
        codice: &str,
        modalita: &str,
        durata: u32,
    ) -> Value {
        let mut s = self.servizio_input();
        s["ente_attuatore_id"] = json!(ente);
        s["sede_id"] = json!(sede);
        s["intervento_id"] = Value::Null;
        s["codice_azione"] = json!(codice);
        s["modalita"] = json!(modalita);
        s["durata_prevista_minuti"] = json!(durata);
        s["numero_destinatari"] = json!(1);
        s["numero_famiglie"] = Value::Null;
        s
    }

    pub fn ctx(&self) -> Ctx {
        Ctx::new(Source::Cli, self.oggi)
            .with_actor(self.utente.as_deref().map(|u| u.parse().expect("an id")))
    }

    /// Runs the operation `O` with its typed input (see `commands::Operazione`).
    pub fn chiama<O: Operazione>(&self, input: O::Input) -> Result<Outcome<O::Output>, Error> {
        commands::call::<O>(&self.store, &self.ctx(), input)
    }

    /// Runs the operation `O`, which must succeed; returns its value.
    pub fn esegui<O: Operazione>(&self, input: O::Input) -> O::Output {
        match self.chiama::<O>(input) {
            Ok(o) => o.value,
            Err(e) => panic!("{} failed: {e:?}", O::NOME),
        }
    }

    pub fn call(&self, op: &str, input: Value) -> Result<Outcome<Value>, Error> {
        commands::dispatch(&self.store, &self.ctx(), op, input)
    }

    /// Runs an operation that must succeed; returns its value.
    pub fn ok(&self, op: &str, input: Value) -> Value {
        match self.call(op, input.clone()) {
            Ok(o) => o.value,
            Err(e) => panic!("{op} {input} failed: {e:?}"),
        }
    }

    pub fn id(&self, op: &str, input: Value) -> String {
        self.ok(op, input)["id"].as_str().expect("an id").to_owned()
    }

    fn voce(&self, lista: &str) -> String {
        self.ok("list_voci", json!({"lista": lista}))[0]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub fn intervento_attivo(&self, enti: &[String]) -> String {
        let id = self.id(
            "create_intervento",
            json!({"ente_attuatore_id": self.ente_attuatore, "titolo": "Orientamento classi terze",
                   "referente_id": self.referente, "ente_ids": enti}),
        );
        self.ok("activate_intervento", json!({"id": id}));
        id
    }

    /// A valid OR3 servizio input under the world's intervento; tests edit it.
    pub fn servizio_input(&self) -> Value {
        json!({
            "ente_attuatore_id": self.ente_attuatore,
            "intervento_id": self.intervento,
            "codice_azione": "OR3",
            "titolo": "Seminario scelta scuola superiore",
            "sede_id": self.sede,
            "durata_prevista_minuti": 120,
            "numero_destinatari": 2,
            "numero_famiglie": 0,
            "anno_scolastico": "2025/26",
            "target_ids": [self.target],
            "cms_ids": [self.cms],
            "ente_ids": [self.plesso],
            "dati_peculiari": DATI_PECULIARI.clone()
        })
    }

    pub fn servizio(&self) -> String {
        self.id("create_servizio", self.servizio_input())
    }

    /// A destinatario with a valid, computed codice fiscale; the same name gives the
    /// same person (DES-05), so fixtures can be built twice in one world.
    pub fn destinatario(&self, cognome: &str, nome: &str) -> String {
        match self.call(
            "create_destinatario",
            self.destinatario_input(cognome, nome),
        ) {
            Ok(o) => o.value["id"].as_str().expect("an id").to_owned(),
            Err(Error::Regole { findings }) if findings[0].code == "DES-05" => {
                findings[0].record.expect("the existing one").id.to_string()
            }
            Err(e) => panic!("create_destinatario {cognome} {nome}: {e:?}"),
        }
    }

    pub fn destinatario_input(&self, cognome: &str, nome: &str) -> Value {
        let nascita = date("2012-04-15");
        let cf = sportello::codice_fiscale::compute(
            cognome,
            nome,
            sportello::codice_fiscale::Sesso::F,
            nascita,
            "A859",
        );
        json!({"codice_fiscale": cf, "cognome": cognome, "nome": nome, "sesso": "F",
               "data_nascita": nascita, "comune_nascita": "Biella", "telefono": "015 0000000"})
    }

    pub fn enrol(&self, servizio: &str, destinatari: &[&str]) {
        self.ok("enrol_destinatari", iscrizioni_di(servizio, destinatari));
    }

    /// New destinatari (cognome, nome) enrolled in one call, each with its own dati
    /// peculiari (`Value::Null`: none given); returns their ids.
    pub fn enrol_new<const N: usize>(
        &self,
        servizio: &str,
        persone: [(&str, &str, Value); N],
    ) -> [String; N] {
        let ids = persone
            .each_ref()
            .map(|(cognome, nome, _)| self.destinatario(cognome, nome));
        let dati: Vec<(&str, Value)> = ids
            .iter()
            .zip(&persone)
            .map(|(id, (_, _, dp))| (id.as_str(), dp.clone()))
            .collect();
        self.ok("enrol_destinatari", iscrizioni(servizio, &dati));
        ids
    }

    /// Enrols in one call and returns the outcome, for the tests of the enrolment rules.
    pub fn try_enrol(&self, servizio: &str, destinatari: &[&str]) -> Result<Outcome<Value>, Error> {
        self.call("enrol_destinatari", iscrizioni_di(servizio, destinatari))
    }

    /// A valid incontro input: 9:00–11:00 at the plesso, signed by the first orientatore.
    pub fn incontro_input(&self, servizio: &str, data: &str, presenti: &[&str]) -> Value {
        let presenze: Vec<Value> = presenti
            .iter()
            .map(|d| json!({"destinatario_id": d, "presente": true}))
            .collect();
        json!({"servizio_id": servizio, "data": data, "ora_inizio": "09:00", "ora_fine": "11:00",
               "orientatore_id": self.orientatore, "luogo": {"ente_id": self.plesso},
               "famiglie_presenti": 0, "presenze": presenze})
    }

    /// A servizio with two enrolled destinatari; returns (servizio, [destinatari]).
    pub fn servizio_con_iscritti(&self) -> (String, Vec<String>) {
        let s = self.servizio();
        let a = self.destinatario("Verdi", "Anna");
        let b = self.destinatario("Gialli", "Bruna");
        self.enrol(&s, &[&a, &b]);
        (s, vec![a, b])
    }

    /// The same, with one open incontro on 15 January (9:00–11:00) where both are
    /// present: (servizio, [destinatari], incontro).
    pub fn servizio_con_incontro(&self) -> (String, Vec<String>, String) {
        let (s, d) = self.servizio_con_iscritti();
        let i = self.id(
            "create_incontro",
            self.incontro_input(&s, "2026-01-15", &[&d[0], &d[1]]),
        );
        (s, d, i)
    }

    /// One value read straight from the database, for what no operation returns.
    pub fn scalar<T: rusqlite::types::FromSql>(&self, sql: &str) -> T {
        self.store
            .read()
            .query_row(sql, [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
}

/// The enrol_destinatari input: each destinatario with its own dati peculiari
/// (`Value::Null`: none given, the servizio's apply).
pub fn iscrizioni(servizio: &str, destinatari: &[(&str, Value)]) -> Value {
    let iscrizioni: Vec<Value> = destinatari
        .iter()
        .map(|(d, dati_peculiari)| {
            let mut i = json!({"destinatario_id": d});
            if !dati_peculiari.is_null() {
                i["dati_peculiari"] = dati_peculiari.clone();
            }
            i
        })
        .collect();
    json!({"servizio_id": servizio, "iscrizioni": iscrizioni})
}

/// The enrol_destinatari input of destinatari without dati peculiari of their own.
fn iscrizioni_di(servizio: &str, destinatari: &[&str]) -> Value {
    let senza: Vec<(&str, Value)> = destinatari.iter().map(|d| (*d, Value::Null)).collect();
    iscrizioni(servizio, &senza)
}

/// The rule codes of a refused operation (panics if it succeeded).
pub fn refused(r: Result<Outcome<Value>, Error>) -> Vec<Code> {
    match r {
        Ok(o) => panic!("expected a refusal, got {}", o.value),
        Err(Error::Regole { findings }) => findings.iter().map(|f| f.code).collect(),
        Err(e) => panic!("expected a rule error, got {e:?}"),
    }
}

/// The warning codes of a successful operation (panics if it failed).
pub fn warned(r: Result<Outcome<Value>, Error>) -> Vec<Code> {
    match r {
        Ok(o) => o.warnings.iter().map(|f| f.code).collect(),
        Err(e) => panic!("expected success, got {e:?}"),
    }
}
