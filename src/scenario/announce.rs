//! Sentences for the screen-reader live region: what a person at the phones would notice.
//! Deliveries are always announced; drops and learned hashes only in the instructor's
//! view, since in the users' world nothing at all happens when an item is dropped.

use crate::filters::FileKind;
use crate::platform::narrate::isolate;
use crate::platform::{Content, Event, EventKind, Feature, Platform};
use crate::t;

/// What a message carried, as the sentences about it name it.
enum What {
    Message,
    Picture(String),
    File(String),
}

/// The sentence for `event`, if it is worth announcing, in the current language. (It is kept
/// as it was said: the live region reads it once.)
pub fn announce(event: &Event, platform: &Platform, behind_the_scenes: bool) -> Option<String> {
    let message = event.message.and_then(|id| platform.message(id).ok());
    let name = |id| {
        platform
            .account(id)
            .map(|a| isolate(&a.name))
            .unwrap_or_default()
    };
    let what = || match message.map(|m| &m.content) {
        Some(Content::Text(_)) | None => What::Message,
        Some(Content::File(f)) if f.kind == FileKind::Image => What::Picture(isolate(&f.name)),
        Some(Content::File(f)) => What::File(isolate(&f.name)),
    };
    let sentence = match &event.kind {
        EventKind::Delivered => {
            let (recipient, message) = (event.recipient?, message?);
            let (recipient, sender) = (name(recipient), name(message.sender));
            match what() {
                What::Message => t!(
                    "announce.received_message",
                    recipient = recipient,
                    sender = sender
                ),
                What::Picture(file) => t!(
                    "announce.received_picture",
                    recipient = recipient,
                    name = file,
                    sender = sender
                ),
                What::File(file) => t!(
                    "announce.received_file",
                    recipient = recipient,
                    name = file,
                    sender = sender
                ),
            }
        }
        EventKind::Dropped if behind_the_scenes => {
            let (recipient, message) = (event.recipient?, message?);
            let (recipient, sender) = (name(recipient), name(message.sender));
            match what() {
                What::Message => t!(
                    "announce.dropped_message",
                    sender = sender,
                    recipient = recipient
                ),
                What::Picture(file) => t!(
                    "announce.dropped_picture",
                    name = file,
                    sender = sender,
                    recipient = recipient
                ),
                What::File(file) => t!(
                    "announce.dropped_file",
                    name = file,
                    sender = sender,
                    recipient = recipient
                ),
            }
        }
        EventKind::HashAdded { feature, md5, .. } if behind_the_scenes => {
            let md5 = &md5.hex()[..8];
            match feature {
                Feature::Group => t!("announce.hash_added_group", md5 = md5),
                Feature::OneToOne => t!("announce.hash_added_one_to_one", md5 = md5),
            }
        }
        EventKind::Recalled { .. } => t!("announce.recalled", name = name(message?.sender)),
        _ => return None,
    };
    Some(sentence.into_owned())
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

    #[test]
    fn a_dropped_file_is_named_in_a_whole_sentence() {
        let (mut p, cast) = preset(1, Vec::new());
        let facts = crate::filters::analyse_file("notes.txt", "text/plain", b"nothing here");
        let events = p
            .apply(Action::SendFile {
                chat: cast.china_chat,
                sender: cast.amira,
                facts: Box::new(facts),
            })
            .unwrap();
        let delivered = events
            .iter()
            .find(|e| e.kind == EventKind::Delivered)
            .unwrap();
        assert_eq!(
            announce(delivered, &p, false).unwrap(),
            "\u{2068}Wang Fang\u{2069} received a file, \u{2068}notes.txt\u{2069} from \u{2068}Amira\u{2069}."
        );
    }
}
