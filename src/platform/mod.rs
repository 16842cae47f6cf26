//! The simulated messaging platform: a pure, deterministic state machine.
//!
//! The UI (or a test) sends an [`Action`] to [`Platform::apply`] and gets back the
//! [`Event`]s it caused; the platform holds accounts, chats, messages, the censor's lists,
//! the surveillance queue and the simulated clock. Time moves only by
//! [`Action::AdvanceClock`], and the only randomness is the seeded [`Rng`], so the same
//! seed and actions always give the same log. Everything serialises, so the UI can save
//! the whole state and export the lists as JSON.
//!
//! Rules follow `docs/sources.md`; each decision names its rule (see [`Rule`]), unconfirmed
//! behaviour is a setting in [`Options`], and [`narrate`] writes the log's sentences.
//!
//! Modules: `route` (who is censored, what is blocked, the routing loop), `surveillance`
//! (the analysis queue and learning), `edits` (the censor's console), `events`, `rules`,
//! `options`, `lists`, `model`, `view` (one account's phone), `narrate`, `export` (CSV),
//! `preset` (the classroom cast).

mod edits;
mod events;
mod export;
mod lists;
mod model;
pub mod narrate;
mod options;
mod preset;
mod route;
mod rules;
mod surveillance;
mod view;

#[cfg(test)]
mod tests;

pub use crate::filters::{Detection, TextSource};
pub use events::{EntryRef, Event, EventKind, ListChange, TextOutcome, Trigger, VisualOutcome};
pub use export::LOG_CSV_COLUMNS;
pub use lists::{HashIndexes, KeywordEntry, KeywordMatch, ListEdit, Lists, VisualReference};
pub use model::{
    Account, AccountId, Chat, ChatId, Content, Feature, Message, MessageId, Millis, Outcome,
    PhoneNumber, Region,
};
pub use options::{
    DelayRange, LearnTarget, OPTIONS, OptionChange, OptionKey, OptionRecord, OptionValue, Options,
    OptionsError, typed_seconds_to_millis,
};
pub use preset::{
    Cast, ReferenceSeed, ReplicationCast, SEEDED_KEYWORDS, preset, replication_preset,
    seeded_features_blocking, seeded_source_text,
};
pub use rules::{Confidence, RULES, Rule, RuleRecord};
pub use surveillance::Job;
pub use view::{AccountView, ChatView, MessageStatus, MessageView, ViewContent};

use crate::filters::{AppMatcher, FileFacts, default_matcher};
use crate::rng::Rng;
use crate::t;
use events::Draft;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Everything a user (or a test) can do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Registers an account; its region follows the number, for good.
    CreateAccount { name: String, number: String },
    /// Links another number to an account; its region does not change (rule 1).
    LinkNumber { account: AccountId, number: String },
    /// Opens a chat. One-to-one chats have exactly two members, groups at least two.
    CreateChat {
        name: String,
        feature: Feature,
        members: Vec<AccountId>,
    },
    SendText {
        chat: ChatId,
        sender: AccountId,
        text: String,
    },
    /// Sends a file whose facts were computed outside (see [`crate::filters::analyse_file`]).
    SendFile {
        chat: ChatId,
        sender: AccountId,
        facts: Box<FileFacts>,
    },
    /// The sender withdraws a message.
    Recall { message: MessageId, by: AccountId },
    /// Moves the simulated clock forward, running the analysis jobs that fall due.
    AdvanceClock { ms: u64 },
    /// Edits the censor's lists.
    Edit(ListEdit),
    /// Replaces the options.
    SetOptions(Options),
}

/// Why an action was refused. The state is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionError {
    UnknownAccount(AccountId),
    UnknownChat(ChatId),
    UnknownMessage(MessageId),
    NotAMember {
        account: AccountId,
        chat: ChatId,
    },
    NotTheSender {
        message: MessageId,
        account: AccountId,
    },
    AlreadyRecalled(MessageId),
    BadNumber(String),
    BadName(String),
    BadChat(String),
    BadEdit(String),
    BadOptions(OptionsError),
    ClockOverflow,
}

/// The reason, in the current language (the reasons carried as text are in the language of
/// the moment they were refused).
impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::UnknownAccount(id) => t!("platform.errors.no_such", what = id),
            Self::UnknownChat(id) => t!("platform.errors.no_such", what = id),
            Self::UnknownMessage(id) => t!("platform.errors.no_such", what = id),
            Self::NotAMember { account, chat } => {
                t!(
                    "platform.errors.not_a_member",
                    account = account,
                    chat = chat
                )
            }
            Self::NotTheSender { message, account } => {
                t!(
                    "platform.errors.not_the_sender",
                    message = message,
                    account = account
                )
            }
            Self::AlreadyRecalled(id) => t!("platform.errors.already_recalled", message = id),
            Self::BadNumber(why) | Self::BadName(why) | Self::BadChat(why) => why.as_str().into(),
            Self::BadEdit(why) => t!("platform.errors.bad_edit", why = why),
            Self::BadOptions(why) => t!("platform.errors.bad_options", why = why),
            Self::ClockOverflow => t!("platform.errors.clock_overflow"),
        })
    }
}

impl std::error::Error for ActionError {}

/// The whole simulated platform.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Platform {
    seed: u64,
    now: Millis,
    rng: Rng,
    accounts: Vec<Account>,
    chats: Vec<Chat>,
    messages: Vec<Message>,
    lists: Lists,
    options: Options,
    visual: AppMatcher,
    jobs: Vec<Job>,
    next_job: u64,
    log: Vec<Event>,
}

impl Platform {
    /// An empty platform at time 0, with default options.
    pub fn new(seed: u64) -> Self {
        Self {
            seed,
            now: 0,
            rng: Rng::new(seed),
            accounts: Vec::new(),
            chats: Vec::new(),
            messages: Vec::new(),
            lists: Lists::default(),
            options: Options::default(),
            visual: default_matcher(),
            jobs: Vec::new(),
            next_job: 1,
            log: Vec::new(),
        }
    }

    /// Applies one action and returns the events it caused (also appended to the log).
    pub fn apply(&mut self, action: Action) -> Result<Vec<Event>, ActionError> {
        let mut out = Vec::new();
        match action {
            Action::CreateAccount { name, number } => {
                self.create_account(&mut out, &name, &number)?;
            }
            Action::LinkNumber { account, number } => {
                self.link_number(&mut out, account, &number)?;
            }
            Action::CreateChat {
                name,
                feature,
                members,
            } => self.create_chat(&mut out, &name, feature, members)?,
            Action::SendText { chat, sender, text } => {
                self.send_text(&mut out, chat, sender, text)?;
            }
            Action::SendFile {
                chat,
                sender,
                facts,
            } => self.send_file(&mut out, chat, sender, *facts)?,
            Action::Recall { message, by } => self.recall(&mut out, message, by)?,
            Action::AdvanceClock { ms } => self.advance(&mut out, ms)?,
            Action::Edit(edit) => self.edit(&mut out, edit)?,
            Action::SetOptions(options) => self.set_options(&mut out, options)?,
        }
        Ok(out)
    }

    /// The seed the platform was created with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The simulated time.
    pub fn now(&self) -> Millis {
        self.now
    }

    pub fn accounts(&self) -> &[Account] {
        &self.accounts
    }

    pub fn chats(&self) -> &[Chat] {
        &self.chats
    }

    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    pub fn lists(&self) -> &Lists {
        &self.lists
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The visual matcher's settings.
    pub fn visual_matcher(&self) -> &AppMatcher {
        &self.visual
    }

    /// Analysis jobs not yet run, in due order.
    pub fn pending_jobs(&self) -> &[Job] {
        &self.jobs
    }

    /// Every event so far.
    pub fn log(&self) -> &[Event] {
        &self.log
    }

    /// The account, if it exists.
    pub fn account(&self, id: AccountId) -> Result<&Account, ActionError> {
        self.accounts
            .get(id.0 as usize)
            .ok_or(ActionError::UnknownAccount(id))
    }

    /// The chat, if it exists.
    pub fn chat(&self, id: ChatId) -> Result<&Chat, ActionError> {
        self.chats
            .get(id.0 as usize)
            .ok_or(ActionError::UnknownChat(id))
    }

    /// The message, if it exists.
    pub fn message(&self, id: MessageId) -> Result<&Message, ActionError> {
        (id.0 as usize)
            .checked_sub(1)
            .and_then(|i| self.messages.get(i))
            .ok_or(ActionError::UnknownMessage(id))
    }

    /// The whole state as JSON (for localStorage).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("the state contains only strings, numbers and maps")
    }

    /// A state saved by [`Platform::to_json`].
    pub fn from_json(text: &str) -> Result<Self, String> {
        let platform: Self = serde_json::from_str(text)
            .map_err(|e| t!("platform.errors.not_a_state", why = e).into_owned())?;
        platform.lists.validate()?;
        platform
            .check_references()
            .map_err(|e| t!("platform.errors.damaged_state", why = e).into_owned())?;
        Ok(platform)
    }

    /// Every id the state mentions exists, so a hand-edited or damaged save cannot make
    /// later actions index out of bounds.
    fn check_references(&self) -> Result<(), String> {
        let ids_in_order = self
            .accounts
            .iter()
            .enumerate()
            .all(|(i, a)| a.id.0 as usize == i)
            && self
                .chats
                .iter()
                .enumerate()
                .all(|(i, c)| c.id.0 as usize == i)
            && self
                .messages
                .iter()
                .enumerate()
                .all(|(i, m)| m.id.0 as usize == i + 1);
        if !ids_in_order {
            return Err(t!("platform.errors.ids_out_of_order").into_owned());
        }
        let account = |id: AccountId| self.account(id).map(|_| ()).map_err(|e| e.to_string());
        for chat in &self.chats {
            chat.members.iter().try_for_each(|&m| account(m))?;
        }
        for m in &self.messages {
            self.chat(m.chat).map_err(|e| e.to_string())?;
            account(m.sender)?;
            m.outcomes.iter().try_for_each(|&(r, _)| account(r))?;
        }
        for job in &self.jobs {
            self.message(job.message).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    fn record(&mut self, out: &mut Vec<Event>, draft: Draft) {
        let mut event = draft.event;
        event.seq = self.log.len() as u64 + 1;
        event.at = self.now;
        self.log.push(event.clone());
        out.push(event);
    }

    /// An account's name, for sentences ("?" for an id that does not exist).
    pub(crate) fn name(&self, id: AccountId) -> &str {
        self.accounts
            .get(id.0 as usize)
            .map_or("?", |a| a.name.as_str())
    }

    fn create_account(
        &mut self,
        out: &mut Vec<Event>,
        name: &str,
        number: &str,
    ) -> Result<(), ActionError> {
        let name = checked_name(name, &t!("platform.names.account"))?;
        let number = PhoneNumber::parse(number).map_err(ActionError::BadNumber)?;
        let id = AccountId(self.accounts.len() as u32);
        let region = number.region();
        self.accounts.push(Account {
            id,
            name,
            registered_number: number.clone(),
            current_number: number,
            region,
        });
        let kind = EventKind::AccountCreated {
            account: id,
            region,
        };
        self.record(out, Draft::new(kind).rule(Rule::RegionFixedAtRegistration));
        Ok(())
    }

    fn link_number(
        &mut self,
        out: &mut Vec<Event>,
        id: AccountId,
        number: &str,
    ) -> Result<(), ActionError> {
        self.account(id)?;
        let number = PhoneNumber::parse(number).map_err(ActionError::BadNumber)?;
        self.accounts[id.0 as usize].current_number = number.clone();
        let kind = EventKind::NumberLinked {
            account: id,
            number: number.to_string(),
        };
        self.record(out, Draft::new(kind).rule(Rule::RegionFixedAtRegistration));
        Ok(())
    }

    fn create_chat(
        &mut self,
        out: &mut Vec<Event>,
        name: &str,
        feature: Feature,
        members: Vec<AccountId>,
    ) -> Result<(), ActionError> {
        let name = checked_name(name, &t!("platform.names.chat"))?;
        for &m in &members {
            self.account(m)?;
        }
        let mut distinct = members.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() != members.len() {
            return Err(ActionError::BadChat(
                t!("platform.errors.member_twice").into_owned(),
            ));
        }
        match feature {
            Feature::OneToOne if members.len() != 2 => {
                return Err(ActionError::BadChat(
                    t!("platform.errors.one_to_one_members").into_owned(),
                ));
            }
            Feature::Group if members.len() < 2 => {
                return Err(ActionError::BadChat(
                    t!("platform.errors.group_members").into_owned(),
                ));
            }
            _ => {}
        }
        let id = ChatId(self.chats.len() as u32);
        self.chats.push(Chat {
            id,
            name,
            feature,
            members,
        });
        let kind = EventKind::ChatCreated { chat: id, feature };
        self.record(out, Draft::new(kind).policy(Rule::SeparateIndexes));
        Ok(())
    }

    fn set_options(&mut self, out: &mut Vec<Event>, options: Options) -> Result<(), ActionError> {
        options.validate().map_err(ActionError::BadOptions)?;
        let changes = self.options.changes_to(&options);
        self.options = options;
        if !changes.is_empty() {
            self.record(out, Draft::new(EventKind::OptionsChanged { changes }));
        }
        Ok(())
    }
}

/// The name trimmed, or why it is refused; `what` names the thing named ("an account"), in
/// the current language.
pub(crate) fn checked_name(name: &str, what: &str) -> Result<String, ActionError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ActionError::BadName(
            t!("platform.errors.needs_name", what = what).into_owned(),
        ));
    }
    if name.chars().count() > 80 {
        return Err(ActionError::BadName(
            t!("platform.errors.name_too_long", what = what).into_owned(),
        ));
    }
    Ok(name.to_string())
}
