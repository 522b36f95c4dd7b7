//! Scanning relative phrases, weekdays and whole paragraphs.

use super::*;

#[test]
fn scan_atlantic_next_morning_about_12_hours_later() {
    let text = "The next morning, about 12 hours later, Trump Jr. responded to Wikileaks.";
    let found = scan(text);
    assert_eq!(found.len(), 2);
    assert_eq!(&text[found[0].range.clone()], "The next morning");
    assert_eq!(found[0].expr, rel_days(1, Some(PartOfDay::Morning), false));
    assert_eq!(&text[found[1].range.clone()], "about 12 hours later");
    assert_eq!(found[1].expr, rel_min(720, true));
}

#[test]
fn scan_next_and_following_day() {
    let text = "Trump Jr. responded the next day: “Off the record I don’t know who that is.”";
    assert_eq!(only(text, "the next day"), rel_days(1, None, false));
    assert_eq!(
        only("The following day, he", "The following day"),
        rel_days(1, None, false)
    );
    assert_eq!(
        only("the following week", "the following week"),
        rel_days(7, None, true)
    );
}

#[test]
fn scan_day_before_only_when_standalone() {
    let text = "The day before, Roger Stone, an informal advisor to Donald Trump, had tweeted";
    assert_eq!(only(text, "The day before"), rel_days(-1, None, false));
    none("the day after the election, markets fell");
    none("the night before the vote");
    assert_eq!(
        only("He arrived the day after.", "the day after"),
        rel_days(1, None, false)
    );
    assert_eq!(
        only("the night before, he", "the night before"),
        rel_days(-1, Some(PartOfDay::Night), false)
    );
}

#[test]
fn scan_counted_days_and_weeks() {
    let text = "Trump Jr. did not respond to this message, but two days later, on October 14, 2016, he tweeted out the link.";
    let found = scan(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].expr, rel_days(2, None, false));
    assert_eq!(&text[found[1].range.clone()], "on October 14, 2016");
    assert_eq!(
        only("2 days later", "2 days later"),
        rel_days(2, None, false)
    );
    assert_eq!(
        only("three weeks later", "three weeks later"),
        rel_days(21, None, true)
    );
    assert_eq!(
        only("a week later", "a week later"),
        rel_days(7, None, true)
    );
    assert_eq!(
        only(
            "But a month earlier, Trump Jr. exchanged",
            "a month earlier"
        ),
        rel_days(-30, None, true)
    );
    assert_eq!(
        only("two days after that, he", "two days after that"),
        rel_days(2, None, false)
    );
}

#[test]
fn scan_three_days_after_an_event_is_not_relative() {
    let text = "But on July 11, 2017, three days after The New York Timesbroke the story about Trump Jr.’s June 2016 meeting, Wikileaks got in touch again.";
    let found = scan(text);
    assert!(
        found
            .iter()
            .all(|m| !matches!(m.expr, DateExpr::RelativeDays { .. })),
        "{found:?}"
    );
    assert_eq!(phrases(text), ["on July 11, 2017", "June 2016"]);
    none("15 minutes after the DM was sent");
}

#[test]
fn scan_days_later_without_count_is_vague() {
    let text = "Days later, Trump Jr. also tweeted out a link that WikiLeaks provided him.";
    assert_eq!(only(text, "Days later"), rel_days(2, None, true));
    assert_eq!(
        only("a few days later", "a few days later"),
        rel_days(3, None, true)
    );
}

#[test]
fn scan_same_day_phrases() {
    assert_eq!(only("that day, he", "that day"), rel_days(0, None, false));
    assert_eq!(
        only("later the same day.", "the same day"),
        rel_days(0, None, false)
    );
    assert_eq!(
        only("that night, the", "that night"),
        rel_days(0, Some(PartOfDay::Night), false)
    );
    assert_eq!(
        only("that evening", "that evening"),
        rel_days(0, Some(PartOfDay::Evening), false)
    );
    assert_eq!(
        only("Earlier that day, Trump", "Earlier that day"),
        rel_days(0, None, false)
    );
    // The day of another event, not of the anchor.
    none("on the same day that Trump Jr. received the first message from Wikileaks");
}

#[test]
fn scan_yesterday_today_tomorrow() {
    assert_eq!(only("yesterday", "yesterday"), rel_days(-1, None, false));
    assert_eq!(
        only("Already did that earlier today", "today"),
        rel_days(0, None, false)
    );
    assert_eq!(
        only("tomorrow morning", "tomorrow morning"),
        rel_days(1, Some(PartOfDay::Morning), false)
    );
    assert_eq!(
        only("last night", "last night"),
        rel_days(-1, Some(PartOfDay::Night), false)
    );
}

// ---------------------------------------------------------------------------------------------
// Scanning: relative minutes

#[test]
fn scan_counted_minutes_and_hours() {
    let m = |text: &str, minutes: i64, approximate: bool| {
        assert_eq!(only(text, text), rel_min(minutes, approximate), "{text}");
    };
    m("two minutes later", 2, false);
    m("15 minutes later", 15, false);
    m("Fifteen minutes later", 15, false);
    m("twenty-five minutes later", 25, false);
    m("an hour later", 60, false);
    m("an hour-and-a-half later", 90, false);
    m("an hour and a half later", 90, false);
    m("half an hour later", 30, false);
    m("two hours and 20 minutes later", 140, false);
    m("about 12 hours later", 720, true);
    m("hours later", 180, true);
    m("just hours later", 180, true);
    m("minutes later", 5, true);
    m("10 minutes earlier", -10, false);
    let text = "“Already did that earlier today,” Trump Jr. responded an hour-and-a-half later.";
    assert_eq!(phrases(text), ["today", "an hour-and-a-half later"]);
}

#[test]
fn scan_sentence_start_is_case_insensitive() {
    let text = "Two minutes later, Trump Jr. wrote again, asking";
    assert_eq!(only(text, "Two minutes later"), rel_min(2, false));
    assert_eq!(
        only("The next morning, he", "The next morning"),
        rel_days(1, Some(PartOfDay::Morning), false)
    );
    assert_eq!(
        only("THE NEXT DAY", "THE NEXT DAY"),
        rel_days(1, None, false)
    );
}

#[test]
fn scan_capitalized_titles_are_not_dates() {
    none("he told BBC Radio 4's Today programme");
    none("films include Fame plus Midnight Express and The Commitments");
    none("the film 28 Days Later was a hit");
    none("Saturday Night Live");
}

// ---------------------------------------------------------------------------------------------
// Scanning: weekdays

#[test]
fn scan_weekdays() {
    let wd = |weekday, forward| DateExpr::Weekday { weekday, forward };
    assert_eq!(
        only("according to correspondence made public Monday.", "Monday"),
        wd(Weekday::Mon, false)
    );
    assert_eq!(
        only("Pence said on Monday that", "on Monday"),
        wd(Weekday::Mon, false)
    );
    assert_eq!(
        only("the minister had announced last Friday.", "last Friday"),
        wd(Weekday::Fri, false)
    );
    assert_eq!(
        only("ready next Tuesday", "next Tuesday"),
        wd(Weekday::Tue, true)
    );
    assert_eq!(
        only("Sources said Tuesday morning that", "Tuesday morning"),
        wd(Weekday::Tue, false)
    );
    assert_eq!(
        only("ahead of Sunday's election", "Sunday"),
        wd(Weekday::Sun, false)
    );
    assert_eq!(
        only("Late on Monday, Deutsche Boerse said", "Late on Monday"),
        wd(Weekday::Mon, false)
    );
}

#[test]
fn scan_weekdays_as_modifiers_or_names_are_not_dates() {
    none("“What’s behind this Wednesday leak I keep reading about?”");
    none("Stone had tweeted, “Wednesday@HillaryClinton is done. #Wikileaks.”");
    none("the Sunday Times reported");
    none("on Ash Wednesday, the");
    none("Black Friday sales");
    none("He works Mondays.");
    none("open Monday-Friday");
    none("The Sunday Times reported");
    assert_eq!(
        only("But Monday's vote was close.", "Monday"),
        DateExpr::Weekday {
            weekday: Weekday::Mon,
            forward: false
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Scanning: robustness

#[test]
fn scan_atlantic_paragraphs_in_order() {
    let text = "Wikileaks didn’t write again until Election Day, November 8, 2016. “Hi Don if your father ‘loses’ we think it is much more interesting if he DOES NOT conceed [sic],” Wikileaks wrote at 6:35pm, when the idea that Clinton would win was still the prevailing conventional wisdom. (As late as 7:00pm that night, FiveThirtyEight, a trusted prognosticator of the election, gave Clinton a 71 percent chance of winning the presidency.)\nShortly after midnight that day, when it was clear that Trump had beaten all expectations and won the presidency, Wikileaks had a simple message: “Wow.”";
    assert_eq!(
        phrases(text),
        [
            "November 8, 2016",
            "at 6:35pm",
            "As late as 7:00pm that night",
            "Shortly after midnight that day"
        ]
    );
}

#[test]
fn scan_never_panics_and_ranges_are_sane() {
    let fragments = [
        "May",
        "may",
        " ",
        ",",
        ".",
        "-",
        ":",
        "12",
        "2016",
        "31",
        "99999999999",
        "later",
        "days",
        "minutes",
        "hours",
        "after",
        "before",
        "the",
        "next",
        "morning",
        "on",
        "at",
        "pm",
        "a.m.",
        "Monday",
        "’s",
        "'",
        "年",
        "月",
        "日",
        "🎉",
        "é",
        "\u{a0}",
        "\n",
        "midnight",
        "just",
        "Sept",
        "early",
        "mid",
        "that",
        "day",
        "o'clock",
        "$",
        "1,400",
        "ET",
        "in",
        "an",
        "and",
        "a",
        "half",
        "hour",
        "February",
        "30",
    ];
    // A small deterministic generator: no external crate.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..5000 {
        let len = (next() % 12) as usize;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(fragments[(next() % fragments.len() as u64) as usize]);
            if next() % 2 == 0 {
                text.push(' ');
            }
        }
        let found = scan(&text);
        let mut last_end = 0;
        for m in &found {
            assert!(
                m.range.start >= last_end && m.range.start < m.range.end,
                "{text:?}"
            );
            assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end));
            last_end = m.range.end;
            let anchor = at(2016, 11, 8, 18, 35, false);
            let _ = resolve(&m.expr, Some(&anchor), Some(2017), Some(ymd(2017, 11, 13)));
            let _ = resolve(&m.expr, None, None, None);
        }
    }
    none("99999999999 days later");
    none("ウィキリークスは2016年9月20日にメッセージを送った 🎉🎉");
    none("");
}
