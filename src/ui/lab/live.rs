//! Live mode: a brand-new MD5 collision for any canvas, searched in this browser by the
//! project's own attack, one Web Worker per core racing different seeds. The first to find
//! one wins and the others are stopped; "Cancel" stops them all at once.

use super::super::fields::text_into;
use crate::jobs::{Reply, Request};
use crate::web::background::Background;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Canvas sides the live mode accepts: big enough to see, small enough to forge quickly.
pub const SIDE_RANGE: std::ops::RangeInclusive<u16> = 16..=2048;

/// A collision found live, ready to forge with.
#[derive(Clone, PartialEq)]
pub struct Found {
    pub width: u16,
    pub height: u16,
    /// The blocks-file line the forge reads (and checks again).
    pub line: String,
    pub summary: String,
}

#[derive(Clone, PartialEq, Default)]
struct Search {
    running: bool,
    workers: usize,
    started: f64,
    now: f64,
    /// Latest attempt counts per worker (block 1 + block 2 restarts).
    attempts: Vec<u64>,
    message: Option<String>,
}

enum SearchAction {
    Start { workers: usize, at: f64 },
    Progress { worker: usize, attempts: u64 },
    Tick(f64),
    Stop(Option<String>),
}

impl Reducible for Search {
    type Action = SearchAction;
    fn reduce(self: Rc<Self>, action: SearchAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SearchAction::Start { workers, at } => {
                next = Search {
                    running: true,
                    workers,
                    started: at,
                    now: at,
                    attempts: vec![0; workers],
                    message: None,
                };
            }
            SearchAction::Progress { worker, attempts } => {
                if let Some(slot) = next.attempts.get_mut(worker) {
                    *slot = attempts;
                }
            }
            SearchAction::Tick(now) => next.now = now,
            SearchAction::Stop(message) => {
                next.running = false;
                next.message = message;
            }
        }
        Rc::new(next)
    }
}

fn cores() -> usize {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency() as usize)
        .unwrap_or(1)
        .clamp(1, 16)
}

#[derive(Properties, PartialEq)]
pub struct LiveProps {
    pub on_found: Callback<Found>,
}

#[function_component(LiveSearch)]
pub fn live_search(props: &LiveProps) -> Html {
    let width = use_state(|| "400".to_string());
    let height = use_state(|| "300".to_string());
    let workers_wanted = use_state(cores);
    // Blank: a fresh random seed per search. A number makes the search repeatable.
    let seed_text = use_state(String::new);
    let search = use_reducer(Search::default);
    let workers: Rc<RefCell<Vec<Background>>> = use_mut_ref(Vec::new);

    // The elapsed-time display ticks while searching.
    {
        let dispatcher = search.dispatcher();
        let running = search.running;
        use_effect_with(running, move |&running| {
            let interval = running.then(|| {
                gloo::timers::callback::Interval::new(100, move || {
                    dispatcher.dispatch(SearchAction::Tick(js_sys::Date::now()))
                })
            });
            move || drop(interval)
        });
    }

    let stop_all = {
        let workers = workers.clone();
        // Deferred: a worker's own reply handler may be what asks to stop, and it must not
        // drop itself while it runs. Terminating ends the searches at once.
        move || {
            let workers = workers.clone();
            wasm_bindgen_futures::spawn_local(async move { workers.borrow_mut().clear() });
        }
    };

    let on_start = {
        let (width, height, workers_wanted, search, workers, on_found) = (
            width.clone(),
            height.clone(),
            workers_wanted.clone(),
            search.clone(),
            workers.clone(),
            props.on_found.clone(),
        );
        let seed_text = seed_text.clone();
        let stop_all = stop_all.clone();
        Callback::from(move |_| {
            let size = |text: &str| {
                text.trim()
                    .parse::<u16>()
                    .ok()
                    .filter(|s| SIDE_RANGE.contains(s))
            };
            let (Some(w), Some(h)) = (size(&width), size(&height)) else {
                return search.dispatch(SearchAction::Stop(Some(format!(
                    "the canvas must be {} to {} pixels wide and high",
                    SIDE_RANGE.start(),
                    SIDE_RANGE.end()
                ))));
            };
            let chosen_seed = match seed_text.trim() {
                "" => None,
                text => match text.parse::<u64>() {
                    Ok(seed) => Some(seed),
                    Err(_) => {
                        return search.dispatch(SearchAction::Stop(Some(
                            "the seed must be a whole number from 0 up, or blank for a random one"
                                .into(),
                        )));
                    }
                },
            };
            let n = *workers_wanted;
            let at = js_sys::Date::now();
            search.dispatch(SearchAction::Start { workers: n, at });
            // Worker i searches from seed base + i, so a chosen seed repeats a search exactly.
            let base_seed = chosen_seed.unwrap_or((at as u64).wrapping_mul(1_000_003));
            let mut started = Vec::new();
            for i in 0..n {
                let dispatcher = search.dispatcher();
                let (on_found, stop_all) = (on_found.clone(), stop_all.clone());
                let background = Background::start(move |reply, _| match reply {
                    Reply::Searching {
                        block1_attempts,
                        block2_attempts,
                        ..
                    } => dispatcher.dispatch(SearchAction::Progress {
                        worker: i,
                        attempts: block1_attempts + block2_attempts,
                    }),
                    Reply::Collided {
                        line,
                        seed,
                        searches,
                        variant,
                        block1_attempts,
                        block2_attempts,
                        ..
                    } => {
                        stop_all();
                        let seconds = (js_sys::Date::now() - at) / 1000.0;
                        let summary = format!(
                            "A new collision for {w}×{h}, found in {seconds:.1} s by worker {} of {n} \
                             (seed {seed}, block-2 path {variant}, {block1_attempts} block-1 and \
                             {block2_attempts} block-2 attempts{}), verified in the worker.",
                            i + 1,
                            if searches > 1 {
                                format!(", {searches} searches")
                            } else {
                                String::new()
                            }
                        );
                        dispatcher.dispatch(SearchAction::Stop(Some(summary.clone())));
                        on_found.emit(Found {
                            width: w,
                            height: h,
                            line,
                            summary,
                        });
                    }
                    Reply::Failed { message, .. } => {
                        stop_all();
                        dispatcher.dispatch(SearchAction::Stop(Some(message)));
                    }
                    _ => {}
                });
                let request = Request::Collide {
                    job: background.next_job(),
                    width: w,
                    height: h,
                    seed: base_seed + i as u64,
                };
                // A browser that cannot start the worker says so here; stop rather than wait.
                if let Err(message) = background.send(&request, None) {
                    search.dispatch(SearchAction::Stop(Some(message)));
                    return;
                }
                started.push(background);
            }
            *workers.borrow_mut() = started;
        })
    };
    let on_cancel = {
        let search = search.clone();
        let stop_all = stop_all.clone();
        Callback::from(move |_| {
            stop_all();
            search.dispatch(SearchAction::Stop(Some(
                "Cancelled: every worker was stopped.".into(),
            )));
        })
    };
    // oninput, not onchange: a re-render between typing and leaving the field would otherwise
    // put the old value back into it.
    let text_input = text_into::<InputEvent>;
    let on_workers = {
        let workers_wanted = workers_wanted.clone();
        Callback::from(move |e: Event| {
            if let Ok(n) = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse::<usize>()
            {
                workers_wanted.set(n);
            }
        })
    };

    let attempts: u64 = search.attempts.iter().sum();
    let elapsed = (search.now - search.started).max(0.0) / 1000.0;
    html! {
        <section class="live" aria-labelledby="live-title">
            <h3 id="live-title">{"Live: a brand-new collision, computed here"}</h3>
            <p class="muted small">{"For any canvas size, this browser searches a new MD5 collision with the project's own attack (Wang and Stevens' two-block method), one Web Worker per core, racing different random seeds. It usually takes a few seconds; now and then much longer. Give a seed to repeat a search exactly."}</p>
            <div class="row-form">
                <label>{"Width "}<input id="live-width" type="number" min="16" max="2048" value={(*width).clone()} oninput={text_input(&width)} disabled={search.running} /></label>
                <label>{"Height "}<input id="live-height" type="number" min="16" max="2048" value={(*height).clone()} oninput={text_input(&height)} disabled={search.running} /></label>
                <label>{"Seed "}<input id="live-seed" type="number" min="0" placeholder="random" size="8" value={(*seed_text).clone()} oninput={text_input(&seed_text)} disabled={search.running} /></label>
                <label>{"Workers "}
                    <select id="live-workers" onchange={on_workers} disabled={search.running}>
                        { for (1..=cores()).map(|n| html! { <option value={n.to_string()} selected={n == *workers_wanted}>{n.to_string()}</option> }) }
                    </select>
                </label>
                if search.running {
                    <button id="live-cancel" class="secondary" onclick={on_cancel}>{"Cancel"}</button>
                } else {
                    <button id="live-start" onclick={on_start}>{"Compute a new collision"}</button>
                }
            </div>
            <div aria-live="polite">
                if search.running {
                    <p id="live-progress">{format!("Searching with {} worker{}: {attempts} attempts, {elapsed:.1} s", search.workers, if search.workers == 1 { "" } else { "s" })}</p>
                }
                { for search.message.clone().map(|m| html! { <p id="live-message" class="small">{m}</p> }) }
            </div>
        </section>
    }
}
