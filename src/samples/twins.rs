//! The built-in same-MD5 pair: a "sensitive" picture and a benign one, as two
//! JPEG files with one MD5 (like the Citizen Lab's pair), ready instantly, so the Citizen Lab experiment can be done by
//! hand in the sandbox: the benign twin is delivered to a China-registered account; the
//! sensitive twin goes through an international chat and is analysed; afterwards the
//! benign twin is dropped, though nothing in it is sensitive.

use super::{SampleError, picture_pixels};
use crate::forge::jpeg::{JpegPair, forge_jpeg, shipped_jpeg_blocks};

/// The twin that shows the sensitive picture.
pub const SENSITIVE_TWIN: &str = "twin-sensitive";
/// The twin that shows the benign picture.
pub const BENIGN_TWIN: &str = "twin-benign";
/// The pictures the twins show.
pub const SENSITIVE_PICTURE: &str = "tank-column";
pub const BENIGN_PICTURE: &str = "cat";

/// Forges the pair from the drawn pictures and the shipped universal JPEG collision.
pub fn pair() -> Result<JpegPair, SampleError> {
    let a = picture_pixels(SENSITIVE_PICTURE)?;
    let b = picture_pixels(BENIGN_PICTURE)?;
    let blocks = shipped_jpeg_blocks();
    let blocks = blocks
        .first()
        .ok_or_else(|| SampleError::Encode("no JPEG collision is shipped".into()))?;
    forge_jpeg(blocks, &a, &b).map_err(|e| SampleError::Encode(e.to_string()))
}

/// The file of one twin.
pub fn file(id: &str) -> Result<Vec<u8>, SampleError> {
    let pair = pair()?;
    match id {
        SENSITIVE_TWIN => Ok(pair.x),
        BENIGN_TWIN => Ok(pair.y),
        other => Err(SampleError::Unknown(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::analyse_file;
    use crate::fingerprint::md5;
    use crate::platform::{AccountId, Action, EventKind};
    use crate::scenario::{Sandbox, SandboxAction};

    fn committed(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/www/samples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn the_committed_twins_share_an_md5_and_decode_to_different_pictures() {
        let (s, b) = (
            committed("twin-sensitive.jpg"),
            committed("twin-benign.jpg"),
        );
        assert_ne!(s, b);
        assert_eq!(md5(&s), md5(&b));
        let (ds, db) = (
            crate::decode::decode_rgba(&s).unwrap(),
            crate::decode::decode_rgba(&b).unwrap(),
        );
        assert_eq!(ds.dimensions(), (640, 480));
        let differing = ds.pixels().zip(db.pixels()).filter(|(p, q)| p != q).count();
        assert!(
            differing > 640 * 480 / 2,
            "the twins show different pictures ({differing} pixels differ)"
        );
        assert_eq!(
            file(SENSITIVE_TWIN).unwrap(),
            s,
            "the committed file is what the code forges now"
        );
        assert_eq!(file(BENIGN_TWIN).unwrap(), b);
    }

    /// The Citizen Lab experiment (We Chat, They Watch), by hand, with the built-in pair.
    #[test]
    fn the_benign_twin_is_blocked_only_after_the_sensitive_twin_was_watched() {
        let (sensitive, benign) = (
            committed("twin-sensitive.jpg"),
            committed("twin-benign.jpg"),
        );
        let sensitive = analyse_file("twin-sensitive.jpg", "image/jpeg", &sensitive);
        let benign = analyse_file("twin-benign.jpg", "image/jpeg", &benign);
        assert_eq!(sensitive.md5, benign.md5);

        let mut s = Sandbox::new(5, crate::samples::references::seeds());
        let step = |s: &mut Sandbox| {
            let target = s.step_target(s.platform.now());
            s.reduce(SandboxAction::AdvanceTo(target))
        };
        let (wang_fang, amira, tom) = (AccountId(0), AccountId(2), AccountId(3));
        let chat = |s: &Sandbox, a: AccountId, b: AccountId| {
            s.platform
                .chats()
                .iter()
                .find(|c| c.members.len() == 2 && c.members.contains(&a) && c.members.contains(&b))
                .unwrap()
                .id
        };
        let (international, china) = (chat(&s, amira, tom), chat(&s, amira, wang_fang));
        let fate = |s: &Sandbox| {
            s.platform
                .log()
                .iter()
                .rev()
                .find(|e| e.recipient == Some(wang_fang))
                .unwrap()
                .kind
                .clone()
        };

        // 1. Control: the benign twin reaches the China-registered account, and its
        //    analysis finds nothing sensitive in it.
        s.reduce(SandboxAction::Platform(Action::SendFile {
            chat: china,
            sender: amira,
            facts: Box::new(benign.clone()),
        }));
        assert_eq!(fate(&s), EventKind::Delivered);
        step(&mut s);
        assert!(
            !s.platform.lists().hashes.one_to_one.contains(&benign.md5),
            "the benign picture is not flagged"
        );
        // 2. Trigger: the sensitive twin among international accounts only, delivered.
        s.reduce(SandboxAction::Platform(Action::SendFile {
            chat: international,
            sender: amira,
            facts: Box::new(sensitive),
        }));
        // 3. Wait: the hidden analysis flags it and lists the shared MD5.
        step(&mut s);
        assert!(s.platform.lists().hashes.one_to_one.contains(&benign.md5));
        // 4. Measure: the benign twin is now dropped.
        s.reduce(SandboxAction::Platform(Action::SendFile {
            chat: china,
            sender: amira,
            facts: Box::new(benign),
        }));
        assert_eq!(fate(&s), EventKind::Dropped);
    }
}
