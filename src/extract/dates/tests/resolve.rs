//! Resolving phrases against an anchor, a year hint and the publication date.

use super::*;

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
    // No tense known: the nearest December 16, five weeks after publication.
    let e = abs(None, 12, Some(16));
    assert_eq!(
        resolve(&e, None, Some(2017), Some(ymd(2017, 11, 13))),
        Some(day(2017, 12, 16))
    );
    assert_eq!(
        resolve(&e, None, None, Some(ymd(2017, 11, 13))),
        Some(day(2017, 12, 16))
    );
    assert_eq!(resolve(&e, None, None, None), None);
    // Told in the past, it is the December before.
    let published = day(2017, 11, 13);
    assert_eq!(
        resolve_in(&e, Tense::Past, None, Some(&published)),
        Some(day(2016, 12, 16))
    );
}

/// The year of a month and day with no anchor, as the tense of its sentence places it.
fn yearless(text: &str, published: When) -> Option<When> {
    let m = scan(text).into_iter().next().expect("a date");
    resolve_in(&m.expr, m.tense, None, Some(&published))
}

#[test]
fn resolve_yearless_date_by_tense_and_publication() {
    let oct20 = day(2016, 10, 20);
    // Coming, or neutral: the next November 8, never the one a year before.
    assert_eq!(
        yearless("Voters will elect a new mayor on Nov. 8.", oct20),
        Some(day(2016, 11, 8))
    );
    assert_eq!(
        yearless("The vote is on Nov. 8.", oct20),
        Some(day(2016, 11, 8))
    );
    assert_eq!(
        yearless(
            "The runoff is scheduled for Nov. 8 in most counties.",
            oct20
        ),
        Some(day(2016, 11, 8))
    );
    // Told in the past, in January: the December before.
    let jan5 = day(2017, 1, 5);
    assert_eq!(
        yearless("The senator said on Dec. 3 that she would run.", jan5),
        Some(day(2016, 12, 3))
    );
    // The nearest December 3 is the one before in any tense.
    assert_eq!(
        yearless("The fair opens on Dec. 3.", jan5),
        Some(day(2016, 12, 3))
    );
    // Past tense with the nearest date ahead: the year before.
    let june1 = day(2017, 6, 1);
    assert_eq!(
        yearless("The board met on Oct. 3 to vote on the budget.", june1),
        Some(day(2016, 10, 3))
    );
    assert_eq!(
        yearless("The board meets on Oct. 3.", june1),
        Some(day(2017, 10, 3))
    );
    // Future tense with the nearest date behind: the year after.
    assert_eq!(
        yearless("The team will play its first game on March 3.", june1),
        Some(day(2018, 3, 3))
    );
    assert_eq!(
        yearless("The team played its first game on March 3.", june1),
        Some(day(2017, 3, 3))
    );
    // A date a day after publication, told in the past, keeps its year (time zones, updates).
    assert_eq!(
        yearless("The company announced the deal on Oct. 21.", oct20),
        Some(day(2016, 10, 21))
    );
}

#[test]
fn resolve_yearless_month_against_a_month_of_publication() {
    let november = When {
        date: ymd(2017, 11, 1),
        time: None,
        precision: Precision::Month,
        approximate: false,
    };
    // Any day of the publication month is "on or before" and "on or after" it.
    assert_eq!(
        yearless("The mayor will speak on Nov. 20.", november),
        Some(day(2017, 11, 20))
    );
    assert_eq!(
        yearless("The mayor spoke on Nov. 28.", november),
        Some(day(2017, 11, 28))
    );
    let month = |y, m| When {
        date: ymd(y, m, 1),
        time: None,
        precision: Precision::Month,
        approximate: false,
    };
    assert_eq!(
        yearless("Sales fell sharply in October.", day(2017, 11, 13)),
        Some(month(2017, 10))
    );
    assert_eq!(
        yearless("Sales will rise in October.", day(2017, 11, 13)),
        Some(month(2018, 10))
    );
}

#[test]
fn tense_bounds_an_anchored_yearless_date_by_publication() {
    let published = day(2016, 10, 20);
    let anchor = day(2016, 6, 1);
    let e = abs(None, 12, Some(10));
    // More than six months after the anchor: a look back, unless told as to come.
    assert_eq!(
        resolve_in(&e, Tense::Neutral, Some(&anchor), Some(&published)),
        Some(day(2015, 12, 10))
    );
    assert_eq!(
        resolve_in(&e, Tense::Future, Some(&anchor), Some(&published)),
        Some(day(2016, 12, 10))
    );
    // The narrative moves forward; a past verb does not hold it back (it may govern a plan).
    let anchor = day(2016, 10, 15);
    let e = abs(None, 3, Some(3));
    for tense in [Tense::Neutral, Tense::Past, Tense::Future] {
        assert_eq!(
            resolve_in(&e, tense, Some(&anchor), Some(&published)),
            Some(day(2017, 3, 3))
        );
    }
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
