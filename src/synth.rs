//! A generator of realistic article corpora for benchmarks and tests: the seed articles with
//! actors, places, dates and numbers varied, written as text, Markdown or HTML, and sprinkled
//! with page junk. Deterministic for a given seed.

use crate::lexicon::Lexicon;
use crate::model::ActorKind;

/// A small deterministic random generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One element of a slice.
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

const SYLLABLES: [&str; 24] = [
    "Ab", "Bad", "Dar", "Fal", "Ghaz", "Had", "Jab", "Kar", "Lam", "Mah", "Nas", "Qas", "Rab",
    "Sal", "Tam", "Wad", "Zar", "Hus", "Kam", "Mus", "Nur", "Raf", "Sab", "Yas",
];
const MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const OUTLETS: [&str; 6] = [
    "Al-Monitor",
    "Reuters",
    "The National",
    "Deutsche Welle",
    "Middle East Eye",
    "Rudaw",
];
const JUNK: [&str; 5] = [
    "READ MORE: Iraq's militias and the long war",
    "A displaced family walks past a destroyed building. (AP Photo)",
    "We use cookies to improve your experience. Accept all",
    "Subscribe to our newsletter",
    "Source link",
];

/// Generates `n` articles: (file name, bytes).
pub fn generate(n: usize, seed: u64, lex: &Lexicon) -> Vec<(String, Vec<u8>)> {
    generate_range(0, n, seed, lex)
}

/// Generates articles `start..start + n` of the sequence for `seed` (the same articles as a
/// single call to [`generate`] would give, in batches).
pub fn generate_range(start: usize, n: usize, seed: u64, lex: &Lexicon) -> Vec<(String, Vec<u8>)> {
    let pools = Pools::new(lex);
    (start..start + n).map(|i| one(i, seed, &pools)).collect()
}

/// What the generator draws from, computed once per batch.
struct Pools<'a> {
    seeds: Vec<String>,
    groups: Vec<&'a str>,
    states: Vec<&'a str>,
    places: Vec<&'a str>,
    people: Vec<&'a str>,
}

impl<'a> Pools<'a> {
    fn new(lex: &'a Lexicon) -> Self {
        let of = |k: ActorKind| {
            lex.actors
                .iter()
                .filter(|a| a.kind == k)
                .map(|a| a.name.as_str())
                .collect()
        };
        Pools {
            seeds: crate::seeds::SEEDS
                .iter()
                .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
                .collect(),
            groups: of(ActorKind::ArmedGroup),
            states: of(ActorKind::State),
            places: lex.places.iter().map(|p| p.name.as_str()).collect(),
            people: of(ActorKind::Person),
        }
    }
}

fn one(i: usize, seed: u64, pools: &Pools<'_>) -> (String, Vec<u8>) {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let Pools {
        seeds,
        groups,
        states,
        places,
        people,
    } = pools;
    {
        let mut text = seeds[rng.below(seeds.len())].clone();
        // Vary actors, places, dates and numbers.
        for (from, pool) in [
            ("Kataib Hezbollah", &groups),
            ("Houthis", &groups),
            ("Syria", &states),
            ("Jordan", &states),
        ] {
            let to = *rng.pick(pool);
            text = text.replacen(from, to, 2);
        }
        // Groups no lexicon knows: found only by the shape of their names.
        for from in [
            "Asaib Ahl al Haq",
            "Badr Organization",
            "Nujaba",
            "Islamic Jihad",
            "Badr Brigades",
        ] {
            let name = format!(
                "Saraya al-{}{}",
                rng.pick(&SYLLABLES),
                rng.pick(&SYLLABLES).to_lowercase()
            );
            text = text.replacen(from, &name, 1);
        }
        for from in [
            "Tower 22",
            "al-Tanf",
            "Al Tanf",
            "Asad base",
            "Deir Ezzor",
            "Hodeidah",
        ] {
            let to: &str = places[rng.below(places.len())];
            text = text.replacen(from, to, 1);
        }
        for from in ["Nasser Kanaani", "John Kirby", "Joe Biden"] {
            let to: &str = people[rng.below(people.len())];
            text = text.replacen(from, to, 1);
        }
        for from in ["Oct. 17", "January 28", "July 26", "Nov. 8"] {
            let d = format!("{} {}", *rng.pick(&MONTHS), 1 + rng.below(28));
            text = text.replace(from, &d);
        }
        for from in ["61 attacks", "178 drone", "three US soldiers", "34 others"] {
            let num = 2 + rng.below(150);
            let rest = from.split_once(' ').map(|x| x.1).unwrap_or("");
            text = text.replacen(from, &format!("{num} {rest}"), 1);
        }
        let year = 2022 + rng.below(4);
        let date = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
        let junk = *rng.pick(&JUNK);
        let outlet = *rng.pick(&OUTLETS);
        let (name, body) = match i % 3 {
            0 => (
                format!("gen/{:03}/article_{i:06}.txt", i % 997),
                format!("date {date}\n{text}\n\n{junk}\n\nSource: {outlet}\n"),
            ),
            1 => (
                format!("gen/{:03}/article_{i:06}.md", i % 997),
                format!("---\ntitle: Article {i}\ndate: {date}\n---\n\n{text}\n\n{junk}\n"),
            ),
            _ => {
                let paras: String = text
                    .split("\n\n")
                    .map(|p| format!("<p>{}</p>\n", p.replace('&', "&amp;").replace('<', "&lt;")))
                    .collect();
                (
                    format!("gen/{:03}/article_{i:06}.html", i % 997),
                    format!(
                        "<!doctype html><html><head><title>Article {i}</title><meta property=\"og:site_name\" content=\"{outlet}\"><meta property=\"article:published_time\" content=\"{date}T08:00:00Z\"><script>var x = 1;</script></head><body><nav>Home | World</nav><article>{paras}<figure><figcaption>{junk}</figcaption></figure></article><footer>© {outlet}</footer></body></html>"
                    ),
                )
            }
        };
        (name, body.into_bytes())
    }
}
