//! The machinery of the command surface: `operations!` turns the one list in
//! `mod.rs` into the table `OPERATIONS`, dispatch by name on JSON (with or
//! without progress), one type per operation for typed callers (`op::…`,
//! `call`), and the TypeScript bindings. Adding an operation is one line there.

use super::{OPERATIONS, dispatch_con_avanzamento};
use crate::context::Ctx;
use crate::domain::Permesso;
use crate::error::{Outcome, Result};
use crate::store::Store;
use serde::Serialize;

/// The reference of the command surface, as `docs/commands.md` holds it.
pub fn markdown() -> String {
    let mut out = String::from(
        "# The command surface\n\nGenerated from `src/commands/mod.rs` (`OPERATIONS`); a test keeps this file in step \
         (`UPDATE_DOCS=1 cargo test --test commands_doc` rewrites it).\n\n\
         Every operation is `fn(&Store, &Ctx, Input) -> Result<Outcome<Output>, Error>`. Call one from the shell with \
         `sportello call <name> '<json input>'`; the desktop window calls the same function through Tauri. \
         `Outcome` is `{ value, warnings }`; `Error` is `{ kind, … }` with `kind = regole` carrying the findings \
         (`code`, `severity`, `message`, `record`, `field`, `forzabile`).\n\n\
         Every operation also says who may run it (`Permesso`: `leggere` anyone logged in, `registrare` an \
         orientatore or a coordinatore, `coordinare` a coordinatore, `unire` the regional office or a coordinatore); \
         `dispatch` refuses the others before reading the input. The long ones marked *progress* report \
         `Avanzamento` (`{ fase, fatto, totale }`) as they go to `dispatch_con_avanzamento` (the window's progress \
         bar, the command line's counter).\n\n\
         | operation | writes | who | input | output | what it does |\n|---|---|---|---|---|---|\n",
    );
    for op in OPERATIONS {
        out.push_str(&format!(
            "| `{}` | {}{} | {} | `{}` | `{}` | {} |\n",
            op.name,
            if op.writes { "yes" } else { "" },
            if op.avanzamento { " *progress*" } else { "" },
            op.permesso.as_str(),
            op.input.replace(' ', ""),
            op.output.replace(' ', ""),
            op.doc.trim()
        ));
    }
    out
}

#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    pub name: &'static str,
    pub doc: &'static str,
    pub input: &'static str,
    pub output: &'static str,
    /// Whether it writes to the database.
    pub writes: bool,
    /// Who may run it.
    pub permesso: Permesso,
    /// Whether it reports its progress (`dispatch_con_avanzamento`).
    pub avanzamento: bool,
}

/// Who may run the operation `name` (`None`: no such operation).
pub fn permesso_di(name: &str) -> Option<Permesso> {
    OPERATIONS
        .iter()
        .find(|o| o.name == name)
        .map(|o| o.permesso)
}

/// Whether the operation `name` only reads the database, so it may run on a
/// reader connection beside a write (`Store::lettore`); unknown names are
/// treated as writes, and get dispatch's refusal on the writer.
pub fn legge_soltanto(name: &str) -> bool {
    OPERATIONS.iter().any(|o| o.name == name && !o.writes)
}

/// Refuses the operation `name` to a user whose role does not allow it.
pub fn consenti(store: &Store, ctx: &Ctx, name: &str) -> Result<()> {
    match permesso_di(name) {
        Some(p) => crate::accesso::controlla(store, ctx, p, name),
        None => Ok(()),
    }
}

/// Runs the operation `name` on a JSON input; the output comes back as JSON.
pub fn dispatch(
    store: &Store,
    ctx: &Ctx,
    name: &str,
    input: serde_json::Value,
) -> Result<Outcome<serde_json::Value>> {
    dispatch_con_avanzamento(store, ctx, name, input, &|_| {})
}

/// One operation as a type (`commands::op::create_servizio` …), so that a
/// caller in Rust (the tests, the command line) hands it its input struct and
/// gets its output back typed: a renamed field fails to compile, not at run time.
pub trait Operazione {
    const NOME: &'static str;
    type Input: Serialize;
    type Output;
    /// The operation's function, as dispatch calls it (no progress to report).
    fn esegui(store: &Store, ctx: &Ctx, input: Self::Input) -> Result<Outcome<Self::Output>>;
}

/// Runs `O` as `dispatch` does, typed: the input limits and the role are
/// checked first, then the operation's own function runs.
pub fn call<O: Operazione>(
    store: &Store,
    ctx: &Ctx,
    input: O::Input,
) -> Result<Outcome<O::Output>> {
    crate::limiti::controlla(&serde_json::to_value(&input)?)?;
    consenti(store, ctx, O::NOME)?;
    O::esegui(store, ctx, input)
}

macro_rules! operations {
    ($( $(#[doc = $doc:literal])+ $w:ident $([$perm:ident $(, $con:ident)?])? $module:ident :: $name:ident ( $input:ty ) -> $output:ty ; )+) => {
        pub static OPERATIONS: &[Operation] = &[$(Operation {
            name: stringify!($name),
            doc: concat!($($doc),+),
            input: stringify!($input),
            output: stringify!($output),
            writes: operations!(@writes $w),
            permesso: operations!(@permesso $w $($perm)?),
            avanzamento: operations!(@avanzamento $($($con)?)?),
        },)+];

        /// Like `dispatch`, for a caller that shows a progress bar: the
        /// operations declared with their progress function (`[Perm, name_con]`)
        /// report `Avanzamento` as they go; the others run as `dispatch` does.
        pub fn dispatch_con_avanzamento(
            store: &Store,
            ctx: &Ctx,
            name: &str,
            input: serde_json::Value,
            progresso: &(dyn Fn(Avanzamento) + Sync),
        ) -> Result<Outcome<serde_json::Value>> {
            let input = if input.is_null() { serde_json::json!({}) } else { input };
            crate::limiti::controlla(&input)?;
            match name {
                $(stringify!($name) => {
                    crate::accesso::controlla(store, ctx, operations!(@permesso $w $($perm)?), stringify!($name))?;
                    let input: $input = serde_json::from_value(input).map_err(|e| {
                        Error::dati(format!("Dati di «{}» non validi. {}", stringify!($name), crate::error::json_it(&e)))
                    })?;
                    let out = operations!(@chiama $module $name [$($($con)?)?] (store, ctx, input, progresso))?;
                    Ok(Outcome { value: serde_json::to_value(out.value)?, warnings: out.warnings })
                })+
                _ => Err(Error::dati(format!(
                    "Operazione sconosciuta «{name}». `sportello operazioni` le elenca tutte."
                ))),
            }
        }

        /// One type per operation, named as it is (`op::close_incontro`): see `Operazione`.
        #[allow(non_camel_case_types)]
        pub mod op {
            $(
                $(#[doc = $doc])+
                pub struct $name;
            )+
        }

        $(
            impl Operazione for op::$name {
                const NOME: &'static str = stringify!($name);
                type Input = $input;
                type Output = $output;
                fn esegui(store: &Store, ctx: &Ctx, input: $input) -> Result<Outcome<$output>> {
                    // Only the operations with a progress function take it.
                    let _niente: &(dyn Fn(Avanzamento) + Sync) = &|_| {};
                    operations!(@chiama $module $name [$($($con)?)?] (store, ctx, input, _niente))
                }
            }
        )+

        /// The TypeScript side of the command surface: every type an operation
        /// takes or gives (one file each, written into `cfg`'s directory) and
        /// `operazioni.ts`, the map from operation name to its input and output.
        #[cfg(feature = "ts")]
        pub fn typescript(cfg: &ts_rs::Config) -> std::result::Result<(), ts_rs::ExportError> {
            let mut tipi = bindings::Tipi::default();
            $(
                tipi.esporta::<$input>(cfg)?;
                tipi.esporta::<$output>(cfg)?;
                tipi.operazione(
                    OPERATIONS.iter().find(|o| o.name == stringify!($name)).expect("declared above"),
                    <$input as ts_rs::TS>::name(cfg),
                    <$output as ts_rs::TS>::name(cfg),
                );
            )+
            for extra in [
                bindings::Tipi::esporta::<Avanzamento>,
                bindings::Tipi::esporta::<InfoSessione>,
                bindings::Tipi::esporta::<crate::accesso::StatoAccesso>,
                bindings::Tipi::esporta::<crate::accesso::Credenziali>,
                bindings::Tipi::esporta::<Error>,
                bindings::Tipi::esporta::<Outcome<()>>,
                bindings::Tipi::esporta::<crate::error::Finding>,
            ] {
                extra(&mut tipi, cfg)?;
            }
            std::fs::write(cfg.out_dir().join("operazioni.ts"), tipi.operazioni_ts())?;
            std::fs::write(cfg.out_dir().join("etichette.ts"), bindings::etichette_ts(cfg))?;
            Ok(())
        }
    };
    (@writes w) => { true };
    (@writes r) => { false };
    (@permesso $w:ident $perm:ident) => { Permesso::$perm };
    (@permesso w) => { Permesso::Registrare };
    (@permesso r) => { Permesso::Leggere };
    (@avanzamento $con:ident) => { true };
    (@avanzamento) => { false };
    (@chiama $m:ident $n:ident [$con:ident] ($s:ident, $c:ident, $i:ident, $p:ident)) => { $m::$con($s, $c, $i, $p) };
    (@chiama $m:ident $n:ident [] ($s:ident, $c:ident, $i:ident, $p:ident)) => { $m::$n($s, $c, $i) };
}
pub(crate) use operations;
