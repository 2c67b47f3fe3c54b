//! Recogniser (filled in below).
use super::Document;
use crate::model::Release;
#[derive(Debug, Clone)]
pub struct Recognised;
pub fn recognise(_doc: &Document) -> Recognised { Recognised }
impl Recognised {
    pub fn to_release(&self, _id: String, _now: &str) -> crate::Result<Release> { Err(crate::Error::Invalid("todo".into())) }
}
