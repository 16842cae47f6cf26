//! The two-systems sandbox: phones side by side, the sample tray, and — for the
//! instructor — the server's timeline and the censor's console.

use super::clock::ClockControls;
use super::console::CensorConsole;
use super::live::LiveRegion;
use super::manage::ManageCast;
use super::phone::Phone;
use super::store::{self, SandboxHandle};
use super::timeline::Timeline;
use super::tray::SampleTray;
use crate::scenario::SandboxAction;
use yew::prelude::*;

#[function_component(SandboxPage)]
pub fn sandbox_page() -> Html {
    let sandbox = use_context::<SandboxHandle>().expect("sandbox context");
    let s = &sandbox.0;

    let toggle_behind = {
        let sandbox = sandbox.clone();
        let on = s.behind_the_scenes;
        Callback::from(move |_| sandbox.dispatch(SandboxAction::SetBehindTheScenes(!on)))
    };
    let reset = {
        let sandbox = sandbox.clone();
        Callback::from(move |_| {
            let sure = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message("Start again with the preset people, chats and lists?")
                        .ok()
                })
                .unwrap_or(true);
            if sure {
                store::forget();
                sandbox.dispatch(SandboxAction::Reset);
            }
        })
    };
    let dismiss = {
        let sandbox = sandbox.clone();
        Callback::from(move |_| sandbox.dispatch(SandboxAction::DismissError))
    };

    html! {
        <>
            <div class="toolbar">
                <ClockControls />
                <span class="toolbar-right">
                    <button id="behind-toggle" class={classes!("secondary", s.behind_the_scenes.then_some("on"))}
                        aria-pressed={s.behind_the_scenes.to_string()} onclick={toggle_behind}
                        title="For the instructor: the server's timeline and the censor's lists">
                        {"Behind the scenes"}
                    </button>
                    <button id="reset" class="secondary" onclick={reset}>{"Reset"}</button>
                </span>
            </div>
            { for s.error.clone().map(|e| html! {
                <p class="banner error" role="alert">{e}{" "}<button class="link" onclick={dismiss}>{"Dismiss"}</button></p>
            }) }
            <SampleTray />
            <section class="phones" aria-label="Phones">
                { for s.platform.accounts().iter().map(|a| html! { <Phone account={a.id} /> }) }
            </section>
            if s.behind_the_scenes {
                <div class="backstage">
                    <Timeline />
                    <CensorConsole />
                </div>
            }
            <ManageCast />
            <LiveRegion />
        </>
    }
}
