//! The censor's console at work: adding, removing and importing list entries by hand.
//! Every edit is logged with the entry it touched.

use super::events::{Draft, EntryRef, EventKind, ListChange};
use super::lists::{ListEdit, VisualReference};
use super::{ActionError, Event, Platform, checked_name};
use crate::filters::{HashEntry, Provenance};
use crate::t;

impl Platform {
    pub(crate) fn edit(&mut self, out: &mut Vec<Event>, edit: ListEdit) -> Result<(), ActionError> {
        let manual = Provenance::Manual { at: self.now };
        let (change, entry) = match edit {
            ListEdit::AddHash {
                feature,
                md5,
                label,
            } => {
                let entry = HashEntry {
                    label: label.trim().to_string(),
                    provenance: manual,
                };
                if !self.lists.hashes.get_mut(feature).insert(md5, entry) {
                    let feature = feature.label();
                    return Err(ActionError::BadEdit(
                        t!("platform.edits.hash_present", md5 = md5, feature = feature)
                            .into_owned(),
                    ));
                }
                (ListChange::AddedHash, Some(EntryRef::Hash { feature, md5 }))
            }
            ListEdit::RemoveHash { feature, md5 } => {
                if self.lists.hashes.get_mut(feature).remove(&md5).is_none() {
                    let feature = feature.label();
                    return Err(ActionError::BadEdit(
                        t!("platform.edits.hash_absent", md5 = md5, feature = feature).into_owned(),
                    ));
                }
                (ListChange::Removed, Some(EntryRef::Hash { feature, md5 }))
            }
            ListEdit::AddKeyword { text, features } => {
                let id = self
                    .lists
                    .add_keyword(&text, &features, manual)
                    .map_err(ActionError::BadEdit)?;
                let entry = &self.lists.keywords[self.lists.keywords.len() - 1];
                let change = ListChange::AddedKeyword {
                    features: entry.features.clone(),
                };
                let combination = entry.combination.to_string();
                (change, Some(EntryRef::Keyword { id, combination }))
            }
            ListEdit::RemoveKeyword { id } => {
                let at = self.lists.keywords.iter().position(|k| k.id == id);
                let at = at.ok_or_else(|| {
                    ActionError::BadEdit(t!("platform.edits.no_keyword", id = id).into_owned())
                })?;
                let combination = self.lists.keywords.remove(at).combination.to_string();
                (
                    ListChange::Removed,
                    Some(EntryRef::Keyword { id, combination }),
                )
            }
            ListEdit::AddReference {
                name,
                signature,
                pdq,
            } => {
                let name = checked_name(&name, &t!("platform.names.reference"))
                    .map_err(|e| ActionError::BadEdit(e.to_string()))?;
                let id = self.lists.next_reference_id();
                let min_quality = self.visual.min_quality;
                let change = ListChange::AddedReference {
                    quality: signature.quality,
                    min_quality,
                    usable: signature.quality >= min_quality,
                };
                self.lists.references.push(VisualReference {
                    id,
                    name: name.clone(),
                    signature,
                    pdq,
                    provenance: manual,
                });
                (change, Some(EntryRef::Reference { id, name }))
            }
            ListEdit::RemoveReference { id } => {
                let at = self.lists.references.iter().position(|r| r.id == id);
                let at = at.ok_or_else(|| {
                    ActionError::BadEdit(t!("platform.edits.no_reference", id = id).into_owned())
                })?;
                let name = self.lists.references.remove(at).name;
                (ListChange::Removed, Some(EntryRef::Reference { id, name }))
            }
            ListEdit::Import(lists) => {
                lists.validate().map_err(ActionError::BadEdit)?;
                let change = ListChange::Imported {
                    one_to_one: lists.hashes.one_to_one.len(),
                    group: lists.hashes.group.len(),
                    keywords: lists.keywords.len(),
                    references: lists.references.len(),
                };
                self.lists = *lists;
                (change, None)
            }
        };
        self.record(
            out,
            Draft::new(EventKind::ListEdited { change }).entry(entry),
        );
        Ok(())
    }
}
