//! What the interface drives: the classroom sandbox around the platform (UI state that is
//! still pure and testable natively), and the sentences it announces.

mod announce;
mod sandbox;

pub use announce::announce;
pub use sandbox::{Sandbox, SandboxAction, Speed, preview_key};
