//! Tests that run inside headless Chromium (`cargo test --target wasm32-unknown-unknown --test web`).
#![cfg(target_arch = "wasm32")]

use hashwall::fingerprint::{Md5Stream, md5};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<hashwall::ui::App>::with_root(root.clone()).render();
    root
}

async fn settle() {
    yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
}

#[wasm_bindgen_test]
async fn app_renders_with_privacy_line_and_file_input() {
    let root = mount();
    settle().await;
    let md5_text = root
        .query_selector("#md5")
        .unwrap()
        .expect("#md5")
        .text_content()
        .unwrap();
    assert_eq!(md5_text, "no file");
    let privacy = root
        .query_selector("#privacy")
        .unwrap()
        .expect("#privacy")
        .text_content()
        .unwrap();
    assert!(privacy.contains("never leave"), "{privacy}");
    let input = root.query_selector("input#file[type=file]").unwrap();
    assert!(
        input.is_some(),
        "a real file input exists for keyboard users"
    );
}

#[wasm_bindgen_test]
fn md5_in_wasm_matches_rfc1321() {
    assert_eq!(md5(b"abc").hex(), "900150983cd24fb0d6963f7d28e17f72");
    let mut s = Md5Stream::new();
    s.update(b"message ");
    s.update(b"digest");
    assert_eq!(s.finish().hex(), "f96b697d7cb7938d525a2f31aaf161d0");
}

#[wasm_bindgen_test]
fn decoding_in_wasm_refuses_garbage_and_reads_pictures() {
    use image::ImageEncoder;
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&[10, 20, 30, 255], 1, 1, image::ExtendedColorType::Rgba8)
        .unwrap();
    let img = hashwall::decode::decode_rgba(&png).unwrap();
    assert_eq!(img.get_pixel(0, 0).0, [10, 20, 30, 255]);
    assert!(hashwall::decode::decode_rgba(b"not a picture").is_err());
}
