//! The collision lab: any two pictures become two JPEG or GIF files with the same MD5, each showing
//! its own picture; or the built-in pair; or a brand-new collision found live. The state is
//! the core's `Lab` (kept by the app, so it survives tab switches and reloads); these
//! components render it and call the lab service.

mod check;
mod hex;
mod notice;
mod pair_view;
mod parser_bar;
mod picker;
mod search;
mod service;

pub use service::LabService;

use super::renders;
use super::state::use_lab;
use crate::scenario::lab::{Format, LabAction, LabStatus, SLOTS, Slot, Work};
use crate::t;
use check::FileCheckView;
use pair_view::{PairRef, PairView};
use picker::PicturePicker;
use search::CollisionSearch;
use service::use_lab_service;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[function_component(LabPage)]
pub fn lab_page() -> Html {
    renders::count("LabPage");
    let _lang = crate::ui::lang::use_lang();
    let lab = use_lab();
    let service = use_lab_service();
    let shipped = use_memo((), |_| crate::forge::shipped_canvases());
    {
        // A visit brings back what the last one kept. The worker (380 KB) starts at once only
        // for a returning visitor with pictures chosen; a first visit (an article's embed, say)
        // starts it on the first touch or key in the lab, well before any pair is asked for.
        let (service, picked) = (service.clone(), lab.picked.clone());
        use_effect_with((), move |_| {
            if picked.iter().any(Option::is_some) {
                service.warm();
            }
            service.restore(&picked);
        });
    }
    let (on_pointer, on_focus) = {
        let (a, b) = (service.clone(), service.clone());
        (
            Callback::from(move |_: PointerEvent| a.warm()),
            Callback::from(move |_: FocusEvent| b.warm()),
        )
    };
    {
        // A collision found live is offered as a pair at once; with both pictures chosen,
        // it is forged on straight away, as the person asked for a pair.
        let (service, lab) = (service.clone(), lab.clone());
        use_effect_with(lab.fresh.clone(), move |fresh| {
            if fresh.is_some() && matches!(lab.status, LabStatus::Ready(_)) && lab.ready_to_forge()
            {
                service.forge(&lab);
            }
        });
    }

    let on_canvas = {
        let lab = lab.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some((w, h)) = value
                .split_once('x')
                .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
            {
                lab.dispatch(LabAction::SetCanvas(w, h));
            }
        })
    };
    let on_format = {
        let lab = lab.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            lab.dispatch(LabAction::SetFormat(if value == "gif" {
                Format::Gif
            } else {
                Format::Jpeg
            }));
        })
    };
    let on_forge = {
        let (service, lab) = (service.clone(), lab.clone());
        Callback::from(move |_| service.forge(&lab))
    };
    let on_builtin = {
        let service = service.clone();
        Callback::from(move |_| service.builtin())
    };
    let fresh = lab.fresh.as_ref().map(|f| (f.width, f.height));
    let pickers = SLOTS.map(|slot| {
        let label = match slot {
            Slot::A => t!("lab.picture_a"),
            Slot::B => t!("lab.picture_b"),
        };
        let on_file = {
            let service = service.clone();
            Callback::from(move |file| service.pick_file(slot, file))
        };
        let on_sample = {
            let service = service.clone();
            Callback::from(move |sample| service.pick_sample(slot, sample))
        };
        let on_broken = {
            let service = service.clone();
            Callback::from(move |_| service.picture_failed(slot))
        };
        html! {
            <PicturePicker {slot} {label} picked={lab.picked[slot.index()].clone()}
                preview={service.preview(slot)} {on_file} {on_sample} {on_broken} />
        }
    });

    html! {
        <section class="panel lab" aria-labelledby="lab-title" onpointerdown={on_pointer} onfocusin={on_focus}>
            <h2 id="lab-title">{t!("lab.title")}</h2>
            <p>{t!("lab.intro")}</p>
            <div class="lab-pickers">{ for pickers }</div>
            <div class="lab-actions">
                <label>{t!("lab.format")}{" "}
                    <select id="lab-format" onchange={on_format}>
                        <option value="jpeg" selected={lab.format == Format::Jpeg}>{t!("lab.format_jpeg")}</option>
                        <option value="gif" selected={lab.format == Format::Gif}>{t!("lab.format_gif")}</option>
                    </select>
                </label>
                if lab.format == Format::Gif {
                <label>{t!("lab.canvas")}{" "}
                    <select id="lab-canvas" onchange={on_canvas}>
                        { for lab.canvases(&shipped).into_iter().map(|(w, h)| {
                            let yours = Some((w, h)) == fresh && !shipped.contains(&(w, h));
                            html! {
                                <option value={format!("{w}x{h}")} selected={(w, h) == lab.canvas}>
                                    { if yours { t!("lab.canvas_yours", width = w, height = h).into_owned() } else { format!("{w} × {h}") } }
                                </option>
                            }
                        }) }
                    </select>
                </label>
                }
                <button id="lab-forge" onclick={on_forge} disabled={!lab.ready_to_forge()}>{t!("lab.forge")}</button>
                <button id="lab-builtin" class="secondary" onclick={on_builtin}>{t!("lab.builtin")}</button>
            </div>
            <CollisionSearch />
            <div aria-live="polite">
                { match &lab.status {
                    LabStatus::Idle if lab.format == Format::Jpeg => html! { <p class="muted">{t!("lab.idle_jpeg")}</p> },
                    LabStatus::Idle => html! { <p class="muted">{t!("lab.idle")}</p> },
                    LabStatus::Working(Work::ForgingJpeg) => html! { <p id="lab-status" class="muted">{t!("lab.forging_jpeg")}</p> },
                    LabStatus::Working(Work::Forging { width, height }) => html! { <p id="lab-status" class="muted">{t!("lab.forging", width = width, height = height)}</p> },
                    LabStatus::Working(Work::LoadingBuiltin) => html! { <p id="lab-status" class="muted">{t!("lab.loading_builtin")}</p> },
                    LabStatus::Failed(why) => html! { <p id="lab-error" class="error" role="alert">{why}</p> },
                    LabStatus::Ready(pair) => {
                        let found = lab.notice.as_ref().filter(|(md5, _)| *md5 == pair.md5).map(|(_, f)| f.clone());
                        html! { <PairView pair={PairRef(pair.clone())} {found} /> }
                    }
                } }
            </div>
            <FileCheckView />
        </section>
    }
}
