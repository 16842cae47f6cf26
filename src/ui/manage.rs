//! Adding people and chats to the sandbox.

use super::fields::{feature_into, text_into};
use super::state::use_sandbox;
use crate::platform::{Action, Feature, Region};
use crate::scenario::SandboxAction;
use crate::t;
use std::collections::BTreeSet;
use yew::prelude::*;

#[function_component(ManageCast)]
pub fn manage_cast() -> Html {
    let _lang = super::lang::use_lang();
    let sandbox = use_sandbox();
    let name = use_state(String::new);
    let number = use_state(|| "+86 ".to_string());
    let chat_name = use_state(String::new);
    let feature = use_state(|| Feature::Group);
    let members = use_state(BTreeSet::<u32>::new);

    let add_account = {
        let (sandbox, name, number) = (sandbox.clone(), name.clone(), number.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            sandbox.dispatch(SandboxAction::Platform(Action::CreateAccount {
                name: (*name).clone(),
                number: (*number).clone(),
            }));
            name.set(String::new());
        })
    };
    let add_chat = {
        let (sandbox, chat_name, feature, members) = (
            sandbox.clone(),
            chat_name.clone(),
            feature.clone(),
            members.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let ids = members
                .iter()
                .map(|&m| crate::platform::AccountId(m))
                .collect();
            sandbox.dispatch(SandboxAction::Platform(Action::CreateChat {
                name: (*chat_name).clone(),
                feature: *feature,
                members: ids,
            }));
            chat_name.set(String::new());
            members.set(BTreeSet::new());
        })
    };
    let text_input = text_into::<InputEvent>;
    let on_feature = feature_into::<Event>(&feature);

    html! {
        <details class="panel manage">
            <summary><h2>{t!("sandbox.manage.title")}</h2></summary>
            <form class="row-form" onsubmit={add_account}>
                <label>{t!("sandbox.manage.name")}{" "}<input id="new-name" value={(*name).clone()} oninput={text_input(&name)} required=true /></label>
                <label>{t!("sandbox.manage.number")}{" "}<input id="new-number" value={(*number).clone()} oninput={text_input(&number)} required=true /></label>
                <button type="submit">{t!("sandbox.manage.register")}</button>
                <p class="muted">{t!("sandbox.manage.region_note")}</p>
            </form>
            <form class="row-form" onsubmit={add_chat}>
                <label>{t!("sandbox.manage.chat_name")}{" "}<input id="new-chat" value={(*chat_name).clone()} oninput={text_input(&chat_name)} required=true /></label>
                <label>{t!("sandbox.manage.kind")}{" "}
                    <select onchange={on_feature}>
                        <option value={Feature::Group.to_string()} selected={*feature == Feature::Group}>{t!("sandbox.manage.group")}</option>
                        <option value={Feature::OneToOne.to_string()} selected={*feature == Feature::OneToOne}>{t!("sandbox.manage.one_to_one")}</option>
                    </select>
                </label>
                <fieldset class="members">
                    <legend>{t!("sandbox.manage.members")}</legend>
                    { for sandbox.platform.accounts().iter().map(|a| {
                        let id = a.id.0;
                        let members = members.clone();
                        let checked = members.contains(&id);
                        let onchange = Callback::from(move |_| {
                            let mut next = (*members).clone();
                            if !next.remove(&id) { next.insert(id); }
                            members.set(next);
                        });
                        let region = match a.region {
                            Region::China => t!("sandbox.manage.member_china"),
                            Region::International => t!("sandbox.manage.member_intl"),
                        };
                        html! { <label class="check"><input type="checkbox" {checked} {onchange} />{" "}<bdi>{&a.name}</bdi>{region}</label> }
                    }) }
                </fieldset>
                <button type="submit">{t!("sandbox.manage.create_chat")}</button>
            </form>
        </details>
    }
}
