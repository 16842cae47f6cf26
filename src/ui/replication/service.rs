//! Making a trial's files in the browser: the tray's pictures fetched, a same-MD5 pair forged
//! on the spot, every file tagged with its trial (so it is new to the platform) and analysed
//! in a worker, as the server would. The plan comes from the core; the checks too.

use super::super::state::ReplicationStore;
use crate::jobs::{Reply, Request};
use crate::samples::Sample;
use crate::scenario::replication::{
    ReplicationAction, TrialFile, TrialFiles, TrialPlan, Variant, tagged,
};
use crate::t;
use crate::web::analyser::Analyser;
use crate::web::download::blob as blob_of;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

pub struct ReplicationService {
    store: UseReducerDispatcher<ReplicationStore>,
    analyser: Analyser,
    /// The trial whose files are being made, so that one is not made twice.
    preparing: Cell<Option<u32>>,
}

impl PartialEq for ReplicationService {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// A tray sample's file.
async fn sample_bytes(id: &str) -> Result<(Sample, Vec<u8>), String> {
    let sample = crate::samples::sample(id)
        .ok_or_else(|| t!("replication.service.no_sample", id = id).into_owned())?;
    let url = super::super::samples::url(&sample)
        .ok_or_else(|| t!("replication.service.not_a_file", id = id).into_owned())?;
    let blob = crate::web::fetch::own_file(&url).await?;
    Ok((sample, crate::web::fetch::bytes(&blob).await?))
}

/// `name` with "-trial{n}" before its extension.
fn trial_name(name: &str, n: u32) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-trial{n}.{ext}"),
        None => format!("{name}-trial{n}"),
    }
}

impl ReplicationService {
    pub fn new(store: UseReducerDispatcher<ReplicationStore>) -> Self {
        Self {
            store,
            analyser: Analyser::new(),
            preparing: Cell::new(None),
        }
    }

    /// Makes the files of `plan`'s trial, unless they are being made already.
    pub fn prepare(self: &Rc<Self>, plan: &TrialPlan) {
        if self.preparing.get() == Some(plan.n) {
            return;
        }
        self.preparing.set(Some(plan.n));
        let (this, plan) = (self.clone(), plan.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let action = match this.make(&plan).await {
                Ok(files) => ReplicationAction::FilesReady(Box::new(files)),
                Err(why) => ReplicationAction::FilesFailed(why),
            };
            this.preparing.set(None);
            this.store.dispatch(action);
        });
    }

    async fn make(&self, plan: &TrialPlan) -> Result<TrialFiles, String> {
        let tag = plan.tag.as_str();
        let (control, control_bytes) = sample_bytes(&plan.control).await?;
        let control = self
            .analyse(
                &tagged(&control_bytes, tag),
                &trial_name(control.file_name.unwrap_or(control.id), plan.n),
                control.mime,
            )
            .await?;
        match (plan.variant, &plan.benign) {
            (Variant::Pictures, Some(benign)) => {
                let (_, sensitive) = sample_bytes(&plan.sensitive).await?;
                let (_, benign) = sample_bytes(benign).await?;
                let (x, y) = self.forge(&sensitive, &benign).await?;
                // The same bytes after both files keep their MD5s equal, and new.
                let trigger = self
                    .analyse(
                        &tagged(&x, tag),
                        &trial_name("twin-a.jpg", plan.n),
                        "image/jpeg",
                    )
                    .await?;
                let measure = self
                    .analyse(
                        &tagged(&y, tag),
                        &trial_name("twin-b.jpg", plan.n),
                        "image/jpeg",
                    )
                    .await?;
                Ok(TrialFiles {
                    control,
                    trigger,
                    measure,
                })
            }
            _ => {
                let (doc, bytes) = sample_bytes(&plan.sensitive).await?;
                let trigger = self
                    .analyse(
                        &tagged(&bytes, tag),
                        &trial_name(doc.file_name.unwrap_or(doc.id), plan.n),
                        doc.mime,
                    )
                    .await?;
                Ok(TrialFiles {
                    control,
                    measure: trigger.clone(),
                    trigger,
                })
            }
        }
    }

    async fn forge(&self, a: &[u8], b: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
        let blob = |bytes: &[u8]| {
            blob_of(bytes, "application/octet-stream")
                .ok_or_else(|| t!("replication.service.no_blob").into_owned())
        };
        let (a, b) = (blob(a)?, blob(b)?);
        // JPEG twins, like the Citizen Lab's pair.
        match self
            .analyser
            .main()
            .request(Request::ForgeJpeg { blocks: None }, &[&a, &b], |_| {})
            .await
        {
            Ok(Reply::ForgedJpeg { x, y, .. }) => Ok((x, y)),
            Ok(_) => Err(t!("replication.service.worker_answer").into_owned()),
            Err(e) => Err(e.to_string()),
        }
    }

    async fn analyse(&self, bytes: &[u8], name: &str, mime: &str) -> Result<TrialFile, String> {
        let blob =
            blob_of(bytes, mime).ok_or_else(|| t!("replication.service.no_blob").into_owned())?;
        match self.analyser.analyse(&blob, name, mime, |_| {}).await {
            Ok(analysed) => Ok(TrialFile {
                facts: analysed.facts,
                preview: analysed.preview,
            }),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// The service, for the replication page.
#[hook]
pub fn use_replication_service() -> Rc<ReplicationService> {
    use_context::<Rc<ReplicationService>>().expect("the app provides the replication service")
}
