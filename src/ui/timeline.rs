//! Behind the scenes: every step of every message through the server, as a timeline with
//! simulated timestamps. Selecting an event highlights its message on the phones and its
//! list entry in the console, and shows the rule behind it.

use super::format;
use super::store::SandboxHandle;
use crate::platform::{Confidence, Content, EntryRef, Event, EventKind, RuleCitation};
use crate::scenario::SandboxAction;
use yew::prelude::*;

/// Events listed at most (the newest); the export has them all.
const SHOWN: usize = 250;

/// A short label and a style class for an event kind.
pub fn label(kind: &EventKind) -> (&'static str, &'static str) {
    match kind {
        EventKind::AccountCreated { .. } => ("account", "setup"),
        EventKind::NumberLinked { .. } => ("number linked", "setup"),
        EventKind::ChatCreated { .. } => ("chat", "setup"),
        EventKind::Sent { .. } => ("sent", "sent"),
        EventKind::Md5Computed { .. } => ("MD5", "md5"),
        EventKind::IndexLookup { hit: true, .. } => ("index hit", "drop"),
        EventKind::IndexLookup { hit: false, .. } => ("index miss", "ok"),
        EventKind::TextChecked {
            matched: Some(_), ..
        } => ("keywords hit", "drop"),
        EventKind::TextChecked { matched: None, .. } => ("keywords pass", "ok"),
        EventKind::Delivered => ("delivered", "ok"),
        EventKind::Dropped => ("dropped", "drop"),
        EventKind::AnalysisQueued { .. } => ("queued", "queue"),
        EventKind::Analysed { flagged: true, .. } => ("flagged", "drop"),
        EventKind::Analysed { flagged: false, .. } => ("analysed", "queue"),
        EventKind::AnalysisSkipped { .. } => ("already listed", "queue"),
        EventKind::HashAdded { .. } => ("MD5 added", "drop"),
        EventKind::Recalled => ("recalled", "sent"),
        EventKind::ListEdited { .. } => ("list edited", "setup"),
        EventKind::OptionsChanged { .. } => ("options", "setup"),
    }
}

fn confidence_class(c: Confidence) -> &'static str {
    match c {
        Confidence::Confirmed | Confidence::Data => "conf confirmed",
        Confidence::Secondary => "conf secondary",
        Confidence::Unconfirmed | Confidence::Assumption => "conf assumption",
    }
}

fn citation(title: &str, c: &RuleCitation) -> Html {
    html! {
        <p class="citation">
            <strong>{title}</strong>{" "}{&c.id}{": "}{c.rule.summary()}
            <br/><span class="muted">{"Source: "}{&c.source}</span>{" "}
            <span class={confidence_class(c.confidence)}>{c.confidence.to_string()}</span>
        </p>
    }
}

#[function_component(Timeline)]
pub fn timeline() -> Html {
    let sandbox = use_context::<SandboxHandle>().expect("sandbox context");
    let s = &sandbox.0;
    let now = s.platform.now();
    let log = s.platform.log();
    let selected = s
        .selected_event
        .and_then(|seq| log.iter().find(|e| e.seq == seq));

    let pending = s.platform.pending_jobs().iter().map(|job| {
        let name = s
            .platform
            .message(job.message)
            .map(|m| match &m.content {
                Content::File(f) => f.name.clone(),
                Content::Text(_) => "a text".into(),
            })
            .unwrap_or_default();
        html! {
            <li class="job">
                {format!("Analysis of message #{} ({name}) due in {}", job.message.0, format::clock(job.due.saturating_sub(now)))}
                <progress aria-hidden="true" max="1" value="0"></progress>
            </li>
        }
    });

    html! {
        <section class="panel server" aria-labelledby="server-title">
            <h2 id="server-title">{"Behind the scenes: the server"}</h2>
            <p class="muted">{"What no user of the platform can see. Newest first; select an event to see its rule and to highlight the message and the list entry."}</p>
            if !s.platform.pending_jobs().is_empty() {
                <ul class="jobs" aria-label="Pending analyses">{ for pending }</ul>
            }
            { for selected.map(detail) }
            <ol class="events" aria-label="Server events" reversed=true>
                { for log.iter().rev().take(SHOWN).map(|e| {
                    let (text, class) = label(&e.kind);
                    let seq = e.seq;
                    let is_selected = s.selected_event == Some(seq);
                    let sandbox = sandbox.clone();
                    let onclick = Callback::from(move |_| {
                        sandbox.dispatch(SandboxAction::SelectEvent((!is_selected).then_some(seq)))
                    });
                    html! {
                        <li class={classes!("event", class)} data-kind={text}>
                            <button class={classes!("event-row", is_selected.then_some("on"))} aria-pressed={is_selected.to_string()} {onclick}>
                                <span class="event-time">{format::clock(e.at)}</span>
                                <span class={classes!("event-kind", class)}>{text}</span>
                                <span class="event-text">{&e.text}</span>
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

fn detail(e: &Event) -> Html {
    let entry = e.entry.as_ref().map(|entry| match entry {
        EntryRef::Hash { feature, md5 } => format!("{feature} hash index: {}", md5.hex()),
        EntryRef::Keyword { id, combination } => format!("keyword entry #{id}: {combination}"),
        EntryRef::Reference { id, name } => format!("visual reference #{id}: {name}"),
    });
    let md5 = match &e.kind {
        EventKind::Md5Computed { md5, .. }
        | EventKind::IndexLookup { md5, .. }
        | EventKind::HashAdded { md5, .. } => Some(md5.hex()),
        _ => None,
    };
    html! {
        <div class="event-detail" id="event-detail" aria-live="polite">
            <h3>{format!("Event {} at {}", e.seq, format::clock(e.at))}</h3>
            <p>{&e.text}</p>
            { for md5.map(|m| html! { <p>{"MD5 "}<code class="digest">{m}</code></p> }) }
            { for entry.map(|x| html! { <p>{"List entry: "}<span class="entry">{x}</span></p> }) }
            { for e.rule.as_ref().map(|c| citation("Rule", c)) }
            { for e.policy.as_ref().map(|c| citation("Applies because", c)) }
        </div>
    }
}
