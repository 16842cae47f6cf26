//! The language the app speaks. The app holds it and provides it as a context; every
//! component that shows words subscribes with [`use_lang`], so a switch re-renders exactly
//! them and no state is lost. Chinese arrives from `locales/zh-CN.json` the first time it is
//! chosen (`crate::l10n` explains why it is not compiled in).

use crate::l10n;
use crate::scenario::address::Lang;
use yew::prelude::*;

const STORAGE_KEY: &str = "hashwall.lang.v1";

/// The language shown, from the app's context (English outside the app, as in tests).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or(Lang::En)
}

/// The language to show for the address's `lang=` (see `Lang::choose`).
pub fn choose(asked: Option<Lang>) -> Lang {
    let remembered = crate::web::storage::load(STORAGE_KEY);
    let tags: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default();
    Lang::choose(
        asked,
        remembered.as_deref(),
        tags.iter().map(String::as_str),
    )
}

/// Remembers a choice for the next visit (a failure to save changes nothing now).
pub fn remember(lang: Lang) {
    let _ = crate::web::storage::save(STORAGE_KEY, lang.tag());
}

/// Makes `lang` current once its messages are at hand; `done` gets the language in effect,
/// or why it could not be switched to.
pub fn switch(lang: Lang, done: Callback<Result<Lang, String>>) {
    if l10n::is_loaded(lang) {
        l10n::set(lang);
        done.emit(Ok(lang));
        return;
    }
    let Some(path) = l10n::catalogue_path(lang) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = match crate::web::text::own_text(path).await {
            Ok(json) => l10n::load(lang, &json).map(|_| lang),
            Err(e) => Err(e),
        };
        if loaded.is_ok() {
            l10n::set(lang);
        }
        done.emit(loaded);
    });
}

/// The page's `lang` attribute (for screen readers, hyphenation and the CJK font stack) and
/// its title, in the language now shown.
pub fn mark_document(lang: Lang) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
    document.set_title(&crate::t!("shell.title"));
}

/// Why the last language switch failed, if it did (shown beside the language menu).
#[derive(Clone, Default, PartialEq)]
pub struct LangFailure(pub Option<AttrValue>);
