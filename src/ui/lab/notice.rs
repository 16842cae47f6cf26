//! "Would the platform notice?": the collision blocks a censor's detector finds in the pair
//! shown, and the twin one file gives away.

use super::pair_view::PairRef;
use super::service::use_lab_service;
use crate::detect::{CollisionClass, Detection, Role};
use crate::scenario::notice::Notice;
use crate::t;
use crate::ui::cited::Cited;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub pair: PairRef,
    /// The worker's findings for this pair, or why there are none; `None` while it looks.
    pub found: Option<Result<Rc<Notice>, String>>,
}

/// One detected block, in a list item.
pub(super) fn block(file: &str, d: &Detection) -> Html {
    let role = match d.role {
        Role::NearCollision => t!("lab.notice.role_near"),
        Role::Collision => t!("lab.notice.role_collision"),
    };
    let class = match d.class {
        CollisionClass::Fastcoll => t!("lab.notice.class_fastcoll"),
        CollisionClass::Unicoll => t!("lab.notice.class_unicoll"),
    };
    html! {
        <li>{t!("lab.notice.block", file = file, from = d.offset, to = d.offset + 63, role = role, class = class)}</li>
    }
}

#[function_component(NoticeView)]
pub fn notice_view(props: &NoticeProps) -> Html {
    let _lang = crate::ui::lang::use_lang();
    let service = use_lab_service();
    // The detector runs in the worker (the page does not carry it), once per pair shown.
    use_effect_with(props.pair.clone(), move |pair| service.notice(&pair.0));
    let body = match &props.found {
        None => html! { <p class="muted" role="status">{t!("lab.notice.looking")}</p> },
        Some(Err(why)) => {
            html! { <p class="verdict bad" role="alert">{t!("lab.notice.failed", why = why)}</p> }
        }
        Some(Ok(notice)) if notice.noticed() => html! {
            <>
                <p><Cited text={t!("lab.notice.found")} /></p>
                <ul>
                    { for notice.found[0].iter().map(|d| block("X", d)) }
                    { for notice.found[1].iter().map(|d| block("Y", d)) }
                </ul>
                { for notice.twin.as_ref().map(|twin| html! {
                    <p>{ if twin.is_other_file {
                        t!("lab.notice.twin_same")
                    } else {
                        t!("lab.notice.twin_other", md5 = twin.md5.hex())
                    } }</p>
                }) }
            </>
        },
        Some(Ok(_)) => html! { <p>{t!("lab.notice.none")}</p> },
    };
    html! {
        <section class="lab-notice" aria-labelledby="lab-notice-title">
            <h3 id="lab-notice-title">{t!("lab.notice.title")}</h3>
            {body}
            <p class="muted small"><Cited text={t!("lab.notice.wechat")} /></p>
        </section>
    }
}
