//! A small HTTP/1.1 server on 127.0.0.1 for the import tests: it serves given pages as they
//! are, gzip-encoded, behind redirects, and the failures a fetch must report (404, 503, 403,
//! a slow answer, an oversized one, a PDF, a Latin-1 page). One thread per connection, every
//! answer closes its connection; the server lives as long as the test process and binds only
//! the loopback address.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

/// How long the slow routes wait: well past the tests' timeouts, bounded all the same.
pub const SLOW: Duration = Duration::from_secs(4);
/// Bytes the oversized route announces and sends.
pub const HUGE_BYTES: usize = 3_000_000;

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    /// Requests served by `/edited/…` so far.
    edits: Arc<AtomicUsize>,
}

impl Server {
    /// Serves `pages` (name -> bytes) at `/page/NAME`.
    pub fn start(pages: HashMap<String, Vec<u8>>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let pages = Arc::new(pages);
        let edits = Arc::new(AtomicUsize::new(0));
        let counter = edits.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let pages = pages.clone();
                let counter = counter.clone();
                thread::spawn(move || {
                    let _ = handle(stream, &pages, &counter);
                });
            }
        });
        Server { addr, edits }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

struct Answer {
    status: &'static str,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn html(status: &'static str, body: Vec<u8>) -> Answer {
    Answer {
        status,
        headers: vec![("Content-Type".into(), "text/html".into())],
        body,
    }
}

fn redirect(to: String) -> Answer {
    Answer {
        status: "302 Found",
        headers: vec![("Location".into(), to)],
        body: Vec::new(),
    }
}

fn handle(
    stream: TcpStream,
    pages: &HashMap<String, Vec<u8>>,
    edits: &AtomicUsize,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut gzip = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("accept-encoding:") && lower.contains("gzip") {
            gzip = true;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut out = stream;
    let answer = match path.split('/').collect::<Vec<_>>().as_slice() {
        ["", "page", name] => match pages.get(*name) {
            Some(body) => html("200 OK", body.clone()),
            None => html("404 Not Found", b"<h1>Not found</h1>".to_vec()),
        },
        ["", "gz", name] if gzip => {
            let mut answer = html("200 OK", gzipped(&pages[*name]));
            answer
                .headers
                .push(("Content-Encoding".into(), "gzip".into()));
            answer
        }
        ["", "redirect", n, name] => match n.parse::<u32>() {
            Ok(0) | Err(_) => redirect(format!("/page/{name}")),
            Ok(n) => redirect(format!("/redirect/{}/{name}", n - 1)),
        },
        ["", "loop"] => redirect("/loop".into()),
        ["", "missing"] => html("404 Not Found", b"<h1>Not found</h1>".to_vec()),
        ["", "broken"] => html("503 Service Unavailable", b"down".to_vec()),
        ["", "login"] => html("403 Forbidden", b"log in".to_vec()),
        ["", "pdf"] => Answer {
            status: "200 OK",
            headers: vec![("Content-Type".into(), "application/pdf".into())],
            body: b"%PDF-1.4".to_vec(),
        },
        ["", "latin1", name] => {
            let mut answer = html("200 OK", pages[*name].clone());
            answer.headers[0].1 = "text/html; charset=ISO-8859-1".into();
            answer
        }
        ["", "edited", a, b] => {
            let n = edits.fetch_add(1, Ordering::SeqCst);
            html("200 OK", pages[if n == 0 { *a } else { *b }].clone())
        }
        ["", "slow-headers"] => {
            thread::sleep(SLOW);
            html("200 OK", b"<p>late</p>".to_vec())
        }
        ["", "slow-body"] => {
            write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\
                 Connection: close\r\n\r\n<html><body><p>"
            )?;
            out.flush()?;
            thread::sleep(SLOW);
            return Ok(());
        }
        ["", "huge"] => {
            write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {HUGE_BYTES}\r\n\
                 Connection: close\r\n\r\n"
            )?;
            let chunk = b"<p>filler words filler words filler words.</p>\n".repeat(1000);
            let mut sent = 0;
            while sent < HUGE_BYTES {
                let n = chunk.len().min(HUGE_BYTES - sent);
                // The client hangs up at its limit: stop then.
                if out.write_all(&chunk[..n]).is_err() {
                    return Ok(());
                }
                sent += n;
            }
            return Ok(());
        }
        _ => html("404 Not Found", Vec::new()),
    };
    write!(out, "HTTP/1.1 {}\r\n", answer.status)?;
    for (k, v) in &answer.headers {
        write!(out, "{k}: {v}\r\n")?;
    }
    write!(
        out,
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        answer.body.len()
    )?;
    out.write_all(&answer.body)?;
    out.flush()
}

fn gzipped(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}
