//! The `dateline` command line, as a user runs it: every bad input gets a
//! one-line message naming the problem and a non-zero exit, and no output
//! file (or half-written file) is left behind.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dateline_core::{file_format, sample};

mod common;
use common::dateline;

fn sample_file(dir: &Path) -> PathBuf {
    let p = dir.join("welcome.dateline.json");
    std::fs::write(&p, file_format::to_string(&sample::release()).unwrap()).unwrap();
    p
}

/// Asserts a failure with one line on stderr containing `needle`.
fn fails(out: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "expected failure for {needle}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("dateline: "), "{err}");
    assert!(err.contains(needle), "expected \"{needle}\" in: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

fn only_inputs_left(dir: &Path) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        assert!(
            !name.ends_with(".part") && !name.starts_with(".dateline-"),
            "leftover {name}"
        );
    }
}

#[test]
fn exports_a_file_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let input = sample_file(tmp.path());
    for fmt in ["docx", "html", "txt"] {
        let out_path = tmp.path().join(format!("out.{fmt}"));
        let out = dateline(
            tmp.path(),
            &[
                "export",
                "--format",
                fmt,
                "-o",
                out_path.to_str().unwrap(),
                input.to_str().unwrap(),
            ],
        );
        assert!(
            out.status.success(),
            "{fmt}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(std::fs::metadata(&out_path).unwrap().len() > 500, "{fmt}");
    }
    let txt = std::fs::read_to_string(tmp.path().join("out.txt")).unwrap();
    assert!(txt.contains("Port Aurel, 12 March 2026 – "));
}

#[test]
fn bad_inputs_name_the_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let good = sample_file(d);
    let good_s = good.to_str().unwrap();
    let out = |name: &str| d.join(name).to_str().unwrap().to_string();
    let write = |name: &str, text: &str| {
        let p = d.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let json = file_format::to_string(&sample::release()).unwrap();

    // Broken release files: (file, its text, format, output, expected message).
    let embargo_on_mars = "\"timing\": {\"kind\": \"embargoed\", \"until\": \"2026-03-12T09:00\", \"time_zone\": \"Mars/Olympus\"}";
    let bad_files = [
        (
            "malformed.dateline.json",
            "{ \"format\": ".to_string(),
            "docx",
            "a.docx",
            "malformed JSON",
        ),
        (
            "unknown.dateline.json",
            json.replacen("\"headline\"", "\"colour\": 1, \"headline\"", 1),
            "docx",
            "b.docx",
            "unknown field `colour`",
        ),
        (
            "v9.dateline.json",
            json.replacen("\"format_version\": 2", "\"format_version\": 9", 1),
            "docx",
            "c.docx",
            "newer Dateline",
        ),
        (
            "type.dateline.json",
            json.replacen("\"contacts\": [", "\"contacts\": 7, \"x\": [", 1),
            "docx",
            "d.docx",
            "invalid type",
        ),
        (
            "date.dateline.json",
            json.replace("\"2026-03-12\"", "\"2026-02-30\""),
            "docx",
            "e.docx",
            "not a valid date",
        ),
        (
            "far.dateline.json",
            json.replace("\"2026-03-12\"", "\"9999-03-12\""),
            "html",
            "f.html",
            "out of range",
        ),
        (
            "lang.dateline.json",
            json.replace("\"language\": \"en\"", "\"language\": \"english please\""),
            "txt",
            "g.txt",
            "not a valid language tag",
        ),
        (
            "tz.dateline.json",
            json.replace(
                "\"timing\": {\n      \"kind\": \"immediate\"\n    }",
                embargo_on_mars,
            ),
            "docx",
            "h.docx",
            "not a known time zone",
        ),
        (
            // The clocks in Zurich jump from 02:00 to 03:00 that night.
            "gap.dateline.json",
            json.replace(
                "\"timing\": {\n      \"kind\": \"immediate\"\n    }",
                &embargo_on_mars
                    .replace("2026-03-12T09:00", "2026-03-29T02:30")
                    .replace("Mars/Olympus", "Europe/Zurich"),
            ),
            "txt",
            "gap.txt",
            "02:30 on 2026-03-29 in Europe/Zurich does not exist: the clocks go from 02:00 straight to 03:00 that night. The same moment is 2026-03-29 03:30",
        ),
        (
            "fold.dateline.json",
            json.replace(
                "\"timing\": {\n      \"kind\": \"immediate\"\n    }",
                &embargo_on_mars
                    .replace("2026-03-12T09:00", "2026-10-25T02:30")
                    .replace("Mars/Olympus", "Europe/Zurich"),
            ),
            "html",
            "fold.html",
            "happens twice",
        ),
        (
            "created.dateline.json",
            json.replacen("\"created_at\": \"", "\"created_at\": \"\\u0001<&", 1),
            "docx",
            "created.docx",
            "\"created_at\" is \"\\u{1}<&",
        ),
    ];
    for (file, text, fmt, output, needle) in &bad_files {
        let input = write(file, text);
        fails(
            &dateline(d, &["export", "-f", fmt, "-o", &out(output), &input]),
            needle,
        );
    }
    fails(
        &dateline(d, &["export", "-f", "pdf", "-o", &out("i.pdf"), good_s]),
        "unknown export format",
    );
    fails(
        &dateline(
            d,
            &[
                "export",
                "-f",
                "docx",
                "-o",
                &out("j.docx"),
                &out("missing.dateline.json"),
            ],
        ),
        "could not read",
    );
    fails(
        &dateline(
            d,
            &[
                "export",
                "-f",
                "docx",
                "-o",
                &out("no/such/folder/k.docx"),
                good_s,
            ],
        ),
        "folder does not exist",
    );
    std::fs::create_dir(d.join("adir")).unwrap();
    fails(
        &dateline(d, &["export", "-f", "docx", "-o", &out("adir"), good_s]),
        "it is a folder",
    );
    fails(
        &dateline(
            d,
            &[
                "export",
                "-f",
                "docx",
                "--final",
                "-o",
                &out("l.docx"),
                good_s,
            ],
        ),
        "Final export is not allowed while the release is draft",
    );
    fails(&dateline(d, &["show", "no-such-id"]), "not found");
    fails(
        &dateline(d, &["status", "no-such-id", "publish"]),
        "not found",
    );
    let id = sample::release().id;
    fails(
        &dateline(d, &["status", &id, "publish"]),
        "Publish is not allowed while the release is draft",
    );
    fails(&dateline(d, &["status", &id, "explode"]), "unknown action");
    for name in [
        "a.docx", "b.docx", "c.docx", "d.docx", "e.docx", "f.html", "g.txt", "h.docx", "i.pdf",
        "j.docx", "l.docx",
    ] {
        assert!(!d.join(name).exists(), "{name} must not be written");
    }
    only_inputs_left(d);
}

// Linux only: it mounts a tmpfs (as root) or sets Unix permission bits to
// get a folder that cannot be written; neither exists on Windows, where the
// files that cannot be replaced are those another program holds open
// (tests/windows.rs).
#[cfg(unix)]
#[test]
fn unwritable_folder_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let input = sample_file(tmp.path());
    let ro = tmp.path().join("readonly");
    std::fs::create_dir(&ro).unwrap();
    // Root ignores permission bits, so as root the folder is a read-only mount.
    let mounted = is_root()
        && Command::new("mount")
            .args(["-t", "tmpfs", "-o", "ro,size=16k", "tmpfs"])
            .arg(&ro)
            .status()
            .unwrap()
            .success();
    if !mounted {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let target = ro.join("x.docx");
    let out = dateline(
        tmp.path(),
        &[
            "export",
            "-f",
            "docx",
            "-o",
            target.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
    );
    let left = std::fs::read_dir(&ro).unwrap().count();
    if mounted {
        let _ = Command::new("umount").arg(&ro).status();
    }
    fails(&out, "could not write");
    assert_eq!(left, 0);
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[test]
#[cfg_attr(
    windows,
    ignore = "the small disk to fill is a tmpfs, mounted by Linux's mount"
)]
fn full_disk_leaves_the_old_file_and_no_partial() {
    if !is_root() {
        // Not a silent pass: without root there is no small disk to fill.
        // Skipping must be asked for, and is then said past the harness's
        // output capture, so the run's log shows what was not tested.
        assert!(
            std::env::var_os("DATELINE_TESTS_WITHOUT_ROOT").is_some(),
            "the full-disk test needs root to mount a small tmpfs (CI runs as root); \
             run as root, or set DATELINE_TESTS_WITHOUT_ROOT=1 to skip it knowingly"
        );
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: full_disk_leaves_the_old_file_and_no_partial (not root, DATELINE_TESTS_WITHOUT_ROOT set)"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let input = sample_file(tmp.path());
    let mnt = tmp.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=40k", "tmpfs"])
        .arg(&mnt)
        .status()
        .unwrap();
    assert!(ok.success(), "mount tmpfs");
    let target = mnt.join("release.html");
    std::fs::write(&target, b"old contents").unwrap();
    // The long release does not fit in 40 KiB.
    let long = tmp.path().join("long.dateline.json");
    std::fs::write(&long, file_format::to_string(&sample::long(400)).unwrap()).unwrap();
    let out = dateline(
        tmp.path(),
        &[
            "export",
            "-f",
            "html",
            "-o",
            target.to_str().unwrap(),
            long.to_str().unwrap(),
        ],
    );
    let old = std::fs::read(&target).unwrap();
    let listing: Vec<_> = std::fs::read_dir(&mnt)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    let _ = Command::new("umount").arg(&mnt).status();
    fails(&out, "could not write");
    assert_eq!(old, b"old contents");
    assert_eq!(listing.len(), 1, "no partial file: {listing:?}");
    let _ = input;
}

#[test]
fn database_commands_walk_clearance() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let id = sample::release().id;
    let list = dateline(d, &["list"]);
    assert!(String::from_utf8_lossy(&list.stdout).contains(&id));
    assert!(dateline(d, &["status", &id, "send-for-clearance"])
        .status
        .success());
    fails(
        &dateline(d, &["status", &id, "mark-cleared"]),
        "no reviewer has cleared",
    );
    assert!(dateline(
        d,
        &[
            "clear",
            &id,
            "--reviewer",
            "Rosa Lind",
            "--role",
            "Legal",
            "--decision",
            "cleared"
        ]
    )
    .status
    .success());
    assert!(dateline(d, &["status", &id, "mark-cleared"])
        .status
        .success());
    let versions = String::from_utf8_lossy(&dateline(d, &["versions", &id]).stdout).to_string();
    assert!(
        versions.contains("cleared") && versions.contains("sent for clearance"),
        "{versions}"
    );
    let log = String::from_utf8_lossy(&dateline(d, &["log", &id]).stdout).to_string();
    assert!(
        log.contains("Rosa Lind") && log.contains("Cleared"),
        "{log}"
    );
    let diff = String::from_utf8_lossy(&dateline(d, &["diff", &id, "1", "2"]).stdout).to_string();
    assert!(diff.contains("unchanged fields"), "{diff}");
    let out = d.join("final.docx");
    let r = dateline(
        d,
        &[
            "export",
            "--id",
            &id,
            "--final",
            "-f",
            "docx",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
}

/// An imported file's status and version are claims, not facts: the
/// release starts as a draft whose first version is the import, and a final
/// export of it is refused.
#[test]
fn import_starts_a_draft_whatever_the_file_claims() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let mut r = sample::release();
    r.id = "3f1d6c2a-9b7e-4d21-8c55-7a0e4b9f2d13".into();
    r.status = dateline_core::Status::Published;
    r.version = 7;
    r.revision = 40;
    let file = d.join("claims.dateline.json");
    std::fs::write(&file, file_format::to_string(&r).unwrap()).unwrap();
    let out = dateline(d, &["import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), r.id);
    let list = String::from_utf8_lossy(&dateline(d, &["list"]).stdout).to_string();
    let row = list.lines().find(|l| l.starts_with(&r.id)).unwrap();
    assert!(row.contains("\tDraft\tv1\t"), "{row}");
    let versions = String::from_utf8_lossy(&dateline(d, &["versions", &r.id]).stdout).to_string();
    assert_eq!(versions.lines().count(), 1, "{versions}");
    assert!(
        versions.starts_with("v1\t") && versions.contains("imported from claims.dateline.json"),
        "{versions}"
    );
    fails(
        &dateline(
            d,
            &[
                "export",
                "--id",
                &r.id,
                "--final",
                "-f",
                "docx",
                "-o",
                d.join("final.docx").to_str().unwrap(),
            ],
        ),
        "Final export is not allowed while the release is draft",
    );
    // The same file again: its id is taken.
    fails(
        &dateline(d, &["import", file.to_str().unwrap()]),
        "already exists",
    );
}

/// The text of every `word/header*.xml` in a Word file.
fn docx_headers(path: &Path) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().starts_with("word/header") {
            f.read_to_string(&mut out).unwrap();
        }
    }
    out
}

/// `export --id` is the app's export: changed text is snapshotted first, so
/// the DRAFT mark names the stored version the file holds.
#[test]
fn export_by_id_snapshots_changed_text_and_marks_that_version() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let id = sample::release().id;
    {
        let (mut store, _) = dateline_core::store::Store::open(d).unwrap();
        store.snapshot(&id, "test").unwrap();
        let mut r = store.get(&id).unwrap();
        r.headline = "Ferry timetable changes on the northern route".into();
        store.save(&r).unwrap();
    }
    let docx = d.join("draft.docx");
    let out = dateline(
        d,
        &[
            "export",
            "--id",
            &id,
            "-f",
            "docx",
            "-o",
            docx.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (store, _) = dateline_core::store::Store::open(d).unwrap();
    let stored = store.get(&id).unwrap();
    assert_eq!(stored.version, 2, "the changed text became v2");
    let versions = store.list_versions(&id).unwrap();
    assert_eq!(versions[0].reason, "exported");
    assert_eq!(versions[0].headline, stored.headline);
    let headers = docx_headers(&docx);
    assert!(headers.contains("DRAFT – v2 – "), "{headers}");
}

/// "Send for clearance" with its Word file: a file that cannot be written
/// leaves the release a draft with no new version.
#[test]
fn a_failed_send_for_clearance_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let id = sample::release().id;
    // The app's first start: the database with the sample.
    dateline_core::store::Store::open(d).unwrap();
    let before = String::from_utf8_lossy(&dateline(d, &["show", &id]).stdout).to_string();
    let nowhere = d.join("no/such/folder/send.docx");
    fails(
        &dateline(
            d,
            &[
                "status",
                &id,
                "send-for-clearance",
                "-o",
                nowhere.to_str().unwrap(),
            ],
        ),
        "folder does not exist",
    );
    let after = String::from_utf8_lossy(&dateline(d, &["show", &id]).stdout).to_string();
    assert_eq!(before, after, "status, version and text unchanged");
    assert!(after.contains("\"status\": \"draft\""), "{after}");
    let versions = String::from_utf8_lossy(&dateline(d, &["versions", &id]).stdout).to_string();
    assert!(versions.trim().is_empty(), "no version: {versions}");
    let sent = d.join("send.docx");
    let out = dateline(
        d,
        &[
            "status",
            &id,
            "send-for-clearance",
            "-o",
            sent.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "In clearance\tv1"
    );
    assert!(docx_headers(&sent).contains("DRAFT – v1 – "));
}
