//! The lab's grid: one row per variant, one column per filter, and beside each row what
//! Citizen Lab observed. A filter that still catches the variant says "caught"; the numbers
//! and the text read are beside it, so a class can see how close a call was.

use super::super::cited::Cited;
use super::super::format;
use crate::filters::Similarity;
use crate::filters::variants::Variant;
use crate::scenario::evasion::{self, EvasionLab, LabRow, Made, Read};
use crate::t;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GridProps {
    pub lab: Rc<EvasionLab>,
    pub on_send: Callback<Variant>,
}

#[function_component(Grid)]
pub fn grid(props: &GridProps) -> Html {
    let lab = &props.lab;
    let (done, total) = lab.progress();
    let [md5, visual, pdq, ocr] = lab.caught();
    let source = lab.source.as_ref().map(|s| {
        t!(
            "evasion.source",
            name = s.name.clone(),
            size = format::size(s.size)
        )
        .into_owned()
    });
    html! {
        <>
            <p class="evasion-status">
                { for source.map(|s| html! { <strong>{s}{" · "}</strong> }) }
                if done < total {
                    <progress max={total.to_string()} value={done.to_string()}
                        aria-label={t!("evasion.progress", done = done, total = total)} />
                    {" "}{t!("evasion.progress", done = done, total = total)}
                }
            </p>
            <p role="status" class="small">
                if done == total {
                    {t!("evasion.done", total = total)}{" "}
                    {t!("evasion.summary", md5 = md5, visual = visual, pdq = pdq, ocr = ocr, total = total)}
                }
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label={t!("evasion.grid_label")}>
                <table class="evasion-grid">
                    <thead>
                        <tr>
                            <th scope="col">{t!("evasion.col.variant")}</th>
                            <th scope="col">{t!("evasion.col.md5")}</th>
                            <th scope="col">{t!("evasion.col.visual")}</th>
                            <th scope="col">{t!("evasion.col.pdq")}</th>
                            <th scope="col">{t!("evasion.col.ocr")}</th>
                            <th scope="col">{t!("evasion.col.observed")}</th>
                            <th scope="col">{t!("evasion.col.send")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for lab.rows.iter().map(|row| row_html(row, &props.on_send)) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

fn row_html(row: &LabRow, on_send: &Callback<Variant>) -> Html {
    let variant = row.variant;
    let name = evasion::name(variant);
    let (picture, md5, visual, pdq) = match &row.made {
        Made::Waiting => {
            let wait = || html! { <td class="waiting">{t!("evasion.waiting")}</td> };
            (html! {}, wait(), wait(), wait())
        }
        Made::Failed(why) => {
            let failed = html! { <td colspan="3" class="failed">{t!("evasion.failed", why = why.clone())}</td> };
            (html! {}, failed, html! {}, html! {})
        }
        Made::Done { row, preview, .. } => (
            html! {
                <>
                    <img src={preview.clone()} alt="" width="64" />
                    <span class="muted small">{t!("evasion.size", width = row.width, height = row.height)}</span>
                </>
            },
            html! {
                <td class={verdict_class(row.md5_caught)}>
                    {badge(row.md5_caught)}
                    <span class="small">{if row.md5_caught {
                        t!("evasion.md5_same").into_owned()
                    } else {
                        t!("evasion.md5_new", md5 = format::short_md5(&row.md5.to_string())).into_owned()
                    }}</span>
                </td>
            },
            similarity(&row.visual),
            similarity(&row.pdq),
        ),
    };
    let ocr = match &row.read {
        Read::Waiting => html! { <td class="waiting">{t!("evasion.waiting")}</td> },
        Read::Failed(why) => {
            html! { <td class="failed">{t!("evasion.failed", why = why.clone())}</td> }
        }
        Read::Done { text, .. } if text.trim().is_empty() => {
            html! { <td class="small muted">{t!("evasion.ocr_nothing")}</td> }
        }
        Read::Done {
            text,
            confidence,
            matched,
        } => {
            let quote = one_line(text);
            let said = match matched {
                Some(entry) => t!(
                    "evasion.ocr_matched",
                    text = quote,
                    confidence = confidence,
                    entry = entry.clone()
                ),
                None => t!("evasion.ocr_clean", text = quote, confidence = confidence),
            };
            html! {
                <td class={verdict_class(matched.is_some())}>
                    {badge(matched.is_some())}<span class="small" lang="zh">{said}</span>
                </td>
            }
        }
    };
    let ready = matches!(row.made, Made::Done { .. });
    let onclick = on_send.reform(move |_: MouseEvent| variant);
    html! {
        <tr key={variant.slug()} data-variant={variant.slug()}>
            <th scope="row">{picture}<span class="variant-name">{name.clone()}</span></th>
            {md5}{visual}{pdq}{ocr}
            <td class="small observed"><Cited text={evasion::observed(variant)} /></td>
            <td>
                <button class="secondary small" disabled={!ready} {onclick}
                    aria-label={t!("evasion.send_label", name = name)}>
                    {t!("evasion.send")}
                </button>
            </td>
        </tr>
    }
}

fn similarity(s: &Similarity) -> Html {
    html! {
        <td class={verdict_class(s.is_match)} title={s.explain()}>
            {badge(s.is_match)}
            <span class="small">{t!("evasion.distance", distance = s.distance, max = s.max_distance)}</span>
        </td>
    }
}

fn verdict_class(caught: bool) -> &'static str {
    if caught { "caught" } else { "evades" }
}

fn badge(caught: bool) -> Html {
    let text = if caught {
        t!("evasion.caught")
    } else {
        t!("evasion.evades")
    };
    html! { <span class={classes!("badge", verdict_class(caught))}>{text}</span> }
}

/// The text read on one line, cut after 60 characters.
fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match joined.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &joined[..at]),
        None => joined,
    }
}
