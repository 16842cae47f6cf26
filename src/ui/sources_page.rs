//! The sources page: the bibliography and the facts the simulation follows, each with how
//! sure the research is, read from `docs/sources.md` (fetched from the app's own files when
//! first opened). Every citation elsewhere in the app links to an entry here.

use super::cited::Markdown;
use crate::scenario::sources::{Block, Section, parse};
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

#[function_component(SourcesPage)]
pub fn sources_page(props: &SourcesPageProps) -> Html {
    let sections = use_state(|| None::<Result<Rc<Vec<Section>>, String>>);
    {
        let sections = sections.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let text = async {
                    let blob = crate::web::fetch::own_file("sources.md").await?;
                    let text = wasm_bindgen_futures::JsFuture::from(blob.text())
                        .await
                        .map_err(|_| "sources.md could not be read".to_string())?;
                    text.as_string().ok_or("sources.md is not text".to_string())
                }
                .await;
                sections.set(Some(text.map(|t| Rc::new(parse(&t)))));
            });
        });
    }
    {
        // Once the entries are shown, the one the address names comes into view.
        let loaded = matches!(*sections, Some(Ok(_)));
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
    let body = match &*sections {
        None => html! { <p class="muted">{"Loading the sources…"}</p> },
        Some(Err(why)) => html! { <p class="error" role="alert">{why}</p> },
        Some(Ok(sections)) => sections.iter().map(section).collect::<Html>(),
    };
    html! {
        <section class="panel sources" aria-labelledby="sources-title">
            <h2 id="sources-title">{"Sources"}</h2>
            <p class="muted">{"Everything the simulation does follows these works and facts, each with how sure the research is. Citations across the app (S1, T7, §4.5, A4) link here."}</p>
            {body}
        </section>
    }
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
                        <>{" "}<span class={classes!("conf", c.clone())}>{c}</span></>
                    }) }
                    { for sources.as_ref().filter(|s| !s.is_empty()).map(|s| html! {
                        <>{" "}<span class="muted small"><Markdown text={s.clone()} /></span></>
                    }) }
                </p>
            }
        }
        Block::Table { header, rows } => html! {
            <div class="table-scroll" tabindex="0" role="region" aria-label="Table of facts">
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
