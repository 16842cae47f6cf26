//! The application shell: title, privacy promise, navigation, and the shared state every
//! page reads (the sandbox, the worker, uploads in flight).

use super::fingerprint_panel::FingerprintPanel;
use super::lab::LabPage;
use super::sandbox_page::SandboxPage;
use super::store::{self, SandboxStore};
use super::work::{Uploads, Work};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Page {
    Sandbox,
    Lab,
    Fingerprint,
}

impl Page {
    fn from_hash(hash: &str) -> Self {
        match hash.trim_start_matches('#') {
            "fingerprint" => Self::Fingerprint,
            "lab" => Self::Lab,
            _ => Self::Sandbox,
        }
    }

    fn hash(self) -> &'static str {
        match self {
            Self::Sandbox => "#sandbox",
            Self::Lab => "#lab",
            Self::Fingerprint => "#fingerprint",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Self::Sandbox => "Two-systems sandbox",
            Self::Lab => "Collision lab",
            Self::Fingerprint => "Fingerprint a file",
        }
    }
}

fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

#[function_component(App)]
pub fn app() -> Html {
    let sandbox = use_reducer(|| SandboxStore::load(crate::samples::references::seeds()));
    let uploads = use_reducer(Uploads::default);
    let work = {
        let (s, u) = (sandbox.dispatcher(), uploads.dispatcher());
        use_memo((), move |_| Work::start(s, u))
    };
    let page = use_state(|| Page::from_hash(&location_hash()));
    {
        // Back, forward and an edited address change the hash without a click on a tab.
        let page = page.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    page.set(Page::from_hash(&location_hash()))
                })
            });
            move || drop(listener)
        });
    }

    // Save when something worth keeping changed (not on every clock tick).
    {
        let key = store::save_key(&sandbox.0);
        let sandbox = sandbox.clone();
        use_effect_with(key, move |_| {
            // A failed save (storage full or unavailable) leaves the app working.
            let _ = store::save(&sandbox.0);
        });
    }
    {
        let previews = sandbox.0.previews.clone();
        use_effect_with(previews.len(), move |_| {
            let _ = store::save_previews(&previews);
        });
    }

    let nav = [Page::Sandbox, Page::Lab, Page::Fingerprint].map(|p| {
        let page = page.clone();
        let current = *page == p;
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(p.hash());
            }
            page.set(p);
        });
        html! {
            <a href={p.hash()} class={classes!("tab", current.then_some("on"))}
                aria-current={current.then_some("page")} {onclick}>{p.title()}</a>
        }
    });

    html! {
        <ContextProvider<store::SandboxHandle> context={sandbox.clone()}>
        <ContextProvider<Rc<Work>> context={work.clone()}>
        <ContextProvider<UseReducerHandle<Uploads>> context={uploads.clone()}>
            <a class="skip-link" href="#main">{"Skip to content"}</a>
            <header class="masthead">
                <h1>{"hashwall"}</h1>
                <p class="tagline">{"See how a messaging platform silently censors files by their MD5 fingerprint."}</p>
                <p class="privacy" id="privacy">
                    {"Your files never leave this browser: everything is computed on this device and nothing is uploaded."}
                </p>
                <nav class="tabs" aria-label="Sections">{ for nav }</nav>
            </header>
            <main id="main" tabindex="-1">
                { match *page {
                    Page::Sandbox => html! { <SandboxPage /> },
                    Page::Lab => html! { <LabPage /> },
                    Page::Fingerprint => html! { <FingerprintPanel /> },
                } }
            </main>
        </ContextProvider<UseReducerHandle<Uploads>>>
        </ContextProvider<Rc<Work>>>
        </ContextProvider<store::SandboxHandle>>
    }
}
