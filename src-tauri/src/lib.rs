//! The desktop shell: Tauri commands over `dateline-core`.
//!
//! Each command parses its arguments, calls the core, and maps errors to
//! `{code, message}` ([`ErrorInfo`]). Nothing here knows about SQLite or file
//! formats. Save dialogs are opened from Rust so the web view needs no file
//! system permission; `DATELINE_EXPORT_DIR` bypasses them for tests.

use std::path::PathBuf;
use std::sync::Mutex;

use dateline_core::clearance::{Action, ClearanceEntry, NewClearanceEntry};
use dateline_core::diff::ReleaseDiff;
use dateline_core::export::{self, filename, ExportFormat, ExportMode, Options};
use dateline_core::review::apply::{ApplyOutcome, ApplyRequest};
use dateline_core::review::Review;
use dateline_core::search::ReleaseQuery;
use dateline_core::store::{
    self, backup, DamagedDatabase, OpenReport, ReleaseSummary, SaveAck, Store,
};
use dateline_core::versions::VersionSummary;
use dateline_core::{ErrorCode, ErrorInfo, Release};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

use dateline_core::ipc::{ActionOutcome, ExportOutcome, Preview, StartupState};
use dateline_core::prefs::Preferences;

/// The open store, or why it could not be opened.
struct AppState {
    store: Mutex<Option<Store>>,
    dir: PathBuf,
    report: Mutex<OpenReport>,
    open_error: Mutex<Option<ErrorInfo>>,
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

fn internal(msg: &str) -> ErrorInfo {
    ErrorInfo {
        code: ErrorCode::Database,
        message: msg.to_string(),
    }
}

#[tauri::command]
fn startup_state(state: State<AppState>) -> CmdResult<StartupState> {
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

#[tauri::command]
fn restore_backup(state: State<AppState>, file_name: String) -> CmdResult<StartupState> {
    {
        let mut guard = state
            .store
            .lock()
            .map_err(|_| internal("the database lock was poisoned"))?;
        // Close the connection before the file is replaced.
        guard.take();
        let restored = backup::restore(&state.dir, &file_name);
        let reopened = Store::open(&state.dir);
        match reopened {
            Ok((s, report)) => {
                *guard = Some(s);
                if let Ok(mut r) = state.report.lock() {
                    *r = report;
                }
            }
            Err(e) => return Err(e.into()),
        }
        restored.map_err(ErrorInfo::from)?;
    }
    startup_state(state)
}

#[tauri::command]
fn list_releases(state: State<AppState>, query: ReleaseQuery) -> CmdResult<Vec<ReleaseSummary>> {
    with_store(&state, |s| s.list(&query))
}

#[tauri::command]
fn get_release(state: State<AppState>, id: String) -> CmdResult<Release> {
    with_store(&state, |s| s.get(&id))
}

#[tauri::command]
fn create_release(state: State<AppState>) -> CmdResult<Release> {
    let now = store::now();
    let today = now.get(..10).unwrap_or("2026-01-01").to_string();
    let r = Release::new_draft(dateline_core::model::new_id(), &now, &today);
    with_store(&state, |s| {
        s.insert(&r)?;
        s.get(&r.id)
    })
}

#[tauri::command]
fn save_release(state: State<AppState>, release: Release) -> CmdResult<SaveAck> {
    with_store(&state, |s| s.save(&release))
}

#[tauri::command]
fn render_preview(state: State<AppState>, release: Release) -> CmdResult<Preview> {
    let opts = export_options(&state, ExportMode::Draft)?;
    let view = export::view::build(&release).map_err(ErrorInfo::from)?;
    let html = export::html::render(&view, &opts).map_err(ErrorInfo::from)?;
    Ok(Preview {
        html,
        warnings: view.warnings,
    })
}

fn export_options(state: &State<AppState>, mode: ExportMode) -> CmdResult<Options> {
    with_store(state, |s| s.preferences()?.options(mode))
}

#[tauri::command]
fn get_preferences(state: State<AppState>) -> CmdResult<Preferences> {
    with_store(&state, |s| s.preferences())
}

#[tauri::command]
fn set_preferences(state: State<AppState>, preferences: Preferences) -> CmdResult<Preferences> {
    with_store(&state, |s| s.set_preferences(&preferences))
}

/// Opens the native file picker for a PNG logo; `None` when cancelled.
#[tauri::command]
async fn choose_logo(app: AppHandle) -> CmdResult<Option<String>> {
    let picked = app
        .dialog()
        .file()
        .add_filter("PNG image", &["png"])
        .blocking_pick_file();
    Ok(picked
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}

/// Where an export goes: the test folder, or the user's choice in the save dialog.
fn choose_path(
    app: &AppHandle,
    suggested: &str,
    format: ExportFormat,
) -> CmdResult<Option<PathBuf>> {
    if let Some(dir) = std::env::var_os("DATELINE_EXPORT_DIR").filter(|d| !d.is_empty()) {
        return Ok(Some(PathBuf::from(dir).join(suggested)));
    }
    let picked = app
        .dialog()
        .file()
        .set_file_name(suggested)
        .add_filter(format.extension().to_uppercase(), &[format.extension()])
        .blocking_save_file();
    match picked {
        None => Ok(None),
        Some(p) => p.into_path().map(Some).map_err(|e| ErrorInfo {
            code: ErrorCode::Io,
            message: format!("that location can't be written: {e}"),
        }),
    }
}

/// Snapshots, names and writes one export; `None` when the user cancelled.
fn export_one(
    app: &AppHandle,
    state: &State<AppState>,
    id: &str,
    format: ExportFormat,
    mode: ExportMode,
) -> CmdResult<Option<ExportOutcome>> {
    let release = with_store(state, |s| {
        let r = s.get(id)?;
        export::check_mode(&r, mode)?;
        // Refuse before snapshotting, so a failed export leaves no version.
        dateline_core::validate::for_export(&r)?;
        s.snapshot_if_changed(id, "exported")?;
        s.get(id)
    })?;
    let name = filename::export_name(
        &release.dateline.date,
        &release.headline,
        release.version,
        mode == ExportMode::Draft,
        format,
    );
    let Some(path) = choose_path(app, &name, format)? else {
        return Ok(None);
    };
    export::export_to(&release, format, &export_options(state, mode)?, &path)
        .map_err(ErrorInfo::from)?;
    Ok(Some(ExportOutcome {
        path: path.display().to_string(),
    }))
}

#[tauri::command]
async fn export_release(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    format: ExportFormat,
    mode: ExportMode,
) -> CmdResult<Option<ExportOutcome>> {
    export_one(&app, &state, &id, format, mode)
}

#[tauri::command]
async fn apply_action(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    action: Action,
) -> CmdResult<ActionOutcome> {
    let release = with_store(&state, |s| s.apply_action(&id, action))?;
    let exported = if action == Action::SendForClearance {
        export_one(&app, &state, &id, ExportFormat::Docx, ExportMode::Draft)?.map(|o| o.path)
    } else {
        None
    };
    let release = if exported.is_some() {
        with_store(&state, |s| s.get(&id))?
    } else {
        release
    };
    Ok(ActionOutcome { release, exported })
}

#[tauri::command]
fn list_versions(state: State<AppState>, id: String) -> CmdResult<Vec<VersionSummary>> {
    with_store(&state, |s| s.list_versions(&id))
}

#[tauri::command]
fn get_version(state: State<AppState>, id: String, version: u32) -> CmdResult<Release> {
    with_store(&state, |s| s.get_version(&id, version))
}

#[tauri::command]
fn restore_version(state: State<AppState>, id: String, version: u32) -> CmdResult<Release> {
    with_store(&state, |s| s.restore_version(&id, version))
}

#[tauri::command]
fn diff_versions(state: State<AppState>, id: String, from: u32, to: u32) -> CmdResult<ReleaseDiff> {
    with_store(&state, |s| s.diff_versions(&id, from, to))
}

#[tauri::command]
fn list_clearance(state: State<AppState>, id: String) -> CmdResult<Vec<ClearanceEntry>> {
    with_store(&state, |s| s.clearance_log(&id))
}

#[tauri::command]
fn add_clearance_entry(
    state: State<AppState>,
    id: String,
    entry: NewClearanceEntry,
) -> CmdResult<Vec<ClearanceEntry>> {
    with_store(&state, |s| s.add_clearance_entry(&id, &entry))
}

#[tauri::command]
async fn export_diff(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    from: u32,
    to: u32,
    format: ExportFormat,
) -> CmdResult<Option<ExportOutcome>> {
    let (release, diff) = with_store(&state, |s| {
        Ok((s.get(&id)?, s.diff_versions(&id, from, to)?))
    })?;
    let author = with_store(&state, |s| Ok(s.preferences()?.author))?;
    let bytes =
        export::report::changes(&release, &diff, format, &author).map_err(ErrorInfo::from)?;
    let name = filename::sanitize_user_name(&format!(
        "{} {} changes v{from} to v{to}.{}",
        release.dateline.date,
        filename::slug(&release.headline),
        format.extension()
    ));
    write_report(&app, &name, format, &bytes)
}

#[tauri::command]
async fn export_clearance_sheet(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    format: ExportFormat,
) -> CmdResult<Option<ExportOutcome>> {
    let (release, versions, log, author) = with_store(&state, |s| {
        Ok((
            s.get(&id)?,
            s.list_versions(&id)?,
            s.clearance_log(&id)?,
            s.preferences()?.author,
        ))
    })?;
    let bytes = export::report::clearance_sheet(&release, &versions, &log, format, &author)
        .map_err(ErrorInfo::from)?;
    let name = filename::sanitize_user_name(&format!(
        "{} {} clearance sheet.{}",
        release.dateline.date,
        filename::slug(&release.headline),
        format.extension()
    ));
    write_report(&app, &name, format, &bytes)
}

fn write_report(
    app: &AppHandle,
    name: &str,
    format: ExportFormat,
    bytes: &[u8],
) -> CmdResult<Option<ExportOutcome>> {
    let Some(path) = choose_path(app, name, format)? else {
        return Ok(None);
    };
    export::atomic::write(&path, bytes).map_err(ErrorInfo::from)?;
    Ok(Some(ExportOutcome {
        path: path.display().to_string(),
    }))
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
async fn read_review(
    state: State<'_, AppState>,
    path: String,
    into: Option<String>,
) -> CmdResult<Review> {
    let bytes = dateline_core::review::read_path(std::path::Path::new(&path))?;
    with_store(&state, |s| s.read_review(bytes, into.as_deref()))
}

/// Applies the officer's decisions on a reviewed file to release `into`.
/// The file name recorded in the version reason and the log is the file's
/// own, whatever the UI sent.
#[tauri::command]
async fn apply_review(
    state: State<'_, AppState>,
    path: String,
    into: String,
    request: ApplyRequest,
) -> CmdResult<ApplyOutcome> {
    let path = PathBuf::from(path);
    let bytes = dateline_core::review::read_path(&path)?;
    let request = ApplyRequest {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(request.file_name.clone()),
        ..request
    };
    with_store(&state, |s| s.apply_review(bytes, &into, &request))
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

/// Opens the store; a failure is kept and reported to the UI instead of
/// stopping the app.
fn open_state() -> AppState {
    let dir = store::data_dir();
    let opened = dir
        .as_ref()
        .map_err(|e| e.info())
        .and_then(|d| Store::open(d).map_err(|e| e.info()));
    let (store, report, open_error) = match opened {
        Ok((s, r)) => (Some(s), r, None),
        Err(e) => (None, OpenReport::default(), Some(e)),
    };
    AppState {
        store: Mutex::new(store),
        // Without a data folder nothing opens; the error above says why.
        dir: dir.unwrap_or_default(),
        report: Mutex::new(report),
        open_error: Mutex::new(open_error),
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
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second start brings the open window forward instead of opening
            // the same database twice.
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(open_state())
        .setup(|app| {
            // The full integrity check and the daily backup read the whole
            // file: seconds on a large database, so they run after the
            // window is up instead of delaying it.
            let state = app.state::<AppState>();
            let opened = state
                .open_error
                .lock()
                .map(|e| e.is_none())
                .unwrap_or(false);
            if opened {
                let (handle, dir) = (app.handle().clone(), state.dir.clone());
                std::thread::spawn(move || after_start_up(handle, dir));
            }
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
            choose_logo,
            choose_review_file,
            read_review,
            apply_review,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("dateline: the window could not start: {e}");
        std::process::exit(1);
    }
}
