//! Somewhere a file can be dropped: it shows that a drag is over it, and hands the drop's
//! data to its owner. (Drops anywhere else are refused by `drop_guard`.)

use wasm_bindgen::JsCast;
use web_sys::{DataTransfer, DragEvent, Node};
use yew::prelude::*;

/// The listeners of a drop zone and whether a drag is over it now.
pub struct DropZone {
    pub dragging: bool,
    pub ondragover: Callback<DragEvent>,
    pub ondragleave: Callback<DragEvent>,
    pub ondrop: Callback<DragEvent>,
}

/// A drop zone whose drops go to `on_drop`.
#[hook]
pub fn use_drop_zone(on_drop: Callback<DataTransfer>) -> DropZone {
    let dragging = use_state(|| false);
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            // Moving from one child of the zone to another is not leaving the zone.
            let node = |t: Option<web_sys::EventTarget>| t.and_then(|t| t.dyn_into::<Node>().ok());
            let inside = node(event.related_target())
                .zip(node(event.current_target()))
                .is_some_and(|(to, zone)| zone.contains(Some(&to)));
            if !inside {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            if let Some(data) = event.data_transfer() {
                on_drop.emit(data);
            }
        })
    };
    DropZone {
        dragging: *dragging,
        ondragover,
        ondragleave,
        ondrop,
    }
}
