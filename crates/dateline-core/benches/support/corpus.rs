//! Deterministic generator of realistic, varied press releases for the
//! performance benchmarks (shared by `examples/gen_db.rs` and the benches via
//! `#[path]`). No dependency beyond dateline-core: a SplitMix64 generator
//! seeded per release, so release `i` is the same on every run and machine.
//!
//! Mix: ~68% English, 9% French, 8% Russian, 8% Arabic, 7% Chinese; dateline
//! dates 2019-01 .. 2026-06; every status; 10% embargoed; bodies of 2..14
//! paragraphs (1 in 50 has 40..80), a third with a bullet list, one or two
//! contacts, "About" boilerplate, notes to editors on some.

#![allow(dead_code)]

/// The representative searches timed by the benches and bench/run: a person
/// quoted in bodies, a word, a city, Chinese of four and two characters, and
/// the first letter typed in the search box.
pub const QUERIES: [(&str, &str); 7] = [
    ("person", "Aigerim Sadykova"),
    ("word", "wetland"),
    ("city", "Bishkek"),
    ("zh4", "湿地保护"),
    ("zh2", "湿地"),
    ("prefix1", "g"),
    ("prefix2", "we"),
];

use dateline_core::model::*;

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// A v4-shaped UUID derived from the generator (deterministic).
pub fn uuid(rng: &mut Rng) -> String {
    let a = rng.next();
    let b = rng.next();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        8 + (b >> 62),
        (b >> 48) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}

struct Lang {
    tag: &'static [&'static str],
    type_labels: &'static [&'static str],
    orgs: &'static [&'static str],
    cities: &'static [&'static str],
    people: &'static [&'static str],
    titles: &'static [&'static str],
    /// Headline templates: {org} {city} {topic} {person}.
    headlines: &'static [&'static str],
    topics: &'static [&'static str],
    /// Sentence templates for body paragraphs.
    sentences: &'static [&'static str],
    /// Quote templates: {person} {title} {org} {topic}.
    quotes: &'static [&'static str],
    bullets: &'static [&'static str],
    about: &'static str,
    notes: &'static [&'static str],
}

const EN: Lang = Lang {
    tag: &["en", "en-GB", "en-US"],
    type_labels: &["PRESS RELEASE", "PRESS RELEASE", "PRESS RELEASE", "MEDIA ADVISORY", "STATEMENT", "NOTE TO CORRESPONDENTS"],
    orgs: &[
        "Lakeshore Authority", "Northern Rivers Commission", "Highland Health Agency", "Coastal Resilience Fund",
        "Valley Transport Board", "Regional Food Security Office", "Mountain Schools Trust", "Green Corridor Initiative",
        "Port District Council", "National Seismic Institute", "Clean Air Partnership", "Open Data Office",
        "Refugee Support Network", "Women in Science Forum", "Digital Skills Alliance", "Water Utilities Association",
    ],
    cities: &[
        "Geneva", "Bishkek", "Nairobi", "Almaty", "Karakol", "Osh", "Vienna", "Tbilisi", "Dushanbe", "Addis Ababa",
        "Dakar", "Bangkok", "Manila", "Lima", "Quito", "Montreal", "Copenhagen", "Lisbon", "Accra", "Kathmandu",
        "Ulaanbaatar", "Samarkand", "Yerevan", "Chisinau", "Tirana", "Sarajevo", "Amman", "Beirut", "Tunis", "Windhoek",
    ],
    people: &[
        "Aigerim Sadykova", "Jonas Lindqvist", "Maria Fernanda Rojas", "Kwame Mensah", "Priya Raman", "Elena Petrova",
        "Tomasz Nowak", "Fatima Al-Hassan", "Li Wei", "Amara Okafor", "Sven Hedlund", "Nadia Boukhari",
        "Carlos Mendoza", "Yuki Tanaka", "Olga Ivanenko", "Samuel Kiprono", "Hannah Weber", "Rustam Nazarov",
        "Grace Achieng", "Mateo Silva", "Ingrid Solberg", "Arjun Mehta", "Leila Haddad", "Daniel Osei",
    ],
    titles: &["Director", "Executive Director", "Chair", "Head of Programmes", "Chief Scientist", "Minister", "Spokesperson", "Country Representative"],
    headlines: &[
        "{org} launches {topic} in {city}",
        "{org} opens new {topic} programme",
        "{city} to host regional summit on {topic}",
        "{person} appointed to lead {org}",
        "New report from {org} warns on {topic}",
        "{org} and partners sign agreement on {topic}",
        "{org} statement on {topic} in {city}",
        "Record funding for {topic} announced in {city}",
        "{org} welcomes progress on {topic}",
        "Media advisory: {person} to visit {city}",
        "{org} publishes annual review of {topic}",
        "Emergency appeal for {topic} after floods near {city}",
    ],
    topics: &[
        "flood early warning", "clean drinking water", "rural broadband", "glacier monitoring", "school meals",
        "maternal health", "electric buses", "wetland restoration", "wildfire prevention", "vaccine cold chains",
        "open budget data", "youth employment", "urban air quality", "drought insurance", "solar mini-grids",
        "seismic safety in schools", "refugee education", "coastal erosion", "food waste", "digital literacy",
    ],
    sentences: &[
        "{org} today announced a five-year plan to expand {topic} across the region, starting in {city}.",
        "The programme will reach an estimated {n} households by the end of next year.",
        "Funding of {n} million comes from a coalition of public and private partners.",
        "Independent evaluators found that earlier pilots cut costs by {n} per cent.",
        "Local authorities in {city} will coordinate the work with community groups and universities.",
        "The announcement follows two years of consultation with residents, engineers and health workers.",
        "A public dashboard will report progress every quarter, with data published under an open licence.",
        "Training sessions for {n} technicians begin next month in {city} and three neighbouring districts.",
        "The plan responds to the findings of last year's assessment on {topic}.",
        "Officials stressed that the measures complement, rather than replace, existing national programmes.",
        "Partners include municipal utilities, two regional universities and several civil society organisations.",
        "The first phase focuses on the most exposed communities, identified through satellite mapping.",
        "Results from the pilot in {city} will be presented at the annual conference in the autumn.",
        "Journalists are invited to attend the briefing, which will be streamed online.",
    ],
    quotes: &[
        "“This is a turning point for {topic},” said {person}, {title} of {org}. “Every community deserves the same protection.”",
        "“We listened to the people of {city}, and this plan is the result,” said {person}, {title} of {org}.",
        "{person}, {title} of {org}, said: “The evidence is clear. Investing in {topic} saves lives and money.”",
        "“Our partners have shown what is possible when we work together,” said {person}.",
    ],
    bullets: &[
        "{n} new monitoring stations", "free training for local staff", "an open data portal", "quarterly public reports",
        "a helpline in three languages", "grants for small municipalities", "independent audits every year",
    ],
    about: "{org} is a public body that works with governments, communities and partners to improve {topic}. It was founded in 1998 and has offices in {city} and eleven other cities.\n\nFor more information, visit the website or follow us on social media.",
    notes: &[
        "Photos and b-roll are available on request.",
        "Interviews with {person} can be arranged in English and French.",
        "The full report is embargoed until the date above.",
    ],
};

const FR: Lang = Lang {
    tag: &["fr", "fr-CH", "fr-FR"],
    type_labels: &["COMMUNIQUÉ DE PRESSE", "COMMUNIQUÉ DE PRESSE", "AVIS AUX MÉDIAS", "DÉCLARATION"],
    orgs: &["Autorité du Lac", "Commission des Rivières du Nord", "Agence régionale de santé", "Fonds pour la résilience côtière", "Office de la sécurité alimentaire"],
    cities: &["Genève", "Lausanne", "Montréal", "Dakar", "Lyon", "Bruxelles", "Abidjan", "Québec", "Neuchâtel", "Rabat"],
    people: &["Élodie Marchand", "François Lefèvre", "Aïssatou Diallo", "Jérôme Caron", "Hélène Rousseau", "Mathieu Girard", "Amélie Dubois"],
    titles: &["directrice", "directeur", "présidente", "porte-parole", "responsable des programmes"],
    headlines: &[
        "{org} lance un programme de {topic} à {city}",
        "{city} accueille le sommet régional sur {topic}",
        "{person} nommée à la tête de {org}",
        "Nouveau rapport de {org} sur {topic}",
        "Déclaration de {org} sur {topic}",
    ],
    topics: &["l'alerte précoce aux crues", "l'eau potable", "la qualité de l'air", "la restauration des zones humides", "la santé maternelle", "l'emploi des jeunes", "la prévention des incendies"],
    sentences: &[
        "{org} a annoncé aujourd'hui un plan quinquennal consacré à {topic}, qui débutera à {city}.",
        "Le programme devrait bénéficier à {n} ménages d'ici la fin de l'année prochaine.",
        "Le financement de {n} millions provient d'une coalition de partenaires publics et privés.",
        "Les autorités locales de {city} coordonneront les travaux avec les associations et les universités.",
        "Un tableau de bord public rendra compte des progrès chaque trimestre.",
        "Les résultats du projet pilote seront présentés lors de la conférence annuelle à l'automne.",
        "Les journalistes sont invités à assister à la séance d'information, retransmise en ligne.",
    ],
    quotes: &[
        "« C'est un tournant pour {topic} », a déclaré {person}, {title} de {org}.",
        "« Nous avons écouté les habitants de {city} », a souligné {person}.",
    ],
    bullets: &["{n} nouvelles stations de mesure", "une formation gratuite du personnel local", "un portail de données ouvertes", "des rapports publics trimestriels"],
    about: "{org} est un organisme public qui œuvre avec les gouvernements et les communautés en faveur de {topic}. Ses bureaux sont situés à {city}.",
    notes: &["Des photos sont disponibles sur demande.", "Des entretiens avec {person} peuvent être organisés en français et en anglais."],
};

const RU: Lang = Lang {
    tag: &["ru"],
    type_labels: &["ПРЕСС-РЕЛИЗ", "ПРЕСС-РЕЛИЗ", "ЗАЯВЛЕНИЕ", "МЕДИА-АНОНС"],
    orgs: &["Управление водных ресурсов", "Комиссия по северным рекам", "Региональное агентство здравоохранения", "Фонд устойчивого развития", "Институт сейсмологии"],
    cities: &["Бишкек", "Алматы", "Москва", "Ташкент", "Душанбе", "Новосибирск", "Каракол", "Ош", "Казань"],
    people: &["Айгерим Садыкова", "Иван Петров", "Ольга Смирнова", "Рустам Назаров", "Елена Кузнецова", "Дмитрий Орлов", "Гульнара Исмаилова"],
    titles: &["директор", "председатель", "пресс-секретарь", "руководитель программ"],
    headlines: &[
        "{org} запускает программу по теме «{topic}» в городе {city}",
        "В городе {city} пройдёт региональный саммит: {topic}",
        "{person} назначена руководителем: {org}",
        "Новый доклад: {topic}",
        "Заявление: {org} о ситуации в городе {city}",
    ],
    topics: &["раннее предупреждение о паводках", "чистая питьевая вода", "качество воздуха", "мониторинг ледников", "школьное питание", "сейсмическая безопасность школ"],
    sentences: &[
        "{org} сегодня объявило о пятилетнем плане, который начнётся в городе {city}.",
        "Программа охватит около {n} домохозяйств к концу следующего года.",
        "Финансирование в размере {n} миллионов предоставлено коалицией партнёров.",
        "Местные власти города {city} будут координировать работу с общественными организациями.",
        "Ежеквартальные отчёты о ходе работы будут опубликованы в открытом доступе.",
        "Журналисты приглашены на брифинг, который будет транслироваться онлайн.",
    ],
    quotes: &[
        "«Это поворотный момент», — заявила {person}, {title}, {org}.",
        "«Мы выслушали жителей города {city}», — подчеркнул(а) {person}.",
    ],
    bullets: &["{n} новых станций мониторинга", "бесплатное обучение персонала", "портал открытых данных"],
    about: "{org} — государственная организация, работающая с правительствами и сообществами. Офис находится в городе {city}.",
    notes: &["Фотографии предоставляются по запросу.", "Интервью с {person} возможны на русском и английском языках."],
};

const AR: Lang = Lang {
    tag: &["ar"],
    type_labels: &["بيان صحفي", "بيان صحفي", "إشعار إعلامي", "تصريح"],
    orgs: &[
        "هيئة البحيرة",
        "لجنة الأنهار الشمالية",
        "الوكالة الإقليمية للصحة",
        "صندوق الصمود الساحلي",
        "مكتب الأمن الغذائي",
    ],
    cities: &[
        "عمّان",
        "بيروت",
        "تونس",
        "القاهرة",
        "الرباط",
        "الدوحة",
        "مسقط",
        "الجزائر",
    ],
    people: &[
        "فاطمة الحسن",
        "ليلى حداد",
        "عمر الخطيب",
        "نادية بوخاري",
        "يوسف المنصوري",
        "سلمى العلي",
    ],
    titles: &[
        "المديرة التنفيذية",
        "المدير العام",
        "المتحدث الرسمي",
        "رئيسة البرامج",
    ],
    headlines: &[
        "{org} تطلق برنامجاً جديداً بشأن {topic} في {city}",
        "{city} تستضيف قمة إقليمية حول {topic}",
        "تعيين {person} على رأس {org}",
        "تقرير جديد من {org} حول {topic}",
    ],
    topics: &[
        "الإنذار المبكر بالفيضانات",
        "مياه الشرب النظيفة",
        "جودة الهواء",
        "صحة الأمهات",
        "تشغيل الشباب",
        "الوجبات المدرسية",
    ],
    sentences: &[
        "أعلنت {org} اليوم عن خطة خمسية بشأن {topic} تبدأ في {city}.",
        "ومن المتوقع أن يستفيد من البرنامج نحو {n} أسرة بحلول نهاية العام المقبل.",
        "ويأتي التمويل البالغ {n} مليون من تحالف من الشركاء العامين والخاصين.",
        "وستنسق السلطات المحلية في {city} العمل مع منظمات المجتمع المدني والجامعات.",
        "وستُنشر تقارير فصلية عن التقدم المحرز بشكل علني.",
    ],
    quotes: &[
        "وقالت {person}، {title} في {org}: «هذه نقطة تحول بالنسبة إلى {topic}».",
        "وأضاف {person}: «لقد استمعنا إلى سكان {city}».",
    ],
    bullets: &[
        "{n} محطة رصد جديدة",
        "تدريب مجاني للموظفين المحليين",
        "بوابة للبيانات المفتوحة",
    ],
    about:
        "{org} هيئة عامة تعمل مع الحكومات والمجتمعات المحلية من أجل {topic}. ويقع مقرها في {city}.",
    notes: &[
        "الصور متاحة عند الطلب.",
        "يمكن ترتيب مقابلات مع {person} باللغتين العربية والإنجليزية.",
    ],
};

const ZH: Lang = Lang {
    tag: &["zh", "zh-Hans"],
    type_labels: &["新闻稿", "新闻稿", "媒体通告", "声明"],
    orgs: &[
        "青川流域委员会",
        "北方河流委员会",
        "区域卫生署",
        "沿海韧性基金",
        "国家地震研究所",
    ],
    cities: &[
        "北京", "上海", "成都", "青川", "昆明", "西安", "杭州", "广州",
    ],
    people: &["林秀兰", "王明", "张伟", "李娜", "陈建国", "刘芳", "赵磊"],
    titles: &["主任", "主席", "新闻发言人", "项目负责人"],
    headlines: &[
        "{org}在{city}启动{topic}计划",
        "{city}将主办{topic}区域峰会",
        "{person}出任{org}负责人",
        "{org}发布{topic}年度报告",
    ],
    topics: &[
        "洪水预警",
        "饮用水安全",
        "湿地保护",
        "空气质量",
        "乡村宽带",
        "冰川监测",
        "学校营养餐",
    ],
    sentences: &[
        "{org}今天宣布了一项为期五年的{topic}计划，首先在{city}实施。",
        "预计到明年年底，该计划将惠及约{n}户家庭。",
        "{n}万元的资金来自公共和私营合作伙伴组成的联盟。",
        "{city}地方政府将与社区组织和大学共同协调这项工作。",
        "项目进展将按季度向公众公布。",
        "欢迎记者参加新闻发布会，发布会将进行网络直播。",
    ],
    quotes: &[
        "{org}{title}{person}表示：“这是{topic}工作的转折点。”",
        "{person}说：“我们听取了{city}居民的意见。”",
    ],
    bullets: &[
        "{n}个新监测站",
        "为当地工作人员提供免费培训",
        "开放数据门户",
    ],
    about: "{org}是一个公共机构，与政府和社区合作推进{topic}。总部位于{city}。",
    notes: &["如需照片，请联系新闻办公室。", "可安排对{person}的采访。"],
};

struct Ctx<'a> {
    org: &'a str,
    city: &'a str,
    person: &'a str,
    title: &'a str,
    topic: &'a str,
}

fn fill(rng: &mut Rng, t: &str, c: &Ctx) -> String {
    let n = rng.range(3, 950).to_string();
    t.replace("{org}", c.org)
        .replace("{city}", c.city)
        .replace("{person}", c.person)
        .replace("{title}", c.title)
        .replace("{topic}", c.topic)
        .replace("{n}", &n)
}

fn para(rng: &mut Rng, l: &Lang, c: &Ctx) -> Block {
    let k = rng.range(2, 5);
    let sep = if l.tag[0] == "zh" { "" } else { " " };
    let text: Vec<String> = (0..k)
        .map(|_| {
            let s = *rng.pick(l.sentences);
            fill(rng, s, c)
        })
        .collect();
    let text = text.join(sep);
    if rng.chance(15) {
        // Some emphasis and a link, as officers write them.
        let (a, b) = text.split_at(
            text.char_indices()
                .nth(text.chars().count() / 3)
                .map(|(i, _)| i)
                .unwrap_or(0),
        );
        Block::Paragraph {
            content: vec![
                Inline {
                    text: a.to_string(),
                    bold: true,
                    italic: false,
                    link: None,
                },
                Inline {
                    text: b.to_string(),
                    bold: false,
                    italic: false,
                    link: None,
                },
                Inline {
                    text: " https://example.org/news".into(),
                    bold: false,
                    italic: false,
                    link: Some("https://example.org/news".into()),
                },
            ],
        }
    } else {
        Block::paragraph(text)
    }
}

fn date(rng: &mut Rng) -> (String, u32, u32, u32) {
    let y = 2019 + rng.below(8) as u32;
    let m = if y == 2026 {
        1 + rng.below(6) as u32
    } else {
        1 + rng.below(12) as u32
    };
    let d = 1 + rng.below(28) as u32;
    (format!("{y:04}-{m:02}-{d:02}"), y, m, d)
}

/// Release number `i` of the generated corpus (deterministic).
pub fn release(i: u64) -> Release {
    let mut rng = Rng::new(i + 1);
    let l: &Lang = match rng.below(100) {
        0..=67 => &EN,
        68..=76 => &FR,
        77..=84 => &RU,
        85..=92 => &AR,
        _ => &ZH,
    };
    let c = Ctx {
        org: rng_pick_str(&mut rng, l.orgs),
        city: rng_pick_str(&mut rng, l.cities),
        person: rng_pick_str(&mut rng, l.people),
        title: rng_pick_str(&mut rng, l.titles),
        topic: rng_pick_str(&mut rng, l.topics),
    };
    let id = uuid(&mut rng);
    let (date, y, m, d) = date(&mut rng);
    let h = rng.below(24);
    let mi = rng.below(60);
    let created_at = format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:00Z");
    let lag = rng.below(10) as u32;
    let ud = (d + lag).min(28);
    let updated_at = format!(
        "{y:04}-{m:02}-{ud:02}T{:02}:{:02}:{:02}Z",
        rng.below(24),
        rng.below(60),
        rng.below(60)
    );

    let headline = fill(
        &mut rng,
        rng_pick_str(&mut Rng::new(i * 7 + 3), l.headlines),
        &c,
    );
    let paragraphs = if rng.chance(2) {
        rng.range(40, 80)
    } else {
        rng.range(2, 14)
    };
    let mut body = Vec::with_capacity(paragraphs + 2);
    for p in 0..paragraphs {
        body.push(para(&mut rng, l, &c));
        if p == 0 || (p == 2 && rng.chance(50)) {
            let q = *rng.pick(l.quotes);
            body.push(Block::paragraph(fill(&mut rng, q, &c)));
        }
        if p == 1 && rng.chance(33) {
            let items = (0..rng.range(2, 5))
                .map(|_| {
                    let b = *rng.pick(l.bullets);
                    ListItem {
                        content: vec![Inline::plain(fill(&mut rng, b, &c))],
                        children: vec![],
                    }
                })
                .collect();
            body.push(Block::BulletList { items });
        }
    }
    let mut contacts = vec![Contact {
        name: rng.pick(l.people).to_string(),
        title: rng.pick(l.titles).to_string(),
        organization: c.org.to_string(),
        email: format!("press{}@example.org", rng.below(40)),
        phone: format!("+99 {} 5555 {:04}", rng.range(10, 99), rng.below(10000)),
        url: String::new(),
    }];
    if rng.chance(40) {
        contacts.push(Contact {
            name: rng.pick(l.people).to_string(),
            ..Default::default()
        });
    }
    let about = fill(&mut rng, l.about, &c);
    let notes = if rng.chance(30) {
        (0..rng.range(1, 2))
            .map(|_| {
                let n = *rng.pick(l.notes);
                Block::paragraph(fill(&mut rng, n, &c))
            })
            .collect()
    } else {
        vec![]
    };
    let status = match rng.below(100) {
        0..=29 => Status::Draft,
        30..=44 => Status::InClearance,
        45..=57 => Status::Cleared,
        58..=94 => Status::Published,
        _ => Status::Withdrawn,
    };
    let timing = if rng.chance(10) {
        Timing::Embargoed {
            until: format!("{date}T{:02}:00", rng.range(6, 18)),
            time_zone: "Europe/Zurich".into(),
            offset: None,
        }
    } else {
        Timing::Immediate
    };
    let subheadline = if rng.chance(35) {
        fill(
            &mut rng,
            rng_pick_str(&mut Rng::new(i * 13 + 5), l.sentences),
            &c,
        )
    } else {
        String::new()
    };
    Release {
        id,
        type_label: rng.pick(l.type_labels).to_string(),
        reference: if rng.chance(60) {
            format!("PR/{y}/{:03}", rng.range(1, 400))
        } else {
            String::new()
        },
        language: rng.pick(l.tag).to_string(),
        timing,
        headline,
        subheadline,
        dateline: Dateline {
            city: c.city.to_string(),
            region: String::new(),
            date,
            wire_tag: String::new(),
        },
        body,
        contact_groups: vec![ContactGroup {
            heading: String::new(),
            contacts,
        }],
        about: vec![AboutSection {
            heading: String::new(),
            text: about,
        }],
        notes_to_editors: notes,
        translation_of: None,
        end_mark: *rng.pick(&[
            EndMark::Hashes,
            EndMark::Hashes,
            EndMark::Ends,
            EndMark::Stars,
        ]),
        house_style: "un".to_string(),
        status,
        version: 0,
        revision: 0,
        created_at,
        updated_at,
    }
}

fn rng_pick_str(rng: &mut Rng, xs: &'static [&'static str]) -> &'static str {
    xs[rng.below(xs.len())]
}

/// Adds generated releases until `store` holds `n` (a new store already holds
/// the welcome sample). Commits are made without fsync during generation only.
pub fn fill_store(store: &mut dateline_core::store::Store, n: u64) -> dateline_core::Result<()> {
    store
        .connection()
        .pragma_update(None, "synchronous", "OFF")?;
    let have = store.count()?;
    for i in 0..n.saturating_sub(have) {
        store.insert(&release(i))?;
    }
    store
        .connection()
        .pragma_update(None, "synchronous", "FULL")?;
    store
        .connection()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}
