//! The nouns of the simulated platform: accounts and their phone numbers, chats, messages
//! and what happened to each message for each recipient.

use crate::filters::FileFacts;
use crate::t;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// Simulated time in milliseconds since the scenario started.
pub type Millis = u64;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);
    };
}

id_type!(
    /// An account, numbered from 0 in order of creation.
    AccountId
);
id_type!(
    /// A chat, numbered from 0 in order of creation.
    ChatId
);
id_type!(
    /// A message, numbered from 1 in order of sending (as "message #n" in the log).
    MessageId
);

/// "account #2", in the current language.
impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&t!("platform.id.account", n = self.0))
    }
}

/// "chat #1", in the current language.
impl fmt::Display for ChatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&t!("platform.id.chat", n = self.0))
    }
}

/// "message #3", in the current language.
impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&t!("platform.id.message", n = self.0))
    }
}

/// Where an account was registered. Fixed at creation (rule 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Region {
    /// Originally registered with a mainland-China (+86) number: censored.
    China,
    /// Registered anywhere else: not censored, but its files are analysed.
    International,
}

/// "China-registered" or "international", in the current language.
impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::China => t!("platform.region.china"),
            Self::International => t!("platform.region.international"),
        })
    }
}

/// A phone number in international form, e.g. `+86 138 0013 8000`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber {
    shown: String,
    digits: String,
}

impl PhoneNumber {
    /// Accepts `+`, then 6–15 digits with optional spaces, dashes, dots or brackets.
    pub fn parse(text: &str) -> Result<Self, String> {
        let shown = text.trim();
        let number = format!("{shown:?}");
        let Some(rest) = shown.strip_prefix('+') else {
            return Err(t!("platform.phone.not_international", number = number).into_owned());
        };
        if let Some(bad) = rest
            .chars()
            .find(|c| !(c.is_ascii_digit() || " -.()".contains(*c)))
        {
            let bad = format!("{bad:?}");
            return Err(t!("platform.phone.unexpected", number = number, bad = bad).into_owned());
        }
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if !(6..=15).contains(&digits.len()) {
            return Err(t!("platform.phone.digits", number = number).into_owned());
        }
        Ok(Self {
            shown: shown.to_string(),
            digits,
        })
    }

    /// The region a number registers an account in. Country codes are prefix-free, so
    /// "+86" means mainland China; Hong Kong (+852), Macau (+853) and Taiwan (+886) are
    /// international, as are all other codes (sources §1.1: "a mainland Chinese
    /// phone number").
    pub fn region(&self) -> Region {
        if self.digits.starts_with("86") {
            Region::China
        } else {
            Region::International
        }
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        Self::parse(&text)
    }
}

impl From<PhoneNumber> for String {
    fn from(n: PhoneNumber) -> Self {
        n.shown
    }
}

/// A user of the platform.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: AccountId,
    pub name: String,
    /// The number the account was created with; it decides the region for good.
    pub registered_number: PhoneNumber,
    /// The number linked now, which may be foreign.
    pub current_number: PhoneNumber,
    pub region: Region,
}

/// A chat feature. Each has its own MD5 index and its own keyword entries (rule 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Feature {
    OneToOne,
    Group,
}

impl Feature {
    /// Both features, in a fixed order.
    pub const ALL: [Feature; 2] = [Feature::OneToOne, Feature::Group];

    /// The feature's name in the current language, for sentences ("one-to-one", "group").
    pub fn label(self) -> Cow<'static, str> {
        match self {
            Self::OneToOne => t!("platform.feature.one_to_one"),
            Self::Group => t!("platform.feature.group"),
        }
    }
}

/// The feature's name in data: forms, element ids, imported and exported lists (English
/// whatever the page's language; [`Feature::label`] is for sentences).
impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::OneToOne => "one-to-one",
            Self::Group => "group",
        })
    }
}

impl std::str::FromStr for Feature {
    type Err = String;

    /// The inverse of `Display`: how forms and imported lists name a feature.
    fn from_str(name: &str) -> Result<Self, String> {
        Feature::ALL
            .into_iter()
            .find(|f| f.to_string() == name)
            .ok_or_else(|| t!("platform.feature.unknown", name = name).into_owned())
    }
}

/// A conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chat {
    pub id: ChatId,
    pub name: String,
    pub feature: Feature,
    pub members: Vec<AccountId>,
}

/// What a message carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "body", rename_all = "snake_case")]
pub enum Content {
    Text(String),
    /// The file's facts, computed outside the platform; the bytes never enter it.
    File(Box<FileFacts>),
}

/// What happened to a message for one recipient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Delivered,
    /// Silently withheld: the recipient never learns the message existed.
    Dropped,
}

/// A sent message and its fate per recipient.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: MessageId,
    pub chat: ChatId,
    pub sender: AccountId,
    pub sent_at: Millis,
    pub content: Content,
    /// One entry per recipient (every member but the sender).
    pub outcomes: Vec<(AccountId, Outcome)>,
    pub recalled_at: Option<Millis>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feature_parses_back_from_its_name() {
        for f in Feature::ALL {
            assert_eq!(f.to_string().parse::<Feature>(), Ok(f));
            assert_eq!(
                f.label(),
                f.to_string(),
                "in English, the label is the name"
            );
        }
        assert!(
            "Group"
                .parse::<Feature>()
                .unwrap_err()
                .contains("one-to-one or group")
        );
    }

    #[test]
    fn region_comes_from_the_country_code() {
        let cases = [
            ("+86 138 0013 8000", Region::China),
            ("+8613800138000", Region::China),
            ("+1 416 555 0134", Region::International),
            ("+852 5123 4567", Region::International),
            ("+886 912 345 678", Region::International),
            ("+44 20 7946 0958", Region::International),
        ];
        for (text, region) in cases {
            assert_eq!(PhoneNumber::parse(text).unwrap().region(), region, "{text}");
        }
    }

    #[test]
    fn bad_numbers_are_refused_with_a_reason() {
        for bad in ["138 0013 8000", "+86 abc", "+1", "", "+1234567890123456"] {
            let err = PhoneNumber::parse(bad).unwrap_err();
            assert!(err.contains("phone number"), "{bad}: {err}");
        }
        assert!(serde_json::from_str::<PhoneNumber>("\"12345\"").is_err());
        let n = PhoneNumber::parse(" +1 (416) 555-0134 ").unwrap();
        assert_eq!(n.to_string(), "+1 (416) 555-0134");
        assert_eq!(
            serde_json::from_str::<PhoneNumber>(&serde_json::to_string(&n).unwrap()).unwrap(),
            n
        );
    }
}
