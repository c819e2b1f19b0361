//! Linting on every thread with results handed over in the order of the targets, so that a
//! caller can write them out as they come and free each one: memory is bounded by the targets
//! in flight, not by the repository.

use crate::{
    config_for, configs_before_linting, explicit_config, lint_loaded, Config, ConfigCache, ConnectorReport, LintError, LintOptions,
    Release, RuleSet, RuleSets, Target,
};
use connlint_core::{Connector, Overlay};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, PoisonError};

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
/// stolen by that thread. (`connlint check`'s calling thread, one of the workers, is also one of
/// rayon's; it waits only between targets, with no rayon work of its own under way.) Each
/// connector is linted whole on its thread, except on one of rayon's (see `engine::spreads`);
/// a solution's units still spread over rayon's pool.
/// `consume` runs on those threads too, one call at a time: the worker that finishes the target
/// due next hands it and every finished one after it over, so no thread sleeps and wakes per
/// target only to pass results on.
pub fn lint_in_order<R: Send>(
    targets: Vec<Target>,
    options: &LintOptions,
    visit: impl Fn(&Target, &RuleSet, &Connector, ConnectorReport) -> R + Sync,
    consume: impl FnMut(Target, Vec<R>) -> ControlFlow<()> + Send,
) -> Result<(), LintError> {
    lint_in_order_as_found(|_| targets, options, visit, consume)
}

/// As [`lint_in_order`], for targets still to be found: `find` finds them on the calling
/// thread and returns them in the order `consume` takes them, and meanwhile hands `found` each
/// connector folder as soon as it is known (see [`crate::discover::discover_each`]). From the
/// second one on, the other threads lint those while the search goes on; each result is used
/// only if the target is among those returned, unchanged. Finding the connectors of a large
/// repository is mostly waiting for the file system, so the other cores would otherwise idle.
///
/// At most a window's worth of early results are held (see `AHEAD_PER_THREAD`). A visitor
/// must not depend on being called only for the targets returned: one found early may be
/// visited and then dropped.
pub fn lint_in_order_as_found<R: Send>(
    find: impl FnOnce(&mut dyn FnMut(&Target)) -> Vec<Target>,
    options: &LintOptions,
    visit: impl Fn(&Target, &RuleSet, &Connector, ConnectorReport) -> R + Sync,
    consume: impl FnMut(Target, Vec<R>) -> ControlFlow<()> + Send,
) -> Result<(), LintError> {
    let threads = rayon::current_num_threads().max(1);
    let ahead = threads * AHEAD_PER_THREAD;
    let window = Window::new(ahead);
    let early = Early::new(ahead);
    let plan: OnceLock<Plan> = OnceLock::new();
    let no_overlay = Overlay::default();
    let handover = Mutex::new(Handover { finished: BTreeMap::new(), next: 0, busy: false });
    let consume = Mutex::new(consume);
    let rule_sets = RuleSets::default();
    let (window, early, plan, visit, no_overlay, handover, consume, rule_sets) =
        (&window, &early, &plan, &visit, &no_overlay, &handover, &consume, &rule_sets);
    // The rules are made (or, without a configuration file, shared: see `RuleSets`) when a
    // target is linted: a few kilobytes each, they would otherwise be held for every target of
    // the repository at once.
    let lint = move |target: &Target, config, release| {
        let rules = rule_sets.for_target(target, options, config);
        lint_loaded(target, &rules, options, no_overlay, &|unit, report| visit(target, &rules, unit, report), release)
    };
    let work = move || {
        let Some(plan) = plan.get() else { return };
        loop {
            // Taken in order under the lock, so the index due next is always being linted,
            // never queued behind a waiting worker.
            let (next, left) = {
                let mut queue = plan.queue.lock().unwrap_or_else(PoisonError::into_inner);
                (queue.next(), queue.len())
            };
            let Some((index, (target, config))) = next else { break };
            if !window.wait_for_turn(index) {
                break;
            }
            let release = release_of(options, index, plan.total);
            let results = match early.take(&target) {
                Some(results) => results,
                // The last round (fewer targets left than threads) is linted on rayon's threads,
                // where a big connector's work is shared with the threads that have nothing left
                // to do (see `engine::spreads`); before that every thread has connectors of its own.
                None if left < threads => rayon::scope(|_| lint(&target, config, release)),
                None => lint(&target, config, release),
            };
            if let Some(progress) = &options.progress {
                progress.done.fetch_add(1, Ordering::Relaxed);
            }
            hand_over(handover, window, consume, index, target, results);
        }
    };
    let lint_early = move || {
        while let Some(target) = early.next() {
            let results = early.config_of(&target, options).map(|config| lint(&target, config, Release::Free));
            early.done(target, results);
        }
    };
    std::thread::scope(|scope| {
        let mut helpers = 0;
        let targets = find(&mut |target: &Target| {
            // A single connector is linted on its own; a thread started for it would cost more
            // than it saves.
            if threads > 1 && early.offer(target) == 2 {
                for _ in 1..threads {
                    scope.spawn(move || {
                        lint_early();
                        work();
                    });
                    helpers += 1;
                }
            }
        });
        // The folders' configuration files looked up while linting early are not looked up again.
        let planned = configs_before_linting(&targets, options, &early.configs).map(|configs| {
            let total = targets.len();
            let _ = plan.set(Plan { queue: Mutex::new(targets.into_iter().zip(configs).enumerate()), total });
            total
        });
        // The helpers go on to the work in order, or stop when there is none.
        early.close();
        let total = planned?;
        let workers = threads.clamp(1, total.max(1));
        // No thread is started for a single target: starting one and getting it onto a core
        // took a few tenths of a millisecond, a few percent of linting one connector. It is
        // linted on one of rayon's threads, so that the work it shares out (its model beside
        // its `spec` walk, its rules) is taken from that thread's queue, not sent into the pool
        // from outside and waited for each time. (`connlint check` makes the calling thread one
        // of rayon's, so the target is linted right here.) With several targets, the calling
        // thread is one of the workers, instead of a thread that would only wait for them.
        if workers == 1 && helpers == 0 {
            rayon::scope(|_| work());
        } else {
            for _ in helpers + 1..workers {
                scope.spawn(work);
            }
            work();
        }
        Ok(())
    })
}

/// The targets in order, once all are found.
struct Plan {
    /// Each target not yet started, with its index and configuration.
    queue: Mutex<TargetQueue>,
    total: usize,
}

type TargetQueue = std::iter::Enumerate<std::iter::Zip<std::vec::IntoIter<Target>, std::vec::IntoIter<Option<Arc<Config>>>>>;

/// Targets linted while the search for the others goes on (see [`lint_in_order_as_found`]),
/// by folder.
struct Early<R> {
    state: Mutex<EarlyState<R>>,
    changed: Condvar,
    /// How many targets may be waiting, being linted or linted at once.
    room: usize,
    /// The configuration given with `--config`, loaded by the first helper that needs it;
    /// `None` when it cannot be loaded (the run then stops once all targets are found).
    explicit: OnceLock<Option<Option<Arc<Config>>>>,
    configs: ConfigCache,
}

struct EarlyState<R> {
    offered: usize,
    waiting: VecDeque<Target>,
    /// The folders of the targets being linted.
    running: Vec<PathBuf>,
    linted: HashMap<PathBuf, (Target, Vec<R>)>,
    /// Set once every target is found: what was not started by then is linted in order.
    closed: bool,
}

impl<R> Early<R> {
    fn new(room: usize) -> Self {
        let state = EarlyState { offered: 0, waiting: VecDeque::new(), running: Vec::new(), linted: HashMap::new(), closed: false };
        Early { state: Mutex::new(state), changed: Condvar::new(), room, explicit: OnceLock::new(), configs: ConfigCache::default() }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, EarlyState<R>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Offers a connector folder found early, kept if there is room; returns how many have
    /// been offered.
    fn offer(&self, target: &Target) -> usize {
        let mut state = self.lock();
        state.offered += 1;
        let held = state.waiting.len() + state.running.len() + state.linted.len();
        if !state.closed && target.paths.dir.is_some() && held < self.room {
            state.waiting.push_back(target.clone());
            self.changed.notify_one();
        }
        state.offered
    }

    /// The next target to lint early, or `None` once all are found.
    fn next(&self) -> Option<Target> {
        let mut state = self.lock();
        loop {
            if state.closed {
                return None;
            }
            if let Some(target) = state.waiting.pop_front() {
                state.running.push(target.paths.dir.clone().unwrap_or_default());
                return Some(target);
            }
            state = self.changed.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Files the results of a target from [`Early::next`]: `None` when it could not be linted.
    fn done(&self, target: Target, results: Option<Vec<R>>) {
        let mut state = self.lock();
        let dir = target.paths.dir.clone().unwrap_or_default();
        state.running.retain(|running| *running != dir);
        if let Some(results) = results {
            state.linted.insert(dir, (target, results));
        }
        // A worker may be waiting for this very target (see `take`).
        self.changed.notify_all();
    }

    /// The results of `target` if it was linted early as it is, waiting for them while it is
    /// being linted, so that it is not linted twice.
    fn take(&self, target: &Target) -> Option<Vec<R>> {
        let dir = target.paths.dir.as_ref()?;
        let mut state = self.lock();
        while state.running.contains(dir) {
            state = self.changed.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
        match state.linted.remove(dir) {
            Some((early, results)) if early == *target => Some(results),
            _ => None,
        }
    }

    /// Every target is found: nothing more is started early.
    fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        state.waiting.clear();
        self.changed.notify_all();
    }

    /// The configuration of `target`, as [`configs_before_linting`] will find it; `None` when
    /// it cannot be loaded, which stops the run once all targets are found.
    fn config_of(&self, target: &Target, options: &LintOptions) -> Option<Option<Arc<Config>>> {
        let explicit = self.explicit.get_or_init(|| explicit_config(options).ok()).as_ref()?;
        config_for(target, options, explicit.as_ref(), &self.configs).ok()
    }
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
    progress: Mutex<WindowProgress>,
    moved: Condvar,
    ahead: usize,
    stopped: AtomicBool,
}

#[derive(Default)]
struct WindowProgress {
    /// Targets handed to the caller so far.
    consumed: usize,
    /// Workers waiting for the window to move: only then is a move signalled, since a signal
    /// is a system call even when nobody waits, and the window moves once per target.
    waiting: usize,
}

impl Window {
    fn new(ahead: usize) -> Self {
        Window { progress: Mutex::default(), moved: Condvar::new(), ahead, stopped: AtomicBool::new(false) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, WindowProgress> {
        self.progress.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until target `index` is within the window; false when the run was stopped.
    fn wait_for_turn(&self, index: usize) -> bool {
        let mut progress = self.lock();
        while index >= progress.consumed + self.ahead && !self.stopped.load(Ordering::Relaxed) {
            progress.waiting += 1;
            progress = self.moved.wait(progress).unwrap_or_else(PoisonError::into_inner);
            progress.waiting -= 1;
        }
        !self.stopped.load(Ordering::Relaxed)
    }

    fn consumed(&self, count: usize) {
        let mut progress = self.lock();
        progress.consumed = count;
        if progress.waiting > 0 {
            self.moved.notify_all();
        }
    }

    fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }

    fn stop(&self) {
        let _guard = self.lock();
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

    /// Each target's connector name and number of findings, as `lint_each` finds them.
    fn names_and_finding_counts(targets: &[Target]) -> Vec<(String, usize)> {
        crate::lint_each(targets.to_vec(), &options())
            .unwrap()
            .into_iter()
            .map(|t| (t.reports[0].name.clone(), t.reports[0].findings.len()))
            .collect()
    }

    #[test]
    fn only_the_last_round_of_targets_is_linted_on_rayons_threads() {
        let (_dir, targets) = connectors(12);
        let total = targets.len();
        let mut on_pool = Vec::new();
        lint_in_order(
            targets,
            &options(),
            |_, _, _, _| rayon::current_thread_index().is_some(),
            |_, results| {
                on_pool.push(results[0]);
                ControlFlow::Continue(())
            },
        )
        .unwrap();
        let threads = rayon::current_num_threads();
        // With one thread the whole run is on rayon's (one) thread; otherwise the workers are
        // threads of their own until fewer targets are left than there are threads.
        let expected: Vec<bool> = (0..total).map(|i| threads == 1 || i + threads >= total).collect();
        assert_eq!(on_pool, expected);
    }

    #[test]
    fn targets_arrive_in_order_with_the_same_reports_as_lint_each() {
        let (_dir, targets) = connectors(40);
        let expected = names_and_finding_counts(&targets);
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
    /// Runs `run` where rayon has two threads, so that targets are linted early whatever
    /// machine the tests run on.
    fn on_two_threads<T: Send>(run: impl FnOnce() -> T + Send) -> T {
        rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap().install(run)
    }

    /// Waits (a few seconds at most) until `done` holds.
    fn wait_until(done: impl Fn() -> bool) {
        let start = std::time::Instant::now();
        while !done() && start.elapsed() < std::time::Duration::from_secs(5) {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    /// What the visitor of these tests records: the connector, whether all targets were found
    /// by then, and its number of findings.
    type Visit = (String, bool, usize);

    #[test]
    fn targets_found_early_are_linted_once_while_the_search_goes_on_and_handed_over_in_order() {
        let (_dir, targets) = connectors(40);
        let expected = names_and_finding_counts(&targets);
        let all_found = AtomicBool::new(false);
        let visits: Mutex<Vec<Visit>> = Mutex::new(Vec::new());
        let mut seen = Vec::new();
        on_two_threads(|| {
            lint_in_order_as_found(
                |found| {
                    for target in &targets {
                        found(target);
                    }
                    // Some are linted before the search ends.
                    wait_until(|| !visits.lock().unwrap().is_empty());
                    all_found.store(true, Ordering::SeqCst);
                    targets.clone()
                },
                &options(),
                |_, _, _, report| {
                    visits.lock().unwrap().push((report.name.clone(), all_found.load(Ordering::SeqCst), report.findings.len()));
                    (report.name.clone(), report.findings.len())
                },
                |_, mut results| {
                    seen.push(results.remove(0));
                    ControlFlow::Continue(())
                },
            )
        })
        .unwrap();
        assert_eq!(seen, expected);
        let visits = visits.into_inner().unwrap();
        assert!(visits.iter().any(|(_, all_found, _)| !all_found), "none linted early: {visits:?}");
        let mut names: Vec<&String> = visits.iter().map(|(name, _, _)| name).collect();
        names.sort();
        names.dedup();
        assert_eq!((names.len(), visits.len()), (40, 40), "each linted once: {visits:?}");
    }

    #[test]
    fn a_target_found_early_is_linted_again_when_the_list_changes_it_and_dropped_when_it_leaves_it() {
        let (_dir, found_early) = connectors(3);
        // The list has the first as found, not the second, and the third with a problem more.
        let mut third = found_early[2].clone();
        let swagger = third.paths.swagger.clone().unwrap();
        third.problems.push(connlint_core::LoadProblem {
            kind: connlint_core::LoadProblemKind::NonstandardName { role: connlint_core::FileRole::Swagger },
            path: swagger,
            at: None,
        });
        let listed = vec![found_early[0].clone(), third.clone()];
        let visits: Mutex<Vec<Visit>> = Mutex::new(Vec::new());
        let all_found = AtomicBool::new(false);
        let mut seen: Vec<(Target, Visit)> = Vec::new();
        on_two_threads(|| {
            lint_in_order_as_found(
                |found| {
                    for target in &found_early {
                        found(target);
                    }
                    wait_until(|| visits.lock().unwrap().len() == 3);
                    all_found.store(true, Ordering::SeqCst);
                    listed.clone()
                },
                &options(),
                |_, _, _, report| {
                    let visit = (report.name.clone(), all_found.load(Ordering::SeqCst), report.findings.len());
                    visits.lock().unwrap().push(visit.clone());
                    visit
                },
                |target, mut results| {
                    seen.push((target, results.remove(0)));
                    ControlFlow::Continue(())
                },
            )
        })
        .unwrap();
        let visits = visits.into_inner().unwrap();
        assert_eq!(visits.iter().filter(|(_, all_found, _)| !all_found).count(), 3, "all three linted early: {visits:?}");
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].0, found_early[0]);
        assert!(!seen[0].1 .1, "the first is handed over as linted early");
        assert_eq!(seen[1].0, third);
        assert!(seen[1].1 .1, "the third is linted again as listed");
        let early_third = visits.iter().find(|(name, all_found, _)| *name == seen[1].1 .0 && !all_found).unwrap();
        assert_eq!(seen[1].1 .2, early_third.2 + 1, "its problem is reported: {visits:?}");
    }

    #[test]
    fn no_more_than_a_window_is_linted_early() {
        let room = 2 * AHEAD_PER_THREAD;
        let (_dir, targets) = connectors(room + 20);
        let linted = std::sync::atomic::AtomicUsize::new(0);
        let mut early = 0;
        on_two_threads(|| {
            lint_in_order_as_found(
                |found| {
                    for target in &targets {
                        found(target);
                    }
                    wait_until(|| linted.load(Ordering::SeqCst) >= room);
                    // Time for any beyond the window to be linted, were they allowed.
                    std::thread::sleep(std::time::Duration::from_millis(50));
                    early = linted.load(Ordering::SeqCst);
                    targets.clone()
                },
                &options(),
                |_, _, _, _| {
                    linted.fetch_add(1, Ordering::SeqCst);
                },
                |_, _| ControlFlow::Continue(()),
            )
        })
        .unwrap();
        assert_eq!(early, room, "as many as the window holds, and no more");
        assert_eq!(linted.load(Ordering::SeqCst), room + 20, "the others once all are found");
    }

    #[test]
    fn a_bad_configuration_stops_the_run_even_with_targets_found_early() {
        let (dir, targets) = connectors(3);
        let config = dir.path().join("connlint.toml");
        std::fs::write(&config, "not = [valid").unwrap();
        let options = LintOptions { config: Some(PathBuf::from(&config)), ..Default::default() };
        let linted = std::sync::atomic::AtomicUsize::new(0);
        let mut consumed = 0;
        let result = on_two_threads(|| {
            lint_in_order_as_found(
                |found| {
                    for target in &targets {
                        found(target);
                    }
                    targets.clone()
                },
                &options,
                |_, _, _, _| {
                    linted.fetch_add(1, Ordering::SeqCst);
                },
                |_, _| {
                    consumed += 1;
                    ControlFlow::Continue(())
                },
            )
        });
        assert!(matches!(result, Err(LintError::Config(_))), "{result:?}");
        assert_eq!((linted.load(Ordering::SeqCst), consumed), (0, 0));
    }
}
