//! The sandbox: the platform plus what the classroom interface adds around it — which chat
//! each phone has open, whether the instructor's view is shown, which log event is selected,
//! previews of pictures, and the latest announcements. The clock is apart ([`super::Clock`]):
//! the sandbox only moves when something happens, so time passing costs no render.
//!
//! It is a reducer like the platform itself: the UI only dispatches [`SandboxAction`]s and
//! renders the result, so every interaction can be replayed in a native test. `reduce` says
//! whether anything changed, and `revision` counts the changes (it decides when to save).
//!
//! What is saved is the journal of the platform's actions, not its state: the platform is
//! deterministic, so replaying the journal from the seed rebuilds it exactly, and the page
//! never needs to read a saved log back (which keeps its wasm smaller).

use super::announce::announce;
use crate::platform::{
    AccountId, Action, ChatId, Millis, Platform, ReferenceSeed, Region, preset, replication_preset,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Announcements kept for the live region (the newest last).
const KEPT_ANNOUNCEMENTS: usize = 6;
/// How far "step" moves the clock when no analysis is pending.
pub const STEP_MS: u64 = 1_000;

/// Which cast the platform starts with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scene {
    /// The classroom sandbox: four phones, three chats.
    #[default]
    Classroom,
    /// The guided replication: the Citizen Lab's two conversations.
    Replication,
}

/// Everything the sandbox interface shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Sandbox {
    pub scene: Scene,
    /// Shared, so that copying the sandbox for a render is cheap; changed copy-on-write.
    pub platform: Rc<Platform>,
    /// Every platform action that took effect, in order (consecutive clock moves merged).
    journal: Rc<Vec<Action>>,
    /// The chat each phone has open.
    pub open_chats: BTreeMap<AccountId, ChatId>,
    /// The instructor's view: the server's timeline and the censor's console.
    pub behind_the_scenes: bool,
    /// The log event the instructor clicked.
    pub selected_event: Option<u64>,
    /// Picture previews (`data:` URLs) by key (`msg:` and a message number, or `ref:` and a
    /// reference's hash); kept apart from the platform, which never holds file contents.
    pub previews: Rc<BTreeMap<String, String>>,
    /// Sentences for screen readers, newest last.
    pub announcements: Vec<String>,
    /// The last refused action, in words, until dismissed.
    pub error: Option<String>,
    /// Changes so far in this session: a new value means there is something to save.
    pub revision: u64,
    /// The reference pictures the sandbox was seeded with (so a reset restores them).
    pub seeds: Vec<ReferenceSeed>,
}

/// What is kept across a reload.
#[derive(Serialize, Deserialize)]
struct Saved {
    #[serde(default)]
    scene: Scene,
    seed: u64,
    journal: Vec<Action>,
    open_chats: BTreeMap<AccountId, ChatId>,
    behind_the_scenes: bool,
    selected_event: Option<u64>,
}

/// What the interface can do.
#[derive(Clone, Debug, PartialEq)]
pub enum SandboxAction {
    /// Anything the platform itself does.
    Platform(Action),
    /// Brings the platform's clock to `now` (running the analyses due by then); nothing
    /// happens if it is there already.
    AdvanceTo(Millis),
    SetBehindTheScenes(bool),
    SelectEvent(Option<u64>),
    OpenChat {
        account: AccountId,
        chat: ChatId,
    },
    AddPreview {
        key: String,
        url: String,
    },
    /// Sends a file with the preview its sender's phone made of it. The preview is kept
    /// under the new message, not under the MD5: two files with one MD5 (the twins) show
    /// different pictures.
    SendFile {
        chat: ChatId,
        sender: AccountId,
        facts: Box<crate::filters::FileFacts>,
        preview: Option<String>,
    },
    /// Shows a problem that happened outside the platform (a file that could not be read).
    Report(String),
    DismissError,
    /// Back to the preset cast and lists, keeping previews.
    Reset,
}

/// Where the preview of a sent file is kept.
pub fn preview_key(message: crate::platform::MessageId) -> String {
    format!("msg:{}", message.0)
}

impl Sandbox {
    /// The classroom cast and lists, seeded with `references` (the sample pictures).
    pub fn new(seed: u64, references: Vec<ReferenceSeed>) -> Self {
        Self::of_scene(Scene::Classroom, seed, references)
    }

    /// The cast of `scene`, with the seeded lists and `references`.
    pub fn of_scene(scene: Scene, seed: u64, references: Vec<ReferenceSeed>) -> Self {
        let platform = match scene {
            Scene::Classroom => preset(seed, references.clone()).0,
            Scene::Replication => replication_preset(seed, references.clone()).0,
        };
        let mut sandbox = Self {
            scene,
            platform: Rc::new(platform),
            journal: Rc::default(),
            open_chats: BTreeMap::new(),
            behind_the_scenes: false,
            selected_event: None,
            previews: Rc::default(),
            announcements: Vec::new(),
            error: None,
            revision: 0,
            seeds: references,
        };
        sandbox.open_default_chats();
        sandbox
    }

    /// Applies one action; returns whether anything changed.
    pub fn reduce(&mut self, action: SandboxAction) -> bool {
        let changed = self.apply(action);
        if changed {
            self.revision += 1;
        }
        changed
    }

    fn apply(&mut self, action: SandboxAction) -> bool {
        match action {
            SandboxAction::Platform(action) => {
                let is_send = matches!(action, Action::SendText { .. } | Action::SendFile { .. });
                match Rc::make_mut(&mut self.platform).apply(action.clone()) {
                    Ok(events) => {
                        self.note(action);
                        self.error = None;
                        self.announce(&events);
                        if is_send || self.open_chats.is_empty() {
                            self.open_default_chats();
                        }
                    }
                    Err(e) => self.error = Some(e.to_string()),
                }
                true
            }
            SandboxAction::AdvanceTo(now) => {
                let ms = now.saturating_sub(self.platform.now());
                ms > 0 && {
                    self.advance(ms);
                    true
                }
            }
            SandboxAction::SetBehindTheScenes(on) => {
                std::mem::replace(&mut self.behind_the_scenes, on) != on
            }
            SandboxAction::SelectEvent(seq) => {
                std::mem::replace(&mut self.selected_event, seq) != seq
            }
            SandboxAction::OpenChat { account, chat } => {
                let member = self
                    .platform
                    .chat(chat)
                    .is_ok_and(|c| c.members.contains(&account));
                member && self.open_chats.insert(account, chat) != Some(chat)
            }
            SandboxAction::AddPreview { key, url } => {
                if self.previews.get(&key) == Some(&url) {
                    return false;
                }
                Rc::make_mut(&mut self.previews).insert(key, url);
                true
            }
            SandboxAction::SendFile {
                chat,
                sender,
                facts,
                preview,
            } => {
                let next = self.platform.messages().len() as u32 + 1;
                self.apply(SandboxAction::Platform(Action::SendFile {
                    chat,
                    sender,
                    facts,
                }));
                let sent = self.platform.messages().last().filter(|m| m.id.0 == next);
                if let (Some(message), Some(url)) = (sent, preview) {
                    let key = preview_key(message.id);
                    Rc::make_mut(&mut self.previews).insert(key, url);
                }
                true
            }
            SandboxAction::Report(message) => {
                self.error = Some(message);
                true
            }
            SandboxAction::DismissError => self.error.take().is_some(),
            SandboxAction::Reset => {
                // Message numbers start again, so message previews would attach to new
                // messages: keep only the reference pictures' previews.
                let mut previews = std::mem::take(&mut self.previews);
                Rc::make_mut(&mut previews).retain(|key, _| !key.starts_with("msg:"));
                let (seed, revision) = (self.platform.seed(), self.revision);
                *self = Self::of_scene(self.scene, seed, std::mem::take(&mut self.seeds));
                self.previews = previews;
                self.revision = revision;
                true
            }
        }
    }

    /// Whether an analysis has fallen due by `clock_now`, so the platform must catch up.
    pub fn due(&self, clock_now: Millis) -> bool {
        self.platform
            .pending_jobs()
            .iter()
            .any(|job| job.due <= clock_now)
    }

    /// Where "Step" takes the clock from `clock_now`: the next pending analysis, or
    /// [`STEP_MS`] on when none is pending.
    pub fn step_target(&self, clock_now: Millis) -> Millis {
        let now = clock_now.max(self.platform.now());
        let next_due = self.platform.pending_jobs().iter().map(|j| j.due).min();
        next_due.map_or(now + STEP_MS, |due| due.max(now + 1))
    }

    fn advance(&mut self, ms: u64) {
        match Rc::make_mut(&mut self.platform).apply(Action::AdvanceClock { ms }) {
            Ok(events) => {
                self.note(Action::AdvanceClock { ms });
                self.announce(&events);
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Adds an action that took effect to the journal. Moving the clock by a and then by b
    /// runs the same jobs at the same times as moving it by a + b, so such moves merge.
    fn note(&mut self, action: Action) {
        let journal = Rc::make_mut(&mut self.journal);
        match (journal.last_mut(), action) {
            (Some(Action::AdvanceClock { ms: last }), Action::AdvanceClock { ms }) => *last += ms,
            (_, action) => journal.push(action),
        }
    }

    fn announce(&mut self, events: &[crate::platform::Event]) {
        for event in events {
            if let Some(sentence) = announce(event, &self.platform, self.behind_the_scenes) {
                self.announcements.push(sentence);
            }
        }
        let excess = self.announcements.len().saturating_sub(KEPT_ANNOUNCEMENTS);
        self.announcements.drain(..excess);
    }

    /// Every account without an open chat (or whose chat vanished) opens its first chat.
    fn open_default_chats(&mut self) {
        for account in self.platform.accounts() {
            let valid = self.open_chats.get(&account.id).is_some_and(|&c| {
                self.platform
                    .chat(c)
                    .is_ok_and(|c| c.members.contains(&account.id))
            });
            if !valid
                && let Some(chat) = self
                    .platform
                    .chats()
                    .iter()
                    .find(|c| c.members.contains(&account.id))
            {
                self.open_chats.insert(account.id, chat.id);
            }
        }
    }

    /// The chat `account`'s phone shows.
    pub fn open_chat(&self, account: AccountId) -> Option<ChatId> {
        self.open_chats.get(&account).copied()
    }

    /// Who sends a variant from the evasion lab, and where: the first international account
    /// in a chat with a China-registered member, so that the filters have someone to censor
    /// for and the analysis runs (sources §1.4, §4.1); the chat that account's phone shows
    /// if it is one of those. With no such chat, the first member of the first chat.
    pub fn lab_sender(&self) -> Option<(AccountId, ChatId)> {
        let platform = &self.platform;
        let region = |id: AccountId| {
            platform
                .accounts()
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.region)
        };
        let censored = |chat: &crate::platform::Chat| {
            chat.members
                .iter()
                .any(|&m| region(m) == Some(Region::China))
        };
        let sender = platform.accounts().iter().find_map(|a| {
            let mut chats = platform
                .chats()
                .iter()
                .filter(|c| c.members.contains(&a.id) && censored(c));
            let first = chats.next()?;
            (a.region == Region::International).then_some(())?;
            let open = self.open_chat(a.id);
            let chat = std::iter::once(first)
                .chain(chats)
                .find(|c| Some(c.id) == open)
                .unwrap_or(first);
            Some((a.id, chat.id))
        });
        sender.or_else(|| {
            let chat = platform.chats().first()?;
            Some((*chat.members.first()?, chat.id))
        })
    }

    /// The sandbox as JSON for localStorage: its seed and journal, and what the phones and
    /// the instructor's view show (previews are saved apart).
    pub fn to_json(&self) -> String {
        let saved = Saved {
            scene: self.scene,
            seed: self.platform.seed(),
            journal: self.journal.to_vec(),
            open_chats: self.open_chats.clone(),
            behind_the_scenes: self.behind_the_scenes,
            selected_event: self.selected_event,
        };
        serde_json::to_string(&saved).expect("the journal contains only serialisable data")
    }

    /// Rebuilds a saved sandbox by replaying its journal; a journal the platform refuses
    /// (damaged, or from another version of the rules) is refused as a whole.
    pub fn from_json(text: &str, seeds: Vec<ReferenceSeed>) -> Result<Self, String> {
        let saved: Saved =
            serde_json::from_str(text).map_err(|e| format!("the saved sandbox is damaged: {e}"))?;
        let mut sandbox = Self::of_scene(saved.scene, saved.seed, seeds);
        let platform = Rc::make_mut(&mut sandbox.platform);
        for (i, action) in saved.journal.iter().enumerate() {
            platform
                .apply(action.clone())
                .map_err(|e| format!("the saved sandbox does not replay (step {}): {e}", i + 1))?;
        }
        sandbox.journal = Rc::new(saved.journal);
        sandbox.open_chats = saved.open_chats;
        sandbox.behind_the_scenes = saved.behind_the_scenes;
        sandbox.selected_event = saved
            .selected_event
            .filter(|&seq| seq as usize <= sandbox.platform.log().len());
        sandbox.open_default_chats();
        Ok(sandbox)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::analyse_file;

    fn sandbox() -> Sandbox {
        Sandbox::new(7, Vec::new())
    }

    #[test]
    fn every_phone_opens_a_chat_it_belongs_to() {
        let s = sandbox();
        for account in s.platform.accounts() {
            let chat = s.open_chat(account.id).expect("an open chat");
            assert!(s.platform.chat(chat).unwrap().members.contains(&account.id));
        }
    }

    #[test]
    fn opening_a_chat_of_someone_else_is_ignored() {
        let mut s = sandbox();
        let tom = AccountId(3);
        let china_chat = s
            .platform
            .chats()
            .iter()
            .find(|c| !c.members.contains(&tom))
            .unwrap()
            .id;
        let before = s.open_chat(tom);
        s.reduce(SandboxAction::OpenChat {
            account: tom,
            chat: china_chat,
        });
        assert_eq!(s.open_chat(tom), before);
    }

    #[test]
    fn nothing_that_changes_nothing_counts_as_a_change() {
        let mut s = sandbox();
        let before = s.clone();
        assert!(
            !s.reduce(SandboxAction::AdvanceTo(0)),
            "the clock is there already"
        );
        assert!(!s.reduce(SandboxAction::SetBehindTheScenes(false)));
        assert!(!s.reduce(SandboxAction::SelectEvent(None)));
        assert!(!s.reduce(SandboxAction::DismissError));
        let tom = AccountId(3);
        let open = s.open_chat(tom).unwrap();
        assert!(!s.reduce(SandboxAction::OpenChat {
            account: tom,
            chat: open
        }));
        assert_eq!(s, before);
        assert_eq!(s.revision, 0);
        assert!(s.reduce(SandboxAction::SetBehindTheScenes(true)));
        assert!(s.reduce(SandboxAction::AdvanceTo(500)));
        assert_eq!((s.revision, s.platform.now()), (2, 500));
    }

    #[test]
    fn the_clock_steps_to_the_next_analysis_and_the_platform_catches_up() {
        use crate::scenario::{Clock, ClockAction};
        let mut s = sandbox();
        let mut clock = Clock::default();
        clock.reduce(ClockAction::SetPlaying(false));
        let chat = s.open_chat(AccountId(2)).unwrap();
        let facts = analyse_file("notes.txt", "text/plain", b"nothing sensitive here");
        s.reduce(SandboxAction::Platform(Action::SendFile {
            chat,
            sender: AccountId(2),
            facts: Box::new(facts),
        }));
        let due = s.platform.pending_jobs()[0].due;
        assert!(!s.due(due - 1) && s.due(due));
        let target = s.step_target(clock.now);
        assert_eq!(target, due);
        clock.reduce(ClockAction::JumpTo(target));
        s.reduce(SandboxAction::AdvanceTo(clock.now));
        assert_eq!(s.platform.now(), due);
        assert!(s.platform.pending_jobs().is_empty());
        assert_eq!(s.step_target(clock.now), due + STEP_MS);

        // Sending after the clock ran on stamps the message with the clock's time.
        clock.reduce(ClockAction::JumpTo(due + 7_000));
        s.reduce(SandboxAction::AdvanceTo(clock.now));
        s.reduce(SandboxAction::Platform(Action::SendText {
            chat,
            sender: AccountId(2),
            text: "later".into(),
        }));
        assert_eq!(s.platform.messages().last().unwrap().sent_at, due + 7_000);
    }

    #[test]
    fn refused_actions_become_a_readable_error() {
        let mut s = sandbox();
        s.reduce(SandboxAction::Platform(Action::CreateAccount {
            name: "X".into(),
            number: "12345".into(),
        }));
        let error = s.error.clone().expect("an error");
        assert!(error.contains("phone number"), "{error}");
        s.reduce(SandboxAction::DismissError);
        assert_eq!(s.error, None);
    }

    #[test]
    fn deliveries_are_announced_and_only_the_latest_kept() {
        let mut s = sandbox();
        let chat = s.open_chat(AccountId(2)).unwrap();
        for i in 0..10 {
            s.reduce(SandboxAction::Platform(Action::SendText {
                chat,
                sender: AccountId(2),
                text: format!("hello {i}"),
            }));
        }
        assert_eq!(s.announcements.len(), KEPT_ANNOUNCEMENTS);
        assert!(
            s.announcements.last().unwrap().contains("received"),
            "{:?}",
            s.announcements
        );
    }

    #[test]
    fn json_round_trip_keeps_the_story_and_reset_restores_the_preset() {
        let mut s = sandbox();
        let chat = s.open_chat(AccountId(2)).unwrap();
        s.reduce(SandboxAction::Platform(Action::SendText {
            chat,
            sender: AccountId(2),
            text: "hi".into(),
        }));
        s.reduce(SandboxAction::SetBehindTheScenes(true));
        s.reduce(SandboxAction::AdvanceTo(500));
        let back = Sandbox::from_json(&s.to_json(), Vec::new()).unwrap();
        assert_eq!(back.platform, s.platform);
        assert!(back.behind_the_scenes);
        assert!(Sandbox::from_json("{\"platform\": 3}", Vec::new()).is_err());
        assert!(Sandbox::from_json("not json", Vec::new()).is_err());
        // A journal that does not replay is refused, not half-applied.
        let damaged = s.to_json().replace("\"sender\":2", "\"sender\":99");
        assert_ne!(damaged, s.to_json());
        let err = Sandbox::from_json(&damaged, Vec::new()).unwrap_err();
        assert!(err.contains("does not replay"), "{err}");

        s.reduce(SandboxAction::AddPreview {
            key: "ref:abc".into(),
            url: "data:x".into(),
        });
        s.reduce(SandboxAction::AddPreview {
            key: "msg:1".into(),
            url: "data:y".into(),
        });
        s.reduce(SandboxAction::Reset);
        assert_eq!(s.platform, Sandbox::new(7, Vec::new()).platform);
        assert_eq!(s.previews.len(), 1, "reference previews survive a reset");
        assert!(s.previews.contains_key("ref:abc"));
    }

    #[test]
    fn the_surveillance_story_with_the_real_tray_samples() {
        use crate::platform::EventKind;
        let mut s = Sandbox::new(7, crate::samples::references::seeds());
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/samples/tank-column.png");
        let bytes = std::fs::read(path).unwrap();
        let facts = analyse_file("tank-column.png", "image/png", &bytes);
        let md5 = facts.md5;
        let (wang_fang, amira) = (AccountId(0), AccountId(2));
        let chat_with = |s: &Sandbox, who: AccountId| {
            s.platform
                .chats()
                .iter()
                .find(|c| c.members == vec![amira, who] || c.members == vec![who, amira])
                .unwrap()
                .id
        };
        let international = chat_with(&s, AccountId(3));
        let china = chat_with(&s, wang_fang);
        s.reduce(SandboxAction::Platform(Action::SendFile {
            chat: international,
            sender: amira,
            facts: Box::new(facts.clone()),
        }));
        assert!(!s.platform.lists().hashes.one_to_one.contains(&md5));
        s.reduce(SandboxAction::AdvanceTo(s.step_target(0)));
        assert!(
            s.platform.lists().hashes.one_to_one.contains(&md5),
            "learned after the delay"
        );
        s.reduce(SandboxAction::Platform(Action::SendFile {
            chat: china,
            sender: amira,
            facts: Box::new(facts),
        }));
        let last = s
            .platform
            .log()
            .iter()
            .rev()
            .find(|e| e.recipient == Some(wang_fang))
            .unwrap();
        assert_eq!(last.kind, EventKind::Dropped);
        let wang_sees = s.platform.view(wang_fang).unwrap();
        assert!(
            wang_sees.chats.iter().all(|c| c.messages.is_empty()),
            "nothing arrives, no placeholder"
        );
    }

    #[test]
    fn a_variant_from_the_evasion_lab_goes_from_an_international_phone_to_a_censored_chat() {
        let mut s = sandbox();
        let (sender, chat) = s.lab_sender().unwrap();
        let account = |s: &Sandbox, id| {
            s.platform
                .accounts()
                .iter()
                .find(|a| a.id == id)
                .unwrap()
                .region
        };
        assert_eq!(account(&s, sender), Region::International);
        let members = |s: &Sandbox, chat| {
            s.platform
                .chats()
                .iter()
                .find(|c| c.id == chat)
                .unwrap()
                .members
                .clone()
        };
        assert!(members(&s, chat).contains(&sender));
        assert!(
            members(&s, chat)
                .iter()
                .any(|&m| account(&s, m) == Region::China)
        );
        // If the sender's phone shows another such chat, that one is used.
        let other = s
            .platform
            .chats()
            .iter()
            .find(|c| {
                c.id != chat
                    && c.members.contains(&sender)
                    && c.members.iter().any(|&m| account(&s, m) == Region::China)
            })
            .map(|c| c.id);
        if let Some(other) = other {
            s.open_chats.insert(sender, other);
            assert_eq!(s.lab_sender(), Some((sender, other)));
        }
    }

    #[test]
    fn every_flagged_text_sample_is_blocked_in_the_mixed_group_and_its_near_miss_is_not() {
        use crate::platform::EventKind;
        use crate::samples::{SampleKind, catalogue};
        let mut s = Sandbox::new(7, Vec::new());
        let (wang_fang, amira) = (AccountId(0), AccountId(2));
        let group = s
            .platform
            .chats()
            .iter()
            .find(|c| c.members.len() == 4)
            .unwrap()
            .id;
        for sample in catalogue()
            .into_iter()
            .filter(|x| x.kind == SampleKind::Text)
        {
            s.reduce(SandboxAction::Platform(Action::SendText {
                chat: group,
                sender: amira,
                text: sample.text.unwrap().to_string(),
            }));
            let fate = s
                .platform
                .log()
                .iter()
                .rev()
                .find(|e| e.recipient == Some(wang_fang))
                .unwrap();
            let want = if sample.sensitive {
                EventKind::Dropped
            } else {
                EventKind::Delivered
            };
            assert_eq!(fate.kind, want, "{}", sample.id);
        }
    }

    #[test]
    fn twins_with_one_md5_keep_their_own_previews() {
        let mut s = Sandbox::new(7, Vec::new());
        let chat = s.open_chat(AccountId(2)).unwrap();
        for (name, url) in [("a.gif", "data:a"), ("b.gif", "data:b")] {
            // Same bytes' MD5 for both, as with the twins.
            let mut facts = analyse_file(name, "image/gif", b"GIF89a");
            facts.md5 = crate::fingerprint::md5(b"twins");
            s.reduce(SandboxAction::SendFile {
                chat,
                sender: AccountId(2),
                facts: Box::new(facts),
                preview: Some(url.into()),
            });
        }
        let ids: Vec<_> = s.platform.messages().iter().map(|m| m.id).collect();
        assert_eq!(
            s.previews.get(&preview_key(ids[0])).map(String::as_str),
            Some("data:a")
        );
        assert_eq!(
            s.previews.get(&preview_key(ids[1])).map(String::as_str),
            Some("data:b")
        );
    }
}
