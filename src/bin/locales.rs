//! Gathers the Chinese messages (`locales/zh-CN/*.zh-CN.yml`) into the catalogue the page
//! fetches when someone chooses Chinese, `www/locales/zh-CN.json`, and the messages of the parts
//! loaded later (`locales/later/`) into `www/locales/later.<lang>.json`.
//!
//! ```text
//! cargo run --bin locales            # rewrite the catalogue
//! cargo run --bin locales -- --check # fail if the committed catalogue is stale
//! ```
//!
//! The tests run the same check, and also that both languages have the same keys.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use hashwall::l10n::catalogue;
    let check = std::env::args().any(|a| a == "--check");
    let catalogues = match catalogue::written() {
        Ok(catalogues) => catalogues,
        Err(e) => {
            eprintln!("locales: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let mut failed = false;
    for (path, json) in catalogues {
        if check {
            if std::fs::read_to_string(&path).unwrap_or_default() != json {
                eprintln!(
                    "locales: {} is stale: run `cargo run --bin locales`",
                    path.display()
                );
                failed = true;
            }
            continue;
        }
        match std::fs::create_dir_all(path.parent().expect("a folder"))
            .and_then(|()| std::fs::write(&path, &json))
        {
            Ok(()) => println!("wrote {} ({} bytes)", path.display(), json.len()),
            Err(e) => {
                eprintln!("locales: {}: {e}", path.display());
                failed = true;
            }
        }
    }
    if failed {
        std::process::ExitCode::FAILURE
    } else {
        std::process::ExitCode::SUCCESS
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
