//! Presenter mode's keys: what a teacher's clicker or keyboard asks for. Clickers send
//! PageDown and PageUp (some send the arrows, or B for a blank screen, which we leave alone);
//! a keyboard adds Space and the arrows. Keys typed into a field stay the field's, and Space
//! or Enter on a focused button or link stays that control's, so nothing acts twice.

use super::replication::{Replication, ReplicationAction, Step};

/// Where the key was pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// A text field, a select or an editable area: every key is the field's.
    Field,
    /// A button, link, checkbox or summary: Space and Enter activate it.
    Control,
    /// Anywhere else.
    Page,
}

/// A move through the steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Forward,
    Back,
}

/// The move a key asks for, if any. Keys with a modifier (Alt+Left is the browser's Back)
/// are never taken.
pub fn key_move(key: &str, focus: Focus, modified: bool) -> Option<Move> {
    if modified || focus == Focus::Field {
        return None;
    }
    match key {
        "ArrowRight" | "ArrowDown" | "PageDown" => Some(Move::Forward),
        " " | "Spacebar" if focus == Focus::Page => Some(Move::Forward),
        "ArrowLeft" | "ArrowUp" | "PageUp" => Some(Move::Back),
        _ => None,
    }
}

impl Replication {
    /// What the step button does now: a move forward starts the first or the next trial when
    /// there is none under way, goes on when looking back, and otherwise does the next step.
    pub fn forward(&self) -> Option<ReplicationAction> {
        match self.current() {
            None => Some(ReplicationAction::NewTrial),
            Some(_) if self.viewing.is_some() => Some(ReplicationAction::Next),
            Some(trial) => match trial.step {
                // Its files are being made: nothing to do yet.
                Step::Preparing => None,
                Step::Done => Some(ReplicationAction::NewTrial),
                _ => Some(ReplicationAction::Next),
            },
        }
    }

    /// The action a presenter's move asks for.
    pub fn presenter_action(&self, step: Move) -> Option<ReplicationAction> {
        match step {
            Move::Forward => self.forward(),
            Move::Back => Some(ReplicationAction::Back),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicker_and_keyboard_keys_move() {
        for key in ["PageDown", "ArrowRight", "ArrowDown", " "] {
            assert_eq!(
                key_move(key, Focus::Page, false),
                Some(Move::Forward),
                "{key}"
            );
        }
        for key in ["PageUp", "ArrowLeft", "ArrowUp"] {
            assert_eq!(key_move(key, Focus::Page, false), Some(Move::Back), "{key}");
        }
        assert_eq!(key_move("b", Focus::Page, false), None);
        assert_eq!(key_move("Enter", Focus::Page, false), None);
    }

    #[test]
    fn fields_controls_and_modifiers_keep_their_keys() {
        for key in ["PageDown", "ArrowRight", " ", "ArrowLeft"] {
            assert_eq!(key_move(key, Focus::Field, false), None, "{key}");
            assert_eq!(key_move(key, Focus::Page, true), None, "{key}");
        }
        // On a focused button Space presses the button, once; the clicker's keys still move.
        assert_eq!(key_move(" ", Focus::Control, false), None);
        assert_eq!(
            key_move("PageDown", Focus::Control, false),
            Some(Move::Forward)
        );
    }

    #[test]
    fn forward_starts_goes_on_and_waits_for_files() {
        let mut r = Replication::new(3, crate::samples::references::seeds());
        assert_eq!(r.forward(), Some(ReplicationAction::NewTrial));
        r.reduce(ReplicationAction::NewTrial);
        assert_eq!(r.forward(), None, "files still being made");
        assert_eq!(
            r.presenter_action(Move::Back),
            Some(ReplicationAction::Back)
        );
    }

    #[test]
    fn a_clicker_walks_a_whole_trial_and_back() {
        let mut r = Replication::new(3, crate::samples::references::seeds());
        r.reduce(ReplicationAction::Present(Move::Forward));
        let plan = r.current().expect("forward starts a trial").plan.clone();
        let files = crate::scenario::replication::test_files(&plan);
        r.reduce(ReplicationAction::FilesReady(Box::new(files)));
        for expected in [Step::Trigger, Step::Wait, Step::Measure, Step::Done] {
            r.reduce(ReplicationAction::Present(Move::Forward));
            assert_eq!(r.shown_step(), Some(expected));
        }
        r.reduce(ReplicationAction::Present(Move::Back));
        assert_eq!(r.shown_step(), Some(Step::Measure), "looking back");
        r.reduce(ReplicationAction::Present(Move::Forward));
        assert_eq!((r.shown_step(), r.viewing), (Some(Step::Done), None));
        r.reduce(ReplicationAction::Present(Move::Forward));
        assert_eq!(
            r.trials.len(),
            2,
            "forward on the result starts the next trial"
        );
    }
}
