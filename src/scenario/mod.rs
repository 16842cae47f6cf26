//! What the interface drives, as pure reducers tested natively: the classroom sandbox around
//! the platform, its clock, the uploads in flight, the collision lab and its live search, and
//! the fingerprint page; and the sentences announced to screen readers.

pub mod address;
mod announce;
mod clock;
pub mod embed;
pub mod evasion;
pub mod fingerprints;
pub mod lab;
pub mod notice;
pub mod presenter;
pub mod replication;
pub mod route;
mod sandbox;
pub mod sources;
pub mod uploads;

pub use announce::{announce, capitalise};
pub use clock::{Clock, ClockAction, Speed};
pub use sandbox::{STEP_MS, Sandbox, SandboxAction, Scene, preview_key};
