//! The entry point of the parts of the app loaded later (the evasion lab, the fingerprint
//! page): their own wasm, which the page loads the first time one of them is opened
//! (`www/later-start.js`), so the page's first load does not carry them.

#[cfg(target_arch = "wasm32")]
fn main() {
    hashwall::ui::later::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the later parts run in the browser only.");
}
