//! Terminal input on a thread of its own, so that the event loop never blocks inside crossterm.
//!
//! crossterm 0.29 spins forever inside `event::poll` and `event::read` once its terminal is
//! gone (a closed window, a killed tmux pane; crossterm-rs/crossterm#793), timeout or not: a
//! loop that polls there never sees SIGTERM or SIGHUP again and burns a core until killed
//! with SIGKILL. Reading here keeps the loop free to notice the signal flag and a hung-up
//! terminal, save what is being typed, and exit; a stuck reader ends with the process.

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};

const INPUT_THREAD: &str = "casefile-input";

/// Events from the terminal, read on the input thread.
pub struct Input {
    rx: Receiver<io::Result<Event>>,
    /// Whether stdin was a terminal at the start, so a hang-up of it means the end (a pipe
    /// at its end also reports a hang-up, and means nothing here).
    watch_stdin: bool,
    /// Asks the thread to stop reading (while an editor has the terminal).
    paused: Arc<AtomicBool>,
    /// The thread has seen `paused` and reads nothing until it is cleared.
    idle: Arc<AtomicBool>,
}

/// How long the thread waits for input before looking at `paused` again.
const PAUSE_CHECK: Duration = Duration::from_millis(30);

impl Input {
    pub fn start() -> io::Result<Input> {
        let (tx, rx) = mpsc::channel();
        let paused = Arc::new(AtomicBool::new(false));
        let idle = Arc::new(AtomicBool::new(false));
        let (thread_paused, thread_idle) = (Arc::clone(&paused), Arc::clone(&idle));
        thread::Builder::new()
            .name(INPUT_THREAD.into())
            .spawn(move || {
                loop {
                    if thread_paused.load(Ordering::Acquire) {
                        thread_idle.store(true, Ordering::Release);
                        thread::sleep(PAUSE_CHECK);
                        continue;
                    }
                    // Waiting in `poll` rather than `read` lets a pause take effect.
                    match event::poll(PAUSE_CHECK) {
                        Ok(false) => continue,
                        Ok(true) => {}
                        Err(e) => {
                            let over = e.kind() != io::ErrorKind::Interrupted;
                            if tx.send(Err(e)).is_err() || over {
                                break;
                            }
                            continue;
                        }
                    }
                    let event = event::read();
                    let over = matches!(&event, Err(e) if e.kind() != io::ErrorKind::Interrupted);
                    if tx.send(event).is_err() || over {
                        break;
                    }
                }
            })?;
        Ok(Input {
            rx,
            watch_stdin: io::stdin().is_terminal(),
            paused,
            idle,
        })
    }

    /// Stops reading the terminal (another program is about to use it), once the thread
    /// has left its wait (within `PAUSE_CHECK`, or a second at most).
    pub fn pause(&self) {
        self.idle.store(false, Ordering::Release);
        self.paused.store(true, Ordering::Release);
        let start = Instant::now();
        while !self.idle.load(Ordering::Acquire) && start.elapsed() < Duration::from_secs(1) {
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Reads the terminal again.
    pub fn resume(&self) {
        self.paused.store(false, Ordering::Release);
    }

    /// The next event, waiting at most `timeout`; `Ok(None)` when none came in time, an error
    /// when no more can come.
    pub fn next(&self, timeout: Duration) -> io::Result<Option<Event>> {
        match self.rx.recv_timeout(timeout) {
            Ok(Ok(event)) => Ok(Some(event)),
            Ok(Err(e)) if e.kind() == io::ErrorKind::Interrupted => Ok(None),
            Ok(Err(e)) => Err(e),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the terminal input ended",
            )),
        }
    }

    /// True once the terminal has hung up (its window closed, its tmux pane killed): no key
    /// will come again, even if no SIGHUP was delivered.
    pub fn terminal_gone(&self) -> bool {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        if !self.watch_stdin {
            return false;
        }
        let stdin = io::stdin();
        let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
        let now = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        poll(&mut fds, Some(&now)).is_ok()
            && fds[0]
                .revents()
                .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
    }
}
