//! The sources page: the bibliography and the facts the simulation follows, each with how
//! sure the research is, read from `docs/sources.md` (fetched from the app's own files when
//! first opened). Every citation elsewhere in the app links to an entry here.
//!
//! In Chinese the page reads `docs/sources.zh-CN.md`, the same file translated (the same
//! sections, anchors and bracket tags), fetched again on each switch of language; if it
//! cannot be had, the English file is shown with a note saying why.

use super::cited::Markdown;
use crate::scenario::address::Lang;
use crate::scenario::sources::{Block, Section, anchors, parse};
use crate::t;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SourcesPageProps {
    /// The entry to bring into view (`S5`, `s1-4`, `A4`), from the address.
    pub target: Option<AttrValue>,
}

/// The element id of an entry (prefixed, so that no entry id meets another id of the app).
pub fn element_id(anchor: &str) -> String {
    format!("src-{anchor}")
}

/// The sources file in a language, beside the app.
fn file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "sources.md",
        Lang::ZhCn => "sources.zh-CN.md",
    }
}

/// The file shown.
#[derive(Clone, PartialEq)]
struct Shown {
    sections: Rc<Vec<Section>>,
    /// The language the file is written in.
    lang: Lang,
    /// Why the file of the page's language could not be had, when English stands in.
    fallback: Option<String>,
}

/// The sources file of `lang`, read.
async fn fetch_sources(lang: Lang) -> Result<Rc<Vec<Section>>, String> {
    let file = file_name(lang);
    let text = crate::web::text::own_text(file).await?;
    let sections = parse(&text);
    // A server that answers a missing file with the page itself gives no entries.
    if anchors(&sections).is_empty() {
        return Err(format!("{file} has no entries"));
    }
    Ok(Rc::new(sections))
}

/// The sources in `lang`, else in English with the reason.
async fn load(lang: Lang) -> Result<Shown, String> {
    let fallback = match lang {
        Lang::En => None,
        other => match fetch_sources(other).await {
            Ok(sections) => {
                return Ok(Shown {
                    sections,
                    lang: other,
                    fallback: None,
                });
            }
            Err(why) => Some(why),
        },
    };
    Ok(Shown {
        sections: fetch_sources(Lang::En).await?,
        lang: Lang::En,
        fallback,
    })
}

#[function_component(SourcesPage)]
pub fn sources_page(props: &SourcesPageProps) -> Html {
    let lang = super::lang::use_lang();
    let shown = use_state(|| None::<Result<Shown, String>>);
    // The language last asked for: an answer for an earlier one is dropped.
    let wanted = use_mut_ref(|| lang);
    {
        let shown = shown.clone();
        use_effect_with(lang, move |&lang| {
            *wanted.borrow_mut() = lang;
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = load(lang).await;
                if *wanted.borrow() == lang {
                    shown.set(Some(loaded));
                }
            });
        });
    }
    {
        // Once the entries are shown, the one the address names comes into view.
        let loaded = matches!(*shown, Some(Ok(_)));
        use_effect_with((props.target.clone(), loaded), move |(target, loaded)| {
            if let (Some(target), true) = (target, loaded)
                && let Some(element) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&element_id(target)))
            {
                element.scroll_into_view();
                let _ = element.set_attribute("data-target", "");
            }
        });
    }
    // While another language's file is on its way, the one shown stays.
    let body = match &*shown {
        None => html! { <p class="muted">{t!("sources.loading")}</p> },
        Some(Err(why)) => {
            html! { <p class="error" role="alert">{t!("sources.failed", why = why)}</p> }
        }
        Some(Ok(shown)) => html! {
            <>
                { for shown.fallback.as_ref().map(|why| html! {
                    <p class="muted small" role="status">{t!("sources.fallback", why = why)}</p>
                }) }
                <div lang={shown.lang.tag()}>
                    { for shown.sections.iter().map(section) }
                </div>
            </>
        },
    };
    html! {
        <section class="panel sources" aria-labelledby="sources-title">
            <h2 id="sources-title">{t!("sources.title")}</h2>
            <p class="muted">{t!("sources.intro")}</p>
            {body}
        </section>
    }
}

/// A confidence tag of the file (the same English word in both files), in the page's words.
fn confidence_label(tag: &str) -> String {
    match tag {
        "confirmed" => t!("sources.confidence.confirmed"),
        "data" => t!("sources.confidence.data"),
        "secondary" => t!("sources.confidence.secondary"),
        "unconfirmed" => t!("sources.confidence.unconfirmed"),
        "assumption" => t!("sources.confidence.assumption"),
        "hypothesis" => t!("sources.confidence.hypothesis"),
        other => return other.to_string(),
    }
    .into_owned()
}

fn section(s: &Section) -> Html {
    let id = s.anchor.as_deref().map(element_id);
    let title = html! { <Markdown text={s.title.clone()} /> };
    let heading = match s.level {
        1 => html! {},
        2 => html! { <h3 {id}>{title}</h3> },
        _ => html! { <h4 {id}>{title}</h4> },
    };
    html! {
        <>
            {heading}
            { for s.blocks.iter().map(block) }
        </>
    }
}

fn block(b: &Block) -> Html {
    match b {
        Block::Paragraph(text) => html! { <p><Markdown text={text.clone()} /></p> },
        Block::Fact {
            anchor,
            text,
            confidence,
            sources,
        } => {
            let id = anchor.as_deref().map(element_id);
            html! {
                <p class="fact" {id}>
                    <Markdown text={text.clone()} />
                    { for confidence.as_ref().map(|c| html! {
                        <>{" "}<span class={classes!("conf", c.clone())}>{confidence_label(c)}</span></>
                    }) }
                    { for sources.as_ref().filter(|s| !s.is_empty()).map(|s| html! {
                        <>{" "}<span class="muted small"><Markdown text={s.clone()} /></span></>
                    }) }
                </p>
            }
        }
        Block::Table { header, rows } => html! {
            <div class="table-scroll" tabindex="0" role="region" aria-label={t!("sources.table")}>
                <table class="facts-table">
                    <thead><tr>{ for header.iter().map(|h| html! { <th scope="col">{h}</th> }) }</tr></thead>
                    <tbody>
                        { for rows.iter().map(|r| html! {
                            <tr>{ for r.iter().map(|c| html! { <td><Markdown text={c.clone()} /></td> }) }</tr>
                        }) }
                    </tbody>
                </table>
            </div>
        },
    }
}
