//! Clean-up of the text real docs hold: entities that escaped markdown's decoding
//! (`\&quot;`, `&amp;#58;`), zero-width characters and non-breaking spaces.

/// Decodes leftover HTML entities once, drops zero-width characters and turns
/// non-breaking spaces into spaces.
pub fn clean(text: &str) -> String {
    // What needs cleaning is an entity or a character outside ASCII.
    if text.is_ascii() && !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match decode_entity(rest) {
            Some((decoded, len)) => {
                out.push(decoded);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
        })
        .map(|c| {
            if matches!(c, '\u{00A0}' | '\u{202F}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The character of the entity at the start of `text` and the entity's length.
fn decode_entity(text: &str) -> Option<(char, usize)> {
    // `text` starts with `&` (one byte); entity names are short ASCII.
    let semicolon = text[1..].find(';').filter(|&i| i <= 10)? + 1;
    let name = &text[1..semicolon];
    let end = semicolon;
    let decoded = match name {
        "quot" => '"',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')?
        }
    };
    Some((decoded, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftover_entities_are_decoded() {
        assert_eq!(clean("It can be &quot;man&quot;"), "It can be \"man\"");
        assert_eq!(clean("a&#58;b &#x60;c&#x60; &#39;d&#39;"), "a:b `c` 'd'");
        assert_eq!(
            clean("AT&T & co &unknown; &#xZZ;"),
            "AT&T & co &unknown; &#xZZ;"
        );
        assert_eq!(clean("&"), "&");
        assert_eq!(clean("&#0;"), "&#0;");
    }

    #[test]
    fn invisible_characters_go() {
        assert_eq!(clean("S\u{200B} ource\u{00A0}colors"), "S ource colors");
    }

    #[test]
    fn multibyte_text_is_safe() {
        assert_eq!(clean("é&é;ü&#233;"), "é&é;üé");
    }
}
