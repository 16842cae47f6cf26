//! One exported function that looks a message up by index and language and fills in `n`,
//! so the linker keeps every message and the library's lookup and formatting code.

#[cfg(feature = "plain")]
mod plain_data;

#[cfg(feature = "rusti18n")]
rust_i18n::i18n!("locales", fallback = "en");

#[unsafe(no_mangle)]
pub extern "C" fn message(lang: u32, idx: u32, n: u32, out: *mut u8) -> usize {
    let s = lookup(lang, idx as usize, n);
    let len = s.len().min(256);
    unsafe { core::ptr::copy_nonoverlapping(s.as_ptr(), out, len) };
    len
}

#[cfg(feature = "plain")]
fn lookup(lang: u32, idx: usize, n: u32) -> String {
    let table = if lang == 0 { &plain_data::EN } else { &plain_data::ZH };
    table[idx % table.len()].replace("{n}", &n.to_string())
}

#[cfg(feature = "rusti18n")]
fn lookup(lang: u32, idx: usize, n: u32) -> String {
    let locale = if lang == 0 { "en" } else { "zh-CN" };
    let key = format!("m{}", idx % 300);
    rust_i18n::t!(&key, locale = locale, n = n).into_owned()
}

#[cfg(feature = "fluent")]
fn lookup(lang: u32, idx: usize, n: u32) -> String {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
    let (src, id) = if lang == 0 {
        (include_str!("en.ftl"), unic_langid::langid!("en"))
    } else {
        (include_str!("zh-CN.ftl"), unic_langid::langid!("zh-CN"))
    };
    let res = FluentResource::try_new(src.to_string()).expect("valid FTL");
    let mut bundle = FluentBundle::new(vec![id]);
    bundle.set_use_isolating(false);
    bundle.add_resource(res).expect("no duplicate ids");
    let key = format!("m{}", idx % 300);
    let msg = bundle.get_message(&key).and_then(|m| m.value());
    let mut args = FluentArgs::new();
    args.set("n", n);
    let mut errors = vec![];
    msg.map(|p| bundle.format_pattern(p, Some(&args), &mut errors).into_owned())
        .unwrap_or_default()
}
