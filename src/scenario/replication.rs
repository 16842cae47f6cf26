//! The guided replication of "We Chat, They Watch" (S1, sources §6): trials of the Citizen
//! Lab's design, step by step, on a platform of their own.
//!
//! Every trial: (1) a control — a benign file never seen before reaches the China-registered
//! account; (2) the trigger — the sensitive file is sent in a group of international accounts
//! only, and delivered; (3) the wait — the hidden analysis runs on the simulated clock;
//! (4) the measurement — the benign twin, never sent before, goes to a group with the
//! China-registered account, and is dropped if the international group was watched. Each trial
//! uses files made fresh for it (a pair forged on the spot, tagged with the trial), so trials
//! are independent, as the study's were.
//!
//! The planner and the reducer are here; the interface forges and analyses the files in a
//! worker and hands them over as [`TrialFiles`].

use super::sandbox::{Sandbox, SandboxAction, Scene};
use crate::filters::FileFacts;
use crate::platform::{
    Action, EventKind, MessageId, Millis, OptionKey, OptionValue, Outcome, ReferenceSeed,
    ReplicationCast, narrate, replication_preset,
};
use crate::t;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The tray's sensitive pictures (each on the visual reference list), used in turn.
pub const SENSITIVE_PICTURES: [&str; 4] =
    ["tank-column", "candle-vigil", "empty-chair", "blank-paper"];
/// The tray's benign pictures, used in turn for the benign twin and the control.
pub const BENIGN_PICTURES: [&str; 6] = [
    "cat",
    "bicycle",
    "flowers",
    "mountain-lake",
    "noodle-bowl",
    "birthday-cake",
];
/// The documents of the documents trials: a sensitive one and a benign control.
/// A PDF and a Word file, as the 2019 trials' documents may have been (sources §5).
pub const SENSITIVE_DOCUMENT: &str = "meeting-notes-pdf";
pub const BENIGN_DOCUMENT: &str = "weekend-plans-docx";
/// The share of trigger images that took effect in the study: 49 of 60 (sources §6.4).
pub const REALISTIC_PERCENT: u8 = 82;
/// Simulated time between two sends of a trial.
const PAUSE_MS: Millis = 1_000;

/// What a trial sends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Variant {
    /// A same-MD5 pair of pictures: the sensitive twin triggers, the benign twin measures.
    #[default]
    Pictures,
    /// A sensitive document triggers, and the same document measures (no collision is needed:
    /// documents were never blocked on first sending, sources §6.2, §6.8).
    Documents,
    /// As `Documents`, but the trigger is recalled at once (the study's five recall trials).
    RecalledDocuments,
}

impl Variant {
    pub const ALL: [Variant; 3] = [
        Variant::Pictures,
        Variant::Documents,
        Variant::RecalledDocuments,
    ];

    /// What the files menu calls it, in the current language.
    pub fn label(self) -> String {
        match self {
            Self::Pictures => t!("replication.variant.pictures"),
            Self::Documents => t!("replication.variant.documents"),
            Self::RecalledDocuments => t!("replication.variant.recalled"),
        }
        .into_owned()
    }
}

/// The files a trial needs, decided before anything is made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrialPlan {
    /// From 1.
    pub n: u32,
    pub variant: Variant,
    /// Tray sample ids.
    pub control: String,
    pub sensitive: String,
    /// The benign twin's picture (pictures trials only).
    pub benign: Option<String>,
    /// Bytes added to every file of the trial where readers do not look (see [`tagged`]),
    /// so that each trial's files are new to the platform.
    pub tag: String,
}

/// `bytes` carrying `tag` where its format's readers ignore it, so that the file is new (a new
/// MD5) but reads as before: a ZIP archive (a DOCX) as its archive comment, a PDF as comment
/// lines after its end, anything else (pictures, text) appended. Two files with one MD5 keep
/// it, as long as both get the same tag: the same bytes follow the same state.
pub fn tagged(bytes: &[u8], tag: &str) -> Vec<u8> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let eocd_at = bytes.len().checked_sub(22);
    let mut out = bytes.to_vec();
    match eocd_at {
        // An archive without a comment (as the tray's DOCX): its end record says how long
        // the comment is, so the comment must be counted there.
        Some(at) if bytes[at..].starts_with(EOCD) && bytes.ends_with(&[0, 0]) => {
            let comment = &tag.as_bytes()[..tag.len().min(u16::MAX as usize)];
            out[at + 20..].copy_from_slice(&(comment.len() as u16).to_le_bytes());
            out.extend_from_slice(comment);
        }
        _ if bytes.starts_with(b"%PDF-") => {
            for line in tag.lines().filter(|l| !l.is_empty()) {
                out.extend_from_slice(format!("%{line}\n").as_bytes());
            }
        }
        _ => out.extend_from_slice(tag.as_bytes()),
    }
    out
}

/// Plans trial `n` of a run.
pub fn plan(n: u32, variant: Variant, run_seed: u64) -> TrialPlan {
    let i = (n.max(1) - 1) as usize;
    let tag = format!("\nhashwall guided replication, run {run_seed:x}, trial {n}\n");
    match variant {
        Variant::Pictures => TrialPlan {
            n,
            variant,
            control: BENIGN_PICTURES[(i + 1) % BENIGN_PICTURES.len()].into(),
            sensitive: SENSITIVE_PICTURES[i % SENSITIVE_PICTURES.len()].into(),
            benign: Some(BENIGN_PICTURES[i % BENIGN_PICTURES.len()].into()),
            tag,
        },
        Variant::Documents | Variant::RecalledDocuments => TrialPlan {
            n,
            variant,
            control: BENIGN_DOCUMENT.into(),
            sensitive: SENSITIVE_DOCUMENT.into(),
            benign: None,
            tag,
        },
    }
}

/// A file of a trial, as the server will see it, with its preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrialFile {
    pub facts: FileFacts,
    pub preview: Option<String>,
}

/// The three files of a trial, made and analysed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrialFiles {
    pub control: TrialFile,
    pub trigger: TrialFile,
    pub measure: TrialFile,
}

impl TrialFiles {
    /// Checks what the trial depends on: the trigger and the measured file share an MD5,
    /// and the control is another file.
    pub fn checked(self) -> Result<TrialFiles, ReplicationError> {
        let (c, t, m) = (
            &self.control.facts,
            &self.trigger.facts,
            &self.measure.facts,
        );
        if t.md5 != m.md5 {
            return Err(ReplicationError::NotTwins);
        }
        if c.md5 == t.md5 {
            return Err(ReplicationError::ControlIsTwin);
        }
        Ok(self)
    }
}

/// What comes next in a trial.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Step {
    /// Its files are being made.
    Preparing,
    Control,
    Trigger,
    Wait,
    Measure,
    Done,
}

impl Step {
    /// The steps a person walks through, in order.
    pub const WALKED: [Step; 5] = [
        Step::Control,
        Step::Trigger,
        Step::Wait,
        Step::Measure,
        Step::Done,
    ];

    fn next(self) -> Step {
        match self {
            Self::Preparing => Self::Control,
            Self::Control => Self::Trigger,
            Self::Trigger => Self::Wait,
            Self::Wait => Self::Measure,
            Self::Measure | Self::Done => Self::Done,
        }
    }

    pub fn previous(self) -> Step {
        match self {
            Self::Preparing | Self::Control => Self::Control,
            Self::Trigger => Self::Control,
            Self::Wait => Self::Trigger,
            Self::Measure => Self::Wait,
            Self::Done => Self::Measure,
        }
    }
}

/// One trial.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trial {
    pub plan: TrialPlan,
    pub files: Option<TrialFiles>,
    /// What comes next.
    pub step: Step,
    pub control: Option<MessageId>,
    pub trigger: Option<MessageId>,
    pub measure: Option<MessageId>,
}

/// Why the replication refused something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplicationError {
    NotTwins,
    ControlIsTwin,
    /// Making a trial's files failed, and why.
    Preparing(String),
    /// The saved replication could not be read back.
    Damaged(String),
}

impl fmt::Display for ReplicationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::NotTwins => t!("replication.error.not_twins"),
            Self::ControlIsTwin => t!("replication.error.control_is_twin"),
            Self::Preparing(why) => t!("replication.error.preparing", why = why),
            Self::Damaged(why) => t!("replication.error.damaged", why = why),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ReplicationError {}

/// What the replication can do.
#[derive(Clone, Debug, PartialEq)]
pub enum ReplicationAction {
    /// Starts the next trial (its files are then made by the interface).
    NewTrial,
    /// The current trial's files are ready.
    FilesReady(Box<TrialFiles>),
    FilesFailed(String),
    /// Does the current step (or, when looking back, moves forward again).
    Next,
    /// Looks back at the previous step (what was done stays done).
    Back,
    /// Shows a step of the current trial, as a link asks: looks back at one already done,
    /// or carries the trial forward to it (starting a trial when there is none, and going
    /// on once its files are ready).
    GoTo(Step),
    /// A presenter's key: forward does what the step button does, back looks back.
    Present(super::presenter::Move),
    SetVariant(Variant),
    /// Deterministic: every trigger takes effect. Otherwise 82 %, as in the study.
    SetDeterministic(bool),
    SetServerView(bool),
    /// Whether the platform refuses files that carry a collision block (A21): the
    /// counter-move that would have stopped the Citizen Lab's experiment.
    SetRefuseCollisions(bool),
    /// Starts again with a new run seed.
    Restart {
        seed: u64,
    },
}

/// The guided replication's whole state.
#[derive(Clone, Debug, PartialEq)]
pub struct Replication {
    pub sandbox: Sandbox,
    pub cast: ReplicationCast,
    pub run_seed: u64,
    pub variant: Variant,
    pub deterministic: bool,
    pub trials: Vec<Trial>,
    /// A step of the current trial being looked back at, if any.
    pub viewing: Option<Step>,
    /// A step a link asked for, reached once the trial's files are ready (not saved).
    pub pending: Option<Step>,
    /// The server's view of each step shown.
    pub server_view: bool,
    pub error: Option<String>,
    /// Counts changes, to know when to save.
    pub revision: u64,
}

/// What is kept across a reload.
#[derive(Serialize, Deserialize)]
struct Saved {
    sandbox: String,
    run_seed: u64,
    variant: Variant,
    deterministic: bool,
    trials: Vec<Trial>,
    server_view: bool,
}

/// One line of the results table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResultRow {
    pub trial: u32,
    /// What the line is: "control", "trigger", "analysis", "measure".
    pub step: &'static str,
    pub chat: String,
    pub file: String,
    pub md5: String,
    pub outcome: String,
    /// Simulated time, in milliseconds.
    pub time: Millis,
}

/// The CSV columns of the results.
pub const RESULT_COLUMNS: [&str; 6] = ["trial", "chat", "file", "md5", "outcome", "time"];

/// The exports' outcome words and the analysis line's chat: data, English in every language.
const DROPPED: &str = "dropped";
const DROPPED_COLLISION: &str = "dropped: collision block";
const DELIVERED: &str = "delivered";
const DELIVERED_RECALLED: &str = "delivered, then recalled";
const FLAGGED: &str = "flagged: MD5 listed";
const NOT_LISTED: &str = "MD5 not listed";
const SERVER: &str = "(server)";

impl ResultRow {
    /// The outcome as the on-screen table shows it, in the current language (the exports
    /// keep the English word).
    pub fn shown_outcome(&self) -> String {
        match self.outcome.as_str() {
            DROPPED => t!("replication.results.dropped").into_owned(),
            DROPPED_COLLISION => t!("replication.results.dropped_collision").into_owned(),
            DELIVERED => t!("replication.results.delivered").into_owned(),
            DELIVERED_RECALLED => t!("replication.results.delivered_recalled").into_owned(),
            FLAGGED => t!("replication.results.flagged").into_owned(),
            NOT_LISTED => t!("replication.results.not_listed").into_owned(),
            other => other.to_string(),
        }
    }

    /// The chat as the on-screen table shows it: the chat's own name, or the server's line.
    pub fn shown_chat(&self) -> String {
        match self.chat.as_str() {
            SERVER => t!("replication.results.server").into_owned(),
            other => other.to_string(),
        }
    }
}

impl Replication {
    /// A new run: the study's cast, the seeded lists, and the chosen realism.
    pub fn new(run_seed: u64, references: Vec<ReferenceSeed>) -> Self {
        let cast = replication_preset(run_seed, Vec::new()).1;
        let mut replication = Self {
            sandbox: Sandbox::of_scene(Scene::Replication, run_seed, references),
            cast,
            run_seed,
            variant: Variant::Pictures,
            deterministic: false,
            trials: Vec::new(),
            viewing: None,
            pending: None,
            server_view: false,
            error: None,
            revision: 0,
        };
        replication.apply_realism();
        replication
    }

    /// The trial under way (the last one), if any.
    pub fn current(&self) -> Option<&Trial> {
        self.trials.last()
    }

    /// The step shown: the one looked back at, or the one to do next.
    pub fn shown_step(&self) -> Option<Step> {
        self.viewing.or(self.current().map(|t| t.step))
    }

    /// Applies an action; returns whether anything changed.
    pub fn reduce(&mut self, action: ReplicationAction) -> bool {
        let before = self.clone();
        self.apply(action);
        let changed = *self != before;
        if changed {
            self.revision += 1;
        }
        changed
    }

    fn apply(&mut self, action: ReplicationAction) {
        match action {
            ReplicationAction::NewTrial => {
                let finished = self.current().is_none_or(|t| t.step == Step::Done);
                if finished {
                    let n = self.trials.len() as u32 + 1;
                    self.trials.push(Trial {
                        plan: plan(n, self.variant, self.run_seed),
                        files: None,
                        step: Step::Preparing,
                        control: None,
                        trigger: None,
                        measure: None,
                    });
                    self.viewing = None;
                    self.error = None;
                }
            }
            ReplicationAction::FilesReady(files) => match files.checked() {
                Ok(files) => {
                    if let Some(trial) = self.trials.last_mut()
                        && trial.step == Step::Preparing
                    {
                        trial.files = Some(files);
                        trial.step = Step::Control;
                        self.error = None;
                        if let Some(step) = self.pending.take() {
                            self.go_to(step);
                        }
                    }
                }
                Err(e) => self.error = Some(e.to_string()),
            },
            ReplicationAction::FilesFailed(why) => {
                self.error = Some(ReplicationError::Preparing(why).to_string());
            }
            ReplicationAction::Next => match self.viewing {
                Some(step) => {
                    let next = step.next();
                    let current = self.current().map(|t| t.step);
                    self.viewing = (Some(next) != current).then_some(next);
                }
                None => self.perform(),
            },
            ReplicationAction::Back => {
                if let Some(current) = self.current().map(|t| t.step)
                    && current > Step::Control
                {
                    let from = self.viewing.unwrap_or(current);
                    self.viewing = Some(from.previous());
                }
            }
            ReplicationAction::GoTo(step) => self.go_to(step),
            ReplicationAction::Present(step) => {
                if let Some(action) = self.presenter_action(step) {
                    self.apply(action);
                }
            }
            ReplicationAction::SetVariant(variant) => self.variant = variant,
            ReplicationAction::SetDeterministic(on) => {
                self.deterministic = on;
                self.apply_realism();
            }
            ReplicationAction::SetServerView(on) => self.server_view = on,
            ReplicationAction::SetRefuseCollisions(on) => self.set_refusal(on),
            ReplicationAction::Restart { seed } => {
                let (references, variant, deterministic, server_view) = (
                    self.sandbox.seeds.clone(),
                    self.variant,
                    self.deterministic,
                    self.server_view,
                );
                let revision = self.revision;
                let refusing = self.refuses_collisions();
                *self = Self::new(seed, references);
                self.set_refusal(refusing);
                (self.variant, self.server_view, self.revision) = (variant, server_view, revision);
                self.deterministic = deterministic;
                self.apply_realism();
            }
        }
    }

    /// Whether the platform refuses files that carry a collision block (the option A21).
    pub fn refuses_collisions(&self) -> bool {
        self.sandbox.platform.options().refuse_collision_files
    }

    /// The refusal as a platform option, logged like any change of option.
    fn set_refusal(&mut self, on: bool) {
        let options = self.sandbox.platform.options();
        if let Ok(next) = options.with(OptionKey::RefuseCollisionFiles, OptionValue::Flag(on))
            && next != *options
        {
            self.sandbox
                .reduce(SandboxAction::Platform(Action::SetOptions(next)));
        }
    }

    /// The realism setting as a platform option, logged like any change of option.
    fn apply_realism(&mut self) {
        let percent = if self.deterministic {
            100
        } else {
            REALISTIC_PERCENT
        };
        let options = self.sandbox.platform.options();
        if let Ok(next) = options.with(OptionKey::ListingPercent, OptionValue::Percent(percent))
            && next != *options
        {
            self.sandbox
                .reduce(SandboxAction::Platform(Action::SetOptions(next)));
        }
    }

    /// Shows `step` of the current trial: see [`ReplicationAction::GoTo`].
    fn go_to(&mut self, step: Step) {
        if step == Step::Preparing {
            return;
        }
        let current = self.current().map(|t| t.step);
        match current {
            None => {
                self.apply(ReplicationAction::NewTrial);
                self.pending = Some(step);
            }
            Some(Step::Preparing) => self.pending = Some(step),
            Some(current) if step < current => self.viewing = Some(step),
            Some(_) => {
                self.viewing = None;
                for _ in Step::WALKED {
                    if self.current().is_some_and(|t| t.step < step) {
                        self.perform();
                    }
                }
            }
        }
    }

    /// Carries out the current trial's next step.
    fn perform(&mut self) {
        let Some(trial) = self.trials.last().cloned() else {
            return;
        };
        let Some(files) = &trial.files else {
            return;
        };
        let cast = self.cast;
        let send = |this: &mut Self, file: &TrialFile, chat| {
            this.sandbox.reduce(SandboxAction::SendFile {
                chat,
                sender: cast.amira,
                facts: Box::new(file.facts.clone()),
                preview: file.preview.clone(),
            });
            this.sandbox.platform.messages().last().map(|m| m.id)
        };
        let mut trial = trial.clone();
        // A moment passes between one person's actions, as it would in a class.
        if matches!(trial.step, Step::Control | Step::Trigger | Step::Measure) {
            let now = self.sandbox.platform.now();
            self.sandbox
                .reduce(SandboxAction::AdvanceTo(now + PAUSE_MS));
        }
        match trial.step {
            Step::Preparing | Step::Done => return,
            Step::Control => trial.control = send(self, &files.control, cast.measure_chat),
            Step::Trigger => {
                trial.trigger = send(self, &files.trigger, cast.trigger_chat);
                if let (Variant::RecalledDocuments, Some(message)) =
                    (trial.plan.variant, trial.trigger)
                {
                    self.sandbox.reduce(SandboxAction::Platform(Action::Recall {
                        message,
                        by: cast.amira,
                    }));
                }
            }
            Step::Wait => {
                let due = self
                    .sandbox
                    .platform
                    .pending_jobs()
                    .iter()
                    .filter(|j| Some(j.message) == trial.trigger)
                    .map(|j| j.due)
                    .max();
                if let Some(due) = due {
                    self.sandbox.reduce(SandboxAction::AdvanceTo(due));
                }
            }
            Step::Measure => trial.measure = send(self, &files.measure, cast.measure_chat),
        }
        trial.step = trial.step.next();
        if let Some(last) = self.trials.last_mut() {
            *last = trial;
        }
    }

    /// What happened to `message` for the China-registered account.
    fn fate(&self, message: Option<MessageId>) -> Option<Outcome> {
        let m = self.sandbox.platform.message(message?).ok()?;
        m.outcomes
            .iter()
            .find(|(who, _)| *who == self.cast.wang_fang)
            .map(|&(_, outcome)| outcome)
    }

    /// Whether the trigger's analysis listed its MD5 (`None` while it has not run).
    pub fn listed(&self, trial: &Trial) -> Option<bool> {
        let trigger = trial.trigger?;
        self.sandbox
            .platform
            .log()
            .iter()
            .filter(|e| e.message == Some(trigger))
            .find_map(|e| match e.kind {
                EventKind::HashAdded { .. } => Some(true),
                EventKind::NotListed { .. } => Some(false),
                EventKind::Analysed { flagged: false, .. } => Some(false),
                _ => None,
            })
    }

    /// Whether the benign file was refused for its collision blocks (A21) rather than for a
    /// learned MD5.
    pub fn refused(&self, trial: &Trial) -> bool {
        let Some(measure) = trial.measure else {
            return false;
        };
        self.sandbox.platform.log().iter().any(|e| {
            e.message == Some(measure)
                && matches!(&e.kind, EventKind::CollisionChecked { blocks } if !blocks.is_empty())
        })
    }

    /// Whether the benign file was dropped for the China-registered account, once measured.
    pub fn blocked(&self, trial: &Trial) -> Option<bool> {
        self.fate(trial.measure).map(|o| o == Outcome::Dropped)
    }

    /// The results table: each trial's sends and its analysis.
    pub fn rows(&self) -> Vec<ResultRow> {
        let platform = &self.sandbox.platform;
        let chat_name = |id| {
            platform
                .chat(id)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        };
        let mut rows = Vec::new();
        for trial in &self.trials {
            let n = trial.plan.n;
            let line = |step, message: Option<MessageId>, chat, outcome: String| {
                let m = platform.message(message?).ok()?;
                let (file, md5) = match &m.content {
                    crate::platform::Content::File(f) => (f.name.clone(), f.md5.hex()),
                    crate::platform::Content::Text(_) => (String::new(), String::new()),
                };
                Some(ResultRow {
                    trial: n,
                    step,
                    chat: chat_name(chat),
                    file,
                    md5,
                    outcome,
                    time: m.sent_at,
                })
            };
            let outcome = |o: Option<Outcome>| match o {
                Some(Outcome::Dropped) => DROPPED.to_string(),
                Some(Outcome::Delivered) => DELIVERED.to_string(),
                None => String::new(),
            };
            rows.extend(line(
                "control",
                trial.control,
                self.cast.measure_chat,
                outcome(self.fate(trial.control)),
            ));
            let recalled = trial.plan.variant == Variant::RecalledDocuments;
            rows.extend(line(
                "trigger",
                trial.trigger,
                self.cast.trigger_chat,
                if recalled {
                    DELIVERED_RECALLED
                } else {
                    DELIVERED
                }
                .into(),
            ));
            if let (Some(listed), Some(trigger)) = (self.listed(trial), trial.trigger) {
                let at = platform
                    .log()
                    .iter()
                    .rev()
                    .find(|e| e.message == Some(trigger))
                    .map_or(0, |e| e.at);
                if let Some(mut row) = line(
                    "analysis",
                    trial.trigger,
                    self.cast.trigger_chat,
                    if listed { FLAGGED } else { NOT_LISTED }.into(),
                ) {
                    row.chat = SERVER.into();
                    row.time = at;
                    rows.push(row);
                }
            }
            let measured = match self.fate(trial.measure) {
                Some(Outcome::Dropped) if self.refused(trial) => DROPPED_COLLISION.to_string(),
                other => outcome(other),
            };
            rows.extend(line(
                "measure",
                trial.measure,
                self.cast.measure_chat,
                measured,
            ));
        }
        rows
    }

    /// Measured trials, and how many of them the China-registered account did not receive.
    pub fn tally(&self) -> (usize, usize) {
        let measured: Vec<bool> = self.trials.iter().filter_map(|t| self.blocked(t)).collect();
        (measured.iter().filter(|&&b| b).count(), measured.len())
    }

    /// The results as CSV (`trial,chat,file,md5,outcome,time`, time in seconds).
    pub fn csv(&self) -> String {
        let mut out = crate::csv::row(RESULT_COLUMNS.iter().map(|c| c.to_string()));
        for r in self.rows() {
            out.push_str(&crate::csv::row([
                r.trial.to_string(),
                r.chat,
                r.file,
                r.md5,
                r.outcome,
                format!("{:.3}", r.time as f64 / 1000.0),
            ]));
        }
        out
    }

    /// The results as JSON, with the run's settings and its tally.
    pub fn json(&self) -> String {
        let (blocked, measured) = self.tally();
        serde_json::to_string_pretty(&serde_json::json!({
            "run_seed": self.run_seed,
            "variant": self.variant,
            "listing_percent": self.sandbox.platform.options().listing_percent,
            "refuse_collision_files": self.refuses_collisions(),
            "trials_measured": measured,
            "trials_blocked": blocked,
            "citizen_lab": { "images_blocked": 49, "images_sent": 60 },
            "rows": self.rows(),
        }))
        .expect("plain data")
    }

    /// What the measurement sends, and what the study saw of it, for the trials so far
    /// (a run may mix pictures and documents), in the current language.
    pub fn measured_file(&self) -> (String, String) {
        let documents = self
            .trials
            .iter()
            .filter(|t| t.plan.variant != Variant::Pictures);
        let (what, study) = match (documents.count(), self.trials.len()) {
            (0, _) => (
                t!("replication.measured.twin"),
                t!("replication.measured.twin_study"),
            ),
            (d, n) if d == n => (
                t!("replication.measured.document"),
                t!("replication.measured.document_study"),
            ),
            _ => (
                t!("replication.measured.mixed"),
                t!("replication.measured.mixed_study"),
            ),
        };
        (what.into_owned(), study.into_owned())
    }

    /// A short result code and summary for a worksheet: no personal data, just the run.
    pub fn summary(&self) -> String {
        let (measured_file, study) = self.measured_file();
        let (blocked, measured) = self.tally();
        let controls = self
            .trials
            .iter()
            .filter(|t| self.fate(t.control) == Some(Outcome::Delivered))
            .count();
        let realism = if self.deterministic {
            t!("replication.summary.deterministic")
        } else {
            t!("replication.summary.realistic", percent = REALISTIC_PERCENT)
        };
        // The result code is data: the same in every language.
        let code = format!("HW-{:x}-{blocked}-{measured}", self.run_seed);
        let text = t!(
            "replication.summary.text",
            run = format!("{:x}", self.run_seed),
            realism = realism,
            measured = measured,
            controls = controls,
            trials = self.trials.iter().filter(|t| t.control.is_some()).count(),
            measured_file = measured_file,
            blocked = blocked,
            study = study,
            code = code
        )
        .into_owned();
        // A platform that refuses collision files drops the benign twin whatever it learned:
        // the run then says so, since its blocks prove nothing about the learned blacklist.
        let refused = self.trials.iter().filter(|t| self.refused(t)).count();
        if refused == 0 {
            return text;
        }
        t!(
            "replication.summary.with_refusal",
            text = text,
            refused = t!("replication.summary.refused", count = refused)
        )
        .into_owned()
    }

    /// The server's sentences about one step of a trial, for the narration.
    pub fn server_said(&self, trial: &Trial, step: Step) -> Vec<String> {
        let platform = &self.sandbox.platform;
        let message = match step {
            Step::Control => trial.control,
            Step::Trigger | Step::Wait => trial.trigger,
            Step::Measure => trial.measure,
            Step::Preparing | Step::Done => None,
        };
        let Some(message) = message else {
            return Vec::new();
        };
        let analysis = |k: &EventKind| {
            matches!(
                k,
                EventKind::Analysed { .. }
                    | EventKind::HashAdded { .. }
                    | EventKind::NotListed { .. }
                    | EventKind::AnalysisSkipped { .. }
            )
        };
        platform
            .log()
            .iter()
            .filter(|e| e.message == Some(message))
            .filter(|e| (step == Step::Wait) == analysis(&e.kind))
            .map(|e| narrate::event(e, platform))
            .collect()
    }

    /// The replication as JSON for localStorage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&Saved {
            sandbox: self.sandbox.to_json(),
            run_seed: self.run_seed,
            variant: self.variant,
            deterministic: self.deterministic,
            trials: self.trials.clone(),
            server_view: self.server_view,
        })
        .expect("plain data")
    }

    /// Restores a saved replication (its platform by replaying its journal).
    pub fn from_json(text: &str, references: Vec<ReferenceSeed>) -> Result<Self, ReplicationError> {
        let saved: Saved =
            serde_json::from_str(text).map_err(|e| ReplicationError::Damaged(e.to_string()))?;
        let sandbox =
            Sandbox::from_json(&saved.sandbox, references).map_err(ReplicationError::Damaged)?;
        if sandbox.scene != Scene::Replication {
            return Err(ReplicationError::Damaged("not a replication".into()));
        }
        Ok(Self {
            cast: replication_preset(saved.run_seed, Vec::new()).1,
            sandbox,
            run_seed: saved.run_seed,
            variant: saved.variant,
            deterministic: saved.deterministic,
            trials: saved.trials,
            viewing: None,
            pending: None,
            server_view: saved.server_view,
            error: None,
            revision: 0,
        })
    }
}

/// The files a test's trial uses (the committed twins and documents, tagged).
#[cfg(test)]
pub(crate) use tests::files as test_files;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::analyse_file;

    fn committed(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/www/samples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn tagged(name: &str, mime: &str, tag: &str) -> TrialFile {
        let bytes = super::tagged(&committed(name), tag);
        TrialFile {
            facts: analyse_file(name, mime, &bytes),
            preview: None,
        }
    }

    /// The files the interface would make for a trial: here the committed twins stand in for
    /// a pair forged on the spot (the tag keeps them new to the platform, and colliding).
    pub(crate) fn files(plan: &TrialPlan) -> TrialFiles {
        match plan.variant {
            Variant::Pictures => TrialFiles {
                control: tagged("cat.png", "image/png", &plan.tag),
                trigger: tagged("twin-sensitive.jpg", "image/jpeg", &plan.tag),
                measure: tagged("twin-benign.jpg", "image/jpeg", &plan.tag),
            },
            _ => {
                let doc = tagged("meeting-notes.pdf", "application/pdf", &plan.tag);
                TrialFiles {
                    control: tagged("weekend-plans.docx", "", &plan.tag),
                    trigger: doc.clone(),
                    measure: doc,
                }
            }
        }
    }

    #[test]
    fn tagged_documents_stay_valid_and_new_and_twins_stay_twins() {
        let tag = &plan(3, Variant::Documents, 0xbeef).tag;
        for name in ["meeting-notes.pdf", "weekend-plans.docx"] {
            let bytes = committed(name);
            let plain = analyse_file(name, "", &bytes);
            let fresh = analyse_file(name, "", &super::tagged(&bytes, tag));
            assert_eq!(fresh.problem, None, "{name} still reads");
            assert_eq!(fresh.text, plain.text, "{name}: the same text");
            assert_ne!(fresh.md5, plain.md5, "{name}: a new file");
            let other = super::tagged(&bytes, &plan(4, Variant::Documents, 0xbeef).tag);
            assert_ne!(
                crate::fingerprint::md5(&other),
                fresh.md5,
                "each trial its own"
            );
        }
        let (a, b) = (
            committed("twin-sensitive.jpg"),
            committed("twin-benign.jpg"),
        );
        assert_eq!(
            crate::fingerprint::md5(&super::tagged(&a, tag)),
            crate::fingerprint::md5(&super::tagged(&b, tag))
        );
    }

    fn run_trial(r: &mut Replication) {
        r.reduce(ReplicationAction::NewTrial);
        let plan = r.current().unwrap().plan.clone();
        r.reduce(ReplicationAction::FilesReady(Box::new(files(&plan))));
        for _ in Step::WALKED {
            r.reduce(ReplicationAction::Next);
        }
        assert_eq!(r.current().unwrap().step, Step::Done);
    }

    fn replication(seed: u64) -> Replication {
        Replication::new(seed, crate::samples::references::seeds())
    }

    #[test]
    fn trials_use_fresh_files_in_turn() {
        let plans: Vec<TrialPlan> = (1..=5).map(|n| plan(n, Variant::Pictures, 7)).collect();
        assert_eq!(plans[0].sensitive, "tank-column");
        assert_eq!(plans[1].sensitive, "candle-vigil");
        assert_eq!(plans[4].sensitive, "tank-column");
        for p in &plans {
            assert_ne!(
                Some(&p.control),
                p.benign.as_ref(),
                "the control is another picture"
            );
        }
        let tags: std::collections::BTreeSet<_> = plans.iter().map(|p| &p.tag).collect();
        assert_eq!(tags.len(), 5, "every trial's files are new");
        assert_ne!(
            plan(1, Variant::Pictures, 8).tag,
            plans[0].tag,
            "and every run's"
        );
    }

    #[test]
    fn three_deterministic_trials_each_block_the_benign_twin() {
        let mut r = replication(3);
        r.reduce(ReplicationAction::SetDeterministic(true));
        for _ in 0..3 {
            run_trial(&mut r);
        }
        assert_eq!(r.tally(), (3, 3));
        for trial in &r.trials {
            assert_eq!(
                r.fate(trial.control),
                Some(Outcome::Delivered),
                "control arrives"
            );
            assert_eq!(r.listed(trial), Some(true));
            assert_eq!(r.blocked(trial), Some(true));
        }
        // The benign twins were never sent before their measurement.
        let md5s: Vec<_> = r
            .trials
            .iter()
            .map(|t| t.files.as_ref().unwrap().measure.facts.md5)
            .collect();
        assert_eq!(md5s.len(), 3);
        assert!(md5s[0] != md5s[1] && md5s[1] != md5s[2]);

        let rows = r.rows();
        assert_eq!(rows.len(), 3 * 4);
        let csv = crate::csv::parse(&r.csv());
        assert_eq!(csv[0], RESULT_COLUMNS);
        assert_eq!(csv.len(), rows.len() + 1);
        let measure = &csv[4];
        assert_eq!(measure[0], "1");
        assert_eq!(measure[1], "Family group");
        assert_eq!(measure[4], "dropped");
        assert_eq!(measure[3], md5s[0].hex());
        assert!(
            r.summary()
                .contains("dropped for the China-registered account in 3 of 3")
        );
        assert!(r.json().contains("\"trials_blocked\": 3"));
    }

    #[test]
    fn a_platform_refusing_collision_files_blocks_the_twin_for_another_reason() {
        let mut r = replication(5);
        r.reduce(ReplicationAction::SetDeterministic(true));
        assert!(
            !r.refuses_collisions(),
            "off by default, as WeChat evidently was"
        );
        r.reduce(ReplicationAction::SetRefuseCollisions(true));
        run_trial(&mut r);
        let trial = &r.trials[0];
        // The control (an ordinary picture) still arrives; the benign twin is dropped, but
        // for its collision blocks: the run says so instead of claiming the MD5 was learned.
        assert_eq!(r.fate(trial.control), Some(Outcome::Delivered));
        assert_eq!(r.blocked(trial), Some(true));
        assert!(r.refused(trial));
        let measure = r
            .rows()
            .into_iter()
            .find(|row| row.step == "measure")
            .unwrap();
        assert_eq!(measure.outcome, "dropped: collision block");
        assert!(
            r.summary()
                .contains("refused files that carry a collision block")
        );
        assert!(r.json().contains("\"refuse_collision_files\": true"));
        let said = r.server_said(trial, Step::Measure).join(" ");
        assert!(said.contains("blocks of an MD5 collision attack"), "{said}");
        // A new run keeps the setting; switching it off gives the study's result again.
        r.reduce(ReplicationAction::Restart { seed: 6 });
        assert!(r.refuses_collisions());
        r.reduce(ReplicationAction::SetRefuseCollisions(false));
        run_trial(&mut r);
        assert!(!r.refused(&r.trials[0]));
        assert_eq!(r.blocked(&r.trials[0]), Some(true));
        assert!(!r.summary().contains("collision block"));
    }

    #[test]
    fn realism_fails_some_trials_reproducibly_from_the_seed() {
        let blocked = |seed| {
            let mut r = replication(seed);
            assert!(!r.deterministic, "realistic by default");
            for _ in 0..20 {
                run_trial(&mut r);
            }
            let outcomes: Vec<Option<bool>> = r.trials.iter().map(|t| r.blocked(t)).collect();
            // A trial fails exactly when its trigger was not listed.
            for t in &r.trials {
                assert_eq!(r.blocked(t), r.listed(t));
            }
            outcomes
        };
        let a = blocked(11);
        assert_eq!(a, blocked(11), "the same seed repeats the run");
        let hits = a.iter().filter(|b| **b == Some(true)).count();
        assert!(
            (10..20).contains(&hits),
            "about 82 % of 20, not all: {hits}"
        );
        assert_ne!(a, blocked(12), "another seed draws otherwise");
    }

    #[test]
    fn a_link_to_a_step_starts_a_trial_and_carries_it_there_or_looks_back() {
        let mut r = replication(5);
        r.reduce(ReplicationAction::GoTo(Step::Wait));
        let trial = r.current().expect("a link starts a trial");
        assert_eq!((trial.step, r.pending), (Step::Preparing, Some(Step::Wait)));
        let plan = trial.plan.clone();
        r.reduce(ReplicationAction::FilesReady(Box::new(files(&plan))));
        assert_eq!(
            r.shown_step(),
            Some(Step::Wait),
            "control and trigger were done"
        );
        let trial = r.current().unwrap();
        assert!(trial.control.is_some() && trial.trigger.is_some() && trial.measure.is_none());
        assert_eq!(r.pending, None);
        // The same, step by step, gives the same platform.
        let mut walked = replication(5);
        run_trial_to(&mut walked, Step::Wait);
        assert_eq!(walked.sandbox.platform, r.sandbox.platform);
        // Back to a step already done: looked at, nothing sent.
        let log = r.sandbox.platform.log().len();
        r.reduce(ReplicationAction::GoTo(Step::Control));
        assert_eq!(r.shown_step(), Some(Step::Control));
        assert_eq!(r.viewing, Some(Step::Control));
        assert_eq!(r.sandbox.platform.log().len(), log);
        // Forward to the result.
        r.reduce(ReplicationAction::GoTo(Step::Done));
        assert_eq!((r.shown_step(), r.viewing), (Some(Step::Done), None));
        assert!(r.blocked(r.current().unwrap()).is_some(), "measured");
        // Nothing asks for "preparing".
        assert!(!r.reduce(ReplicationAction::GoTo(Step::Preparing)));
    }

    fn run_trial_to(r: &mut Replication, step: Step) {
        r.reduce(ReplicationAction::NewTrial);
        let plan = r.current().unwrap().plan.clone();
        r.reduce(ReplicationAction::FilesReady(Box::new(files(&plan))));
        while r.current().unwrap().step < step {
            r.reduce(ReplicationAction::Next);
        }
    }

    #[test]
    fn looking_back_changes_nothing_and_a_reload_in_the_middle_loses_nothing() {
        let mut r = replication(5);
        r.reduce(ReplicationAction::NewTrial);
        let plan = r.current().unwrap().plan.clone();
        assert!(
            !r.reduce(ReplicationAction::Next),
            "nothing to do before the files"
        );
        r.reduce(ReplicationAction::FilesReady(Box::new(files(&plan))));
        r.reduce(ReplicationAction::Next);
        r.reduce(ReplicationAction::Next);
        assert_eq!(r.current().unwrap().step, Step::Wait);
        let log = r.sandbox.platform.log().len();
        r.reduce(ReplicationAction::Back);
        assert_eq!(r.shown_step(), Some(Step::Trigger));
        r.reduce(ReplicationAction::Back);
        assert_eq!(r.shown_step(), Some(Step::Control));
        r.reduce(ReplicationAction::Next);
        r.reduce(ReplicationAction::Next);
        assert_eq!(r.shown_step(), Some(Step::Wait));
        assert_eq!(
            r.sandbox.platform.log().len(),
            log,
            "looking back sends nothing"
        );
        assert!(
            !r.server_said(r.current().unwrap(), Step::Trigger)
                .is_empty()
        );

        let back =
            Replication::from_json(&r.to_json(), crate::samples::references::seeds()).unwrap();
        assert_eq!(back.sandbox.platform, r.sandbox.platform);
        assert_eq!(back.trials, r.trials);
        let mut back = back;
        back.reduce(ReplicationAction::Next);
        back.reduce(ReplicationAction::Next);
        assert_eq!(back.current().unwrap().step, Step::Done);
        assert!(Replication::from_json("{}", Vec::new()).is_err());
    }

    #[test]
    fn documents_and_recalled_documents_are_watched_too() {
        for variant in [Variant::Documents, Variant::RecalledDocuments] {
            let mut r = replication(9);
            r.reduce(ReplicationAction::SetDeterministic(true));
            r.reduce(ReplicationAction::SetVariant(variant));
            run_trial(&mut r);
            let trial = r.current().unwrap().clone();
            assert_eq!(r.blocked(&trial), Some(true), "{variant:?}");
            assert_eq!(
                r.fate(trial.control),
                Some(Outcome::Delivered),
                "{variant:?}"
            );
            let recalled = r
                .sandbox
                .platform
                .message(trial.trigger.unwrap())
                .unwrap()
                .recalled_at
                .is_some();
            assert_eq!(recalled, variant == Variant::RecalledDocuments);
        }
    }

    #[test]
    fn files_that_do_not_collide_start_no_trial() {
        let mut r = replication(1);
        r.reduce(ReplicationAction::NewTrial);
        let plan = r.current().unwrap().plan.clone();
        let mut bad = files(&plan);
        bad.measure = tagged("cat.png", "image/png", "other");
        r.reduce(ReplicationAction::FilesReady(Box::new(bad)));
        assert_eq!(r.current().unwrap().step, Step::Preparing);
        assert!(r.error.clone().unwrap().contains("do not share an MD5"));
    }
}
