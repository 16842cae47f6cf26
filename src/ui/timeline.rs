//! Behind the scenes: every step of every message through the server, as a timeline with
//! simulated timestamps. Selecting an event highlights its message on the phones and its
//! list entry in the console, and shows the rule behind it.

use super::cited::Cited;
use super::renders;
use super::state::{use_clock, use_sandbox};
use crate::platform::{Confidence, Content, Event, EventKind, Rule, narrate};
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
        EventKind::IndexLookup {
            listed: Some(_), ..
        } => ("index hit", "drop"),
        EventKind::IndexLookup { listed: None, .. } => ("index miss", "ok"),
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
        EventKind::NotListed { .. } => ("not listed", "queue"),
        EventKind::Recalled { .. } => ("recalled", "sent"),
        EventKind::ListEdited { .. } => ("list edited", "setup"),
        EventKind::OptionsChanged { .. } => ("options", "setup"),
    }
}

/// The style class of a confidence level.
pub fn confidence_class(c: Confidence) -> &'static str {
    match c {
        Confidence::Confirmed | Confidence::Data => "conf confirmed",
        Confidence::Secondary => "conf secondary",
        Confidence::Unconfirmed | Confidence::Assumption => "conf assumption",
    }
}

fn citation(title: &str, rule: Rule) -> Html {
    let r = rule.record();
    html! {
        <p class="citation">
            <strong>{title}</strong>{" "}{r.id}{": "}{r.summary}
            <br/><span class="muted">{"Source: "}<Cited text={r.source()} /></span>{" "}
            <span class={confidence_class(r.confidence)}>{r.confidence.to_string()}</span>
        </p>
    }
}

#[function_component(Timeline)]
pub fn timeline() -> Html {
    renders::count("Timeline");
    let sandbox = use_sandbox();
    let platform = &sandbox.platform;
    let log = platform.log();
    let selected = sandbox
        .selected_event
        .and_then(|seq| log.iter().find(|e| e.seq == seq));

    html! {
        <section class="panel server" aria-labelledby="server-title">
            <h2 id="server-title">{"Behind the scenes: the server"}</h2>
            <p class="muted">{"What no user of the platform can see. Newest first; select an event to see its rule and to highlight the message and the list entry."}</p>
            <PendingJobs />
            { for selected.map(|e| detail(e, &narrate::event(e, platform))) }
            <ol class="events" aria-label="Server events" reversed=true>
                { for log.iter().rev().take(SHOWN).map(|e| {
                    let (kind, class) = label(&e.kind);
                    let seq = e.seq;
                    let selected = sandbox.selected_event == Some(seq);
                    let on_select = sandbox.callback(move |_: ()| SandboxAction::SelectEvent((!selected).then_some(seq)));
                    html! {
                        <EventRow key={seq} at={e.at} {kind} {class} text={narrate::event(e, platform)} {selected} {on_select} />
                    }
                }) }
            </ol>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct EventRowProps {
    pub at: u64,
    pub kind: &'static str,
    pub class: &'static str,
    pub text: AttrValue,
    pub selected: bool,
    pub on_select: Callback<()>,
}

/// One line of the server's log.
#[function_component(EventRow)]
pub fn event_row(props: &EventRowProps) -> Html {
    let onclick = props.on_select.reform(|_: MouseEvent| ());
    html! {
        <li class={classes!("event", props.class)} data-kind={props.kind}>
            <button class={classes!("event-row", props.selected.then_some("on"))} aria-pressed={props.selected.to_string()} {onclick}>
                <span class="event-time">{narrate::time(props.at)}</span>
                <span class={classes!("event-kind", props.class)}>{props.kind}</span>
                <span class="event-text">{&props.text}</span>
            </button>
        </li>
    }
}

/// The analyses waiting for their time, counting down with the clock (the only part of
/// the server view that moves while time passes).
#[function_component(PendingJobs)]
fn pending_jobs() -> Html {
    let sandbox = use_sandbox();
    let clock = use_clock();
    let jobs = sandbox.platform.pending_jobs();
    if jobs.is_empty() {
        return html! {};
    }
    html! {
        <ul class="jobs" aria-label="Pending analyses">
            { for jobs.iter().map(|job| {
                let name = sandbox
                    .platform
                    .message(job.message)
                    .map(|m| match &m.content {
                        Content::File(f) => f.name.clone(),
                        Content::Text(_) => "a text".into(),
                    })
                    .unwrap_or_default();
                html! {
                    <li class="job">
                        {format!("Analysis of message #{} (", job.message.0)}<bdi>{name}</bdi>
                        {format!(") due in {}", narrate::time(job.due.saturating_sub(clock.now)))}
                        <progress aria-hidden="true" max="1" value="0"></progress>
                    </li>
                }
            }) }
        </ul>
    }
}

fn detail(e: &Event, text: &str) -> Html {
    let md5 = match &e.kind {
        EventKind::Md5Computed { md5, .. }
        | EventKind::IndexLookup { md5, .. }
        | EventKind::HashAdded { md5, .. } => Some(md5.hex()),
        _ => None,
    };
    html! {
        <div class="event-detail" id="event-detail" aria-live="polite">
            <h3>{format!("Event {} at {}", e.seq, narrate::time(e.at))}</h3>
            <p>{text}</p>
            { for md5.map(|m| html! { <p>{"MD5 "}<code class="digest">{m}</code></p> }) }
            { for e.entry.as_ref().map(|x| html! { <p>{"List entry: "}<span class="entry"><bdi>{narrate::entry(x)}</bdi></span></p> }) }
            { for e.rule.map(|r| citation("Rule", r)) }
            { for e.policy.map(|r| citation("Applies because", r)) }
        </div>
    }
}
