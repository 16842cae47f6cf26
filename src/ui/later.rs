//! The parts of the app loaded later: a Yew app of their own in their own wasm (bin `later`).
//! The page renders an empty `#later-part` naming the part (`data-part`: `evasion` or
//! `fingerprint`) and adds `www/later-start.js`, which loads this wasm once; [`start`] mounts
//! the part and leaves `window.hashwallLaterMount` for the page's later visits and language
//! switches. The page's first load carries none of it: its budget has no room.

use super::evasion::Lab;
use super::fingerprint_page::FingerprintPage;
use crate::l10n;
use crate::scenario::address::Lang;
use crate::scenario::fingerprints::{FingerprintAction, Fingerprints};
use crate::t;
use crate::web::storage;
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::AppHandle;
use yew::prelude::*;

/// The element the page leaves for the part.
const ROOT_ID: &str = "later-part";

thread_local! {
    static APP: RefCell<Option<AppHandle<LaterRoot>>> = const { RefCell::new(None) };
}

/// Mounts the part shown and leaves the function that mounts it again.
pub fn start() {
    skip_the_pages_app_number();
    let again = Closure::<dyn Fn()>::new(mount);
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"hashwallLaterMount".into(), again.as_ref());
    }
    again.forget();
    mount();
}

/// Yew numbers the apps of one wasm from 1 and brands each app's root element with its
/// number; an event goes to the app whose brand is nearest its target. The page's own app
/// (another wasm, another count) is number 1. A part mounted inside it as number 1 too would
/// look like the page's own elements, and the page would run its handlers for their events
/// (Space on the fingerprint page's file picker followed the page's "Sources" link). So this
/// wasm spends number 1 on an app that renders nothing, on an element of its own, first.
fn skip_the_pages_app_number() {
    if let Some(spare) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok())
    {
        yew::Renderer::<Nothing>::with_root(spare)
            .render()
            .destroy();
    }
}

#[function_component(Nothing)]
fn nothing() -> Html {
    html! {}
}

/// Renders the part the page names into its `#later-part`, in the page's language, once that
/// language's messages are at hand. An earlier mount (another part, another language) is
/// taken down first.
fn mount() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let lang = document
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or(Lang::En);
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = load_messages(lang).await;
        let Some(root) = document.get_element_by_id(ROOT_ID) else {
            return;
        };
        let part = root.get_attribute("data-part").unwrap_or_default();
        if let Some(old) = APP.with(|app| app.borrow_mut().take()) {
            old.destroy();
        }
        l10n::set(if loaded.is_ok() { lang } else { Lang::En });
        if let Err(why) = &loaded {
            gloo::console::error!(format!("hashwall: {why}"));
        }
        let props = LaterRootProps {
            lang,
            part: part.into(),
            failed: loaded.err().map(AttrValue::from),
        };
        let app = yew::Renderer::<LaterRoot>::with_root_and_props(root, props).render();
        APP.with(|slot| *slot.borrow_mut() = Some(app));
    });
}

/// The later parts' own messages, and the page's Chinese ones when Chinese is shown (this
/// wasm has its own copy of the message tables).
async fn load_messages(lang: Lang) -> Result<(), String> {
    let mut wanted = vec![(Lang::En, l10n::later_path(Lang::En))];
    if lang != Lang::En {
        wanted.push((lang, l10n::later_path(lang)));
        wanted.extend(l10n::catalogue_path(lang).map(|path| (lang, path)));
    }
    for (tag, path) in wanted {
        let json = crate::web::text::own_text(path).await?;
        l10n::load(tag, &json)?;
    }
    Ok(())
}

#[derive(Properties, PartialEq)]
pub struct LaterRootProps {
    pub lang: Lang,
    /// Which part: `evasion` or `fingerprint`.
    pub part: AttrValue,
    /// Why the messages could not be fetched (the part then speaks English).
    pub failed: Option<AttrValue>,
}

#[function_component(LaterRoot)]
pub fn later_root(props: &LaterRootProps) -> Html {
    let body = match props.part.as_str() {
        "fingerprint" => html! { <PageOfFingerprints /> },
        _ => html! { <Lab /> },
    };
    html! {
        <ContextProvider<Lang> context={props.lang}>
            if props.failed.is_some() {
                <p class="banner error" role="alert">{t!("shell.load_failed")}</p>
            }
            {body}
        </ContextProvider<Lang>>
    }
}

/// Where the fingerprint page's results are kept between visits.
const FINGERPRINTS_KEY: &str = "hashwall.fingerprints.v1";

/// The fingerprint page's files, as Yew state.
#[derive(Clone, PartialEq)]
pub struct FingerprintStore(pub Fingerprints);

impl Reducible for FingerprintStore {
    type Action = FingerprintAction;
    fn reduce(self: Rc<Self>, action: FingerprintAction) -> Rc<Self> {
        let mut next = (*self).clone();
        if next.0.reduce(action) {
            Rc::new(next)
        } else {
            self
        }
    }
}

impl Deref for FingerprintStore {
    type Target = Fingerprints;
    fn deref(&self) -> &Fingerprints {
        &self.0
    }
}

/// The fingerprint page's state, for the page's components.
#[hook]
pub fn use_fingerprints() -> UseReducerHandle<FingerprintStore> {
    use_context::<UseReducerHandle<FingerprintStore>>().expect("the part provides its state")
}

/// The fingerprint page with its state, kept in the browser's storage as it changes, so a
/// visit to another page or a reload loses nothing.
#[function_component(PageOfFingerprints)]
fn page_of_fingerprints() -> Html {
    let state = use_reducer(|| {
        let saved = storage::load(FINGERPRINTS_KEY).map(|text| Fingerprints::from_json(&text));
        FingerprintStore(saved.unwrap_or_default())
    });
    use_effect_with(state.to_json(), |json| {
        let _ = storage::save(FINGERPRINTS_KEY, json);
    });
    html! {
        <ContextProvider<UseReducerHandle<FingerprintStore>> context={state}>
            <FingerprintPage />
        </ContextProvider<UseReducerHandle<FingerprintStore>>>
    }
}
