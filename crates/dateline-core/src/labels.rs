//! The fixed words an export prints around the officer's text, per language,
//! and the list of languages the editor offers.
//!
//! Dates come from ICU4X (see `dates`); these are the few phrases of the house
//! style ("For more information, please contact:", "EMBARGOED UNTIL"...) and
//! the usual type labels ("PRESS RELEASE"...). This module is the one source
//! of truth for which languages Dateline supports: `tests/bindings.rs`
//! generates the editor's language and type-label lists from [`OFFERED`] and
//! [`PHRASES`], and a test checks that every offered language has phrases.
//!
//! A release in a language without phrases (e.g. Thai) is still exported, with
//! its dates in that language and the English phrases, and the export says
//! so in a warning ([`missing_phrases_warning`]): refusing would block a
//! legitimate release over a few fixed words, while silence would let an
//! English "FOR IMMEDIATE RELEASE" go out unnoticed.

/// The phrases of one language.
#[derive(Debug, Clone)]
pub struct Labels {
    pub contact_heading: &'static str,
    /// Printed before the embargo time: "EMBARGOED UNTIL 09:00 (…), 4 June 2026".
    pub embargoed_until: &'static str,
    pub immediate: &'static str,
    pub about: &'static str,
    pub notes_to_editors: &'static str,
    pub draft_mark: &'static str,
    pub not_for_distribution: &'static str,
    /// The footer reads "{page} N {of} M"; languages that write "1 / 3"
    /// leave `page` empty.
    pub page: &'static str,
    pub of: &'static str,
    /// The comma between dateline place and date, and between contact fields.
    pub comma: &'static str,
    /// The usual type labels, in the order of [`TYPE_LABEL_MEANINGS`].
    pub type_labels: [&'static str; 4],
}

/// What each entry of [`Labels::type_labels`] means, in English.
pub const TYPE_LABEL_MEANINGS: [&str; 4] = [
    "press release",
    "media advisory",
    "statement",
    "note to correspondents",
];

const EN: Labels = Labels {
    contact_heading: "For more information, please contact:",
    embargoed_until: "EMBARGOED UNTIL",
    immediate: "FOR IMMEDIATE RELEASE",
    about: "About",
    notes_to_editors: "Notes to editors",
    draft_mark: "DRAFT",
    not_for_distribution: "not for distribution",
    page: "Page",
    of: "of",
    comma: ", ",
    type_labels: [
        "PRESS RELEASE",
        "MEDIA ADVISORY",
        "STATEMENT",
        "NOTE TO CORRESPONDENTS",
    ],
};

const FR: Labels = Labels {
    contact_heading: "Pour plus d’informations, veuillez contacter :",
    embargoed_until: "SOUS EMBARGO JUSQU’AU",
    immediate: "POUR DIFFUSION IMMÉDIATE",
    about: "À propos",
    notes_to_editors: "Notes aux rédactions",
    draft_mark: "PROJET",
    not_for_distribution: "ne pas diffuser",
    page: "Page",
    of: "sur",
    comma: ", ",
    type_labels: [
        "COMMUNIQUÉ DE PRESSE",
        "AVIS AUX MÉDIAS",
        "DÉCLARATION",
        "NOTE AUX CORRESPONDANTS",
    ],
};

const ES: Labels = Labels {
    contact_heading: "Para más información, póngase en contacto con:",
    embargoed_until: "EMBARGADO HASTA",
    immediate: "PARA DIFUSIÓN INMEDIATA",
    about: "Información de referencia",
    notes_to_editors: "Notas para los editores",
    draft_mark: "BORRADOR",
    not_for_distribution: "no distribuir",
    page: "Página",
    of: "de",
    comma: ", ",
    type_labels: [
        "COMUNICADO DE PRENSA",
        "AVISO A LOS MEDIOS",
        "DECLARACIÓN",
        "NOTA PARA LOS CORRESPONSALES",
    ],
};

const RU: Labels = Labels {
    contact_heading: "Для получения дополнительной информации обращайтесь:",
    embargoed_until: "ЭМБАРГО ДО",
    immediate: "ДЛЯ НЕМЕДЛЕННОГО РАСПРОСТРАНЕНИЯ",
    about: "Справочная информация",
    notes_to_editors: "Примечания для редакторов",
    draft_mark: "ПРОЕКТ",
    not_for_distribution: "не для распространения",
    page: "Страница",
    of: "из",
    comma: ", ",
    type_labels: [
        "ПРЕСС-РЕЛИЗ",
        "СООБЩЕНИЕ ДЛЯ СМИ",
        "ЗАЯВЛЕНИЕ",
        "ЗАПИСКА ДЛЯ КОРРЕСПОНДЕНТОВ",
    ],
};

const AR: Labels = Labels {
    contact_heading: "لمزيد من المعلومات، يرجى الاتصال بـ:",
    embargoed_until: "يحظر النشر حتى",
    immediate: "للنشر الفوري",
    about: "معلومات أساسية",
    notes_to_editors: "ملاحظات للمحررين",
    draft_mark: "مسودة",
    not_for_distribution: "ليست للتوزيع",
    page: "صفحة",
    of: "من",
    comma: "، ",
    type_labels: [
        "بيان صحفي",
        "إشعار لوسائل الإعلام",
        "بيان",
        "مذكرة إلى المراسلين",
    ],
};

const ZH: Labels = Labels {
    contact_heading: "欲了解更多信息，请联系：",
    embargoed_until: "禁止发布，直至",
    immediate: "即时发布",
    about: "背景信息",
    notes_to_editors: "编者按",
    draft_mark: "草稿",
    not_for_distribution: "不得分发",
    page: "",
    of: "/",
    comma: "，",
    type_labels: ["新闻稿", "媒体通告", "声明", "致记者的说明"],
};

const DE: Labels = Labels {
    contact_heading: "Für weitere Informationen wenden Sie sich bitte an:",
    embargoed_until: "SPERRFRIST BIS",
    immediate: "ZUR SOFORTIGEN VERÖFFENTLICHUNG",
    about: "Über uns",
    notes_to_editors: "Hinweise für die Redaktion",
    draft_mark: "ENTWURF",
    not_for_distribution: "nicht zur Weitergabe",
    page: "Seite",
    of: "von",
    comma: ", ",
    type_labels: [
        "PRESSEMITTEILUNG",
        "MEDIENHINWEIS",
        "ERKLÄRUNG",
        "HINWEIS FÜR KORRESPONDENTEN",
    ],
};

const IT: Labels = Labels {
    contact_heading: "Per ulteriori informazioni, contattare:",
    embargoed_until: "SOTTO EMBARGO FINO ALLE",
    immediate: "PER DIFFUSIONE IMMEDIATA",
    about: "Chi siamo",
    notes_to_editors: "Note per la redazione",
    draft_mark: "BOZZA",
    not_for_distribution: "non diffondere",
    page: "Pagina",
    of: "di",
    comma: ", ",
    type_labels: [
        "COMUNICATO STAMPA",
        "AVVISO AI MEDIA",
        "DICHIARAZIONE",
        "NOTA PER I CORRISPONDENTI",
    ],
};

/// Written to read correctly in both European and Brazilian Portuguese
/// (hence "Para mais informações:" rather than "contacte"/"entre em contato").
const PT: Labels = Labels {
    contact_heading: "Para mais informações:",
    embargoed_until: "SOB EMBARGO ATÉ",
    immediate: "PARA DIVULGAÇÃO IMEDIATA",
    about: "Sobre nós",
    notes_to_editors: "Notas aos editores",
    draft_mark: "RASCUNHO",
    not_for_distribution: "não divulgar",
    page: "Página",
    of: "de",
    comma: ", ",
    type_labels: [
        "COMUNICADO DE IMPRENSA",
        "AVISO À IMPRENSA",
        "DECLARAÇÃO",
        "NOTA AOS CORRESPONDENTES",
    ],
};

const JA: Labels = Labels {
    contact_heading: "本件に関するお問い合わせ先：",
    embargoed_until: "報道解禁日時",
    immediate: "即時発表",
    about: "組織概要",
    notes_to_editors: "編集者への注記",
    draft_mark: "草案",
    not_for_distribution: "配布禁止",
    page: "",
    of: "/",
    comma: "、",
    type_labels: ["プレスリリース", "取材案内", "声明", "記者向けお知らせ"],
};

const KO: Labels = Labels {
    contact_heading: "문의처:",
    embargoed_until: "엠바고 해제",
    immediate: "즉시 보도 가능",
    about: "기관 소개",
    notes_to_editors: "편집자 참고사항",
    draft_mark: "초안",
    not_for_distribution: "배포 금지",
    page: "",
    of: "/",
    comma: ", ",
    type_labels: ["보도자료", "취재 안내", "성명", "기자 참고사항"],
};

const SW: Labels = Labels {
    contact_heading: "Kwa maelezo zaidi, tafadhali wasiliana na:",
    embargoed_until: "ISICHAPISHWE HADI",
    immediate: "KWA KUTOLEWA MARA MOJA",
    about: "Kuhusu sisi",
    notes_to_editors: "Maelezo kwa wahariri",
    draft_mark: "RASIMU",
    not_for_distribution: "isisambazwe",
    page: "Ukurasa",
    of: "kati ya",
    comma: ", ",
    type_labels: [
        "TAARIFA KWA VYOMBO VYA HABARI",
        "TANGAZO KWA VYOMBO VYA HABARI",
        "TAMKO",
        "TAARIFA KWA WAANDISHI WA HABARI",
    ],
};

const TR: Labels = Labels {
    contact_heading: "Daha fazla bilgi için:",
    embargoed_until: "YAYIN AMBARGOSU:",
    immediate: "HEMEN YAYIMLANABİLİR",
    about: "Hakkımızda",
    notes_to_editors: "Editörlere notlar",
    draft_mark: "TASLAK",
    not_for_distribution: "dağıtım için değildir",
    page: "Sayfa",
    of: "/",
    comma: ", ",
    type_labels: [
        "BASIN BÜLTENİ",
        "BASIN DUYURUSU",
        "AÇIKLAMA",
        "MUHABİRLERE NOT",
    ],
};

const UK: Labels = Labels {
    contact_heading: "Для отримання додаткової інформації звертайтеся:",
    embargoed_until: "ЕМБАРГО ДО",
    immediate: "ДЛЯ НЕГАЙНОГО ПОШИРЕННЯ",
    about: "Довідкова інформація",
    notes_to_editors: "Примітки для редакторів",
    draft_mark: "ПРОЄКТ",
    not_for_distribution: "не для поширення",
    page: "Сторінка",
    of: "з",
    comma: ", ",
    type_labels: [
        "ПРЕС-РЕЛІЗ",
        "ПОВІДОМЛЕННЯ ДЛЯ ЗМІ",
        "ЗАЯВА",
        "ЗАПИСКА ДЛЯ КОРЕСПОНДЕНТІВ",
    ],
};

const HE: Labels = Labels {
    contact_heading: "לפרטים נוספים נא לפנות אל:",
    embargoed_until: "אמברגו עד",
    immediate: "לפרסום מיידי",
    about: "אודות",
    notes_to_editors: "הערות לעורכים",
    draft_mark: "טיוטה",
    not_for_distribution: "לא להפצה",
    page: "עמוד",
    of: "מתוך",
    comma: ", ",
    type_labels: ["הודעה לעיתונות", "הזמנה לתקשורת", "הצהרה", "הודעה לכתבים"],
};

const FA: Labels = Labels {
    contact_heading: "برای اطلاعات بیشتر تماس بگیرید با:",
    embargoed_until: "انتشار ممنوع تا",
    immediate: "برای انتشار فوری",
    about: "دربارهٔ ما",
    notes_to_editors: "یادداشت برای سردبیران",
    draft_mark: "پیش‌نویس",
    not_for_distribution: "برای توزیع نیست",
    page: "صفحه",
    of: "از",
    comma: "، ",
    type_labels: [
        "بیانیهٔ مطبوعاتی",
        "اطلاعیهٔ رسانه‌ای",
        "بیانیه",
        "یادداشت برای خبرنگاران",
    ],
};

const UR: Labels = Labels {
    contact_heading: "مزید معلومات کے لیے رابطہ کریں:",
    embargoed_until: "اشاعت پر پابندی تا",
    immediate: "فوری اشاعت کے لیے",
    about: "ہمارے بارے میں",
    notes_to_editors: "مدیران کے لیے نوٹ",
    draft_mark: "مسودہ",
    not_for_distribution: "تقسیم کے لیے نہیں",
    page: "صفحہ",
    of: "از",
    comma: "، ",
    type_labels: [
        "پریس ریلیز",
        "میڈیا ایڈوائزری",
        "بیان",
        "نامہ نگاروں کے لیے نوٹ",
    ],
};

/// Every language with house phrases, by primary language subtag.
pub const PHRASES: [(&str, &Labels); 17] = [
    ("en", &EN),
    ("fr", &FR),
    ("es", &ES),
    ("ru", &RU),
    ("ar", &AR),
    ("zh", &ZH),
    ("de", &DE),
    ("it", &IT),
    ("pt", &PT),
    ("ja", &JA),
    ("ko", &KO),
    ("sw", &SW),
    ("tr", &TR),
    ("uk", &UK),
    ("he", &HE),
    ("fa", &FA),
    ("ur", &UR),
];

/// The language tags the editor offers, with their names in that language.
/// Every one has phrases (tested); other valid tags may still be typed.
pub const OFFERED: [(&str, &str); 20] = [
    ("en", "English"),
    ("en-GB", "English (UK)"),
    ("en-US", "English (US)"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ru", "Русский"),
    ("ar", "العربية"),
    ("zh", "中文"),
    ("zh-Hans", "中文（简体）"),
    ("de", "Deutsch"),
    ("it", "Italiano"),
    ("pt", "Português"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("sw", "Kiswahili"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("he", "עברית"),
    ("fa", "فارسی"),
    ("ur", "اردو"),
];

/// The primary language subtag of a BCP 47 tag, lower-cased: "pt-BR" → "pt".
pub fn primary_subtag(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The phrases of a language, if Dateline has them.
pub fn phrases(tag: &str) -> Option<&'static Labels> {
    let primary = primary_subtag(tag);
    PHRASES.iter().find(|(p, _)| *p == primary).map(|(_, l)| *l)
}

/// The labels for a BCP 47 tag, by its primary language subtag; English for
/// a language without phrases (see [`missing_phrases_warning`]).
pub fn for_language(tag: &str) -> &'static Labels {
    phrases(tag).unwrap_or(&EN)
}

/// What the officer is told when a release's language has no phrases.
pub fn missing_phrases_warning(tag: &str) -> Option<String> {
    if phrases(tag).is_some() {
        return None;
    }
    let have: Vec<&str> = PHRASES.iter().map(|(p, _)| *p).collect();
    Some(format!(
        "Dateline has no house phrases for the language \"{}\", so this export prints them in English (\"{}\", \"{}\"). Languages with phrases: {}.",
        tag.trim(),
        EN.immediate,
        EN.contact_heading,
        have.join(", ")
    ))
}

/// A warning when the type label is one of the usual labels of another
/// language, e.g. "PRESS RELEASE" on a German release, naming the label of
/// the release's own language.
pub fn type_label_warning(type_label: &str, tag: &str) -> Option<String> {
    let own = phrases(tag)?;
    let label = type_label.trim();
    if own.type_labels.contains(&label) {
        return None;
    }
    let i = PHRASES
        .iter()
        .find_map(|(_, l)| l.type_labels.iter().position(|t| *t == label))?;
    Some(format!(
        "The type label \"{label}\" is in another language than the release; in this language it is \"{}\".",
        own.type_labels[i]
    ))
}

/// Script direction and font family class of a language, for exporters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    RightToLeft,
    EastAsian,
}

/// Primary language subtags written right to left. The exporters read it
/// through [`script_of`]; `tests/bindings.rs` generates the editor's copy, so
/// the fields run in the same direction as the Word and HTML files.
pub const RIGHT_TO_LEFT: [&str; 11] = [
    "ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug",
];

pub fn script_of(tag: &str) -> Script {
    let primary = primary_subtag(tag);
    if RIGHT_TO_LEFT.contains(&primary.as_str()) {
        return Script::RightToLeft;
    }
    match primary.as_str() {
        "zh" | "ja" | "ko" => Script::EastAsian,
        _ => Script::Latin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates;

    #[test]
    fn every_offered_language_has_every_phrase() {
        for (tag, name) in OFFERED {
            let l = phrases(tag).unwrap_or_else(|| panic!("{tag} ({name}) has no phrases"));
            let required = [
                l.contact_heading,
                l.embargoed_until,
                l.immediate,
                l.about,
                l.notes_to_editors,
                l.draft_mark,
                l.not_for_distribution,
                l.of,
                l.comma,
            ];
            assert!(required.iter().all(|p| !p.trim().is_empty()), "{tag}");
            for (i, t) in l.type_labels.iter().enumerate() {
                assert!(!t.trim().is_empty(), "{tag}: type label {i}");
                assert_eq!(
                    l.type_labels.iter().filter(|u| u == &t).count(),
                    1,
                    "{tag}: {t} twice"
                );
            }
        }
    }

    #[test]
    fn every_offered_language_has_its_dates_too() {
        // CLDR through ICU4X, compiled in: a language without data would
        // fall back to the root locale ("2026 M06 4").
        let want = [
            ("en", "4 June 2026"),
            ("en-GB", "4 June 2026"),
            ("en-US", "June 4, 2026"),
            ("fr", "4 juin 2026"),
            ("es", "4 de junio de 2026"),
            ("ru", "4 июня 2026\u{202f}г."),
            ("ar", "4 يونيو 2026"),
            ("zh", "2026年6月4日"),
            ("zh-Hans", "2026年6月4日"),
            ("de", "4. Juni 2026"),
            ("it", "4 giugno 2026"),
            ("pt", "4 de junho de 2026"),
            ("ja", "2026年6月4日"),
            ("ko", "2026년 6월 4일"),
            ("sw", "4 Juni 2026"),
            ("tr", "4 Haziran 2026"),
            ("uk", "4 червня 2026\u{202f}р."),
            ("he", "4 ביוני 2026"),
            ("fa", "۴ ژوئن ۲۰۲۶"),
            ("ur", "4 جون، 2026"),
        ];
        let offered: Vec<&str> = OFFERED.iter().map(|(t, _)| *t).collect();
        assert_eq!(offered, want.map(|(t, _)| t));
        for (tag, date) in want {
            let d = dates::long_date(dates::parse_iso_date("2026-06-04").unwrap(), tag).unwrap();
            assert_eq!(d, date, "{tag}");
        }
    }

    #[test]
    fn phrases_follow_the_primary_subtag_and_english_is_the_named_fallback() {
        assert_eq!(for_language("de-CH").immediate, DE.immediate);
        assert_eq!(for_language("pt_BR").draft_mark, "RASCUNHO");
        assert_eq!(for_language("th").immediate, EN.immediate);
        assert!(missing_phrases_warning("de").is_none());
        let w = missing_phrases_warning("th").unwrap();
        assert!(
            w.contains("\"th\"") && w.contains("FOR IMMEDIATE RELEASE"),
            "{w}"
        );
    }

    #[test]
    fn type_labels_of_another_language_are_pointed_out() {
        let w = type_label_warning("PRESS RELEASE", "de").unwrap();
        assert!(w.contains("PRESSEMITTEILUNG"), "{w}");
        assert_eq!(type_label_warning("PRESSEMITTEILUNG", "de"), None);
        assert_eq!(type_label_warning("Joint communiqué", "de"), None);
        assert_eq!(type_label_warning("PRESS RELEASE", "th"), None);
    }
}
