//! Extraction: quotes, their speakers, dates and channels, from loaded articles.

pub mod dates;
