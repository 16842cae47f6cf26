//! Everything the address can ask for, in one place: the scenario (page) and, on the sources
//! page, the entry; the replication's step; the language; the display (embed, theme, frame
//! id); and presenter mode. Read from `?scenario=replication&step=3&lang=zh-CN&theme=dark`
//! (older `#lab` and `#sources/S5` links still work), and written back as the app changes,
//! so that a link always reopens what it showed. A bad value falls back quietly.

use super::embed::{Display, Theme};
use super::replication::Step;
use super::route::{Page, Route};

/// The interface languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The language's tag in addresses and in `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language a BCP 47 tag asks for: any English, or Chinese written in simplified
    /// characters (`zh`, `zh-CN`, `zh-Hans`, `zh-SG`). Traditional tags (`zh-TW`, `zh-Hant`)
    /// are not taken for Simplified: they fall back like any other.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        match parts.next()? {
            "en" => Some(Lang::En),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                let traditional = rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
                (!traditional).then_some(Lang::ZhCn)
            }
            _ => None,
        }
    }

    /// The first of the browser's preferred languages that the interface speaks, else English.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or(Lang::En)
    }

    /// The language to show: the address's `lang=` first (a shared link means what it says),
    /// then the visitor's last choice, then the browser's preference.
    pub fn choose<'a>(
        asked: Option<Lang>,
        remembered: Option<&str>,
        browser: impl IntoIterator<Item = &'a str>,
    ) -> Lang {
        asked
            .or_else(|| remembered.and_then(Lang::from_tag))
            .unwrap_or_else(|| Lang::preferred(browser))
    }
}

/// The replication's steps as numbered in addresses and on screen: 1 Control … 4 Measure,
/// 5 the result.
pub fn step_number(step: Step) -> Option<u8> {
    Step::WALKED
        .iter()
        .position(|s| *s == step)
        .map(|i| i as u8 + 1)
}

/// The step an address's number names.
pub fn step_named(n: u8) -> Option<Step> {
    Step::WALKED.get(usize::from(n).checked_sub(1)?).copied()
}

/// What an address asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    pub route: Route,
    /// The replication's step to show (only meaningful there).
    pub step: Option<Step>,
    /// The language asked for, if the address names one.
    pub lang: Option<Lang>,
    pub display: Display,
    /// Large type and high contrast for a projector, steps by the keys a clicker sends.
    pub presenter: bool,
    /// `simd=off`: the main worker's portable build even where SIMD runs (tests, benchmarks).
    pub portable_worker: bool,
}

impl Address {
    /// The address a page's `location.search` and `location.hash` make.
    pub fn parse(query: &str, hash: &str) -> Address {
        let mut address = Address {
            route: Route::parse(hash, query),
            step: None,
            lang: None,
            display: Display::parse(query),
            presenter: false,
            portable_worker: false,
        };
        for (key, value) in pairs(query) {
            match key {
                "step" => address.step = value.parse().ok().and_then(step_named),
                "lang" => address.lang = Lang::from_tag(value),
                "presenter" => address.presenter = matches!(value, "1" | "true" | "yes"),
                "simd" => address.portable_worker = value == "off",
                _ => {}
            }
        }
        if address.route.page != Page::Replication {
            address.step = None;
        }
        address
    }

    /// The query that asks for this address again; values at their defaults are left out.
    pub fn query(&self) -> String {
        let mut parts = vec![format!("scenario={}", self.route.page.name())];
        if let Some(target) = &self.route.target {
            parts.push(format!("entry={target}"));
        }
        if let Some(n) = self.step.and_then(step_number)
            && self.route.page == Page::Replication
        {
            parts.push(format!("step={n}"));
        }
        if let Some(lang) = self.lang {
            parts.push(format!("lang={}", lang.tag()));
        }
        if self.display.theme != Theme::Auto {
            parts.push(format!("theme={}", self.display.theme.name()));
        }
        if self.display.embed {
            parts.push("embed=1".into());
            if self.display.frame_id != Display::parse("").frame_id {
                parts.push(format!("id={}", self.display.frame_id));
            }
        }
        if self.presenter {
            parts.push("presenter=1".into());
        }
        if self.portable_worker {
            parts.push("simd=off".into());
        }
        format!("?{}", parts.join("&"))
    }
}

/// `key=value` pairs of a query, in order.
pub(crate) fn pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_address() -> Vec<Address> {
        let mut all = Vec::new();
        for page in Page::ALL {
            for step in [
                None,
                Some(Step::Control),
                Some(Step::Wait),
                Some(Step::Done),
            ] {
                for lang in [None, Some(Lang::En), Some(Lang::ZhCn)] {
                    for theme in [Theme::Auto, Theme::Light, Theme::Dark] {
                        for (embed, presenter) in [(false, false), (true, false), (false, true)] {
                            all.push(Address {
                                route: Route::page(page),
                                step: step.filter(|_| page == Page::Replication),
                                lang,
                                display: Display {
                                    embed,
                                    theme,
                                    frame_id: if embed {
                                        "fig-2".into()
                                    } else {
                                        "hashwall".into()
                                    },
                                },
                                presenter,
                                portable_worker: theme == Theme::Dark,
                            });
                        }
                    }
                }
            }
        }
        all
    }

    #[test]
    fn every_address_round_trips() {
        for address in every_address() {
            let query = address.query();
            assert_eq!(Address::parse(&query, ""), address, "{query}");
        }
        let entry = Address::parse("", "#sources/S5");
        assert_eq!(entry.query(), "?scenario=sources&entry=S5");
        assert_eq!(Address::parse(&entry.query(), ""), entry);
    }

    #[test]
    fn the_portable_worker_is_asked_for_only_by_simd_off() {
        assert!(Address::parse("?scenario=lab&simd=off", "").portable_worker);
        assert!(Address::parse("?simd=off", "#lab").portable_worker);
        for other in ["?scenario=lab", "?simd=on", "?simd=", "?simd"] {
            assert!(!Address::parse(other, "").portable_worker, "{other}");
        }
        assert!(!Address::parse("?scenario=lab", "").query().contains("simd"));
    }

    #[test]
    fn a_teachers_link_names_everything() {
        let a = Address::parse(
            "?scenario=replication&step=3&lang=zh-CN&theme=dark&presenter=1",
            "",
        );
        assert_eq!(a.route.page, Page::Replication);
        assert_eq!(a.step, Some(Step::Wait));
        assert_eq!(a.lang, Some(Lang::ZhCn));
        assert_eq!(a.display.theme, Theme::Dark);
        assert!(a.presenter && !a.display.embed);
        assert_eq!(
            a.query(),
            "?scenario=replication&step=3&lang=zh-CN&theme=dark&presenter=1"
        );
    }

    #[test]
    fn bad_values_fall_back_quietly() {
        let a = Address::parse(
            "?scenario=nowhere&step=9&lang=klingon&theme=plaid&presenter=perhaps&embed=2",
            "",
        );
        assert_eq!(a.route, Route::page(Page::Sandbox));
        assert_eq!((a.step, a.lang, a.presenter), (None, None, false));
        assert_eq!(a.display, Display::parse(""));
        for bad in ["0", "-1", "x", "", "256", "1.5"] {
            let a = Address::parse(&format!("?scenario=replication&step={bad}"), "");
            assert_eq!(a.step, None, "{bad}");
        }
        // A step means nothing outside the replication.
        assert_eq!(Address::parse("?scenario=lab&step=2", "").step, None);
        assert_eq!(
            Address::parse("?scenario=lab&step=2", "").query(),
            "?scenario=lab"
        );
    }

    #[test]
    fn steps_are_numbered_as_on_screen() {
        assert_eq!(step_number(Step::Control), Some(1));
        assert_eq!(step_number(Step::Measure), Some(4));
        assert_eq!(step_number(Step::Done), Some(5));
        assert_eq!(step_number(Step::Preparing), None);
        for n in 1..=5 {
            assert_eq!(step_named(n).and_then(step_number), Some(n));
        }
        assert_eq!(step_named(0), None);
        assert_eq!(step_named(6), None);
    }

    #[test]
    fn languages_from_tags_and_the_browser() {
        for (tag, lang) in [
            ("en", Some(Lang::En)),
            ("en-GB", Some(Lang::En)),
            ("zh-CN", Some(Lang::ZhCn)),
            ("zh", Some(Lang::ZhCn)),
            ("zh-Hans-CN", Some(Lang::ZhCn)),
            ("ZH_cn", Some(Lang::ZhCn)),
            ("zh-TW", None),
            ("zh-Hant", None),
            ("fr", None),
            ("", None),
        ] {
            assert_eq!(Lang::from_tag(tag), lang, "{tag}");
        }
        assert_eq!(Lang::preferred(["fr-FR", "zh-CN", "en"]), Lang::ZhCn);
        assert_eq!(Lang::preferred(["de", "en-US"]), Lang::En);
        assert_eq!(Lang::preferred(["zh-TW"]), Lang::En);
        assert_eq!(Lang::preferred([]), Lang::En);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }

    #[test]
    fn the_address_then_the_last_choice_then_the_browser_choose_the_language() {
        let browser = ["zh-CN", "en"];
        assert_eq!(
            Lang::choose(Some(Lang::En), Some("zh-CN"), browser),
            Lang::En
        );
        assert_eq!(Lang::choose(None, Some("en"), browser), Lang::En);
        assert_eq!(Lang::choose(None, None, browser), Lang::ZhCn);
        assert_eq!(Lang::choose(None, Some("garbled"), ["en-US"]), Lang::En);
        assert_eq!(Lang::choose(None, None, []), Lang::En);
    }
}
