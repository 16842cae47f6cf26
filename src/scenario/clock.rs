//! The simulated clock as the classroom drives it: play, pause, speed, step.
//!
//! It is its own small state so that time passing costs almost nothing: a tick changes the
//! clock alone, and the platform is moved forward only when an analysis falls due or
//! something is sent (see [`super::Sandbox::due`]). A paused clock ignores ticks entirely.

use crate::platform::Millis;
use serde::{Deserialize, Serialize};

/// How fast simulated time runs while playing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Speed {
    X1,
    X4,
    X16,
}

impl Speed {
    pub const ALL: [Speed; 3] = [Speed::X1, Speed::X4, Speed::X16];

    /// Simulated milliseconds per real millisecond.
    pub fn factor(self) -> u64 {
        match self {
            Self::X1 => 1,
            Self::X4 => 4,
            Self::X16 => 16,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::X1 => "1×",
            Self::X4 => "4×",
            Self::X16 => "16×",
        }
    }
}

/// The clock's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// Simulated time shown, in milliseconds; the platform catches up with it lazily.
    pub now: Millis,
    pub playing: bool,
    pub speed: Speed,
}

impl Default for Clock {
    fn default() -> Self {
        Self {
            now: 0,
            playing: true,
            speed: Speed::X1,
        }
    }
}

/// What the clock controls (and the timer) can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockAction {
    /// Real time passed: `real_ms` milliseconds, counted only while playing.
    Tick {
        real_ms: u64,
    },
    SetPlaying(bool),
    SetSpeed(Speed),
    /// Moves to a time (never backwards), e.g. the next analysis for "Step".
    JumpTo(Millis),
    /// Back to the start, as after a reset of the sandbox.
    Reset,
}

impl Clock {
    /// Applies an action; returns whether anything changed (a paused tick changes nothing).
    pub fn reduce(&mut self, action: ClockAction) -> bool {
        let before = *self;
        match action {
            ClockAction::Tick { real_ms } if self.playing => {
                self.now = self
                    .now
                    .saturating_add(real_ms.saturating_mul(self.speed.factor()));
            }
            ClockAction::Tick { .. } => {}
            ClockAction::SetPlaying(playing) => self.playing = playing,
            ClockAction::SetSpeed(speed) => self.speed = speed,
            ClockAction::JumpTo(at) => self.now = self.now.max(at),
            ClockAction::Reset => *self = Self::default(),
        }
        *self != before
    }

    /// What is worth saving: everything but the last two seconds' digits, so a playing clock
    /// is saved every couple of simulated seconds rather than every tick.
    pub fn save_point(&self) -> (Millis, bool, Speed) {
        (self.now / 2_000, self.playing, self.speed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_count_only_while_playing_and_by_speed() {
        let mut clock = Clock::default();
        assert!(clock.reduce(ClockAction::SetSpeed(Speed::X16)));
        assert!(clock.reduce(ClockAction::Tick { real_ms: 100 }));
        assert_eq!(clock.now, 1_600);
        assert!(clock.reduce(ClockAction::SetPlaying(false)));
        assert!(!clock.reduce(ClockAction::Tick { real_ms: 100 }), "paused");
        assert!(!clock.reduce(ClockAction::SetPlaying(false)), "already");
        assert_eq!(clock.now, 1_600);
    }

    #[test]
    fn jumps_go_forward_only_and_reset_starts_over() {
        let mut clock = Clock::default();
        assert!(clock.reduce(ClockAction::JumpTo(5_000)));
        assert!(!clock.reduce(ClockAction::JumpTo(4_000)));
        assert_eq!(clock.now, 5_000);
        clock.reduce(ClockAction::SetPlaying(false));
        assert!(clock.reduce(ClockAction::Reset));
        assert_eq!(clock, Clock::default());
        assert_eq!(
            Clock {
                now: 3_999,
                ..clock
            }
            .save_point(),
            Clock {
                now: 2_000,
                ..clock
            }
            .save_point()
        );
    }
}
