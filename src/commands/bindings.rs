//! Writes the TypeScript bindings of the command surface (feature `ts`): the
//! desktop UI imports them, so no type is written twice by hand. `tests/
//! bindings.rs` keeps `ui/src/bindings/` in step with the Rust types.

use crate::domain::Vocabolario;
use std::collections::BTreeSet;
use ts_rs::{Config, ExportError, TS, TypeVisitor};

#[derive(Default)]
pub struct Tipi {
    /// TypeScript names to import into `operazioni.ts`, with their file.
    importi: BTreeSet<(String, String)>,
    righe: Vec<String>,
}

impl Tipi {
    /// Exports `T` and what it depends on, and remembers what `operazioni.ts` imports.
    pub fn esporta<T: TS + ?Sized + 'static>(&mut self, cfg: &Config) -> Result<(), ExportError> {
        if let Some(path) = T::output_path() {
            T::export_all(cfg)?;
            self.importa(T::ident(cfg), &path);
        }
        for dep in T::dependencies(cfg) {
            self.importa(dep.ts_name.clone(), &dep.output_path);
        }
        // `Vec<Catalogo>` has no file of its own: export what it is a list of.
        let mut generici = Generici(self, cfg, Ok(()));
        T::visit_generics(&mut generici);
        generici.2
    }

    fn importa(&mut self, name: String, path: &std::path::Path) {
        let file = path.with_extension("").to_string_lossy().replace('\\', "/");
        self.importi.insert((name, file));
    }

    pub fn operazione(&mut self, op: &super::Operation, input: String, output: String) {
        self.righe.push(format!(
            "  /** {} */\n  {}: {{ input: {input}; output: {output}; scrive: {}; permesso: \"{}\"; avanzamento: {} }};",
            op.doc.trim(),
            op.name,
            op.writes,
            op.permesso.as_str(),
            op.avanzamento
        ));
    }

    pub fn operazioni_ts(&self) -> String {
        let mut out = String::from(
            "// Generated from src/commands/mod.rs (`operations!`) by `tests/bindings.rs`. Do not edit.\n\n",
        );
        for (name, file) in &self.importi {
            out.push_str(&format!("import type {{ {name} }} from \"./{file}\";\n"));
        }
        out.push_str("\n/** Every operation of the command surface: its input and output. */\nexport interface Operazioni {\n");
        for r in &self.righe {
            out.push_str(r);
            out.push('\n');
        }
        out.push_str("}\n\nexport type NomeOperazione = keyof Operazioni;\n");
        out
    }
}

/// `etichette.ts`: the Italian label of every code of the closed vocabularies,
/// one `Record<Tipo, string>` each, so the window shows what the core prints.
pub fn etichette_ts(cfg: &Config) -> String {
    let mut importi = String::new();
    let mut costanti = String::new();
    let mut voce = |costante: &str, nome: String, voci: Vec<(&str, &str)>| {
        importi.push_str(&format!("import type {{ {nome} }} from \"./{nome}\";\n"));
        costanti.push_str(&format!(
            "\nexport const {costante}: Record<{nome}, string> = {{\n"
        ));
        for (code, label) in voci {
            costanti.push_str(&format!("  {code}: {},\n", serde_json::Value::from(label)));
        }
        costanti.push_str("};\n");
    };
    macro_rules! vocabolari {
        ($($costante:literal: $tipo:ty),+ $(,)?) => {$(
            voce($costante, <$tipo as TS>::name(cfg), <$tipo as Vocabolario>::ALL.iter().map(|v| (v.code(), v.label())).collect());
        )+};
    }
    vocabolari! {
        "STATI_INTERVENTO": crate::domain::StatoIntervento,
        "STATI_SERVIZIO": crate::domain::StatoServizio,
        "STATI_INCONTRO": crate::domain::StatoIncontro,
        "MODALITA": crate::domain::Modalita,
        "TIPI_ENTE": crate::domain::TipoEnte,
        "RUOLI_ENTE": crate::domain::RuoloEnte,
        "TITOLI_STUDIO": crate::domain::dati_peculiari::TitoloStudio,
        "CONDIZIONI_OCCUPAZIONALI": crate::domain::dati_peculiari::CondizioneOccupazionale,
        "CONDIZIONI_ABITATIVE": crate::domain::dati_peculiari::CondizioneAbitativa,
        "ESITI_RIGA": crate::import::destinatari::EsitoRiga,
        "AZIONI_UNIONE": crate::scambio::unisci::AzioneUnione,
        "STATI_PAGINA": crate::lettura::StatoPagina,
    }
    format!(
        "// Generated from the Rust vocabularies (src/domain/vocabolario.rs) by `tests/bindings.rs`. Do not edit.\n\n{importi}{costanti}"
    )
}

struct Generici<'a>(&'a mut Tipi, &'a Config, Result<(), ExportError>);

impl TypeVisitor for Generici<'_> {
    fn visit<U: TS + 'static + ?Sized>(&mut self) {
        if self.2.is_ok() {
            self.2 = self.0.esporta::<U>(self.1);
        }
    }
}
