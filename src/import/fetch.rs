//! Fetching a page over HTTP(S) for `casefile add`: one blocking request per URL with `ureq`
//! (rustls, gzip), bounded redirects, connect and total timeouts and a size limit.
//!
//! Every way a fetch can fail is a [`FetchError`] variant worded for the person who typed the
//! URL (DNS, TLS, 404, 5xx, timeout, not HTML, too large); none of them stops a batch. The
//! bytes are returned undecoded, with the charset the header names: decoding is
//! [`super::charset`]'s job, so that saved pages and fetched ones go the same way.

use std::io::Read;
use std::time::Duration;

use thiserror::Error;
use ureq::ResponseExt;

/// Limits of one fetch. Tests shorten the timeouts.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Connecting, DNS and TLS included.
    pub connect_timeout: Duration,
    /// The whole exchange: redirects, headers and body.
    pub total_timeout: Duration,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// Largest body read (after gzip), in bytes.
    pub max_bytes: u64,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_redirects: 10,
            max_bytes: 20_000_000,
        }
    }
}

/// A page as the server sent it.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub final_url: String,
    /// The body, decompressed but not decoded.
    pub bytes: Vec<u8>,
    /// The charset of the `Content-Type` header, if it named one.
    pub charset: Option<String>,
}

/// Why a URL could not be fetched.
#[derive(Debug, Error)]
pub enum FetchError {
    #[error("not a web address (only http:// and https:// are fetched): {0}")]
    BadUrl(String),
    #[error("no such host (DNS lookup failed)")]
    Dns,
    #[error("could not connect to the server")]
    Connect,
    #[error("secure connection failed (TLS): {0}")]
    Tls(String),
    #[error("the page was not found (HTTP 404)")]
    NotFound,
    #[error("access refused (HTTP {0}): the page may need a login")]
    Refused(u16),
    #[error("the server failed (HTTP {0}); try again later")]
    Server(u16),
    #[error("the server answered HTTP {0}")]
    Status(u16),
    #[error("timed out after {0:?} ({1})")]
    Timeout(Duration, &'static str),
    #[error("too many redirects (more than {0})")]
    Redirects(u32),
    #[error("not a web page: the server sent {0}")]
    NotHtml(String),
    #[error("the page is larger than the limit of {} MB", .0 / 1_000_000)]
    TooLarge(u64),
    #[error("the connection failed: {0}")]
    Io(String),
}

/// An HTTP client with the limits of `options`, reusable across a batch.
pub struct Fetcher {
    agent: ureq::Agent,
    options: FetchOptions,
}

impl Fetcher {
    pub fn new(options: FetchOptions) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(options.connect_timeout))
            .timeout_global(Some(options.total_timeout))
            .max_redirects(options.max_redirects)
            .user_agent(concat!("casefile/", env!("CARGO_PKG_VERSION")))
            .accept("text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
            .build();
        Fetcher {
            agent: config.into(),
            options,
        }
    }

    /// Fetches `url`: the body of an HTML page, or why there is none.
    pub fn fetch(&self, url: &str) -> Result<Fetched, FetchError> {
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Err(FetchError::BadUrl(url.to_string()));
        }
        let https = lower.starts_with("https://");
        let mut response = self.agent.get(url).call().map_err(|e| match e {
            // Connected (a refusal is `ConnectionFailed`), then the exchange broke before any
            // answer: over https that is the secure handshake failing.
            ureq::Error::Io(io) if https => FetchError::Tls(describe_io(&io)),
            e => self.error(e),
        })?;
        let final_url = response.get_uri().to_string();
        let body = response.body_mut();
        let mime = body.mime_type().map(str::to_ascii_lowercase);
        let charset = body.charset().map(str::to_string);
        if let Some(mime) = &mime
            && !is_html_mime(mime)
        {
            return Err(FetchError::NotHtml(mime.clone()));
        }
        // A length announced past the limit is refused before any of the body is read.
        if body
            .content_length()
            .is_some_and(|n| n > self.options.max_bytes)
        {
            return Err(FetchError::TooLarge(self.options.max_bytes));
        }
        // One byte past the limit tells "exactly at the limit" from "over it".
        let mut bytes = Vec::new();
        body.as_reader()
            .take(self.options.max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| self.io_error(e))?;
        if bytes.len() as u64 > self.options.max_bytes {
            return Err(FetchError::TooLarge(self.options.max_bytes));
        }
        if mime.is_none() && !super::charset::looks_like_html(&bytes) {
            return Err(FetchError::NotHtml(
                "something without a content type".into(),
            ));
        }
        Ok(Fetched {
            final_url,
            bytes,
            charset,
        })
    }

    fn error(&self, e: ureq::Error) -> FetchError {
        use ureq::Error as E;
        match e {
            E::StatusCode(404 | 410) => FetchError::NotFound,
            E::StatusCode(code @ (401 | 403 | 451)) => FetchError::Refused(code),
            E::StatusCode(code) if code >= 500 => FetchError::Server(code),
            E::StatusCode(code) => FetchError::Status(code),
            E::HostNotFound => FetchError::Dns,
            E::ConnectionFailed => FetchError::Connect,
            E::Timeout(which) => self.timeout(which),
            E::TooManyRedirects => FetchError::Redirects(self.options.max_redirects),
            E::BadUri(u) => FetchError::BadUrl(u),
            E::RedirectFailed => FetchError::Io("a redirect led nowhere".into()),
            E::BodyExceedsLimit(_) => FetchError::TooLarge(self.options.max_bytes),
            E::Tls(m) => FetchError::Tls(m.to_string()),
            E::Rustls(e) => FetchError::Tls(e.to_string()),
            E::Io(e) => self.io_error(e),
            other => FetchError::Io(other.to_string()),
        }
    }

    fn timeout(&self, which: ureq::Timeout) -> FetchError {
        match which {
            ureq::Timeout::Connect | ureq::Timeout::Resolve => {
                FetchError::Timeout(self.options.connect_timeout, "connecting")
            }
            _ => FetchError::Timeout(self.options.total_timeout, "waiting for the page"),
        }
    }

    /// Reading the body fails with an `io::Error` that wraps ureq's own error.
    fn io_error(&self, e: std::io::Error) -> FetchError {
        if e.kind() == std::io::ErrorKind::TimedOut {
            return FetchError::Timeout(self.options.total_timeout, "reading the page");
        }
        match e.into_inner().map(|inner| inner.downcast::<ureq::Error>()) {
            Some(Ok(inner)) => self.error(*inner),
            Some(Err(other)) => FetchError::Io(other.to_string()),
            None => FetchError::Io("the connection was closed".into()),
        }
    }
}

/// An I/O error in words, without the wrapper's noise.
fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset => {
            "the server closed the connection".into()
        }
        std::io::ErrorKind::InvalidData => "the server's answer is not TLS".into(),
        _ => e.to_string(),
    }
}

fn is_html_mime(mime: &str) -> bool {
    matches!(mime, "text/html" | "application/xhtml+xml")
}
