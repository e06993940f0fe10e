//! Work spread over every core.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `work` applied to each of `items` on every core, the results in the items' order,
/// so that the output is the same whatever the number of threads. A thread takes the
/// next item as soon as it is free: one big item (a long API file, an operation with
/// many parameters) does not hold back a fixed share of the others. `Err` if a worker
/// panicked (a bug in apibind), with the message.
pub fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Result<Vec<R>, String> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return Ok(items.iter().map(work).collect());
    }
    let next = AtomicUsize::new(0);
    let take = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else {
                return done;
            };
            done.push((index, work(item)));
        }
    };
    let shares: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        // The calling thread only waits: a new thread starts on its core, and would
        // share it for the first milliseconds, which is the whole of a small run.
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(take)).collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .map_err(|_| "internal error: a worker thread panicked".to_owned())
            })
            .collect::<Result<_, _>>()
    })?;
    let mut results: Vec<(usize, R)> = shares.into_iter().flatten().collect();
    results.sort_unstable_by_key(|(index, _)| *index);
    Ok(results.into_iter().map(|(_, result)| result).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_items_order() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven work: early items are slow.
        let squares = super::map(&items, |&n| {
            if n < 10 {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            n * n
        })
        .expect("no panic");
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert_eq!(super::map(&[] as &[u8], |b| *b), Ok(vec![]));
    }

    #[test]
    fn a_panicking_worker_is_an_error_not_a_panic() {
        let items: Vec<u32> = (0..64).collect();
        let result = super::map(&items, |&n| {
            if n == 63 {
                panic!("boom");
            }
            n
        });
        assert!(result.unwrap_err().contains("internal error"));
    }
}
