//! Scenario tests, by topic: every rule of `docs/how-it-works.md` §2, the surveillance story, recall, evasion,
//! bad files, determinism and persistence.

use super::*;

mod content;
mod routing;
mod state;
mod surveillance;
use crate::filters::test_pictures::{self, grey_of};
use crate::filters::{
    ContentProblem, FileFacts, PdqMatcher, Provenance, VisualMatcher, analyse_file, default_matcher,
};
use image::{RgbaImage, imageops};

/// The picture the censor's reference list holds.
pub(super) fn sensitive_picture() -> RgbaImage {
    test_pictures::picture(11, 640, 480)
}

pub(super) fn reference_seed() -> ReferenceSeed {
    ReferenceSeed {
        name: "Protest poster".into(),
        source: "generated test picture".into(),
        signature: default_matcher().signature(&grey_of(&sensitive_picture())),
        pdq: Some(PdqMatcher::default().signature(&grey_of(&sensitive_picture()))),
        md5: None,
    }
}

pub(super) fn setup() -> (Platform, Cast) {
    preset(42, vec![reference_seed()])
}

pub(super) fn png_file(name: &str, img: &RgbaImage) -> Box<FileFacts> {
    Box::new(analyse_file(name, "image/png", &test_pictures::png(img)))
}

pub(super) fn jpeg_file(name: &str, img: &RgbaImage, quality: u8) -> Box<FileFacts> {
    Box::new(analyse_file(
        name,
        "image/jpeg",
        &test_pictures::jpeg(img, quality),
    ))
}

/// A rescaled, recompressed copy of the sensitive picture: new bytes, new MD5, same look.
pub(super) fn sensitive_copy() -> Box<FileFacts> {
    let half = imageops::resize(
        &sensitive_picture(),
        320,
        240,
        imageops::FilterType::Triangle,
    );
    jpeg_file("poster.jpg", &half, 75)
}

pub(super) fn text_file(name: &str, text: &str) -> Box<FileFacts> {
    Box::new(analyse_file(name, "text/plain", text.as_bytes()))
}

pub(super) fn say(p: &mut Platform, chat: ChatId, sender: AccountId, text: &str) -> Vec<Event> {
    p.apply(Action::SendText {
        chat,
        sender,
        text: text.into(),
    })
    .unwrap()
}

pub(super) fn send(
    p: &mut Platform,
    chat: ChatId,
    sender: AccountId,
    facts: Box<FileFacts>,
) -> Vec<Event> {
    p.apply(Action::SendFile {
        chat,
        sender,
        facts,
    })
    .unwrap()
}

pub(super) fn wait(p: &mut Platform, ms: u64) -> Vec<Event> {
    p.apply(Action::AdvanceClock { ms }).unwrap()
}

/// Delivered or Dropped for one recipient, with the rule and policy that decided.
pub(super) fn fate(
    events: &[Event],
    recipient: AccountId,
) -> (EventKind, Option<Rule>, Option<Rule>) {
    let e = events
        .iter()
        .find(|e| {
            e.recipient == Some(recipient)
                && matches!(e.kind, EventKind::Delivered | EventKind::Dropped)
        })
        .unwrap_or_else(|| panic!("no decision for {recipient}"));
    (e.kind.clone(), e.rule, e.policy)
}

pub(super) fn dropped(events: &[Event], recipient: AccountId) -> bool {
    fate(events, recipient).0 == EventKind::Dropped
}

pub(super) fn sees(p: &Platform, account: AccountId, message: MessageId) -> Option<MessageView> {
    let view = p.view(account).unwrap();
    view.chats
        .into_iter()
        .flat_map(|c| c.messages)
        .find(|m| m.message == message)
}

pub(super) fn message_of(events: &[Event]) -> MessageId {
    events[0].message.expect("a send starts with Sent")
}

pub(super) fn with_options(p: &mut Platform, change: impl FnOnce(&mut Options)) {
    let mut options = p.options().clone();
    change(&mut options);
    p.apply(Action::SetOptions(options)).unwrap();
}

pub(super) fn add_keyword(p: &mut Platform, text: &str) {
    p.apply(Action::Edit(ListEdit::AddKeyword {
        text: text.into(),
        features: Feature::ALL.to_vec(),
    }))
    .unwrap();
}

pub(super) fn hash_added(events: &[Event]) -> Vec<Feature> {
    events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::HashAdded { feature, .. } => Some(feature),
            _ => None,
        })
        .collect()
}

pub(super) fn analysed(events: &[Event]) -> (&VisualOutcome, &TextOutcome, bool, &Event) {
    events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Analysed {
                visual,
                text,
                flagged,
                ..
            } => Some((visual, text, *flagged, e)),
            _ => None,
        })
        .expect("an analysis ran")
}
