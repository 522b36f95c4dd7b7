//! Text helpers shared by extraction and the timeline.
