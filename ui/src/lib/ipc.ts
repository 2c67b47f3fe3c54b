// ipc.ts — the ONLY module that talks to the Rust side. It owns the command
// names, their argument keys (camelCase, as Tauri 2 expects) and the result
// types, and normalises every rejection into an ErrorInfo { code, message }.
// Nothing else in the UI may import `invoke`.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import type { DamagedDatabase } from './bindings/DamagedDatabase';
import type { EmbargoCheck } from './bindings/EmbargoCheck';
import type { ActionOutcome } from './bindings/ActionOutcome';
import type { Action } from './bindings/Action';
import type { ClearanceEntry } from './bindings/ClearanceEntry';
import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorInfo } from './bindings/ErrorInfo';
import type { ExportFormat } from './bindings/ExportFormat';
import type { ExportMode } from './bindings/ExportMode';
import type { ExportOutcome } from './bindings/ExportOutcome';
import type { NewClearanceEntry } from './bindings/NewClearanceEntry';
import type { Preview } from './bindings/Preview';
import type { Release } from './bindings/Release';
import type { ReleaseDiff } from './bindings/ReleaseDiff';
import type { ReleaseQuery } from './bindings/ReleaseQuery';
import type { ReleaseSummary } from './bindings/ReleaseSummary';
import type { SaveAck } from './bindings/SaveAck';
import type { StartupState } from './bindings/StartupState';
import type { VersionSummary } from './bindings/VersionSummary';
import type { Preferences } from './bindings/Preferences';
import type { HouseStyle } from './bindings/HouseStyle';
import type { StyleSummary } from './bindings/StyleSummary';
import type { Review } from './bindings/Review';
import type { ApplyRequest } from './bindings/ApplyRequest';
import type { ApplyOutcome } from './bindings/ApplyOutcome';
import type { LanguageLink } from './bindings/LanguageLink';
import type { SourceStatus } from './bindings/SourceStatus';
import type { ImportPreview } from './bindings/ImportPreview';
import type { BatchReport } from './bindings/BatchReport';
import type { Image } from './bindings/Image';
import type { Library } from './bindings/Library';
import type { Part } from './bindings/Part';
import type { Report } from './bindings/Report';

const CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'invalid', 'not_found', 'format', 'newer_database', 'corrupt_database', 'transition',
  'frozen', 'stale', 'io', 'database', 'export', 'import', 'image',
]);

export function isErrorInfo(e: unknown): e is ErrorInfo {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  return typeof o.code === 'string' && CODES.has(o.code) && typeof o.message === 'string';
}

/** Any rejection as an ErrorInfo. Anything not from our commands (a Tauri
 *  internal failure, a thrown JS error) is reported with code "io". */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (isErrorInfo(e)) return { code: e.code, message: e.message };
  if (e instanceof Error) return { code: 'io', message: e.message };
  if (typeof e === 'string') return { code: 'io', message: e };
  return { code: 'io', message: 'Unexpected error' };
}

/** Lone UTF-16 surrogates (from odd pastes or IMEs) cannot be decoded by the
 *  Rust side, which would refuse the whole save; they become U+FFFD here so
 *  that the rest of the text is always saved. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function wellFormed<V>(value: V): V {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD') as V;
  if (Array.isArray(value)) return value.map(wellFormed) as V;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = wellFormed(v);
    return out as V;
  }
  return value;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args && wellFormed(args));
  } catch (e) {
    throw toErrorInfo(e);
  }
}

export const startupState = () => call<StartupState>('startup_state');
export const restoreBackup = (fileName: string) => call<StartupState>('restore_backup', { fileName });

export const listReleases = (query: ReleaseQuery) => call<ReleaseSummary[]>('list_releases', { query });
export const getRelease = (id: string) => call<Release>('get_release', { id });
export const createRelease = () => call<Release>('create_release');
export const saveRelease = (release: Release) => call<SaveAck>('save_release', { release });
/** The HTML preview in the release's own style, or in `style` (a style
 *  being edited in Preferences). */
export const renderPreview = (release: Release, style: HouseStyle | null = null) =>
  call<Preview>('render_preview', { release, style });

export const exportRelease = (id: string, format: ExportFormat, mode: ExportMode) =>
  call<ExportOutcome | null>('export_release', { id, format, mode });

export const applyAction = (id: string, action: Action) =>
  call<ActionOutcome>('apply_action', { id, action });

export const listVersions = (id: string) => call<VersionSummary[]>('list_versions', { id });
export const getVersion = (id: string, version: number) => call<Release>('get_version', { id, version });
export const restoreVersion = (id: string, version: number) => call<Release>('restore_version', { id, version });
export const diffVersions = (id: string, from: number, to: number) =>
  call<ReleaseDiff>('diff_versions', { id, from, to });
export const exportDiff = (id: string, from: number, to: number, format: 'docx' | 'html') =>
  call<ExportOutcome | null>('export_diff', { id, from, to, format });

// Linked language versions.
export const addLanguageVersion = (id: string, language: string) => call<Release>('add_language_version', { id, language });
export const sourceStatus = (id: string) => call<SourceStatus | null>('source_status', { id });
export const markTranslationCurrent = (id: string) => call<Release>('mark_translation_current', { id });
export const languageLinks = () => call<LanguageLink[]>('language_links');

export const listClearance = (id: string) => call<ClearanceEntry[]>('list_clearance', { id });
export const addClearanceEntry = (id: string, entry: NewClearanceEntry) =>
  call<ClearanceEntry[]>('add_clearance_entry', { id, entry });
export const exportClearanceSheet = (id: string, format: 'docx' | 'html') =>
  call<ExportOutcome | null>('export_clearance_sheet', { id, format });

export const getPreferences = () => call<Preferences>('get_preferences');
export const setPreferences = (preferences: Preferences) => call<Preferences>('set_preferences', { preferences });
/** Forgets saved preferences (e.g. unreadable ones) and the chosen logo. */
export const resetPreferences = () => call<Preferences>('reset_preferences');
/** Opens the native PNG picker and keeps the chosen image in the database as
 *  the logo; the preferences after that, or null when the user cancelled. */
export const chooseLogo = () => call<Preferences | null>('choose_logo');

/** The built-in house styles and the office's, with their revisions. */
export const listStyles = () => call<StyleSummary[]>('list_styles');
export const getStyle = (name: string) => call<HouseStyle>('get_style', { name });
/** Saves an office style as its next revision (checked by the core). */
export const saveStyle = (style: HouseStyle) => call<HouseStyle>('save_style', { style });
export const copyStyle = (from: string, id: string, name: string) => call<HouseStyle>('copy_style', { from, id, name });
/** Picks a shared .dateline-style.json file and imports it; null when cancelled. */
export const importStyle = () => call<HouseStyle | null>('import_style');
/** Writes a style to a file to share; the path, or null when cancelled. */
export const exportStyle = (name: string) => call<string | null>('export_style', { name });
/** The type labels a style offers in a language. */
export const styleTypeLabels = (style: string, language: string) =>
  call<string[]>('style_type_labels', { style, language });

/** Opens the native picker for a PNG or JPEG picture; Rust reads and checks
 *  it (kind, size limit) and returns it ready to put in the body, or null
 *  when the user cancelled. A refused file fails with code 'image'. */
export const chooseImage = () => call<Image | null>('choose_image');

/** The library of reusable parts. */
export const getLibrary = () => call<Library>('get_library');
export const setLibrary = (library: Library) => call<Library>('set_library', { library });
/** The release with a copy of the part inserted (where the core puts it). */
export const insertLibraryPart = (release: Release, part: Part) => call<Release>('insert_library_part', { release, part });

/** The core's verdict on an embargo time as typed (missing, doubled, valid). */
export const checkEmbargo = (until: string, timeZone: string, offset: string | null) =>
  call<EmbargoCheck>('check_embargo', { until, timeZone, offset });

/** Opens the native picker for a reviewed Word file; null when cancelled. */
export const chooseReviewFile = () => call<string | null>('choose_review_file');
/** Reads a reviewed Word file (by path; Rust reads it) and compares it with
 *  the version it was made from. `into` refuses a file from another release. */
export const readReview = (path: string, into: string | null) => call<Review>('read_review', { path, into });
/** Writes the accepted changes as a new version and logs each reviewer. */
export const applyReview = (path: string, into: string, request: ApplyRequest) =>
  call<ApplyOutcome>('apply_review', { path, into, request });
/** Spelling, grammar and house-style findings for the release as on screen
 *  (the core checks it in its house style, with the office dictionary),
 *  and its word and character counts. */
export const checkRelease = (release: Release) => call<Report>('check_release', { release });
/** Adds a word to the office dictionary (kept in the database). */
export const addToDictionary = (word: string) => call<void>('add_to_dictionary', { word });
/** The window's title (the release's headline). A title that cannot be set
 *  (no Tauri window: unit tests, the browser dev server) is only cosmetic,
 *  so it is not reported. */
export async function setWindowTitle(title: string): Promise<void> {
  try {
    await getCurrentWindow().setTitle(title);
  } catch {
    /* cosmetic, see above */
  }
}
/** A file dropped on the window (its path; Rust reads it). */
export const onReviewFileDropped = (cb: (path: string) => void): Promise<UnlistenFn> =>
  listen<string>('review-file-dropped', (e) => cb(e.payload));

/** Opens the native picker for releases to import; null when cancelled. */
export const chooseImportFiles = () => call<string[] | null>('choose_import_files');
/** What a file would become (Rust reads it); nothing is saved. */
export const previewImport = (path: string) => call<ImportPreview>('preview_import', { path });
/** What pasted text would become; nothing is saved. */
export const previewPasted = (text: string) => call<ImportPreview>('preview_pasted', { text });
/** Saves the release the officer accepted as a new draft. */
export const acceptImport = (release: Release, source: string) =>
  call<Release>('accept_import', { release, source });
/** Imports files one by one (each whole or not at all); see onImportProgress. */
export const importBatch = (paths: string[]) => call<BatchReport>('import_batch', { paths });
/** Stops a running batch before its next file. */
export const cancelImportBatch = () => call<void>('cancel_import_batch');
export type ImportProgress = { done: number; total: number; file: string };
export const onImportProgress = (cb: (p: ImportProgress) => void): Promise<UnlistenFn> =>
  listen<ImportProgress>('import-progress', (e) => cb(e.payload));

/** A .dateline.json file opened with the app (double-click, or a second
 *  start handing it over) was imported as this release. */
export const onReleaseImported = (cb: (r: Release) => void): Promise<UnlistenFn> =>
  listen<Release>('release-imported', (e) => cb(e.payload));

/** The after-start-up integrity check found damage in the open database. */
export const onDatabaseDamaged = (cb: (d: DamagedDatabase) => void): Promise<UnlistenFn> =>
  listen<DamagedDatabase>('database-damaged', (e) => cb(e.payload));
