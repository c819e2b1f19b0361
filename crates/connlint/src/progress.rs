//! The progress bar drawn on standard error while many connectors are linted.
//!
//! The linter counts connectors in a [`Progress`]; a thread here reads it and draws the bar. The
//! bar appears only for runs over [`MIN_CONNECTORS`] connectors that last longer than
//! [`DELAY`], so short runs never flicker, and it is cleared before anything else is printed.

use crate::output::Format;
use connlint_linter::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Fewer connectors than this never get a bar.
pub const MIN_CONNECTORS: usize = 20;
/// A run that ends sooner than this never shows a bar.
pub const DELAY: Duration = Duration::from_millis(200);
const TICK: Duration = Duration::from_millis(50);

/// Whether a run may show a bar: only for people (human output, not `--quiet`, not `--diff`)
/// watching a terminal on standard error. Machine formats never get one, even on a terminal.
pub fn wanted(format: Format, quiet: bool, diff: bool, stderr_is_terminal: bool) -> bool {
    format == Format::Human && !quiet && !diff && stderr_is_terminal
}

/// Draws the bar until dropped.
pub struct Bar {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Bar {
    /// Starts watching `progress`; the caller decides whether a bar is wanted at all (a terminal,
    /// human output, not `--quiet`).
    pub fn start(progress: Arc<Progress>) -> Bar {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::Builder::new().name("connlint-progress".into()).spawn(move || draw(&progress, &stopping)).ok();
        Bar { stop, thread }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

fn draw(progress: &Progress, stop: &AtomicBool) {
    let started = Instant::now();
    let mut bar: Option<ProgressBar> = None;
    while !stop.load(Ordering::Relaxed) {
        std::thread::park_timeout(TICK);
        let total = progress.total.load(Ordering::Relaxed);
        let done = progress.done.load(Ordering::Relaxed);
        if bar.is_none() && total >= MIN_CONNECTORS && started.elapsed() >= DELAY && done < total {
            let style = ProgressStyle::with_template("{spinner} linting connectors {wide_bar} {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            let new = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr()).with_style(style);
            bar = Some(new);
        }
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            bar.tick();
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_only_for_human_output_on_a_terminal() {
        assert!(wanted(Format::Human, false, false, true));
        assert!(!wanted(Format::Human, false, false, false), "stderr is not a terminal");
        assert!(!wanted(Format::Human, true, false, true), "--quiet");
        assert!(!wanted(Format::Human, false, true, true), "--diff");
        for format in [Format::Json, Format::Sarif, Format::Github, Format::Junit, Format::Compact] {
            assert!(!wanted(format, false, false, true));
        }
    }

    #[test]
    fn stopping_a_bar_that_never_showed_returns_at_once() {
        let progress = Arc::new(Progress::default());
        progress.total.store(MIN_CONNECTORS, Ordering::Relaxed);
        let started = Instant::now();
        drop(Bar::start(progress));
        assert!(started.elapsed() < DELAY, "took {:?}", started.elapsed());
    }
}
