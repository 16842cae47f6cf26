//! The two-systems sandbox: phones side by side, the sample tray, and — for the
//! instructor — the server's timeline and the censor's console.

use super::clock::ClockControls;
use super::console::CensorConsole;
use super::intake::use_intake;
use super::manage::ManageCast;
use super::persist;
use super::phone::Phone;
use super::renders;
use super::state::{use_clock_dispatch, use_sandbox, use_uploads};
use super::timeline::Timeline;
use super::tray::SampleTray;
use crate::platform::{Action, ChatId, MessageId};
use crate::samples::Sample;
use crate::scenario::uploads::UploadsAction;
use crate::scenario::{ClockAction, SandboxAction, preview_key};
use crate::t;
use web_sys::{File, HtmlElement};
use yew::prelude::*;

#[function_component(SandboxPage)]
pub fn sandbox_page() -> Html {
    renders::count("SandboxPage");
    let _lang = super::lang::use_lang();
    let sandbox = use_sandbox();
    let clock = use_clock_dispatch();
    let uploads = use_uploads();
    let intake = use_intake();
    let backstage = use_node_ref();

    let toggle_behind = {
        let on = sandbox.behind_the_scenes;
        sandbox.callback(move |_: MouseEvent| SandboxAction::SetBehindTheScenes(!on))
    };
    {
        // What the button opens is below the phones: bring it into view, or it looks as if
        // nothing happened.
        let backstage = backstage.clone();
        use_effect_with(sandbox.behind_the_scenes, move |&on| {
            if on && let Some(panel) = backstage.cast::<HtmlElement>() {
                panel.scroll_into_view();
            }
        });
    }
    let reset = {
        let (sandbox, clock) = (sandbox.clone(), clock.clone());
        Callback::from(move |_| {
            let sure = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(&t!("sandbox.page.reset_confirm"))
                        .ok()
                })
                .unwrap_or(true);
            if sure {
                persist::forget_sandbox();
                clock.dispatch(ClockAction::Reset);
                sandbox.state.dispatch(SandboxAction::Reset);
            }
        })
    };
    let dismiss = sandbox.callback(|_: MouseEvent| SandboxAction::DismissError);
    let selected_message = sandbox
        .selected_event
        .and_then(|seq| sandbox.platform.log().iter().find(|e| e.seq == seq))
        .and_then(|e| e.message);

    let phones = sandbox.platform.accounts().iter().map(|account| {
        let id = account.id;
        let Ok(view) = sandbox.platform.view(id) else {
            return html! {};
        };
        let registered = (account.registered_number != account.current_number).then(|| {
            t!(
                "sandbox.page.registered",
                number = account.registered_number
            )
            .into_owned()
        });
        let open = sandbox.open_chat(id);
        let previews: Previews = view
            .chats
            .iter()
            .filter(|c| Some(c.chat) == open)
            .flat_map(|c| &c.messages)
            .filter_map(|m| {
                let url = sandbox.previews.get(&preview_key(m.message))?;
                Some((m.message, AttrValue::from(url.clone())))
            })
            .collect();
        let on_open = sandbox.callback(move |chat| SandboxAction::OpenChat { account: id, chat });
        let on_recall = sandbox
            .callback(move |message| SandboxAction::Platform(Action::Recall { message, by: id }));
        let on_text = sandbox.callback(move |(chat, text): (ChatId, String)| {
            SandboxAction::Platform(Action::SendText {
                chat,
                sender: id,
                text,
            })
        });
        let on_files = {
            let intake = intake.clone();
            Callback::from(move |(chat, files): (ChatId, Vec<File>)| {
                for file in files {
                    intake.send_file(&file, &file.name(), &file.type_(), chat, id);
                }
            })
        };
        let on_sample = {
            let intake = intake.clone();
            Callback::from(move |(chat, sample): (ChatId, Sample)| {
                intake.send_sample(sample, chat, id);
            })
        };
        let on_clear_note = uploads.callback(move |_| UploadsAction::ClearNote(id));
        html! {
            <Phone key={id.0} {view} {registered} {open} highlighted={selected_message}
                {previews} uploads={uploads.of(id).cloned().collect::<Vec<_>>()}
                note={uploads.notes.get(&id).cloned()}
                {on_open} {on_recall} {on_text} {on_files} {on_sample} {on_clear_note} />
        }
    });

    html! {
        <>
            <div class="toolbar">
                <ClockControls />
                <span class="toolbar-right">
                    <button id="behind-toggle" class={classes!("secondary", sandbox.behind_the_scenes.then_some("on"))}
                        aria-pressed={sandbox.behind_the_scenes.to_string()} onclick={toggle_behind}
                        aria-controls={sandbox.behind_the_scenes.then_some("backstage")}
                        title={t!("sandbox.page.behind_title")}>
                        {t!("sandbox.page.behind")}
                    </button>
                    <button id="reset" class="secondary" onclick={reset}>{t!("sandbox.page.reset")}</button>
                </span>
            </div>
            { for sandbox.error.clone().map(|e| html! {
                <p class="banner error" role="alert">{e}{" "}<button class="link" onclick={dismiss}>{t!("sandbox.page.dismiss")}</button></p>
            }) }
            <SampleTray />
            <section class="phones" aria-label={t!("sandbox.page.phones")}>{ for phones }</section>
            if sandbox.behind_the_scenes {
                <div class="backstage" id="backstage" ref={backstage}>
                    <Timeline />
                    <CensorConsole />
                </div>
            }
            <ManageCast />
        </>
    }
}

/// The message ids of an open chat with a preview, for its bubbles.
pub type Previews = Vec<(MessageId, AttrValue)>;
