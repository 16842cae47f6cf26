//! The tray's texts: short chat messages, one plain-text document and the words on the
//! lettered pictures, written for the project, that contain real keyword combinations from
//! the Citizen Lab's published lists (or, for the benign ones, none).
//!
//! Each blocked message has a near-miss twin that lacks exactly one part of its
//! combination and so is delivered: the filter is all-parts-present, literal substring
//! matching (docs/sources.md §3.3), and the pairs let a class see that rule at work.
//! Combinations are written `+`-joined, as in the later Citizen Lab datasets.

/// A chat message of the tray.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChatText {
    pub id: &'static str,
    /// A short English label for the tray.
    pub title: &'static str,
    /// The message as sent.
    pub text: &'static str,
    /// An English gloss for the UI.
    pub gloss: &'static str,
    /// The combination whose every part the message contains, if any.
    pub combination: Option<&'static str>,
    /// For a near-miss: the combination it falls one part short of.
    pub near_miss_of: Option<&'static str>,
    /// Where the combination comes from, with its confidence tag.
    pub source: Option<&'static str>,
    /// One line for a teacher: why it is blocked or delivered, in English (the sample's
    /// caption; see [`super::Sample::caption`], which the page is built without).
    #[cfg(not(target_arch = "wasm32"))]
    pub note: &'static str,
}

pub(super) const COVID_LIST_9_FEB: &str = "Citizen Lab, Censored Contagion (2020): WeChat list coronavirus/wechat.csv, detected 9 Feb 2020 [DATA] (sources §3.5)";
pub(super) const COVID_LIST_11_FEB: &str = "Citizen Lab, Censored Contagion (2020): WeChat list coronavirus/wechat.csv, detected 11 Feb 2020 [DATA] (sources §3.5)";
pub(super) const COVID_LIST_13_FEB: &str = "Citizen Lab, Censored Contagion (2020): WeChat list coronavirus/wechat.csv, detected 13 Feb 2020 [DATA] (sources §3.5)";
pub(super) const COVID_LIST_14_FEB: &str = "Citizen Lab, Censored Contagion (2020): WeChat list coronavirus/wechat.csv, detected 14 Feb 2020 [DATA] (sources §3.5)";
pub(super) const ISOLATION_CODE: &str = "Citizen Lab, keyword-isolation code (FOCI'19): a synthetic test case of its simulator, \
     not an observed WeChat entry [CONFIRMED in Citizen Lab's code] (sources §3.3)";
pub(super) const CRACKDOWN_709: &str = "Citizen Lab, We (can't) Chat: \"709 Crackdown\" (2017), example quoted by Ron Deibert [CONFIRMED] (sources §3.2)";

/// The chat messages, each blocked one followed by its near-miss, then neutral ones.
pub const CHAT_TEXTS: &[ChatText] = &[
    ChatText {
        id: "text-li-wenliang",
        title: "Li Wenliang and the new virus",
        text: "听说这种冠状病毒会人传人。李文亮医生十二月三十日就提醒过同事要小心。",
        gloss: "I hear this coronavirus spreads from person to person. Dr Li Wenliang warned colleagues to be careful on 30 December.",
        combination: Some("冠状病毒+人传人+李文亮"),
        near_miss_of: None,
        source: Some(COVID_LIST_9_FEB),
        #[cfg(not(target_arch = "wasm32"))]
        note: "Contains all three parts of a combination on WeChat's COVID list: silently blocked. (The \
               rumour is the sender's; Li Wenliang warned colleagues on 30 December 2019 and did not \
               claim person-to-person spread.)",
    },
    ChatText {
        id: "text-li-wenliang-near",
        title: "Li Wenliang and the new virus, reworded",
        text: "听说这种冠状病毒很危险。李文亮医生十二月三十日就提醒过同事要小心。",
        gloss: "I hear this coronavirus is dangerous. Dr Li Wenliang warned colleagues to be careful on 30 December.",
        combination: None,
        near_miss_of: Some("冠状病毒+人传人+李文亮"),
        source: Some(COVID_LIST_9_FEB),
        #[cfg(not(target_arch = "wasm32"))]
        note: "Same message without 人传人 (person to person): one part short, so it is delivered.",
    },
    ChatText {
        id: "text-wuhan-demands",
        title: "Wuhan and the five demands",
        text: "在武汉隔离的朋友说，他也关注过香港的五大诉求。",
        gloss: "A friend in quarantine in Wuhan says he also followed Hong Kong's five demands.",
        combination: Some("武汉+五大诉求"),
        near_miss_of: None,
        source: Some(COVID_LIST_11_FEB),
        #[cfg(not(target_arch = "wasm32"))]
        note: "Wuhan plus the Hong Kong protesters' \"five demands\": blocked.",
    },
    ChatText {
        id: "text-wuhan-demands-near",
        title: "The five demands, without Wuhan",
        text: "在家隔离的朋友说，他也关注过香港的五大诉求。",
        gloss: "A friend in quarantine at home says he also followed Hong Kong's five demands.",
        combination: None,
        near_miss_of: Some("武汉+五大诉求"),
        source: Some(COVID_LIST_11_FEB),
        #[cfg(not(target_arch = "wasm32"))]
        note: "\"At home\" instead of \"in Wuhan\": the combination is incomplete and the message goes through.",
    },
    ChatText {
        id: "text-slogans",
        title: "Slogans on the news",
        text: "新闻里习近平去社区视察，楼上的居民在窗边喊口号。",
        gloss: "On the news Xi Jinping inspects a neighbourhood; residents upstairs shout slogans from their windows.",
        combination: Some("习近平+喊口号"),
        near_miss_of: None,
        source: Some(COVID_LIST_13_FEB),
        #[cfg(not(target_arch = "wasm32"))]
        note: "Xi Jinping's name with \"shouting slogans\": blocked.",
    },
    ChatText {
        id: "text-slogans-near",
        title: "Watching from the windows",
        text: "新闻里习近平去社区视察，楼上的居民在窗边看着。",
        gloss: "On the news Xi Jinping inspects a neighbourhood; residents upstairs watch from their windows.",
        combination: None,
        near_miss_of: Some("习近平+喊口号"),
        source: Some(COVID_LIST_13_FEB),
        #[cfg(not(target_arch = "wasm32"))]
        note: "The leader's name alone is not enough here: delivered.",
    },
    ChatText {
        id: "text-overlap",
        title: "Overlapping parts (traditional script)",
        text: "公司這次調整體制，將會帶來很多新領域的機會。",
        gloss: "The company's restructuring will bring opportunities in many new fields.",
        combination: Some("帶來+調整+整體+領域"),
        near_miss_of: None,
        source: Some(ISOLATION_CODE),
        #[cfg(not(target_arch = "wasm32"))]
        note: "調整 and 整體 share the character 整 in 調整體: parts may overlap. Not an observed \
               WeChat entry: a synthetic test case from the Citizen Lab's simulator code, seeded \
               here to show the overlap rule.",
    },
    ChatText {
        id: "text-overlap-near",
        title: "Overlapping parts, one missing",
        text: "公司這次調整制度，將會帶來很多新領域的機會。",
        gloss: "The company's change of rules will bring opportunities in many new fields.",
        combination: None,
        near_miss_of: Some("帶來+調整+整體+領域"),
        source: Some(ISOLATION_CODE),
        #[cfg(not(target_arch = "wasm32"))]
        note: "調整制 has 調整 but not 整體: three parts of four, delivered.",
    },
    ChatText {
        id: "text-709",
        title: "Wang Quanzhang's wife",
        text: "王全璋的妻子说，中国大陆对家属的打压一直没有停。",
        gloss: "Wang Quanzhang's wife says the harassment of relatives in mainland China has never stopped.",
        combination: Some("中国大陆+王全璋的妻子+家属的打压"),
        near_miss_of: None,
        source: Some(CRACKDOWN_709),
        #[cfg(not(target_arch = "wasm32"))]
        note: "The 709 crackdown example: each part alone passes, together they are blocked.",
    },
    ChatText {
        id: "text-709-near",
        title: "Wang Quanzhang's wife, no place named",
        text: "王全璋的妻子说，对家属的打压一直没有停。",
        gloss: "Wang Quanzhang's wife says the harassment of relatives has never stopped.",
        combination: None,
        near_miss_of: Some("中国大陆+王全璋的妻子+家属的打压"),
        source: Some(CRACKDOWN_709),
        #[cfg(not(target_arch = "wasm32"))]
        note: "Without 中国大陆 (mainland China) the same complaint is delivered.",
    },
    ChatText {
        id: "text-hot-pot",
        title: "Hot pot tonight",
        text: "今晚一起吃火锅吗？我订了七点的位子。",
        gloss: "Hot pot together tonight? I've booked a table for seven o'clock.",
        combination: None,
        near_miss_of: None,
        source: None,
        #[cfg(not(target_arch = "wasm32"))]
        note: "An everyday message: delivered.",
    },
    ChatText {
        id: "text-wuhan-noodles",
        title: "Wuhan noodles",
        text: "武汉的热干面真好吃，下次带你去。",
        gloss: "Wuhan's hot dry noodles are delicious; I'll take you next time.",
        combination: None,
        near_miss_of: None,
        source: None,
        #[cfg(not(target_arch = "wasm32"))]
        note: "Contains 武汉 (Wuhan), one part of a combination, and nothing else from it: delivered.",
    },
    ChatText {
        id: "text-birthday",
        title: "Happy birthday",
        text: "生日快乐！蛋糕放在冰箱里了。",
        gloss: "Happy birthday! The cake is in the fridge.",
        combination: None,
        near_miss_of: None,
        source: None,
        #[cfg(not(target_arch = "wasm32"))]
        note: "An everyday message: delivered.",
    },
];

/// The combination the meeting notes contain.
pub const MEETING_NOTES_COMBINATION: &str = "肺炎+疾病预防控制+病毒+医学期刊";
/// Its source.
pub const MEETING_NOTES_SOURCE: &str = COVID_LIST_14_FEB;

/// A department's weekly meeting notes, February 2020: ordinary hospital business that
/// happens to contain all four generic parts of one COVID-list combination, spread over
/// different paragraphs.
pub const MEETING_NOTES: &str = "\
呼吸科周会纪要

时间：2020年2月14日（周五）下午三点
地点：门诊楼四层会议室
记录：王护士长

一、门诊情况
本周发热门诊接诊量比上周增加约三成。请各组继续做好预检分诊，口罩和防护服按日登记领取。

二、文献学习
张医生介绍了一篇医学期刊上关于不明原因肺炎病例的综述，提醒大家注意文中提到的病毒检测方法。请赵医生把要点整理成一页纸，下周发给全科。

三、上级通知
医院转达了疾病预防控制部门的最新要求：疑似病例须在两小时内上报，不得延误。

四、其他
下周例会改到周四，地点不变。

---
English translation (for the class; not part of the original notes)

Respiratory department, weekly meeting notes
Time: Friday 14 February 2020, 3 pm. Place: outpatient building, 4th-floor meeting room.
Minutes: Head Nurse Wang.

1. Outpatients. Fever-clinic visits rose by about a third on last week. Keep triaging at
   the door; masks and protective gowns are signed out daily.
2. Reading. Dr Zhang presented a review in a medical journal of pneumonia cases of
   unknown cause, and pointed out the virus tests it describes. Dr Zhao will summarise it
   on one page for the whole department next week.
3. Notices. The hospital passed on the latest requirement of the disease prevention and
   control authorities: suspected cases must be reported within two hours.
4. Other. Next week's meeting moves to Thursday, same room.
";

/// A club's plans for the weekend: an ordinary document with no listed combination, the
/// control of the guided replication's documents trials.
pub const WEEKEND_PLANS: &str = "\
读书会周末安排

周六上午十点在图书馆二楼集合，讨论《城南旧事》第三章。
中午一起去学校门口的饺子馆，人均三十元。
周日休息，下周的书目由小李来定。

---
English translation (for the class)

Reading club, weekend plans
Saturday 10 am: meet on the library's second floor to discuss chapter 3 of \"Memories of Peking\".
Lunch together at the dumpling place by the school gate, about 30 yuan each.
Sunday off; Xiao Li picks next week's book.
";

/// The combination on the protest leaflet: the one the candle vigil's caption tells of.
pub const LEAFLET_COMBINATION: &str = "六四+学生+民主运动";
/// The protest leaflet's lines, as drawn (and as its camouflaged copy shows them in colour):
/// a call to a 4 June vigil that completes [`LEAFLET_COMBINATION`] across its first two lines.
pub const LEAFLET_LINES: [&str; 3] = ["纪念六四", "1989 学生民主运动", "六月四日 晚上八点 维园"];

/// The noodle shop's chalkboard: its name, and its dishes with their prices.
pub const MENU_TITLE: &str = "老街面馆";
pub const MENU_DISHES: [(&str, &str); 3] = [
    ("牛肉拉面", "18元"),
    ("番茄鸡蛋面", "15元"),
    ("酸辣粉", "12元"),
];

/// Everything written on the leaflet, one line per row, as a perfect OCR would read it.
pub fn leaflet_text() -> String {
    LEAFLET_LINES.join("\n")
}

/// Everything written on the menu, one line per row.
pub fn menu_text() -> String {
    let dishes = MENU_DISHES
        .iter()
        .map(|(dish, price)| format!("{dish} {price}"));
    std::iter::once(MENU_TITLE.to_string())
        .chain(dishes)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The parts of a `+`-joined combination.
pub fn parts(combination: &str) -> impl Iterator<Item = &str> {
    combination.split('+').filter(|p| !p.is_empty())
}

/// The chat message with this id.
pub fn chat_text(id: &str) -> Option<&'static ChatText> {
    CHAT_TEXTS.iter().find(|t| t.id == id)
}
