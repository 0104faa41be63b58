//! Who is speaking: quotes and their attribution ("…,” said John Kirby), "according to",
//! the subject of a clause, and pronouns or role nouns that point back to an earlier
//! sentence ("He said", "the spokesman said").

use std::sync::LazyLock;

use regex::Regex;

use super::DocCtx;
use super::template::{Role, SentMention, Template};

/// A quoted stretch of a document.
#[derive(Clone, Copy, Debug)]
pub struct Quote {
    /// Opening quote mark.
    pub start: usize,
    /// One past the closing quote mark.
    pub end: usize,
}

/// Finds quotes (curly pairs, or straight quotes toggling) within each paragraph.
pub fn find_quotes(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut off = 0;
    for para in text.split('\n') {
        let mut open_curly: Option<usize> = None;
        let mut open_straight: Option<usize> = None;
        for (i, c) in para.char_indices() {
            let abs = off + i;
            match c {
                '“' | '«' | '„' => open_curly = Some(abs),
                '”' | '»' => {
                    if let Some(s) = open_curly.take() {
                        out.push(Quote {
                            start: s,
                            end: abs + c.len_utf8(),
                        });
                    }
                }
                '"' => match open_straight.take() {
                    Some(s) => out.push(Quote {
                        start: s,
                        end: abs + 1,
                    }),
                    None => open_straight = Some(abs),
                },
                _ => {}
            }
        }
        // A quote opened and never closed runs to the end of the paragraph.
        if let Some(s) = open_curly.or(open_straight)
            && para.len() + off > s + 1
        {
            out.push(Quote {
                start: s,
                end: off + para.len(),
            });
        }
        off += para.len() + 1;
    }
    out.sort_by_key(|q| q.start);
    out
}

const SPEECH: &str = r"said|says|say|told|tells|added|noted|stated|declared|explained|stressed|insisted|argued|claimed|asserted|remarked|urged|warned|lamented|wrote|tweeted|continued|emphasi[sz]ed|maintained|alleged|reported|announced|affirmed|observed";

static AFTER_VERB_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^[\s,.;:!?]*(?:{SPEECH})\s+(.*)")).unwrap());
static AFTER_SUBJECT_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^[\s,.;:!?]*(.+?)\s+(?:{SPEECH})(?-u:\b)")).unwrap()
});
static ACCORDING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)according\s+to\s+(?:the\s+)?").unwrap());
static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+)?(?:also\s+)?(he|she|they|it|the\s+group|the\s+movement|the\s+militia|the\s+organi[sz]ation|the\s+(?:spokes(?:man|person|woman)|minister|general|official|commander|president|leader|ministry|agency))(?-u:\b)").unwrap()
});
static SPEECH_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{SPEECH}|saying|claiming|believe[sd]?|suggest(?:s|ed)?|argue[sd]?|according\s+to|emphasi[sz]ing|insisting|stressing|count(?:s|ed)|record(?:s|ed)|tall(?:y|ies|ied)|document(?:s|ed)|contend(?:s|ed)?|think|thinks|assert(?:s|ed)?)(?-u:\b)")).unwrap()
});
static OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[“\x22]?(?:While|Although|Though|Despite|After|Before|As|In|Since|When|If|Prior|Following|Amid|Unlike|Like|Because|Even|With|On|Over|During|Under|According|Meanwhile|However|Still|Yet|Instead|Earlier|Later|Last|This|That|At|For|From|By)(?-u:\b)[^,]*,\s*").unwrap()
});
/// Clause boundaries: "; ", ", but ", " but ", ", while ", " while ", ", whereas ",
/// ", and ", " – ", " — " (with any white space). Written out rather than as a regex: it runs
/// over every sentence, and a byte loop is several times faster; a test checks it against the
/// regex `;\s+|,\s+but\s+|\s+but\s+|,\s+while\s+|\s+while\s+|,\s+whereas\s+|,\s+and\s+|\s+–\s+|\s+—\s+`.
fn last_boundary_end(text: &str) -> Option<usize> {
    // The end of the white space run from `j` (`j` itself when there is none).
    let ws_end = |j: usize| {
        j + text[j..]
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(char::len_utf8)
            .sum::<usize>()
    };
    // A word or dash at `a`, then white space: the end of that space.
    let then = |a: usize, words: &[&str]| {
        words.iter().find_map(|w| {
            let after = a + w.len();
            let e = if text[a..].starts_with(w) {
                ws_end(after)
            } else {
                after
            };
            (e > after).then_some(e)
        })
    };
    let bytes = text.as_bytes();
    let mut last = None;
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next byte that can start a boundary: ';', ',', white space, non-ASCII.
        match bytes[i..]
            .iter()
            .position(|&b| matches!(b, b';' | b',' | b' ' | b'\t'..=b'\r') || b >= 0x80)
        {
            Some(off) => i += off,
            None => break,
        }
        let found = match bytes[i] {
            b';' => Some(ws_end(i + 1)).filter(|&e| e > i + 1),
            b',' => {
                let a = ws_end(i + 1);
                if a > i + 1 {
                    then(a, &["but", "while", "whereas", "and"])
                } else {
                    None
                }
            }
            // The common case, a space between two words: no "but", "while" or dash follows.
            b' ' if bytes.get(i + 1).is_some_and(|&n| {
                n.is_ascii() && !matches!(n, b'b' | b'w') && !char::from(n).is_whitespace()
            }) =>
            {
                i += 1;
                continue;
            }
            _ => {
                let a = ws_end(i);
                if a > i {
                    let found = then(a, &["but", "while", "–", "—"]);
                    if found.is_none() {
                        // Nothing can start later in the same run of white space.
                        i = a;
                        continue;
                    }
                    found
                } else {
                    None
                }
            }
        };
        match found {
            Some(e) => {
                last = Some(e);
                i = e;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    last
}
static CONNECTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\s|,|’s|'s|'|’|-|\(|\)|(?-u:\b)and(?-u:\b)|(?-u:\b)or(?-u:\b)|(?-u:\b)the(?-u:\b)|(?-u:\b)of(?-u:\b)|(?-u:\b)former(?-u:\b)|(?-u:\b)foreign(?-u:\b)|(?-u:\b)ministry(?-u:\b)|(?-u:\b)spokes(?:man|person|woman)(?-u:\b)|(?-u:\b)minister(?-u:\b)|(?-u:\b)president(?-u:\b)|(?-u:\b)prime(?-u:\b)|(?-u:\b)supreme(?-u:\b)|(?-u:\b)leader(?-u:\b)|(?-u:\b)commander(?-u:\b)|(?-u:\b)gen\.|(?-u:\b)general(?-u:\b)|(?-u:\b)officials?(?-u:\b)|(?-u:\b)secretary(?-u:\b)|(?-u:\b)state(?-u:\b)|(?-u:\b)defen[cs]e(?-u:\b)|(?-u:\b)deputy(?-u:\b)|(?-u:\b)head(?-u:\b)|(?-u:\b)chief(?-u:\b)|(?-u:\b)senior(?-u:\b)|(?-u:\b)top(?-u:\b)|(?-u:\b)vice(?-u:\b)|(?-u:\b)authorities(?-u:\b)|(?-u:\b)government(?-u:\b)|(?-u:\b)media(?-u:\b)|(?-u:\b)press(?-u:\b)|(?-u:\b)both(?-u:\b)|(?-u:\b)agency(?-u:\b)|(?-u:\b)news(?-u:\b)|(?-u:\b)state-run(?-u:\b))*$").unwrap()
});

/// The actors of the first run of mentions in `t.text[ts..te]`: one actor (a person in
/// apposition wins: "Iranian Foreign Ministry spokesman Nasser Kanaani"), or several when
/// coordinated ("Israeli and US officials").
pub fn first_run(t: &Template, ts: usize, te: usize, ctx: &DocCtx<'_>) -> Vec<u32> {
    let ms: Vec<&SentMention> = t.mentions_in(ts, te).collect();
    run(&ms, ctx)
}

/// The first run of a list of mentions (in text order), see [`first_run`].
pub fn run(ms: &[&SentMention], ctx: &DocCtx<'_>) -> Vec<u32> {
    let ms: Vec<&SentMention> = ms
        .iter()
        .copied()
        .filter(|m| m.role != Role::Location)
        .collect();
    let Some(first) = ms
        .iter()
        .position(|m| m.role == Role::Refers || m.role == Role::Collective)
    else {
        return Vec::new();
    };
    if ms[first].role == Role::Collective {
        return Vec::new();
    }
    // A modifier right before the subject ("Iran-backed Kataib Hezbollah") is not part of it.
    let mut run = vec![ms[first]];
    let mut coordinated = false;
    for w in ms[first + 1..].iter() {
        let prev = run.last().expect("non-empty");
        let between = &ctx.text[prev.end..w.start];
        if !CONNECTOR.is_match(between) || w.role != Role::Refers {
            break;
        }
        let b = between.to_ascii_lowercase();
        if (b.contains(" and ") || b.contains(" or ") || b.trim() == ",")
            && !b.contains("'s")
            && !b.contains("’s")
        {
            coordinated = true;
        }
        run.push(w);
    }
    if coordinated {
        let mut v: Vec<u32> = run.iter().map(|m| m.actor).collect();
        v.dedup();
        return v;
    }
    if let Some(p) = run.iter().rev().find(|m| ctx.is_person(m.actor)) {
        return vec![p.actor];
    }
    vec![run.last().expect("non-empty").actor]
}

/// Where the clause containing template offset `p` starts.
pub fn clause_start(t: &Template, p: usize) -> usize {
    let mut start = 0;
    if let Some(m) = OPENER.find(&t.text)
        && m.end() <= p
    {
        start = m.end();
    }
    if let Some(e) = last_boundary_end(&t.text[..p]) {
        start = start.max(e);
    }
    start
}

/// The speaker(s) of a quote, from what follows it (", said X", "X said", "according to X")
/// or what introduces it ("X said: “…").
pub fn quote_speaker(q: &Quote, ctx: &DocCtx<'_>) -> Vec<u32> {
    let text = ctx.text;
    // After the quote, up to the end of its sentence.
    let sent_end = ctx.sentence_end_after(q.end);
    let after = &text[q.end..sent_end.max(q.end)];
    let after = &after[..after.find(['“', '"']).unwrap_or(after.len())];
    if let Some(c) = AFTER_VERB_FIRST.captures(after) {
        let g = c.get(1).expect("group");
        let (s, e) = (
            q.end + g.start(),
            super::floor_char(text, (q.end + g.end()).min(q.end + g.start() + 120)),
        );
        let v = ctx.speaker_in(s, e, q.start);
        if !v.is_empty() {
            return v;
        }
    }
    if let Some(c) = AFTER_SUBJECT_FIRST
        .captures(after)
        .filter(|c| c.get(1).is_some_and(|g| g.len() <= 90))
    {
        let g = c.get(1).expect("group");
        let (s, e) = (q.end + g.start(), q.end + g.end());
        let v = ctx.speaker_in(s, e, q.start);
        if !v.is_empty() {
            return v;
        }
    }
    if let Some(m) = ACCORDING.find(after) {
        let s = q.end + m.end();
        let v = ctx.speaker_in(s, super::floor_char(text, (s + 80).min(sent_end)), q.start);
        if !v.is_empty() {
            return v;
        }
    }
    // Before the quote, in its sentence: "X said: “…" / "X warned that “…".
    let sent_start = ctx.sentence_start_before(q.start);
    let before = &text[sent_start..q.start];
    if before.trim_end().ends_with(':')
        || SPEECH_WORD
            .find_iter(before)
            .last()
            .is_some_and(|m| before[m.end()..].trim().len() < 12)
    {
        return ctx.speaker_in(sent_start, q.start, q.start);
    }
    Vec::new()
}

/// Resolves a pronoun or role noun at the start of `s` ("he", "the spokesman", "the group").
pub fn pronoun(s: &str, pos: usize, ctx: &DocCtx<'_>) -> Option<u32> {
    let c = PRONOUN.captures(s.trim_start())?;
    let w = c.get(1)?.as_str().to_ascii_lowercase();
    match w.as_str() {
        "he" | "she" => ctx.last_person_before(pos),
        "they" | "it" => ctx.last_subject_before(pos),
        w if w.starts_with("the group")
            || w.starts_with("the movement")
            || w.starts_with("the militia")
            || w.starts_with("the organ") =>
        {
            ctx.last_subject_before(pos)
        }
        w => {
            let role = w.trim_start_matches("the").trim();
            ctx.person_with_role_before(role, pos)
        }
    }
}

/// The speakers of the clause ending at template offset `p`: the first run of its subject,
/// or a pronoun resolved to an earlier sentence.
pub fn subject(t: &Template, p: usize, ctx: &DocCtx<'_>) -> Vec<u32> {
    let cs = clause_start(t, p);
    let v = first_run(t, cs, p, ctx);
    if !v.is_empty() {
        return v;
    }
    let s = &t.text[cs..p];
    pronoun(s, t.doc_pos(cs), ctx).into_iter().collect()
}

/// The nearest verb of saying before template offset `p` (outside markers).
pub fn speech_verb_before(t: &Template, p: usize) -> Option<(usize, usize)> {
    SPEECH_WORD
        .find_iter(&t.text[..p])
        .last()
        .map(|m| (m.start(), m.end()))
}

/// Whether the sentence reports speech at all.
pub fn has_speech(t: &Template) -> bool {
    SPEECH_WORD.is_match(&t.text)
}

/// "according to X" in the sentence.
pub fn according_to(t: &Template, ctx: &DocCtx<'_>) -> Vec<u32> {
    let Some(m) = ACCORDING.find(&t.text) else {
        return Vec::new();
    };
    first_run(t, m.end(), (m.end() + 80).min(t.text.len()), ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_boundaries_are_those_of_the_regex() {
        let regex = Regex::new(
            r";\s+|,\s+but\s+|\s+but\s+|,\s+while\s+|\s+while\s+|,\s+whereas\s+|,\s+and\s+|\s+–\s+|\s+—\s+",
        )
        .unwrap();
        let pieces = [
            ";", ",", " ", "  ", "\u{a0}", "\n", "\u{b}", "but", "while", "whereas", "and", "–",
            "—", "x", "Iran", "é", "butter", "andes", ".",
        ];
        // Every string of up to five pieces, and some longer ones.
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for t in &texts {
                for p in pieces {
                    if next.len() < 400_000 {
                        next.push(format!("{t}{p}"));
                    }
                }
            }
            texts.extend(next);
        }
        texts.push("Iran said ; but it was, and while — so, whereas  but x".into());
        for t in &texts {
            let want = regex.find_iter(t).last().map(|m| m.end());
            assert_eq!(last_boundary_end(t), want, "{t:?}");
        }
        // A very long run of spaces is no trouble.
        let long = " ".repeat(1_000_000) + "but ";
        assert_eq!(last_boundary_end(&long), Some(long.len()));
    }

    #[test]
    fn quotes() {
        let q = find_quotes("He said “a. b,” then \"c\".\n“open");
        assert_eq!(q.len(), 3);
    }
}
