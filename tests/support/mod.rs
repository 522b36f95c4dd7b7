//! Small corpora written for the tests: other outlets' reporting of the seed story, in the
//! shapes real copy comes in (hard-wrapped wire text, one paragraph a line, fragments, reader
//! comments), plus helpers to build a case folder from them.

#![allow(dead_code)]

pub mod tmux;

use std::path::{Path, PathBuf};

pub const WIRE: &str = "---
title: WikiLeaks urged Trump son to share father's tax returns
outlet: Wire Service
published: 2017-11-14
---
    WASHINGTON, Nov 14 (Wire) - The WikiLeaks Twitter account
privately contacted Donald Trump Jr. during the 2016 campaign,
according to messages he released on Monday.
    On September 20, 2016, WikiLeaks sent him a direct message
about a website critical of his father. \"A PAC run anti-Trump
site is about to launch,\" the account wrote. \"The PAC is a
recycled pro-Iraq war PAC. We have guessed the password.\"
    Trump Jr. replied the next day: \"Off the record I don't know
who that is, but I'll ask around. Thanks.\"
    On Oct. 3, 2016, Trump Jr. wrote to WikiLeaks: \"Already did
that earlier today. It's amazing what she can get away with.\"
Two minutes later he sent another message: \"What's behind this
Wednesday leak I keep reading about?\"
    The account did not reply to that question, the messages show.
 WIRE
";

pub const BRITISH: &str = "---
title: Trump Jr messages with WikiLeaks revealed
outlet: Daily Example
published: 2017-11-14
---
Trump Jr messages with WikiLeaks revealed

Share this article
Donald Trump Jr exchanged private Twitter messages with WikiLeaks during the US election campaign, it has emerged.
On 21 October 2016 the group asked him for his father's tax returns. \"Hey Don. We have an unusual idea,\" WikiLeaks wrote. \"Leak us one or more of your father's tax returns.\"
It argued that publishing them would \"dramatically improve the perception of our impartiality\".
Mr Trump Jr did not reply.
On 8 November 2016, election day, WikiLeaks wrote at 6:35pm: \"Hi Don if your father 'loses' we think it is much more interesting if he DOES NOT conceed and spends time CHALLENGING the media.\"
Shortly after midnight the account sent a one-word message: \"Wow.\"
Photo: Example Agency/Getty Images
";

pub const FRAGMENTS: &str = "---
title: What the Trump Jr. DMs say
outlet: Example Review
published: 2017-11-15
---
The exchange began in September, when the group said a PAC-run website \"is about to launch\" and told Trump Jr. it had \"guessed the password.\"
Trump Jr. promised to \"ask around.\"
Weeks later he asked about a rumoured \"Wednesday leak\".
In October the account told him to \"leak us one or more of your father's tax returns\" before the election.

Comments

1. Reader One says:

\"Already did that earlier today,\" he wrote. Incredible.

2. Reader Two says:

\"Nothing to see here,\" as my uncle would say about the whole thing.
";

/// A case folder in a fresh temporary directory with the given (file name, text) articles.
pub fn case_with(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::create_dir_all(dir.path().join("notes")).unwrap();
    for (name, text) in files {
        let path = corpus.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, text).unwrap();
    }
    let root = dir.path().to_path_buf();
    (dir, root)
}

/// The three unseen articles as one case.
pub fn unseen_case() -> (tempfile::TempDir, PathBuf) {
    case_with(&[
        ("wire.txt", WIRE.as_bytes()),
        ("british.md", BRITISH.as_bytes()),
        ("fragments.txt", FRAGMENTS.as_bytes()),
    ])
}

/// The repository's bundled case.
pub fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The shared real corpora, which CI always places beside the repository.
pub fn shared_corpora() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    assert!(
        p.is_dir(),
        "../shared/corpora must sit beside the repository (CI places it there)"
    );
    p
}
