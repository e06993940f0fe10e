//! Rule `header-by-name`: docs print a header parameter like any other (`ifNoneMatch`,
//! `xRequestId`), with nothing that says where it goes. Its name does: the request
//! headers of the HTTP registries, and names with the `x-` prefix of custom headers,
//! are headers, sent under the header's conventional spelling.

use heck::ToTrainCase;

use crate::model::WireRule;

/// Request headers of the IANA HTTP field registry (RFC 9110, 9111, 7240, 6265, 7089,
/// 9530, the Idempotency-Key draft) and the W3C Trace Context, as registered. Headers
/// whose names are common words of queries (`Date`, `From`, `Range`, `Origin`,
/// `Host`, `Via`) are left out: a `date` or `from` parameter is nearly always a
/// query filter.
const REQUEST_HEADERS: &[&str] = &[
    "Accept",
    "Accept-Charset",
    "Accept-Datetime",
    "Accept-Encoding",
    "Accept-Language",
    "Authorization",
    "Baggage",
    "Cache-Control",
    "Cookie",
    "DNT",
    "Idempotency-Key",
    "If-Match",
    "If-Modified-Since",
    "If-None-Match",
    "If-Range",
    "If-Schedule-Tag-Match",
    "If-Unmodified-Since",
    "Max-Forwards",
    "Prefer",
    "Proxy-Authorization",
    "Referer",
    "Traceparent",
    "Tracestate",
    "User-Agent",
    "Want-Content-Digest",
    "Want-Repr-Digest",
];

/// Rule `header-of-a-key`: a parameter named like a header the API's own key schemes
/// travel in (`api_key`, declared by the SDK's README) is that header.
pub fn declared(documented: &str, key_headers: &[String]) -> Option<(String, WireRule)> {
    let key = letters(documented);
    key_headers
        .iter()
        .find(|h| letters(h) == key)
        .map(|h| (h.clone(), WireRule::KeyHeader))
}

/// Words that follow an `x` in names of coordinates, not of headers (`x_offset`,
/// `xAxis`, `xMin`).
const COORDINATE_WORDS: &[&str] = &[
    "axis",
    "coord",
    "coordinate",
    "end",
    "label",
    "max",
    "min",
    "offset",
    "pos",
    "position",
    "range",
    "scale",
    "shift",
    "size",
    "start",
    "step",
    "ticks",
    "value",
];

/// The header a documented parameter name stands for, with the rule that says so:
/// a registered request header in its registered spelling, or an `x-` name in
/// Train-Case (`xRequestId`, `x_request_id` → `X-Request-Id`). Header names are
/// case-insensitive; what matters is the words and hyphens.
pub fn header_for(documented: &str) -> Option<(String, WireRule)> {
    let key = letters(documented);
    if let Some(header) = REQUEST_HEADERS.iter().find(|h| letters(h) == key) {
        return Some(((*header).to_owned(), WireRule::HeaderRegistry));
    }
    let name = documented.trim_end_matches('_');
    let rest = name.strip_prefix(['x', 'X'])?;
    let separated = rest.starts_with(['-', '_']);
    let words = rest.trim_start_matches(['-', '_']);
    // `xml` and `xpath` are words of their own; `xMin`, `x_offset` and `xAxis` are
    // coordinates, beside their `y`.
    let first_word = words.split(['-', '_']).next().unwrap_or(words);
    let first_word = match separated {
        true => first_word,
        false => first_word
            .char_indices()
            .skip(1)
            .find(|(_, c)| c.is_ascii_uppercase())
            .map_or(first_word, |(i, _)| &first_word[..i]),
    };
    let starts_word = separated || rest.starts_with(|c: char| c.is_ascii_uppercase());
    let coordinate = COORDINATE_WORDS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(first_word));
    if !starts_word || words.len() < 3 || coordinate {
        return None;
    }
    Some((
        format!("X-{}", words.to_train_case()),
        WireRule::HeaderPrefix,
    ))
}

/// The name's letters and digits, lower-cased: how names that differ only in case and
/// separators compare.
fn letters(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_header_is_found_from_each_languages_spelling() {
        for header in REQUEST_HEADERS {
            let camel = heck::ToLowerCamelCase::to_lower_camel_case(*header);
            let snake = heck::ToSnakeCase::to_snake_case(*header);
            let pascal = heck::ToPascalCase::to_pascal_case(*header);
            for documented in [camel, snake, pascal, header.to_string()] {
                let found = header_for(&documented);
                assert_eq!(
                    found,
                    Some(((*header).to_owned(), WireRule::HeaderRegistry)),
                    "{documented}"
                );
            }
        }
    }

    #[test]
    fn registry_spellings_are_kept() {
        let header = |name: &str| header_for(name).map(|(h, _)| h);
        assert_eq!(header("ifNoneMatch").as_deref(), Some("If-None-Match"));
        assert_eq!(header("acceptLanguage").as_deref(), Some("Accept-Language"));
        assert_eq!(header("cookie").as_deref(), Some("Cookie"));
        assert_eq!(header("authorization").as_deref(), Some("Authorization"));
        assert_eq!(
            header("idempotency_key").as_deref(),
            Some("Idempotency-Key")
        );
        assert_eq!(header("Prefer").as_deref(), Some("Prefer"));
    }

    #[test]
    fn x_prefixed_names_are_custom_headers() {
        let header = |name: &str| header_for(name);
        assert_eq!(
            header("xRequestId"),
            Some(("X-Request-Id".to_owned(), WireRule::HeaderPrefix))
        );
        assert_eq!(
            header("x_tenant_id").map(|h| h.0).as_deref(),
            Some("X-Tenant-Id")
        );
        assert_eq!(header("XApiKey").map(|h| h.0).as_deref(), Some("X-Api-Key"));
        assert_eq!(header("x-trace").map(|h| h.0).as_deref(), Some("X-Trace"));
    }

    #[test]
    fn names_of_key_headers_are_those_headers() {
        let keys = ["api_key".to_owned()];
        assert_eq!(
            declared("apiKey", &keys),
            Some(("api_key".to_owned(), WireRule::KeyHeader))
        );
        assert_eq!(declared("apiKeys", &keys), None);
    }

    #[test]
    fn ordinary_names_are_no_headers() {
        for name in [
            "x",
            "xMin",
            "xml",
            "xpath",
            "date",
            "from",
            "range",
            "origin",
            "page",
            "accepted",
            "cookies_enabled",
            "authorizationId",
            "x_min",
            "x_offset",
            "xOffset",
            "xAxis",
            "x_axis",
            "xScale",
            "x-position",
            "xy",
        ] {
            assert_eq!(header_for(name), None, "{name}");
        }
    }
}
