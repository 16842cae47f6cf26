//! The evasion lab's state: one picture, its variants as they come back from the workers,
//! and beside each what Citizen Lab observed (F7, issue 11).
//!
//! The original stands for a blacklisted picture: its MD5 is listed, it is a visual
//! reference, and its text is read against the sandbox's seeded keyword list. Each variant
//! gets two answers, in either order: the main worker's (MD5, the fitted matcher, PDQ) and
//! the OCR worker's. A new picture starts a new run; answers of an older run are dropped.

use crate::filters::variants::{EvasionRow, Variant};
use crate::filters::{Combination, KeywordMatcher};
use crate::platform::SEEDED_KEYWORDS;
use crate::t;

/// The picture under test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    pub size: u64,
}

/// The main worker's part of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Made {
    Waiting,
    Done {
        row: Box<EvasionRow>,
        /// A `data:` URL of the variant, small.
        preview: String,
        mime: String,
    },
    Failed(String),
}

/// The OCR worker's part of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Read {
    Waiting,
    Done {
        text: String,
        confidence: u8,
        /// The seeded keyword entry the text completes, if any: OCR catches the variant.
        matched: Option<String>,
    },
    Failed(String),
}

impl Read {
    pub fn is_waiting(&self) -> bool {
        matches!(self, Read::Waiting)
    }
}

/// One variant in the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct LabRow {
    pub variant: Variant,
    pub made: Made,
    pub read: Read,
}

impl LabRow {
    /// Both answers are in.
    pub fn finished(&self) -> bool {
        !matches!(self.made, Made::Waiting) && !self.read.is_waiting()
    }
}

/// The whole lab.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvasionLab {
    /// Counts the pictures tried; answers carry the run they belong to.
    pub run: u32,
    pub source: Option<Source>,
    pub rows: Vec<LabRow>,
    /// Why the last picture could not be tried (it replaces the grid).
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EvasionAction {
    /// A new picture: a fresh grid, every answer waiting.
    Start { name: String, size: u64 },
    /// The picture cannot be tried (not a picture, too big): no grid.
    Refused { run: u32, message: String },
    Made {
        run: u32,
        variant: Variant,
        row: Box<EvasionRow>,
        preview: String,
        mime: String,
    },
    MakeFailed {
        run: u32,
        variant: Variant,
        message: String,
    },
    Read {
        run: u32,
        variant: Variant,
        text: String,
        confidence: u8,
    },
    ReadFailed {
        run: u32,
        variant: Variant,
        message: String,
    },
}

impl EvasionLab {
    /// Applies one action; answers for another run, or for a row already answered, change
    /// nothing.
    pub fn reduce(&mut self, action: EvasionAction) {
        match action {
            EvasionAction::Start { name, size } => {
                self.run += 1;
                self.source = Some(Source { name, size });
                self.error = None;
                self.rows = Variant::all()
                    .into_iter()
                    .map(|variant| LabRow {
                        variant,
                        made: Made::Waiting,
                        read: Read::Waiting,
                    })
                    .collect();
            }
            EvasionAction::Refused { run, message } if run == self.run => {
                self.rows.clear();
                self.error = Some(message);
            }
            EvasionAction::Made {
                run,
                variant,
                row,
                preview,
                mime,
            } => self.set_made(run, variant, Made::Done { row, preview, mime }),
            EvasionAction::MakeFailed {
                run,
                variant,
                message,
            } => {
                self.set_made(run, variant, Made::Failed(message.clone()));
                // Without a variant file there is nothing for OCR to read.
                self.set_read(run, variant, Read::Failed(message));
            }
            EvasionAction::Read {
                run,
                variant,
                text,
                confidence,
            } => {
                let matched = keyword_hit(&text);
                self.set_read(
                    run,
                    variant,
                    Read::Done {
                        text,
                        confidence,
                        matched,
                    },
                );
            }
            EvasionAction::ReadFailed {
                run,
                variant,
                message,
            } => self.set_read(run, variant, Read::Failed(message)),
            EvasionAction::Refused { .. } => {}
        }
    }

    fn row_mut(&mut self, run: u32, variant: Variant) -> Option<&mut LabRow> {
        (run == self.run)
            .then(|| self.rows.iter_mut().find(|r| r.variant == variant))
            .flatten()
    }

    fn set_made(&mut self, run: u32, variant: Variant, made: Made) {
        if let Some(row) = self
            .row_mut(run, variant)
            .filter(|r| r.made == Made::Waiting)
        {
            row.made = made;
        }
    }

    fn set_read(&mut self, run: u32, variant: Variant, read: Read) {
        if let Some(row) = self.row_mut(run, variant).filter(|r| r.read.is_waiting()) {
            row.read = read;
        }
    }

    /// Rows finished, and rows in all.
    pub fn progress(&self) -> (usize, usize) {
        let done = self.rows.iter().filter(|r| r.finished()).count();
        (done, self.rows.len())
    }

    /// Whether workers still owe answers.
    pub fn busy(&self) -> bool {
        let (done, all) = self.progress();
        done < all
    }

    /// How many finished variants each filter catches: MD5, the fitted matcher, PDQ, OCR.
    pub fn caught(&self) -> [usize; 4] {
        let mut n = [0; 4];
        for row in &self.rows {
            if let Made::Done { row, .. } = &row.made {
                n[0] += row.md5_caught as usize;
                n[1] += row.visual.is_match as usize;
                n[2] += row.pdq.is_match as usize;
            }
            if let Read::Done {
                matched: Some(_), ..
            } = row.read
            {
                n[3] += 1;
            }
        }
        n
    }
}

/// The first seeded keyword entry (sources §3, the sandbox's lists) that `text` completes.
pub fn keyword_hit(text: &str) -> Option<String> {
    let entries: Vec<Combination> = SEEDED_KEYWORDS
        .iter()
        .filter_map(|(entry, _, _)| Combination::parse(entry).ok())
        .collect();
    let matcher = KeywordMatcher::new(&entries).ok()?;
    let hit = matcher.first(text)?;
    Some(SEEDED_KEYWORDS[hit.entry].0.to_string())
}

/// The variant's name in the grid, in the current language.
pub fn name(variant: Variant) -> String {
    match variant {
        Variant::Blur(level) => t!("evasion.variant.blur", level = level).into_owned(),
        other => t!(&format!("evasion.variant.{}", key(other))).into_owned(),
    }
}

/// What Citizen Lab observed for this kind of change, with its confidence and source, in
/// the current language.
pub fn observed(variant: Variant) -> String {
    t!(&format!("evasion.observed.{}", key(variant))).into_owned()
}

/// The message key of a variant: its slug with underscores, one key for every blur level.
fn key(variant: Variant) -> String {
    match variant {
        Variant::Blur(_) => "blur".to_string(),
        other => other.slug().replace('-', "_"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::test_pictures;
    use crate::filters::variants::evaluate;

    fn started() -> EvasionLab {
        let mut lab = EvasionLab::default();
        lab.reduce(EvasionAction::Start {
            name: "poster.png".into(),
            size: 1234,
        });
        lab
    }

    fn made(lab: &mut EvasionLab, run: u32, variant: Variant) {
        let file = test_pictures::png(&test_pictures::picture(2, 200, 150));
        let e = evaluate(&file, variant).unwrap();
        lab.reduce(EvasionAction::Made {
            run,
            variant,
            row: Box::new(e.row),
            preview: "data:".into(),
            mime: e.mime.into(),
        });
    }

    #[test]
    fn a_run_fills_in_row_by_row_in_any_order() {
        let mut lab = started();
        assert_eq!(lab.run, 1);
        let all = Variant::all().len();
        assert_eq!(lab.progress(), (0, all));
        assert!(lab.busy());
        made(&mut lab, 1, Variant::Mirror);
        assert_eq!(lab.progress(), (0, all), "OCR still owes its answer");
        lab.reduce(EvasionAction::Read {
            run: 1,
            variant: Variant::Mirror,
            text: "纪念六四 1989 学生民主运动".into(),
            confidence: 88,
        });
        assert_eq!(lab.progress(), (1, all));
        // OCR first, then the worker.
        lab.reduce(EvasionAction::Read {
            run: 1,
            variant: Variant::Original,
            text: String::new(),
            confidence: 0,
        });
        made(&mut lab, 1, Variant::Original);
        assert_eq!(lab.progress(), (2, all));
        let [md5, visual, pdq, ocr] = lab.caught();
        assert_eq!((md5, visual, pdq, ocr), (1, 1, 1, 1));
        let mirror = lab
            .rows
            .iter()
            .find(|r| r.variant == Variant::Mirror)
            .unwrap();
        assert_eq!(
            mirror.read,
            Read::Done {
                text: "纪念六四 1989 学生民主运动".into(),
                confidence: 88,
                matched: Some("六四+学生+民主运动".into())
            }
        );
    }

    #[test]
    fn a_failed_variant_finishes_its_row_and_answers_are_taken_once() {
        let mut lab = started();
        lab.reduce(EvasionAction::MakeFailed {
            run: 1,
            variant: Variant::Tile,
            message: "out of memory".into(),
        });
        let tile = lab
            .rows
            .iter()
            .find(|r| r.variant == Variant::Tile)
            .unwrap();
        assert!(tile.finished());
        assert_eq!(tile.made, Made::Failed("out of memory".into()));
        // A late OCR answer does not overwrite the failure.
        lab.reduce(EvasionAction::Read {
            run: 1,
            variant: Variant::Tile,
            text: "x".into(),
            confidence: 1,
        });
        let tile = lab
            .rows
            .iter()
            .find(|r| r.variant == Variant::Tile)
            .unwrap();
        assert_eq!(tile.read, Read::Failed("out of memory".into()));
    }

    #[test]
    fn answers_of_an_older_run_are_dropped() {
        let mut lab = started();
        lab.reduce(EvasionAction::Start {
            name: "other.jpg".into(),
            size: 9,
        });
        assert_eq!(lab.run, 2);
        made(&mut lab, 1, Variant::Mirror);
        lab.reduce(EvasionAction::Refused {
            run: 1,
            message: "not a picture".into(),
        });
        assert_eq!(lab.progress().0, 0);
        assert!(lab.error.is_none());
        assert_eq!(lab.source.as_ref().unwrap().name, "other.jpg");
    }

    #[test]
    fn a_refused_picture_replaces_the_grid_with_why_until_the_next_one() {
        let mut lab = started();
        lab.reduce(EvasionAction::Refused {
            run: 1,
            message: "not a picture this app can read".into(),
        });
        assert!(lab.rows.is_empty() && !lab.busy());
        assert_eq!(
            lab.error.as_deref(),
            Some("not a picture this app can read")
        );
        lab.reduce(EvasionAction::Start {
            name: "ok.png".into(),
            size: 1,
        });
        assert!(lab.error.is_none() && lab.busy());
    }

    #[test]
    fn ocr_catches_text_that_completes_a_seeded_entry_only() {
        assert_eq!(
            keyword_hit("纪念六四\n1989 学生民主运动").as_deref(),
            Some("六四+学生+民主运动")
        );
        assert_eq!(keyword_hit("牛肉面 12 元"), None);
        assert_eq!(keyword_hit(""), None);
    }

    #[test]
    fn every_variant_has_a_name_and_an_observation_with_its_confidence_in_both_languages() {
        crate::l10n::catalogue::load_later().unwrap();
        let chinese = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for variant in Variant::all() {
            let k = key(variant);
            for locale in ["en", "zh-CN"] {
                let name = match variant {
                    Variant::Blur(level) => {
                        t!("evasion.variant.blur", locale = locale, level = level).into_owned()
                    }
                    _ => t!(&format!("evasion.variant.{k}"), locale = locale).into_owned(),
                };
                assert!(!name.starts_with("evasion."), "{locale}: {k}");
                assert_eq!(chinese(&name), locale == "zh-CN", "{locale}: {name}");
                let seen = t!(&format!("evasion.observed.{k}"), locale = locale).into_owned();
                assert!(!seen.starts_with("evasion."), "{locale}: {k}");
                // Every observation ends with its confidence and a section of the sources.
                let tail = seen.rsplit('[').next().unwrap();
                assert!(
                    [
                        "confirmed;",
                        "data;",
                        "secondary;",
                        "unconfirmed;",
                        "hypothesis;"
                    ]
                    .iter()
                    .any(|c| tail.starts_with(c))
                        && tail.contains('§'),
                    "{locale}: {k}: {seen}"
                );
            }
        }
        assert!(t!("evasion.variant.blur", locale = "en", level = 7).contains('7'));
    }
}
