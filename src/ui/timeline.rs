//! Behind the scenes: every step of every message through the server, as a timeline with
//! simulated timestamps. Selecting an event highlights its message on the phones and its
//! list entry in the console, and shows the rule behind it.

use super::cited::Cited;
use super::format;
use super::renders;
use super::state::{use_clock, use_sandbox};
use crate::platform::{Confidence, Content, Event, EventKind, Rule, narrate};
use crate::scenario::SandboxAction;
use crate::t;
use std::borrow::Cow;
use yew::prelude::*;

/// Events listed at most (the newest); the export has them all.
const SHOWN: usize = 250;

/// A short name and a style class for an event kind. The name is the row's `data-kind`, the
/// same in every language; [`shown_label`] is what the row says.
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
        EventKind::CollisionChecked { blocks } if blocks.is_empty() => ("no collision", "ok"),
        EventKind::CollisionChecked { .. } => ("collision found", "drop"),
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

/// The short label of an event kind, in the current language.
pub fn shown_label(kind: &EventKind) -> Cow<'static, str> {
    match kind {
        EventKind::AccountCreated { .. } => t!("sandbox.timeline.kind.account"),
        EventKind::NumberLinked { .. } => t!("sandbox.timeline.kind.number_linked"),
        EventKind::ChatCreated { .. } => t!("sandbox.timeline.kind.chat"),
        EventKind::Sent { .. } => t!("sandbox.timeline.kind.sent"),
        EventKind::Md5Computed { .. } => t!("sandbox.timeline.kind.md5"),
        EventKind::IndexLookup {
            listed: Some(_), ..
        } => t!("sandbox.timeline.kind.index_hit"),
        EventKind::IndexLookup { listed: None, .. } => t!("sandbox.timeline.kind.index_miss"),
        EventKind::CollisionChecked { blocks } if blocks.is_empty() => {
            t!("sandbox.timeline.kind.no_collision")
        }
        EventKind::CollisionChecked { .. } => t!("sandbox.timeline.kind.collision_found"),
        EventKind::TextChecked {
            matched: Some(_), ..
        } => t!("sandbox.timeline.kind.keywords_hit"),
        EventKind::TextChecked { matched: None, .. } => t!("sandbox.timeline.kind.keywords_pass"),
        EventKind::Delivered => t!("sandbox.timeline.kind.delivered"),
        EventKind::Dropped => t!("sandbox.timeline.kind.dropped"),
        EventKind::AnalysisQueued { .. } => t!("sandbox.timeline.kind.queued"),
        EventKind::Analysed { flagged: true, .. } => t!("sandbox.timeline.kind.flagged"),
        EventKind::Analysed { flagged: false, .. } => t!("sandbox.timeline.kind.analysed"),
        EventKind::AnalysisSkipped { .. } => t!("sandbox.timeline.kind.already_listed"),
        EventKind::HashAdded { .. } => t!("sandbox.timeline.kind.md5_added"),
        EventKind::NotListed { .. } => t!("sandbox.timeline.kind.not_listed"),
        EventKind::Recalled { .. } => t!("sandbox.timeline.kind.recalled"),
        EventKind::ListEdited { .. } => t!("sandbox.timeline.kind.list_edited"),
        EventKind::OptionsChanged { .. } => t!("sandbox.timeline.kind.options"),
    }
}

/// A confidence level's name, in the current language (what `Confidence`'s `Display` says
/// in English).
pub fn confidence_label(c: Confidence) -> Cow<'static, str> {
    match c {
        Confidence::Confirmed => t!("sandbox.confidence.confirmed"),
        Confidence::Secondary => t!("sandbox.confidence.secondary"),
        Confidence::Data => t!("sandbox.confidence.data"),
        Confidence::Unconfirmed => t!("sandbox.confidence.unconfirmed"),
        Confidence::Assumption => t!("sandbox.confidence.assumption"),
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
    let (before, after) = format::around(&t!("sandbox.timeline.source"), "source");
    html! {
        <p class="citation">
            <strong>{title}</strong>{" "}{r.id_text()}{": "}{r.summary_text()}
            <br/><span class="muted">{before}<Cited text={r.source_text()} />{after}</span>{" "}
            <span class={confidence_class(r.confidence)}>{confidence_label(r.confidence)}</span>
        </p>
    }
}

#[function_component(Timeline)]
pub fn timeline() -> Html {
    renders::count("Timeline");
    let _lang = super::lang::use_lang();
    let sandbox = use_sandbox();
    let platform = &sandbox.platform;
    let log = platform.log();
    let selected = sandbox
        .selected_event
        .and_then(|seq| log.iter().find(|e| e.seq == seq));

    html! {
        <section class="panel server" aria-labelledby="server-title">
            <h2 id="server-title">{t!("sandbox.timeline.title")}</h2>
            <p class="muted">{t!("sandbox.timeline.intro")}</p>
            <PendingJobs />
            { for selected.map(|e| detail(e, &narrate::event(e, platform))) }
            <ol class="events" aria-label={t!("sandbox.timeline.events")} reversed=true>
                { for log.iter().rev().take(SHOWN).map(|e| {
                    let (kind, class) = label(&e.kind);
                    let seq = e.seq;
                    let selected = sandbox.selected_event == Some(seq);
                    let on_select = sandbox.callback(move |_: ()| SandboxAction::SelectEvent((!selected).then_some(seq)));
                    let shown = AttrValue::from(shown_label(&e.kind));
                    html! {
                        <EventRow key={seq} at={e.at} {kind} {shown} {class} text={narrate::event(e, platform)} {selected} {on_select} />
                    }
                }) }
            </ol>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct EventRowProps {
    pub at: u64,
    /// The kind's name, for `data-kind`.
    pub kind: &'static str,
    /// The kind's label, as the row shows it.
    pub shown: AttrValue,
    pub class: &'static str,
    pub text: AttrValue,
    pub selected: bool,
    pub on_select: Callback<()>,
}

/// One line of the server's log.
#[function_component(EventRow)]
pub fn event_row(props: &EventRowProps) -> Html {
    let _lang = super::lang::use_lang();
    let onclick = props.on_select.reform(|_: MouseEvent| ());
    html! {
        <li class={classes!("event", props.class)} data-kind={props.kind}>
            <button class={classes!("event-row", props.selected.then_some("on"))} aria-pressed={props.selected.to_string()} {onclick}>
                <span class="event-time">{narrate::time(props.at)}</span>
                <span class={classes!("event-kind", props.class)}>{&props.shown}</span>
                <span class="event-text">{&props.text}</span>
            </button>
        </li>
    }
}

/// The analyses waiting for their time, counting down with the clock (the only part of
/// the server view that moves while time passes).
#[function_component(PendingJobs)]
fn pending_jobs() -> Html {
    let _lang = super::lang::use_lang();
    let sandbox = use_sandbox();
    let clock = use_clock();
    let jobs = sandbox.platform.pending_jobs();
    if jobs.is_empty() {
        return html! {};
    }
    html! {
        <ul class="jobs" aria-label={t!("sandbox.timeline.jobs")}>
            { for jobs.iter().map(|job| {
                let name = sandbox
                    .platform
                    .message(job.message)
                    .map(|m| match &m.content {
                        Content::File(f) => f.name.clone(),
                        Content::Text(_) => t!("sandbox.timeline.a_text").into_owned(),
                    })
                    .unwrap_or_default();
                let (before, after) = format::around(
                    &t!(
                        "sandbox.timeline.job",
                        id = job.message.0,
                        time = narrate::time(job.due.saturating_sub(clock.now))
                    ),
                    "name",
                );
                html! {
                    <li class="job">
                        {before}<bdi>{name}</bdi>{after}
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
            <h3>{t!("sandbox.timeline.event", seq = e.seq, time = narrate::time(e.at))}</h3>
            <p>{text}</p>
            { for md5.map(|m| html! { <p>{"MD5 "}<code class="digest">{m}</code></p> }) }
            { for e.entry.as_ref().map(|x| {
                let (before, after) = format::around(&t!("sandbox.timeline.entry"), "entry");
                html! { <p>{before}<span class="entry"><bdi>{narrate::entry(x)}</bdi></span>{after}</p> }
            }) }
            { for e.rule.map(|r| citation(&t!("sandbox.timeline.rule"), r)) }
            { for e.policy.map(|r| citation(&t!("sandbox.timeline.applies"), r)) }
        </div>
    }
}
