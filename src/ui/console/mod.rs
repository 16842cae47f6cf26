//! The censor's console: the lists the server filters with, each entry with where it came
//! from, editable; the unconfirmed rules as labelled settings; import and export as JSON.

mod exchange;
mod hashes;
mod keywords;
mod options;
mod references;

use crate::platform::EntryRef;
use crate::scenario::Sandbox;
use yew::prelude::*;

/// The list entry named by the selected timeline event, to highlight.
pub(super) fn selected_entry(s: &Sandbox) -> Option<EntryRef> {
    let seq = s.selected_event?;
    s.platform
        .log()
        .iter()
        .find(|e| e.seq == seq)?
        .entry
        .clone()
}

#[function_component(CensorConsole)]
pub fn censor_console() -> Html {
    html! {
        <section class="panel console" aria-labelledby="console-title">
            <h2 id="console-title">{"The censor's console"}</h2>
            <p class="muted">{"The lists the server uses. Every entry says where it came from: seeded, added by hand, or learned from a message."}</p>
            <hashes::HashLists />
            <keywords::KeywordList />
            <references::ReferenceList />
            <options::OptionList />
            <exchange::Exchange />
        </section>
    }
}
