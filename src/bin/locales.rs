//! Gathers the Chinese messages (`locales/zh-CN/*.zh-CN.yml`) into the catalogue the page
//! fetches when someone chooses Chinese, `www/locales/zh-CN.json`.
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
    let json = match catalogue::fetched_json() {
        Ok(json) => json,
        Err(e) => {
            eprintln!("locales: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let path = catalogue::fetched_path();
    if check {
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != json {
            eprintln!(
                "locales: {} is stale: run `cargo run --bin locales`",
                path.display()
            );
            return std::process::ExitCode::FAILURE;
        }
        return std::process::ExitCode::SUCCESS;
    }
    if let Err(e) = std::fs::create_dir_all(path.parent().expect("a folder"))
        .and_then(|()| std::fs::write(&path, &json))
    {
        eprintln!("locales: {}: {e}", path.display());
        return std::process::ExitCode::FAILURE;
    }
    println!("wrote {} ({} bytes)", path.display(), json.len());
    std::process::ExitCode::SUCCESS
}

#[cfg(target_arch = "wasm32")]
fn main() {}
