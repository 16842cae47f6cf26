//! Decoding a big photo with the browser's own decoder, for forging.
//!
//! A 12-megapixel JPEG takes several times longer to decode in wasm than natively; the
//! browser's decoder is native code. The header is still read by our own code first, so an
//! absurd size is refused before anything is decoded, and a large picture is shrunk to the
//! size it will have on the canvas right away (the forge then only centres it).

use crate::decode::{DecodeError, check_size, dimensions};
use crate::forge::fit::placement;
use image::RgbaImage;
use js_sys::Reflect;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, DedicatedWorkerGlobalScope, ImageBitmap, OffscreenCanvas,
    OffscreenCanvasRenderingContext2d,
};

/// The picture in `blob` (whose bytes are `bytes`), at most the size it takes on a
/// `width`×`height` canvas. Why not, as data: the worker that calls this speaks English
/// only, so the page words it.
pub async fn picture_for_canvas(
    scope: &DedicatedWorkerGlobalScope,
    bytes: &[u8],
    blob: &Blob,
    width: u16,
    height: u16,
) -> Result<RgbaImage, DecodeError> {
    let (w, h) = dimensions(bytes)?;
    check_size(w, h)?;
    match browser_decode(scope, blob, width, height).await {
        Some(picture) => Ok(picture),
        // Not every browser decodes in workers; ours always can.
        None => crate::decode::decode_rgba(bytes),
    }
}

async fn browser_decode(
    scope: &DedicatedWorkerGlobalScope,
    blob: &Blob,
    width: u16,
    height: u16,
) -> Option<RgbaImage> {
    let bitmap: ImageBitmap = JsFuture::from(scope.create_image_bitmap_with_blob(blob).ok()?)
        .await
        .ok()?
        .unchecked_into();
    let (bw, bh) = (bitmap.width(), bitmap.height());
    let place = placement(bw, bh, width as u32, height as u32);
    // Enlarging is left to the forge, which keeps small drawings crisp.
    let (tw, th) = if place.width < bw {
        (place.width, place.height)
    } else {
        (bw, bh)
    };
    let canvas = OffscreenCanvas::new(tw, th).ok()?;
    let context: OffscreenCanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.unchecked_into();
    let _ = Reflect::set(&context, &"imageSmoothingQuality".into(), &"high".into());
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, tw as f64, th as f64)
        .ok()?;
    bitmap.close();
    let data = context
        .get_image_data(0.0, 0.0, tw as f64, th as f64)
        .ok()?;
    RgbaImage::from_raw(tw, th, data.data().0)
}
