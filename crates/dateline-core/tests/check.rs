//! Writing checks (issue 16): every house-style rule with text it must flag
//! (and the fix it offers) and text it must leave alone; spelling in each
//! bundled language with the real Hunspell dictionaries; Harper's grammar;
//! the office dictionary in a real database; and `dateline check`.
//!
//! The dictionaries come from /usr/share/hunspell or DATELINE_DICTIONARIES
//! (`scripts/deps.sh` installs them). A missing one fails these tests with
//! the finding that names it; nothing is skipped.

use dateline_core::check::style::{self, Style, AP, UN};
use dateline_core::check::{office, spelling, Checker, Finding};
use dateline_core::model::{Block, Contact, ContactGroup, Inline, Release, Timing};
use dateline_core::sample;
use dateline_core::store::Store;

mod common;
use common::dateline;

fn para(text: &str) -> Block {
    Block::Paragraph {
        content: vec![Inline {
            text: text.into(),
            bold: false,
            italic: false,
            link: None,
        }],
    }
}

/// A clean English release with one body paragraph.
fn release(language: &str, body: &str) -> Release {
    let mut r = sample::release();
    r.id = "00000000-0000-4000-8000-00000000c4ec".into();
    r.language = language.into();
    r.headline = "Officials meet".into();
    r.subheadline = String::new();
    r.body = vec![para(body)];
    r.about = vec![];
    r.notes_to_editors = vec![];
    r.contact_groups = vec![ContactGroup {
        heading: String::new(),
        contacts: vec![Contact {
            name: "Zhanyl Abdrakhmanova".into(),
            ..Contact::default()
        }],
    }];
    r.dateline.city = "Geneva".into();
    r.dateline.date = "2024-05-17".into();
    r.timing = Timing::Immediate;
    r
}

fn check(r: &Release, style: &Style, office: &[String]) -> Vec<Finding> {
    let found = Checker::new(spelling::dictionary_dir()).check(r, style, office);
    assert!(
        !found.iter().any(|f| f.rule == "dictionary"),
        "a dictionary is missing (run scripts/deps.sh): {found:?}"
    );
    found
}

fn by_rule(r: &Release, style: &Style, rule: &str) -> Vec<Finding> {
    check(r, style, &[])
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// `text` in the body gets exactly one `rule` finding, covering `flagged`,
/// with the fix `fix` (None: no deterministic fix).
#[track_caller]
fn flags(style: &Style, text: &str, rule: &str, flagged: &str, fix: Option<&str>) {
    let found = by_rule(&release("en-GB", text), style, rule);
    assert_eq!(
        found.len(),
        1,
        "{rule} on {text:?} under {}: {found:?}",
        style.name
    );
    let f = &found[0];
    let span: String = text
        .chars()
        .skip(f.start as usize)
        .take((f.end - f.start) as usize)
        .collect();
    assert_eq!(span, flagged, "{f:?}");
    assert_eq!(f.suggestion.as_deref(), fix, "{f:?}");
    assert_eq!(f.field, "body.0");
}

#[track_caller]
fn clean(style: &Style, text: &str, rule: &str) {
    let found = by_rule(&release("en-GB", text), style, rule);
    assert!(
        found.is_empty(),
        "{rule} on {text:?} under {}: {found:?}",
        style.name
    );
}

#[test]
fn dates_follow_the_style() {
    flags(
        &UN,
        "The meeting opens on May 17, 2024 in Geneva.",
        "dates",
        "May 17, 2024",
        Some("17 May 2024"),
    );
    flags(
        &UN,
        "It opens on 17th May 2024.",
        "dates",
        "17th May 2024",
        Some("17 May 2024"),
    );
    flags(
        &UN,
        "It opens on 3 Sept. 2024.",
        "dates",
        "3 Sept. 2024",
        Some("3 September 2024"),
    );
    clean(&UN, "The meeting opens on 17 May 2024 in Geneva.", "dates");
    clean(&UN, "The talks resume on 3 September.", "dates");
    flags(
        &AP,
        "The meeting opens on 17 May 2024.",
        "dates",
        "17 May 2024",
        Some("May 17, 2024"),
    );
    flags(
        &AP,
        "It opens on September 3, 2024.",
        "dates",
        "September 3, 2024",
        Some("Sept. 3, 2024"),
    );
    flags(
        &AP,
        "It opens on Sep. 3.",
        "dates",
        "Sep. 3",
        Some("Sept. 3"),
    );
    clean(&AP, "It opens on Sept. 3, 2024, in Geneva.", "dates");
    clean(&AP, "It opens on May 17, 2024.", "dates");
    // "May" the verb is not a month.
    clean(&UN, "Delegates may 3D-print the badges.", "dates");
}

#[test]
fn per_cent_follows_the_style() {
    flags(
        &UN,
        "Prices rose 5 percent.",
        "percent",
        "percent",
        Some("per cent"),
    );
    flags(&UN, "Prices rose 5%.", "percent", "5%", Some("5 per cent"));
    clean(&UN, "Prices rose 12 per cent.", "percent");
    flags(
        &AP,
        "Prices rose 12 per cent.",
        "percent",
        "per cent",
        Some("percent"),
    );
    clean(&AP, "Prices rose 12 percent, or 12%.", "percent");
}

#[test]
fn numbers_below_ten_are_spelled_out() {
    flags(
        &UN,
        "Officials from 3 countries met.",
        "numbers",
        "3",
        Some("three"),
    );
    flags(
        &UN,
        "Officials met. 7 agreed.",
        "numbers",
        "7",
        Some("Seven"),
    );
    flags(&AP, "They visited 4 camps.", "numbers", "4", Some("four"));
    clean(
        &UN,
        "Officials from three countries and 12 agencies met.",
        "numbers",
    );
    clean(
        &UN,
        "Prices rose 5 per cent; 2.5 million people and Goal 5 on 3 May.",
        "numbers",
    );
    clean(
        &UN,
        "It costs $5 and begins at 9 a.m. under resolution 2.",
        "numbers",
    );
}

#[test]
fn secretary_general_is_hyphenated_and_in_full() {
    flags(
        &UN,
        "The Secretary General spoke.",
        "secretary_general",
        "Secretary General",
        Some("Secretary-General"),
    );
    flags(
        &UN,
        "The SG spoke.",
        "secretary_general",
        "SG",
        Some("Secretary-General"),
    );
    flags(
        &AP,
        "The Sec-Gen spoke.",
        "secretary_general",
        "Sec-Gen",
        Some("Secretary-General"),
    );
    clean(
        &UN,
        "The Secretary-General spoke; the secretary of the board and the general public listened.",
        "secretary_general",
    );
}

#[test]
fn acronyms_are_spelled_out_on_first_use() {
    flags(
        &UN,
        "UNHCR opened a camp. UNHCR staff arrived.",
        "acronyms",
        "UNHCR",
        None,
    );
    clean(&UN, "The Office of the High Commissioner for Refugees (UNHCR) opened a camp. UNHCR staff arrived.", "acronyms");
    clean(
        &UN,
        "UNHCR (the UN Refugee Agency) opened a camp with EU funds against HIV and COVID-19.",
        "acronyms",
    );
    // The acronym spelled out in the body counts even after a headline used it.
    let mut r = release("en-GB", "The World Food Programme (WFP) delivered food.");
    r.headline = "WFP delivers".into();
    assert!(by_rule(&r, &UN, "acronyms").is_empty());
}

#[test]
fn times_follow_the_style() {
    flags(
        &UN,
        "Doors open at 09:00.",
        "times",
        "09:00",
        Some("9 a.m."),
    );
    flags(
        &UN,
        "The briefing is at 14:30.",
        "times",
        "14:30",
        Some("2.30 p.m."),
    );
    flags(
        &AP,
        "The briefing is at 14:30.",
        "times",
        "14:30",
        Some("2:30 p.m."),
    );
    flags(
        &UN,
        "Doors open at 9:00 a.m. sharp.",
        "times",
        "9:00 a.m.",
        Some("9 a.m."),
    );
    // The sentence's full stop is the abbreviation's: "9am." becomes "9 a.m.".
    flags(&AP, "Doors open at 9am.", "times", "9am.", Some("9 a.m."));
    flags(
        &UN,
        "Doors open at 9 PM on Friday.",
        "times",
        "9 PM",
        Some("9 p.m."),
    );
    flags(&UN, "Lunch is at 12:00.", "times", "12:00", Some("noon"));
    clean(
        &UN,
        "Doors open at 9 a.m. and close at 5.30 p.m.; 3.5 million people.",
        "times",
    );
    clean(&AP, "Doors open at 9 a.m. and close at 5:30 p.m.", "times");
}

#[test]
fn a_contact_is_present() {
    let mut r = release("en-GB", "Text.");
    assert!(by_rule(&r, &UN, "contact").is_empty());
    r.contact_groups.clear();
    let found = by_rule(&r, &UN, "contact");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].field, "contacts");
    // An empty contact is no contact; the rule is the same in French.
    r.contact_groups = vec![ContactGroup {
        heading: String::new(),
        contacts: vec![Contact::default()],
    }];
    r.language = "fr".into();
    assert_eq!(by_rule(&r, &AP, "contact").len(), 1);
}

#[test]
fn the_headline_has_a_length_limit() {
    let mut r = release("en-GB", "Text.");
    r.headline = "a".repeat(UN.headline_max);
    assert!(by_rule(&r, &UN, "headline_length").is_empty());
    r.headline.push('b');
    let found = by_rule(&r, &UN, "headline_length");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].start as usize, found[0].end as usize),
        (UN.headline_max, UN.headline_max + 1)
    );
    r.headline = " ".into();
    assert_eq!(by_rule(&r, &UN, "headline_length").len(), 1);
}

#[test]
fn the_dateline_is_present_and_matches_the_embargo() {
    let mut r = release("en-GB", "Text.");
    assert!(by_rule(&r, &UN, "dateline").is_empty());
    r.timing = Timing::Embargoed {
        until: "2024-05-17T10:00".into(),
        time_zone: "Europe/Zurich".into(),
        offset: None,
    };
    assert!(by_rule(&r, &UN, "dateline").is_empty());
    r.dateline.date = "2024-05-16".into();
    let found = by_rule(&r, &UN, "dateline");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].suggestion.as_deref(), Some("2024-05-17"));
    r.dateline.date = "2024-02-30".into();
    assert_eq!(by_rule(&r, &UN, "dateline")[0].field, "dateline.date");
    r.dateline.city = String::new();
    r.dateline.date = String::new();
    let found = by_rule(&r, &UN, "dateline");
    let fields: Vec<&str> = found.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["dateline.city", "dateline.date"]);
}

#[test]
fn styles_are_chosen_by_name() {
    assert_eq!(style::by_name("UN").unwrap().name, "un");
    assert_eq!(style::by_name("ap").unwrap().name, "ap");
    let e = style::by_name("chicago").unwrap_err().to_string();
    assert!(e.contains("chicago") && e.contains("un, ap"), "{e}");
}

#[test]
#[cfg(feature = "grammar")]
fn grammar_comes_from_harper() {
    let found = by_rule(
        &release("en-GB", "This is an test of the system."),
        &UN,
        "grammar",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].suggestion.as_deref(), Some("a"));
    assert!(by_rule(
        &release("en-GB", "This is a test of the system."),
        &UN,
        "grammar"
    )
    .is_empty());
    // Neither style wants the serial comma Harper asks for.
    let list = "Food, water and radio sets arrived.";
    assert!(by_rule(&release("en-GB", list), &UN, "grammar").is_empty());
    // Not run on other languages.
    assert!(by_rule(&release("fr", "This is an test."), &UN, "grammar").is_empty());
}

/// One misspelling in an otherwise correct sentence, per language: it is
/// found with `want` among the suggestions; the corrected sentence is clean.
#[track_caller]
fn spelling_case(language: &str, wrong: &str, misspelt: &str, want: &str) {
    // Only the body is in the language under test.
    let release = |body: &str| {
        let mut r = release(language, body);
        r.headline = String::new();
        r.dateline.city = String::new();
        r
    };
    let found = by_rule(&release(wrong), &UN, "spelling");
    assert_eq!(found.len(), 1, "{language}: {found:?}");
    let f = &found[0];
    let span: String = wrong
        .chars()
        .skip(f.start as usize)
        .take((f.end - f.start) as usize)
        .collect();
    assert_eq!(span, misspelt);
    assert!(
        f.alternatives.iter().any(|a| a == want),
        "{language}: {f:?}"
    );
    let right = wrong.replace(misspelt, want);
    let found = by_rule(&release(&right), &UN, "spelling");
    assert!(found.is_empty(), "{language}: {right:?}: {found:?}");
}

#[test]
fn spelling_in_each_bundled_language() {
    spelling_case(
        "en-GB",
        "The organisation recieved new funding today.",
        "recieved",
        "received",
    );
    spelling_case(
        "en-US",
        "The organization recieved new funding today.",
        "recieved",
        "received",
    );
    spelling_case(
        "fr",
        "Le gouvernemnt a présenté le programme à Genève.",
        "gouvernemnt",
        "gouvernement",
    );
    spelling_case(
        "es",
        "El gobirno presentó el programa en Ginebra.",
        "gobirno",
        "gobierno",
    );
    spelling_case(
        "ru",
        "Правительтво представило программу в Женеве.",
        "Правительтво",
        "Правительство",
    );
    spelling_case("ar", "أعلنت الحكومه عن برنامج جديد.", "الحكومه", "الحكومة");
}

#[test]
fn spelling_uses_the_language_variant() {
    // British spelling is wrong in American English.
    assert!(by_rule(&release("en-GB", "The organisation met."), &UN, "spelling").is_empty());
    assert_eq!(
        by_rule(&release("en-US", "The organisation met."), &UN, "spelling").len(),
        1
    );
}

#[test]
fn contacts_names_are_never_flagged() {
    let text = "Zhanyl Abdrakhmanova's team said so.";
    assert!(by_rule(&release("en-GB", text), &UN, "spelling").is_empty());
    let mut r = release("en-GB", text);
    r.contact_groups[0].contacts[0].name = "Ainura Sydykova".into();
    let flagged: Vec<String> = by_rule(&r, &UN, "spelling")
        .iter()
        .map(|f| {
            text.chars()
                .skip(f.start as usize)
                .take((f.end - f.start) as usize)
                .collect()
        })
        .collect();
    assert_eq!(flagged, ["Zhanyl", "Abdrakhmanova's"]);
}

#[test]
fn urls_emails_numbers_and_acronyms_are_not_spelling_errors() {
    let text = "Write to press@tazabek.example or see https://tazabek.example/qwxz for the 2024 KGZX figures.";
    assert!(by_rule(&release("en-GB", text), &UN, "spelling").is_empty());
}

#[test]
fn a_missing_dictionary_is_a_finding_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let found = Checker::new(dir.path().to_path_buf()).check(&release("fr", "Bonjour."), &UN, &[]);
    let f = found
        .iter()
        .find(|f| f.rule == "dictionary")
        .expect("a dictionary finding");
    assert!(
        f.message.contains("\"fr\"") && f.message.contains("fr.aff"),
        "{f:?}"
    );
    // The other checks still ran.
    let mut r = release("fr", "Bonjour.");
    r.contact_groups.clear();
    let found = Checker::new(dir.path().to_path_buf()).check(&r, &UN, &[]);
    assert!(found.iter().any(|f| f.rule == "contact"));
}

#[test]
fn the_office_dictionary_is_kept_in_the_database_and_used() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let conn = store.connection();
    let r = release("en-GB", "The Tazabek programme opened.");
    assert_eq!(by_rule(&r, &UN, "spelling").len(), 1);
    office::add(conn, "Tazabek").unwrap();
    office::add(conn, "tazabek").unwrap();
    assert_eq!(office::list(conn).unwrap(), ["Tazabek"]);
    let words = office::list(conn).unwrap();
    let found: Vec<Finding> = check(&r, &UN, &words)
        .into_iter()
        .filter(|f| f.rule == "spelling")
        .collect();
    assert!(found.is_empty(), "{found:?}");
    assert!(office::remove(conn, "TAZABEK").unwrap());
    assert!(!office::remove(conn, "Tazabek").unwrap());
    assert!(office::list(conn).unwrap().is_empty());
    assert!(office::add(conn, "two words").is_err());
    assert!(office::add(conn, "  ").is_err());
}

// ---- the command line -------------------------------------------------

fn write_release(dir: &std::path::Path, r: &Release) -> std::path::PathBuf {
    let path = dir.join("r.dateline.json");
    std::fs::write(&path, dateline_core::file_format::to_string(r).unwrap()).unwrap();
    path
}

#[test]
fn cli_check_prints_findings_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_release(
        dir.path(),
        &release("en-GB", "Prices rose 5 percent in 3 countries."),
    );
    let f = file.to_str().unwrap();
    let out = dateline(dir.path(), &["check", f]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{text} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("body.0 14-21 percent:") && text.contains("(fix: \"per cent\")"),
        "{text}"
    );
    assert!(
        text.contains("numbers") && text.ends_with("2 findings\n"),
        "{text}"
    );

    let out = dateline(
        dir.path(),
        &["check", "--style", "ap", "--format", "json", f],
    );
    assert_eq!(out.status.code(), Some(1));
    let found: Vec<Finding> = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["numbers"], "{found:?}");
}

#[test]
fn cli_check_exits_0_when_clean_and_reads_the_office_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_release(
        dir.path(),
        &release("en-GB", "The Tazabek programme opened in three regions."),
    );
    let f = file.to_str().unwrap();
    assert_eq!(dateline(dir.path(), &["check", f]).status.code(), Some(1));
    let out = dateline(dir.path(), &["dictionary", "add", "Tazabek"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = dateline(dir.path(), &["check", f]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "no findings\n");
    let out = dateline(dir.path(), &["dictionary", "list"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Tazabek\n");
}

#[test]
fn cli_check_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_release(dir.path(), &release("en-GB", "The SG spoke."));
    let out = dateline(dir.path(), &["import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (store, _) = Store::open(dir.path()).unwrap();
    let list = store.list(&Default::default()).unwrap();
    let id = &list
        .iter()
        .find(|s| s.headline == "Officials meet")
        .unwrap()
        .id;
    drop(store);
    let out = dateline(dir.path(), &["check", "--format", "json", "--id", id]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: Vec<Finding> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        found.iter().any(|f| f.rule == "secretary_general"),
        "{found:?}"
    );
}

#[test]
fn cli_check_errors_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.dateline.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let good = write_release(dir.path(), &release("en-GB", "Text."));
    for args in [
        vec!["check", bad.to_str().unwrap()],
        vec!["check", dir.path().join("missing.json").to_str().unwrap()],
        vec!["check", "--style", "chicago", good.to_str().unwrap()],
        vec!["check", "--format", "xml", good.to_str().unwrap()],
        vec!["check"],
        vec!["check", "--id", "no-such-id"],
    ] {
        let out = dateline(dir.path(), &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with("dateline: ") && err.lines().count() == 1,
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn the_report_counts_words_and_the_headline_against_its_limit() {
    let mut r = release("en-GB", "The ferry (route 7) runs daily — from Monday.");
    r.subheadline = "New terminal".into();
    r.contact_groups[0].contacts[0].title = "Press Officer".into();
    let report = Checker::new(spelling::dictionary_dir()).report(&r, &AP, &[]);
    // "Officials meet" + "New terminal" + 8 body words ("7)" is one, "—"
    // none); the contact's name and title are not counted.
    assert_eq!(report.words, 2 + 2 + 8);
    assert_eq!(
        report.characters,
        ("Officials meet".len() + "New terminal".len() + 45) as u32
    );
    assert_eq!((report.headline_characters, report.headline_max), (14, 100));
    assert_eq!(
        report.findings,
        Checker::new(spelling::dictionary_dir()).check(&r, &AP, &[])
    );
    // A house style without rules of its own is checked with the UN's.
    assert_eq!(style::for_house_style("uk-gov"), &UN);
    assert_eq!(style::for_house_style("ap"), &AP);
}
