//! The guided replication of "We Chat, They Watch": trials of the Citizen Lab's design, step
//! by step, with narration, the chats as the accounts see them, the server's view on demand,
//! and a results table to export. The state and its rules are the core's
//! (`scenario::replication`); this page renders them and sends actions.

mod service;

pub use service::ReplicationService;

use super::cited::Cited;
use super::format;
use super::renders;
use super::state::use_replication;
use crate::platform::{AccountId, ChatId, MessageStatus, ViewContent, narrate};
use crate::scenario::replication::{Replication, ReplicationAction, Step, Trial, Variant};
use crate::t;
use crate::web::download::download;
use service::use_replication_service;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// What a step is called, and the button that does it.
fn step_title(step: Step, variant: Variant) -> (String, String) {
    let documents = variant != Variant::Pictures;
    let (title, action) = match step {
        Step::Preparing => (
            t!("replication.step.preparing"),
            t!("replication.step.preparing_action"),
        ),
        Step::Control => (
            t!("replication.step.control"),
            t!("replication.step.control_action"),
        ),
        Step::Trigger => (
            t!("replication.step.trigger"),
            t!("replication.step.trigger_action"),
        ),
        Step::Wait => (
            t!("replication.step.wait"),
            t!("replication.step.wait_action"),
        ),
        // Documents were never blocked on first sending, so the same document measures
        // (sources §6.2, §6.8); pictures need the benign twin.
        Step::Measure if documents => (
            t!("replication.step.measure"),
            t!("replication.step.measure_document_action"),
        ),
        Step::Measure => (
            t!("replication.step.measure"),
            t!("replication.step.measure_action"),
        ),
        Step::Done => (
            t!("replication.step.done"),
            t!("replication.step.done_action"),
        ),
    };
    (title.into_owned(), action.into_owned())
}

/// What happens in a step, in words, with the sources that say so.
fn explain(r: &Replication, trial: &Trial, step: Step) -> String {
    let name = |f: Option<&crate::scenario::replication::TrialFile>| {
        f.map(|f| narrate::isolate(&f.facts.name))
            .unwrap_or_default()
    };
    let files = trial.files.as_ref();
    let documents = trial.plan.variant != Variant::Pictures;
    let n = trial.plan.n;
    let text = match step {
        Step::Preparing if documents => t!("replication.explain.preparing_documents"),
        Step::Preparing => t!("replication.explain.preparing"),
        Step::Control => t!(
            "replication.explain.control",
            file = name(files.map(|f| &f.control))
        ),
        Step::Trigger if trial.plan.variant == Variant::RecalledDocuments => t!(
            "replication.explain.trigger_recalled",
            file = name(files.map(|f| &f.trigger))
        ),
        Step::Trigger => t!(
            "replication.explain.trigger",
            file = name(files.map(|f| &f.trigger))
        ),
        Step::Wait => t!("replication.explain.wait"),
        Step::Measure if documents => t!("replication.explain.measure_document"),
        Step::Measure => t!(
            "replication.explain.measure",
            file = name(files.map(|f| &f.measure))
        ),
        Step::Done => match (r.blocked(trial), r.listed(trial), documents) {
            (Some(true), _, false) => t!("replication.explain.dropped", n = n),
            (Some(true), _, true) => t!("replication.explain.dropped_document", n = n),
            (Some(false), Some(false), false) => t!("replication.explain.not_listed", n = n),
            (Some(false), Some(false), true) => {
                t!("replication.explain.not_listed_document", n = n)
            }
            (_, _, false) => t!("replication.explain.reached", n = n),
            (_, _, true) => t!("replication.explain.reached_document", n = n),
        },
    };
    text.into_owned()
}

#[function_component(ReplicationPage)]
pub fn replication_page() -> Html {
    renders::count("ReplicationPage");
    let _lang = super::lang::use_lang();
    let r = use_replication();
    let service = use_replication_service();
    {
        // A trial waiting for its files gets them made (again after a reload, from its plan).
        let service = service.clone();
        let waiting = r
            .current()
            .filter(|t| t.step == Step::Preparing && t.files.is_none())
            .map(|t| t.plan.clone());
        use_effect_with(waiting, move |plan| {
            if let Some(plan) = plan {
                service.prepare(plan);
            }
        });
    }
    let next = r.callback(|_: MouseEvent| ReplicationAction::Next);
    let back = r.callback(|_: MouseEvent| ReplicationAction::Back);
    let new_trial = r.callback(|_: MouseEvent| ReplicationAction::NewTrial);
    let on_variant = r.callback(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        ReplicationAction::SetVariant(
            Variant::ALL
                .into_iter()
                .find(|v| format!("{v:?}") == value)
                .unwrap_or_default(),
        )
    });
    let deterministic = r.deterministic;
    let on_realism =
        r.callback(move |_: Event| ReplicationAction::SetDeterministic(!deterministic));
    let refusing = r.refuses_collisions();
    let on_refusal = r.callback(move |_: Event| ReplicationAction::SetRefuseCollisions(!refusing));
    let server_view = r.server_view;
    let on_server = r.callback(move |_: Event| ReplicationAction::SetServerView(!server_view));
    let restart = r.callback(|_: MouseEvent| ReplicationAction::Restart {
        seed: super::persist::fresh_seed(),
    });
    let started = !r.trials.is_empty();
    let step_link = super::address::link(&super::address::use_address().shown);

    html! {
        <section class="panel replication" aria-labelledby="replication-title">
            <h2 id="replication-title">{t!("replication.page.title")}</h2>
            <p><Cited text={t!("replication.page.intro").into_owned()} /></p>
            <div class="row-form replication-settings">
                <label>{t!("replication.page.files")}{" "}
                    <select id="replication-variant" onchange={on_variant} disabled={r.current().is_some_and(|t| t.step != Step::Done)}>
                        { for Variant::ALL.into_iter().map(|v| html! {
                            <option value={format!("{v:?}")} selected={v == r.variant}>{v.label()}</option>
                        }) }
                    </select>
                </label>
                <label class="check"><input type="checkbox" id="replication-deterministic" checked={deterministic} onchange={on_realism} />
                    {" "}{t!("replication.page.deterministic")}</label>
                <span class="muted small">
                    { if deterministic { t!("replication.page.every_trigger") } else {
                        t!("replication.page.realistic", percent = crate::scenario::replication::REALISTIC_PERCENT, run = format!("{:x}", r.run_seed))
                    } }
                </span>
                <label class="check"><input type="checkbox" id="replication-refuse-collisions" checked={refusing} onchange={on_refusal} />
                    {" "}{t!("replication.page.refuse_collisions")}</label>
                <span class="muted small"><Cited text={t!("replication.page.refuse_collisions_note").into_owned()} /></span>
                <button class="secondary small" onclick={restart}>{t!("replication.page.new_run")}</button>
            </div>
            { for r.error.clone().map(|e| html! { <p class="error" role="alert">{e}</p> }) }
            if !started {
                <button id="replication-start" onclick={new_trial.clone()}>{t!("replication.page.start")}</button>
            }
            { for r.current().map(|trial| trial_view(&r, trial, next.clone(), back.clone(), new_trial.clone(), on_server.clone(), step_link.clone())) }
            if started { <Results /> }
        </section>
    }
}

/// What came of a step already done, in a sentence.
fn outcome(r: &Replication, trial: &Trial, step: Step) -> Option<String> {
    let received = |message| {
        let m = r.sandbox.platform.message(message?).ok()?;
        m.outcomes
            .iter()
            .find(|(who, _)| *who == r.cast.wang_fang)
            .map(|(_, o)| *o == crate::platform::Outcome::Delivered)
    };
    let text = match step {
        Step::Control => match received(trial.control)? {
            true => t!("replication.outcome.control_received"),
            false => t!("replication.outcome.control_missed"),
        },
        Step::Trigger => {
            trial.trigger?;
            t!("replication.outcome.trigger")
        }
        Step::Wait => match r.listed(trial)? {
            true => t!("replication.outcome.listed"),
            false => t!("replication.outcome.not_listed"),
        },
        Step::Measure => match received(trial.measure)? {
            true => t!("replication.outcome.measure_received"),
            false => t!("replication.outcome.measure_missed"),
        },
        Step::Preparing | Step::Done => return None,
    };
    Some(text.into_owned())
}

fn trial_view(
    r: &Replication,
    trial: &Trial,
    next: Callback<MouseEvent>,
    back: Callback<MouseEvent>,
    new_trial: Callback<MouseEvent>,
    on_server: Callback<Event>,
    step_link: String,
) -> Html {
    let shown = r.shown_step().unwrap_or(Step::Preparing);
    let counter = match crate::scenario::address::step_number(shown) {
        Some(n) if shown != Step::Done => t!("replication.trial.counter_step", n = n),
        Some(_) => t!("replication.trial.counter_result"),
        None => t!("replication.trial.counter_preparing"),
    };
    let copy_link = Callback::from(move |_: MouseEvent| super::address::copy(&step_link));
    let looking_back = r.viewing.is_some();
    // Said first: what came of the step just done (when not looking back).
    let last = (!looking_back && trial.step > Step::Control).then(|| trial.step.previous());
    let said = |step: Step| {
        r.server_view.then(|| {
            let said = r.server_said(trial, step);
            html! {
                <div class="server-said">
                    <p class="muted small">{t!("replication.trial.server_did")}</p>
                    if said.is_empty() { <p class="muted small">{t!("replication.trial.server_nothing")}</p> }
                    <ul>{ for said.into_iter().map(|s| html! { <li class="small">{s}</li> }) }</ul>
                </div>
            }
        })
    };
    let (_, action) = step_title(trial.step, trial.plan.variant);
    html! {
        <div class="trial">
            <h3>{t!("replication.trial.title", n = trial.plan.n)}<span class="step-counter" id="step-counter">{counter}</span></h3>
            <ol class="trial-steps" aria-label={t!("replication.trial.steps_label", n = trial.plan.n)}>
                { for [Step::Control, Step::Trigger, Step::Wait, Step::Measure].into_iter().map(|s| {
                    let state = if s == shown { "current" } else if s < trial.step { "done" } else { "todo" };
                    html! { <li class={state} aria-current={(s == shown).then_some("step")}>{step_title(s, trial.plan.variant).0}</li> }
                }) }
            </ol>
            <div class="narration" aria-live="polite" id="narration">
                { for last.map(|step| html! {
                    <div class="last-step">
                        <p><strong>{t!("replication.trial.last_step", step = step_title(step, trial.plan.variant).0)}</strong>{outcome(r, trial, step).unwrap_or_default()}</p>
                        { for said(step) }
                    </div>
                }) }
                <h4>{step_title(shown, trial.plan.variant).0}</h4>
                <p><Cited text={explain(r, trial, shown)} /></p>
                if looking_back {
                    <p><strong>{outcome(r, trial, shown).unwrap_or_default()}</strong></p>
                    { for said(shown) }
                }
            </div>
            <div class="step-nav">
                <button class="secondary" id="replication-back" onclick={back} disabled={shown <= Step::Control}>{t!("replication.trial.back")}</button>
                if looking_back {
                    <button id="replication-next" onclick={next}>{t!("replication.trial.next")}</button>
                } else if trial.step == Step::Done {
                    <button id="replication-next" onclick={new_trial}>{action}</button>
                } else {
                    <button id="replication-next" onclick={next} disabled={trial.step == Step::Preparing}>{action}</button>
                }
                <label class="check"><input type="checkbox" checked={r.server_view} onchange={on_server} />{" "}{t!("replication.trial.server_view")}</label>
                <button class="secondary small" onclick={copy_link}>{t!("replication.trial.copy_link")}</button>
            </div>
            <div class="replication-chats">
                {chat_view(r, trial, r.cast.trigger_chat, r.cast.tom, &t!("replication.trial.chat_trigger"))}
                {chat_view(r, trial, r.cast.measure_chat, r.cast.wang_fang, &t!("replication.trial.chat_measure"))}
            </div>
        </div>
    }
}

/// One chat as one member sees it during this trial: a dropped file simply is not there.
fn chat_view(r: &Replication, trial: &Trial, chat: ChatId, who: AccountId, label: &str) -> Html {
    let platform = &r.sandbox.platform;
    let sent = [trial.control, trial.trigger, trial.measure];
    let messages: Vec<_> = platform
        .view(who)
        .ok()
        .and_then(|v| v.chats.into_iter().find(|c| c.chat == chat))
        .map(|c| c.messages)
        .unwrap_or_default()
        .into_iter()
        .filter(|m| sent.contains(&Some(m.message)))
        .collect();
    let previews: Vec<(crate::platform::MessageId, String)> = trial
        .files
        .iter()
        .flat_map(|f| {
            [
                (trial.control, &f.control),
                (trial.trigger, &f.trigger),
                (trial.measure, &f.measure),
            ]
        })
        .filter_map(|(id, file)| Some((id?, file.preview.clone()?)))
        .collect();
    html! {
        <figure class="mini-chat">
            <figcaption>{label}</figcaption>
            <ol class="messages" aria-label={label.to_string()}>
                if messages.is_empty() { <li class="empty muted">{t!("replication.trial.no_messages")}</li> }
                { for messages.iter().map(|m| {
                    let preview = previews.iter().find(|(id, _)| *id == m.message).map(|(_, url)| url.clone());
                    let body = match &m.content {
                        Some(ViewContent::File { name, md5, .. }) => html! {
                            <>
                                { for preview.map(|src| html! { <img {src} alt="" /> }) }
                                <span class="small"><bdi class="file-name">{name}</bdi>{" · MD5 "}
                                    <code title={md5.hex()}>{format::short_md5(&md5.hex())}</code></span>
                            </>
                        },
                        Some(ViewContent::Text(t)) => html! { <bdi>{t}</bdi> },
                        None => html! { <span class="muted">{t!("replication.trial.recalled")}</span> },
                    };
                    html! {
                        <li class={classes!("bubble", m.mine.then_some("mine"))} data-message={m.message.0.to_string()}>
                            {body}
                            <span class="meta">{narrate::time(m.at)}
                                if m.status == MessageStatus::Sent { {" · "}{t!("replication.trial.sent")} }</span>
                        </li>
                    }
                }) }
            </ol>
        </figure>
    }
}

/// The results of every trial, as a paper would print them, with exports.
#[function_component(Results)]
fn results() -> Html {
    let _lang = super::lang::use_lang();
    let r = use_replication();
    let rows = r.rows();
    let (blocked, measured) = r.tally();
    let summary = r.summary();
    let export = |name: &'static str, mime: &'static str, text: String| {
        Callback::from(move |_| {
            let _ = download(name, mime, text.as_bytes());
        })
    };
    let copy = {
        let summary = summary.clone();
        Callback::from(move |_| super::address::copy(&summary))
    };
    // The browser's print dialog; the stylesheet keeps only the results (a one-page handout).
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <div class="results">
            <h3 id="results-title">{t!("replication.results.title")}</h3>
            <p class="handout-note small">{t!("replication.results.handout")}</p>
            <p class="tally" id="tally">{{
                let (what, study) = r.measured_file();
                let what = crate::scenario::capitalise(&what);
                if measured == 1 {
                    t!("replication.results.tally_one", what = what, blocked = blocked, measured = measured, study = study)
                } else {
                    t!("replication.results.tally_other", what = what, blocked = blocked, measured = measured, study = study)
                }
            }}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="results-title">
            <table class="results-table" aria-labelledby="results-title">
                <thead><tr>
                    <th scope="col">{t!("replication.results.trial")}</th><th scope="col">{t!("replication.results.chat")}</th><th scope="col">{t!("replication.results.file")}</th>
                    <th scope="col">{"MD5"}</th><th scope="col">{t!("replication.results.outcome")}</th><th scope="col">{t!("replication.results.time")}</th>
                </tr></thead>
                <tbody>
                { for rows.iter().map(|row| html! {
                    <tr class={row.step}>
                        <td>{row.trial}</td><td><bdi>{row.shown_chat()}</bdi></td><td><bdi>{&row.file}</bdi></td>
                        <td><code class="digest">{&row.md5}</code></td><td>{row.shown_outcome()}</td><td>{narrate::time(row.time)}</td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
            <div class="row-form">
                <button class="secondary" onclick={export("hashwall-replication.csv", "text/csv", r.csv())}>{t!("replication.results.export_csv")}</button>
                <button class="secondary" onclick={export("hashwall-replication.json", "application/json", r.json())}>{t!("replication.results.export_json")}</button>
                <button class="secondary" onclick={copy}>{t!("replication.results.copy_summary")}</button>
                <button class="secondary" onclick={print}>{t!("replication.results.print")}</button>
            </div>
            <p class="summary small" id="replication-summary">{summary}</p>
        </div>
    }
}
