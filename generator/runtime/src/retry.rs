// Retries and client-side rate limiting. apibind emits this file verbatim into every
// generated crate.

use std::collections::VecDeque;
use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};

/// When a request is tried again: after a `429 Too Many Requests` (waiting for its
/// `Retry-After`, or backing off exponentially with jitter when it has none) and, for
/// methods that are safe to repeat (GET, HEAD, PUT, DELETE), after a failed
/// connection or a gateway's 502, 503 or 504. Both the number of retries and the
/// total time spent waiting are bounded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    max_total_wait: Duration,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// 3 retries, at most 60 s of waiting in all, backoff from 500 ms up to 30 s.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            max_total_wait: Duration::from_secs(60),
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Tries a request at most `retries` more times.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Gives up rather than wait longer than `wait` in all for one request.
    pub fn max_total_wait(mut self, wait: Duration) -> Self {
        self.max_total_wait = wait;
        self
    }

    /// The first backoff; each retry doubles it, up to [`RetryPolicy::max_delay`].
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest single backoff.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// How many retries are allowed.
    pub(crate) fn retries(&self) -> u32 {
        self.max_retries
    }

    /// The wait before retry number `retry` (0-based): exponential, capped, and
    /// jittered to between half and all of it so that clients do not retry in step.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exponential = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(retry))
            .min(self.max_delay);
        let half = exponential / 2;
        half + half.mul_f64(random_fraction())
    }

    /// Whether waiting `wait` more, after `waited`, stays within the bound.
    pub(crate) fn may_wait(&self, waited: Duration, wait: Duration) -> bool {
        waited.saturating_add(wait) <= self.max_total_wait
    }
}

/// A number in `[0, 1)` that differs between calls, without a random-number crate:
/// std's hasher keys are random per process and per hasher.
fn random_fraction() -> f64 {
    let bits = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

/// The wait a `Retry-After` header asks for: seconds, or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = SystemTime::from(date);
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// Keeps a client under a number of requests per window of time: a request waits
/// until fewer than that many were sent in the window before it.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    requests: usize,
    window: Duration,
    /// When the requests of the last window were (or will be) sent, oldest first.
    sent: Mutex<VecDeque<Instant>>,
}

impl RateLimiter {
    /// A limiter allowing `requests` (at least one) per `window`.
    pub(crate) fn new(requests: u32, window: Duration) -> Self {
        RateLimiter {
            requests: usize::try_from(requests.max(1)).unwrap_or(usize::MAX),
            window,
            sent: Mutex::new(VecDeque::new()),
        }
    }

    /// Waits for a slot, then takes it.
    pub(crate) async fn acquire(&self) {
        let slot = {
            let mut sent = self
                .sent
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let now = Instant::now();
            let window = self.window;
            while sent
                .front()
                .is_some_and(|first| now.saturating_duration_since(*first) >= window)
            {
                sent.pop_front();
            }
            let slot = match sent.len() < self.requests {
                true => now,
                false => sent
                    .pop_front()
                    .and_then(|first| first.checked_add(window))
                    .unwrap_or(now),
            };
            sent.push_back(slot);
            slot
        };
        tokio::time::sleep_until(slot.into()).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn backoff_doubles_is_capped_and_jittered() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(300));
        for _ in 0..50 {
            let first = policy.backoff(0);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let third = policy.backoff(2);
            assert!(third >= Duration::from_millis(150) && third <= Duration::from_millis(300));
            assert!(policy.backoff(40) <= Duration::from_millis(300));
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(
            retry_after(&headers),
            Some(Duration::ZERO),
            "a date in the past"
        );
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn total_wait_is_bounded() {
        let policy = RetryPolicy::default().max_total_wait(Duration::from_secs(2));
        assert!(policy.may_wait(Duration::from_secs(1), Duration::from_secs(1)));
        assert!(!policy.may_wait(Duration::from_secs(1), Duration::from_millis(1001)));
    }
}
