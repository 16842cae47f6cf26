//! The event log as CSV, one row per event, for a spreadsheet or a paper's appendix.
//! (The JSON export is the log itself, through serde.)

use super::{EntryRef, Event, EventKind, Platform, narrate};
use crate::csv::row;

/// The CSV header; every row has these columns, in this order.
pub const LOG_CSV_COLUMNS: [&str; 12] = [
    "seq",
    "time_s",
    "event",
    "message",
    "recipient",
    "md5",
    "rule",
    "rule_source",
    "rule_confidence",
    "recipient_policy",
    "list_entry",
    "explanation",
];

impl Platform {
    /// The whole event log as JSON: every event's data, with the sentence that explains it.
    pub fn log_json(&self) -> String {
        #[derive(serde::Serialize)]
        struct Explained<'a> {
            #[serde(flatten)]
            event: &'a Event,
            text: String,
        }
        let log: Vec<Explained> = self
            .log()
            .iter()
            .map(|event| Explained {
                event,
                text: narrate::event(event, self),
            })
            .collect();
        serde_json::to_string_pretty(&log).expect("the log is plain data")
    }

    /// The whole event log as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted
    /// when needed), with account names rather than numbers.
    pub fn log_csv(&self) -> String {
        let mut out = row(LOG_CSV_COLUMNS.iter().map(|c| c.to_string()));
        for event in self.log() {
            out.push_str(&row(self.csv_fields(event)));
        }
        out
    }

    fn csv_fields(&self, e: &Event) -> [String; 12] {
        let recipient = e
            .recipient
            .map(|id| {
                self.account(id)
                    .map_or_else(|_| format!("account {}", id.0), |a| a.name.clone())
            })
            .unwrap_or_default();
        let md5 = match (&e.kind, &e.entry) {
            (
                EventKind::Md5Computed { md5, .. }
                | EventKind::IndexLookup { md5, .. }
                | EventKind::HashAdded { md5, .. },
                _,
            )
            | (_, Some(EntryRef::Hash { md5, .. })) => md5.hex(),
            _ => String::new(),
        };
        let entry = e.entry.as_ref().map(narrate::entry).unwrap_or_default();
        let rule = e.rule.map(|r| r.record());
        [
            e.seq.to_string(),
            format!("{:.3}", e.at as f64 / 1000.0),
            kind_name(&e.kind),
            e.message.map(|m| m.0.to_string()).unwrap_or_default(),
            recipient,
            md5,
            rule.map(|r| r.id.to_string()).unwrap_or_default(),
            rule.map(|r| r.source()).unwrap_or_default(),
            rule.map(|r| r.confidence.to_string()).unwrap_or_default(),
            e.policy.map(|p| p.to_string()).unwrap_or_default(),
            entry,
            narrate::event(e, self),
        ]
    }
}

/// The event's kind as the JSON export names it (`index_lookup`, `dropped`, …).
fn kind_name(kind: &EventKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::{Action, preset};

    #[test]
    fn the_log_reads_back_row_for_row() {
        let (mut platform, cast) = preset(7, vec![]);
        let chat = cast.international_chat;
        platform
            .apply(Action::SendText {
                chat,
                sender: cast.amira,
                text: "hello, \"world\"\nsecond line".into(),
            })
            .unwrap();
        let csv = platform.log_csv();
        let rows = crate::csv::parse(&csv);
        assert_eq!(rows[0], LOG_CSV_COLUMNS);
        let json: Vec<serde_json::Value> = serde_json::from_str(&platform.log_json()).unwrap();
        assert_eq!(json.len(), platform.log().len());
        assert_eq!(json[0]["seq"], 1);
        assert!(
            json.iter()
                .all(|e| e["text"].as_str().is_some_and(|t| !t.is_empty()))
        );
        assert_eq!(rows.len(), platform.log().len() + 1);
        for (row, event) in rows[1..].iter().zip(platform.log()) {
            assert_eq!(row.len(), LOG_CSV_COLUMNS.len());
            assert_eq!(row[0], event.seq.to_string());
            assert_eq!(row[11], narrate::event(event, &platform));
        }
        let delivered = rows
            .iter()
            .find(|r| r[2] == "delivered")
            .expect("a delivery");
        assert_eq!(delivered[4], "Tom");
        assert!(
            delivered[9].contains("confirmed"),
            "the delivery cites why filtering did not apply: {}",
            delivered[9]
        );
    }
}
