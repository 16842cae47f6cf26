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
async fn the_sandbox_renders_and_a_typed_message_reaches_its_recipient() {
    use wasm_bindgen::JsCast;
    let root = mount();
    settle().await;
    let privacy = root
        .query_selector("#privacy")
        .unwrap()
        .expect("#privacy")
        .text_content()
        .unwrap();
    assert!(privacy.contains("never leave"), "{privacy}");
    for phone in 0..4 {
        assert!(
            root.query_selector(&format!("#phone-{phone}"))
                .unwrap()
                .is_some(),
            "phone {phone}"
        );
    }
    assert!(
        root.query_selector("#phone-2 input.attach[type=file]")
            .unwrap()
            .is_some(),
        "a real file input exists for keyboard users"
    );

    // Amira types into her open chat (with Tom) and sends.
    let input: web_sys::HtmlInputElement = root
        .query_selector("#phone-2 .compose-text")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("hello from the browser");
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    input.dispatch_event(&event).unwrap();
    settle().await;
    let button: web_sys::HtmlElement = root
        .query_selector("#phone-2 .compose-row button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    settle().await;
    let tom = root
        .query_selector("#phone-3 .messages")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(tom.contains("hello from the browser"), "{tom}");
    let wang_fang = root
        .query_selector("#phone-0 .messages")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        !wang_fang.contains("hello from the browser"),
        "not in Wang Fang's chat"
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
