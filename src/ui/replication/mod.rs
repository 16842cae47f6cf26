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
use crate::web::download::download;
use service::use_replication_service;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// What a step is called, and the button that does it.
fn step_title(step: Step, variant: Variant) -> (&'static str, &'static str) {
    let documents = variant != Variant::Pictures;
    match step {
        Step::Preparing => ("Making this trial's files", "Making the files…"),
        Step::Control => ("1. Control", "Send the control file"),
        Step::Trigger => ("2. Trigger", "Send the sensitive file abroad"),
        Step::Wait => ("3. Wait", "Let the hidden analysis run"),
        // Documents were never blocked on first sending, so the same document measures
        // (sources §6.2, §6.8); pictures need the benign twin.
        Step::Measure if documents => ("4. Measure", "Send the same document"),
        Step::Measure => ("4. Measure", "Send the benign file"),
        Step::Done => ("Result", "Start the next trial"),
    }
}

/// What happens in a step, in words, with the sources that say so.
fn explain(r: &Replication, trial: &Trial, step: Step) -> String {
    let name = |f: Option<&crate::scenario::replication::TrialFile>| {
        f.map(|f| narrate::isolate(&f.facts.name))
            .unwrap_or_default()
    };
    let files = trial.files.as_ref();
    let documents = trial.plan.variant != Variant::Pictures;
    match step {
        Step::Preparing if documents => "The tray's PDF and Word document are marked with the \
                                         trial, where their readers do not look, so neither has \
                                         been seen by the platform before (S1, §6.4)."
            .into(),
        Step::Preparing => "A fresh pair is forged on the spot from the tray's pictures, and every \
                            file of the trial is marked with the trial, so none of them has been seen \
                            by the platform before (S1, §6.4)."
            .into(),
        Step::Control => format!(
            "Amira, registered abroad, sends {}, a harmless file no one has sent before, into the \
             Family group, where Wang Fang is China-registered. A file the server has never seen is \
             not blocked on sending: Wang Fang should receive it (S1, §6.1, §6.8).",
            name(files.map(|f| &f.control))
        ),
        Step::Trigger => format!(
            "Amira sends {} into Friends abroad, a group of international accounts only. Nothing \
             there is filtered: Tom and Lena receive it (S1, S2, §1.2). The server keeps a copy and \
             queues it for analysis (§6.1).{}",
            name(files.map(|f| &f.trigger)),
            if trial.plan.variant == Variant::RecalledDocuments {
                " Amira recalls it at once: it disappears from the chat, but not from the \
                 server (T7, T8, §6.4)."
            } else {
                ""
            }
        ),
        Step::Wait => "A few simulated seconds later the server analyses the file in the background. \
                       If it finds it sensitive, it adds the file's MD5 to the blacklist of group \
                       chats (S1, S3, §4.1, §9, A4). Not every trigger took effect in the study: 49 of \
                       60 images did (T7, §6.4, A20)."
            .to_string(),
        Step::Measure => {
            let what = if documents {
                "the same document".to_string()
            } else {
                format!(
                    "{}, a harmless picture with exactly the same MD5 as the sensitive one",
                    name(files.map(|f| &f.measure))
                )
            };
            format!(
                "Amira sends {what} into the Family group. If Wang Fang does not receive it, the \
                 server must have learned its MD5 from the group abroad: proof that the international \
                 chat was watched (S2, §6.2)."
            )
        }
        Step::Done => {
            let what = if documents {
                "the same document, sent again,"
            } else {
                "the benign file"
            };
            match (r.blocked(trial), r.listed(trial)) {
                (Some(true), _) => format!(
                    "Trial {}: {what} was dropped for Wang Fang, silently. Amira's phone still \
                     says \"sent\" (S5, §2).",
                    trial.plan.n
                ),
                (Some(false), Some(false)) => format!(
                    "Trial {}: {what} reached Wang Fang. This trigger did not take effect, as 11 \
                     of 60 did not in the study (T7, §6.4, A20).",
                    trial.plan.n
                ),
                _ => format!("Trial {}: {what} reached Wang Fang.", trial.plan.n),
            }
        }
    }
}

#[function_component(ReplicationPage)]
pub fn replication_page() -> Html {
    renders::count("ReplicationPage");
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
    let server_view = r.server_view;
    let on_server = r.callback(move |_: Event| ReplicationAction::SetServerView(!server_view));
    let restart = r.callback(|_: MouseEvent| ReplicationAction::Restart {
        seed: super::persist::fresh_seed(),
    });
    let started = !r.trials.is_empty();
    let step_link = super::address::link(&super::address::use_address().shown);

    html! {
        <section class="panel replication" aria-labelledby="replication-title">
            <h2 id="replication-title">{"Guided replication: \u{201c}We Chat, They Watch\u{201d}"}</h2>
            <p><Cited text="In experiments run in 2019 and published in 2020, the Citizen Lab showed that WeChat watches files sent among accounts registered abroad, and blacklists those it finds sensitive for China-registered accounts (S1, S2, §6). Run their experiment here, trial after trial, each with fresh files." /></p>
            <div class="row-form replication-settings">
                <label>{"Files "}
                    <select id="replication-variant" onchange={on_variant} disabled={r.current().is_some_and(|t| t.step != Step::Done)}>
                        { for Variant::ALL.into_iter().map(|v| html! {
                            <option value={format!("{v:?}")} selected={v == r.variant}>{v.label()}</option>
                        }) }
                    </select>
                </label>
                <label class="check"><input type="checkbox" id="replication-deterministic" checked={deterministic} onchange={on_realism} />
                    {" Deterministic, for a demonstration"}</label>
                <span class="muted small">
                    { if deterministic { "Every trigger takes effect.".to_string() } else {
                        format!("Realistic: a trigger takes effect {} % of the time, as 49 of 60 did (run {:x}).", crate::scenario::replication::REALISTIC_PERCENT, r.run_seed)
                    } }
                </span>
                <button class="secondary small" onclick={restart}>{"New run"}</button>
            </div>
            { for r.error.clone().map(|e| html! { <p class="error" role="alert">{e}</p> }) }
            if !started {
                <button id="replication-start" onclick={new_trial.clone()}>{"Start the first trial"}</button>
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
    match step {
        Step::Control => Some(match received(trial.control)? {
            true => "Wang Fang received the control file.".to_string(),
            false => "Wang Fang did not receive the control file.".to_string(),
        }),
        Step::Trigger => trial.trigger.map(|_| {
            "Tom and Lena received it: nothing is filtered among international accounts.".into()
        }),
        Step::Wait => r.listed(trial).map(|listed| match listed {
            true => "The analysis found it sensitive and listed its MD5.".into(),
            false => "Its MD5 was not listed this time.".into(),
        }),
        Step::Measure => Some(match received(trial.measure)? {
            true => "Wang Fang received it.".to_string(),
            false => "Wang Fang never received it, and nothing told her or Amira.".to_string(),
        }),
        Step::Preparing | Step::Done => None,
    }
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
        Some(n) if shown != Step::Done => format!("Step {n} of 4"),
        Some(_) => "Result".to_string(),
        None => "Preparing".to_string(),
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
                    <p class="muted small">{"What the server did:"}</p>
                    if said.is_empty() { <p class="muted small">{"Nothing that step could show."}</p> }
                    <ul>{ for said.into_iter().map(|s| html! { <li class="small">{s}</li> }) }</ul>
                </div>
            }
        })
    };
    let (_, action) = step_title(trial.step, trial.plan.variant);
    html! {
        <div class="trial">
            <h3>{format!("Trial {}", trial.plan.n)}<span class="step-counter" id="step-counter">{counter}</span></h3>
            <ol class="trial-steps" aria-label={format!("Steps of trial {}", trial.plan.n)}>
                { for [Step::Control, Step::Trigger, Step::Wait, Step::Measure].into_iter().map(|s| {
                    let state = if s == shown { "current" } else if s < trial.step { "done" } else { "todo" };
                    html! { <li class={state} aria-current={(s == shown).then_some("step")}>{step_title(s, trial.plan.variant).0}</li> }
                }) }
            </ol>
            <div class="narration" aria-live="polite" id="narration">
                { for last.map(|step| html! {
                    <div class="last-step">
                        <p><strong>{step_title(step, trial.plan.variant).0}{": "}</strong>{outcome(r, trial, step).unwrap_or_default()}</p>
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
                <button class="secondary" id="replication-back" onclick={back} disabled={shown <= Step::Control}>{"Back"}</button>
                if looking_back {
                    <button id="replication-next" onclick={next}>{"Next"}</button>
                } else if trial.step == Step::Done {
                    <button id="replication-next" onclick={new_trial}>{action}</button>
                } else {
                    <button id="replication-next" onclick={next} disabled={trial.step == Step::Preparing}>{action}</button>
                }
                <label class="check"><input type="checkbox" checked={r.server_view} onchange={on_server} />{" Show what the server did"}</label>
                <button class="secondary small" onclick={copy_link}>{"Copy link to this step"}</button>
            </div>
            <div class="replication-chats">
                {chat_view(r, trial, r.cast.trigger_chat, r.cast.tom, "Friends abroad, as Tom sees it (this trial)")}
                {chat_view(r, trial, r.cast.measure_chat, r.cast.wang_fang, "Family group, as Wang Fang sees it (this trial)")}
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
                if messages.is_empty() { <li class="empty muted">{"No messages yet."}</li> }
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
                        None => html! { <span class="muted">{"recalled"}</span> },
                    };
                    html! {
                        <li class={classes!("bubble", m.mine.then_some("mine"))} data-message={m.message.0.to_string()}>
                            {body}
                            <span class="meta">{narrate::time(m.at)}
                                if m.status == MessageStatus::Sent { {" · sent ✓"} }</span>
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
            <h3 id="results-title">{"Results"}</h3>
            <p class="handout-note small">{"hashwall, guided replication of the Citizen Lab's \u{201c}We Chat, They Watch\u{201d} (2020): a simulation in the browser, not WeChat. Sources: the app's Sources page."}</p>
            <p class="tally" id="tally">{{
                let (what, study) = r.measured_file();
                format!(
                    "{} was dropped for the China-registered account in {blocked} of {measured} measured trial{}. The Citizen Lab: {study} (T7, §6.4).",
                    crate::scenario::capitalise(what),
                    if measured == 1 { "" } else { "s" }
                )
            }}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="results-title">
            <table class="results-table" aria-labelledby="results-title">
                <thead><tr>
                    <th scope="col">{"Trial"}</th><th scope="col">{"Chat"}</th><th scope="col">{"File"}</th>
                    <th scope="col">{"MD5"}</th><th scope="col">{"Outcome"}</th><th scope="col">{"Time"}</th>
                </tr></thead>
                <tbody>
                { for rows.iter().map(|row| html! {
                    <tr class={row.step}>
                        <td>{row.trial}</td><td><bdi>{&row.chat}</bdi></td><td><bdi>{&row.file}</bdi></td>
                        <td><code class="digest">{&row.md5}</code></td><td>{&row.outcome}</td><td>{narrate::time(row.time)}</td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
            <div class="row-form">
                <button class="secondary" onclick={export("hashwall-replication.csv", "text/csv", r.csv())}>{"Export results (CSV)"}</button>
                <button class="secondary" onclick={export("hashwall-replication.json", "application/json", r.json())}>{"Export results (JSON)"}</button>
                <button class="secondary" onclick={copy}>{"Copy the summary"}</button>
                <button class="secondary" onclick={print}>{"Print a handout"}</button>
            </div>
            <p class="summary small" id="replication-summary">{summary}</p>
        </div>
    }
}
