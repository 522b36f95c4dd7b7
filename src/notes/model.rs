//! The notes of one item as plain data ([`NoteFile`]), and how it is written to and read
//! from RON.
//!
//! Written files are deterministic: the same notes give the same bytes. Tags are sorted and
//! unique, annotations in the order they were made (creation time, then id), links and
//! verification sources sorted; every field is written even when empty, so files look alike
//! and a diff only shows what changed. Strings are written unescaped (RON raw strings when
//! they hold quotes or backslashes) so that a multi-line annotation reads, and diffs, as
//! lines. Times are RFC 3339 strings in UTC.
//!
//! Reading is strict: an unknown field is an error naming the fields that are expected (a
//! typo in a hand edit must not silently drop the note). A file of a newer `format_version`
//! is refused before its fields are looked at, so an older casefile never rewrites (and
//! loses) what it does not know.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::NoteFileError;
use super::item::ItemRef;
use std::path::Path;

/// The format this casefile writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// Everything noted about one item: the content of one file in `notes/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteFile {
    pub format_version: u32,
    pub item: ItemRef,
    /// Marked as important.
    #[serde(default)]
    pub star: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub verification: Option<Verification>,
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Links from this item to others; the other end shows them as backlinks.
    #[serde(default)]
    pub links: Vec<Link>,
}

/// A note in the investigator's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// Unique within the file; stable (made from the creation time and first text).
    pub id: String,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// Any number of lines.
    pub text: String,
}

/// How one item relates to another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Relation {
    Corroborates,
    Contradicts,
    RespondsTo,
    SeeAlso,
    /// The investigator's own word for it.
    Other(String),
}

impl Relation {
    /// Reads "corroborates", "contradicts", "responds to" / "responds-to", "see also" /
    /// "see-also"; anything else is kept as free text.
    pub fn parse(s: &str) -> Relation {
        let norm: String = s
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == '-' || c == '_' { ' ' } else { c })
            .collect();
        match norm
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str()
        {
            "corroborates" => Relation::Corroborates,
            "contradicts" => Relation::Contradicts,
            "responds to" => Relation::RespondsTo,
            "see also" => Relation::SeeAlso,
            _ => Relation::Other(s.trim().to_string()),
        }
    }

    pub fn label(&self) -> &str {
        match self {
            Relation::Corroborates => "corroborates",
            Relation::Contradicts => "contradicts",
            Relation::RespondsTo => "responds to",
            Relation::SeeAlso => "see also",
            Relation::Other(s) => s,
        }
    }
}

/// A link from the item of the file to `to`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub relation: Relation,
    pub to: ItemRef,
}

/// Where a claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Status {
    Confirmed,
    Disputed,
    Unconfirmed,
    Retracted,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Confirmed,
        Status::Disputed,
        Status::Unconfirmed,
        Status::Retracted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Disputed => "disputed",
            Status::Unconfirmed => "unconfirmed",
            Status::Retracted => "retracted",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// The verification status of an item, why, and what supports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    pub status: Status,
    pub reason: String,
    /// Items (sources, articles, passages…) that support the status.
    #[serde(default)]
    pub sources: Vec<ItemRef>,
    pub updated: DateTime<Utc>,
}

impl NoteFile {
    pub fn new(item: ItemRef) -> NoteFile {
        NoteFile {
            format_version: FORMAT_VERSION,
            item,
            star: false,
            tags: Vec::new(),
            verification: None,
            annotations: Vec::new(),
            links: Vec::new(),
        }
    }

    /// Nothing noted: the file can go.
    pub fn is_empty(&self) -> bool {
        !self.star
            && self.tags.is_empty()
            && self.verification.is_none()
            && self.annotations.is_empty()
            && self.links.is_empty()
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// Puts every list in its canonical order (see the module docs).
    pub fn normalize(&mut self) {
        self.tags.sort();
        self.tags.dedup();
        self.annotations
            .sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
        self.links.sort();
        self.links.dedup();
        if let Some(v) = &mut self.verification {
            v.sources.sort();
            v.sources.dedup();
        }
    }

    /// The file's text: pretty RON, deterministic, ending with a newline.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        let config = ron::ser::PrettyConfig::new()
            .indentor("    ")
            .struct_names(false)
            .escape_strings(false);
        let mut s = ron::ser::to_string_pretty(self, config)?;
        s.push('\n');
        Ok(s)
    }

    /// Reads a file's text; `path` is only used in the error.
    pub fn from_ron(text: &str, path: &Path) -> Result<NoteFile, NoteFileError> {
        // Named as the file's own type: ron's errors quote it ("Expected struct `NoteFile`").
        #[derive(Deserialize)]
        #[serde(rename = "NoteFile")]
        struct Probe {
            format_version: u32,
        }
        let error = |e: ron::error::SpannedError| NoteFileError {
            path: path.to_path_buf(),
            line: Some(e.span.start.line),
            column: Some(e.span.start.col),
            message: match e.code {
                // ron's own words advise its API (`ron::Options::recursion_limit`).
                ron::Error::ExceededRecursionLimit => {
                    "the note file is nested too deeply (brackets \
                     inside brackets, past ron's limit); casefile writes a few levels: the file \
                     was damaged or not written by casefile"
                        .to_string()
                }
                code => code.to_string(),
            },
            newer_format: None,
        };
        let probe: Probe = ron::from_str(text).map_err(error)?;
        if probe.format_version > FORMAT_VERSION {
            return Err(NoteFileError {
                path: path.to_path_buf(),
                line: None,
                column: None,
                message: format!(
                    "written in notes format {} by a newer casefile; this one reads format \
                     {FORMAT_VERSION}: upgrade casefile to read it",
                    probe.format_version
                ),
                newer_format: Some(probe.format_version),
            });
        }
        let mut file: NoteFile = ron::from_str(text).map_err(error)?;
        file.normalize();
        Ok(file)
    }
}

/// User text as stored: line ends made `\n` (a file checked out with CRLF reads the same),
/// surrounding blank space trimmed.
pub fn clean_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_string()
}

/// A tag as stored: one line, inner runs of whitespace made one space, trimmed. None if empty.
pub fn clean_tag(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::anchor::TextAnchor;

    fn sample() -> NoteFile {
        let t = DateTime::parse_from_rfc3339("2024-05-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut f = NoteFile::new(ItemRef::Event {
            id: "ev-723af5ec59".into(),
            text: "A PAC run \"anti-Trump\" site".into(),
        });
        f.tags = vec!["pac".into(), "key message".into()];
        f.star = true;
        f.annotations.push(Annotation {
            id: "a-1".into(),
            created: t,
            updated: t,
            text: "Two lines,\nwith “quotes” and a \\ backslash.".into(),
        });
        f.links.push(Link {
            relation: Relation::Other("quotes".into()),
            to: ItemRef::Passage {
                article: "vox.txt".into(),
                anchor: TextAnchor::new("abc def ghi", 4..7).unwrap(),
            },
        });
        f.verification = Some(Verification {
            status: Status::Disputed,
            reason: "One outlet only".into(),
            sources: vec![ItemRef::Article {
                id: "vox.txt".into(),
            }],
            updated: t,
        });
        f.normalize();
        f
    }

    #[test]
    fn round_trips_and_reads_well() {
        let f = sample();
        let text = f.to_ron().unwrap();
        assert!(text.contains("format_version: 1,"), "{text}");
        assert!(text.contains("created: \"2024-05-01T10:00:00Z\""), "{text}");
        assert!(
            text.contains("Two lines,\nwith"),
            "multi-line text stays lines: {text}"
        );
        assert_eq!(NoteFile::from_ron(&text, Path::new("x.ron")).unwrap(), f);
        assert_eq!(f.to_ron().unwrap(), text, "deterministic");
    }

    #[test]
    fn awkward_strings_round_trip() {
        for s in [
            "\"", "\"#", "a\"##b", "\\", "\r\n", "\0\u{7}", "end#", "\u{200b}", "é\t",
        ] {
            let mut f = sample();
            f.annotations[0].text = s.to_string();
            f.tags = vec![s.to_string()];
            let text = f.to_ron().unwrap();
            let back = NoteFile::from_ron(&text, Path::new("x.ron"));
            assert_eq!(back.as_ref().ok(), Some(&f), "{s:?}: {back:?}\n{text}");
        }
    }

    #[test]
    fn errors_say_where_and_what() {
        let text = sample()
            .to_ron()
            .unwrap()
            .replace("star: true", "stra: true");
        let e = NoteFile::from_ron(&text, Path::new("notes/x.ron")).unwrap_err();
        assert_eq!(e.line, Some(7), "{e}");
        assert!(e.to_string().starts_with("notes/x.ron:7:5: "), "{e}");
        assert!(e.message.contains("stra"), "{e}");
        let newer = sample()
            .to_ron()
            .unwrap()
            .replace("format_version: 1", "format_version: 9");
        let e = NoteFile::from_ron(&newer, Path::new("x.ron")).unwrap_err();
        assert!(e.message.contains("newer casefile"), "{e}");
        // Nothing to fix in such a file: the advice is to upgrade.
        assert!(e.message.contains("upgrade casefile"), "{e}");
        assert_eq!(e.newer_format, Some(9));
        let broken = crate::notes::NotesError::Broken(e);
        assert!(broken.to_string().contains("upgrade casefile"), "{broken}");
        assert!(!broken.to_string().contains("fix the file"), "{broken}");
    }

    #[test]
    fn a_file_that_is_not_ron_names_no_internal_type() {
        let e = NoteFile::from_ron("broken (", Path::new("x.ron")).unwrap_err();
        assert!(!e.message.contains("Probe"), "{e}");
        assert!(e.message.contains("NoteFile"), "{e}");
    }

    #[test]
    fn a_file_nested_too_deeply_says_so_where_not_how_to_tune_ron() {
        let deep = format!("(format_version: 1, item: {}", "[".repeat(500));
        let e = NoteFile::from_ron(&deep, Path::new("notes/deep.ron")).unwrap_err();
        assert!(e.message.contains("nested too deeply"), "{e}");
        assert!(!e.message.contains("recursion_limit"), "{e}");
        assert!(e.to_string().starts_with("notes/deep.ron:1:"), "{e}");
    }

    #[test]
    fn relations_and_statuses_parse() {
        assert_eq!(Relation::parse("Responds-To"), Relation::RespondsTo);
        assert_eq!(Relation::parse("see also"), Relation::SeeAlso);
        assert_eq!(
            Relation::parse(" quotes "),
            Relation::Other("quotes".into())
        );
        assert_eq!(Status::parse("Disputed"), Some(Status::Disputed));
        assert_eq!(Status::parse("maybe"), None);
        assert_eq!(clean_tag("  key \n message "), Some("key message".into()));
        assert_eq!(clean_text("a\r\nb\r"), "a\nb");
    }
}
