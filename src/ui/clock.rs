//! The simulated clock's controls: pause, play, step, speed, and the time itself.

use super::format;
use super::store::SandboxHandle;
use crate::scenario::{SandboxAction, Speed};
use yew::prelude::*;

/// Real milliseconds between ticks while playing.
const TICK_MS: u32 = 100;

#[function_component(ClockControls)]
pub fn clock_controls() -> Html {
    let sandbox = use_context::<SandboxHandle>().expect("sandbox context");
    let s = &sandbox.0;

    // One interval for the page's life; it only dispatches ticks, the reducer decides
    // whether time moves (playing) and how far (speed).
    {
        let dispatcher = sandbox.dispatcher();
        use_effect_with((), move |_| {
            let mut last = js_sys::Date::now();
            let interval = gloo::timers::callback::Interval::new(TICK_MS, move || {
                let now = js_sys::Date::now();
                // A background tab fires rarely: never jump more than a second at once.
                let real_ms = (now - last).clamp(0.0, 1_000.0) as u64;
                last = now;
                dispatcher.dispatch(SandboxAction::Tick { real_ms });
            });
            move || drop(interval)
        });
    }

    let toggle = {
        let sandbox = sandbox.clone();
        let playing = s.playing;
        Callback::from(move |_| sandbox.dispatch(SandboxAction::SetPlaying(!playing)))
    };
    let step = {
        let sandbox = sandbox.clone();
        Callback::from(move |_| sandbox.dispatch(SandboxAction::Step))
    };
    let pending = s.platform.pending_jobs().len();
    html! {
        <div class="clock" role="group" aria-label="Simulated clock">
            <span class="clock-time" id="clock-time" title="Simulated time since the scenario started">
                {"t = "}{format::clock(s.platform.now())}
            </span>
            <button id="clock-toggle" class="secondary" onclick={toggle} aria-pressed={(!s.playing).to_string()}>
                { if s.playing { "Pause" } else { "Play" } }
            </button>
            <button id="clock-step" class="secondary" onclick={step}
                title="Jump to the next pending analysis (or one second on)">
                {"Step"}
            </button>
            <span class="speed" role="radiogroup" aria-label="Speed">
                { for Speed::ALL.iter().map(|&speed| {
                    let sandbox = sandbox.clone();
                    let onclick = Callback::from(move |_| sandbox.dispatch(SandboxAction::SetSpeed(speed)));
                    let checked = s.speed == speed;
                    html! {
                        <button role="radio" aria-checked={checked.to_string()} class={classes!("speed-option", checked.then_some("on"))} {onclick}>
                            {speed.label()}
                        </button>
                    }
                }) }
            </span>
            <span class="muted pending">
                { match pending { 0 => "no analysis pending".to_string(), 1 => "1 analysis pending".to_string(), n => format!("{n} analyses pending") } }
            </span>
        </div>
    }
}
