//! The `dateline` command line: export `.dateline.json` files, and list,
//! show, export and move releases through clearance in the database.
//!
//! Errors print one line, "dateline: <problem>", and exit non-zero.
//! `check` exits 0 with no findings, 1 with findings and 2 on an error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use dateline_core::clearance::{Action, Decision, NewClearanceEntry};
use dateline_core::export::{self, ExportFormat, ExportMode, Options};
use dateline_core::search::ReleaseQuery;
use dateline_core::store::Store;
use dateline_core::{file_format, Error, Result};

#[derive(Parser)]
#[command(
    name = "dateline",
    version,
    about = "Draft, clear and publish press releases"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum StylesAction {
    /// Write a style (office or built-in) to a .dateline-style.json file.
    Export { name: String, file: PathBuf },
    /// Read a .dateline-style.json file into the office's styles (its next
    /// revision when the office has it already).
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum Command {
    /// List the house styles, built-in and the office's (id, revision,
    /// origin, name); or share one as a file, or import one.
    Styles {
        #[command(subcommand)]
        action: Option<StylesAction>,
    },
    /// List the library of reusable parts (organizations with their About
    /// text, contacts, standard notes): kind, number, name
    Library,
    /// Export a .dateline.json file, or a release from the database (--id).
    ///
    /// With --id the export is the app's: text changed since the latest
    /// version is snapshotted first (so the DRAFT mark names the version the
    /// file holds), and the preferences give the defaults of the options below.
    Export {
        /// docx, html or txt.
        #[arg(long, short)]
        format: String,
        /// Output file.
        #[arg(long, short)]
        output: PathBuf,
        /// The release file; omit with --id.
        file: Option<PathBuf>,
        /// A release id from the database instead of a file.
        #[arg(long)]
        id: Option<String>,
        /// Final copy without the DRAFT mark (cleared or published releases only).
        #[arg(long = "final")]
        final_copy: bool,
        /// Organization name for the header (with --id: default from the preferences).
        #[arg(long)]
        organization: Option<String>,
        /// Plain text: wrap at N columns.
        #[arg(long, default_value_t = 0)]
        wrap: usize,
        /// Plain text: CRLF line endings.
        #[arg(long)]
        crlf: bool,
        /// HTML: body-only fragment.
        #[arg(long)]
        fragment: bool,
        /// DOCX: US Letter instead of A4.
        #[arg(long)]
        letter: bool,
        /// A house style instead of the release's own (see `dateline styles`).
        #[arg(long)]
        style: Option<String>,
        /// A PNG logo for the header (default: the bundled one; with --id,
        /// the one chosen in the preferences).
        #[arg(long)]
        logo: Option<PathBuf>,
        /// The author written into the Word file (default: your full name;
        /// with --id, the preferences' author).
        #[arg(long)]
        author: Option<String>,
    },
    /// List releases in the database, newest first.
    List {
        /// Search words.
        #[arg(long, default_value = "")]
        search: String,
    },
    /// Print a release from the database as .dateline.json.
    Show { id: String },
    /// Import a release into the database as a new draft: a .dateline.json
    /// file (its status and version are not kept), or a release written
    /// elsewhere as .txt, .md, .docx or .html. A folder imports every file
    /// in it and prints one report.
    Import {
        file: PathBuf,
        /// Print the release JSON that would be created; save nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// List the versions of a release.
    Versions { id: String },
    /// Show the clearance log of a release.
    Log { id: String },
    /// Compare two versions of a release field by field.
    Diff { id: String, from: u32, to: u32 },
    /// Apply a clearance action: send-for-clearance, mark-cleared, publish, withdraw, new-draft.
    Status {
        id: String,
        action: String,
        /// With send-for-clearance: also write the DRAFT Word file here. The
        /// action and the file succeed or fail together.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Add a clearance log entry.
    Clear {
        id: String,
        #[arg(long)]
        reviewer: String,
        #[arg(long, default_value = "")]
        role: String,
        /// cleared, changes-requested or comment.
        #[arg(long)]
        decision: String,
        #[arg(long, default_value = "")]
        note: String,
        /// Version reviewed (default: the latest).
        #[arg(long)]
        version: Option<u32>,
    },
    /// Read a reviewed Word file: tracked changes, comments and untracked edits, field by field.
    Review {
        /// The .docx file the reviewers returned.
        file: PathBuf,
        /// text (a readable summary) or json.
        #[arg(long, default_value = "text")]
        format: String,
        /// Refuse the file unless it was made from this release.
        #[arg(long)]
        into: Option<String>,
    },
    /// Check a release's spelling, grammar and house style.
    ///
    /// English grammar (Harper) is in builds with the `grammar` feature:
    /// the app's, and `cargo build`'s; the installed static command line
    /// leaves it out for size and says so on stderr.
    ///
    /// Exit status: 0 no findings, 1 findings, 2 an error (unreadable file,
    /// unknown style or format). Words in the office dictionary (see
    /// `dictionary`) and the contacts' names are never flagged.
    Check {
        /// The .dateline.json file; omit with --id.
        file: Option<PathBuf>,
        /// A release id from the database instead of a file.
        #[arg(long)]
        id: Option<String>,
        /// House style: un or ap.
        #[arg(long, default_value = "un")]
        style: String,
        /// text (one finding a line) or json.
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// The office dictionary: words the spelling check accepts in every release.
    Dictionary {
        /// add, remove or list.
        action: String,
        /// The word (add, remove).
        word: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    if let Command::Check {
        file,
        id,
        style,
        format,
    } = cli.command
    {
        return match check(file, id, &style, &format) {
            Ok(0) => ExitCode::SUCCESS,
            Ok(_) => ExitCode::from(1),
            Err(e) => {
                eprintln!("dateline: {e}");
                ExitCode::from(2)
            }
        };
    }
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dateline: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `dateline check`: prints the findings and returns how many there are.
fn check(file: Option<PathBuf>, id: Option<String>, style: &str, format: &str) -> Result<usize> {
    let json = match format {
        "json" => true,
        "text" => false,
        other => {
            return Err(Error::Invalid(format!(
                "unknown check format \"{other}\" (use text or json)"
            )))
        }
    };
    let style = dateline_core::check::style::by_name(style)?;
    let (release, office) = match (file, id) {
        (Some(f), None) => {
            let release = file_format::read(&f)?;
            // The office dictionary, when there is a database to hold one.
            let dir = dateline_core::store::data_dir()?;
            let office = if dir.join(dateline_core::store::DB_FILE).exists() {
                dateline_core::check::office::list(open_read_only()?.connection())?
            } else {
                Vec::new()
            };
            (release, office)
        }
        (None, Some(id)) => {
            let store = open_read_only()?;
            let release = store.get(&id)?;
            (
                release,
                dateline_core::check::office::list(store.connection())?,
            )
        }
        _ => {
            return Err(Error::Invalid(
                "give either a release file or --id, not both".into(),
            ))
        }
    };
    let mut checker =
        dateline_core::check::Checker::new(dateline_core::check::spelling::dictionary_dir());
    let findings = checker.check(&release, style, &office);
    if !dateline_core::check::HAS_GRAMMAR {
        eprintln!(
            "dateline: this build checks no grammar (Harper is in the app; docs/STYLE_RULES.md)"
        );
    }
    if json {
        let s =
            serde_json::to_string_pretty(&findings).map_err(|e| Error::Format(e.to_string()))?;
        println!("{s}");
    } else {
        print!("{}", dateline_core::check::to_text(&findings));
    }
    Ok(findings.len())
}

/// For commands that change data: opens, upgrades and, on first start,
/// adds the sample, as the app does.
fn open() -> Result<Store> {
    Store::open_default().map(|(s, _)| s)
}

/// For commands that only read: never migrates, moves or seeds an existing
/// database (see `Store::open_read_only`).
fn open_read_only() -> Result<Store> {
    Store::open_read_only(&dateline_core::store::data_dir()?)
}

/// The house style named `name`. Office styles live in the database;
/// built-in ones need none, so exporting a file in a built-in style works
/// without opening a database.
fn resolve_style(name: &str) -> Result<dateline_core::house_style::HouseStyle> {
    match dateline_core::house_style::find(name) {
        Some(s) => Ok(s.clone()),
        None => open_read_only()?.style(name),
    }
}

fn run(cmd: Command) -> Result<()> {
    match cmd {
        Command::Export {
            format,
            output,
            file,
            id,
            final_copy,
            organization,
            wrap,
            crlf,
            fragment,
            letter,
            style,
            logo,
            author,
        } => {
            let format = ExportFormat::parse(&format)?;
            let mode = if final_copy {
                ExportMode::Final
            } else {
                ExportMode::Draft
            };
            let logo = logo
                .map(|p| dateline_core::prefs::read_logo(&p))
                .transpose()?;
            let paper = letter.then_some(export::Paper::Letter);
            let style = style.as_deref().map(resolve_style).transpose()?;
            match (file, id) {
                (Some(f), None) => {
                    let release = file_format::read(&f)?;
                    export::check_mode(&release, mode)?;
                    // What the preview would warn about (phrases not in the
                    // release's language, dropped links) goes to stderr; the
                    // export goes ahead.
                    let style = match style {
                        Some(s) => s,
                        None => resolve_style(&release.house_style)?,
                    };
                    for w in export::view::build_with(&release, &style)?.warnings {
                        eprintln!("dateline: warning: {w}");
                    }
                    let opts = Options {
                        mode,
                        organization: organization.unwrap_or_default(),
                        wrap,
                        crlf,
                        fragment,
                        paper,
                        logo_png: Some(logo.unwrap_or_else(|| export::DEFAULT_LOGO.to_vec())),
                        style: Some(style),
                        // Only Word files carry an author; looking up the account's
                        // full name goes through NSS, a cost the other formats skip.
                        author: match author {
                            Some(a) => a,
                            None if format == ExportFormat::Docx => {
                                dateline_core::prefs::default_author()
                            }
                            None => String::new(),
                        },
                        ..Options::default()
                    };
                    export::export_to(&release, format, &opts, &output)?;
                }
                (None, Some(id)) => {
                    let mut store = open()?;
                    let mut plan = store.plan_export(&id, format, mode)?;
                    let o = &mut plan.options;
                    o.wrap = wrap;
                    o.crlf = crlf;
                    o.fragment = fragment;
                    o.style = style;
                    if let Some(org) = organization {
                        o.organization = org;
                    }
                    if paper.is_some() {
                        o.paper = paper;
                    }
                    if let Some(l) = logo {
                        o.logo_png = Some(l);
                    }
                    if let Some(a) = author {
                        o.author = a;
                    }
                    store.run_export(&plan, &output)?;
                }
                _ => {
                    return Err(Error::Invalid(
                        "give either a release file or --id, not both".into(),
                    ))
                }
            }
            println!("{}", output.display());
            Ok(())
        }
        Command::Styles { action: None } => {
            for s in open_read_only()?.styles()? {
                let origin = match s.origin {
                    dateline_core::house_style::StyleOrigin::BuiltIn => "built-in",
                    dateline_core::house_style::StyleOrigin::Office => "office",
                };
                println!("{}\tr{}\t{origin}\t{}", s.id, s.revision, s.name);
            }
            Ok(())
        }
        Command::Styles {
            action: Some(StylesAction::Export { name, file }),
        } => {
            let s = open_read_only()?.export_style_file(&name, &file)?;
            println!("{}\t{} r{}", file.display(), s.id, s.revision);
            Ok(())
        }
        Command::Styles {
            action: Some(StylesAction::Import { file }),
        } => {
            let s = open()?.import_style_file(&file)?;
            println!("{}\tr{}", s.id, s.revision);
            Ok(())
        }
        Command::Library => {
            for (kind, n, name) in open_read_only()?.library()?.entries() {
                println!("{kind}\t{n}\t{name}");
            }
            Ok(())
        }
        Command::List { search } => {
            let store = open_read_only()?;
            let rows = store.list(&ReleaseQuery {
                text: search,
                ..Default::default()
            })?;
            for r in rows {
                println!(
                    "{}\t{}\t{}\tv{}\t{}",
                    r.id,
                    r.dateline_date,
                    r.status.label(),
                    r.version,
                    r.headline
                );
            }
            Ok(())
        }
        Command::Show { id } => {
            print!("{}", file_format::to_string(&open_read_only()?.get(&id)?)?);
            Ok(())
        }
        Command::Import { file, dry_run } => import(&file, dry_run),
        Command::Versions { id } => {
            for v in open_read_only()?.list_versions(&id)? {
                let styles: Vec<String> = v.exported_with.iter().map(ToString::to_string).collect();
                println!(
                    "v{}\t{}\t{}\t{}\t{}",
                    v.version,
                    v.created_at,
                    v.status.label(),
                    v.reason,
                    styles.join(", ")
                );
            }
            Ok(())
        }
        Command::Log { id } => {
            for e in open_read_only()?.clearance_log(&id)? {
                let stale = if e.stale {
                    "\t(stale: text changed since)"
                } else {
                    ""
                };
                println!(
                    "{}\tv{}\t{}\t{}\t{}\t{}{stale}",
                    e.created_at,
                    e.version,
                    e.reviewer,
                    e.role,
                    e.decision.label(),
                    e.note
                );
            }
            Ok(())
        }
        Command::Diff { id, from, to } => {
            let d = open_read_only()?.diff_versions(&id, from, to)?;
            print!("{}", dateline_core::diff::to_text(&d));
            Ok(())
        }
        Command::Status { id, action, output } => {
            let action = Action::parse(&action).ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown action \"{action}\" (use send-for-clearance, mark-cleared, publish, withdraw or new-draft)"
                ))
            })?;
            let mut store = open()?;
            let r = match output {
                None => store.apply_action(&id, action)?,
                Some(path) if action == Action::SendForClearance => {
                    let plan = store.plan_action_export(&id, action)?;
                    store.run_export(&plan, &path)?.release
                }
                Some(_) => {
                    return Err(Error::Invalid(
                        "--output goes only with send-for-clearance".into(),
                    ))
                }
            };
            println!("{}\tv{}", r.status.label(), r.version);
            Ok(())
        }
        Command::Clear {
            id,
            reviewer,
            role,
            decision,
            note,
            version,
        } => {
            let decision = Decision::parse(&decision).ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown decision \"{decision}\" (use cleared, changes-requested or comment)"
                ))
            })?;
            let mut store = open()?;
            let version = match version {
                Some(v) => v,
                None => store.get(&id)?.version,
            };
            store.add_clearance_entry(
                &id,
                &NewClearanceEntry {
                    version,
                    reviewer,
                    role,
                    decision,
                    note,
                },
            )?;
            Ok(())
        }
        Command::Review { file, format, into } => {
            let json = match format.as_str() {
                "json" => true,
                "text" => false,
                other => {
                    return Err(Error::Invalid(format!(
                        "unknown review format \"{other}\" (use text or json)"
                    )))
                }
            };
            let bytes = dateline_core::review::read_path(&file)?;
            let review = open()?.read_review(bytes, into.as_deref())?;
            if json {
                let s = serde_json::to_string_pretty(&review)
                    .map_err(|e| Error::Format(e.to_string()))?;
                println!("{s}");
            } else {
                print!("{}", dateline_core::review::to_text(&review));
            }
            Ok(())
        }
        Command::Dictionary { action, word } => {
            use dateline_core::check::office;
            let word = || {
                word.as_deref()
                    .ok_or_else(|| Error::Invalid(format!("dictionary {action} needs a word")))
            };
            match action.as_str() {
                "list" => {
                    for w in office::list(open_read_only()?.connection())? {
                        println!("{w}");
                    }
                }
                "add" => office::add(open()?.connection(), word()?)?,
                "remove" => {
                    let w = word()?;
                    if !office::remove(open()?.connection(), w)? {
                        return Err(Error::Invalid(format!(
                            "\"{w}\" is not in the office dictionary"
                        )));
                    }
                }
                other => {
                    return Err(Error::Invalid(format!(
                        "unknown dictionary action \"{other}\" (use add, remove or list)"
                    )))
                }
            }
            Ok(())
        }
        // main runs check itself, for its exit status; this keeps the match whole.
        Command::Check {
            file,
            id,
            style,
            format,
        } => check(file, id, &style, &format).map(|_| ()),
    }
}

/// `dateline import`: one file, a dry run, or a folder.
fn import(file: &std::path::Path, dry_run: bool) -> Result<()> {
    use dateline_core::import::{self as imp, batch};
    if file.is_dir() {
        let files = batch::files_in(file)?;
        if dry_run {
            for f in &files {
                match imp::import_path(f, &dateline_core::store::now()) {
                    Ok(i) => println!("ok\t{}\t{}", f.display(), i.release.headline),
                    Err(e) => println!("error\t{}\t{e}", f.display()),
                }
            }
            return Ok(());
        }
        let mut store = open()?;
        let cancel = std::sync::atomic::AtomicBool::new(false);
        let report = batch::run(&mut store, &files, &cancel, |done, total, item| {
            eprintln!("[{done}/{total}] {}", item.file);
        });
        for item in &report.items {
            match &item.outcome {
                batch::Outcome::Imported { id, unsure, .. } if unsure.is_empty() => {
                    println!("imported\t{}\t{id}", item.file)
                }
                batch::Outcome::Imported { id, unsure, .. } => {
                    println!("check\t{}\t{id}\tunsure: {}", item.file, unsure.join(", "))
                }
                batch::Outcome::Failed { error } => {
                    println!("failed\t{}\t{}", item.file, error.message)
                }
                batch::Outcome::Skipped { reason } => {
                    println!("skipped\t{}\t{reason}", item.file)
                }
            }
        }
        println!(
            "{} of {} imported; {} need a look",
            report.imported(),
            report.total,
            report.need_a_look()
        );
        return Ok(());
    }
    if dry_run {
        let imported = imp::import_path(file, &dateline_core::store::now())?;
        print!("{}", file_format::to_string(&imported.release)?);
        if let Some(r) = &imported.recognised {
            let unsure = r.unsure();
            if !unsure.is_empty() {
                eprintln!("unsure: {}", unsure.join(", "));
            }
        }
        return Ok(());
    }
    let r = open()?.import_file(file)?;
    println!("{}", r.id);
    Ok(())
}
