//! The behaviours the research left open, as labelled settings with their sources.

use super::super::cited::Cited;
use super::super::state::use_sandbox;
use super::super::timeline::confidence_class;
use crate::platform::{
    Action, DelayRange, LearnTarget, OPTIONS, OptionKey, OptionRecord, OptionValue,
    typed_seconds_to_millis,
};
use crate::scenario::SandboxAction;
use crate::t;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[function_component(OptionList)]
pub fn option_list() -> Html {
    let _lang = super::super::lang::use_lang();
    let sandbox = use_sandbox();
    let options = sandbox.platform.options().clone();
    // One way to change any option: the core checks the value and the platform logs it.
    let set = {
        let (sandbox, options) = (sandbox.clone(), options.clone());
        Callback::from(move |(key, value): (OptionKey, OptionValue)| {
            sandbox.dispatch(match options.with(key, value) {
                Ok(next) => SandboxAction::Platform(Action::SetOptions(next)),
                Err(e) => {
                    SandboxAction::Report(t!("platform.errors.bad_options", why = e).into_owned())
                }
            });
        })
    };
    let report = sandbox.callback(SandboxAction::Report);

    let control = |record: &OptionRecord| -> Html {
        let key = record.key;
        let label = key.label();
        let id = format!("option-{}", key.name());
        let set = set.clone();
        match options.get(key) {
            OptionValue::Flag(on) => {
                let onchange = set.reform(move |_: Event| (key, OptionValue::Flag(!on)));
                html! { <label class="check" for={id.clone()}><input {id} type="checkbox" checked={on} {onchange} />{" "}{label}</label> }
            }
            OptionValue::Learn(target) => {
                let onchange = set.reform(move |e: Event| {
                    let chosen = match e
                        .target_unchecked_into::<HtmlSelectElement>()
                        .value()
                        .as_str()
                    {
                        "chat" => LearnTarget::ChatFeature,
                        _ => LearnTarget::AllFeatures,
                    };
                    (key, OptionValue::Learn(chosen))
                });
                let all = target == LearnTarget::AllFeatures;
                html! {
                    <label for={id.clone()}>{label}{" "}
                        <select {id} {onchange}>
                            <option value="all" selected={all}>{t!("console.options.learn_all")}</option>
                            <option value="chat" selected={!all}>{t!("console.options.learn_chat")}</option>
                        </select>
                    </label>
                }
            }
            OptionValue::Percent(percent) => {
                let onchange = set.reform(move |e: Event| {
                    let value = e.target_unchecked_into::<HtmlInputElement>().value();
                    let percent = value.trim().parse::<u8>().map_or(percent, |p| p.min(100));
                    (key, OptionValue::Percent(percent))
                });
                html! {
                    <label for={id.clone()}>{label}{" "}
                        <input {id} type="number" min="0" max="100" value={percent.to_string()} {onchange} />{" %"}
                    </label>
                }
            }
            OptionValue::Delay(range) => {
                let bound = |is_min: bool| {
                    let (set, report) = (set.clone(), report.clone());
                    Callback::from(move |e: Event| {
                        let text = e.target_unchecked_into::<HtmlInputElement>().value();
                        let Some(ms) = typed_seconds_to_millis(&text) else {
                            let text = format!("{text:?}");
                            return report
                                .emit(t!("console.options.not_seconds", text = text).into_owned());
                        };
                        let next = if is_min {
                            DelayRange::new(ms, range.max_ms)
                        } else {
                            DelayRange::new(range.min_ms, ms)
                        };
                        set.emit((key, OptionValue::Delay(next)));
                    })
                };
                html! {
                    <fieldset class="delay">
                        <legend>{label}</legend>
                        <label>{t!("console.options.from")}{" "}<input id={format!("{id}-min")} type="number" min="0" step="0.5" value={(range.min_ms as f64 / 1000.0).to_string()} onchange={bound(true)} />{" "}{t!("console.options.seconds")}</label>
                        <label>{" "}{t!("console.options.to")}{" "}<input id={format!("{id}-max")} type="number" min="0" step="0.5" value={(range.max_ms as f64 / 1000.0).to_string()} onchange={bound(false)} />{" "}{t!("console.options.seconds")}</label>
                    </fieldset>
                }
            }
        }
    };

    html! {
        <details class="list-block">
            <summary><h3>{t!("console.options.heading")}</h3></summary>
            <p class="muted">{t!("console.options.intro")}</p>
            <ul class="options">
            { for OPTIONS.iter().map(|record| html! {
                <li class="option">
                    {control(record)}
                    <p class="muted small">
                        <span class={confidence_class(record.confidence)}>{record.confidence.label()}</span>
                        {" "}{record.key.explanation()}{" "}{t!("console.options.source")}{" "}<Cited text={record.rule.record().source_text()} />
                    </p>
                </li>
            }) }
            </ul>
        </details>
    }
}
