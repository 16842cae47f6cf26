//! Where the page shows a part loaded later (`ui::later`: the evasion lab, the fingerprint
//! page): an empty element naming the part, the loader, and the way a variant from the lab
//! comes back into the sandbox. Nothing else of those parts is in the page's wasm.

use super::intake::use_intake;
use super::lang::use_lang;
use super::state::use_sandbox;
use crate::t;
use wasm_bindgen::JsCast;
use web_sys::{Blob, CustomEvent};
use yew::prelude::*;

/// The loader: it fetches the later parts' wasm once, then mounts the part shown on each call.
const LOADER: &str = "./later-start.js";

#[derive(Properties, PartialEq)]
pub struct LaterPartProps {
    /// `evasion` or `fingerprint`.
    pub part: &'static str,
}

#[function_component(LaterPart)]
pub fn later_part(props: &LaterPartProps) -> Html {
    let lang = use_lang();
    let intake = use_intake();
    let sandbox = use_sandbox();
    let part = props.part;
    // Mount, and mount again for another part or language (the element is replaced then).
    use_effect_with((lang, part), |_| load());
    // A variant sent from the evasion lab goes in from an international phone to a chat with
    // a China-registered member (the lab then shows the sandbox, by its address).
    use_effect_with(sandbox.lab_sender(), move |&target| {
        let listener = web_sys::window().map(|window| {
            gloo::events::EventListener::new(&window, "hashwall-send", move |event| {
                // Only the lab raises this event, always a CustomEvent.
                let detail = event.unchecked_ref::<CustomEvent>().detail();
                let field = |name: &str| js_sys::Reflect::get(&detail, &name.into()).ok();
                let blob: Option<Blob> = field("blob").map(JsCast::unchecked_into);
                let name = field("name").and_then(|n| n.as_string());
                if let (Some(blob), Some(name), Some((sender, chat))) = (blob, name, target) {
                    intake.send_file(&blob, &name, &blob.type_(), chat, sender);
                }
            })
        });
        move || drop(listener)
    });
    html! {
        <>
            <div id="later-part" data-part={part} key={format!("{part}-{}", lang.tag())}></div>
            <p id="later-loading" class="muted">
                {t!("shell.loading")}{" "}<span class="load-failed">{t!("shell.load_failed")}</span>
            </p>
        </>
    }
}

/// Adds the loader's script; run again, it mounts the part shown afresh.
fn load() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let (Ok(script), Some(head)) = (document.create_element("script"), document.head()) {
        let _ = script.set_attribute("src", LOADER);
        let _ = head.append_child(&script);
    }
}
