//! The evasion lab's entry point: its own wasm, which the page loads the first time the lab
//! is opened (`www/evasion-start.js`), so the page's budget does not carry it.

#[cfg(target_arch = "wasm32")]
fn main() {
    hashwall::ui::evasion::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the evasion lab runs in the browser only.");
}
