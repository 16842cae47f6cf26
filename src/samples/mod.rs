//! The sample tray: pictures the project draws itself and texts it writes itself, so a
//! class never has to bring files, and no third-party picture is ever shipped.
//!
//! - [`canvas`], [`shapes`], [`geometry`], [`noise`]: a small, pure, deterministic
//!   rasteriser (anti-aliased fills, gradients, soft noise); `lettering` sets text on it
//!   (natively only: the font stays out of the wasm).
//! - [`scenes`]: the named pictures, five "sensitive" (one for its words) and eight benign.
//! - [`texts`]: chat messages with real keyword combinations, their near-misses, neutral
//!   messages, and one plain-text document.
//! - [`files`]: pictures to PNG or JPEG bytes; [`document_files`]: texts to PDF and DOCX.
//!
//! [`catalogue`] lists everything for the UI; [`file_bytes`] makes any sample's file, the
//! same bytes (and MD5) every time. `src/bin/samples.rs` writes them to `www/samples/`.

pub mod canvas;
pub mod document_files;
pub mod files;
pub mod geometry;
#[cfg(not(target_arch = "wasm32"))]
pub mod lettering;
pub mod noise;
pub mod references;
pub mod scenes;
pub mod shapes;
pub mod texts;
pub mod twins;

pub use files::{Format, SampleError};

use crate::t;
use image::RgbaImage;
use serde::Serialize;
use std::borrow::Cow;

/// Every picture of the tray is drawn at this size.
pub const PICTURE_WIDTH: u32 = 640;
pub const PICTURE_HEIGHT: u32 = 480;

/// What a sample is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SampleKind {
    /// A picture file, sent as an image.
    Picture,
    /// A chat message, typed rather than attached.
    Text,
    /// A document sent as a file: plain text, PDF or Word.
    Document,
}

/// One item of the tray.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sample {
    pub id: &'static str,
    pub title: &'static str,
    /// One line for a teacher: what it shows and why it matters, in English, for
    /// `index.json` and the native tests. The page shows the catalogue's words
    /// ([`Sample::shown_caption`]) and is built without this field, so that it does not carry
    /// every caption twice.
    #[cfg(not(target_arch = "wasm32"))]
    pub caption: &'static str,
    pub kind: SampleKind,
    /// Whether the simulation's seeded lists flag it: the reference pictures for the
    /// visual filter, the keyword combinations for texts and for the words in a picture.
    pub sensitive: bool,
    /// The file's name; chat messages have none.
    pub file_name: Option<&'static str>,
    pub mime: &'static str,
    /// For texts, and pictures with words: the `+`-joined combination they contain in full.
    pub combination: Option<&'static str>,
    /// Where the reason it is sensitive comes from, with the research's confidence tag.
    pub source: Option<&'static str>,
    /// For chat messages: the message itself and its English gloss.
    pub text: Option<&'static str>,
    pub gloss: Option<&'static str>,
}

const PLAIN_TEXT: &str = "text/plain; charset=utf-8";

/// Where the sensitive pictures' reasons come from (each has its words in [`SOURCE_KEYS`]).
const ONE_APP_TWO_SYSTEMS: &str = "Citizen Lab, One App, Two Systems (2016), figure caption quoted by HKFP [CONFIRMED] (sources §1.4)";
const REMEMBERING_LIU_XIAOBO: &str =
    "Citizen Lab, Remembering Liu Xiaobo (2017) [CONFIRMED] (sources §4.8)";
const COLLISION_EXPERIMENT: &str = "Citizen Lab, We Chat, They Watch (2020): the MD5-collision experiment [CONFIRMED] (sources §6.2)";
const OCR_OF_KEYWORDS: &str = "Citizen Lab, (Can't) Picture This 2 (2019): text found in an image by OCR is checked against the keyword blacklist [CONFIRMED] (sources §4.1); the combination: One App, Two Systems (2016) [CONFIRMED] (sources §1.4)";
const OCR_CAMOUFLAGE: &str = "Citizen Lab, (Can't) Picture This (2018) and its data: text of its grey background's luminosity filtered for 0 of 6 colours [DATA] (sources §4.4)";

/// A picture sample.
const fn picture(
    id: &'static str,
    title: &'static str,
    caption: &'static str,
    sensitive: bool,
    file_name: &'static str,
    format: Format,
    source: Option<&'static str>,
) -> Sample {
    #[cfg(target_arch = "wasm32")]
    let _ = caption;
    Sample {
        id,
        title,
        #[cfg(not(target_arch = "wasm32"))]
        caption,
        kind: SampleKind::Picture,
        sensitive,
        file_name: Some(file_name),
        mime: format.mime(),
        combination: None,
        source,
        text: None,
        gloss: None,
    }
}

const PICTURES: &[Sample] = &[
    picture(
        "tank-column",
        "Tanks and a lone man",
        "A column of tanks halted before one man with shopping bags, Beijing, June 1989: in the \
         seeded reference list, so the visual filter flags it.",
        true,
        "tank-column.png",
        Format::Png,
        None,
    ),
    picture(
        "candle-vigil",
        "Candlelight vigil",
        "Hundreds of small flames in the dark, as at the 4 June vigils long held in Hong Kong's \
         Victoria Park. In text, 六四 (June Fourth), 学生 (students) and 民主运动 (democracy \
         movement) each passed alone, but the three together were blocked in group chats in 2016.",
        true,
        "candle-vigil.png",
        Format::Png,
        Some(ONE_APP_TWO_SYSTEMS),
    ),
    picture(
        "empty-chair",
        "The empty chair",
        "An empty chair with a medal: Liu Xiaobo, in prison, could not collect his 2010 Nobel Peace \
         Prize; after his death in 2017 the Citizen Lab first saw image filtering in one-to-one chats.",
        true,
        "empty-chair.png",
        Format::Png,
        Some(REMEMBERING_LIU_XIAOBO),
    ),
    picture(
        "blank-paper",
        "Blank sheets of paper",
        "People holding up blank A4 sheets, as in China's November 2022 protests: a message with no \
         words. Later than the research this app follows; flagged here by the seeded list.",
        true,
        "blank-paper.png",
        Format::Png,
        None,
    ),
    // Sensitive for its words, not its look: the analysis must read them (OCR).
    Sample {
        combination: Some(texts::LEAFLET_COMBINATION),
        ..picture(
            "protest-leaflet",
            "Protest leaflet",
            "A leaflet calling people to a 4 June vigil, in large black type: 六四 (June Fourth), \
             学生 (students) and 民主运动 (democracy movement) together were blocked in group chats \
             in 2016, and WeChat's analysis reads the text in pictures (OCR) and checks it against \
             the keyword list.",
            true,
            "protest-leaflet.png",
            Format::Png,
            Some(OCR_OF_KEYWORDS),
        )
    },
    picture(
        "leaflet-camouflage",
        "Protest leaflet, camouflaged",
        "The same leaflet in bright red on a grey of exactly the same luminosity: easy to read in \
         colour, blank once turned to greyscale, which is what the OCR reads. In the Citizen Lab's \
         tests on WeChat Moments, text recoloured this way was filtered for none of 6 colours.",
        false,
        "leaflet-camouflage.png",
        Format::Png,
        Some(OCR_CAMOUFLAGE),
    ),
    Sample {
        id: twins::SENSITIVE_TWIN,
        title: "Twin A: tanks (same MD5 as twin B)",
        #[cfg(not(target_arch = "wasm32"))]
        caption: "A JPEG of the tanks picture, with exactly the same MD5 as twin B, the cat: send it \
                  among international accounts, let the analysis flag it, and twin B is blocked too. \
                  The Citizen Lab's published pair was two JPEGs made with an identical-prefix \
                  collision around a cartoon about Liu Xiaobo; this pair is two JPEGs too, made with \
                  this project's own collision attack. A real client may re-encode a picture unless it \
                  is sent as the original or as a file, which is why the files must reach the server \
                  unchanged.",
        kind: SampleKind::Picture,
        sensitive: true,
        file_name: Some("twin-sensitive.jpg"),
        mime: "image/jpeg",
        combination: None,
        source: Some(COLLISION_EXPERIMENT),
        text: None,
        gloss: None,
    },
    Sample {
        id: twins::BENIGN_TWIN,
        title: "Twin B: cat (same MD5 as twin A)",
        #[cfg(not(target_arch = "wasm32"))]
        caption: "A JPEG of a harmless cat, with exactly the same MD5 as twin A. Nothing in it is \
                  sensitive: if it is blocked, the block came from twin A's analysis. Send it to a \
                  chat of the same kind as twin A's (each kind of chat has its own index).",
        kind: SampleKind::Picture,
        sensitive: false,
        file_name: Some("twin-benign.jpg"),
        mime: "image/jpeg",
        combination: None,
        source: Some(COLLISION_EXPERIMENT),
        text: None,
        gloss: None,
    },
    picture(
        "mountain-lake",
        "Mountain lake at sunset",
        "A harmless holiday photo, a JPEG with grain like a phone's: delivered, analysed, never \
         flagged.",
        false,
        "mountain-lake.jpg",
        Format::Jpeg,
        None,
    ),
    picture(
        "cat",
        "Ginger cat",
        "A cat on a cushion: the benign twin you would least suspect of being blocked.",
        false,
        "cat.png",
        Format::Png,
        None,
    ),
    picture(
        "noodle-bowl",
        "Bowl of noodles",
        "A bowl of noodle soup: an everyday picture, delivered and analysed like any other.",
        false,
        "noodle-bowl.png",
        Format::Png,
        None,
    ),
    picture(
        "noodle-menu",
        "Noodle shop menu",
        "A noodle shop's chalkboard in large Chinese letters: an OCR reads every word, and none \
         of them is on a list, so it is delivered and never flagged.",
        false,
        "noodle-menu.png",
        Format::Png,
        None,
    ),
    picture(
        "birthday-cake",
        "Birthday cake",
        "Small flames in a dark room, like the vigil, yet harmless: to a whole-picture visual \
         match the two are far apart, so it is delivered and never flagged.",
        false,
        "birthday-cake.png",
        Format::Png,
        None,
    ),
    picture(
        "bicycle",
        "Bicycle",
        "A red bicycle on a sunny path: benign.",
        false,
        "bicycle.png",
        Format::Png,
        None,
    ),
    picture(
        "flowers",
        "Flowers in a vase",
        "A vase of bright flowers: benign.",
        false,
        "flowers.png",
        Format::Png,
        None,
    ),
];

const MEETING_NOTES: Sample = Sample {
    id: "meeting-notes",
    title: "Meeting notes (text file)",
    #[cfg(not(target_arch = "wasm32"))]
    caption: "A hospital department's notes from February 2020: four everyday words (pneumonia, disease \
              control, virus, medical journal) in different paragraphs complete one combination.",
    kind: SampleKind::Document,
    sensitive: true,
    file_name: Some("meeting-notes.txt"),
    mime: PLAIN_TEXT,
    combination: Some(texts::MEETING_NOTES_COMBINATION),
    source: Some(texts::MEETING_NOTES_SOURCE),
    text: None,
    gloss: None,
};

const WEEKEND_PLANS: Sample = Sample {
    id: "weekend-plans",
    title: "Weekend plans (text file)",
    #[cfg(not(target_arch = "wasm32"))]
    caption: "A reading club's plans for the weekend: an ordinary document with nothing listed in \
              it, delivered and analysed like any other, never flagged.",
    kind: SampleKind::Document,
    sensitive: false,
    file_name: Some("weekend-plans.txt"),
    mime: PLAIN_TEXT,
    combination: None,
    source: None,
    text: None,
    gloss: None,
};

const PDF: &str = "application/pdf";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const MEETING_NOTES_PDF: Sample = Sample {
    id: "meeting-notes-pdf",
    title: "Meeting notes (PDF)",
    #[cfg(not(target_arch = "wasm32"))]
    caption: "The same notes as a PDF, as a hospital would circulate them: the server reads the \
              text the pages show, so the combination is found as in the text file.",
    file_name: Some("meeting-notes.pdf"),
    mime: PDF,
    ..MEETING_NOTES
};

const WEEKEND_PLANS_DOCX: Sample = Sample {
    id: "weekend-plans-docx",
    title: "Weekend plans (Word document)",
    #[cfg(not(target_arch = "wasm32"))]
    caption: "The reading club's plans as a Word file: its text is read and checked like any \
              document's, and nothing in it is listed.",
    file_name: Some("weekend-plans.docx"),
    mime: DOCX,
    ..WEEKEND_PLANS
};

/// Everything in the tray: pictures (sensitive first), chat messages, the documents.
pub fn catalogue() -> Vec<Sample> {
    let chats = texts::CHAT_TEXTS.iter().map(|t| Sample {
        id: t.id,
        title: t.title,
        #[cfg(not(target_arch = "wasm32"))]
        caption: t.note,
        kind: SampleKind::Text,
        sensitive: t.combination.is_some(),
        file_name: None,
        mime: PLAIN_TEXT,
        combination: t.combination,
        source: t.source,
        text: Some(t.text),
        gloss: Some(t.gloss),
    });
    PICTURES
        .iter()
        .copied()
        .chain(chats)
        .chain([
            MEETING_NOTES,
            WEEKEND_PLANS,
            MEETING_NOTES_PDF,
            WEEKEND_PLANS_DOCX,
        ])
        .collect()
}

/// The message key of each source line the tray shows, by its English text (several
/// samples share one).
const SOURCE_KEYS: &[(&str, &str)] = &[
    (ONE_APP_TWO_SYSTEMS, "samples.source.one_app_two_systems"),
    (
        REMEMBERING_LIU_XIAOBO,
        "samples.source.remembering_liu_xiaobo",
    ),
    (COLLISION_EXPERIMENT, "samples.source.collision_experiment"),
    (OCR_OF_KEYWORDS, "samples.source.ocr_of_keywords"),
    (OCR_CAMOUFLAGE, "samples.source.ocr_camouflage"),
    (texts::COVID_LIST_9_FEB, "samples.source.covid_list_9_feb"),
    (texts::COVID_LIST_11_FEB, "samples.source.covid_list_11_feb"),
    (texts::COVID_LIST_13_FEB, "samples.source.covid_list_13_feb"),
    (texts::COVID_LIST_14_FEB, "samples.source.covid_list_14_feb"),
    (texts::ISOLATION_CODE, "samples.source.isolation_code"),
    (texts::CRACKDOWN_709, "samples.source.crackdown_709"),
];

/// A message in the page's language, if the catalogue has it.
fn words(key: &str) -> Option<Cow<'static, str>> {
    crate::_rust_i18n_try_translate(&rust_i18n::locale(), key)
}

/// Where the seeded lists would stop a text.
enum Stopped {
    Group,
    OneToOne,
    Both,
}

impl Sample {
    /// Where the seeded lists would stop it, in a few words of the page's language (`None`
    /// when they would not).
    pub fn badge(&self) -> Option<String> {
        let lists = |text: &str| {
            let features = crate::platform::seeded_features_blocking(text);
            match features.as_slice() {
                [] => None,
                [crate::platform::Feature::Group] => Some(Stopped::Group),
                [crate::platform::Feature::OneToOne] => Some(Stopped::OneToOne),
                _ => Some(Stopped::Both),
            }
        };
        let badge = match self.kind {
            SampleKind::Picture if self.id == twins::SENSITIVE_TWIN => t!("samples.badge.twin"),
            SampleKind::Picture if self.sensitive && self.combination.is_none() => {
                t!("samples.badge.visual")
            }
            SampleKind::Picture if self.combination.is_none() => return None,
            SampleKind::Text => match lists(self.text?)? {
                Stopped::Group => t!("samples.badge.blocked_group"),
                Stopped::OneToOne => t!("samples.badge.blocked_one_to_one"),
                Stopped::Both => t!("samples.badge.blocked_both"),
            },
            // Documents, and pictures with listed words: flagged once the analysis reads them.
            SampleKind::Document | SampleKind::Picture => {
                match lists(self.combination?.replace('+', " ").as_str())? {
                    Stopped::Group => t!("samples.badge.flagged_group"),
                    Stopped::OneToOne => t!("samples.badge.flagged_one_to_one"),
                    Stopped::Both => t!("samples.badge.flagged_both"),
                }
            }
        };
        Some(badge.into_owned())
    }

    /// The title in the page's language. (`title` itself stays English: it is what
    /// `index.json` and the seeded reference list hold.)
    pub fn shown_title(&self) -> Cow<'static, str> {
        words(&format!("samples.{}.title", self.id)).unwrap_or(Cow::Borrowed(self.title))
    }

    /// The caption in the page's language.
    pub fn shown_caption(&self) -> Cow<'static, str> {
        let words = words(&format!("samples.{}.caption", self.id));
        #[cfg(not(target_arch = "wasm32"))]
        return words.unwrap_or(Cow::Borrowed(self.caption));
        // Every caption is in the English catalogue (tested natively), the fallback of both
        // languages.
        #[cfg(target_arch = "wasm32")]
        words.unwrap_or_default()
    }

    /// A chat message's English gloss, for a reader of the English page; a reader of the
    /// Chinese page reads the message itself.
    pub fn shown_gloss(&self) -> Option<&'static str> {
        self.gloss
            .filter(|_| crate::l10n::current() != crate::scenario::address::Lang::ZhCn)
    }

    /// Where the reason it is sensitive comes from, in the page's language.
    pub fn shown_source(&self) -> Option<Cow<'static, str>> {
        let source = self.source?;
        Some(
            source_key(source)
                .and_then(words)
                .unwrap_or(Cow::Borrowed(source)),
        )
    }

    /// The keys of the messages the tray shows for this sample, each with the English text
    /// it must hold (the sample's own data): the tests check both languages have them.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn message_keys(&self) -> Vec<(String, &'static str)> {
        let mut keys = vec![
            (format!("samples.{}.title", self.id), self.title),
            (format!("samples.{}.caption", self.id), self.caption),
        ];
        if let Some(source) = self.source {
            let key = source_key(source).map_or_else(
                || format!("samples.source.(no key for the source of {})", self.id),
                str::to_string,
            );
            keys.push((key, source));
        }
        keys
    }
}

/// The message key of a source line the tray shows.
pub fn source_key(source: &str) -> Option<&'static str> {
    SOURCE_KEYS
        .iter()
        .find(|(english, _)| *english == source)
        .map(|(_, key)| *key)
}

/// The tray item with this id.
pub fn sample(id: &str) -> Option<Sample> {
    catalogue().into_iter().find(|s| s.id == id)
}

/// The picture of a picture sample, at the tray's size.
pub fn picture_pixels(id: &str) -> Result<RgbaImage, SampleError> {
    let scene = scenes::scene(id).ok_or_else(|| SampleError::Unknown(id.to_string()))?;
    Ok(scene.render(PICTURE_WIDTH, PICTURE_HEIGHT))
}

/// The size of a picture's thumbnail in the tray: the cards show them about 170–250 CSS px
/// wide, and a first visit (an article's embed above all) should not fetch a dozen full
/// pictures before anyone touches one. The full file is fetched when a picture is used.
pub const THUMB_WIDTH: u32 = 200;
pub const THUMB_HEIGHT: u32 = 150;
const THUMB_QUALITY: u8 = 70;

/// The thumbnail's file name, in the tray's `thumbs/` folder.
pub fn thumbnail_name(sample: &Sample) -> String {
    format!("{}.jpg", sample.id)
}

/// The tray's thumbnail of a picture sample, as a JPEG, made from the file itself (so the
/// twins' thumbnails show what their files show).
pub fn thumbnail_bytes(sample: &Sample) -> Result<Vec<u8>, SampleError> {
    if sample.kind != SampleKind::Picture {
        return Err(SampleError::NotAFile(sample.id));
    }
    let full = crate::decode::decode_rgba(&file_bytes(sample)?)
        .map_err(|e| SampleError::Encode(e.to_string()))?;
    let small = image::imageops::resize(
        &full,
        THUMB_WIDTH,
        THUMB_HEIGHT,
        image::imageops::FilterType::Triangle,
    );
    files::encode_jpeg(&small, THUMB_QUALITY)
}

/// The bytes of a sample's file: the encoded picture, or the document (UTF-8 text, PDF or
/// DOCX).
pub fn file_bytes(sample: &Sample) -> Result<Vec<u8>, SampleError> {
    match sample.kind {
        SampleKind::Picture if sample.id.starts_with("twin-") => twins::file(sample.id),
        SampleKind::Picture => {
            let format = Format::from_mime(sample.mime)
                .ok_or_else(|| SampleError::Unknown(sample.id.to_string()))?;
            files::encode(&picture_pixels(sample.id)?, format)
        }
        SampleKind::Document if sample.id == MEETING_NOTES.id => {
            Ok(texts::MEETING_NOTES.as_bytes().to_vec())
        }
        SampleKind::Document if sample.id == WEEKEND_PLANS.id => {
            Ok(texts::WEEKEND_PLANS.as_bytes().to_vec())
        }
        SampleKind::Document if sample.id == MEETING_NOTES_PDF.id => {
            Ok(document_files::pdf(texts::MEETING_NOTES))
        }
        SampleKind::Document if sample.id == WEEKEND_PLANS_DOCX.id => {
            Ok(document_files::docx(texts::WEEKEND_PLANS))
        }
        SampleKind::Document => Err(SampleError::Unknown(sample.id.to_string())),
        SampleKind::Text => Err(SampleError::NotAFile(sample.id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn badge(id: &str) -> Option<String> {
        match sample(id) {
            Some(s) => s.badge(),
            None => panic!("no tray sample {id}"),
        }
    }

    #[test]
    fn badges_say_where_the_seeded_lists_would_stop_a_sample() {
        assert_eq!(
            badge("text-wuhan-demands").as_deref(),
            Some("blocked in group chats")
        );
        assert_eq!(
            badge("text-li-wenliang").as_deref(),
            Some("blocked in one-to-one and group chats")
        );
        assert_eq!(
            badge("text-wuhan-demands-near"),
            None,
            "a near miss is delivered"
        );
        assert_eq!(
            badge("meeting-notes").as_deref(),
            Some("flagged when analysed in group chats")
        );
        assert_eq!(badge("weekend-plans"), None);
        assert_eq!(
            badge("meeting-notes-pdf").as_deref(),
            Some("flagged when analysed in group chats")
        );
        assert_eq!(badge("weekend-plans-docx"), None);
        assert_eq!(
            badge("tank-column").as_deref(),
            Some("on the visual blacklist")
        );
        assert_eq!(badge("cat"), None);
        assert_eq!(
            badge("protest-leaflet").as_deref(),
            Some("flagged when analysed in group chats")
        );
        assert_eq!(badge("leaflet-camouflage"), None);
        assert_eq!(badge("noodle-menu"), None);
        // Every blocked text says where; every other sample that says something is sensitive.
        for s in catalogue() {
            assert_eq!(s.badge().is_some(), s.sensitive, "{}", s.id);
        }
    }
}
