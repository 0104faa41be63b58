//! Sentence splitting that copes with news text: abbreviations (U.S., Oct., Gen.), a missing
//! space after a full stop ("incident.It"), closing quotes after the stop, and headings.

use crate::corpus::Junk;

/// One sentence (or heading) of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    /// First byte in the displayed text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// A heading or title line (no final punctuation): actors count, findings do not.
    pub heading: bool,
}

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Brig",
    "Cmdr", "Sen", "Rep", "Gov", "Pres", "Amb", "St", "Jr", "Sr", "Rev", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "vs", "etc",
    "approx", "Inc", "Co", "Corp", "Ltd", "Dept", "Gov't", "Mt", "Ft", "e.g", "i.e", "a.m", "p.m",
    "Spc", "Pfc", "Cpl", "Pvt", "Ens", "Ret", "Hon", "Cdr", "Gens", "Govt", "Sens", "Reps",
];

const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];

fn word_before(text: &str, dot: usize) -> &str {
    let start = text[..dot]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &text[start..dot]
}

fn is_abbreviation(word: &str) -> bool {
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    // In capitals ("FRIDAY, DEC. 27"): the same abbreviation.
    if word.len() >= 2 && word.len() <= 4 && word.bytes().all(|b| b.is_ascii_uppercase()) {
        let title: String = word
            .chars()
            .enumerate()
            .map(|(i, c)| if i == 0 { c } else { c.to_ascii_lowercase() })
            .collect();
        if ABBREVIATIONS.contains(&title.as_str()) {
            return true;
        }
    }
    // Initials and dotted acronyms: "U.S", "U.N", "J".
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    (word.contains('.') && letters.iter().all(|c| c.is_uppercase()) && letters.len() <= 4)
        || (letters.len() == 1 && letters[0].is_uppercase())
}

/// Splits `text` into sentences, skipping junk ranges (which act as boundaries).
pub fn split(text: &str, junk: &[Junk]) -> Vec<Sentence> {
    let mut out = Vec::new();
    // Regions: lines of text outside junk.
    let mut regions: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    for j in junk.iter().chain(std::iter::once(&Junk {
        start: text.len(),
        end: text.len(),
        kind: crate::corpus::JunkKind::Metadata,
    })) {
        let (js, je) = (j.start.min(text.len()), j.end.min(text.len()));
        if js > pos {
            regions.push((pos, js));
        }
        pos = pos.max(je);
    }
    for (rs, re) in regions {
        let mut ls = rs;
        for line in text[rs..re].split('\n') {
            let le = ls + line.len();
            split_line(text, ls, le, &mut out);
            ls = le + 1;
        }
    }
    out
}

/// Sentences longer than this are cut (at a comma or space) so that no input makes the
/// per-sentence work grow without bound.
pub const MAX_SENTENCE_BYTES: usize = 2000;

fn push(text: &str, mut s: usize, e: usize, out: &mut Vec<Sentence>, line_end: bool) {
    while e - s > MAX_SENTENCE_BYTES {
        let mut cut = s + MAX_SENTENCE_BYTES / 2;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[s..cut];
        let at = window
            .rfind([',', ';'])
            .or_else(|| window.rfind(' '))
            .map(|i| s + i + 1)
            .filter(|&i| i > s)
            .unwrap_or(cut);
        push_one(text, s, at, out, false);
        s = at;
    }
    push_one(text, s, e, out, line_end);
}

fn push_one(text: &str, s: usize, e: usize, out: &mut Vec<Sentence>, line_end: bool) {
    let seg = &text[s..e];
    let lead = seg.len() - seg.trim_start().len();
    let (s, e) = (s + lead, s + seg.trim_end().len());
    if e <= s || !text[s..e].chars().any(char::is_alphanumeric) {
        return;
    }
    let t = &text[s..e];
    // A footnote mark at the end is not the sentence's last character: "… continuing.[7]".
    let core = t
        .strip_suffix(']')
        .and_then(|x| x.rfind('[').map(|at| &x[..at]))
        .filter(|x| {
            t[x.len() + 1..t.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_digit())
        })
        .unwrap_or(t);
    let last = core.chars().last().unwrap_or(' ');
    let heading = line_end
        && !matches!(
            last,
            '.' | '!' | '?' | '"' | '”' | '’' | ':' | ')' | '…' | ';' | ','
        )
        && t.split_whitespace().count() < 25;
    let heading = heading || t.starts_with('#');
    out.push(Sentence {
        start: s,
        end: e,
        heading,
    });
}

fn split_line(text: &str, ls: usize, le: usize, out: &mut Vec<Sentence>) {
    let line = &text[ls..le];
    let bytes = line.as_bytes();
    let mut start = ls;
    let mut i = 0;
    while i < line.len() {
        // The next stop: a byte scan (decoding every character costs more), then the
        // character there ('…' starts with 0xE2, like other typographic characters).
        let Some(off) = bytes[i..]
            .iter()
            .position(|&b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
        else {
            break;
        };
        i += off;
        let c = line[i..].chars().next().expect("a character at a stop");
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += c.len_utf8();
            continue;
        }
        let abs = ls + i;
        // Extend over repeated stops and closing quotes.
        let mut end = abs + c.len_utf8();
        i += c.len_utf8();
        while let Some(n) = line[i..].chars().next() {
            if matches!(n, '.' | '!' | '?') || CLOSERS.contains(&n) {
                end = ls + i + n.len_utf8();
                i += n.len_utf8();
            } else {
                break;
            }
        }
        // A footnote mark after the stop belongs to the sentence: "… (KSS).(5) According to".
        {
            let b = &bytes[i..];
            if b.len() > 2 && matches!(b[0], b'(' | b'[') {
                let digits = b[1..].iter().take_while(|d| d.is_ascii_digit()).count();
                if (1..=3).contains(&digits) && matches!(b.get(1 + digits), Some(b')' | b']')) {
                    i += digits + 2;
                    end = ls + i;
                }
            }
        }
        let rest = &text[end..le];
        let Some(next) = rest.chars().next() else {
            break;
        };
        let after_space = next.is_whitespace();
        let following = rest.trim_start().chars().next();
        let Some(f) = following else { break };
        let word = word_before(text, abs);
        if c == '.' && is_abbreviation(word) {
            // "Oct. 17", "U.S. forces": not a boundary, unless a clear new sentence follows
            // a dotted acronym ("... in the U.S. The next ...").
            let next_word: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
            let starter = matches!(
                next_word.as_str(),
                "The" | "It" | "He" | "She" | "They" | "But" | "In" | "This" | "That" | "A" | "We"
            );
            if !(word.contains('.') && after_space && starter) {
                continue;
            }
        }
        if after_space {
            if f.is_lowercase()
                || (f.is_ascii_digit() && c == '.' && word.chars().all(|ch| ch.is_ascii_digit()))
            {
                continue;
            }
        } else {
            // No space: "incident.It" splits; "U.S.A", "3.5", "example.com" do not.
            let opens = f.is_uppercase() || matches!(f, '“' | '"');
            let last = word.chars().last().unwrap_or(' ');
            let plain_word = !word.contains('.') && (last.is_lowercase() || last.is_ascii_digit());
            if !(opens && (plain_word || c != '.')) {
                continue;
            }
        }
        push(text, start, end, out, false);
        start = end;
    }
    push(text, start, le, out, true);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t, &[])
            .into_iter()
            .map(|s| &t[s.start..s.end])
            .collect()
    }

    #[test]
    fn a_footnote_mark_ends_with_its_sentence() {
        assert_eq!(
            texts("Most were claimed by the group.(5) According to officials, two failed."),
            vec![
                "Most were claimed by the group.(5)",
                "According to officials, two failed."
            ]
        );
        assert_eq!(
            texts("It rose 3.(5) is a typo."),
            vec!["It rose 3.(5) is a typo."]
        );
        // Ending a line, a sentence with its mark is no heading.
        let s = split("Officials said the inquiry was continuing.[7]", &[]);
        assert!(!s[0].heading);
    }

    #[test]
    fn splits_news_sentences() {
        let cases: Vec<(&str, Vec<&str>)> = vec![
            (
                "The U.S. military struck. It said so.",
                vec!["The U.S. military struck.", "It said so."],
            ),
            (
                "On Oct. 17, Gen. Smith spoke to Sen. Jones. Then he left.",
                vec![
                    "On Oct. 17, Gen. Smith spoke to Sen. Jones.",
                    "Then he left.",
                ],
            ),
            (
                "A Jordan drone incident.It is possible.",
                vec!["A Jordan drone incident.", "It is possible."],
            ),
            (
                "attack on Israel on October 7.Iranian media said",
                vec!["attack on Israel on October 7.", "Iranian media said"],
            ),
            (
                "in the region?Prior to the US response.",
                vec!["in the region?", "Prior to the US response."],
            ),
            (
                "“We will respond.” Officials agreed.",
                vec!["“We will respond.”", "Officials agreed."],
            ),
            (
                "“It is over,” he said. Next one.",
                vec!["“It is over,” he said.", "Next one."],
            ),
            (
                "Visit example.com now. Then stop.",
                vec!["Visit example.com now.", "Then stop."],
            ),
            (
                "Costs rose 3.5 percent. Prices too.",
                vec!["Costs rose 3.5 percent.", "Prices too."],
            ),
        ];
        for (t, want) in cases {
            assert_eq!(texts(t), want, "{t}");
        }
    }

    #[test]
    fn headings_and_lines() {
        let t = "WHO ARE THESE GROUPS?\nA heading without stop\nBody sentence here.";
        let s = split(t, &[]);
        assert_eq!(s.len(), 3);
        assert!(!s[0].heading);
        assert!(s[1].heading);
        assert!(!s[2].heading);
    }
}

#[cfg(test)]
mod long_tests {
    use super::*;

    #[test]
    fn long_sentences_are_cut() {
        let t = "word, ".repeat(2000);
        let s = split(&t, &[]);
        assert!(s.len() > 1);
        assert!(s.iter().all(|x| x.end - x.start <= MAX_SENTENCE_BYTES));
        assert!(
            s.iter()
                .all(|x| t.is_char_boundary(x.start) && t.is_char_boundary(x.end))
        );
    }
}
