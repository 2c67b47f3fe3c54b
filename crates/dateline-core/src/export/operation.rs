//! The export operation, as the app and the command line both run it: check
//! the mode, validate, snapshot the text if it changed since the latest
//! version, apply the preferences, name the file, write it atomically.
//!
//! It comes in two steps so that the caller can ask where to write in
//! between (the app's save dialog) without leaving anything behind when the
//! user cancels: [`Store::plan_export`] only reads; [`Store::run_export`]
//! does every write in one transaction, committed only once the file is
//! written. A clearance action that goes with an export ("Send for
//! clearance" writes the DRAFT Word file) runs in the same transaction, so
//! the status change and the file succeed or fail together.

use std::path::Path;

use crate::clearance::{self, Action};
use crate::error::{Error, Result};
use crate::export::{self, filename, ExportFormat, ExportMode, Options};
use crate::ipc::ExportOutcome;
use crate::model::Release;
use crate::office_styles;
use crate::store::{self, Store};
use crate::versions::{self, same_text};

/// Reason recorded on the version an export takes.
pub const EXPORTED: &str = "exported";

/// An export checked and named, not yet written.
#[derive(Debug, Clone)]
pub struct ExportPlan {
    pub id: String,
    pub format: ExportFormat,
    pub mode: ExportMode,
    /// A clearance action applied with the export, in the same transaction.
    pub action: Option<Action>,
    /// The default file name, with the version number the file will carry.
    pub file_name: String,
    /// From the preferences; the command line may override some.
    pub options: Options,
}

impl Store {
    /// Checks that the release can be exported in `mode` and `format`, and
    /// names the file; writes nothing.
    pub fn plan_export(
        &self,
        id: &str,
        format: ExportFormat,
        mode: ExportMode,
    ) -> Result<ExportPlan> {
        self.plan(id, format, mode, None)
    }

    /// Plans "apply `action`, then export the DRAFT Word file" (what "Send
    /// for clearance" does): the action is checked now and applied by
    /// [`Store::run_export`] together with the export.
    pub fn plan_action_export(&self, id: &str, action: Action) -> Result<ExportPlan> {
        self.plan(id, ExportFormat::Docx, ExportMode::Draft, Some(action))
    }

    fn plan(
        &self,
        id: &str,
        format: ExportFormat,
        mode: ExportMode,
        action: Option<Action>,
    ) -> Result<ExportPlan> {
        let conn = self.connection();
        let mut r = store::load_in(conn, id)?;
        if let Some(a) = action {
            r.status = clearance::check_action(conn, &r, a)?;
        }
        export::check_mode(&r, mode)?;
        crate::validate::for_export(&r)?;
        // A style that no longer exists is named now, before any dialog.
        crate::office_styles::resolve_in(conn, &r.house_style)?;
        let options = self.export_options(mode)?;
        let version = export_version(conn, &r, action)?;
        let file_name = filename::export_name(
            &r.dateline.date,
            &r.headline,
            version,
            mode == ExportMode::Draft,
            format,
        );
        Ok(ExportPlan {
            id: id.to_string(),
            format,
            mode,
            action,
            file_name,
            options,
        })
    }

    /// Runs a plan and writes the file at `path`: applies the plan's action,
    /// checks again (the release may have changed since the plan), snapshots
    /// the text as a new version if it differs from the latest ("exported"),
    /// renders that version and writes it atomically. Nothing is committed
    /// unless the file was written, so a failed export leaves no version and
    /// no status change behind.
    pub fn run_export(&mut self, plan: &ExportPlan, path: &Path) -> Result<ExportOutcome> {
        let now = store::now();
        let tx = self.conn.transaction()?;
        if let Some(a) = plan.action {
            clearance::apply_in(&tx, &plan.id, a, &now)?;
        }
        let current = store::load_in(&tx, &plan.id)?;
        export::check_mode(&current, plan.mode)?;
        crate::validate::for_export(&current)?;
        let version = versions::snapshot_if_changed_in(&tx, &plan.id, EXPORTED, &now)?;
        let release: Release = store::load_in(&tx, &plan.id)?;
        // The release's own style as it is now, unless the caller chose one
        // (`--style`); the version records which, at which revision.
        let mut options = plan.options.clone();
        let style = match options.style.take() {
            Some(s) => s,
            None => office_styles::resolve_in(&tx, &release.house_style)?,
        };
        office_styles::record_export_in(
            &tx,
            &plan.id,
            version,
            &style.stamp(),
            plan.format.extension(),
            &now,
        )?;
        options.style = Some(style);
        export::export_to(&release, plan.format, &options, path)?;
        if let Err(e) = tx.commit() {
            // The file names a version that was not recorded: remove it, so
            // that every file sent out is a numbered version.
            let _ = std::fs::remove_file(path);
            return Err(e.into());
        }
        Ok(ExportOutcome {
            path: path.display().to_string(),
            release,
        })
    }

    /// `r` with the version number its preview's DRAFT mark names: the
    /// number of the stored version whose text `r` is (a version viewed in
    /// the history, or a draft not changed since its latest version);
    /// otherwise the number an export would give it, since an export
    /// snapshots changed text as a new version first ([`Store::run_export`]).
    /// So the preview of a draft says what the exported file will say.
    pub fn as_previewed(&self, mut r: Release) -> Result<Release> {
        let conn = self.connection();
        match versions::get_version_in(conn, &r.id, r.version) {
            Ok(v) if same_text(&v, &r) => return Ok(r),
            Ok(_) | Err(Error::VersionNotFound { .. }) => {}
            Err(e) => return Err(e),
        }
        r.version = export_version(conn, &r, None)?;
        Ok(r)
    }

    /// [`Store::plan_export`] then [`Store::run_export`], for callers that
    /// know the path already.
    pub fn export_release(
        &mut self,
        id: &str,
        format: ExportFormat,
        mode: ExportMode,
        path: &Path,
    ) -> Result<ExportOutcome> {
        let plan = self.plan_export(id, format, mode)?;
        self.run_export(&plan, path)
    }
}

/// The version number an export of `r` carries: the latest version's if the
/// text is unchanged since it (and no action goes with the export), else the
/// next one, which the export snapshots first.
fn export_version(conn: &rusqlite::Connection, r: &Release, action: Option<Action>) -> Result<u32> {
    Ok(match versions::latest_in(conn, &r.id)? {
        Some(v) if action.is_none() && same_text(&v, r) => v.version,
        Some(v) => v.version + 1,
        None => 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::sample;

    fn open() -> (tempfile::TempDir, Store, String) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(dir.path()).unwrap();
        (dir, store, sample::release().id)
    }

    /// An export of changed text snapshots it first, and the file's DRAFT
    /// mark names that version; an export of unchanged text adds nothing.
    #[test]
    fn export_snapshots_changed_text_and_marks_that_version() {
        let (dir, mut store, id) = open();
        let mut r = store.get(&id).unwrap();
        r.headline = "Ferry timetable changes on the northern route".into();
        store.save(&r).unwrap();
        let before = store.list_versions(&id).unwrap().len();
        let plan = store
            .plan_export(&id, ExportFormat::Html, ExportMode::Draft)
            .unwrap();
        let path = dir.path().join(&plan.file_name);
        let out = store.run_export(&plan, &path).unwrap();
        let versions = store.list_versions(&id).unwrap();
        assert_eq!(versions.len(), before + 1);
        assert_eq!(versions[0].reason, EXPORTED);
        assert_eq!(out.release.version, versions[0].version);
        assert_eq!(
            out.release,
            store.get(&id).unwrap(),
            "the release as stored"
        );
        assert!(
            plan.file_name
                .contains(&format!("v{}", out.release.version)),
            "{}",
            plan.file_name
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains(&format!("DRAFT – v{}", out.release.version)),
            "{text}"
        );
        // Unchanged text: no new version.
        store
            .export_release(
                &id,
                ExportFormat::Txt,
                ExportMode::Draft,
                &dir.path().join("again.txt"),
            )
            .unwrap();
        assert_eq!(store.list_versions(&id).unwrap().len(), before + 1);
    }

    /// The preview's DRAFT mark names the version the exported file will
    /// carry: the next one while the text differs from the latest version,
    /// that version once it is exported, and its own number for a version
    /// viewed in the history.
    #[test]
    fn preview_marks_the_version_the_export_will_carry() {
        let (dir, mut store, id) = open();
        let mark = |store: &Store, r: Release| {
            let r = store.as_previewed(r).unwrap();
            let view = export::view::build(&r).unwrap();
            view.draft_mark(ExportMode::Draft).unwrap()
        };
        let export = |store: &mut Store, name: &str| {
            let path = dir.path().join(name);
            let out = store
                .export_release(&id, ExportFormat::Html, ExportMode::Draft, &path)
                .unwrap();
            (std::fs::read_to_string(&path).unwrap(), out.release)
        };
        // Never exported: the export will make the first version.
        let first = mark(&store, store.get(&id).unwrap());
        let (file, stored) = export(&mut store, "1.html");
        assert!(
            file.contains(&first),
            "the file says what the preview said: {first}"
        );
        assert_eq!(
            mark(&store, stored.clone()),
            first,
            "unchanged text: same mark"
        );
        // Changed text: the next version, before and after the export.
        let mut r = stored;
        r.headline = "Ferry timetable changes on the northern route".into();
        store.save(&r).unwrap();
        let next = mark(&store, store.get(&id).unwrap());
        assert_ne!(next, first);
        let (file, stored) = export(&mut store, "2.html");
        assert!(
            file.contains(&next),
            "the file says what the preview said: {next}"
        );
        assert_eq!(mark(&store, stored.clone()), next);
        // A version viewed in the history names itself.
        let old = store.get_version(&id, stored.version - 1).unwrap();
        assert_eq!(mark(&store, old), first);
    }

    /// "Send for clearance" with its export: a failed write leaves the
    /// release a draft with no new version; a good one does both.
    #[test]
    fn send_for_clearance_and_its_export_succeed_or_fail_together() {
        let (dir, mut store, id) = open();
        let before = store.get(&id).unwrap();
        let versions_before = store.list_versions(&id).unwrap();
        let plan = store
            .plan_action_export(&id, Action::SendForClearance)
            .unwrap();
        let nowhere = dir.path().join("no/such/folder").join(&plan.file_name);
        let err = store.run_export(&plan, &nowhere).unwrap_err();
        assert!(err.to_string().contains("folder does not exist"), "{err}");
        assert_eq!(store.get(&id).unwrap(), before, "nothing changed");
        assert_eq!(store.list_versions(&id).unwrap(), versions_before);
        let out = store
            .run_export(&plan, &dir.path().join(&plan.file_name))
            .unwrap();
        assert_eq!(out.release.status, Status::InClearance);
        assert_eq!(
            store.list_versions(&id).unwrap()[0].reason,
            "sent for clearance"
        );
        assert_eq!(
            store.list_versions(&id).unwrap().len(),
            versions_before.len() + 1
        );
    }

    /// A refused action is refused at planning, before any dialog opens.
    #[test]
    fn a_refused_action_fails_at_planning() {
        let (_dir, store, id) = open();
        let err = store.plan_action_export(&id, Action::Publish).unwrap_err();
        assert!(err.to_string().contains("Publish is not allowed"), "{err}");
        let err = store
            .plan_export(&id, ExportFormat::Docx, ExportMode::Final)
            .unwrap_err();
        assert!(
            err.to_string().contains("Final export is not allowed"),
            "{err}"
        );
    }
}
