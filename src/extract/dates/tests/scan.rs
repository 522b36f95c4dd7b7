//! Scanning absolute dates, years, parts of months and times.

use super::*;

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
fn named_days_resolve_in_the_narrative_year() {
    use crate::extract::dates::{When, resolve, scan};
    let on = |text: &str, anchor: &str| -> Vec<String> {
        let anchor = When::parse_iso(anchor).unwrap();
        scan(text)
            .iter()
            .filter_map(|m| resolve(&m.expr, Some(&anchor), None, None))
            .map(|w| w.display())
            .collect()
    };
    assert_eq!(
        on("On Election Day, WikiLeaks wrote again.", "2016-10-21"),
        ["2016-11-08"]
    );
    assert_eq!(
        on("on Election Day 2020 he said", "2019-01-01"),
        ["2020-11-03"]
    );
    // Only in an even year, and only the capitalised US name.
    assert!(on("On Election Day, he wrote.", "2017-10-21").is_empty());
    assert!(on("on election day the polls", "2016-10-21").is_empty());
    assert_eq!(
        on("It came on Christmas Eve.", "2016-12-01"),
        ["2016-12-24"]
    );
    assert_eq!(on("by New Year's Day", "2016-12-20"), ["2017-01-01"]);
    assert_eq!(on("on the Fourth of July", "2017-06-01"), ["2017-07-04"]);
}
