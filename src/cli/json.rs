//! The JSON of events as the command line prints them (`timeline --json`, `show --json`): the
//! full record of each event (`casefile::record`, where every field is worked out) with its
//! sources.

use casefile::Case;
use casefile::record::{Detail, EventRecord, SourceRecord};
use casefile::timeline::Event;
use serde::Serialize;

#[derive(Serialize)]
pub struct EventJson {
    #[serde(flatten)]
    pub event: EventRecord,
    pub sources: Vec<SourceRecord>,
}

pub fn event(case: &Case, e: &Event) -> EventJson {
    EventJson {
        event: EventRecord::of(case, e, Detail::Full),
        sources: e
            .sources
            .iter()
            .map(|s| SourceRecord::of(case, s, Detail::Full))
            .collect(),
    }
}

pub fn events(case: &Case) -> Vec<EventJson> {
    case.timeline
        .events
        .iter()
        .map(|e| event(case, e))
        .collect()
}
