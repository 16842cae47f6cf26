//! Import and export of the lists, and export of the event log, as files.

use super::super::file_picker::FilePicker;
use super::super::state::use_sandbox;
use crate::platform::{Action, ListEdit, Lists};
use crate::scenario::SandboxAction;
use crate::t;
use crate::web::download::download;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[function_component(Exchange)]
pub fn exchange() -> Html {
    let _lang = super::super::lang::use_lang();
    let sandbox = use_sandbox();
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);

    let export_lists = {
        let sandbox = sandbox.clone();
        Callback::from(move |_| {
            let json = sandbox.platform.lists().to_json();
            if let Err(e) = download("hashwall-lists.json", "application/json", json.as_bytes()) {
                sandbox.dispatch(SandboxAction::Report(e));
            }
        })
    };
    let export_log = {
        let sandbox = sandbox.clone();
        Callback::from(move |_| {
            let json = sandbox.platform.log_json();
            if let Err(e) = download("hashwall-log.json", "application/json", json.as_bytes()) {
                sandbox.dispatch(SandboxAction::Report(e));
            }
        })
    };
    let export_csv = {
        let sandbox = sandbox.clone();
        Callback::from(move |_| {
            let csv = sandbox.platform.log_csv();
            if let Err(e) = download("hashwall-log.csv", "text/csv", csv.as_bytes()) {
                sandbox.dispatch(SandboxAction::Report(e));
            }
        })
    };
    let on_import = {
        let sandbox = sandbox.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let sandbox = sandbox.clone();
            let task =
                gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |text| {
                    let action = text
                        .map_err(|e| t!("console.exchange.unreadable", why = e).into_owned())
                        .and_then(|t| Lists::from_json(&t))
                        .map(|lists| {
                            SandboxAction::Platform(Action::Edit(ListEdit::Import(Box::new(lists))))
                        });
                    sandbox.dispatch(action.unwrap_or_else(SandboxAction::Report));
                });
            *reader.borrow_mut() = Some(task);
        })
    };

    html! {
        <div class="list-block exchange">
            <h3>{t!("console.exchange.heading")}</h3>
            <button class="secondary" onclick={export_lists}>{t!("console.exchange.export_lists")}</button>{" "}
            <button class="secondary" onclick={export_log}>{t!("console.exchange.export_log")}</button>{" "}
            <button class="secondary" onclick={export_csv}>{t!("console.exchange.export_csv")}</button>{" "}
            <FilePicker id="import-lists" label={t!("console.exchange.import")} accept="application/json,.json"
                class="button secondary" on_change={on_import} />
        </div>
    }
}
