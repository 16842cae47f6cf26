//! Live mode: a brand-new MD5 collision (the universal JPEG one, or one for any GIF canvas),
//! searched in this browser by the
//! project's own attack, one Web Worker per core racing different seeds. The first to find
//! one wins and the others are stopped; "Cancel" stops them all at once. The race's state and
//! its rules are the core's (`scenario::lab::Search`); this is its form and its progress.

use super::super::fields::text_into;
use super::super::state::use_lab;
use super::service::use_lab_service;
use crate::scenario::lab::{Format, LabAction, SIDE_RANGE};
use crate::t;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

fn cores() -> usize {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency() as usize)
        .unwrap_or(1)
        .clamp(1, 16)
}

#[function_component(CollisionSearch)]
pub fn collision_search() -> Html {
    let _lang = crate::ui::lang::use_lang();
    let lab = use_lab();
    let service = use_lab_service();
    let search = &lab.search;
    let width = use_state(|| search.width.to_string());
    let height = use_state(|| search.height.to_string());
    let workers = use_state(cores);
    // Blank: a fresh random seed per search. A number makes the search repeatable.
    let seed = use_state(String::new);

    {
        // The elapsed time ticks while searching.
        let lab = lab.clone();
        use_effect_with(search.running, move |&running| {
            let interval = running.then(|| {
                gloo::timers::callback::Interval::new(100, move || {
                    lab.dispatch(LabAction::SearchTick(js_sys::Date::now()));
                })
            });
            move || drop(interval)
        });
    }
    let format = lab.format;
    let on_start = {
        let (service, width, height, seed, workers) = (
            service.clone(),
            width.clone(),
            height.clone(),
            seed.clone(),
            workers.clone(),
        );
        Callback::from(move |_| service.start_search(format, &width, &height, &seed, *workers))
    };
    let on_cancel = Callback::from(move |_| service.cancel_search());
    // oninput, not onchange: a re-render between typing and leaving the field would otherwise
    // put the old value back into it.
    let text_input = text_into::<InputEvent>;
    let on_workers = {
        let workers = workers.clone();
        Callback::from(move |e: Event| {
            if let Ok(n) = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse::<usize>()
            {
                workers.set(n);
            }
        })
    };
    let (min, max) = (SIDE_RANGE.start().to_string(), SIDE_RANGE.end().to_string());
    let running = search.running;
    html! {
        <section class="live" aria-labelledby="live-title">
            <h3 id="live-title">{t!("lab.live.title")}</h3>
            <p class="muted small">{ if format == Format::Jpeg { t!("lab.live.intro_jpeg") } else { t!("lab.live.intro") } }</p>
            <div class="row-form">
                if format == Format::Gif {
                <label>{t!("lab.live.width")}{" "}<input id="live-width" type="number" min={min.clone()} max={max.clone()} value={(*width).clone()} oninput={text_input(&width)} disabled={running} /></label>
                <label>{t!("lab.live.height")}{" "}<input id="live-height" type="number" min={min} max={max} value={(*height).clone()} oninput={text_input(&height)} disabled={running} /></label>
                }
                <label>{t!("lab.live.seed")}{" "}<input id="live-seed" type="number" min="0" placeholder={t!("lab.live.random")} size="8" value={(*seed).clone()} oninput={text_input(&seed)} disabled={running} /></label>
                <label>{t!("lab.live.workers")}{" "}
                    <select id="live-workers" onchange={on_workers} disabled={running}>
                        { for (1..=cores()).map(|n| html! { <option value={n.to_string()} selected={n == *workers}>{n.to_string()}</option> }) }
                    </select>
                </label>
                if running {
                    <button id="live-cancel" class="secondary" onclick={on_cancel}>{t!("lab.live.cancel")}</button>
                } else {
                    <button id="live-start" onclick={on_start}>{t!("lab.live.start")}</button>
                }
            </div>
            <div aria-live="polite">
                if running {
                    <p id="live-progress">{ if search.attempts.len() == 1 {
                        t!(
                            "lab.live.progress_one",
                            attempts = search.total_attempts(),
                            seconds = format!("{:.1}", search.elapsed_s())
                        )
                    } else {
                        t!(
                            "lab.live.progress_other",
                            workers = search.attempts.len(),
                            attempts = search.total_attempts(),
                            seconds = format!("{:.1}", search.elapsed_s())
                        )
                    } }</p>
                }
                { for search.message.as_ref().map(|m| html! { <p id="live-message" class="small">{m.to_string()}</p> }) }
            </div>
        </section>
    }
}
