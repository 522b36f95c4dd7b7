//! What an article says of a person's gender, for "he" and "she": an honorific, a first name,
//! or mentions that disagree.

use crate::extract::names::Gender;

/// What the article says of a person's gender, and how surely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum GenderMark {
    /// An honorific said it ("Mr. Ryan").
    Honorific(Gender),
    /// Only a first name said it ("Janet Roe").
    GivenName(Gender),
    /// Mentions disagree ("Bill Clinton" and "Hillary Clinton" folded into one person, or a
    /// Lindsey who is "Mr."): the pronoun decides nothing.
    Unsure,
}

impl GenderMark {
    pub(super) fn gender(self) -> Option<Gender> {
        match self {
            GenderMark::Honorific(g) | GenderMark::GivenName(g) => Some(g),
            GenderMark::Unsure => None,
        }
    }

    /// The mark after one more mention with an honorific's and a first name's gender; an
    /// honorific outranks a first name, and two disagreeing cues of one rank cancel out.
    pub(super) fn merge(
        known: Option<GenderMark>,
        honorific: Option<Gender>,
        given: Option<Gender>,
    ) -> Option<GenderMark> {
        use GenderMark::*;
        let new = honorific.map(Honorific).or(given.map(GivenName))?;
        Some(match (known, new) {
            (None, new) => new,
            (Some(Unsure), _) => Unsure,
            (Some(Honorific(a)), Honorific(b)) | (Some(GivenName(a)), GivenName(b)) => {
                if a == b {
                    new
                } else {
                    Unsure
                }
            }
            (Some(Honorific(a)), GivenName(_)) => Honorific(a),
            (Some(GivenName(_)), Honorific(b)) => Honorific(b),
            (Some(_), Unsure) => Unsure,
        })
    }
}
