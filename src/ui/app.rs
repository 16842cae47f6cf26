//! The application shell: title, privacy promise, navigation, and the state every page
//! shares (the sandbox and its clock, uploads, the lab), saved as it
//! changes so that a tab switch or a reload loses nothing.

use super::address::{self, AddressHandle};
use super::announcer::Announcer;
use super::intake::Intake;
use super::lab::{LabPage, LabService};
use super::lang::{self, LangFailure};
use super::later_mount::LaterPart;
use super::persist;
use super::renders;
use super::replication::{ReplicationPage, ReplicationService};
use super::sandbox_page::SandboxPage;
use super::sources_page::SourcesPage;
use super::state::ReplicationStore;
use super::state::{
    ClockStore, LabStore, LiveClock, SandboxDispatch, SandboxHandle, SandboxStore, Shared,
    UploadsStore,
};
use super::view_controls::ViewControls;
use crate::scenario::address::{Address, Lang};
use crate::scenario::presenter::{Focus, key_move};
use crate::scenario::replication::ReplicationAction;
use crate::scenario::route::{Page, Route};
use crate::scenario::{ClockAction, SandboxAction};
use crate::t;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn title(page: Page) -> String {
    match page {
        Page::Sandbox => t!("shell.page.sandbox"),
        Page::Replication => t!("shell.page.replication"),
        Page::Lab => t!("shell.page.lab"),
        Page::Evasion => t!("shell.page.evasion"),
        Page::Fingerprint => t!("shell.page.fingerprint"),
        Page::Sources => t!("shell.page.sources"),
    }
    .into_owned()
}

#[function_component(App)]
pub fn app() -> Html {
    renders::count("App");
    let sandbox =
        use_reducer(|| SandboxStore(persist::load_sandbox(crate::samples::references::seeds())));
    let live_clock = (*use_memo((), |_| LiveClock::default())).clone();
    let send = SandboxDispatch::new(sandbox.dispatcher(), live_clock.clone());
    let sandbox_handle = SandboxHandle {
        state: Shared(sandbox.clone()),
        send: send.clone(),
    };
    let uploads = use_reducer(|| UploadsStore(Default::default()));
    let shipped = use_memo((), |_| crate::forge::shipped_canvases());
    let lab = use_reducer(|| LabStore(persist::load_lab(&shipped)));
    let intake = {
        let uploads = uploads.dispatcher();
        use_memo((), move |_| Intake::new(send, uploads))
    };
    let lab_service = {
        let lab = lab.dispatcher();
        use_memo((), move |_| LabService::new(lab))
    };
    let replication = use_reducer(|| {
        ReplicationStore(persist::load_replication(
            crate::samples::references::seeds(),
        ))
    });
    let replication_service = {
        let store = replication.dispatcher();
        use_memo((), move |_| ReplicationService::new(store))
    };
    let asked = use_state(address::current);
    {
        // Back and forward, and old-style "#page" links (citations, the tray), change the
        // address without a click on a tab.
        let asked = asked.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|w| {
                let on = |event| {
                    let asked = asked.clone();
                    gloo::events::EventListener::new(&w, event, move |_| {
                        asked.set(address::current());
                    })
                };
                [on("popstate"), on("hashchange")]
            });
            move || drop(listeners)
        });
    }
    {
        // A link to a step of the replication carries it there (starting a trial if needed).
        let replication = replication.dispatcher();
        let step = asked.step.filter(|_| asked.route.page == Page::Replication);
        use_effect_with(step, move |step| {
            if let Some(step) = *step {
                replication.dispatch(ReplicationAction::GoTo(step));
            }
        });
    }
    // What the app shows, written back to the address bar: the replication's step as it moves.
    let shown = {
        let mut shown = (*asked).clone();
        shown.step = (shown.route.page == Page::Replication)
            .then(|| replication.pending.or(replication.shown_step()))
            .flatten();
        shown
    };
    use_effect_with(shown.clone(), |shown| address::write(shown, false));
    let go = {
        let asked = asked.clone();
        Callback::from(move |(next, push): (Address, bool)| {
            address::write(&next, push);
            asked.set(next);
        })
    };
    let (shown_lang, lang_failure) = use_language(asked.lang);
    let handle = AddressHandle {
        shown: shown.clone(),
        go: go.clone(),
    };
    super::embed::use_display(&shown.display, shown.presenter);
    use_presenter_keys(
        shown.presenter && shown.route.page == Page::Replication,
        replication.dispatcher(),
    );
    let route = &shown.route;
    use_effect_with((), |_| {
        let guard = super::drop_guard::install();
        move || drop(guard)
    });

    // Save what changed, when it changed. A failed save (storage full or unavailable)
    // leaves the app working.
    {
        let sandbox = sandbox.clone();
        use_effect_with(sandbox.revision, move |_| {
            let _ = persist::save_sandbox(&sandbox);
        });
    }
    {
        let previews = sandbox.previews.clone();
        use_effect_with(previews.len(), move |_| {
            let _ = persist::save_previews(&previews);
        });
    }
    use_effect_with(lab.saved(), |saved| {
        let _ = persist::save_lab(saved);
    });
    {
        let replication = replication.clone();
        use_effect_with(replication.revision, move |_| {
            let _ = persist::save_replication(&replication);
        });
    }

    let nav = Page::ALL.map(|p| {
        let current = route.page == p;
        let next = Address {
            route: Route::page(p),
            step: None,
            ..shown.clone()
        };
        let href = next.query();
        let onclick = {
            let go = go.clone();
            Callback::from(move |e: MouseEvent| {
                // A plain click stays in the app; Ctrl/Cmd-click opens a tab as links do.
                if e.ctrl_key() || e.meta_key() || e.shift_key() {
                    return;
                }
                e.prevent_default();
                go.emit((next.clone(), true));
            })
        };
        html! {
            <a {href} class={classes!("tab", current.then_some("on"))}
                aria-current={current.then_some("page")} {onclick}>{title(p)}</a>
        }
    });
    let full_app = Address {
        display: crate::scenario::embed::Display::default(),
        ..shown.clone()
    };

    html! {
        <ContextProvider<Lang> context={shown_lang}>
        <ContextProvider<LangFailure> context={lang_failure}>
        <ContextProvider<AddressHandle> context={handle}>
        <ContextProvider<SandboxHandle> context={sandbox_handle}>
        <ContextProvider<Shared<UploadsStore>> context={Shared(uploads)}>
        <ContextProvider<Shared<LabStore>> context={Shared(lab)}>
        <ContextProvider<Rc<Intake>> context={intake}>
        <ContextProvider<Rc<LabService>> context={lab_service}>
        <ContextProvider<Shared<ReplicationStore>> context={Shared(replication)}>
        <ContextProvider<Rc<ReplicationService>> context={replication_service}>
        <ClockProvider live={live_clock}>
            <a class="skip-link" href="#main">{t!("shell.skip")}</a>
            if shown.display.embed {
                // In an article's frame: one line of chrome, and the way out to the full app.
                <header class="masthead">
                    <p class="embed-bar">
                        <strong>{t!("shell.name")}</strong>
                        <span class="privacy" id="privacy">{t!("shell.privacy_short")}</span>
                        <a href={full_app.query()} target="_blank" rel="noopener">
                            {t!("shell.open_full")}
                        </a>
                    </p>
                </header>
            } else {
                <header class="masthead">
                    <h1>{t!("shell.name")}</h1>
                    <p class="tagline">{t!("shell.tagline")}</p>
                    <p class="privacy" id="privacy">{t!("shell.privacy")}</p>
                    <nav class="tabs" aria-label={t!("shell.sections")}>{ for nav }</nav>
                    <ViewControls />
                </header>
            }
            <main id="main" tabindex="-1">
                { match route.page {
                    Page::Sandbox => html! { <SandboxPage /> },
                    Page::Replication => html! { <ReplicationPage /> },
                    Page::Lab => html! { <LabPage /> },
                    Page::Evasion => html! { <LaterPart part="evasion" /> },
                    Page::Fingerprint => html! { <LaterPart part="fingerprint" /> },
                    Page::Sources => html! { <SourcesPage target={route.target.clone().map(AttrValue::from)} /> },
                } }
            </main>
            <Announcer />
        </ClockProvider>
        </ContextProvider<Rc<ReplicationService>>>
        </ContextProvider<Shared<ReplicationStore>>>
        </ContextProvider<Rc<LabService>>>
        </ContextProvider<Rc<Intake>>>
        </ContextProvider<Shared<LabStore>>>
        </ContextProvider<Shared<UploadsStore>>>
        </ContextProvider<SandboxHandle>>
        </ContextProvider<AddressHandle>>
        </ContextProvider<LangFailure>>
        </ContextProvider<Lang>>
    }
}

/// The language shown: the address's `lang=`, else the one remembered or the browser's. A
/// switch to a language whose messages are not yet fetched shows the old one until they
/// arrive; a failed fetch keeps it, and says so.
#[hook]
fn use_language(asked: Option<Lang>) -> (Lang, LangFailure) {
    let wanted = *use_memo(asked, |asked| lang::choose(*asked));
    let shown = use_state(|| Lang::En);
    let failure = use_state(LangFailure::default);
    {
        let (shown, failure) = (shown.clone(), failure.clone());
        use_effect_with(wanted, move |wanted| {
            let done = Callback::from(move |result: Result<Lang, String>| match result {
                Ok(lang) => {
                    lang::mark_document(lang);
                    failure.set(LangFailure(None));
                    shown.set(lang);
                }
                Err(why) => failure.set(LangFailure(Some(why.into()))),
            });
            lang::switch(*wanted, done);
        });
    }
    (*shown, (*failure).clone())
}

/// In presenter mode on the replication, the keys a clicker sends move through the steps.
#[hook]
fn use_presenter_keys(on: bool, replication: UseReducerDispatcher<ReplicationStore>) {
    use_effect_with(on, move |on| {
        let listener = (*on).then(web_sys::window).flatten().map(|w| {
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            gloo::events::EventListener::new_with_options(&w, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                let modified = event.alt_key() || event.ctrl_key() || event.meta_key();
                if let Some(step) = key_move(&event.key(), focus_of(event), modified) {
                    event.prevent_default();
                    replication.dispatch(ReplicationAction::Present(step));
                }
            })
        });
        move || drop(listener)
    });
}

/// What kind of element a key was pressed in.
fn focus_of(event: &KeyboardEvent) -> Focus {
    let Some(element) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return Focus::Page;
    };
    let kind = element
        .get_attribute("type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    match element.tag_name().to_ascii_lowercase().as_str() {
        "textarea" | "select" => Focus::Field,
        "input"
            if !matches!(
                kind.as_str(),
                "checkbox" | "radio" | "button" | "submit" | "reset" | "file"
            ) =>
        {
            Focus::Field
        }
        "input" | "button" | "a" | "summary" => Focus::Control,
        _ if element.has_attribute("contenteditable") => Focus::Field,
        _ => Focus::Page,
    }
}

/// Real milliseconds between ticks while playing.
const TICK_MS: u32 = 100;

#[derive(Properties, PartialEq)]
struct ClockProviderProps {
    live: LiveClock,
    children: Html,
}

/// Owns the simulated clock, so that its ticks render this component and the few that
/// show time, not the app. When an analysis falls due, the sandbox catches up.
#[function_component(ClockProvider)]
fn clock_provider(props: &ClockProviderProps) -> Html {
    renders::count("ClockProvider");
    let sandbox = super::state::use_sandbox();
    let clock = use_reducer(|| ClockStore(persist::load_clock(&sandbox)));
    {
        // One interval for the page's life; the clock decides whether a tick moves it.
        let dispatcher = clock.dispatcher();
        use_effect_with((), move |_| {
            let mut last = js_sys::Date::now();
            let interval = gloo::timers::callback::Interval::new(TICK_MS, move || {
                let now = js_sys::Date::now();
                // A background tab fires rarely: never jump more than a second at once.
                let real_ms = (now - last).clamp(0.0, 1_000.0) as u64;
                last = now;
                dispatcher.dispatch(ClockAction::Tick { real_ms });
            });
            move || drop(interval)
        });
    }
    props.live.set(clock.now);
    {
        let (sandbox, now) = (sandbox.clone(), clock.now);
        use_effect_with((now, sandbox.revision), move |_| {
            if sandbox.due(now) {
                sandbox.dispatch(SandboxAction::AdvanceTo(now));
            }
        });
    }
    {
        let clock = clock.clone();
        use_effect_with(clock.save_point(), move |_| {
            let _ = persist::save_clock(&clock);
        });
    }
    html! {
        <ContextProvider<UseReducerDispatcher<ClockStore>> context={clock.dispatcher()}>
        <ContextProvider<Shared<ClockStore>> context={Shared(clock)}>
            { props.children.clone() }
        </ContextProvider<Shared<ClockStore>>>
        </ContextProvider<UseReducerDispatcher<ClockStore>>>
    }
}
