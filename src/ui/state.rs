//! The core's reducers as Yew state, and the hooks pages use to read and change them.
//!
//! A reducer that changed nothing hands back the same `Rc`, so Yew renders nothing. Contexts
//! compare states to decide whom to notify; the sandbox compares by its revision, so that
//! is never a walk through the whole log. Sandbox actions go
//! through [`SandboxDispatch`], which first brings the platform to the clock's time (the
//! clock runs apart, see `scenario::Clock`), so everything sent is stamped with the time shown.

use crate::platform::Millis;
use crate::scenario::lab::{Lab, LabAction};
use crate::scenario::replication::{Replication, ReplicationAction};
use crate::scenario::uploads::{Uploads, UploadsAction};
use crate::scenario::{Clock, ClockAction, Sandbox, SandboxAction};
use std::cell::Cell;
use std::ops::Deref;
use std::rc::Rc;
use yew::prelude::*;

/// Wraps a core state whose `reduce(&mut self, action) -> bool` says whether it changed.
macro_rules! store {
    ($(#[$doc:meta])* $store:ident($state:ty), $action:ty) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $store(pub $state);

        impl Reducible for $store {
            type Action = $action;

            fn reduce(self: Rc<Self>, action: $action) -> Rc<Self> {
                let mut next = (*self).clone();
                if next.0.reduce(action) { Rc::new(next) } else { self }
            }
        }

        impl Deref for $store {
            type Target = $state;
            fn deref(&self) -> &$state {
                &self.0
            }
        }
    };
}

store!(
    /// The sandbox (cheap to copy: its platform is shared until it changes).
    SandboxStore(Sandbox),
    SandboxAction
);
store!(ClockStore(Clock), ClockAction);
store!(UploadsStore(Uploads), UploadsAction);
store!(LabStore(Lab), LabAction);
store!(
    /// The guided replication.
    ReplicationStore(Replication),
    ReplicationAction
);

/// Every change of the replication counts one revision too.
impl PartialEq for ReplicationStore {
    fn eq(&self, other: &Self) -> bool {
        self.0.revision == other.0.revision
    }
}

/// Every change of the sandbox counts one revision, so equal revisions are equal states.
impl PartialEq for SandboxStore {
    fn eq(&self, other: &Self) -> bool {
        self.0.revision == other.0.revision
    }
}

macro_rules! compare_state {
    ($($store:ident),*) => {
        $(impl PartialEq for $store {
            fn eq(&self, other: &Self) -> bool {
                self.0 == other.0
            }
        })*
    };
}
compare_state!(ClockStore, UploadsStore, LabStore);

/// A reducer's handle, as contexts pass it: equal when it shows an equal state. (A handle
/// always reads the latest state; Yew compares the states it had when it was made.)
pub struct Shared<S: Reducible>(pub UseReducerHandle<S>);

impl<S: Reducible> Clone for Shared<S> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<S: Reducible + PartialEq> PartialEq for Shared<S> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<S: Reducible> Deref for Shared<S> {
    type Target = S;
    fn deref(&self) -> &S {
        &self.0
    }
}

impl<S: Reducible + 'static> Shared<S> {
    pub fn dispatch(&self, action: S::Action) {
        self.0.dispatch(action);
    }

    /// A callback that turns an event into an action.
    pub fn callback<E: 'static>(&self, f: impl Fn(E) -> S::Action + 'static) -> Callback<E> {
        let dispatcher = self.0.dispatcher();
        Callback::from(move |e| dispatcher.dispatch(f(e)))
    }
}

/// The simulated time the clock shows now, readable without rendering.
pub type LiveClock = Rc<Cell<Millis>>;

/// Sends actions to the sandbox, stamped with the clock's time.
#[derive(Clone)]
pub struct SandboxDispatch {
    dispatcher: UseReducerDispatcher<SandboxStore>,
    clock: LiveClock,
}

impl PartialEq for SandboxDispatch {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.clock, &other.clock) && self.dispatcher == other.dispatcher
    }
}

impl SandboxDispatch {
    pub fn new(dispatcher: UseReducerDispatcher<SandboxStore>, clock: LiveClock) -> Self {
        Self { dispatcher, clock }
    }

    pub fn dispatch(&self, action: SandboxAction) {
        // A no-op when the platform is there already: the store keeps its state and nobody
        // renders.
        self.dispatcher
            .dispatch(SandboxAction::AdvanceTo(self.clock.get()));
        self.dispatcher.dispatch(action);
    }

    /// A callback that turns an event into an action.
    pub fn callback<E: 'static>(&self, f: impl Fn(E) -> SandboxAction + 'static) -> Callback<E> {
        let this = self.clone();
        Callback::from(move |e| this.dispatch(f(e)))
    }
}

/// The sandbox as pages see it: its state, and how to change it.
#[derive(Clone, PartialEq)]
pub struct SandboxHandle {
    pub state: Shared<SandboxStore>,
    pub send: SandboxDispatch,
}

impl Deref for SandboxHandle {
    type Target = Sandbox;
    fn deref(&self) -> &Sandbox {
        &self.state.0.0
    }
}

impl SandboxHandle {
    pub fn dispatch(&self, action: SandboxAction) {
        self.send.dispatch(action);
    }

    pub fn callback<E: 'static>(&self, f: impl Fn(E) -> SandboxAction + 'static) -> Callback<E> {
        self.send.callback(f)
    }
}

/// The sandbox, for pages.
#[hook]
pub fn use_sandbox() -> SandboxHandle {
    use_context::<SandboxHandle>().expect("the app provides the sandbox")
}

/// Changing the clock without following it (a reset button need not render on every tick).
#[hook]
pub fn use_clock_dispatch() -> UseReducerDispatcher<ClockStore> {
    use_context::<UseReducerDispatcher<ClockStore>>().expect("the app provides the clock")
}

/// A hook for each state the app shares as it is.
macro_rules! shared_hooks {
    ($($(#[$doc:meta])* $hook:ident: $store:ident;)*) => {
        $($(#[$doc])*
        #[hook]
        pub fn $hook() -> Shared<$store> {
            use_context::<Shared<$store>>().expect("the app provides every shared state")
        })*
    };
}

shared_hooks! {
    /// The clock, for the few components that show time passing.
    use_clock: ClockStore;
    /// Files on their way to the server.
    use_uploads: UploadsStore;
    /// The collision lab.
    use_lab: LabStore;
    /// The guided replication.
    use_replication: ReplicationStore;
}
