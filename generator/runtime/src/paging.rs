// Walking every page of an offset-paged collection. apibind emits this file verbatim
// into every generated crate.

use std::future::Future;
use std::pin::Pin;

use futures_util::stream::{self, Stream, TryStreamExt};

use crate::error::Error;

/// A stream of pages or records, read with `futures_util::StreamExt::next` (or
/// `futures::StreamExt`). Boxed, so it can be polled without pinning it first.
pub type Paged<T> = Pin<Box<dyn Stream<Item = Result<T, Error>> + Send + 'static>>;

/// Every page, fetched lazily one after the other: from `offset`, asking for `limit`
/// records a page (the server's default when `None`). The walk stops after an error
/// or an empty page, and once `total` records are behind it; pages that do not tell
/// the total end the walk when they hold fewer records than asked for. `measure`
/// tells a page's record count and total.
#[allow(dead_code, reason = "only APIs with paged collections call it")]
pub(crate) fn pages<P, F, Fut>(
    offset: i64,
    limit: Option<i64>,
    fetch: F,
    measure: fn(&P) -> (usize, Option<i64>),
) -> Paged<P>
where
    P: Send + 'static,
    F: FnMut(i64, Option<i64>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<P, Error>> + Send + 'static,
{
    Box::pin(stream::unfold(
        Some((fetch, offset)),
        move |state| async move {
            let (mut fetch, offset) = state?;
            match fetch(offset, limit).await {
                Err(error) => Some((Err(error), None)),
                Ok(page) => {
                    let (count, total) = measure(&page);
                    let next = offset.saturating_add(i64::try_from(count).unwrap_or(i64::MAX));
                    let full =
                        limit.is_none_or(|limit| i64::try_from(count).is_ok_and(|c| c >= limit));
                    let more = count > 0
                        && match total {
                            Some(total) => next < total,
                            None => full,
                        };
                    Some((Ok(page), more.then_some((fetch, next))))
                }
            }
        },
    ))
}

/// The records of every page of `pages`, one by one.
#[allow(dead_code, reason = "only APIs with paged collections call it")]
pub(crate) fn records<P, T>(pages: Paged<P>, items: fn(P) -> Vec<T>) -> Paged<T>
where
    P: Send + 'static,
    T: Send + 'static,
{
    Box::pin(
        pages
            .map_ok(move |page| stream::iter(items(page).into_iter().map(Ok)))
            .try_flatten(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;

    /// A fake API with `total` records, answering at most `max` a page; pages say the
    /// total when `tells_total`.
    fn walk(total: i64, max: i64, limit: Option<i64>, tells_total: bool) -> Vec<Vec<i64>> {
        let fetch = move |offset: i64, limit: Option<i64>| async move {
            let size = limit.unwrap_or(max).min(max);
            let records: Vec<i64> = (offset..(offset + size).min(total)).collect();
            Ok::<_, Error>((records, tells_total.then_some(total)))
        };
        let measure = |page: &(Vec<i64>, Option<i64>)| (page.0.len(), page.1);
        let stream = pages(0, limit, fetch, measure);
        futures_executor_free_block_on(stream.map(|page| page.unwrap().0).collect())
    }

    /// Polls a future on this thread; the fake fetches never wait.
    fn futures_executor_free_block_on<T>(future: impl Future<Output = T>) -> T {
        use std::task::{Context, Poll, Waker};
        let mut future = std::pin::pin!(future);
        let mut context = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(value) = future.as_mut().poll(&mut context) {
                return value;
            }
        }
    }

    fn sizes(pages: Vec<Vec<i64>>) -> Vec<usize> {
        pages.iter().map(Vec::len).collect()
    }

    #[test]
    fn walks_every_page_and_stops() {
        assert_eq!(sizes(walk(320, 150, Some(150), true)), [150, 150, 20]);
        assert_eq!(sizes(walk(0, 150, Some(150), true)), [0]);
        // The server gives fewer than asked, but the total says there is more.
        assert_eq!(sizes(walk(320, 100, Some(150), true)), [100, 100, 100, 20]);
        // Without a total, a short page is the last one.
        assert_eq!(sizes(walk(320, 100, Some(150), false)), [100]);
        assert_eq!(sizes(walk(320, 150, Some(150), false)), [150, 150, 20]);
        // Without a page size either, only an empty page ends the walk.
        assert_eq!(sizes(walk(250, 100, None, false)), [100, 100, 50, 0]);
    }
}
