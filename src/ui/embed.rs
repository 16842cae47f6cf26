//! The display the address asks for (embed, theme), applied to the document; and, inside a
//! host page's iframe, the content's height reported to the host whenever it changes, so the
//! frame fits its content without a scroll bar (`scenario::embed` builds the messages).

use crate::scenario::embed::{Display, HeightMessage, Theme, height_messages};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, ResizeObserver, Window};
use yew::prelude::*;

/// The display named by the address.
pub fn current_display() -> Display {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    Display::parse(&search)
}

/// Marks the document (`data-theme`, `data-embed`) for the stylesheet.
fn apply(theme: Theme, embed: bool) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme {
        Theme::Auto => root.remove_attribute("data-theme"),
        theme => root.set_attribute("data-theme", theme.name()),
    };
    let _ = if embed {
        root.set_attribute("data-embed", "")
    } else {
        root.remove_attribute("data-embed")
    };
}

/// The host page, when this page is in a frame.
fn host(window: &Window) -> Option<Window> {
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, window)).then_some(parent)
}

fn post(host: &Window, message: &HeightMessage) {
    let value = match message {
        HeightMessage::Json(json) => js_sys::JSON::parse(&json.to_string()).ok(),
        HeightMessage::Text(text) => Some(JsValue::from_str(text)),
    };
    // Only a height crosses, so any host may hear it ("*").
    if let Some(value) = value {
        let _ = host.post_message(&value, "*");
    }
}

/// Applies `display` and, embedded, keeps the host told of the height. A host may also send
/// `{"hashwall-theme": "light" | "dark" | "auto"}` to match its own theme.
#[hook]
pub fn use_display(display: &Display) {
    let display = display.clone();
    use_effect_with(display, |display| {
        apply(display.theme, display.embed);
        let window = web_sys::window();
        let host = window.as_ref().and_then(host);
        let embed = display.embed;
        let on_theme = window.as_ref().map(|w| {
            gloo::events::EventListener::new(w, "message", move |event| {
                let Some(event) = event.dyn_ref::<MessageEvent>() else {
                    return;
                };
                let theme = js_sys::Reflect::get(&event.data(), &"hashwall-theme".into())
                    .ok()
                    .and_then(|t| t.as_string())
                    .and_then(|t| Theme::named(&t));
                if let Some(theme) = theme {
                    apply(theme, embed);
                }
            })
        });
        let observer = match (display.embed, host, window) {
            (true, Some(host), Some(window)) => report_heights(&window, host, &display.frame_id),
            _ => None,
        };
        move || {
            drop(on_theme);
            if let Some((observer, _callback)) = observer {
                observer.disconnect();
            }
        }
    });
}

type Observer = (ResizeObserver, Closure<dyn FnMut()>);

/// Watches the body's size and posts its height to `host` each time it changes.
fn report_heights(window: &Window, host: Window, frame_id: &str) -> Option<Observer> {
    let body = window.document()?.body()?;
    let last = Rc::new(Cell::new(0u32));
    let (id, measured) = (frame_id.to_string(), body.clone());
    let callback = Closure::<dyn FnMut()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil() as u32;
        if height != last.get() {
            last.set(height);
            for message in height_messages(height, &id) {
                post(&host, &message);
            }
        }
    });
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&body);
    Some((observer, callback))
}
