//! The interface's words in English and Simplified Chinese, through rust-i18n.
//!
//! Every user-visible string is a key (`area.name`) looked up with `t!`. The English
//! messages (`locales/en/*.en.yml`) are compiled in, so the first paint never waits. The Chinese
//! ones (`locales/zh-CN/*.zh-CN.yml`, gathered into `www/locales/zh-CN.json` by
//! `cargo run --bin locales`) are fetched the first time someone chooses Chinese and handed to
//! [`load`]: compiled in, they would take the page's wasm past its 500 KB budget. Until they
//! arrive, or for a key they lack, `t!` falls back to English.
//!
//! The language is process-wide state (rust-i18n's current locale), set by [`set`] from the
//! page. Native tests run in parallel threads, so they never call `set`: they ask for a
//! language explicitly with [`text_in`] or `t!(…, locale = "zh-CN")`.

#[cfg(not(target_arch = "wasm32"))]
pub mod catalogue;
mod message;

pub use message::{Arg, Message};

use crate::scenario::address::Lang;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::RwLock;

/// Where the page finds a fetched language's catalogue, beside its own files.
pub fn catalogue_path(lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::ZhCn => Some("locales/zh-CN.json"),
    }
}

/// Fetched catalogues, by locale tag. Written once per language, read on every render.
static LOADED: RwLock<Vec<(&'static str, HashMap<String, String>)>> = RwLock::new(Vec::new());

/// The backend rust-i18n consults before its compiled-in English: the fetched catalogues.
pub struct Fetched;

impl rust_i18n::Backend for Fetched {
    fn available_locales(&self) -> Vec<Cow<'_, str>> {
        let loaded = LOADED.read().unwrap_or_else(|e| e.into_inner());
        loaded.iter().map(|(tag, _)| Cow::Borrowed(*tag)).collect()
    }

    fn translate(&self, locale: &str, key: &str) -> Option<Cow<'_, str>> {
        let loaded = LOADED.read().unwrap_or_else(|e| e.into_inner());
        let (_, messages) = loaded.iter().find(|(tag, _)| *tag == locale)?;
        messages.get(key).map(|text| Cow::Owned(text.clone()))
    }

    fn messages_for_locale(&self, locale: &str) -> Option<Vec<(Cow<'_, str>, Cow<'_, str>)>> {
        let loaded = LOADED.read().unwrap_or_else(|e| e.into_inner());
        let (_, messages) = loaded.iter().find(|(tag, _)| *tag == locale)?;
        Some(
            messages
                .iter()
                .map(|(k, v)| (Cow::Owned(k.clone()), Cow::Owned(v.clone())))
                .collect(),
        )
    }
}

/// Takes a fetched catalogue (a flat JSON object of key → message) for `lang`, beside any
/// taken before for it (the page's Chinese, then the evasion lab's). Returns how many
/// messages it holds; a damaged file is an error and changes nothing.
pub fn load(lang: Lang, json: &str) -> Result<usize, String> {
    let messages: HashMap<String, String> = serde_json::from_str(json).map_err(|e| {
        format!(
            "the {} catalogue is not a flat JSON object of texts: {e}",
            lang.tag()
        )
    })?;
    let count = messages.len();
    let mut loaded = LOADED.write().unwrap_or_else(|e| e.into_inner());
    match loaded.iter_mut().find(|(tag, _)| *tag == lang.tag()) {
        Some((_, held)) => held.extend(messages),
        None => loaded.push((lang.tag(), messages)),
    }
    Ok(count)
}

/// Where the messages of the parts loaded later (the evasion lab) are, in `lang`: fetched
/// with the part, in English too (`catalogue` says why they are not compiled in).
pub fn later_path(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "locales/later.en.json",
        Lang::ZhCn => "locales/later.zh-CN.json",
    }
}

/// Whether `lang`'s messages are at hand (English always is).
pub fn is_loaded(lang: Lang) -> bool {
    catalogue_path(lang).is_none()
        || LOADED
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .any(|(tag, _)| *tag == lang.tag())
}

/// Makes `lang` the language of every `t!` from now on.
pub fn set(lang: Lang) {
    rust_i18n::set_locale(lang.tag());
}

/// The language `t!` speaks now.
pub fn current() -> Lang {
    Lang::from_tag(&rust_i18n::locale()).unwrap_or(Lang::En)
}

/// The message `key` in the current language (English while a fetched language is on its
/// way, or for a key it lacks). Out of line on purpose, as is [`fill`]: rust-i18n's own `t!`
/// expands its whole lookup at each of the app's ~700 call sites, which cost the page's wasm
/// about 80 KB gzipped; `crate::t!` calls these two instead.
#[inline(never)]
pub fn text(key: &str) -> Cow<'_, str> {
    crate::_rust_i18n_translate(&rust_i18n::locale(), key)
}

/// The message `key` in the language tagged `locale`.
#[inline(never)]
pub fn text_at<'k>(locale: &str, key: &'k str) -> Cow<'k, str> {
    crate::_rust_i18n_translate(locale, key)
}

/// A message with its `%{name}` placeholders filled in.
#[inline(never)]
pub fn fill(message: &str, args: &[(&str, &dyn std::fmt::Display)]) -> Cow<'static, str> {
    let names: Vec<&str> = args.iter().map(|(name, _)| *name).collect();
    let values: Vec<String> = args.iter().map(|(_, value)| value.to_string()).collect();
    Cow::Owned(rust_i18n::replace_patterns(message, &names, &values))
}

/// A message of the app in the current language: `t!("shell.page.lab")`, with placeholders
/// `t!("view.lang_failed", why = reason)` (any `Display`), or in a given language
/// `t!("shell.page.lab", locale = "zh-CN")`. The same surface as rust-i18n's `t!`, through the
/// out-of-line [`text`] and [`fill`].
#[macro_export]
macro_rules! t {
    ($key:expr, locale = $locale:expr $(,)?) => {
        $crate::l10n::text_at($locale, $key)
    };
    ($key:expr, locale = $locale:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::l10n::fill(
            &$crate::l10n::text_at($locale, $key),
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
    ($key:expr $(,)?) => {
        $crate::l10n::text($key)
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::l10n::fill(
            &$crate::l10n::text($key),
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

/// One message in a given language, whatever the current one is (for tests and for text
/// that must not follow the page, such as an export's fixed headings).
pub fn text_in(lang: Lang, key: &str) -> String {
    crate::_rust_i18n_translate(lang.tag(), key).into_owned()
}

/// Whether `key` names an English message (the compiled-in catalogue).
pub fn has_key(key: &str) -> bool {
    crate::_rust_i18n_try_translate("en", key).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_in_either_language() {
        let json = std::fs::read_to_string(catalogue::fetched_path()).unwrap();
        load(Lang::ZhCn, &json).unwrap();
        let en = t!("view.lang_failed", locale = "en", why = "offline");
        let zh = t!("view.lang_failed", locale = "zh-CN", why = "offline");
        assert!(
            en.contains("(offline)") && en.starts_with("The Chinese"),
            "{en}"
        );
        assert!(zh.contains("offline") && zh.starts_with("中文"), "{zh}");
    }

    #[test]
    fn a_language_with_no_catalogue_falls_back_to_english() {
        assert_eq!(t!("shell.page.lab", locale = "fr"), "Collision lab");
    }
}
