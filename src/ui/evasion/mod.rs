//! The evasion lab (F7), one of the parts loaded later (`super::later`): pick or drop a
//! picture, and see which filters still catch each variant of it.
//!
//! The lab speaks to the page in one way only: a `hashwall-send` event on the window whose
//! `detail` is `{blob, name}`, which the page sends into the sandbox (`super::later_mount`).

mod grid;

use crate::filters::variants::Variant;
use crate::jobs::{Reply, Request};
use crate::scenario::evasion::{EvasionAction, EvasionLab};
use crate::t;
use crate::web::worker_client::WorkerClient;
use grid::Grid;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The event the lab raises to send a variant into the sandbox.
pub const SEND_EVENT: &str = "hashwall-send";

/// [`EvasionLab`] as Yew state.
#[derive(Default, PartialEq)]
struct Store(EvasionLab);

impl Reducible for Store {
    type Action = EvasionAction;
    fn reduce(self: Rc<Self>, action: EvasionAction) -> Rc<Self> {
        let mut next = self.0.clone();
        next.reduce(action);
        Rc::new(Store(next))
    }
}

/// The two workers of one run. Dropping them stops both, and what they still owed fails
/// quietly (answers for an older run change nothing).
struct Workers {
    main: WorkerClient,
    ocr: WorkerClient,
}

/// The variant files of the current run and their names, for "send to sandbox".
type Files = Rc<RefCell<HashMap<Variant, (Blob, String)>>>;

#[function_component(Lab)]
pub fn lab() -> Html {
    let state = use_reducer(Store::default);
    let workers = use_mut_ref(|| None::<Rc<Workers>>);
    let files: Files = use_mut_ref(HashMap::new);
    let notice = use_state(|| None::<AttrValue>);

    let run = {
        let (dispatch, workers, files, notice, next) = (
            state.dispatcher(),
            workers.clone(),
            files.clone(),
            notice.clone(),
            state.0.run + 1,
        );
        Callback::from(move |(blob, name): (Blob, String)| {
            notice.set(None);
            dispatch.dispatch(EvasionAction::Start {
                name: name.clone(),
                size: blob.size() as u64,
            });
            files.borrow_mut().clear();
            let fresh = Rc::new(Workers {
                main: WorkerClient::new(),
                ocr: WorkerClient::ocr(),
            });
            let weak = Rc::downgrade(&fresh);
            *workers.borrow_mut() = Some(fresh);
            try_all(next, blob, name, weak, dispatch.clone(), files.clone());
        })
    };

    let on_file = {
        let run = run.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                run.emit((file.clone().into(), file.name()));
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let run = run.clone();
        Callback::from(move |data: web_sys::DataTransfer| {
            if let Some(file) = data.files().and_then(|f| f.get(0)) {
                run.emit((file.clone().into(), file.name()));
            }
        })
    };
    let zone = super::drop_zone::use_drop_zone(on_drop);
    let on_sample = {
        let (run, notice) = (run.clone(), notice.clone());
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            // The menu keeps showing the picture tried: arrow keys then step through the tray.
            try_sample(&select.value(), run.clone(), notice.clone());
        })
    };
    let on_send = {
        let (files, notice) = (files.clone(), notice.clone());
        Callback::from(move |variant: Variant| {
            if let Some((blob, name)) = files.borrow().get(&variant) {
                notice.set(None);
                send(blob, name);
            }
        })
    };

    let lab = &state.0;
    let pictures = crate::samples::catalogue()
        .into_iter()
        .filter(|s| s.kind == crate::samples::SampleKind::Picture && !s.id.starts_with("twin-"));
    html! {
        <section class="panel evasion" aria-labelledby="evasion-title">
            <h2 id="evasion-title">{t!("evasion.title")}</h2>
            <p>{t!("evasion.intro")}</p>
            <p class="muted small"><super::cited::Cited text={t!("evasion.hypothesis").into_owned()} /></p>
            <div class={classes!("drop-zone", "evasion-pick", zone.dragging.then_some("dragging"))}
                ondragover={zone.ondragover} ondragleave={zone.ondragleave} ondrop={zone.ondrop}>
                <super::file_picker::FilePicker id="evasion-file" label={t!("evasion.pick").into_owned()}
                    accept="image/*" class="button" on_change={on_file} />
                <label class="evasion-sample">
                    <span class="visually-hidden">{t!("evasion.sample_label")}</span>
                    <select onchange={on_sample} aria-label={t!("evasion.sample_label")}>
                        <option value="" selected=true>{t!("evasion.sample_none")}</option>
                        { for pictures.map(|s| html! { <option value={s.id}>{s.shown_title()}</option> }) }
                    </select>
                </label>
            </div>
            if let Some(text) = (*notice).clone() {
                <p class="banner error" role="alert">{text}</p>
            }
            if let Some(why) = &lab.error {
                <p class="banner error" role="alert">{why.clone()}</p>
            }
            if !lab.rows.is_empty() {
                <Grid lab={Rc::new(lab.clone())} {on_send} />
            }
        </section>
    }
}

/// Asks the workers for every variant of `blob`: the main worker makes and judges each, then
/// the OCR worker reads it. A file that is no picture stops at the first question.
fn try_all(
    run: u32,
    blob: Blob,
    name: String,
    workers: Weak<Workers>,
    dispatch: UseReducerDispatcher<Store>,
    files: Files,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let Some(main) = workers.upgrade() else {
            return;
        };
        let inspected = main.main.request(Request::Inspect, &[&blob], |_| {});
        drop(main);
        if let Err(why) = inspected.await {
            dispatch.dispatch(EvasionAction::Refused {
                run,
                message: t!("evasion.not_a_picture", why = why).into_owned(),
            });
            return;
        }
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(s, _)| s)
            .to_string();
        for variant in Variant::all() {
            let Some(both) = workers.upgrade() else {
                return;
            };
            let made = both
                .main
                .request(Request::Evade { variant }, &[&blob], |_| {});
            drop(both);
            let (workers, dispatch, files, stem) = (
                workers.clone(),
                dispatch.clone(),
                files.clone(),
                stem.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let (row, mime, preview, file) = match made.await {
                    Ok(Reply::Evaded {
                        row,
                        mime,
                        preview,
                        file,
                    }) => (row, mime, preview, file),
                    Ok(_) => return,
                    Err(why) => {
                        dispatch.dispatch(EvasionAction::MakeFailed {
                            run,
                            variant,
                            message: why.to_string(),
                        });
                        return;
                    }
                };
                let Some(variant_blob) = crate::web::download::blob(&file, &mime) else {
                    return;
                };
                let name = format!("{stem}-{}.{}", variant.slug(), extension(&mime));
                files
                    .borrow_mut()
                    .insert(variant, (variant_blob.clone(), name));
                dispatch.dispatch(EvasionAction::Made {
                    run,
                    variant,
                    row,
                    preview,
                    mime,
                });
                let Some(both) = workers.upgrade() else {
                    return;
                };
                let read = both
                    .ocr
                    .request(Request::ReadText, &[&variant_blob], |_| {});
                drop(both);
                dispatch.dispatch(match read.await {
                    Ok(Reply::TextRead { text, confidence }) => EvasionAction::Read {
                        run,
                        variant,
                        text,
                        confidence,
                    },
                    Ok(_) => return,
                    Err(why) => EvasionAction::ReadFailed {
                        run,
                        variant,
                        message: why.to_string(),
                    },
                });
            });
        }
    });
}

fn extension(mime: &str) -> &str {
    mime.rsplit('/')
        .next()
        .map_or("bin", |e| if e == "jpeg" { "jpg" } else { e })
}

/// Fetches a tray picture and tries it.
fn try_sample(id: &str, run: Callback<(Blob, String)>, notice: UseStateHandle<Option<AttrValue>>) {
    let Some(sample) = crate::samples::catalogue()
        .into_iter()
        .find(|s| s.id == id && s.kind == crate::samples::SampleKind::Picture)
    else {
        return;
    };
    let (Some(url), Some(file_name)) = (super::samples::url(&sample), sample.file_name) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        match crate::web::fetch::own_file(&url).await {
            Ok(blob) => run.emit((blob, file_name.to_string())),
            Err(why) => notice.set(Some(t!("evasion.sample_failed", why = why).into())),
        }
    });
}

/// Hands a variant to the page, which sends it into the sandbox.
fn send(blob: &Blob, name: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"blob".into(), blob);
    let _ = js_sys::Reflect::set(&detail, &"name".into(), &JsValue::from_str(name));
    let _ = js_sys::Reflect::set(&detail, &"mime".into(), &JsValue::from_str(&blob.type_()));
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(SEND_EVENT, &init) {
        let _ = window.dispatch_event(event.unchecked_ref());
        // The page follows its address: the sandbox shows the message arriving.
        let _ = window.location().set_hash("sandbox");
    }
}
