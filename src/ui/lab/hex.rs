//! The first bytes of the two files side by side, in hex, with the differing bytes marked
//! and their differing bits shown: the whole collision is visible at a glance.

use super::pair_view::PairRef;
use crate::t;
use yew::prelude::*;

/// Bytes shown: the 64-byte prefix and the 128 colliding bytes.
pub const SHOWN: usize = 192;
const ROW: usize = 16;

#[derive(Properties, PartialEq)]
pub struct HexProps {
    pub pair: PairRef,
}

fn row(bytes: &[u8], other: &[u8], start: usize) -> Html {
    html! {
        { for (start..(start + ROW).min(bytes.len())).map(|i| {
            let differs = bytes[i] != other.get(i).copied().unwrap_or(!bytes[i]);
            html! { <span class={classes!("hex-byte", differs.then_some("diff"))}>{format!("{:02x}", bytes[i])}</span> }
        }) }
    }
}

/// A byte's bits with those that differ from `other` marked.
fn bits(byte: u8, other: u8) -> Html {
    html! {
        { for (0..8).rev().map(|bit| {
            let differs = (byte ^ other) >> bit & 1 == 1;
            html! { <span class={classes!("bit", differs.then_some("diff"))}>{(byte >> bit & 1).to_string()}</span> }
        }) }
    }
}

#[function_component(HexCompare)]
pub fn hex_compare(props: &HexProps) -> Html {
    let _lang = crate::ui::lang::use_lang();
    let (x, y) = (&props.pair.0.x, &props.pair.0.y);
    let (x, y) = (&x[..SHOWN.min(x.len())], &y[..SHOWN.min(y.len())]);
    let differing: Vec<usize> = (0..x.len().min(y.len()))
        .filter(|&i| x[i] != y[i])
        .collect();
    html! {
        <div class="hex" tabindex="0" role="region" aria-label={t!("lab.hex.label")}>
            <p class="muted small">{ if props.pair.0.is_jpeg() {
                t!("lab.hex.caption_jpeg", shown = SHOWN, differ = differing.len())
            } else {
                t!("lab.hex.caption", shown = SHOWN, differ = differing.len())
            } }</p>
            <table class="hex-table">
                <thead><tr><th>{t!("lab.hex.offset")}</th><th>{t!("lab.hex.file_x")}</th><th>{t!("lab.hex.file_y")}</th></tr></thead>
                <tbody>
                { for (0..x.len()).step_by(ROW).map(|start| html! {
                    <tr class={classes!((start >= 64).then_some("collision"))}>
                        <td class="hex-offset">{format!("{start:04x}")}</td>
                        <td>{row(x, y, start)}</td>
                        <td>{row(y, x, start)}</td>
                    </tr>
                }) }
                </tbody>
            </table>
            <ul class="bit-diffs" aria-label={t!("lab.hex.bits_label")}>
                { for differing.iter().map(|&i| html! {
                    <li>
                        <span class="hex-offset">{t!("lab.hex.byte", at = i, in_collision = i.saturating_sub(64))}</span>
                        {" X "}{bits(x[i], y[i])}{" Y "}{bits(y[i], x[i])}
                    </li>
                }) }
            </ul>
        </div>
    }
}
