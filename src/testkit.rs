//! What the tests of every target share: the library's and the binary's unit tests and the
//! integration tests in `tests/` all use this one copy. Always compiled (it needs nothing but
//! `tempfile`, already a dependency) so that plain `cargo test` needs no feature, and hidden
//! from the documentation: it is not part of the library's interface.

/// A copy of the bundled case's articles in a temporary folder, so that a test can write notes
/// (or drafts, or new articles) into it; keep the folder alive as long as it is used.
pub fn temp_case() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus folder");
    let bundled = crate::case::bundled_case_dir().join("corpus");
    for entry in std::fs::read_dir(&bundled).expect("the bundled corpus") {
        let path = entry.expect("an entry").path();
        if path.is_file() {
            std::fs::copy(&path, corpus.join(path.file_name().expect("a name"))).expect("copied");
        }
    }
    dir
}
