//! What the interface drives: the classroom sandbox around the platform and its clock (UI
//! state that is still pure and testable natively), and the sentences it announces.

mod announce;
mod clock;
mod sandbox;

pub use announce::announce;
pub use clock::{Clock, ClockAction, Speed};
pub use sandbox::{STEP_MS, Sandbox, SandboxAction, preview_key};
