//! Linting on every thread with results handed over in the order of the targets, so that a
//! caller can write them out as they come and free each one: memory is bounded by the targets
//! in flight, not by the repository.

use crate::{configs_before_linting, lint_loaded, rules_with, ConnectorReport, LintError, LintOptions, Release, RuleSet, Target};
use connlint_core::{Connector, Overlay};
use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

/// How many targets each thread may lint ahead of the one the caller waits for. Enough that one
/// large connector (tens of milliseconds, where most take one) does not leave the other threads
/// idle: with 4 the corpus ran 2% slower. A target waiting its turn holds only what the visitor
/// returned (for `check`, its rendered output), so this bounds memory by the window, not by the
/// repository.
const AHEAD_PER_THREAD: usize = 32;

/// Lints `targets` as [`crate::lint_each_with`] does (same configuration lookup, rules and
/// visitor), and hands each target with its visitors' results to `consume`, in the order of
/// `targets`, as soon as it and every target before it are done. At most
/// `AHEAD_PER_THREAD` targets per thread are linted or waiting ahead of the one `consume`
/// needs next. When `consume` breaks, no target is started after it and the call returns.
///
/// The work runs on threads of its own (as many as rayon's pool has), not in rayon's pool:
/// a worker waits when it is too far ahead, and waiting inside the pool could deadlock work
/// stolen by that thread. Big connectors and solutions still spread over rayon's pool.
/// `consume` runs on those threads too, one call at a time: the worker that finishes the target
/// due next hands it and every finished one after it over, so no thread sleeps and wakes per
/// target only to pass results on.
pub fn lint_in_order<R: Send>(
    targets: Vec<Target>,
    options: &LintOptions,
    visit: impl Fn(&Target, &RuleSet, &Connector, ConnectorReport) -> R + Sync,
    consume: impl FnMut(Target, Vec<R>) -> ControlFlow<()> + Send,
) -> Result<(), LintError> {
    // The rules themselves are made when a target is linted: a few kilobytes each, they would
    // otherwise be held for every target of the repository at once.
    let configs = configs_before_linting(&targets, options)?;
    let total = targets.len();
    let threads = rayon::current_num_threads().clamp(1, total.max(1));
    let window =
        Window { consumed: Mutex::new(0), moved: Condvar::new(), ahead: threads * AHEAD_PER_THREAD, stopped: AtomicBool::new(false) };
    let queue = Mutex::new(targets.into_iter().zip(configs).enumerate());
    let no_overlay = Overlay::default();
    let handover = Mutex::new(Handover { finished: BTreeMap::new(), next: 0, busy: false });
    let consume = Mutex::new(consume);
    let (queue, window, visit, no_overlay, handover, consume) = (&queue, &window, &visit, &no_overlay, &handover, &consume);
    let work = move || loop {
        // Taken in order under the lock, so the index due next is always being linted,
        // never queued behind a waiting worker.
        let Some((index, (target, config))) = queue.lock().unwrap_or_else(PoisonError::into_inner).next() else { break };
        if !window.wait_for_turn(index) {
            break;
        }
        let rules = rules_with(&target, options, config);
        let release = release_of(options, index, total);
        let results = lint_loaded(&target, &rules, options, no_overlay, &|unit, report| visit(&target, &rules, unit, report), release);
        if let Some(progress) = &options.progress {
            progress.done.fetch_add(1, Ordering::Relaxed);
        }
        hand_over(handover, window, consume, index, target, results);
    };
    // No thread is started for a single target: starting one and getting it onto a core took a
    // few tenths of a millisecond, a few percent of linting one connector. It is linted on one
    // of rayon's threads, so that the work it shares out (its model beside its `spec` walk, its
    // rules) is taken from that thread's queue, not sent into the pool from outside and waited
    // for each time. With several targets, the calling thread is one of the workers, instead of
    // a thread that would only wait for them.
    if threads == 1 {
        rayon::scope(|_| work());
    } else {
        std::thread::scope(|scope| {
            for _ in 1..threads {
                scope.spawn(work);
            }
            work();
        });
    }
    Ok(())
}

/// What becomes of target `index` of `total` once linted: only the last one of a process that
/// exits after the run is left to the system.
fn release_of(options: &LintOptions, index: usize, total: usize) -> Release {
    if options.exits_after && index + 1 == total {
        Release::LeaveToExit
    } else {
        Release::Free
    }
}

/// Finished targets waiting for their turn.
struct Handover<R> {
    finished: BTreeMap<usize, (Target, Vec<R>)>,
    /// The index of the target due next.
    next: usize,
    /// Whether a worker is handing targets over (it takes any that finish meanwhile).
    busy: bool,
}

/// Files a finished target; unless another worker is at it, hands over every target that is
/// due, in order.
fn hand_over<R, C: FnMut(Target, Vec<R>) -> ControlFlow<()>>(
    handover: &Mutex<Handover<R>>,
    window: &Window,
    consume: &Mutex<C>,
    index: usize,
    target: Target,
    results: Vec<R>,
) {
    let lock = || handover.lock().unwrap_or_else(PoisonError::into_inner);
    let mut state = lock();
    state.finished.insert(index, (target, results));
    if state.busy {
        return;
    }
    state.busy = true;
    loop {
        let next = state.next;
        let due = if window.is_stopped() { None } else { state.finished.remove(&next) };
        let Some((target, results)) = due else {
            // Checked and cleared under the lock: a target filed after this finds `busy` off.
            state.busy = false;
            return;
        };
        drop(state);
        let flow = (consume.lock().unwrap_or_else(PoisonError::into_inner))(target, results);
        state = lock();
        state.next = next + 1;
        window.consumed(next + 1);
        if flow.is_break() {
            window.stop();
        }
    }
}

/// How far the workers may run ahead of the caller.
struct Window {
    /// Targets handed to the caller so far.
    consumed: Mutex<usize>,
    moved: Condvar,
    ahead: usize,
    stopped: AtomicBool,
}

impl Window {
    /// Waits until target `index` is within the window; false when the run was stopped.
    fn wait_for_turn(&self, index: usize) -> bool {
        let mut consumed = self.consumed.lock().unwrap_or_else(PoisonError::into_inner);
        while index >= *consumed + self.ahead && !self.stopped.load(Ordering::Relaxed) {
            consumed = self.moved.wait(consumed).unwrap_or_else(PoisonError::into_inner);
        }
        !self.stopped.load(Ordering::Relaxed)
    }

    fn consumed(&self, count: usize) {
        *self.consumed.lock().unwrap_or_else(PoisonError::into_inner) = count;
        self.moved.notify_all();
    }

    fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }

    fn stop(&self) {
        let _guard = self.consumed.lock().unwrap_or_else(PoisonError::into_inner);
        self.stopped.store(true, Ordering::Relaxed);
        self.moved.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover;
    use std::path::PathBuf;

    #[test]
    fn only_the_last_target_of_a_process_that_exits_after_the_run_is_left_unfreed() {
        let exiting = LintOptions { exits_after: true, ..Default::default() };
        let releases: Vec<Release> = (0..3).map(|i| release_of(&exiting, i, 3)).collect();
        assert_eq!(releases, [Release::Free, Release::Free, Release::LeaveToExit]);
        let staying = LintOptions::default();
        assert!((0..3).all(|i| release_of(&staying, i, 3) == Release::Free), "a library caller keeps every connector freed");
    }

    /// Folders `c0` ... `c{n-1}`, each a connector whose swagger has no operationId.
    fn connectors(n: usize) -> (tempfile::TempDir, Vec<Target>) {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..n {
            let folder = dir.path().join(format!("c{i:03}"));
            std::fs::create_dir(&folder).unwrap();
            let swagger = format!(
                r#"{{"swagger": "2.0", "info": {{"title": "C{i}", "version": "1"}}, "host": "x.example.com",
  "paths": {{"/a": {{"get": {{"responses": {{"200": {{"description": "OK"}}}}}}}}}}}}"#
            );
            std::fs::write(folder.join("apiDefinition.swagger.json"), swagger).unwrap();
        }
        let (targets, errors) = discover(&[dir.path().to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        (dir, targets)
    }

    fn options() -> LintOptions {
        LintOptions { no_config: true, ..Default::default() }
    }

    #[test]
    fn targets_arrive_in_order_with_the_same_reports_as_lint_each() {
        let (_dir, targets) = connectors(40);
        let expected: Vec<(String, usize)> = crate::lint_each(targets.clone(), &options())
            .unwrap()
            .into_iter()
            .map(|t| (t.reports[0].name.clone(), t.reports[0].findings.len()))
            .collect();
        let mut seen = Vec::new();
        lint_in_order(
            targets,
            &options(),
            |_, _, _, report| (report.name.clone(), report.findings.len()),
            |_, mut results| {
                seen.push(results.remove(0));
                ControlFlow::Continue(())
            },
        )
        .unwrap();
        assert_eq!(seen, expected);
        assert!(seen.iter().all(|(_, findings)| *findings > 0), "every connector has findings: {seen:?}");
    }

    /// More targets than the window holds, several times over.
    fn beyond_the_window() -> usize {
        3 * rayon::current_num_threads() * AHEAD_PER_THREAD + 10
    }

    #[test]
    fn workers_stay_within_the_window() {
        let n = beyond_the_window();
        let (_dir, targets) = connectors(n);
        let linted = std::sync::atomic::AtomicUsize::new(0);
        let mut most_ahead = 0;
        let mut consumed = 0;
        lint_in_order(
            targets,
            &options(),
            |_, _, _, _| {
                linted.fetch_add(1, Ordering::SeqCst);
            },
            |_, _| {
                consumed += 1;
                // A slow consumer: the workers must wait for it rather than run through all.
                std::thread::sleep(std::time::Duration::from_millis(1));
                most_ahead = most_ahead.max(linted.load(Ordering::SeqCst) - consumed);
                ControlFlow::Continue(())
            },
        )
        .unwrap();
        assert_eq!(consumed, n);
        let limit = rayon::current_num_threads() * AHEAD_PER_THREAD;
        assert!(most_ahead <= limit, "{most_ahead} linted ahead of the consumer, more than {limit}");
    }

    #[test]
    fn a_consumer_that_breaks_stops_the_run() {
        let (_dir, targets) = connectors(beyond_the_window());
        let linted = std::sync::atomic::AtomicUsize::new(0);
        let mut consumed = 0;
        lint_in_order(
            targets,
            &options(),
            |_, _, _, _| {
                linted.fetch_add(1, Ordering::SeqCst);
            },
            |_, _| {
                consumed += 1;
                if consumed == 3 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        )
        .unwrap();
        assert_eq!(consumed, 3);
        let limit = 3 + rayon::current_num_threads() * (AHEAD_PER_THREAD + 1);
        assert!(linted.load(Ordering::SeqCst) <= limit, "{} linted after a stop at 3", linted.load(Ordering::SeqCst));
    }

    #[test]
    fn a_bad_configuration_stops_the_run_before_anything_is_linted() {
        let (dir, targets) = connectors(2);
        let config = dir.path().join("connlint.toml");
        std::fs::write(&config, "not = [valid").unwrap();
        let options = LintOptions { config: Some(PathBuf::from(&config)), ..Default::default() };
        let mut consumed = 0;
        let result = lint_in_order(
            targets,
            &options,
            |_, _, _, _| (),
            |_, _| {
                consumed += 1;
                ControlFlow::Continue(())
            },
        );
        assert!(matches!(result, Err(LintError::Config(_))), "{result:?}");
        assert_eq!(consumed, 0);
    }

    #[test]
    fn no_targets_is_no_work() {
        let mut consumed = 0;
        lint_in_order(
            Vec::new(),
            &options(),
            |_, _, _, _| (),
            |_, _| {
                consumed += 1;
                ControlFlow::Continue(())
            },
        )
        .unwrap();
        assert_eq!(consumed, 0);
    }
}
