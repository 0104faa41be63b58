//! The templated sentence: each actor mention replaced by a marker so that cue patterns can
//! speak of "an actor" (`@3@`), "an actor named as a location" (`#3#`) or "a demonym that only
//! describes a collective" (`~3~`). See `assets/lexicon/cues.toml`.

/// How a mention is used in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Refers to the actor.
    Refers,
    /// A location ("in Iraq", "traveled to Tehran").
    Location,
    /// Only describes a non-state collective ("Iraqi militias").
    Collective,
    /// A modifier: "Iran-backed", "pro-Iran".
    Modifier,
}

/// A mention inside one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentMention {
    /// Index into the document's mention list.
    pub mention: usize,
    /// Actor (lexicon index, or unknown beyond it).
    pub actor: u32,
    /// Byte range in the document text.
    pub start: usize,
    /// End.
    pub end: usize,
    /// How it is used.
    pub role: Role,
    /// Found via a demonym.
    pub demonym: bool,
    /// Byte range of the marker in the template.
    pub t_start: usize,
    /// End of the marker.
    pub t_end: usize,
}

impl SentMention {
    /// Whether the mention names the actor as a party (not a place or a description).
    pub fn refers(&self) -> bool {
        self.role == Role::Refers
    }
}

/// A sentence with its mentions replaced by markers.
#[derive(Clone, Debug)]
pub struct Template {
    /// The templated text.
    pub text: String,
    /// The same, ASCII-lowercased (same offsets), for the cue patterns: see
    /// `lexicon::lowered_regex`.
    pub lower: String,
    /// The mentions, in order; marker `@k@` is `mentions[k]`.
    pub mentions: Vec<SentMention>,
    /// Sentence start in the document.
    pub doc_start: usize,
    /// (template offset, document offset) at the start of each piece of copied text.
    map: Vec<(usize, usize)>,
}

const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "across",
    "throughout",
    "inside",
    "within",
    "around",
    "outside",
];
const MOTION: &[&str] = &[
    "traveled to",
    "travelled to",
    "flew to",
    "went to",
    "returned to",
    "visited",
    "visit to",
    "trip to",
    "arrived in",
];
const DIRECTIONS: &[&str] = &[
    "eastern",
    "western",
    "northern",
    "southern",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "neighboring",
    "neighbouring",
    "the",
];

/// Whether `s` ends with the ASCII `suffix`, ignoring ASCII case.
fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

fn preceded_by_locative(before: &str) -> bool {
    // Only the last few words matter; compared without allocating (the lists are ASCII).
    let before = before.trim_end();
    let mut cut = before.len().saturating_sub(48);
    while !before.is_char_boundary(cut) {
        cut += 1;
    }
    let mut words = before[cut..]
        .split_whitespace()
        .rev()
        .skip_while(|w| DIRECTIONS.iter().any(|d| d.eq_ignore_ascii_case(w)));
    let Some(last) = words.next() else {
        return false;
    };
    if LOCATIVE.iter().any(|l| l.eq_ignore_ascii_case(last)) {
        return true;
    }
    let previous = words.next();
    // Whether "previous last" ends with a motion phrase of one or two words.
    MOTION.iter().any(|m| match m.split_once(' ') {
        Some((a, b)) => {
            b.eq_ignore_ascii_case(last) && previous.is_some_and(|p| ends_with_ignore_case(p, a))
        }
        None => ends_with_ignore_case(last, m),
    })
}

impl Template {
    /// Builds the template of `text[start..end]` given the document's mentions
    /// (`(index, actor, start, end, demonym)`), the collective nouns and the kind check for states.
    pub fn build(
        text: &str,
        start: usize,
        end: usize,
        mentions: &[(usize, u32, usize, usize, bool)],
        collectives: &[String],
        is_state: impl Fn(u32) -> bool,
    ) -> Template {
        let mut out = String::with_capacity(end - start + 16);
        // Room for every mention at once (built for every sentence).
        let mut map = Vec::with_capacity(mentions.len() + 1);
        map.push((0usize, start));
        let mut pos = start;
        let mut sms = Vec::with_capacity(mentions.len());
        for &(idx, actor, s, e, demonym) in mentions {
            if s < pos || e > end {
                continue;
            }
            out.push_str(&text[pos..s]);
            let before = &text[start..s];
            let after = &text[e..end];
            // The word after the mention, compared without allocating (collectives are ASCII).
            let next_word = || {
                let w = after.trim_start_matches([' ']);
                let n = w
                    .char_indices()
                    .find(|(_, c)| !c.is_alphabetic())
                    .map_or(w.len(), |(i, _)| i);
                &w[..n]
            };
            let role = if (after.starts_with('-')
                && after[1..].starts_with(|c: char| c.is_lowercase()))
                || ends_with_ignore_case(before, "pro-")
                || ends_with_ignore_case(before, "anti-")
            {
                Role::Modifier
            } else if demonym
                && after.starts_with(' ')
                && collectives
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(next_word()))
            {
                Role::Collective
            } else if is_state(actor)
                && preceded_by_locative(before)
                && !(after.starts_with("'s") || after.starts_with("’s"))
            {
                Role::Location
            } else if is_state(actor)
                && !demonym
                && sms.last().is_some_and(|p: &SentMention| {
                    p.role == Role::Location
                        && matches!(text[p.end..s].trim(), "," | "and" | ", and" | "or" | ", or")
                })
            {
                // "in Iraq and Syria": the second state is a location too.
                Role::Location
            } else {
                Role::Refers
            };
            let k = sms.len();
            let sign = match role {
                Role::Refers | Role::Modifier => '@',
                Role::Location => '#',
                Role::Collective => '~',
            };
            let t_start = out.len();
            {
                // The marker, without the formatting machinery (it runs for every mention).
                out.push(sign);
                let mut digits = [0u8; 20];
                let mut at = digits.len();
                let mut n = k;
                loop {
                    at -= 1;
                    digits[at] = b'0' + (n % 10) as u8;
                    n /= 10;
                    if n == 0 {
                        break;
                    }
                }
                out.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
                out.push(sign);
            }
            let t_end = out.len();
            sms.push(SentMention {
                mention: idx,
                actor,
                start: s,
                end: e,
                role,
                demonym,
                t_start,
                t_end,
            });
            map.push((t_end, e));
            pos = e;
        }
        out.push_str(&text[pos..end]);
        Template {
            lower: out.to_ascii_lowercase(),
            text: out,
            mentions: sms,
            doc_start: start,
            map,
        }
    }

    /// The text a cue pattern runs on: lowercased for a lowered pattern (see
    /// `lexicon::lowered_regex`).
    pub fn haystack(&self, lowered: bool) -> &[u8] {
        if lowered {
            self.lower.as_bytes()
        } else {
            self.text.as_bytes()
        }
    }

    /// The document offset of a template offset (inside a marker: the mention's start).
    pub fn doc_pos(&self, t: usize) -> usize {
        if let Some(m) = self.mentions.iter().find(|m| m.t_start <= t && t < m.t_end) {
            return m.start;
        }
        let i = self
            .map
            .partition_point(|&(tp, _)| tp <= t)
            .saturating_sub(1);
        let (tp, dp) = self.map[i];
        dp + (t - tp)
    }

    /// The mention behind marker text like `@3@`.
    pub fn marker(&self, s: &str) -> Option<&SentMention> {
        let k: usize = s.trim_matches(['@', '#', '~']).parse().ok()?;
        self.mentions.get(k)
    }

    /// All mentions whose markers lie in the template range.
    pub fn mentions_in(&self, ts: usize, te: usize) -> impl Iterator<Item = &SentMention> {
        self.mentions
            .iter()
            .filter(move |m| m.t_start >= ts && m.t_end <= te)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_roles() {
        let text = "Iran-backed militias in eastern Syria and Iraqi militias attacked US forces.";
        // (idx, actor, start, end, demonym): Iran=0, Syria=1, Iraq=2, US=3
        let at = |w: &str| text.find(w).unwrap();
        let ms = [
            (0, 0, 0, 4, false),
            (1, 1, at("Syria"), at("Syria") + 5, false),
            (2, 2, at("Iraqi"), at("Iraqi") + 5, true),
            (3, 3, at("US"), at("US") + 2, false),
        ];
        let t = Template::build(text, 0, text.len(), &ms, &["militias".to_string()], |_| {
            true
        });
        assert_eq!(
            t.text,
            "@0@-backed militias in eastern #1# and ~2~ militias attacked @3@ forces."
        );
        assert_eq!(t.mentions[0].role, Role::Modifier);
        assert_eq!(
            t.doc_pos(t.text.find("attacked").unwrap()),
            text.find("attacked").unwrap()
        );
    }
}
