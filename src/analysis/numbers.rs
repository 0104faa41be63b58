//! Numbers written in digits or words: "61", "1,200", "three", "sixty-one", "five dozen".

use std::sync::LazyLock;

use regex::Regex;

const UNITS: &[(&str, u64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("a dozen", 12),
    ("dozen", 12),
    ("a hundred", 100),
    ("hundred", 100),
    ("a thousand", 1000),
];

/// A regex fragment matching one number (digits or words); use [`parse`] on the match.
pub const NUMBER: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+dozen|a\s+hundred|a\s+thousand)(?:\s+dozen)?(?:\s+hundred)?)";

static NUM_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!("(?i)^{NUMBER}$")).unwrap());

/// Parses a number matched by [`NUMBER`].
pub fn parse(s: &str) -> Option<u64> {
    let s = s.trim();
    // Every number starts with a digit or with the first letter of a number word; most words
    // of a text are refused here, without a copy or a search.
    if s.bytes().next().is_none_or(|b| {
        b.is_ascii() && !b.is_ascii_digit() && !b"aefnostz".contains(&b.to_ascii_lowercase())
    }) {
        return None;
    }
    let s: std::borrow::Cow<'_, str> = if s.bytes().any(|b| b.is_ascii_uppercase()) {
        s.to_ascii_lowercase().into()
    } else {
        s.into()
    };
    // One word ("said", "sixty-one") is a number only if its part before a hyphen is a number
    // word below a hundred: most words of a text are refused here, before the pattern.
    if s.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        let head = s.split('-').next().unwrap_or("");
        if !matches!(
            head,
            "zero"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "thirteen"
                | "fourteen"
                | "fifteen"
                | "sixteen"
                | "seventeen"
                | "eighteen"
                | "nineteen"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "sixty"
                | "seventy"
                | "eighty"
                | "ninety"
        ) {
            return None;
        }
    }
    if !NUM_RE.is_match(&s) {
        return None;
    }
    if s.chars().next()?.is_ascii_digit() {
        return s.replace(',', "").parse().ok();
    }
    let mut total: u64 = 0;
    let mut words: Vec<&str> = s.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    // "a dozen", "a hundred"
    if words.first() == Some(&"a") {
        words.remove(0);
        total = 1;
    }
    for w in words {
        match w {
            "dozen" => total = total.max(1) * 12,
            "hundred" => total = total.max(1) * 100,
            "thousand" => total = total.max(1) * 1000,
            _ => {
                let v = UNITS.iter().find(|(n, _)| *n == w)?.1;
                total += v;
            }
        }
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numbers() {
        let cases = [
            ("61", Some(61)),
            ("1,200", Some(1200)),
            ("three", Some(3)),
            ("Three", Some(3)),
            ("sixty-one", Some(61)),
            ("five dozen", Some(60)),
            ("a dozen", Some(12)),
            ("two hundred", Some(200)),
            ("dozens", None),
            ("many", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse(s), want, "{s}");
        }
    }
}
