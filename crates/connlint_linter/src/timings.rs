//! Time spent in each rule, for finding the slow ones (as ESLint's `TIMING`): with
//! `CONNLINT_RULE_TIMINGS=1` in the environment, `connlint check` prints a table to standard
//! error after its report. Off, it costs one load of a flag per rule and connector.
//!
//! Facts that rules share (`Context::spec_violations`, the reference graph ...) are computed by
//! the first rule that asks for them, so their cost is charged to that rule.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// The environment variable that turns timing on (any value but `0`).
pub const VARIABLE: &str = "CONNLINT_RULE_TIMINGS";

/// How many rules the table shows.
const SHOWN: usize = 40;

/// Whether rule timing is on for this process.
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os(VARIABLE).is_some_and(|value| value != "0"))
}

/// Time and runs per rule id, over every connector linted so far.
static TOTALS: Mutex<Option<HashMap<&'static str, (Duration, u32)>>> = Mutex::new(None);

/// Adds one run of rule `id` that took `spent`.
pub(crate) fn record(id: &'static str, spent: Duration) {
    let mut totals = TOTALS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let entry = totals.get_or_insert_with(HashMap::new).entry(id).or_default();
    entry.0 += spent;
    entry.1 += 1;
}

/// The table of the slowest rules so far, or `None` when nothing was timed.
pub fn table() -> Option<String> {
    let totals = TOTALS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let totals = totals.as_ref().filter(|t| !t.is_empty())?;
    Some(render(totals.iter().map(|(id, &(spent, runs))| (*id, spent, runs)).collect()))
}

/// Slowest first (ties by id), with each rule's share of all rules' time; times are summed over
/// threads, so they add up to CPU time rather than to the run's wall time.
fn render(mut rows: Vec<(&'static str, Duration, u32)>) -> String {
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let total: Duration = rows.iter().map(|row| row.1).sum();
    let millis = |d: Duration| d.as_secs_f64() * 1e3;
    let width = rows.iter().take(SHOWN).map(|row| row.0.len()).max().unwrap_or(0).max("rule".len());
    let mut out = format!("{:<width$}  {:>10}  {:>6}  {:>6}\n", "rule", "time (ms)", "share", "runs");
    for (id, spent, runs) in rows.iter().take(SHOWN) {
        let share = if total.is_zero() { 0.0 } else { 100.0 * spent.as_secs_f64() / total.as_secs_f64() };
        out.push_str(&format!("{id:<width$}  {:>10.2}  {share:>5.1}%  {runs:>6}\n", millis(*spent)));
    }
    if rows.len() > SHOWN {
        let rest: Duration = rows[SHOWN..].iter().map(|row| row.1).sum();
        out.push_str(&format!("{:<width$}  {:>10.2}\n", format!("({} more rules)", rows.len() - SHOWN), millis(rest)));
    }
    out.push_str(&format!("{:<width$}  {:>10.2}\n", "all rules", millis(total)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slowest_first_with_shares_and_a_total() {
        let ms = Duration::from_millis;
        let table = render(vec![("url-invalid", ms(1), 3), ("spec-constraint-violated", ms(3), 2), ("array-empty", ms(1), 1)]);
        let expected = "\
rule                       time (ms)   share    runs
spec-constraint-violated        3.00   60.0%       2
array-empty                     1.00   20.0%       1
url-invalid                     1.00   20.0%       3
all rules                       5.00
";
        assert_eq!(table, expected);
    }

    #[test]
    fn beyond_the_shown_rules_one_line_sums_the_rest() {
        let ids: Vec<&'static str> = (0..SHOWN + 2).map(|i| &*Box::leak(format!("rule-{i:02}").into_boxed_str())).collect();
        let rows = ids.iter().map(|id| (*id, Duration::from_millis(2), 1)).collect();
        let table = render(rows);
        assert!(table.contains("(2 more rules)        4.00\n"), "{table}");
        assert!(table.ends_with(&format!("all rules  {:>10.2}\n", 2.0 * (SHOWN + 2) as f64)), "{table}");
        assert_eq!(table.lines().count(), 1 + SHOWN + 2);
    }
}
