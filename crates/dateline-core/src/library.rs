//! The library of reusable parts: organizations with their About text,
//! spokespeople and other contacts, and standard notes to editors, which an
//! officer inserts into a release instead of retyping them.
//!
//! Inserting copies the part into the release ([`insert`]): the release
//! keeps its own copy, so a later edit of the library never changes a
//! release, let alone a version that was sent. The library is kept in the
//! database's `settings` table under [`KEY`], as one JSON document (a press
//! office's library is tens of parts), so it travels with backups and needs
//! no schema change.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::{AboutSection, Block, Contact, ContactGroup, Release};
use crate::store::Store;

/// Settings key of the library.
pub const KEY: &str = "library";

/// Every reusable part, by kind, in the order the officer keeps them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Library {
    /// An organization's About section ("About the Tamsin Valley Trust").
    #[serde(default)]
    pub organizations: Vec<AboutSection>,
    /// Spokespeople and press contacts.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Standard notes to editors.
    #[serde(default)]
    pub notes: Vec<StandardNote>,
}

/// A standard note: a name to find it by, and its blocks (paragraphs and
/// lists, as notes to editors hold).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StandardNote {
    pub name: String,
    pub blocks: Vec<Block>,
}

/// One part of the library, by kind and position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Part {
    Organization(u32),
    Contact(u32),
    Note(u32),
}

impl Library {
    /// Each part as (kind, 1-based number, what it is called), for lists.
    pub fn entries(&self) -> Vec<(&'static str, usize, String)> {
        let orgs = self.organizations.iter().map(|a| {
            let first_line = a.text.lines().next().unwrap_or("");
            let name = if a.heading.trim().is_empty() {
                first_line
            } else {
                a.heading.as_str()
            };
            ("organization", name.to_string())
        });
        let contacts = self.contacts.iter().map(|c| {
            let name = [&c.name, &c.organization, &c.email, &c.phone, &c.url]
                .into_iter()
                .find(|s| !s.trim().is_empty())
                .cloned()
                .unwrap_or_default();
            ("contact", name)
        });
        let notes = self.notes.iter().map(|n| ("note", n.name.clone()));
        let mut counts = [0usize; 3];
        orgs.chain(contacts)
            .chain(notes)
            .map(|(kind, name)| {
                let k = match kind {
                    "organization" => 0,
                    "contact" => 1,
                    _ => 2,
                };
                counts[k] += 1;
                (kind, counts[k], name)
            })
            .collect()
    }

    /// The library as a release's fields would hold it, for the checks a
    /// release gets on entry (sizes, pictures, notes' blocks).
    fn as_release(&self) -> Release {
        let mut r = Release::new_draft(String::new(), "", "");
        r.body = vec![];
        r.about = self.organizations.clone();
        r.contact_groups = vec![ContactGroup {
            heading: String::new(),
            contacts: self.contacts.clone(),
        }];
        r.notes_to_editors = self.notes.iter().flat_map(|n| n.blocks.clone()).collect();
        r
    }
}

/// Copies `part` of `library` into `release`: an organization's About
/// section after the others, a contact into the last contact group (a new
/// group when there is none), a note's blocks after the other notes.
pub fn insert(release: &mut Release, library: &Library, part: Part) -> Result<()> {
    let missing = |kind: &str, i: u32| {
        Error::Invalid(format!(
            "the library has no {kind} {} (it has {})",
            i + 1,
            match kind {
                "organization" => library.organizations.len(),
                "contact" => library.contacts.len(),
                _ => library.notes.len(),
            }
        ))
    };
    match part {
        Part::Organization(i) => {
            let a = library
                .organizations
                .get(i as usize)
                .ok_or_else(|| missing("organization", i))?;
            release.about.push(a.clone());
        }
        Part::Contact(i) => {
            let c = library
                .contacts
                .get(i as usize)
                .ok_or_else(|| missing("contact", i))?;
            if release.contact_groups.is_empty() {
                release.contact_groups.push(ContactGroup::default());
            }
            if let Some(g) = release.contact_groups.last_mut() {
                g.contacts.push(c.clone());
            }
        }
        Part::Note(i) => {
            let n = library
                .notes
                .get(i as usize)
                .ok_or_else(|| missing("note", i))?;
            release.notes_to_editors.extend(n.blocks.iter().cloned());
        }
    }
    Ok(())
}

impl Store {
    /// The library (empty until something is kept in it).
    pub fn library(&self) -> Result<Library> {
        match self.setting(KEY)? {
            None => Ok(Library::default()),
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| Error::Format(format!("the stored library is unreadable: {e}"))),
        }
    }

    /// Replaces the library, after the checks a release's fields get.
    pub fn set_library(&mut self, library: &Library) -> Result<()> {
        crate::validate::on_entry(&library.as_release())?;
        let json = serde_json::to_string(library).map_err(|e| Error::Format(e.to_string()))?;
        self.put_setting(KEY, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clearance::Action;
    use crate::sample;

    fn library() -> Library {
        Library {
            organizations: vec![AboutSection {
                heading: "About the Tamsin Valley Trust".into(),
                text: "A fictional charity that looks after the river.".into(),
            }],
            contacts: vec![Contact {
                name: "Ines Marwood".into(),
                email: "press@lwa.example.org".into(),
                ..Default::default()
            }],
            notes: vec![StandardNote {
                name: "Photographs".into(),
                blocks: vec![Block::paragraph("Photographs are free to use with credit.")],
            }],
        }
    }

    #[test]
    fn inserting_copies_and_later_library_edits_change_no_sent_version() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        assert_eq!(store.library().unwrap(), Library::default());
        store.set_library(&library()).unwrap();
        let lib = store.library().unwrap();
        assert_eq!(lib, library());
        assert_eq!(
            lib.entries(),
            [
                (
                    "organization",
                    1,
                    "About the Tamsin Valley Trust".to_string()
                ),
                ("contact", 1, "Ines Marwood".to_string()),
                ("note", 1, "Photographs".to_string()),
            ]
        );

        let mut r = sample::release();
        r.id = crate::model::new_id();
        r.contact_groups.clear();
        store.insert(&r).unwrap();
        let mut r = store.get(&r.id).unwrap();
        let notes_before = r.notes_to_editors.len();
        for part in [Part::Organization(0), Part::Contact(0), Part::Note(0)] {
            insert(&mut r, &lib, part).unwrap();
        }
        assert_eq!(r.about.last(), lib.organizations.first());
        assert_eq!(r.contact_groups[0].contacts, lib.contacts);
        assert_eq!(r.notes_to_editors.len(), notes_before + 1);
        let e = insert(&mut r, &lib, Part::Contact(4))
            .unwrap_err()
            .to_string();
        assert_eq!(e, "the library has no contact 5 (it has 1)");
        store.save(&r).unwrap();
        let sent = store.apply_action(&r.id, Action::SendForClearance).unwrap();

        // The library changes; the release and its sent version do not.
        let mut edited = library();
        edited.organizations[0].text = "Rewritten later.".into();
        edited.contacts[0].email = "new@lwa.example.org".into();
        store.set_library(&edited).unwrap();
        let v = store.get_version(&sent.id, sent.version).unwrap();
        assert_eq!(
            v.about.last().unwrap().text,
            "A fictional charity that looks after the river."
        );
        assert_eq!(
            v.contact_groups[0].contacts[0].email,
            "press@lwa.example.org"
        );
        assert_eq!(store.get(&sent.id).unwrap().about, sent.about);
    }

    #[test]
    fn the_library_gets_the_checks_a_release_gets() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        let mut lib = library();
        lib.notes[0].blocks.push(Block::Image(sample::tiny_png()));
        let e = store.set_library(&lib).unwrap_err().to_string();
        assert!(e.contains("notes hold only paragraphs and lists"), "{e}");
        assert_eq!(store.library().unwrap(), Library::default(), "nothing kept");
    }
}
