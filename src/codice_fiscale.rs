// STUB: replaced by the real module.
use serde::{Deserialize, Serialize};
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Sesso { M, F }
#[derive(Debug)]
pub struct CfInfo;
#[derive(Debug)]
pub struct CfError;
impl CfError { pub fn message_it(&self) -> String { String::new() } }
pub fn normalize(s: &str) -> String { s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase() }
pub fn parse(s: &str) -> Result<CfInfo, CfError> { if s.len() == 16 { Ok(CfInfo) } else { Err(CfError) } }
pub fn disagreements(_: &CfInfo, _: Option<Sesso>, _: Option<chrono::NaiveDate>) -> Vec<String> { vec![] }
pub fn compute(c: &str, n: &str, _: Sesso, d: chrono::NaiveDate, k: &str) -> String { format!("{:X<3.3}{:X<3.3}{}{}", c.to_uppercase(), n.to_uppercase(), d.format("%y%m%d"), k).chars().take(16).collect() }
pub fn omocode(cf: &str, l: u8) -> String { format!("{}{}", &cf[..15], l) }
