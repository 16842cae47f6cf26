//! Sentences for the screen-reader live region: what a person at the phones would notice.
//! Deliveries are always announced; drops and learned hashes only in the instructor's
//! view, since in the users' world nothing at all happens when an item is dropped.

use crate::filters::FileKind;
use crate::platform::narrate::isolate;
use crate::platform::{Content, Event, EventKind, Platform};

/// The sentence for `event`, if it is worth announcing.
pub fn announce(event: &Event, platform: &Platform, behind_the_scenes: bool) -> Option<String> {
    let message = event.message.and_then(|id| platform.message(id).ok());
    let name = |id| {
        platform
            .account(id)
            .map(|a| isolate(&a.name))
            .unwrap_or_default()
    };
    let what = || match message.map(|m| &m.content) {
        Some(Content::Text(_)) => "a message".to_string(),
        Some(Content::File(f)) if f.kind == FileKind::Image => {
            format!("a picture, {}", isolate(&f.name))
        }
        Some(Content::File(f)) => format!("a file, {}", isolate(&f.name)),
        None => "a message".to_string(),
    };
    match &event.kind {
        EventKind::Delivered => {
            let (recipient, message) = (event.recipient?, message?);
            Some(format!(
                "{} received {} from {}.",
                name(recipient),
                what(),
                name(message.sender)
            ))
        }
        EventKind::Dropped if behind_the_scenes => {
            let (recipient, message) = (event.recipient?, message?);
            Some(format!(
                "Server: {} from {} was silently dropped for {}.",
                capitalise(&what()),
                name(message.sender),
                name(recipient)
            ))
        }
        EventKind::HashAdded { feature, md5, .. } if behind_the_scenes => Some(format!(
            "Server: MD5 {}… added to the {feature} hash index.",
            &md5.hex()[..8]
        )),
        EventKind::Recalled { .. } => {
            Some(format!("{} recalled a message.", name(message?.sender)))
        }
        _ => None,
    }
}

/// `text` with its first letter capitalised.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::{AccountId, Action, preset};

    #[test]
    fn drops_are_announced_only_behind_the_scenes() {
        let (mut p, cast) = preset(1, Vec::new());
        // A seeded combination sent to a China-registered account: dropped for Wang Fang.
        let events = p
            .apply(Action::SendText {
                chat: cast.china_chat,
                sender: cast.amira,
                text: "冠状病毒 人传人 李文亮".into(),
            })
            .unwrap();
        let dropped = events
            .iter()
            .find(|e| e.kind == EventKind::Dropped)
            .expect("dropped");
        assert_eq!(announce(dropped, &p, false), None);
        let said = announce(dropped, &p, true).unwrap();
        assert!(
            said.contains("dropped for \u{2068}Wang Fang\u{2069}"),
            "{said}"
        );

        let events = p
            .apply(Action::SendText {
                chat: cast.china_chat,
                sender: cast.amira,
                text: "hello".into(),
            })
            .unwrap();
        let delivered = events
            .iter()
            .find(|e| e.kind == EventKind::Delivered)
            .unwrap();
        assert_eq!(
            announce(delivered, &p, false).unwrap(),
            "\u{2068}Wang Fang\u{2069} received a message from \u{2068}Amira\u{2069}."
        );
        assert_eq!(p.account(AccountId(0)).unwrap().name, "Wang Fang");
    }
}
