//! The desktop shell: Tauri commands over `dateline-core`.
//!
//! Each command parses its arguments, calls the core, and maps errors to
//! `{code, message}` ([`ErrorInfo`]). Nothing here knows about SQLite or file
//! formats. Save dialogs are opened from Rust so the web view needs no file
//! system permission; `DATELINE_EXPORT_DIR` bypasses them for tests.
//!
//! Commands that touch the database or render are `async` and do their work
//! on the async runtime's blocking threads ([`on_store`], [`off_main`]):
//! a synchronous Tauri command runs on the GTK main thread, so a long search,
//! preview, restore or a wait for the database lock would freeze the window.
//! The store itself is opened (and migrated) on its own thread.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use dateline_core::check::{self, office, Checker, Report};
use dateline_core::clearance::{Action, ClearanceEntry, NewClearanceEntry};
use dateline_core::diff::ReleaseDiff;
use dateline_core::export::{self, filename, ExportFormat, ExportMode};
use dateline_core::house_style::{HouseStyle, StyleSummary};
use dateline_core::review::apply::{ApplyOutcome, ApplyRequest};
use dateline_core::review::Review;
use dateline_core::search::ReleaseQuery;
use dateline_core::store::{
    self, backup, DamagedDatabase, OpenReport, ReleaseSummary, SaveAck, Store,
};
use dateline_core::translation::{LanguageLink, SourceStatus};
use dateline_core::versions::VersionSummary;
use dateline_core::words;
use dateline_core::{ErrorCode, ErrorInfo, Release};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

use dateline_core::ipc::{ActionOutcome, ExportOutcome, Preview, StartupState};
use dateline_core::prefs::Preferences;

/// The open store, or why it could not be opened. Shared with the thread
/// that opens it ([`open_in_background`]).
struct AppState {
    store: Arc<Mutex<Option<Store>>>,
    dir: PathBuf,
    report: Arc<Mutex<OpenReport>>,
    open_error: Arc<Mutex<Option<ErrorInfo>>>,
    /// Set by `cancel_import_batch`; the batch stops before its next file.
    import_cancel: Arc<std::sync::atomic::AtomicBool>,
}

type CmdResult<T> = Result<T, ErrorInfo>;

fn with_store<T>(
    state: &State<AppState>,
    f: impl FnOnce(&mut Store) -> dateline_core::Result<T>,
) -> CmdResult<T> {
    let mut guard = state
        .store
        .lock()
        .map_err(|_| internal("the database lock was poisoned"))?;
    match guard.as_mut() {
        Some(store) => f(store).map_err(ErrorInfo::from),
        None => Err(state
            .open_error
            .lock()
            .ok()
            .and_then(|e| e.clone())
            .unwrap_or_else(|| internal("the database is not open"))),
    }
}

/// Runs `f` on a blocking thread of the async runtime, off the main thread.
async fn off_main<T: Send + 'static>(
    f: impl FnOnce() -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| internal(&format!("a background task failed: {e}")))?
}

/// Runs `f` on the store, off the main thread ([`off_main`]).
async fn on_store<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&mut Store) -> dateline_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    off_main(move || with_store(&app.state::<AppState>(), f)).await
}

fn internal(msg: &str) -> ErrorInfo {
    ErrorInfo {
        code: ErrorCode::Database,
        message: msg.to_string(),
    }
}

fn startup_state_of(state: &AppState) -> CmdResult<StartupState> {
    if let Some(e) = state.open_error.lock().ok().and_then(|e| e.clone()) {
        return Err(e);
    }
    let report = state.report.lock().map(|r| r.clone()).unwrap_or_default();
    Ok(StartupState {
        data_dir: state.dir.display().to_string(),
        report,
        backups: backup::list(&state.dir).map_err(ErrorInfo::from)?,
    })
}

/// Listing backups checks each file's header: off the main thread, like
/// every other command that touches the disk.
#[tauri::command]
async fn startup_state(app: AppHandle) -> CmdResult<StartupState> {
    off_main(move || startup_state_of(&app.state::<AppState>())).await
}

/// Verifies and copies a whole database: seconds on a large one, so off the
/// main thread.
#[tauri::command]
async fn restore_backup(app: AppHandle, file_name: String) -> CmdResult<StartupState> {
    off_main(move || {
        let state = app.state::<AppState>();
        {
            let mut guard = state
                .store
                .lock()
                .map_err(|_| internal("the database lock was poisoned"))?;
            // Close the connection before the file is replaced.
            guard.take();
            // A refused or failed restore changes nothing; the database is
            // reopened either way.
            let restored = backup::restore(&state.dir, &file_name);
            let (s, mut report) = Store::open(&state.dir).map_err(ErrorInfo::from)?;
            *guard = Some(s);
            report.restored = restored.as_ref().ok().cloned();
            if let Ok(mut r) = state.report.lock() {
                *r = report;
            }
            restored.map_err(ErrorInfo::from)?;
        }
        startup_state_of(&state)
    })
    .await
}

#[tauri::command]
async fn list_releases(app: AppHandle, query: ReleaseQuery) -> CmdResult<Vec<ReleaseSummary>> {
    on_store(app, move |s| s.list(&query)).await
}

#[tauri::command]
async fn get_release(app: AppHandle, id: String) -> CmdResult<Release> {
    on_store(app, move |s| s.get(&id)).await
}

#[tauri::command]
async fn create_release(app: AppHandle) -> CmdResult<Release> {
    let now = store::now();
    let today = now.get(..10).unwrap_or("2026-01-01").to_string();
    let r = Release::new_draft(dateline_core::model::new_id(), &now, &today);
    on_store(app, move |s| {
        s.insert(&r)?;
        s.get(&r.id)
    })
    .await
}

#[tauri::command]
async fn save_release(app: AppHandle, release: Release) -> CmdResult<SaveAck> {
    on_store(app, move |s| s.save(&release)).await
}

/// Renders outside the store lock, so a long preview never holds up a save.
/// The DRAFT mark names the version an export would carry
/// ([`Store::as_previewed`]). `style` previews a style being edited in Preferences instead of the
/// release's own.
#[tauri::command]
async fn render_preview(
    app: AppHandle,
    release: Release,
    style: Option<HouseStyle>,
) -> CmdResult<Preview> {
    let name = release.house_style.clone();
    let (opts, style, release) = on_store(app, move |s| {
        let style = match style {
            Some(edited) => {
                edited.check()?;
                edited
            }
            None => s.style(&name)?,
        };
        Ok((
            s.export_options(ExportMode::Draft)?,
            style,
            s.as_previewed(release)?,
        ))
    })
    .await?;
    off_main(move || {
        let view = export::view::build_with(&release, &style).map_err(ErrorInfo::from)?;
        let html = export::html::render(&view, &opts).map_err(ErrorInfo::from)?;
        Ok(Preview {
            html,
            warnings: view.warnings,
            words: u32::try_from(words::of_release(&release)).unwrap_or(u32::MAX),
        })
    })
    .await
}

#[tauri::command]
async fn get_preferences(app: AppHandle) -> CmdResult<Preferences> {
    on_store(app, |s| s.preferences()).await
}

#[tauri::command]
async fn set_preferences(app: AppHandle, preferences: Preferences) -> CmdResult<Preferences> {
    on_store(app, move |s| s.set_preferences(&preferences)).await
}

/// The library of reusable parts (organizations, contacts, standard notes).
#[tauri::command]
async fn get_library(app: AppHandle) -> CmdResult<dateline_core::library::Library> {
    on_store(app, |s| s.library()).await
}

#[tauri::command]
async fn set_library(
    app: AppHandle,
    library: dateline_core::library::Library,
) -> CmdResult<dateline_core::library::Library> {
    on_store(app, move |s| {
        s.set_library(&library)?;
        s.library()
    })
    .await
}

/// The editor's release with a copy of a library part inserted (the core
/// decides where it goes); the editor saves it as any edit.
#[tauri::command]
async fn insert_library_part(
    app: AppHandle,
    release: Release,
    part: dateline_core::library::Part,
) -> CmdResult<Release> {
    on_store(app, move |s| {
        let mut r = release;
        dateline_core::library::insert(&mut r, &s.library()?, part)?;
        Ok(r)
    })
    .await
}

#[tauri::command]
async fn reset_preferences(app: AppHandle) -> CmdResult<Preferences> {
    on_store(app, |s| s.reset_preferences()).await
}

/// Opens the native file picker for a PNG logo and copies the chosen image
/// into the database (checked there); the web view never sees or sends a
/// path. `None` when cancelled.
#[tauri::command]
async fn choose_logo(app: AppHandle) -> CmdResult<Option<Preferences>> {
    let Some(path) = pick_file(&app, "PNG image", &["png"]).await? else {
        return Ok(None);
    };
    on_store(app, move |s| s.set_logo_from_file(&path))
        .await
        .map(Some)
}

/// The built-in styles and the office's, with revisions.
#[tauri::command]
async fn list_styles(app: AppHandle) -> CmdResult<Vec<StyleSummary>> {
    on_store(app, |s| s.styles()).await
}

#[tauri::command]
async fn get_style(app: AppHandle, name: String) -> CmdResult<HouseStyle> {
    on_store(app, move |s| s.style(&name)).await
}

/// Saves an office style as its next revision.
#[tauri::command]
async fn save_style(app: AppHandle, style: HouseStyle) -> CmdResult<HouseStyle> {
    on_store(app, move |s| s.save_style(&style)).await
}

#[tauri::command]
async fn copy_style(
    app: AppHandle,
    from: String,
    id: String,
    name: String,
) -> CmdResult<HouseStyle> {
    on_store(app, move |s| s.copy_style(&from, &id, &name)).await
}

/// The type labels offered for a language in a style.
#[tauri::command]
async fn style_type_labels(
    app: AppHandle,
    style: String,
    language: String,
) -> CmdResult<Vec<String>> {
    on_store(app, move |s| Ok(s.style(&style)?.type_labels(&language))).await
}

/// Picks a shared `.dateline-style.json` file and imports it; `None` when
/// cancelled. `DATELINE_STYLE_FILE` names the file for tests.
#[tauri::command]
async fn import_style(app: AppHandle) -> CmdResult<Option<HouseStyle>> {
    let path = match std::env::var_os("DATELINE_STYLE_FILE").filter(|f| !f.is_empty()) {
        Some(f) => PathBuf::from(f),
        None => match pick_file(&app, "Dateline house style", &["json"]).await? {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    on_store(app, move |s| s.import_style_file(&path))
        .await
        .map(Some)
}

/// Writes a style to a file to share (save dialog, or the test folder);
/// the path written, `None` when cancelled.
#[tauri::command]
async fn export_style(app: AppHandle, name: String) -> CmdResult<Option<String>> {
    let suggested = format!("{name}{}", dateline_core::house_style::FILE_SUFFIX);
    let Some(path) = save_path(&app, suggested, "Dateline house style".into(), "json").await?
    else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    on_store(app, move |s| s.export_style_file(&name, &path).map(drop)).await?;
    Ok(Some(shown))
}

/// The open dialog for one kind of file, off the main thread; `None` when
/// cancelled.
async fn pick_file(
    app: &AppHandle,
    kind: &'static str,
    exts: &'static [&'static str],
) -> CmdResult<Option<PathBuf>> {
    let picker = app.clone();
    let picked = off_main(move || {
        Ok(picker
            .dialog()
            .file()
            .add_filter(kind, exts)
            .blocking_pick_file())
    })
    .await?;
    picked
        .map(|p| {
            p.into_path().map_err(|e| ErrorInfo {
                code: ErrorCode::Io,
                message: format!("that file can't be read: {e}"),
            })
        })
        .transpose()
}

/// Opens the native file picker for a picture to put in the body, and
/// reads it through the core, which checks that it is a PNG or JPEG within
/// the size limit (`image::from_file`). `None` when cancelled.
/// `DATELINE_IMAGE_FILE` bypasses the dialog for tests.
#[tauri::command]
async fn choose_image(app: AppHandle) -> CmdResult<Option<dateline_core::Image>> {
    let path = match std::env::var_os("DATELINE_IMAGE_FILE").filter(|f| !f.is_empty()) {
        Some(f) => Some(PathBuf::from(f)),
        None => {
            let picker = app.clone();
            let picked = off_main(move || {
                Ok(picker
                    .dialog()
                    .file()
                    .add_filter("Picture (PNG or JPEG)", &["png", "jpg", "jpeg"])
                    .blocking_pick_file())
            })
            .await?;
            match picked {
                None => None,
                Some(p) => Some(p.into_path().map_err(|e| ErrorInfo {
                    code: ErrorCode::Io,
                    message: format!("that file can't be read: {e}"),
                })?),
            }
        }
    };
    let Some(path) = path else {
        return Ok(None);
    };
    off_main(move || dateline_core::image::from_file(&path).map_err(ErrorInfo::from))
        .await
        .map(Some)
}

/// Where an export goes: the test folder, or the user's choice in the save
/// dialog (`None` when cancelled). Runs off the main thread.
async fn choose_path(
    app: &AppHandle,
    suggested: String,
    format: ExportFormat,
) -> CmdResult<Option<PathBuf>> {
    let ext = format.extension();
    save_path(app, suggested, ext.to_uppercase(), ext).await
}

/// The save dialog for one kind of file, or the test folder
/// (`DATELINE_EXPORT_DIR`); `None` when cancelled. Runs off the main thread.
async fn save_path(
    app: &AppHandle,
    suggested: String,
    kind: String,
    ext: &'static str,
) -> CmdResult<Option<PathBuf>> {
    if let Some(dir) = std::env::var_os("DATELINE_EXPORT_DIR").filter(|d| !d.is_empty()) {
        return Ok(Some(PathBuf::from(dir).join(suggested)));
    }
    let app = app.clone();
    off_main(move || {
        let picked = app
            .dialog()
            .file()
            .set_file_name(suggested)
            .add_filter(kind, &[ext])
            .blocking_save_file();
        match picked {
            None => Ok(None),
            Some(p) => p.into_path().map(Some).map_err(|e| ErrorInfo {
                code: ErrorCode::Io,
                message: format!("that location can't be written: {e}"),
            }),
        }
    })
    .await
}

/// The core's export operation with the save dialog between its two steps:
/// planning writes nothing, so a cancelled dialog leaves no version.
async fn export_planned(
    app: &AppHandle,
    plan: export::operation::ExportPlan,
) -> CmdResult<Option<ExportOutcome>> {
    let Some(path) = choose_path(app, plan.file_name.clone(), plan.format).await? else {
        return Ok(None);
    };
    on_store(app.clone(), move |s| s.run_export(&plan, &path))
        .await
        .map(Some)
}

#[tauri::command]
async fn export_release(
    app: AppHandle,
    id: String,
    format: ExportFormat,
    mode: ExportMode,
) -> CmdResult<Option<ExportOutcome>> {
    let plan = on_store(app.clone(), move |s| s.plan_export(&id, format, mode)).await?;
    export_planned(&app, plan).await
}

/// "Send for clearance" applies the action and writes its DRAFT Word file
/// together, or neither (cancelled dialog, failed write); other actions only
/// change the status.
#[tauri::command]
async fn apply_action(app: AppHandle, id: String, action: Action) -> CmdResult<ActionOutcome> {
    if action != Action::SendForClearance {
        let release = on_store(app, move |s| s.apply_action(&id, action)).await?;
        return Ok(ActionOutcome {
            release,
            exported: None,
        });
    }
    let plan = {
        let id = id.clone();
        on_store(app.clone(), move |s| s.plan_action_export(&id, action)).await?
    };
    match export_planned(&app, plan).await? {
        Some(out) => Ok(ActionOutcome {
            release: out.release,
            exported: Some(out.path),
        }),
        None => Ok(ActionOutcome {
            release: on_store(app, move |s| s.get(&id)).await?,
            exported: None,
        }),
    }
}

#[tauri::command]
async fn list_versions(app: AppHandle, id: String) -> CmdResult<Vec<VersionSummary>> {
    on_store(app, move |s| s.list_versions(&id)).await
}

#[tauri::command]
async fn get_version(app: AppHandle, id: String, version: u32) -> CmdResult<Release> {
    on_store(app, move |s| s.get_version(&id, version)).await
}

#[tauri::command]
async fn restore_version(app: AppHandle, id: String, version: u32) -> CmdResult<Release> {
    on_store(app, move |s| s.restore_version(&id, version)).await
}

#[tauri::command]
async fn diff_versions(app: AppHandle, id: String, from: u32, to: u32) -> CmdResult<ReleaseDiff> {
    on_store(app, move |s| s.diff_versions(&id, from, to)).await
}

// Linked language versions (dateline_core::translation).
#[tauri::command]
async fn add_language_version(app: AppHandle, id: String, language: String) -> CmdResult<Release> {
    on_store(app, move |s| s.add_language_version(&id, &language)).await
}

#[tauri::command]
async fn source_status(app: AppHandle, id: String) -> CmdResult<Option<SourceStatus>> {
    on_store(app, move |s| s.source_status(&id)).await
}

#[tauri::command]
async fn mark_translation_current(app: AppHandle, id: String) -> CmdResult<Release> {
    on_store(app, move |s| s.mark_translation_current(&id)).await
}

#[tauri::command]
async fn language_links(app: AppHandle) -> CmdResult<Vec<LanguageLink>> {
    on_store(app, |s| s.language_links()).await
}

#[tauri::command]
async fn list_clearance(app: AppHandle, id: String) -> CmdResult<Vec<ClearanceEntry>> {
    on_store(app, move |s| s.clearance_log(&id)).await
}

#[tauri::command]
async fn add_clearance_entry(
    app: AppHandle,
    id: String,
    entry: NewClearanceEntry,
) -> CmdResult<Vec<ClearanceEntry>> {
    on_store(app, move |s| s.add_clearance_entry(&id, &entry)).await
}

#[tauri::command]
async fn export_diff(
    app: AppHandle,
    id: String,
    from: u32,
    to: u32,
    format: ExportFormat,
) -> CmdResult<Option<ExportOutcome>> {
    let (release, bytes) = on_store(app.clone(), move |s| {
        let release = s.get(&id)?;
        let diff = s.diff_versions(&id, from, to)?;
        let author = s.preferences()?.author;
        let bytes = export::report::changes(&release, &diff, format, &author)?;
        Ok((release, bytes))
    })
    .await?;
    let name = filename::sanitize_user_name(&format!(
        "{} {} changes v{from} to v{to}.{}",
        release.dateline.date,
        filename::slug(&release.headline),
        format.extension()
    ));
    write_report(&app, name, format, bytes, release).await
}

#[tauri::command]
async fn export_clearance_sheet(
    app: AppHandle,
    id: String,
    format: ExportFormat,
) -> CmdResult<Option<ExportOutcome>> {
    let (release, bytes) = on_store(app.clone(), move |s| {
        let release = s.get(&id)?;
        let versions = s.list_versions(&id)?;
        let log = s.clearance_log(&id)?;
        let author = s.preferences()?.author;
        let bytes = export::report::clearance_sheet(&release, &versions, &log, format, &author)?;
        Ok((release, bytes))
    })
    .await?;
    let name = filename::sanitize_user_name(&format!(
        "{} {} clearance sheet.{}",
        release.dateline.date,
        filename::slug(&release.headline),
        format.extension()
    ));
    write_report(&app, name, format, bytes, release).await
}

/// Reports change no release: `release` is returned as it was read.
async fn write_report(
    app: &AppHandle,
    name: String,
    format: ExportFormat,
    bytes: Vec<u8>,
    release: Release,
) -> CmdResult<Option<ExportOutcome>> {
    let Some(path) = choose_path(app, name, format).await? else {
        return Ok(None);
    };
    off_main(move || {
        export::atomic::write(&path, &bytes).map_err(ErrorInfo::from)?;
        Ok(Some(ExportOutcome {
            path: path.display().to_string(),
            release,
        }))
    })
    .await
}

/// The core's verdict on an embargo as the officer types it: valid, a time
/// the clocks skip (with the valid one), or a time that happens twice.
#[tauri::command]
fn check_embargo(
    until: String,
    time_zone: String,
    offset: Option<String>,
) -> dateline_core::embargo::EmbargoCheck {
    dateline_core::embargo::check(&until, &time_zone, offset.as_deref())
}

/// Opens the native file picker for a reviewed Word file; `None` when
/// cancelled. `DATELINE_IMPORT_FILE` bypasses the dialog for tests, as
/// `DATELINE_EXPORT_DIR` does for saving.
#[tauri::command]
async fn choose_review_file(app: AppHandle) -> CmdResult<Option<String>> {
    if let Some(f) = std::env::var_os("DATELINE_IMPORT_FILE").filter(|f| !f.is_empty()) {
        return Ok(Some(PathBuf::from(f).display().to_string()));
    }
    let picked = app
        .dialog()
        .file()
        .add_filter("Word document", &["docx"])
        .blocking_pick_file();
    Ok(picked
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}

/// Reads a reviewed Word file from the path the dialog (or a drop) gave and
/// compares it with the version it was made from. The web view never reads
/// the file itself: it has no file-system permission.
#[tauri::command]
async fn read_review(app: AppHandle, path: String, into: Option<String>) -> CmdResult<Review> {
    on_store(app, move |s| {
        let bytes = dateline_core::review::read_path(std::path::Path::new(&path))?;
        s.read_review(bytes, into.as_deref())
    })
    .await
}

/// Opens the native picker for releases to import (several may be chosen
/// for a batch); `None` when cancelled. `DATELINE_IMPORT_SOURCE` (paths
/// separated by the platform's path-list separator) bypasses the dialog for
/// tests.
#[tauri::command]
async fn choose_import_files(app: AppHandle) -> CmdResult<Option<Vec<String>>> {
    if let Some(f) = std::env::var_os("DATELINE_IMPORT_SOURCE").filter(|f| !f.is_empty()) {
        return Ok(Some(
            std::env::split_paths(&f)
                .map(|p| p.display().to_string())
                .collect(),
        ));
    }
    let picked = app
        .dialog()
        .file()
        .add_filter("Releases", &["docx", "txt", "md", "html", "htm", "json"])
        .blocking_pick_files();
    Ok(picked.map(|files| {
        files
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .map(|p| p.display().to_string())
            .collect()
    }))
}

/// Reads a file to import (Rust reads it; the web view has no file access)
/// and shows what it would become. Nothing is saved.
#[tauri::command]
async fn preview_import(path: String) -> CmdResult<dateline_core::import::ImportPreview> {
    off_main(move || {
        let path = PathBuf::from(path);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(dateline_core::import::import_path(&path, &store::now())?.preview(name))
    })
    .await
}

/// Pasted text, read as a release. Nothing is saved.
#[tauri::command]
async fn preview_pasted(text: String) -> CmdResult<dateline_core::import::ImportPreview> {
    off_main(move || {
        Ok(dateline_core::import::import_pasted(&text, &store::now())?
            .preview("pasted text".into()))
    })
    .await
}

/// Saves the release the officer accepted in the import screen as a new
/// draft (validated by the store, all or nothing).
#[tauri::command]
async fn accept_import(app: AppHandle, release: Release, source: String) -> CmdResult<Release> {
    on_store(app, move |s| s.import(&release, &source)).await
}

/// Imports several files, one transaction each, emitting `import-progress`
/// after every file; `cancel_import_batch` stops it between files.
#[tauri::command]
async fn import_batch(
    app: AppHandle,
    paths: Vec<String>,
) -> CmdResult<dateline_core::import::batch::BatchReport> {
    let cancel = app.state::<AppState>().import_cancel.clone();
    cancel.store(false, std::sync::atomic::Ordering::SeqCst);
    let emitter = app.clone();
    on_store(app, move |s| {
        let files: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        Ok(dateline_core::import::batch::run(
            s,
            &files,
            &cancel,
            |done, total, item| {
                let _ = emitter.emit(
                    "import-progress",
                    serde_json::json!({ "done": done, "total": total, "file": item.file }),
                );
            },
        ))
    })
    .await
}

#[tauri::command]
fn cancel_import_batch(app: AppHandle) {
    app.state::<AppState>()
        .import_cancel
        .store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Applies the officer's decisions on a reviewed file to release `into`.
/// The file name recorded in the version reason and the log is the file's
/// own, whatever the UI sent.
#[tauri::command]
async fn apply_review(
    app: AppHandle,
    path: String,
    into: String,
    request: ApplyRequest,
) -> CmdResult<ApplyOutcome> {
    let path = PathBuf::from(path);
    let request = ApplyRequest {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(request.file_name.clone()),
        ..request
    };
    on_store(app, move |s| {
        let bytes = dateline_core::review::read_path(&path)?;
        s.apply_review(bytes, &into, &request)
    })
    .await
}

/// The writing checker: the dictionaries, Harper's rules and the cached
/// suggestions, loaded on the first check and kept for the next (a re-check
/// of 1,000 words costs about 30 ms, the first one about 150). One check
/// at a time: the UI sends only the latest text.
struct CheckState(Mutex<Checker>);

/// Spelling, grammar and house-style findings for the release as it is on
/// screen (not as stored), with the office dictionary's words accepted, and
/// its word and character counts.
#[tauri::command]
async fn check_release(app: AppHandle, release: Release) -> CmdResult<Report> {
    off_main(move || {
        let words = with_store(&app.state::<AppState>(), |s| office::list(s.connection()))?;
        let style = check::style::for_house_style(&release.house_style);
        let state = app.state::<CheckState>();
        let mut checker = state
            .0
            .lock()
            .map_err(|_| internal("the writing checker's lock was poisoned"))?;
        Ok(checker.report(&release, style, &words))
    })
    .await
}

/// "Add to dictionary": the word is accepted in every release from now on.
#[tauri::command]
async fn add_to_dictionary(app: AppHandle, word: String) -> CmdResult<()> {
    on_store(app, move |s| office::add(s.connection(), &word)).await
}

/// Runs the slow checks; damage found is kept in the state and sent to the UI.
fn after_start_up(app: AppHandle, dir: PathBuf) {
    match store::check_and_back_up(&dir) {
        Ok(m) => {
            if let Some(detail) = m.damage {
                let damaged = DamagedDatabase {
                    kept_at: dir.join(store::DB_FILE).display().to_string(),
                    detail,
                };
                if let Ok(mut r) = app.state::<AppState>().report.lock() {
                    r.damaged = Some(damaged.clone());
                }
                let _ = app.emit("database-damaged", damaged);
            }
        }
        Err(e) => eprintln!("dateline: the start-up check could not run: {e}"),
    }
}

/// The state before the store is opened ([`open_in_background`]).
fn initial_state() -> AppState {
    let dir = store::data_dir();
    AppState {
        store: Arc::default(),
        // Without a data folder nothing opens; the error says why.
        open_error: Arc::new(Mutex::new(dir.as_ref().err().map(|e| e.info()))),
        import_cancel: Arc::new(std::sync::atomic::AtomicBool::new(false)),
        dir: dir.unwrap_or_default(),
        report: Arc::default(),
    }
}

/// Opens the store on its own thread, so that the window is created and
/// painted while migrations or a pre-migration backup run. The thread takes
/// the store, report and error locks before this returns (before any command
/// can run: this is called from the setup hook, on the main thread, whose
/// loop also delivers the commands) and holds them until the store is open,
/// so a command that comes early waits for the store instead of finding
/// none. A failure is kept and reported to the UI instead of stopping the
/// app. Once open, the same thread runs the slow start-up checks.
fn open_in_background(app: &AppHandle, files: Vec<PathBuf>) {
    let state = app.state::<AppState>();
    if state.open_error.lock().map(|e| e.is_some()).unwrap_or(true) {
        return;
    }
    let (store, report, open_error) = (
        state.store.clone(),
        state.report.clone(),
        state.open_error.clone(),
    );
    let (dir, handle) = (state.dir.clone(), app.clone());
    let (locked_tx, locked_rx) = std::sync::mpsc::sync_channel(0);
    std::thread::spawn(move || {
        let opened = {
            let (Ok(mut s), Ok(mut r), Ok(mut e)) =
                (store.lock(), report.lock(), open_error.lock())
            else {
                return;
            };
            let _ = locked_tx.send(());
            match Store::open(&dir) {
                Ok((mut st, rep)) => {
                    // Imported while the locks are held, so the UI's first
                    // list already shows the opened files.
                    for path in &files {
                        imported(
                            &handle,
                            st.import_file(path).map_err(|e| e.to_string()),
                            path,
                        );
                    }
                    *s = Some(st);
                    *r = rep;
                    true
                }
                Err(err) => {
                    *e = Some(err.info());
                    false
                }
            }
        };
        // The full integrity check and the daily backup read the whole
        // file: seconds on a large database, so they run after start-up.
        if opened {
            after_start_up(handle, dir);
        }
    });
    // Waits only until the locks are taken, not for the store.
    let _ = locked_rx.recv();
}

/// The `.dateline.json` files named on the command line: a double-click in
/// the file manager or Explorer starts `dateline-app FILE` (the desktop
/// entry's `%f`, the Windows association's `"%1"`). Other arguments are left
/// alone; a relative path is taken from `cwd`, the starting folder.
/// Arguments are taken as the system gives them (a path need not be UTF-8).
fn release_files<S: AsRef<OsStr>>(args: &[S], cwd: &Path) -> Vec<PathBuf> {
    args.iter()
        .skip(1)
        .map(|a| Path::new(a.as_ref()))
        .filter(|p| {
            p.to_string_lossy()
                .to_lowercase()
                .ends_with(".dateline.json")
        })
        .map(|p| cwd.join(p))
        .collect()
}

/// Tells the UI about a release opened from a file ("release-imported"),
/// or the user why the file could not be opened.
fn imported(app: &AppHandle, result: Result<Release, String>, path: &Path) {
    match result {
        Ok(release) => {
            let _ = app.emit("release-imported", release);
        }
        Err(e) => {
            app.dialog()
                .message(format!("{} could not be opened: {e}", path.display()))
                .kind(tauri_plugin_dialog::MessageDialogKind::Error)
                .title("Dateline")
                .show(|_| {});
        }
    }
}

/// WebKitGTK composites with OpenGL by default; without a GPU (and on many
/// old laptops) that means Mesa's llvmpipe, which adds about 150 MiB to the
/// web process (measured: 271 vs 126 MiB PSS with a release open) for a form
/// that needs no GPU effects. The user can still opt in by setting the
/// variable to 0.
#[cfg(target_os = "linux")]
fn prefer_software_rendering() {
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // Runs first in main, before GTK or any other thread starts.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

pub fn run() {
    #[cfg(target_os = "linux")]
    prefer_software_rendering();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, args, cwd| {
            // A second start brings the open window forward instead of opening
            // the same database twice, and hands over the files it was given.
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
            let files = release_files(&args, Path::new(&cwd));
            let app = app.clone();
            tauri::async_runtime::spawn_blocking(move || {
                for path in files {
                    let result = with_store(&app.state::<AppState>(), |s| s.import_file(&path));
                    imported(&app, result.map_err(|e| e.message), &path);
                }
            });
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(initial_state())
        .manage(CheckState(Mutex::new(Checker::new(
            check::spelling::dictionary_dir(),
        ))))
        .setup(|app| {
            let args: Vec<_> = std::env::args_os().collect();
            let cwd = std::env::current_dir().unwrap_or_default();
            open_in_background(app.handle(), release_files(&args, &cwd));
            Ok(())
        })
        .on_window_event(|window, event| {
            // A file dropped on the window opens the review screen; the path
            // goes to the UI, which asks `read_review` for its content. Any
            // file is passed on, so that a .docm, a PDF or a picture gets the
            // core's clear "not a Word document" answer instead of nothing.
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                if let Some(p) = paths.first() {
                    let _ = window.emit("review-file-dropped", p.display().to_string());
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            choose_image,
            get_library,
            set_library,
            insert_library_part,
            startup_state,
            restore_backup,
            list_releases,
            get_release,
            create_release,
            save_release,
            render_preview,
            export_release,
            apply_action,
            list_versions,
            get_version,
            restore_version,
            diff_versions,
            list_clearance,
            add_clearance_entry,
            export_diff,
            export_clearance_sheet,
            get_preferences,
            set_preferences,
            reset_preferences,
            choose_logo,
            list_styles,
            get_style,
            save_style,
            copy_style,
            import_style,
            export_style,
            style_type_labels,
            check_embargo,
            choose_review_file,
            read_review,
            apply_review,
            add_language_version,
            source_status,
            mark_translation_current,
            language_links,
            choose_import_files,
            preview_import,
            preview_pasted,
            accept_import,
            import_batch,
            cancel_import_batch,
            check_release,
            add_to_dictionary,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("dateline: the window could not start: {e}");
        std::process::exit(1);
    }
}
