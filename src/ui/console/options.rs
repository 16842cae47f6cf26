//! The behaviours the research left open, as labelled settings with their sources.

use super::super::store::SandboxHandle;
use crate::platform::{Action, Confidence, DelayRange, LearnTarget, Options};
use crate::scenario::SandboxAction;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

fn confidence_class(c: Confidence) -> &'static str {
    match c {
        Confidence::Confirmed | Confidence::Data => "conf confirmed",
        Confidence::Secondary => "conf secondary",
        Confidence::Unconfirmed | Confidence::Assumption => "conf assumption",
    }
}

/// Seconds typed by a person, as milliseconds.
fn millis(text: &str) -> Option<u64> {
    let seconds: f64 = text.trim().replace(',', ".").parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| (seconds * 1000.0).round() as u64)
}

#[function_component(OptionList)]
pub fn option_list() -> Html {
    let sandbox = use_context::<SandboxHandle>().expect("sandbox context");
    let options = sandbox.0.platform.options().clone();
    let set = {
        let sandbox = sandbox.clone();
        move |next: Options| sandbox.dispatch(SandboxAction::Platform(Action::SetOptions(next)))
    };

    let control = |key: &'static str, label: &'static str| -> Html {
        let id = format!("option-{key}");
        let options = options.clone();
        let set = set.clone();
        match key {
            "mixed_group_international_receive"
            | "analyse_international_text"
            | "realtime_novel_images" => {
                let checked = match key {
                    "mixed_group_international_receive" => {
                        options.mixed_group_international_receive
                    }
                    "analyse_international_text" => options.analyse_international_text,
                    _ => options.realtime_novel_images,
                };
                let onchange = Callback::from(move |_| {
                    let mut next = options.clone();
                    match key {
                        "mixed_group_international_receive" => {
                            next.mixed_group_international_receive ^= true
                        }
                        "analyse_international_text" => next.analyse_international_text ^= true,
                        _ => next.realtime_novel_images ^= true,
                    }
                    set(next);
                });
                html! { <label class="check" for={id.clone()}><input {id} type="checkbox" {checked} {onchange} />{" "}{label}</label> }
            }
            "learned_hash_target" => {
                let all = options.learned_hash_target == LearnTarget::AllFeatures;
                let onchange = Callback::from(move |e: Event| {
                    let mut next = options.clone();
                    next.learned_hash_target =
                        if e.target_unchecked_into::<HtmlSelectElement>().value() == "chat" {
                            LearnTarget::ChatFeature
                        } else {
                            LearnTarget::AllFeatures
                        };
                    set(next);
                });
                html! {
                    <label for={id.clone()}>{label}{" "}
                        <select {id} {onchange}>
                            <option value="all" selected={all}>{"every chat feature's index"}</option>
                            <option value="chat" selected={!all}>{"the index of the chat feature it was sent in"}</option>
                        </select>
                    </label>
                }
            }
            "realtime_novel_percent" => {
                let percent = options.realtime_novel_percent.to_string();
                let onchange = Callback::from(move |e: Event| {
                    let value = e.target_unchecked_into::<HtmlInputElement>().value();
                    if let Ok(percent) = value.trim().parse::<u8>() {
                        let mut next = options.clone();
                        next.realtime_novel_percent = percent.min(100);
                        set(next);
                    }
                });
                html! {
                    <label for={id.clone()}>{label}{" "}
                        <input {id} type="number" min="0" max="100" value={percent} {onchange} />{" %"}
                    </label>
                }
            }
            _ => {
                let range = match key {
                    "visual_delay" => options.visual_delay,
                    "ocr_delay" => options.ocr_delay,
                    _ => options.document_delay,
                };
                let bound = |is_min: bool| {
                    let options = options.clone();
                    let set = set.clone();
                    let sandbox = sandbox.clone();
                    Callback::from(move |e: Event| {
                        let text = e.target_unchecked_into::<HtmlInputElement>().value();
                        let Some(ms) = millis(&text) else {
                            return sandbox.dispatch(SandboxAction::Report(format!(
                                "{text:?} is not a number of seconds"
                            )));
                        };
                        let mut next = options.clone();
                        let r: &mut DelayRange = match key {
                            "visual_delay" => &mut next.visual_delay,
                            "ocr_delay" => &mut next.ocr_delay,
                            _ => &mut next.document_delay,
                        };
                        if is_min {
                            r.min_ms = ms
                        } else {
                            r.max_ms = ms
                        }
                        set(next);
                    })
                };
                html! {
                    <fieldset class="delay">
                        <legend>{label}</legend>
                        <label>{"from "}<input id={format!("{id}-min")} type="number" min="0" step="0.5" value={(range.min_ms as f64 / 1000.0).to_string()} onchange={bound(true)} />{" s"}</label>
                        <label>{" to "}<input id={format!("{id}-max")} type="number" min="0" step="0.5" value={(range.max_ms as f64 / 1000.0).to_string()} onchange={bound(false)} />{" s"}</label>
                    </fieldset>
                }
            }
        }
    };

    html! {
        <details class="list-block">
            <summary><h3>{"Rules the research left open"}</h3></summary>
            <p class="muted">{"Each is a setting, labelled with its source and how sure the research is: confirmed, secondary, or this simulator's assumption."}</p>
            <ul class="options">
            { for options.catalogue().into_iter().map(|info| html! {
                <li class="option">
                    {control(info.key, info.label)}
                    <p class="muted small">
                        <span class={confidence_class(info.confidence)}>{info.confidence.to_string()}</span>
                        {" "}{info.explanation}{" Source: "}{info.source}
                    </p>
                </li>
            }) }
            </ul>
        </details>
    }
}
