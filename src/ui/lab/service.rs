//! The lab's work in the browser: the chosen pictures' files, the forging worker, the racing
//! search workers, and keeping files across reloads. What to do and what it means is decided
//! by the core's `Lab` reducer; this only carries it out and reports back.

use super::super::state::LabStore;
use crate::jobs::{Progress, Reply};
use crate::samples::Sample;
use crate::scenario::lab::{
    Format, LabAction, Origin, Pair, PickSource, Picked, RaceEnd, Search, Slot, Work, race_end,
};
use crate::t;
use crate::web::blob_store;
use crate::web::worker_client::WorkerClient;
use js_sys::{Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;
use yew::prelude::*;

/// Where a picked file and the last pair are kept across reloads.
const PAIR_KEY: &str = "lab-pair";

fn pick_key(slot: Slot) -> String {
    format!("lab-pick-{}", slot.name())
}

/// A chosen picture's file and the address an `<img>` shows it from.
#[derive(Clone)]
struct PickedFile {
    blob: Blob,
    url: String,
}

pub struct LabService {
    lab: UseReducerDispatcher<LabStore>,
    forge: WorkerClient,
    search: RefCell<Vec<WorkerClient>>,
    picks: RefCell<[Option<PickedFile>; 2]>,
    restored: std::cell::Cell<bool>,
    /// The number of the last file check asked for.
    checks: std::cell::Cell<u32>,
}

impl PartialEq for LabService {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

fn object_url(blob: &Blob) -> String {
    web_sys::Url::create_object_url_with_blob(blob).unwrap_or_default()
}

impl LabService {
    pub fn new(lab: UseReducerDispatcher<LabStore>) -> Self {
        Self {
            lab,
            forge: WorkerClient::new(),
            search: RefCell::default(),
            picks: RefCell::default(),
            restored: Default::default(),
            checks: Default::default(),
        }
    }

    /// Starts the forging worker ahead of the first pair. While it lives the browser keeps
    /// one compiled copy of the worker's wasm, so the short-lived search workers reuse its
    /// optimised code instead of each starting cold (measured: several times faster per
    /// search).
    pub fn warm(&self) {
        self.forge.warm();
    }

    /// Where the picture in `slot` can be shown from.
    pub fn preview(&self, slot: Slot) -> Option<String> {
        self.picks.borrow()[slot.index()]
            .as_ref()
            .map(|p| p.url.clone())
    }

    /// Asks the worker whether the picture in `slot` can be used, and says why not at once.
    fn inspect(self: &Rc<Self>, slot: Slot, blob: &Blob) {
        let reply = self
            .forge
            .request(crate::jobs::Request::Inspect, &[blob], |_| {});
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = reply.await {
                this.lab
                    .dispatch(LabAction::PickProblem(slot, e.to_string()));
            }
        });
    }

    fn hold(&self, slot: Slot, blob: Blob) {
        let url = object_url(&blob);
        let old = self.picks.borrow_mut()[slot.index()].replace(PickedFile { blob, url });
        if let Some(old) = old {
            let _ = web_sys::Url::revoke_object_url(&old.url);
        }
    }

    /// A picture from the person's own files.
    pub fn pick_file(self: &Rc<Self>, slot: Slot, file: web_sys::File) {
        let name = file.name();
        self.hold(slot, file.clone().into());
        self.inspect(slot, &file);
        self.lab.dispatch(LabAction::Pick(
            slot,
            Picked {
                name,
                source: PickSource::File,
                problem: None,
                loaded: true,
            },
        ));
        wasm_bindgen_futures::spawn_local(async move {
            // Kept so that a reload restores it; without storage it is simply forgotten.
            let _ = blob_store::put(&pick_key(slot), &file.into()).await;
        });
    }

    /// A picture from the tray.
    pub fn pick_sample(self: &Rc<Self>, slot: Slot, sample: Sample) {
        let Some(url) = super::super::samples::url(&sample) else {
            return;
        };
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match crate::web::fetch::own_file(&url).await {
                Ok(blob) => {
                    this.hold(slot, blob);
                    this.lab.dispatch(LabAction::Pick(
                        slot,
                        Picked {
                            name: sample.file_name.unwrap_or(sample.id).to_string(),
                            source: PickSource::Sample(sample.id.to_string()),
                            problem: None,
                            loaded: true,
                        },
                    ));
                    let _ = blob_store::remove(&pick_key(slot)).await;
                }
                Err(message) => this.lab.dispatch(LabAction::Fail(message)),
            }
        });
    }

    /// The browser could not show the picture in `slot`: say so at once.
    pub fn picture_failed(&self, slot: Slot) {
        self.lab.dispatch(LabAction::PickProblem(
            slot,
            t!("lab.problem.not_shown").into_owned(),
        ));
    }

    /// Forges the chosen pictures as the lab says (canvas, blocks).
    pub fn forge(self: &Rc<Self>, lab: &crate::scenario::lab::Lab) {
        if !lab.ready_to_forge() {
            return;
        }
        let files: Vec<Blob> = self
            .picks
            .borrow()
            .iter()
            .filter_map(|p| p.as_ref().map(|p| p.blob.clone()))
            .collect();
        if files.len() != 2 {
            return self
                .lab
                .dispatch(LabAction::Fail(t!("lab.problem.two_first").into_owned()));
        }
        let (width, height) = lab.canvas;
        self.lab.dispatch(LabAction::Start(match lab.format {
            Format::Jpeg => Work::ForgingJpeg,
            Format::Gif => Work::Forging { width, height },
        }));
        let reply = self
            .forge
            .request(lab.forge_request(), &[&files[0], &files[1]], |_| {});
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let arrived = match reply.await {
                Ok(Reply::Forged {
                    x_map,
                    y_map,
                    stats,
                    ms,
                    width,
                    height,
                    x,
                    y,
                    ..
                }) => Pair::checked(
                    x,
                    y,
                    x_map,
                    y_map,
                    Origin::Forged { width, height, ms },
                    Some(stats),
                ),
                Ok(Reply::ForgedJpeg {
                    a,
                    b,
                    x_map,
                    y_map,
                    ms,
                    x,
                    y,
                    ..
                }) => Pair::checked(x, y, x_map, y_map, Origin::ForgedJpeg { a, b, ms }, None),
                Ok(_) => {
                    return this
                        .lab
                        .dispatch(LabAction::Fail(t!("lab.problem.unexpected").into_owned()));
                }
                Err(e) => return this.lab.dispatch(LabAction::Fail(e.to_string())),
            };
            this.arrived(arrived).await;
        });
    }

    /// Shows the built-in twins, checked like any pair.
    pub fn builtin(self: &Rc<Self>) {
        self.lab.dispatch(LabAction::Start(Work::LoadingBuiltin));
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let load = |name: &'static str| async move {
                let blob = crate::web::fetch::own_file(&format!("samples/{name}")).await?;
                crate::web::fetch::bytes(&blob).await
            };
            let loaded = async {
                Ok::<_, String>((
                    load("twin-sensitive.jpg").await?,
                    load("twin-benign.jpg").await?,
                ))
            }
            .await;
            match loaded {
                Ok((x, y)) => {
                    let map =
                        |bytes: &[u8]| crate::forge::jpeg::parser_map(bytes).unwrap_or_default();
                    let (xm, ym) = (map(&x), map(&y));
                    this.arrived(Pair::checked(x, y, xm, ym, Origin::Builtin, None))
                        .await;
                }
                Err(message) => this.lab.dispatch(LabAction::Fail(message)),
            }
        });
    }

    async fn arrived(&self, pair: Result<Pair, crate::scenario::lab::LabError>) {
        if let Ok(pair) = &pair {
            let _ = save_pair(pair).await;
        }
        self.lab.dispatch(LabAction::Arrived(pair));
    }

    /// Has the worker run the censor's collision detector over the pair's two files.
    pub fn notice(self: &Rc<Self>, pair: &Pair) {
        let (Some(x), Some(y)) = (
            crate::web::download::blob(&pair.x, "application/octet-stream"),
            crate::web::download::blob(&pair.y, "application/octet-stream"),
        ) else {
            return;
        };
        let reply = self
            .forge
            .request(crate::jobs::Request::Notice, &[&x, &y], |_| {});
        let (this, md5) = (self.clone(), pair.md5);
        wasm_bindgen_futures::spawn_local(async move {
            let found = match reply.await {
                Ok(Reply::Noticed { notice }) => Ok(notice),
                Ok(_) => Err(t!("lab.problem.unexpected").into_owned()),
                Err(e) => Err(e.to_string()),
            };
            this.lab.dispatch(LabAction::Noticed(md5, found));
        });
    }

    /// Has the worker run the collision detector over a file of the person's own.
    pub fn check_file(self: &Rc<Self>, file: &web_sys::File) {
        let id = self.checks.get() + 1;
        self.checks.set(id);
        self.lab.dispatch(LabAction::Check {
            id,
            name: file.name(),
        });
        let reply = self
            .forge
            .request(crate::jobs::Request::Detect, &[file], |_| {});
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = match reply.await {
                Ok(Reply::Detected { scan, twin }) => Ok((scan, twin)),
                Ok(_) => Err(t!("lab.problem.unexpected").into_owned()),
                Err(e) => Err(e.to_string()),
            };
            this.lab.dispatch(LabAction::Checked { id, result });
        });
    }

    /// Starts the race: one worker per seed, the first collision wins and stops the rest.
    pub fn start_search(
        self: &Rc<Self>,
        format: Format,
        width: &str,
        height: &str,
        seed: &str,
        workers: usize,
    ) {
        let now = js_sys::Date::now();
        let planned = match format {
            Format::Jpeg => Search::plan_jpeg(seed, workers, now),
            Format::Gif => Search::plan(width, height, seed, workers, now),
        };
        let (search, requests) = match planned {
            Ok(plan) => plan,
            Err(why) => return self.lab.dispatch(LabAction::SearchRefused(why)),
        };
        self.stop_search();
        self.lab.dispatch(LabAction::SearchStarted(search));
        let mut clients = Vec::with_capacity(requests.len());
        for (worker, request) in requests.into_iter().enumerate() {
            let client = WorkerClient::new();
            let progress = {
                let lab = self.lab.clone();
                move |p: Progress| {
                    if let Progress::Search {
                        block1_attempts,
                        block2_attempts,
                        ..
                    } = p
                    {
                        lab.dispatch(LabAction::SearchProgress {
                            worker,
                            attempts: block1_attempts + block2_attempts,
                        });
                    }
                }
            };
            let reply = client.request(request, &[], progress);
            let this = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let end = race_end(reply.await);
                if end != RaceEnd::Stopped {
                    this.stop_search();
                }
                this.lab.dispatch(LabAction::SearchEnded {
                    worker,
                    end,
                    now_ms: js_sys::Date::now(),
                });
            });
            clients.push(client);
        }
        *self.search.borrow_mut() = clients;
    }

    /// Stops every search worker at once (terminating is immediate).
    pub fn stop_search(&self) {
        // Deferred: this may run inside a worker's own reply handler, which must not drop
        // its worker while it runs.
        let stopped = std::mem::take(&mut *self.search.borrow_mut());
        if !stopped.is_empty() {
            wasm_bindgen_futures::spawn_local(async move { drop(stopped) });
        }
    }

    pub fn cancel_search(&self) {
        self.stop_search();
        self.lab.dispatch(LabAction::SearchCancelled);
    }

    /// Brings back what the last visit kept: the chosen pictures and the last pair. Once per
    /// page load: after that the app's state is the truth.
    pub fn restore(self: &Rc<Self>, picked: &[Option<Picked>; 2]) {
        if self.restored.replace(true) {
            return;
        }
        for slot in crate::scenario::lab::SLOTS {
            let Some(picked) = picked[slot.index()].clone() else {
                continue;
            };
            let this = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let blob = match &picked.source {
                    PickSource::Sample(id) => match crate::samples::sample(id)
                        .and_then(|s| super::super::samples::url(&s))
                    {
                        Some(url) => crate::web::fetch::own_file(&url).await.ok(),
                        None => None,
                    },
                    PickSource::File => blob_store::get(&pick_key(slot))
                        .await
                        .ok()
                        .flatten()
                        .and_then(|v| v.dyn_into::<Blob>().ok()),
                };
                match blob {
                    Some(blob) => {
                        this.hold(slot, blob.clone());
                        let picked = Picked {
                            loaded: true,
                            ..picked
                        };
                        this.lab.dispatch(LabAction::Pick(slot, picked));
                        this.inspect(slot, &blob);
                    }
                    None => this.lab.dispatch(LabAction::PickProblem(
                        slot,
                        t!("lab.problem.not_kept").into_owned(),
                    )),
                }
            });
        }
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(pair) = load_pair().await {
                this.lab.dispatch(LabAction::Arrived(pair));
            }
        });
    }
}

/// Keeps a pair: its description as JSON and its two files as bytes.
async fn save_pair(pair: &Pair) -> Result<(), String> {
    let meta = Pair {
        x: Vec::new(),
        y: Vec::new(),
        ..pair.clone()
    };
    let record = Object::new();
    let json = serde_json::to_string(&meta).map_err(|e| e.to_string())?;
    let _ = Reflect::set(&record, &"meta".into(), &JsValue::from_str(&json));
    let _ = Reflect::set(&record, &"x".into(), &Uint8Array::from(&pair.x[..]));
    let _ = Reflect::set(&record, &"y".into(), &Uint8Array::from(&pair.y[..]));
    blob_store::put(PAIR_KEY, &record.into()).await
}

/// The kept pair, checked again as if it had just been made.
async fn load_pair() -> Option<Result<Pair, crate::scenario::lab::LabError>> {
    let record = blob_store::get(PAIR_KEY).await.ok()??;
    let meta: Pair =
        serde_json::from_str(&Reflect::get(&record, &"meta".into()).ok()?.as_string()?).ok()?;
    let bytes = |key: &str| {
        Reflect::get(&record, &key.into())
            .ok()
            .map(|v| Uint8Array::new(&v).to_vec())
    };
    Some(Pair::checked(
        bytes("x")?,
        bytes("y")?,
        meta.x_map,
        meta.y_map,
        meta.origin,
        meta.stats,
    ))
}

/// The lab's service, for its components.
#[hook]
pub fn use_lab_service() -> Rc<LabService> {
    use_context::<Rc<LabService>>().expect("the app provides the lab service")
}
