//! A built-in pattern with a keyword gate. A case-insensitive pattern gives the regex engine no
//! literal to look for (a word of n letters has 2^n spellings), so it runs its automaton over
//! every sentence; most sentences lack the words that any match needs, and one pass of a
//! small keyword automaton over the lowercased text says so much faster. Only for patterns
//! whose words are rare: where they are common ("attacks"), the gate costs as much as the
//! pattern it saves.

use std::ops::Deref;

use aho_corasick::AhoCorasick;
use regex::Regex;

/// A regex and the words (found by `lexicon::required_words`) one of which each match contains.
pub struct Gated {
    regex: Regex,
    words: Option<AhoCorasick>,
}

impl Gated {
    /// Compiles a built-in pattern (panics if it is invalid).
    pub fn new(pattern: &str) -> Gated {
        let regex = Regex::new(pattern).expect("a valid built-in pattern");
        let words =
            crate::lexicon::required_words(pattern.trim_start_matches("(?i)")).and_then(|w| {
                AhoCorasick::builder()
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .build(w)
                    .ok()
            });
        Gated { regex, words }
    }

    /// False when the pattern cannot match the text whose ASCII-lowercased copy is `lower`
    /// (one of its words is missing); true when it may. Searching lowercase words in
    /// lowercased text lets the keyword automaton use its fast literal search.
    pub fn may_match(&self, lower: &str) -> bool {
        self.words.as_ref().is_none_or(|w| w.is_match(lower))
    }
}

impl Deref for Gated {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        &self.regex
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_only_ever_says_no_when_the_regex_cannot_match() {
        let g = Gated::new(
            r"(?i)(?-u:\b)(?:struck\s+back|retaliated)\s+(?P<n>\d+|two|three)\s+times(?-u:\b)",
        );
        assert!(g.words.is_some());
        for (text, matches) in [
            ("The US STRUCK BACK three TIMES.", true),
            ("the us retaliated 4 times", true),
            ("the us retaliated twice", false),
            ("four times the militias struck", false),
            ("", false),
        ] {
            assert_eq!(g.is_match(text), matches, "{text}");
            assert!(
                g.may_match(&text.to_ascii_lowercase()) || !matches,
                "{text}"
            );
        }
        assert!(!g.may_match("nothing of the sort"));
        // Without words every match needs, there is no gate.
        assert!(Gated::new(r"(?i)\d+|x").may_match("anything"));
    }
}
