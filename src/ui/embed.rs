//! The display the address asks for (embed, theme, presenter), applied to the document; and, inside a
//! host page's iframe, the content's height reported to the host whenever it changes, so the
//! frame fits its content without a scroll bar (`scenario::embed` builds the messages).

use crate::scenario::embed::{Display, HeightMessage, Theme, height_messages};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, ResizeObserver, Window};
use yew::prelude::*;

/// Marks the document (`data-theme`, `data-embed`, `data-presenter`) for the stylesheet.
fn apply(theme: Theme, embed: bool, presenter: bool) {
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
    for (name, on) in [("data-embed", embed), ("data-presenter", presenter)] {
        let _ = if on {
            root.set_attribute(name, "")
        } else {
            root.remove_attribute(name)
        };
    }
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
pub fn use_display(display: &Display, presenter: bool) {
    let display = display.clone();
    use_effect_with((display, presenter), |(display, presenter)| {
        let presenter = *presenter;
        apply(display.theme, display.embed, presenter);
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
                    apply(theme, embed, presenter);
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
