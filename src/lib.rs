//! casefile: load a pile of articles, extract who said what to whom and when, and rebuild the
//! timeline of messages with every source that quotes it. This crate is the domain: no
//! terminal code lives here.

pub mod bench;
pub mod cache;
pub mod case;
pub mod cite;
pub mod config;
pub mod corpus;
pub mod error;
pub mod extract;
pub mod import;
pub mod notes;
pub mod progress;
pub mod record;
pub mod search;
pub mod static_regex;
#[doc(hidden)]
pub mod testkit;
pub mod text;
pub mod timeline;
pub mod when;

pub use case::Case;
pub use error::CaseError;
pub use progress::{LoadProgress, LoadStep};
