// Generated from crates/dateline-core/src/labels.rs by `make bindings`. Do not edit.

/** The language tags the editor offers, with their names; each has house phrases in the core. */
export const LANGUAGES: { tag: string; name: string }[] = [
  { tag: "en", name: "English" },
  { tag: "en-GB", name: "English (UK)" },
  { tag: "en-US", name: "English (US)" },
  { tag: "fr", name: "Français" },
  { tag: "es", name: "Español" },
  { tag: "ru", name: "Русский" },
  { tag: "ar", name: "العربية" },
  { tag: "zh", name: "中文" },
  { tag: "zh-Hans", name: "中文（简体）" },
  { tag: "de", name: "Deutsch" },
  { tag: "it", name: "Italiano" },
  { tag: "pt", name: "Português" },
  { tag: "ja", name: "日本語" },
  { tag: "ko", name: "한국어" },
  { tag: "sw", name: "Kiswahili" },
  { tag: "tr", name: "Türkçe" },
  { tag: "uk", name: "Українська" },
  { tag: "he", name: "עברית" },
  { tag: "fa", name: "فارسی" },
  { tag: "ur", name: "اردو" },
];

/** The usual type labels by primary language subtag, in the same order in every language (press release, media advisory, statement, note to correspondents). */
export const TYPE_LABELS: Record<string, string[]> = {
  "en": ["PRESS RELEASE", "MEDIA ADVISORY", "STATEMENT", "NOTE TO CORRESPONDENTS"],
  "fr": ["COMMUNIQUÉ DE PRESSE", "AVIS AUX MÉDIAS", "DÉCLARATION", "NOTE AUX CORRESPONDANTS"],
  "es": ["COMUNICADO DE PRENSA", "AVISO A LOS MEDIOS", "DECLARACIÓN", "NOTA PARA LOS CORRESPONSALES"],
  "ru": ["ПРЕСС-РЕЛИЗ", "СООБЩЕНИЕ ДЛЯ СМИ", "ЗАЯВЛЕНИЕ", "ЗАПИСКА ДЛЯ КОРРЕСПОНДЕНТОВ"],
  "ar": ["بيان صحفي", "إشعار لوسائل الإعلام", "بيان", "مذكرة إلى المراسلين"],
  "zh": ["新闻稿", "媒体通告", "声明", "致记者的说明"],
  "de": ["PRESSEMITTEILUNG", "MEDIENHINWEIS", "ERKLÄRUNG", "HINWEIS FÜR KORRESPONDENTEN"],
  "it": ["COMUNICATO STAMPA", "AVVISO AI MEDIA", "DICHIARAZIONE", "NOTA PER I CORRISPONDENTI"],
  "pt": ["COMUNICADO DE IMPRENSA", "AVISO À IMPRENSA", "DECLARAÇÃO", "NOTA AOS CORRESPONDENTES"],
  "ja": ["プレスリリース", "取材案内", "声明", "記者向けお知らせ"],
  "ko": ["보도자료", "취재 안내", "성명", "기자 참고사항"],
  "sw": ["TAARIFA KWA VYOMBO VYA HABARI", "TANGAZO KWA VYOMBO VYA HABARI", "TAMKO", "TAARIFA KWA WAANDISHI WA HABARI"],
  "tr": ["BASIN BÜLTENİ", "BASIN DUYURUSU", "AÇIKLAMA", "MUHABİRLERE NOT"],
  "uk": ["ПРЕС-РЕЛІЗ", "ПОВІДОМЛЕННЯ ДЛЯ ЗМІ", "ЗАЯВА", "ЗАПИСКА ДЛЯ КОРЕСПОНДЕНТІВ"],
  "he": ["הודעה לעיתונות", "הזמנה לתקשורת", "הצהרה", "הודעה לכתבים"],
  "fa": ["بیانیهٔ مطبوعاتی", "اطلاعیهٔ رسانه‌ای", "بیانیه", "یادداشت برای خبرنگاران"],
  "ur": ["پریس ریلیز", "میڈیا ایڈوائزری", "بیان", "نامہ نگاروں کے لیے نوٹ"],
};

/** Primary language subtags written right to left: the editor's fields run in that direction, as the exports do. */
export const RIGHT_TO_LEFT: string[] = ["ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"];
