//! The censor's console: the lists the server filters with, each entry with where it came
//! from, editable; the unconfirmed rules as labelled settings; import and export as JSON.

mod exchange;
mod hashes;
mod keywords;
mod options;
mod references;

use crate::filters::Provenance;
use crate::platform::{EntryRef, narrate, seeded_source_text};
use crate::scenario::Sandbox;
use crate::t;
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

/// Where a list entry came from, in the page's language (a seeded source's own words too).
pub(super) fn provenance(p: &Provenance) -> String {
    match p {
        Provenance::Seeded { source } => narrate::provenance(&Provenance::Seeded {
            source: seeded_source_text(source),
        }),
        other => narrate::provenance(other),
    }
}

#[function_component(CensorConsole)]
pub fn censor_console() -> Html {
    let _lang = super::lang::use_lang();
    html! {
        <section class="panel console" aria-labelledby="console-title">
            <h2 id="console-title">{t!("console.title")}</h2>
            <p class="muted">{t!("console.intro")}</p>
            <hashes::HashLists />
            <keywords::KeywordList />
            <references::ReferenceList />
            <options::OptionList />
            <exchange::Exchange />
        </section>
    }
}
