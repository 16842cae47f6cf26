//! A verified pair: both files with their MD5s and downloads, how each file's parser reads
//! it, and the colliding bytes side by side.

use super::hex::HexCompare;
use super::notice::NoticeView;
use super::parser_bar::{ParserBar, legend};
use crate::scenario::lab::Pair;
use crate::scenario::notice::Notice;
use crate::t;
use crate::web::download::blob as blob_of;
use crate::web::download::download;
use std::rc::Rc;
use yew::prelude::*;

/// A pair as props carry it: the same pair only if it is the very same one (comparing its
/// bytes on every render would be waste).
#[derive(Clone)]
pub struct PairRef(pub Rc<Pair>);

impl PartialEq for PairRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct PairViewProps {
    pub pair: PairRef,
    /// The collision detector's findings for this pair, once the worker has answered.
    pub found: Option<Result<Rc<Notice>, String>>,
}

/// Addresses the two files can be shown from, released when the pair is replaced.
struct Urls(String, String);

impl Drop for Urls {
    fn drop(&mut self) {
        let _ = web_sys::Url::revoke_object_url(&self.0);
        let _ = web_sys::Url::revoke_object_url(&self.1);
    }
}

/// Stands for the digest in the verdict's sentence until it is cut there.
const DIGEST_MARK: &str = "\u{1}";

#[function_component(PairView)]
pub fn pair_view(props: &PairViewProps) -> Html {
    let _lang = crate::ui::lang::use_lang();
    let pair = &props.pair.0;
    let (mime, extension) = pair.file_type();
    let urls = use_memo(Rc::as_ptr(pair) as usize, {
        let pair = pair.clone();
        move |_| {
            let url = |bytes: &[u8]| {
                blob_of(bytes, mime)
                    .and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok())
                    .unwrap_or_default()
            };
            Urls(url(&pair.x), url(&pair.y))
        }
    });
    let md5 = pair.md5.hex();
    // One sentence for the translator, cut where the digest goes (it is shown as code).
    let verdict = t!(
        "lab.pair.verdict",
        md5 = DIGEST_MARK,
        differ = pair.differing()
    );
    let (verdict_before, verdict_after) = verdict
        .split_once(DIGEST_MARK)
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .unwrap_or_else(|| (verdict.to_string(), String::new()));
    let file = |id: &'static str, title: String, url: &str, bytes: &[u8], which: &str| {
        let name = format!("hashwall-{which}.{extension}");
        let onclick = {
            let (name, bytes) = (name.clone(), bytes.to_vec());
            Callback::from(move |_| {
                let _ = download(&name, mime, &bytes);
            })
        };
        html! {
            <figure class="lab-file" id={id}>
                if pair.is_picture() {
                    <img src={url.to_string()} alt={t!("lab.pair.alt", title = title)} />
                }
                <figcaption>
                    <strong>{&title}</strong>{t!("lab.pair.size", bytes = bytes.len())}
                    <br/>{"MD5 "}<code class="digest lab-md5">{&md5}</code>
                    <br/><button class="secondary small" {onclick}>{t!("lab.pair.download", name = name)}</button>
                </figcaption>
            </figure>
        }
    };
    html! {
        <div class="lab-result" id="lab-result">
            <p class="verdict ok">
                {verdict_before}<code>{&md5}</code>{verdict_after}{pair.origin_text()}
            </p>
            <div class="lab-files">
                {file("lab-x", t!("lab.pair.file_x").into_owned(), &urls.0, &pair.x, "x")}
                {file("lab-y", t!("lab.pair.file_y").into_owned(), &urls.1, &pair.y, "y")}
            </div>
            if !pair.x_map.is_empty() {
                <h3>{t!("lab.pair.how_read")}</h3>
                <ParserBar label={t!("lab.pair.file_x")} spans={pair.x_map.clone()} len={pair.x.len()} />
                <ParserBar label={t!("lab.pair.file_y")} spans={pair.y_map.clone()} len={pair.y.len()} />
                {legend(pair.is_jpeg())}
            }
            <h3>{t!("lab.pair.where_differ")}</h3>
            <HexCompare pair={props.pair.clone()} />
            <NoticeView pair={props.pair.clone()} found={props.found.clone()} />
            { for pair.stats.map(|s| html! {
                <p class="muted small">{ if s.retries == 0 {
                    t!("lab.pair.stats_one", steps = s.search_steps, a = s.data_a, b = s.data_b)
                } else {
                    t!("lab.pair.stats_other", steps = s.search_steps, a = s.data_a, b = s.data_b, pairs = s.retries + 1)
                } }</p>
            }) }
        </div>
    }
}
