//! The simulated clock's controls: the time, pause and play, step, and the speed (one radio
//! group: a single Tab stop, arrow keys choose, as a radio group should).

use super::renders;
use super::state::{use_clock, use_sandbox};
use crate::platform::narrate;
use crate::scenario::{ClockAction, SandboxAction, Speed};
use crate::t;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[function_component(ClockControls)]
pub fn clock_controls() -> Html {
    renders::count("ClockControls");
    let _lang = super::lang::use_lang();
    let clock = use_clock();
    let sandbox = use_sandbox();
    let toggle = {
        let playing = clock.playing;
        clock.callback(move |_: MouseEvent| ClockAction::SetPlaying(!playing))
    };
    let step = {
        let (clock, sandbox) = (clock.clone(), sandbox.clone());
        Callback::from(move |_| {
            let target = sandbox.step_target(clock.now);
            clock.dispatch(ClockAction::JumpTo(target));
            sandbox.state.dispatch(SandboxAction::AdvanceTo(target));
        })
    };
    let pending = sandbox.platform.pending_jobs().len();
    html! {
        <div class="clock" role="group" aria-label={t!("sandbox.clock.label")}>
            <span class="clock-time" id="clock-time" title={t!("sandbox.clock.time_title")}>
                {"t = "}{narrate::time(clock.now)}
            </span>
            <button id="clock-toggle" class="secondary" onclick={toggle} aria-pressed={(!clock.playing).to_string()}>
                { if clock.playing { t!("sandbox.clock.pause") } else { t!("sandbox.clock.play") } }
            </button>
            <button id="clock-step" class="secondary" onclick={step}
                title={t!("sandbox.clock.step_title")}>
                {t!("sandbox.clock.step")}
            </button>
            <SpeedChoice speed={clock.speed} on_change={clock.callback(ClockAction::SetSpeed)} />
            <span class="muted pending">
                { match pending {
                    0 => t!("sandbox.clock.pending_none"),
                    1 => t!("sandbox.clock.pending_one"),
                    n => t!("sandbox.clock.pending_other", n = n),
                } }
            </span>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SpeedChoiceProps {
    pub speed: Speed,
    pub on_change: Callback<Speed>,
}

/// The speeds as one radio group: only the chosen one is a Tab stop; arrows move the choice
/// and the focus with it.
#[function_component(SpeedChoice)]
pub fn speed_choice(props: &SpeedChoiceProps) -> Html {
    let _lang = super::lang::use_lang();
    let group = use_node_ref();
    let onkeydown = {
        let (speed, on_change, group) = (props.speed, props.on_change.clone(), group.clone());
        Callback::from(move |e: KeyboardEvent| {
            let at = Speed::ALL.iter().position(|&s| s == speed).unwrap_or(0);
            let n = Speed::ALL.len();
            let next = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => (at + 1) % n,
                "ArrowLeft" | "ArrowUp" => (at + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            on_change.emit(Speed::ALL[next]);
            // The newly checked radio takes the focus, as in a native radio group.
            if let Some(button) = group
                .cast::<web_sys::Element>()
                .and_then(|g| g.query_selector_all("[role=radio]").ok())
                .and_then(|all| all.get(next as u32))
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        })
    };
    html! {
        <span class="speed" role="radiogroup" aria-label={t!("sandbox.clock.speed")} ref={group} {onkeydown}>
            { for Speed::ALL.iter().map(|&speed| {
                let checked = props.speed == speed;
                let onclick = props.on_change.reform(move |_: MouseEvent| speed);
                html! {
                    <button role="radio" aria-checked={checked.to_string()} tabindex={if checked { "0" } else { "-1" }}
                        class={classes!("speed-option", checked.then_some("on"))} {onclick}>
                        {speed.label()}
                    </button>
                }
            }) }
        </span>
    }
}
