//! Timeline filters: by sender, channel, outlet and date range. Plain data and the one
//! predicate that applies them, so the timeline view, the filter popup and the tests agree.
//!
//! Senders and outlets are matched by their display names, as the lists show them: two
//! entities that share a name are one choice, which is what the reader of the list expects.

use casefile::Case;
use casefile::extract::channel::Channel;
use casefile::when::When;
use chrono::{Datelike, NaiveDate};

use super::notes::{NoteChoice, Notes};

/// An inclusive range of days. Either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DateRange {
    /// Parses "2016-10-01..2016-10-31", "2016-10..", "..2016-11", "2016-10" (the month),
    /// "2016" (the year) or one day. Each end is a day, a month or a year: a month as a start
    /// means its first day, as an end its last.
    pub fn parse(s: &str) -> Result<DateRange, String> {
        let s = s.trim();
        if s.is_empty() {
            return Err("empty date range".into());
        }
        let end_of = |w: When| -> NaiveDate {
            use casefile::when::Precision;
            match w.precision {
                Precision::Year => NaiveDate::from_ymd_opt(w.date.year(), 12, 31),
                Precision::Month => w
                    .date
                    .checked_add_months(chrono::Months::new(1))
                    .and_then(|d| d.pred_opt()),
                _ => Some(w.date),
            }
            .unwrap_or(w.date)
        };
        let parse_end = |t: &str| -> Result<Option<When>, String> {
            let t = t.trim();
            if t.is_empty() {
                return Ok(None);
            }
            When::parse_iso(t)
                .map(Some)
                .ok_or_else(|| When::iso_problem(t))
        };
        let range = match s.split_once("..") {
            Some((a, b)) => DateRange {
                from: parse_end(a)?.map(|w| w.date),
                to: parse_end(b)?.map(end_of),
            },
            None => {
                let w = parse_end(s)?.expect("not empty");
                DateRange {
                    from: Some(w.date),
                    to: Some(end_of(w)),
                }
            }
        };
        if let (Some(a), Some(b)) = (range.from, range.to)
            && a > b
        {
            return Err("the range ends before it starts".into());
        }
        Ok(range)
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }

    pub fn label(&self) -> String {
        let f = self.from.map(|d| d.to_string()).unwrap_or_default();
        let t = self.to.map(|d| d.to_string()).unwrap_or_default();
        format!("{f}..{t}")
    }
}

/// A channel choice: a channel, or "the text does not say".
pub type ChannelChoice = Option<Channel>;

/// The filters that are on. All empty: every event shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub sender: Option<String>,
    pub channel: Option<ChannelChoice>,
    pub outlet: Option<String>,
    pub notes: Option<NoteChoice>,
    pub dates: Option<DateRange>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// Whether event `index` passes every filter that is on. Without notes (they could not
    /// be opened) a notes filter lets nothing through.
    pub fn matches(&self, case: &Case, notes: Option<&Notes>, index: usize) -> bool {
        let event = &case.timeline.events[index];
        match (&self.notes, notes) {
            (None, _) => {}
            (Some(_), None) => return false,
            (Some(NoteChoice::Starred), Some(n)) if !n.event_starred(index) => return false,
            (Some(NoteChoice::Tag(t)), Some(n)) if !n.event_has_tag(index, t) => return false,
            _ => {}
        }
        if let Some(s) = &self.sender
            && case.sender_name(event) != *s
        {
            return false;
        }
        if let Some(c) = &self.channel
            && event.channel != *c
        {
            return false;
        }
        if let Some(o) = &self.outlet
            && !event
                .sources
                .iter()
                .any(|s| case.articles[s.article].outlet_or_unknown() == o)
        {
            return false;
        }
        if let Some(r) = &self.dates {
            match &event.when {
                Some(w) if r.contains(w.date) => {}
                _ => return false,
            }
        }
        true
    }

    /// "sender WikiLeaks · via DM · 2016-10-01..2016-10-31", for the status bar.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = &self.sender {
            parts.push(format!("from {s}"));
        }
        if let Some(c) = &self.channel {
            parts.push(format!("via {}", channel_label(*c)));
        }
        if let Some(o) = &self.outlet {
            parts.push(format!("in {o}"));
        }
        match &self.notes {
            Some(NoteChoice::Starred) => parts.push("★ starred".into()),
            Some(NoteChoice::Tag(t)) => parts.push(format!("#{t}")),
            None => {}
        }
        if let Some(r) = &self.dates {
            parts.push(r.label());
        }
        parts.join(" · ")
    }
}

pub fn channel_label(c: ChannelChoice) -> &'static str {
    c.map_or("(unknown)", |c| c.label())
}

/// What the filter lists offer: every sender, channel and outlet of the timeline, with how
/// many events each has.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    pub senders: Vec<(String, usize)>,
    pub channels: Vec<(ChannelChoice, usize)>,
    pub outlets: Vec<(String, usize)>,
}

impl Facets {
    /// Senders and outlets most frequent first, then by name; channels in their own order.
    pub fn of(case: &Case) -> Facets {
        use std::collections::BTreeMap;
        let mut senders: BTreeMap<String, usize> = BTreeMap::new();
        let mut channels: BTreeMap<ChannelChoice, usize> = BTreeMap::new();
        let mut outlets: BTreeMap<String, usize> = BTreeMap::new();
        for e in &case.timeline.events {
            *senders.entry(case.sender_name(e)).or_default() += 1;
            *channels.entry(e.channel).or_default() += 1;
            for o in case.outlets(e) {
                *outlets.entry(o.to_string()).or_default() += 1;
            }
        }
        let by_count = |m: BTreeMap<String, usize>| {
            let mut v: Vec<(String, usize)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        let mut channels: Vec<(ChannelChoice, usize)> = channels.into_iter().collect();
        // Known channels first, "unknown" last.
        channels.sort_by_key(|(c, _)| (c.is_none(), *c));
        Facets {
            senders: by_count(senders),
            channels,
            outlets: by_count(outlets),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn date_ranges_read_days_months_and_open_ends() {
        let r = DateRange::parse("2016-10-01..2016-10-31").unwrap();
        assert!(r.contains(day("2016-10-31")) && !r.contains(day("2016-11-01")));
        let m = DateRange::parse("2016-10").unwrap();
        assert_eq!(m, r);
        let open = DateRange::parse("..2016-11").unwrap();
        assert!(open.contains(day("1999-01-01")) && open.contains(day("2016-11-30")));
        assert!(!open.contains(day("2016-12-01")));
        let y = DateRange::parse("2017").unwrap();
        assert!(y.contains(day("2017-12-31")) && !y.contains(day("2018-01-01")));
        assert!(DateRange::parse("2016-13").is_err());
        assert!(DateRange::parse("2016-10-05..2016-10-01").is_err());
        assert!(DateRange::parse("soon").is_err());
    }
}
