//! Tests for scanning and resolving, mostly on sentences from the seed articles.

use chrono::{NaiveDate, NaiveTime, Weekday};

use super::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32, approximate: bool) -> When {
    When {
        date: ymd(y, m, d),
        time: Some(NaiveTime::from_hms_opt(h, min, 0).unwrap()),
        precision: Precision::Time,
        approximate,
    }
}

fn day(y: i32, m: u32, d: u32) -> When {
    When::day(ymd(y, m, d))
}

/// The phrases found, as text.
fn phrases(text: &str) -> Vec<&str> {
    scan(text).into_iter().map(|m| &text[m.range]).collect()
}

/// The only mention in `text`, checked to cover `phrase`.
fn only(text: &str, phrase: &str) -> DateExpr {
    let found = scan(text);
    assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
    assert_eq!(&text[found[0].range.clone()], phrase, "in {text:?}");
    found[0].expr.clone()
}

fn none(text: &str) {
    let found = scan(text);
    assert!(found.is_empty(), "{text:?} gave {found:?}");
}

fn abs(year: Option<i32>, month: u32, day: Option<u32>) -> DateExpr {
    DateExpr::Absolute {
        year,
        month,
        day,
        time: None,
    }
}

fn tod(hour: u32, minute: u32, approximate: bool, after_midnight: bool) -> TimeOfDay {
    TimeOfDay {
        hour,
        minute,
        approximate,
        after_midnight,
    }
}

fn rel_days(days: i64, part: Option<PartOfDay>, approximate: bool) -> DateExpr {
    DateExpr::RelativeDays {
        days,
        part,
        approximate,
    }
}

fn rel_min(minutes: i64, approximate: bool) -> DateExpr {
    DateExpr::RelativeMinutes {
        minutes,
        approximate,
    }
}

// ---------------------------------------------------------------------------------------------
// Scanning: absolute dates

#[test]
fn scan_month_day_year_with_preposition_is_one_mention() {
    let text = "“Off the record I don’t know who that is, but I’ll ask around,” he wrote on September 21, 2016. “Thanks.”";
    assert_eq!(
        only(text, "on September 21, 2016"),
        abs(Some(2016), 9, Some(21))
    );
}

#[test]
fn scan_abbreviated_months() {
    let text = "“What’s behind this Wednesday leak I keep reading about?” Trump Jr. asked during one exchange with the WikiLeaks account on Oct. 3.";
    assert_eq!(only(text, "on Oct. 3"), abs(None, 10, Some(3)));
    let text = "More than a week later, on Oct. 12, the account replied with a suggestion:";
    assert_eq!(phrases(text), ["More than a week later", "on Oct. 12"]);
    assert_eq!(
        only("Sept. 20, 2016", "Sept. 20, 2016"),
        abs(Some(2016), 9, Some(20))
    );
    assert_eq!(only("on Sept 20", "on Sept 20"), abs(None, 9, Some(20)));
    assert_eq!(
        only("Dec 10, the source", "Dec 10"),
        abs(None, 12, Some(10))
    );
}

#[test]
fn scan_month_day_without_year() {
    let text = "“Hi Don. Hope you’re doing well!” Wikileaks wrote on December 16 to Trump Jr., who was by then the son of the president-elect.";
    assert_eq!(only(text, "on December 16"), abs(None, 12, Some(16)));
    let text = "(At a rally on October 10, Donald Trump had proclaimed, “I love Wikileaks!”)";
    assert_eq!(only(text, "on October 10"), abs(None, 10, Some(10)));
}

#[test]
fn scan_day_month_year() {
    let text = "It expects to save £220m during the 12 months to 31 December 2004.";
    assert_eq!(
        only(text, "31 December 2004"),
        abs(Some(2004), 12, Some(31))
    );
    assert_eq!(
        only("It happened on 20 September 2016.", "on 20 September 2016"),
        abs(Some(2016), 9, Some(20))
    );
    assert_eq!(
        only("on the 20th of September", "on the 20th of September"),
        abs(None, 9, Some(20))
    );
    assert_eq!(
        only("Tuesday, 8 November 2016, was", "Tuesday, 8 November 2016"),
        abs(Some(2016), 11, Some(8))
    );
}

#[test]
fn scan_month_and_year() {
    let text = "They are part of a long correspondence that continued until at least July 2017.";
    assert_eq!(only(text, "July 2017"), abs(Some(2017), 7, None));
    let text = "In July 2016, the organization released thousands of emails.";
    assert_eq!(only(text, "In July 2016"), abs(Some(2016), 7, None));
    let text = "Trump Jr.’s June 2016 meeting with Natalia Veselnitskaya";
    assert_eq!(only(text, "June 2016"), abs(Some(2016), 6, None));
}

#[test]
fn scan_iso_dates() {
    assert_eq!(
        only("published: 2016-09-20.", "2016-09-20"),
        abs(Some(2016), 9, Some(20))
    );
    assert_eq!(
        only("at 2016-09-20 18:35 UTC", "at 2016-09-20 18:35"),
        DateExpr::Absolute {
            year: Some(2016),
            month: 9,
            day: Some(20),
            time: Some(tod(18, 35, false, false)),
        }
    );
    none("2016-02-30");
    none("the 2008-09 season");
}

#[test]
fn scan_named_day_keeps_only_the_date() {
    let text = "Wikileaks didn’t write again until Election Day, November 8, 2016.";
    assert_eq!(only(text, "November 8, 2016"), abs(Some(2016), 11, Some(8)));
    let text = "on Tuesday, November 8, 2016, voters";
    assert_eq!(
        only(text, "on Tuesday, November 8, 2016"),
        abs(Some(2016), 11, Some(8))
    );
}

#[test]
fn scan_may_and_march_as_verbs_are_not_dates() {
    none("We have an idea that may help a little.");
    none("May I ask what you think?");
    none("Thousands march on Washington.");
    none("They may 5 times");
    assert_eq!(only("elected in May.", "in May"), abs(None, 5, None));
    assert_eq!(only("since March, prices", "March"), abs(None, 3, None));
    // "before May" could be Theresa May: only in/since/until/by for May and March.
    none("before May arrived");
    assert_eq!(only("before October ends", "October"), abs(None, 10, None));
    // A month alone never as an abbreviation, and never without a preposition.
    none("written by Jan and Dec");
    none("October was cold.");
}

#[test]
fn scan_invalid_days_are_not_dates() {
    none("February 31, 2016");
    none("on February 30");
    none("September 31");
    assert_eq!(
        only("on February 29", "on February 29"),
        abs(None, 2, Some(29))
    );
    none("on February 29, 2015");
}

#[test]
fn scan_numbers_in_other_roles_are_not_dates() {
    none("The dataset holds 2,225 articles.");
    none("He paid $2016 for it.");
    none("About 1,400 people came.");
    none("He contributed a staggering 16,483 posts before his retirement.");
    none("gave Clinton a 71 percent chance of winning");
    none("Btw we just released Podesta Emails Part 4.");
    none("in 2000 cases");
    none("They sold 2016 units.");
    none("October 1,400 people");
    none("The index rose to 2010 from 1990 points");
    none("at around 1900 GMT");
    // Taken as no mention: a year used as a modifier.
    none("Russian meddling in the 2016 presidential campaign");
}

#[test]
fn scan_bare_years_after_prepositions() {
    let text = "He’s worked at Vox since the site’s launch in 2014, and before that";
    assert_eq!(only(text, "in 2014"), DateExpr::Year(2014));
    assert_eq!(only("since 2014 and", "2014"), DateExpr::Year(2014));
    assert_eq!(
        only(
            "Trump Jr. was in contact during the fall of 2016, just before",
            "2016"
        ),
        DateExpr::Year(2016)
    );
    // A year inside a date is part of that date.
    assert_eq!(
        phrases("On October 3, 2016, Wikileaks wrote again."),
        ["On October 3, 2016"]
    );
}

// ---------------------------------------------------------------------------------------------
// Scanning: parts of months

#[test]
fn scan_parts_of_months() {
    let text = "One back-and-forth took place in early-October when WikiLeaks asked";
    assert_eq!(
        only(text, "in early-October"),
        DateExpr::PartOfMonth {
            year: None,
            month: 10,
            part: MonthPart::Early
        }
    );
    let text = "One message in late-October 2016 involved WikiLeaks asking for the tax returns.";
    assert_eq!(
        only(text, "in late-October 2016"),
        DateExpr::PartOfMonth {
            year: Some(2016),
            month: 10,
            part: MonthPart::Late
        }
    );
    assert_eq!(
        only("late October 2016", "late October 2016"),
        DateExpr::PartOfMonth {
            year: Some(2016),
            month: 10,
            part: MonthPart::Late
        }
    );
    assert_eq!(
        only("since mid-December, the", "mid-December"),
        DateExpr::PartOfMonth {
            year: None,
            month: 12,
            part: MonthPart::Mid
        }
    );
    assert_eq!(
        only("by the end of June", "the end of June"),
        DateExpr::PartOfMonth {
            year: None,
            month: 6,
            part: MonthPart::Late
        }
    );
    assert_eq!(
        only("in mid-2017, the", "in mid-2017"),
        DateExpr::Year(2017)
    );
}

// ---------------------------------------------------------------------------------------------
// Scanning: times

#[test]
fn scan_clock_times() {
    let t = |text: &str, phrase: &str, h: u32, m: u32| {
        assert_eq!(
            only(text, phrase),
            DateExpr::Time(tod(h, m, false, false)),
            "{text}"
        );
    };
    t("The message was sent at 9:29 am.", "at 9:29 am", 9, 29);
    t("Wikileaks wrote at 6:35pm, when", "at 6:35pm", 18, 35);
    t(
        "UPDATE 5:26 PM ET: Ioffe updated her piece",
        "5:26 PM ET",
        17,
        26,
    );
    t(
        "(As late as 7:00pm that night, FiveThirtyEight",
        "As late as 7:00pm that night",
        19,
        0,
    );
    t("at 9:30 a.m. on", "at 9:30 a.m.", 9, 30);
    t("at 12:15 a.m.", "at 12:15 a.m.", 0, 15);
    t("it landed 18:35 local", "18:35", 18, 35);
    t("opened at 7.30pm", "at 7.30pm", 19, 30);
    t("at 7:00 in the evening", "at 7:00 in the evening", 19, 0);
    t("the sale opened at 8am", "at 8am", 8, 0);
    t("at noon, the", "at noon", 12, 0);
    none("John 3:16 says");
    none("I am 5 amendments away");
}

#[test]
fn scan_midnight_and_qualified_times() {
    assert_eq!(
        only("Doherty had to be home by midnight.", "midnight"),
        DateExpr::Time(tod(23, 59, true, false))
    );
    assert_eq!(
        only("It came just before midnight.", "just before midnight"),
        DateExpr::Time(tod(23, 59, true, false))
    );
    assert_eq!(
        only(
            "Shortly after midnight that day, when it was clear that Trump had won",
            "Shortly after midnight that day"
        ),
        DateExpr::Time(tod(0, 0, true, true))
    );
    assert_eq!(
        only(
            "Fightstar took to the stage around 3pm, however",
            "around 3pm"
        ),
        DateExpr::Time(tod(15, 0, true, false))
    );
    assert_eq!(
        only("shortly after 6pm", "shortly after 6pm"),
        DateExpr::Time(tod(18, 0, true, false))
    );
}

#[test]
fn scan_stroke_of_midnight_merges_with_its_date() {
    let text = "Just before the stroke of midnight on September 20, 2016, at the height of last year’s presidential election, the Wikileaks Twitter account sent a private direct message to Donald Trump Jr.";
    assert_eq!(
        only(
            text,
            "Just before the stroke of midnight on September 20, 2016"
        ),
        DateExpr::Absolute {
            year: Some(2016),
            month: 9,
            day: Some(20),
            time: Some(tod(23, 59, true, false)),
        }
    );
}

#[test]
fn scan_time_then_date_merges() {
    let text = "The message was sent at 9:29 am on July 11. Trump Jr. did not respond";
    assert_eq!(
        only(text, "at 9:29 am on July 11"),
        DateExpr::Absolute {
            year: None,
            month: 7,
            day: Some(11),
            time: Some(tod(9, 29, false, false)),
        }
    );
    let text = "on October 3, 2016, at 4:10pm, the account";
    assert_eq!(
        only(text, "on October 3, 2016, at 4:10pm"),
        DateExpr::Absolute {
            year: Some(2016),
            month: 10,
            day: Some(3),
            time: Some(tod(16, 10, false, false)),
        }
    );
    // Not next to each other: two mentions.
    assert_eq!(
        phrases("at 6pm. On October 3, he wrote"),
        ["at 6pm", "On October 3"]
    );
}

// ---------------------------------------------------------------------------------------------
// Scanning: relative days

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

// ---------------------------------------------------------------------------------------------
// Resolving

#[test]
fn resolve_absolute_dates_with_year() {
    let r = |e: &DateExpr| resolve(e, None, None, None);
    assert_eq!(r(&abs(Some(2016), 9, Some(21))), Some(day(2016, 9, 21)));
    let month = r(&abs(Some(2017), 7, None)).unwrap();
    assert_eq!(
        (month.date, month.precision),
        (ymd(2017, 7, 1), Precision::Month)
    );
    let text = "Just before the stroke of midnight on September 20, 2016, the account wrote.";
    assert_eq!(r(&scan(text)[0].expr), Some(at(2016, 9, 20, 23, 59, true)));
}

#[test]
fn resolve_atlantic_next_morning_against_midnight_anchor() {
    let anchor = at(2016, 9, 20, 23, 59, true);
    let text = "The next morning, about 12 hours later, Trump Jr. responded to Wikileaks.";
    let found = scan(text);
    let next_morning = resolve(&found[0].expr, Some(&anchor), None, None).unwrap();
    assert_eq!(next_morning, day(2016, 9, 21));
    let hours_later = resolve(&found[1].expr, Some(&anchor), None, None).unwrap();
    assert_eq!(hours_later, at(2016, 9, 21, 11, 59, true));
}

#[test]
fn resolve_time_takes_the_anchor_day() {
    let text = "Wikileaks wrote at 6:35pm, when the idea that Clinton would win was still the prevailing conventional wisdom.";
    let e = &scan(text)[0].expr;
    assert_eq!(
        resolve(e, Some(&day(2016, 11, 8)), None, None),
        Some(at(2016, 11, 8, 18, 35, false))
    );
    assert_eq!(resolve(e, None, Some(2016), None), None);
}

#[test]
fn resolve_shortly_after_midnight_rolls_over() {
    let text =
        "Shortly after midnight that day, when it was clear that Trump had beaten all expectations";
    let e = &scan(text)[0].expr;
    let evening = at(2016, 11, 8, 18, 35, false);
    assert_eq!(
        resolve(e, Some(&evening), None, None),
        Some(at(2016, 11, 9, 0, 0, true))
    );
    // A day without a time: the narrative reached that day, so past midnight is the next one.
    assert_eq!(
        resolve(e, Some(&day(2016, 11, 8)), None, None),
        Some(at(2016, 11, 9, 0, 0, true))
    );
    // Already in the small hours: no second roll-over.
    let small_hours = at(2016, 11, 9, 0, 20, false);
    assert_eq!(
        resolve(e, Some(&small_hours), None, None),
        Some(at(2016, 11, 9, 0, 0, true))
    );
    // With its own date: no roll-over.
    let text = "shortly after midnight on November 9, 2016";
    assert_eq!(
        resolve(&scan(text)[0].expr, Some(&evening), None, None),
        Some(at(2016, 11, 9, 0, 0, true))
    );
}

#[test]
fn resolve_small_hours_after_an_evening_anchor_roll_over() {
    let e = DateExpr::Time(tod(1, 30, false, false));
    let late = at(2016, 11, 8, 23, 0, false);
    assert_eq!(
        resolve(&e, Some(&late), None, None),
        Some(at(2016, 11, 9, 1, 30, false))
    );
    let morning = at(2016, 11, 8, 9, 0, false);
    assert_eq!(
        resolve(&e, Some(&morning), None, None),
        Some(at(2016, 11, 8, 1, 30, false))
    );
}

#[test]
fn resolve_yearless_date_uses_anchor_year() {
    let text = "Wikileaks wrote on December 16 to Trump Jr.";
    let e = &scan(text)[0].expr;
    assert_eq!(
        resolve(e, Some(&at(2016, 11, 9, 0, 0, true)), None, None),
        Some(day(2016, 12, 16))
    );
}

#[test]
fn resolve_yearless_date_moves_forward_past_six_months() {
    let e = abs(None, 1, Some(5));
    assert_eq!(
        resolve(&e, Some(&day(2016, 11, 9)), None, None),
        Some(day(2017, 1, 5))
    );
    let e = abs(None, 5, None);
    let may = resolve(&e, Some(&day(2016, 12, 16)), None, None).unwrap();
    assert_eq!(
        (may.date, may.precision),
        (ymd(2017, 5, 1), Precision::Month)
    );
}

#[test]
fn resolve_yearless_date_looks_back_past_six_months() {
    // "(On December 7, Assange ... had released his testimony)" read in January.
    let e = abs(None, 12, Some(7));
    assert_eq!(
        resolve(&e, Some(&day(2017, 1, 10)), None, None),
        Some(day(2016, 12, 7))
    );
    assert_eq!(
        resolve(&e, Some(&day(2016, 12, 16)), None, None),
        Some(day(2016, 12, 7))
    );
}

#[test]
fn resolve_yearless_date_without_anchor_uses_publication() {
    // The caller should prefer an anchor: the publication date is a weak guide.
    let text = "Trump Jr. asked during one exchange with the WikiLeaks account on Oct. 3.";
    let e = &scan(text)[0].expr;
    assert_eq!(
        resolve(e, None, Some(2017), Some(ymd(2017, 11, 13))),
        Some(day(2017, 10, 3))
    );
    let e = abs(None, 12, Some(16));
    assert_eq!(
        resolve(&e, None, Some(2017), Some(ymd(2017, 11, 13))),
        Some(day(2016, 12, 16))
    );
    assert_eq!(
        resolve(&e, None, None, Some(ymd(2017, 11, 13))),
        Some(day(2016, 12, 16))
    );
    assert_eq!(resolve(&e, None, None, None), None);
}

#[test]
fn resolve_february_29_needs_a_leap_year() {
    let e = abs(None, 2, Some(29));
    assert_eq!(resolve(&e, Some(&day(2017, 3, 1)), None, None), None);
    assert_eq!(
        resolve(&e, Some(&day(2016, 3, 1)), None, None),
        Some(day(2016, 2, 29))
    );
}

#[test]
fn resolve_relative_days() {
    let text = "The day before, Roger Stone had tweeted";
    let e = &scan(text)[0].expr;
    assert_eq!(
        resolve(e, Some(&day(2016, 10, 3)), None, None),
        Some(day(2016, 10, 2))
    );
    let anchor = at(2016, 10, 12, 16, 0, false);
    let two_days = resolve(&rel_days(2, None, false), Some(&anchor), None, None);
    assert_eq!(two_days, Some(day(2016, 10, 14)));
    let weeks = resolve(&rel_days(21, None, true), Some(&anchor), None, None).unwrap();
    assert!(weeks.approximate);
    assert_eq!(weeks.date, ymd(2016, 11, 2));
    // No anchor, or an anchor coarser than a day: nothing to count from.
    assert_eq!(resolve(e, None, Some(2016), None), None);
    let october = When {
        date: ymd(2016, 10, 1),
        time: None,
        precision: Precision::Month,
        approximate: true,
    };
    assert_eq!(resolve(e, Some(&october), None, None), None);
}

#[test]
fn resolve_relative_minutes() {
    let text = "“Already did that earlier today,” Trump Jr. responded an hour-and-a-half later.";
    let e = &scan(text)[1].expr;
    // Anchor without a time: the day only.
    assert_eq!(
        resolve(e, Some(&day(2016, 10, 3)), None, None),
        Some(day(2016, 10, 3))
    );
    // Anchor with a time: the time moves, the day may roll over.
    assert_eq!(
        resolve(e, Some(&at(2016, 10, 3, 23, 0, false)), None, None),
        Some(at(2016, 10, 4, 0, 30, false))
    );
    // Whole days move a day anchor.
    let e = rel_min(36 * 60, true);
    let r = resolve(&e, Some(&day(2016, 10, 3)), None, None).unwrap();
    assert_eq!(
        (r.date, r.precision, r.approximate),
        (ymd(2016, 10, 4), Precision::Day, true)
    );
}

#[test]
fn resolve_weekdays() {
    let monday = day(2017, 11, 13);
    let wd = |weekday, forward| DateExpr::Weekday { weekday, forward };
    let r = |e: DateExpr| resolve(&e, Some(&monday), None, None);
    assert_eq!(r(wd(Weekday::Mon, false)), Some(day(2017, 11, 13)));
    assert_eq!(r(wd(Weekday::Fri, false)), Some(day(2017, 11, 10)));
    assert_eq!(r(wd(Weekday::Tue, false)), Some(day(2017, 11, 7)));
    assert_eq!(r(wd(Weekday::Tue, true)), Some(day(2017, 11, 14)));
    assert_eq!(r(wd(Weekday::Mon, true)), Some(day(2017, 11, 13)));
    assert_eq!(resolve(&wd(Weekday::Mon, false), None, None, None), None);
}

#[test]
fn resolve_part_of_month_and_year() {
    let e = DateExpr::PartOfMonth {
        year: None,
        month: 10,
        part: MonthPart::Early,
    };
    let r = resolve(&e, Some(&day(2016, 9, 21)), None, None).unwrap();
    assert_eq!(
        (r.date, r.precision, r.approximate),
        (ymd(2016, 10, 1), Precision::Month, true)
    );
    assert_eq!(r.display(), "~2016-10");
    let y = resolve(&DateExpr::Year(2016), None, None, None).unwrap();
    assert_eq!(
        (y.precision, y.display()),
        (Precision::Year, "2016".to_string())
    );
}

#[test]
fn resolve_never_overflows() {
    let anchor = at(2016, 11, 8, 18, 35, false);
    let a = Some(&anchor);
    assert_eq!(
        resolve(&rel_days(i64::MAX, None, false), a, None, None),
        None
    );
    assert_eq!(
        resolve(&rel_days(i64::MIN, None, false), a, None, None),
        None
    );
    assert_eq!(resolve(&rel_min(i64::MAX, false), a, None, None), None);
    assert_eq!(
        resolve(
            &rel_min(i64::MIN, false),
            Some(&day(2016, 1, 1)),
            None,
            None
        ),
        None
    );
    assert_eq!(resolve(&DateExpr::Year(i32::MAX), None, None, None), None);
    assert_eq!(
        resolve(&abs(Some(2016), 13, Some(1)), None, None, None),
        None
    );
    assert_eq!(
        resolve(&DateExpr::Time(tod(25, 0, false, false)), a, None, None),
        None
    );
    let far = When::day(NaiveDate::MAX);
    assert_eq!(
        resolve(&abs(None, 1, Some(5)), Some(&far), None, None),
        None
    );
}

#[test]
fn display_forms() {
    assert_eq!(day(2016, 9, 20).display(), "2016-09-20");
    assert_eq!(at(2016, 9, 20, 18, 35, false).display(), "2016-09-20 18:35");
    assert_eq!(at(2016, 9, 20, 23, 59, true).display(), "~2016-09-20 23:59");
    let month = When::parse_iso("2016-10").unwrap();
    assert_eq!(month.display(), "2016-10");
    assert_eq!(When::parse_iso("2016").unwrap().display(), "2016");
}

/// The Atlantic story read the way the caller reads it: each resolved date becomes the anchor.
#[test]
fn resolve_atlantic_narrative_in_sequence() {
    let paragraphs = [
        "Just before the stroke of midnight on September 20, 2016, at the height of last year’s presidential election, the Wikileaks Twitter account sent a private direct message to Donald Trump Jr.",
        "The next morning, about 12 hours later, Trump Jr. responded to Wikileaks.",
        "On October 3, 2016, Wikileaks wrote again.",
        "Trump Jr. responded an hour-and-a-half later.",
        "Two minutes later, Trump Jr. wrote again, asking.",
        "The day before, Roger Stone, an informal advisor to Donald Trump, had tweeted.",
        "Wikileaks didn’t respond to that message, but on October 12, 2016, the account again messaged Trump Jr.",
        "Trump Jr. did not respond to this message, but two days later, on October 14, 2016, he tweeted out the link.",
        "Wikileaks didn’t write again until Election Day, November 8, 2016.",
        "Wikileaks wrote at 6:35pm, when the idea that Clinton would win was still the prevailing conventional wisdom.",
        "Shortly after midnight that day, when it was clear that Trump had beaten all expectations and won the presidency, Wikileaks had a simple message.",
        "Wikileaks wrote on December 16 to Trump Jr., who was by then the son of the president-elect.",
        "But on July 11, 2017, three days after The New York Timesbroke the story, Wikileaks got in touch again.",
        "The message was sent at 9:29 am on July 11.",
    ];
    let mut anchor: Option<When> = None;
    let mut seen = Vec::new();
    for p in paragraphs {
        for m in scan(p) {
            let when = resolve(
                &m.expr,
                anchor.as_ref(),
                Some(2017),
                Some(ymd(2017, 11, 13)),
            )
            .unwrap_or_else(|| panic!("{:?} unresolved", &p[m.range.clone()]));
            seen.push(format!("{} = {}", &p[m.range.clone()], when.display()));
            // The caller keeps the more precise of two phrases about the same moment; here,
            // simply the last one.
            anchor = Some(when);
        }
    }
    assert_eq!(
        seen,
        [
            "Just before the stroke of midnight on September 20, 2016 = ~2016-09-20 23:59",
            "The next morning = 2016-09-21",
            "about 12 hours later = ~2016-09-21",
            "On October 3, 2016 = 2016-10-03",
            "an hour-and-a-half later = 2016-10-03",
            "Two minutes later = 2016-10-03",
            "The day before = 2016-10-02",
            "on October 12, 2016 = 2016-10-12",
            "two days later = 2016-10-14",
            "on October 14, 2016 = 2016-10-14",
            "November 8, 2016 = 2016-11-08",
            "at 6:35pm = 2016-11-08 18:35",
            "Shortly after midnight that day = ~2016-11-09 00:00",
            "on December 16 = 2016-12-16",
            "on July 11, 2017 = 2017-07-11",
            "at 9:29 am on July 11 = 2017-07-11 09:29",
        ]
    );
}
