//! A message as data: the key of its words and its arguments, worded only when shown.
//!
//! Workers never load Chinese, so what a worker has to say (why a forge was refused, why a
//! picture could not be read) crosses to the page as a [`Message`], and the page words it in
//! the language it shows. Errors that can arise on either side build their `Display` from
//! their message, so the words have one source.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A key of the catalogue and the values of its `%{name}` placeholders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub key: String,
    pub args: Vec<(String, Arg)>,
}

/// A placeholder's value: plain text (a number, a name, a decoder's own words) or another
/// message, worded in the same language as the one it fills.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    Text(String),
    Message(Message),
}

impl Message {
    /// The message `key`, with no arguments yet.
    pub fn new(key: &str) -> Self {
        Self {
            key: key.to_string(),
            args: Vec::new(),
        }
    }

    /// The same message with `name` filled by `value`.
    pub fn with(mut self, name: &str, value: impl Into<Arg>) -> Self {
        self.args.push((name.to_string(), value.into()));
        self
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = super::text(&self.key);
        if self.args.is_empty() {
            return f.write_str(&text);
        }
        let args: Vec<(&str, &dyn fmt::Display)> = self
            .args
            .iter()
            .map(|(name, value)| (name.as_str(), value as &dyn fmt::Display))
            .collect();
        f.write_str(&super::fill(&text, &args))
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(text) => f.write_str(text),
            Self::Message(message) => message.fmt(f),
        }
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Self::Message(message)
    }
}

/// Text and numbers fill a placeholder as they print.
macro_rules! text_args {
    ($($t:ty),*) => {
        $(impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Self::Text(value.to_string())
            }
        })*
    };
}
text_args!(&str, String, &String, u16, u32, u64, usize);

/// A [`Message`]: `message!("forge.job.no_file")`, or with placeholders
/// `message!("forge.job.picture", which = which, why = error.message())`. Written like `t!`
/// so that the catalogue test finds its keys.
#[macro_export]
macro_rules! message {
    ($key:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::l10n::Message::new($key)$(.with(stringify!($name), $value))*
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::address::Lang;

    #[test]
    fn nested_messages_are_worded_in_one_language() {
        let inner = message!("forge.layout.gave_up", steps = 9u64);
        let outer = message!(
            "forge.error.no_layout",
            tried = 3usize,
            last = inner.clone()
        );
        let english = outer.to_string();
        assert!(english.contains(&inner.to_string()), "{english}");
        assert!(english.contains('3') && english.contains('9'), "{english}");
        assert!(!english.contains("%{"), "{english}");
        // Through JSON, as it crosses from a worker, nothing is lost.
        let json = serde_json::to_string(&outer).unwrap();
        assert_eq!(serde_json::from_str::<Message>(&json).unwrap(), outer);
        // The same data in Chinese, had the page that language.
        let json = std::fs::read_to_string(crate::l10n::catalogue::fetched_path()).unwrap();
        crate::l10n::load(Lang::ZhCn, &json).unwrap();
        let zh_outer = crate::l10n::text_in(Lang::ZhCn, &outer.key);
        assert_ne!(zh_outer, crate::l10n::text_in(Lang::En, &outer.key));
    }
}
