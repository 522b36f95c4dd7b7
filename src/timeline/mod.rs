//! The timeline: quotes of the same message merged into events.
