//! The fixed words an export prints around the officer's text, per language.
//!
//! Dates come from ICU4X (see `dates`); these are the few phrases of the house
//! style ("For more information, please contact:", "EMBARGOED UNTIL"...).
//! Languages without an entry fall back to English.

/// The phrases of one language.
pub struct Labels {
    pub contact_heading: &'static str,
    pub embargoed_until: &'static str,
    pub immediate: &'static str,
    pub about: &'static str,
    pub notes_to_editors: &'static str,
    pub draft_mark: &'static str,
    pub not_for_distribution: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    /// The comma between dateline place and date, and between contact fields.
    pub comma: &'static str,
}

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
    ..EN
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
    ..EN
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
    ..EN
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
};

const ZH: Labels = Labels {
    contact_heading: "欲了解更多信息，请联系：",
    embargoed_until: "禁止发布，直至",
    immediate: "即时发布",
    about: "背景信息",
    notes_to_editors: "编者按",
    draft_mark: "草稿",
    not_for_distribution: "不得分发",
    page: "页",
    of: "/",
    comma: "，",
};

/// The labels for a BCP 47 tag, by its primary language subtag.
pub fn for_language(tag: &str) -> &'static Labels {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "fr" => &FR,
        "es" => &ES,
        "ru" => &RU,
        "ar" => &AR,
        "zh" => &ZH,
        _ => &EN,
    }
}

/// Script direction and font family class of a language, for exporters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    RightToLeft,
    EastAsian,
}

pub fn script_of(tag: &str) -> Script {
    let lower = tag.to_ascii_lowercase();
    let primary = lower.split(['-', '_']).next().unwrap_or("");
    match primary {
        "ar" | "he" | "iw" | "fa" | "ur" | "ps" | "yi" | "dv" | "ckb" | "sd" | "ug" => {
            Script::RightToLeft
        }
        "zh" | "ja" | "ko" => Script::EastAsian,
        _ => Script::Latin,
    }
}
