//! Reading `config.ron` one setting at a time, so that a bad setting costs only itself.
//!
//! serde stops at the first error of a document, which would throw away a whole file for
//! one typo. So the file is first read as nested entries whose values stay raw RON
//! (`ron::value::RawValue`, borrowed from the file); each value is then read on its own, and
//! its errors are moved to their place in the file (the raw value's offset plus the error's
//! span within it). Only a syntax error (a missing bracket) loses the whole file.

use std::path::Path;

use ron::error::SpannedError;
use ron::value::RawValue;
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

use super::{
    Binding, CitationStyle, ClipboardChoice, Config, ConfigError, KeyChord, Loaded, Location,
    Spanned, StyleSpec,
};

/// The top-level keys, in the order the errors list them.
const KEYS: [&str; 7] = [
    "theme",
    "colors",
    "keys",
    "citation",
    "clipboard",
    "browser",
    "editor",
];

/// The keys of a colour role.
const STYLE_KEYS: [&str; 7] = ["fg", "bg", "bold", "italic", "underline", "reverse", "dim"];

/// Reads a configuration from `src` (the contents of `path`).
pub fn parse(src: &str, path: &Path) -> Loaded {
    let mut doc = Doc {
        src,
        path,
        problems: Vec::new(),
    };
    let mut config = Config {
        path: Some(path.to_path_buf()),
        ..Config::default()
    };
    if blank(src) {
        return Loaded {
            config,
            problems: doc.problems,
        };
    }
    let top = match ron::from_str::<Entries>(src) {
        Ok(e) => e.0,
        Err(e) => {
            doc.problems.push(doc.error(0, &e));
            return Loaded {
                config,
                problems: doc.problems,
            };
        }
    };
    for (key, raw) in top {
        let name = doc.key(&key, raw);
        match key.as_str() {
            "theme" => config.theme = doc.string(raw),
            "colors" => {
                for (role, raw) in doc.entries(raw) {
                    let spec = doc.style(raw);
                    config.colors.push((role, spec));
                }
            }
            "keys" => {
                for (mode, raw) in doc.entries(raw) {
                    for (action, raw) in doc.entries(raw) {
                        let keys = doc.keys(raw);
                        config.keys.push(Binding {
                            mode: mode.clone(),
                            action,
                            keys,
                        });
                    }
                }
            }
            "citation" => {
                if let Some(s) = doc.string(raw) {
                    match CitationStyle::parse(&s.value) {
                        Some(c) => config.citation = c,
                        None => {
                            doc.invalid(&s.at, one_of("citation", &s.value, &CitationStyle::NAMES))
                        }
                    }
                }
            }
            "clipboard" => {
                if let Some(s) = doc.string(raw) {
                    match ClipboardChoice::parse(&s.value) {
                        Some(c) => config.clipboard = c,
                        None => doc.invalid(
                            &s.at,
                            one_of("clipboard", &s.value, &ClipboardChoice::NAMES),
                        ),
                    }
                }
            }
            "browser" => config.browser = doc.string(raw).map(|s| s.value),
            "editor" => config.editor = doc.string(raw).map(|s| s.value),
            other => doc.invalid(
                &name.at,
                format!("unknown key “{other}” (known: {})", KEYS.join(", ")),
            ),
        }
    }
    Loaded {
        config,
        problems: doc.problems,
    }
}

/// "X is not a Y (one of: a, b, c)".
fn one_of(what: &str, value: &str, names: &[&str]) -> String {
    format!("“{value}” is not a {what} (one of: {})", names.join(", "))
}

/// Nothing but white space and comments.
fn blank(src: &str) -> bool {
    src.lines()
        .map(str::trim)
        .all(|l| l.is_empty() || l.starts_with("//"))
}

/// The file being read and what was wrong so far.
struct Doc<'a> {
    src: &'a str,
    path: &'a Path,
    problems: Vec<ConfigError>,
}

impl<'a> Doc<'a> {
    /// The byte offset of `raw` (a slice of the file) in the file.
    fn offset(&self, raw: &RawValue) -> usize {
        let s = raw.trim().get_ron();
        (s.as_ptr() as usize)
            .checked_sub(self.src.as_ptr() as usize)
            .filter(|&o| o <= self.src.len())
            .unwrap_or(0)
    }

    /// Line and column (from 1, in characters) of a byte offset.
    fn location(&self, offset: usize) -> Location {
        let before = &self.src[..offset.min(self.src.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Location {
            path: self.path.to_path_buf(),
            line,
            column: before[line_start..].chars().count() + 1,
        }
    }

    fn at(&self, raw: &RawValue) -> Location {
        self.location(self.offset(raw))
    }

    /// An error of reading the text that starts at byte `base`, placed in the file.
    fn error(&self, base: usize, e: &SpannedError) -> ConfigError {
        let start = self.location(base);
        let (line, column) = if e.span.start.line <= 1 {
            (
                start.line,
                start.column + e.span.start.col.saturating_sub(1),
            )
        } else {
            (start.line + e.span.start.line - 1, e.span.start.col)
        };
        ConfigError::Invalid {
            at: Location {
                path: self.path.to_path_buf(),
                line,
                column,
            },
            message: e.code.to_string(),
        }
    }

    fn invalid(&mut self, at: &Location, message: impl Into<String>) {
        self.problems.push(ConfigError::invalid(at, message));
    }

    /// `raw` read as a `T`, or `None` (and a problem) when it is not one.
    fn leaf<T: Deserialize<'a>>(&mut self, raw: &'a RawValue) -> Option<T> {
        let trimmed = raw.trim();
        match ron::from_str::<T>(trimmed.get_ron()) {
            Ok(v) => Some(v),
            Err(e) => {
                let problem = self.error(self.offset(trimmed), &e);
                self.problems.push(problem);
                None
            }
        }
    }

    fn string(&mut self, raw: &'a RawValue) -> Option<Spanned<String>> {
        let at = self.at(raw);
        self.leaf::<String>(raw).map(|value| Spanned { value, at })
    }

    /// The entries of a struct-like value (`(a: 1, b: 2)` or `{"a": 1}`), keys with their
    /// places; a value that is not one is a problem and has none.
    fn entries(&mut self, raw: &'a RawValue) -> Vec<(Spanned<String>, &'a RawValue)> {
        match self.leaf::<Entries<'a>>(raw) {
            Some(e) => e.0.into_iter().map(|(k, v)| (self.key(&k, v), v)).collect(),
            None => Vec::new(),
        }
    }

    /// Where the key `name` of the value `raw` is written: the last mention before the value.
    fn key(&self, name: &str, raw: &RawValue) -> Spanned<String> {
        let value_at = self.offset(raw);
        let at = self.src[..value_at].rfind(name).unwrap_or(value_at);
        Spanned {
            value: name.to_string(),
            at: self.location(at),
        }
    }

    fn style(&mut self, raw: &'a RawValue) -> StyleSpec {
        let mut spec = StyleSpec::default();
        for (key, raw) in self.entries(raw) {
            match key.value.as_str() {
                "fg" => spec.fg = self.string(raw),
                "bg" => spec.bg = self.string(raw),
                "bold" => spec.bold = self.leaf(raw),
                "italic" => spec.italic = self.leaf(raw),
                "underline" => spec.underline = self.leaf(raw),
                "reverse" => spec.reverse = self.leaf(raw),
                "dim" => spec.dim = self.leaf(raw),
                other => self.invalid(
                    &key.at,
                    format!("unknown key “{other}” (known: {})", STYLE_KEYS.join(", ")),
                ),
            }
        }
        spec
    }

    /// A key or a list of keys; bad ones are left out (and reported).
    fn keys(&mut self, raw: &'a RawValue) -> Vec<Spanned<KeyChord>> {
        let items: Vec<&'a RawValue> = if raw.trim().get_ron().starts_with('[') {
            self.leaf(raw).unwrap_or_default()
        } else {
            vec![raw]
        };
        let mut out = Vec::new();
        for item in items {
            let Some(s) = self.string(item) else { continue };
            match KeyChord::parse(&s.value) {
                Ok(k) => out.push(Spanned { value: k, at: s.at }),
                Err(e) => self.invalid(&s.at, e),
            }
        }
        out
    }
}

/// The entries of a struct-like value, values left raw.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Entries<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a structure of named entries: (name: value, …)")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Entries(Vec::new()))
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, &'de RawValue>()? {
                    out.push((k, v));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}
