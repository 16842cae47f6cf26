//! The collision lab as a pure reducer: the two chosen pictures, the canvas, the pair being
//! made or shown, and the live collision search with its race of workers.
//!
//! The interface keeps the pictures' bytes (they are browser files) and does the work in
//! workers; everything it decides — what may be forged, which blocks to use, whether a pair
//! really collides, who won a race and what to say about it — is here, tested natively.

use super::notice::Notice;
use crate::detect::Scan;
use crate::fingerprint::{Digest, md5};
use crate::forge::jpeg::Twin;
use crate::forge::{ForgeStats, Span};
use crate::jobs::{JobError, Reply, Request};
use crate::t;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::rc::Rc;

/// Canvas sides the live search accepts: big enough to see, small enough to forge quickly.
pub const SIDE_RANGE: std::ops::RangeInclusive<u16> = 16..=2048;
/// Picture A (shown by file X) and picture B (shown by file Y).
pub const SLOTS: [Slot; 2] = [Slot::A, Slot::B];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Slot {
    A,
    B,
}

impl Slot {
    pub fn index(self) -> usize {
        match self {
            Self::A => 0,
            Self::B => 1,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::A => "a",
            Self::B => "b",
        }
    }
}

/// The kind of files the lab makes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// Photo-quality JPEGs of any size, around the one universal JPEG collision.
    #[default]
    Jpeg,
    /// 256-colour GIFs on a canvas with its own collision (shipped or found live).
    Gif,
}

/// Where a chosen picture came from (a tray sample can be fetched again after a reload).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PickSource {
    Sample(String),
    File,
}

/// A chosen picture.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picked {
    pub name: String,
    pub source: PickSource,
    /// Why it cannot be used (the browser could not show it), said as soon as it is known.
    pub problem: Option<String>,
    /// Whether its file is at hand in this page (after a reload it is fetched again first).
    #[serde(skip)]
    pub loaded: bool,
}

/// A collision found in this browser for a canvas.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fresh {
    pub width: u16,
    pub height: u16,
    /// The blocks-file line the forge reads (and checks again).
    pub line: String,
}

/// How a pair shown in the lab was made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Origin {
    /// Forged from the two pictures in a worker, in `ms` milliseconds.
    Forged { width: u16, height: u16, ms: f64 },
    /// Forged as two JPEGs in a worker, in `ms` milliseconds: what each twin shows.
    ForgedJpeg { a: Twin, b: Twin, ms: f64 },
    /// The built-in twins.
    Builtin,
    /// The bare collision found live: prefix and blocks, before any picture.
    Collision { width: u16, height: u16 },
    /// The bare universal JPEG collision found live.
    JpegCollision,
}

/// A pair checked here, whoever made it: same MD5, different bytes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    pub x: Vec<u8>,
    pub y: Vec<u8>,
    pub md5: Digest,
    pub x_map: Vec<Span>,
    pub y_map: Vec<Span>,
    pub origin: Origin,
    pub stats: Option<ForgeStats>,
}

impl Pair {
    /// Checks the pair as received: it is shown only if both MD5s agree and the bytes differ.
    pub fn checked(
        x: Vec<u8>,
        y: Vec<u8>,
        x_map: Vec<Span>,
        y_map: Vec<Span>,
        origin: Origin,
        stats: Option<ForgeStats>,
    ) -> Result<Pair, LabError> {
        let (mx, my) = (md5(&x), md5(&y));
        if mx != my {
            return Err(LabError::NotACollision(mx, my));
        }
        if x == y {
            return Err(LabError::Identical);
        }
        Ok(Pair {
            x,
            y,
            md5: mx,
            x_map,
            y_map,
            origin,
            stats,
        })
    }

    /// The bare universal JPEG collision of a found line: prefix and block X against prefix
    /// and block Y.
    pub fn of_jpeg_collision(line: &str) -> Result<Pair, LabError> {
        // Checked here as any pair is (same MD5, different bytes); the worker checks the
        // whole claim again before forging on it.
        let (blocks, _) = crate::forge::jpeg::prefix::unchecked(line)
            .ok_or_else(|| LabError::Refused(t!("lab.no_blocks").into_owned()))?;
        Pair::checked(
            blocks.head(false),
            blocks.head(true),
            vec![],
            vec![],
            Origin::JpegCollision,
            None,
        )
    }

    /// The bare collision of a found blocks line: prefix and block X against prefix and
    /// block Y.
    pub fn of_collision(fresh: &Fresh) -> Result<Pair, LabError> {
        let blocks = crate::forge::parse_blocks(&fresh.line)
            .map_err(|e| LabError::Refused(e.to_string()))?;
        let first = blocks
            .first()
            .ok_or_else(|| LabError::Refused(t!("lab.no_blocks").into_owned()))?;
        Pair::checked(
            first.head(false).to_vec(),
            first.head(true).to_vec(),
            Vec::new(),
            Vec::new(),
            Origin::Collision {
                width: fresh.width,
                height: fresh.height,
            },
            None,
        )
    }

    /// Bytes that differ between the two files.
    pub fn differing(&self) -> usize {
        self.x.iter().zip(&self.y).filter(|(p, q)| p != q).count()
    }

    /// How the pair was made, in a sentence.
    pub fn origin_text(&self) -> String {
        match self.origin {
            Origin::Forged { width, height, ms } => t!(
                "lab.origin.forged",
                width = width,
                height = height,
                ms = format!("{ms:.0}")
            ),
            Origin::ForgedJpeg { a, b, ms } => t!(
                "lab.origin.forged_jpeg",
                ms = format!("{ms:.0}"),
                wa = a.width,
                ha = a.height,
                wb = b.width,
                hb = b.height,
                alone_a = a.alone,
                alone_b = b.alone
            ),
            Origin::Builtin => t!("lab.origin.builtin"),
            Origin::Collision { width, height } => {
                t!("lab.origin.collision", width = width, height = height)
            }
            Origin::JpegCollision => t!("lab.origin.collision_jpeg"),
        }
        .into_owned()
    }

    /// Whether the files are pictures (a bare collision is not).
    pub fn is_picture(&self) -> bool {
        !matches!(
            self.origin,
            Origin::Collision { .. } | Origin::JpegCollision
        )
    }

    /// Whether the files are JPEGs (by their first bytes, SOI) rather than GIFs.
    pub fn is_jpeg(&self) -> bool {
        self.is_picture() && self.x.starts_with(&[0xFF, 0xD8])
    }

    /// The files' MIME type and file name extension.
    pub fn file_type(&self) -> (&'static str, &'static str) {
        if !self.is_picture() {
            ("application/octet-stream", "bin")
        } else if self.is_jpeg() {
            ("image/jpeg", "jpg")
        } else {
            ("image/gif", "gif")
        }
    }
}

/// Why the lab refused something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabError {
    BadSide,
    BadSeed,
    NotACollision(Digest, Digest),
    Identical,
    /// The forge or the search refused, with its reason.
    Refused(String),
}

impl fmt::Display for LabError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::BadSide => t!(
                "lab.error.bad_side",
                min = SIDE_RANGE.start(),
                max = SIDE_RANGE.end()
            ),
            Self::BadSeed => t!("lab.error.bad_seed"),
            Self::NotACollision(x, y) => t!("lab.error.not_a_collision", x = x, y = y),
            Self::Identical => t!("lab.error.identical"),
            Self::Refused(why) => return f.write_str(why),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for LabError {}

/// What the lab is busy with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Work {
    Forging { width: u16, height: u16 },
    ForgingJpeg,
    LoadingBuiltin,
}

#[derive(Clone, Debug)]
pub enum LabStatus {
    Idle,
    Working(Work),
    Failed(String),
    Ready(Rc<Pair>),
}

/// A pair is the same pair only if it is the very same one: comparing megabytes of bytes
/// on every change of the lab would be waste.
impl PartialEq for LabStatus {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Idle, Self::Idle) => true,
            (Self::Working(a), Self::Working(b)) => a == b,
            (Self::Failed(a), Self::Failed(b)) => a == b,
            (Self::Ready(a), Self::Ready(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// The live search: one worker per core racing different seeds.
#[derive(Clone, Debug, PartialEq)]
pub struct Search {
    pub running: bool,
    /// Searching the universal JPEG collision (no canvas) rather than a GIF canvas's.
    pub jpeg: bool,
    pub width: u16,
    pub height: u16,
    /// Worker `i` searches from seed `base_seed + i`, so a chosen seed repeats a search.
    pub base_seed: u64,
    pub started_ms: f64,
    pub now_ms: f64,
    /// Latest attempt counts per worker (block 1 + block 2 restarts).
    pub attempts: Vec<u64>,
    /// The outcome, or why it stopped.
    pub message: Option<SearchNote>,
}

/// What the live search last said, kept as what it means so that it is worded in the
/// language shown, even after a switch.
#[derive(Clone, Debug, PartialEq)]
pub enum SearchNote {
    /// A collision was found and verified.
    Found {
        jpeg: bool,
        width: u16,
        height: u16,
        seconds: f64,
        /// The winning worker, counted from 1.
        worker: usize,
        workers: usize,
        seed: u64,
        /// The block-2 path the search took (a code name).
        variant: String,
        block1_attempts: u64,
        block2_attempts: u64,
        /// Searches run (more than one when a collision was unusable for the canvas).
        searches: u32,
    },
    /// What was typed cannot start a search.
    Refused(LabError),
    /// A worker failed, with its reason (worded when it failed).
    Failed(String),
    /// A worker answered something other than a collision.
    OtherAnswer,
    /// The person cancelled.
    Cancelled,
}

impl fmt::Display for SearchNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Found {
                jpeg,
                width,
                height,
                seconds,
                worker,
                workers,
                seed,
                variant,
                block1_attempts,
                block2_attempts,
                searches,
            } => {
                let seconds = format!("{seconds:.1}");
                if *jpeg {
                    t!(
                        "lab.search.found_jpeg",
                        seconds = seconds,
                        worker = worker,
                        workers = workers,
                        seed = seed,
                        variant = variant,
                        block1 = block1_attempts,
                        block2 = block2_attempts
                    )
                } else if *searches > 1 {
                    t!(
                        "lab.search.found_searches",
                        width = width,
                        height = height,
                        seconds = seconds,
                        worker = worker,
                        workers = workers,
                        seed = seed,
                        variant = variant,
                        block1 = block1_attempts,
                        block2 = block2_attempts,
                        searches = searches
                    )
                } else {
                    t!(
                        "lab.search.found",
                        width = width,
                        height = height,
                        seconds = seconds,
                        worker = worker,
                        workers = workers,
                        seed = seed,
                        variant = variant,
                        block1 = block1_attempts,
                        block2 = block2_attempts
                    )
                }
            }
            Self::Refused(why) => return write!(f, "{why}"),
            Self::Failed(why) => return f.write_str(why),
            Self::OtherAnswer => t!("lab.search.other_answer"),
            Self::Cancelled => t!("lab.search.cancelled"),
        };
        f.write_str(&text)
    }
}

impl Default for Search {
    fn default() -> Self {
        Self {
            running: false,
            jpeg: false,
            width: 400,
            height: 300,
            base_seed: 0,
            started_ms: 0.0,
            now_ms: 0.0,
            attempts: Vec::new(),
            message: None,
        }
    }
}

impl Search {
    /// Plans a race for a new universal JPEG collision: as [`Search::plan`], without a canvas.
    pub fn plan_jpeg(
        seed: &str,
        workers: usize,
        clock_ms: f64,
    ) -> Result<(Search, Vec<Request>), LabError> {
        let (gif, requests) = Self::plan("400", "300", seed, workers, clock_ms)?;
        let requests = requests
            .iter()
            .map(|r| match r {
                Request::Collide { seed, .. } => Request::CollideJpeg { seed: *seed },
                other => other.clone(),
            })
            .collect();
        Ok((Search { jpeg: true, ..gif }, requests))
    }

    /// Plans a race from what the person typed: the search state and one request per
    /// worker. `clock_ms` (the page's clock) seeds a search left without a seed.
    pub fn plan(
        width: &str,
        height: &str,
        seed: &str,
        workers: usize,
        clock_ms: f64,
    ) -> Result<(Search, Vec<Request>), LabError> {
        let side = |text: &str| {
            text.trim()
                .parse::<u16>()
                .ok()
                .filter(|s| SIDE_RANGE.contains(s))
                .ok_or(LabError::BadSide)
        };
        let (width, height) = (side(width)?, side(height)?);
        let base_seed = match seed.trim() {
            "" => (clock_ms as u64).wrapping_mul(1_000_003),
            text => text.parse::<u64>().map_err(|_| LabError::BadSeed)?,
        };
        let workers = workers.max(1);
        let requests = (0..workers)
            .map(|i| Request::Collide {
                width,
                height,
                seed: base_seed.wrapping_add(i as u64),
            })
            .collect();
        let search = Search {
            running: true,
            jpeg: false,
            width,
            height,
            base_seed,
            started_ms: clock_ms,
            now_ms: clock_ms,
            attempts: vec![0; workers],
            message: None,
        };
        Ok((search, requests))
    }

    pub fn total_attempts(&self) -> u64 {
        self.attempts.iter().sum()
    }

    pub fn elapsed_s(&self) -> f64 {
        (self.now_ms - self.started_ms).max(0.0) / 1000.0
    }
}

/// What one worker's end means for the race.
#[derive(Clone, Debug, PartialEq)]
pub enum RaceEnd {
    /// The first verified collision: the others stop.
    Won(Reply),
    /// A failure: the others stop too, and the person is told why.
    Failed(String),
    /// Stopped because someone else won or the person cancelled: nothing to do.
    Stopped,
}

/// How a worker's result ends the race.
pub fn race_end(result: Result<Reply, JobError>) -> RaceEnd {
    match result {
        Ok(reply @ Reply::Collided { .. }) => RaceEnd::Won(reply),
        Ok(_) => RaceEnd::Failed(t!("forge.worker_other").into_owned()),
        Err(JobError::Cancelled) => RaceEnd::Stopped,
        Err(e) => RaceEnd::Failed(e.to_string()),
    }
}

/// The lab's whole state.
#[derive(Clone, Debug, PartialEq)]
pub struct Lab {
    pub picked: [Option<Picked>; 2],
    pub format: Format,
    pub canvas: (u16, u16),
    /// The collision found live in this browser, if any.
    pub fresh: Option<Fresh>,
    /// The universal JPEG collision found live in this browser, if any (its blocks line).
    pub fresh_jpeg: Option<String>,
    pub status: LabStatus,
    pub search: Search,
    /// What a censor's collision detector found in the pair with this MD5 (or why it could
    /// not look), once a worker has answered.
    pub notice: Option<(Digest, Result<Rc<Notice>, String>)>,
    /// A file of the person's own, checked by the collision detector.
    pub check: Option<FileCheck>,
}

/// The collision detector's check of a file the person chose. Numbered, so that a late answer
/// about an earlier file never replaces the one asked for last.
#[derive(Clone, Debug, PartialEq)]
pub struct FileCheck {
    pub id: u32,
    pub name: String,
    pub state: CheckState,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CheckState {
    Checking,
    /// What the detector found, and the file the first complete collision implies.
    Done {
        scan: Scan,
        twin: Option<Rc<Vec<u8>>>,
    },
    Failed(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum LabAction {
    Pick(Slot, Picked),
    /// The picture in a slot turned out unreadable.
    PickProblem(Slot, String),
    SetFormat(Format),
    SetCanvas(u16, u16),
    Start(Work),
    /// A pair arrived (forged or built in): checked before it is shown.
    Arrived(Result<Pair, LabError>),
    Fail(String),
    SearchStarted(Search),
    /// What was typed cannot start a search.
    SearchRefused(LabError),
    SearchProgress {
        worker: usize,
        attempts: u64,
    },
    SearchTick(f64),
    /// A worker's search ended at `now_ms`.
    SearchEnded {
        worker: usize,
        end: RaceEnd,
        now_ms: f64,
    },
    SearchCancelled,
    /// The detector's findings for the pair with this MD5, or why there are none; kept only
    /// if that pair is the one shown.
    Noticed(Digest, Result<Notice, String>),
    /// The person chose a file to check for collision blocks (the service numbers checks).
    Check {
        id: u32,
        name: String,
    },
    /// The detector's answer about check `id` (the scan, and the twin's bytes, empty if
    /// none).
    Checked {
        id: u32,
        result: Result<(Scan, Vec<u8>), String>,
    },
}

/// What survives a reload (the pictures and the pair are stored apart, as bytes).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedLab {
    pub picked: [Option<Picked>; 2],
    pub canvas: Option<(u16, u16)>,
    pub fresh: Option<Fresh>,
    /// Absent in what an older version kept: the default then.
    #[serde(default)]
    pub format: Format,
    #[serde(default)]
    pub fresh_jpeg: Option<String>,
}

impl Lab {
    /// A lab with the canvas the tray's pictures suit, among `shipped` canvases.
    pub fn new(shipped: &[(u16, u16)]) -> Self {
        let canvas = if shipped.contains(&(640, 480)) {
            (640, 480)
        } else {
            shipped.first().copied().unwrap_or((640, 480))
        };
        Self {
            picked: [None, None],
            format: Format::default(),
            canvas,
            fresh: None,
            fresh_jpeg: None,
            status: LabStatus::Idle,
            search: Search::default(),
            notice: None,
            check: None,
        }
    }

    /// Applies an action; returns whether anything changed.
    pub fn reduce(&mut self, action: LabAction) -> bool {
        let before = self.clone();
        match action {
            LabAction::Pick(slot, picked) => self.picked[slot.index()] = Some(picked),
            LabAction::PickProblem(slot, problem) => {
                if let Some(p) = &mut self.picked[slot.index()] {
                    p.problem = Some(problem);
                }
            }
            LabAction::SetFormat(format) => self.format = format,
            LabAction::SetCanvas(w, h) => self.canvas = (w, h),
            LabAction::Start(work) => self.status = LabStatus::Working(work),
            LabAction::Arrived(Ok(pair)) => {
                self.status = LabStatus::Ready(Rc::new(pair));
                self.notice = None;
            }
            LabAction::Check { id, name } => {
                self.check = Some(FileCheck {
                    id,
                    name,
                    state: CheckState::Checking,
                });
            }
            LabAction::Checked { id, result } => {
                if let Some(check) = self.check.as_mut().filter(|c| c.id == id) {
                    check.state = match result {
                        Ok((scan, twin)) => CheckState::Done {
                            scan,
                            twin: (!twin.is_empty()).then(|| Rc::new(twin)),
                        },
                        Err(why) => CheckState::Failed(why),
                    };
                }
            }
            LabAction::Noticed(md5, found) => {
                if matches!(&self.status, LabStatus::Ready(pair) if pair.md5 == md5) {
                    self.notice = Some((md5, found.map(Rc::new)));
                }
            }
            LabAction::Arrived(Err(e)) => self.status = LabStatus::Failed(e.to_string()),
            LabAction::Fail(message) => self.status = LabStatus::Failed(message),
            LabAction::SearchStarted(search) => self.search = search,
            LabAction::SearchRefused(why) if !self.search.running => {
                self.search.message = Some(SearchNote::Refused(why));
            }
            LabAction::SearchRefused(_) => {}
            LabAction::SearchProgress { worker, attempts } => {
                if let Some(slot) = self.search.attempts.get_mut(worker) {
                    *slot = attempts;
                }
            }
            LabAction::SearchTick(now_ms) if self.search.running => self.search.now_ms = now_ms,
            LabAction::SearchTick(_) => {}
            LabAction::SearchEnded { .. } if !self.search.running => {}
            LabAction::SearchEnded {
                worker,
                end,
                now_ms,
            } => self.end_search(worker, end, now_ms),
            LabAction::SearchCancelled => {
                self.search.running = false;
                self.search.message = Some(SearchNote::Cancelled);
            }
        }
        *self != before
    }

    fn end_search(&mut self, worker: usize, end: RaceEnd, now_ms: f64) {
        let search = &mut self.search;
        search.now_ms = now_ms;
        match end {
            RaceEnd::Stopped => return,
            RaceEnd::Failed(message) => search.message = Some(SearchNote::Failed(message)),
            RaceEnd::Won(Reply::Collided {
                line,
                seed,
                searches,
                variant,
                block1_attempts,
                block2_attempts,
                ..
            }) => {
                let jpeg = search.jpeg;
                let fresh = Fresh {
                    width: search.width,
                    height: search.height,
                    line,
                };
                search.message = Some(SearchNote::Found {
                    jpeg,
                    width: fresh.width,
                    height: fresh.height,
                    seconds: search.elapsed_s(),
                    worker: worker + 1,
                    workers: search.attempts.len(),
                    seed,
                    variant,
                    block1_attempts,
                    block2_attempts,
                    searches,
                });
                self.search.running = false;
                self.notice = None;
                if jpeg {
                    // Offered at once as a pair; pictures are forged on it next.
                    self.format = Format::Jpeg;
                    self.status = match Pair::of_jpeg_collision(&fresh.line) {
                        Ok(pair) => LabStatus::Ready(Rc::new(pair)),
                        Err(e) => LabStatus::Failed(e.to_string()),
                    };
                    self.fresh_jpeg = Some(fresh.line);
                    return;
                }
                // A live collision for a canvas is a GIF one: the lab turns to GIF to use it.
                self.format = Format::Gif;
                self.canvas = (fresh.width, fresh.height);
                // Offered at once as a pair; pictures can be forged on it next.
                self.status = match Pair::of_collision(&fresh) {
                    Ok(pair) => LabStatus::Ready(Rc::new(pair)),
                    Err(e) => LabStatus::Failed(e.to_string()),
                };
                self.notice = None;
                self.fresh = Some(fresh);
            }
            RaceEnd::Won(_) => search.message = Some(SearchNote::OtherAnswer),
        }
        self.search.running = false;
    }

    /// The canvases on offer: the shipped ones, and the one found live.
    pub fn canvases(&self, shipped: &[(u16, u16)]) -> Vec<(u16, u16)> {
        let mut all = shipped.to_vec();
        if let Some(f) = &self.fresh
            && !all.contains(&(f.width, f.height))
        {
            all.push((f.width, f.height));
        }
        all
    }

    /// Whether both pictures are chosen and usable and nothing is under way.
    pub fn ready_to_forge(&self) -> bool {
        self.picked
            .iter()
            .all(|p| p.as_ref().is_some_and(|p| p.loaded && p.problem.is_none()))
            && !matches!(self.status, LabStatus::Working(_))
    }

    /// The request that forges the chosen pictures: as JPEGs, or as GIFs on the chosen
    /// canvas with the live collision's blocks when it is for this canvas.
    pub fn forge_request(&self) -> Request {
        if self.format == Format::Jpeg {
            return Request::ForgeJpeg {
                blocks: self.fresh_jpeg.clone(),
            };
        }
        let (width, height) = self.canvas;
        let blocks = self
            .fresh
            .as_ref()
            .filter(|f| (f.width, f.height) == self.canvas)
            .map(|f| f.line.clone());
        Request::Forge {
            width,
            height,
            blocks,
        }
    }

    /// What to keep across a reload.
    pub fn saved(&self) -> SavedLab {
        SavedLab {
            picked: self.picked.clone(),
            canvas: Some(self.canvas),
            fresh: self.fresh.clone(),
            format: self.format,
            fresh_jpeg: self.fresh_jpeg.clone(),
        }
    }

    /// A lab restored from what was kept; a live collision is checked again before use.
    pub fn restore(saved: SavedLab, shipped: &[(u16, u16)]) -> Self {
        let mut lab = Self::new(shipped);
        lab.picked = saved.picked;
        lab.format = saved.format;
        lab.fresh_jpeg = saved
            .fresh_jpeg
            .filter(|line| Pair::of_jpeg_collision(line).is_ok());
        lab.fresh = saved.fresh.filter(|f| Pair::of_collision(f).is_ok());
        if let Some(canvas) = saved.canvas
            && lab.canvases(shipped).contains(&canvas)
        {
            lab.canvas = canvas;
        }
        lab
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picked(name: &str) -> Picked {
        Picked {
            name: name.into(),
            source: PickSource::File,
            problem: None,
            loaded: true,
        }
    }

    fn shipped() -> Vec<(u16, u16)> {
        crate::forge::shipped_canvases()
    }

    #[test]
    fn a_pair_is_shown_only_if_it_collides() {
        let blocks = &crate::forge::shipped_blocks()[0];
        let (x, y) = (blocks.head(false).to_vec(), blocks.head(true).to_vec());
        let pair = Pair::checked(x.clone(), y, vec![], vec![], Origin::Builtin, None).unwrap();
        assert!(pair.differing() > 0);
        assert_eq!(pair.md5, md5(&x));
        let mut bad = x.clone();
        bad[100] ^= 1;
        assert!(matches!(
            Pair::checked(x.clone(), bad, vec![], vec![], Origin::Builtin, None),
            Err(LabError::NotACollision(..))
        ));
        assert_eq!(
            Pair::checked(x.clone(), x, vec![], vec![], Origin::Builtin, None),
            Err(LabError::Identical)
        );
    }

    #[test]
    fn picking_both_pictures_allows_forging_and_a_problem_forbids_it() {
        let mut lab = Lab::new(&shipped());
        assert_eq!(lab.canvas, (640, 480));
        assert!(!lab.ready_to_forge());
        assert!(lab.reduce(LabAction::Pick(Slot::A, picked("a.png"))));
        assert!(lab.reduce(LabAction::Pick(Slot::B, picked("b.png"))));
        assert!(lab.ready_to_forge());
        assert!(lab.reduce(LabAction::PickProblem(Slot::B, "not a picture".into())));
        assert!(!lab.ready_to_forge());
        lab.reduce(LabAction::Pick(Slot::B, picked("c.png")));
        lab.reduce(LabAction::Start(Work::Forging {
            width: 640,
            height: 480,
        }));
        assert!(!lab.ready_to_forge(), "one thing at a time");
        // JPEG twins by default, like the Citizen Lab's pair; GIF on a canvas when chosen.
        assert_eq!(lab.forge_request(), Request::ForgeJpeg { blocks: None });
        assert!(lab.reduce(LabAction::SetFormat(Format::Gif)));
        assert_eq!(
            lab.forge_request(),
            Request::Forge {
                width: 640,
                height: 480,
                blocks: None
            }
        );
        assert!(!lab.reduce(LabAction::SetCanvas(640, 480)));
    }

    #[test]
    fn the_format_survives_a_reload_and_old_saves_read_as_jpeg() {
        let mut lab = Lab::new(&shipped());
        assert_eq!(lab.format, Format::Jpeg);
        lab.reduce(LabAction::SetFormat(Format::Gif));
        let json = serde_json::to_string(&lab.saved()).unwrap();
        let back = Lab::restore(serde_json::from_str(&json).unwrap(), &shipped());
        assert_eq!(back.format, Format::Gif);
        let old: SavedLab =
            serde_json::from_str(r#"{"picked":[null,null],"canvas":[640,480],"fresh":null}"#)
                .unwrap();
        assert_eq!(Lab::restore(old, &shipped()).format, Format::Jpeg);
    }

    #[test]
    fn a_jpeg_pair_says_what_each_twin_shows() {
        let twin = |width, height| Twin {
            width,
            height,
            alone: 1000,
        };
        let blocks = &crate::forge::jpeg::shipped_jpeg_blocks()[0];
        let pair = Pair::checked(
            blocks.head(false),
            blocks.head(true),
            vec![],
            vec![],
            Origin::ForgedJpeg {
                a: twin(2048, 1536),
                b: twin(300, 200),
                ms: 812.4,
            },
            None,
        )
        .unwrap();
        let text = pair.origin_text();
        assert!(
            text.contains("2048×1536") && text.contains("300×200") && text.contains("812"),
            "{text}"
        );
        assert!(pair.is_picture() && pair.is_jpeg());
        assert_eq!(pair.file_type(), ("image/jpeg", "jpg"));
    }

    #[test]
    fn a_race_is_planned_from_what_was_typed() {
        assert_eq!(
            Search::plan("15", "300", "", 2, 0.0).unwrap_err(),
            LabError::BadSide
        );
        assert_eq!(
            Search::plan("400", "300", "-3", 2, 0.0).unwrap_err(),
            LabError::BadSeed
        );
        let (search, requests) = Search::plan(" 400", "300 ", "7", 3, 1_000.0).unwrap();
        assert_eq!(search.attempts, vec![0, 0, 0]);
        assert_eq!(
            requests,
            (7..10)
                .map(|seed| Request::Collide {
                    width: 400,
                    height: 300,
                    seed
                })
                .collect::<Vec<_>>()
        );
        let (a, _) = Search::plan("400", "300", "", 1, 1_000.0).unwrap();
        let (b, _) = Search::plan("400", "300", "", 1, 2_000.0).unwrap();
        assert_ne!(a.base_seed, b.base_seed, "blank: a fresh seed per search");
    }

    #[test]
    fn a_live_jpeg_collision_is_offered_at_once_and_then_forged_on() {
        let (search, requests) = Search::plan_jpeg("5", 2, 0.0).unwrap();
        assert!(search.jpeg);
        assert_eq!(
            requests,
            vec![
                Request::CollideJpeg { seed: 5 },
                Request::CollideJpeg { seed: 6 }
            ]
        );
        assert_eq!(
            Search::plan_jpeg("x", 1, 0.0).unwrap_err(),
            LabError::BadSeed
        );
        let mut lab = Lab::new(&shipped());
        lab.reduce(LabAction::SetFormat(Format::Gif));
        lab.reduce(LabAction::SearchStarted(search));
        let line = crate::forge::jpeg::shipped_jpeg_blocks()[0].to_line();
        lab.reduce(LabAction::SearchEnded {
            worker: 0,
            end: race_end(Ok(Reply::Collided {
                line: line.clone(),
                nonce: 5,
                seed: 5,
                searches: 1,
                variant: "S11".into(),
                block1_attempts: 2,
                block2_attempts: 3,
                ms: 900.0,
            })),
            now_ms: 900.0,
        });
        let message = lab.search.message.clone().unwrap().to_string();
        assert!(
            message.contains("JPEG") && message.contains("by worker 1 of 2"),
            "{message}"
        );
        assert_eq!(lab.format, Format::Jpeg, "the lab turns to JPEG to use it");
        let LabStatus::Ready(pair) = &lab.status else {
            panic!("{:?}", lab.status)
        };
        assert!(!pair.is_picture() && pair.differing() > 0);
        assert_eq!(
            lab.forge_request(),
            Request::ForgeJpeg {
                blocks: Some(line.clone())
            }
        );
        // Kept across a reload, and checked again there: a tampered line is dropped.
        let json = serde_json::to_string(&lab.saved()).unwrap();
        let back = Lab::restore(serde_json::from_str(&json).unwrap(), &shipped());
        assert_eq!(back.fresh_jpeg, Some(line.clone()));
        let mut saved = lab.saved();
        saved.fresh_jpeg = Some(line.replacen('a', "b", 1));
        assert_eq!(Lab::restore(saved, &shipped()).fresh_jpeg, None);
    }

    #[test]
    fn the_first_collision_wins_and_is_offered_as_a_pair_at_once() {
        // A real collision for a canvas, as a worker would send it.
        let blocks = crate::forge::shipped_blocks()
            .into_iter()
            .find(|b| (b.width, b.height) == (640, 480))
            .unwrap();
        let line = blocks.to_line();
        let mut lab = Lab::new(&shipped());
        let (search, _) = Search::plan("640", "480", "9", 2, 0.0).unwrap();
        lab.reduce(LabAction::SearchStarted(search));
        assert!(lab.reduce(LabAction::SearchProgress {
            worker: 1,
            attempts: 40
        }));
        assert_eq!(lab.search.total_attempts(), 40);
        let won = race_end(Ok(Reply::Collided {
            line,
            nonce: 0,
            seed: 10,
            searches: 1,
            variant: "W".into(),
            block1_attempts: 3,
            block2_attempts: 4,
            ms: 1_500.0,
        }));
        assert!(matches!(won, RaceEnd::Won(_)));
        lab.reduce(LabAction::SearchEnded {
            worker: 1,
            end: won,
            now_ms: 1_500.0,
        });
        assert!(!lab.search.running);
        let message = lab.search.message.clone().unwrap().to_string();
        assert!(
            message.contains("found in 1.5 s by worker 2 of 2"),
            "{message}"
        );
        assert_eq!(
            message,
            "A new collision for 640×480, found in 1.5 s by worker 2 of 2 (seed 10, block-2 path \
             W, 3 block-1 and 4 block-2 attempts), verified in the worker."
        );
        let LabStatus::Ready(pair) = &lab.status else {
            panic!("{:?}", lab.status)
        };
        assert!(!pair.is_picture());
        assert_eq!(md5(&pair.x), md5(&pair.y));
        assert_eq!(lab.canvas, (640, 480));

        // The other worker's cancellation changes nothing; a failure afterwards neither.
        assert_eq!(race_end(Err(JobError::Cancelled)), RaceEnd::Stopped);
        let before = lab.clone();
        lab.reduce(LabAction::SearchEnded {
            worker: 0,
            end: RaceEnd::Failed("late".into()),
            now_ms: 2_000.0,
        });
        assert_eq!(lab, before);

        // Forging now uses the live blocks (the lab turned to GIF for them), and the state
        // survives a reload.
        assert_eq!(lab.format, Format::Gif);
        lab.reduce(LabAction::Pick(Slot::A, picked("a.png")));
        let Request::Forge { blocks, .. } = lab.forge_request() else {
            unreachable!()
        };
        assert!(blocks.is_some());
        let json = serde_json::to_string(&lab.saved()).unwrap();
        let mut back = Lab::restore(serde_json::from_str(&json).unwrap(), &shipped());
        assert_eq!(back.fresh, lab.fresh);
        assert_eq!(back.canvas, lab.canvas);
        // After a reload a picture is known by name, but usable only once its file is back.
        let restored = back.picked[0].clone().unwrap();
        assert!(!restored.loaded && !back.ready_to_forge());
        assert!(back.reduce(LabAction::Pick(
            Slot::A,
            Picked {
                loaded: true,
                ..restored
            }
        )));
    }

    #[test]
    fn a_failing_worker_stops_the_race_with_its_reason() {
        let mut lab = Lab::new(&shipped());
        let (search, _) = Search::plan("400", "300", "", 2, 0.0).unwrap();
        lab.reduce(LabAction::SearchStarted(search));
        let end = race_end(Err(JobError::WorkerStopped("out of memory".into())));
        lab.reduce(LabAction::SearchEnded {
            worker: 0,
            end,
            now_ms: 10.0,
        });
        assert!(!lab.search.running);
        assert!(
            lab.search
                .message
                .clone()
                .unwrap()
                .to_string()
                .contains("out of memory")
        );
        assert_eq!(lab.status, LabStatus::Idle);
        assert!(lab.reduce(LabAction::SearchRefused(LabError::BadSeed)));
        assert!(
            lab.search
                .message
                .clone()
                .unwrap()
                .to_string()
                .contains("whole number")
        );
    }

    #[test]
    fn the_detectors_findings_are_kept_only_for_the_pair_shown() {
        let blocks = &crate::forge::shipped_blocks()[0];
        let (x, y) = (blocks.head(false).to_vec(), blocks.head(true).to_vec());
        let mut lab = Lab::new(&shipped());
        let notice = Notice::of(&x, &y);
        // No pair yet: nothing to attach the findings to.
        lab.reduce(LabAction::Noticed(notice.md5, Ok(notice.clone())));
        assert_eq!(lab.notice, None);
        let pair = Pair::checked(x, y, vec![], vec![], Origin::Builtin, None).unwrap();
        lab.reduce(LabAction::Arrived(Ok(pair.clone())));
        // Findings about another pair (a late reply) are dropped; this pair's are kept.
        lab.reduce(LabAction::Noticed(md5(b"another pair"), Ok(notice.clone())));
        assert_eq!(lab.notice, None);
        lab.reduce(LabAction::Noticed(
            pair.md5,
            Err("the worker stopped".into()),
        ));
        assert_eq!(
            lab.notice,
            Some((pair.md5, Err("the worker stopped".into())))
        );
        lab.reduce(LabAction::Noticed(pair.md5, Ok(notice.clone())));
        assert_eq!(lab.notice, Some((pair.md5, Ok(Rc::new(notice)))));
        // A new pair clears them until the worker has looked at it.
        lab.reduce(LabAction::Arrived(Ok(pair)));
        assert_eq!(lab.notice, None);
    }

    #[test]
    fn a_file_check_keeps_only_the_answer_about_the_file_asked_for_last() {
        let blocks = &crate::forge::shipped_blocks()[0];
        let x = blocks.head(false).to_vec();
        let found = crate::detect::scan(&x);
        let twin = crate::detect::twin(&x, &found).unwrap().bytes;
        let mut lab = Lab::new(&shipped());
        lab.reduce(LabAction::Check {
            id: 1,
            name: "a.gif".into(),
        });
        lab.reduce(LabAction::Check {
            id: 2,
            name: "b.gif".into(),
        });
        let check = lab.check.clone().unwrap();
        assert_eq!((check.id, check.name.as_str()), (2, "b.gif"));
        assert_eq!(check.state, CheckState::Checking);
        // The answer about a.gif arrives late: ignored.
        lab.reduce(LabAction::Checked {
            id: 1,
            result: Err("late".into()),
        });
        assert_eq!(lab.check.as_ref().unwrap().state, CheckState::Checking);
        lab.reduce(LabAction::Checked {
            id: 2,
            result: Ok((found.clone(), twin.clone())),
        });
        let CheckState::Done { scan, twin: kept } = &lab.check.as_ref().unwrap().state else {
            panic!("{:?}", lab.check)
        };
        assert_eq!(scan, &found);
        assert_eq!(kept.as_deref(), Some(&twin));
        // No twin: none is offered.
        lab.reduce(LabAction::Check {
            id: 3,
            name: "c.png".into(),
        });
        lab.reduce(LabAction::Checked {
            id: 3,
            result: Ok((crate::detect::scan(b"plain"), Vec::new())),
        });
        assert!(matches!(
            lab.check.as_ref().unwrap().state,
            CheckState::Done { twin: None, .. }
        ));
    }
}
