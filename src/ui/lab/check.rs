//! "Check a file of your own": the censor's collision detector over any file the person
//! chooses, and the twin its collision implies, offered as a download.

use super::notice::block;
use super::service::use_lab_service;
use crate::scenario::lab::CheckState;
use crate::t;
use crate::ui::file_picker::FilePicker;
use crate::ui::state::use_lab;
use crate::web::download::download;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[function_component(FileCheckView)]
pub fn file_check_view() -> Html {
    let _lang = crate::ui::lang::use_lang();
    let lab = use_lab();
    let service = use_lab_service();
    let on_change = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            service.check_file(&file);
        }
        input.set_value("");
    });
    let result = lab.check.as_ref().map(|check| {
        let name = check.name.clone();
        match &check.state {
            CheckState::Checking => {
                html! { <p class="muted">{t!("lab.check.checking", name = name)}</p> }
            }
            CheckState::Failed(why) => html! {
                <p class="error" role="alert">{t!("lab.check.failed", name = name, why = why)}</p>
            },
            CheckState::Done { scan, .. } if scan.blocks.is_empty() => html! {
                <p id="lab-check-result">{t!("lab.check.none", name = name, md5 = scan.md5.hex())}</p>
            },
            CheckState::Done { scan, twin } => {
                let offer = twin.as_ref().map(|twin| {
                    let (twin, file_name) = (twin.clone(), format!("twin-of-{name}"));
                    let onclick = Callback::from(move |_| {
                        let _ = download(&file_name, "application/octet-stream", &twin);
                    });
                    html! {
                        <p>{t!("lab.check.twin")}{" "}
                            <button class="secondary small" {onclick}>{t!("lab.check.download_twin")}</button></p>
                    }
                });
                html! {
                    <div id="lab-check-result">
                        <p>{t!("lab.check.found", name = name.clone(), md5 = scan.md5.hex(), count = scan.blocks.len())}</p>
                        <ul>{ for scan.blocks.iter().map(|d| block(&name, d)) }</ul>
                        { offer.unwrap_or_else(|| html! { <p>{t!("lab.check.no_twin")}</p> }) }
                    </div>
                }
            }
        }
    });
    html! {
        <section class="lab-check" aria-labelledby="lab-check-title">
            <h3 id="lab-check-title">{t!("lab.check.title")}</h3>
            <p>{t!("lab.check.intro")}</p>
            <FilePicker id="lab-check-file" label={t!("lab.check.choose")} class="button secondary" on_change={on_change} />
            <div aria-live="polite">{ for result }</div>
        </section>
    }
}
