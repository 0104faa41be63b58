//! A generator of article corpora for benchmarks and tests, written from this module's own
//! sentence templates (never from the seed articles).
//!
//! An article is made in three steps:
//!
//! 1. a **story** is drawn: a theatre (militia attacks on U.S. forces in Iraq, Syria and Jordan;
//!    Houthi attacks on shipping; the Israel–Lebanon border), an attack with its attacker,
//!    target, place and country, date, weapon and casualties, the response to it, a running
//!    tally, background events and the people who speak about it — names from the lexicon
//!    (actors by kind and affiliation, places with their country, outlets) and invented ones
//!    the lexicon does not know;
//! 2. a **genre** lays the story out as blocks: wire copy with a dateline and a "Reporting by"
//!    footer, a web news story, a militia or Houthi statement relayed by regional media, a
//!    think-tank tracker with bullets, a table and a timeline, a briefing transcript with
//!    speaker labels, a press release, a liveblog with time stamps, an op-ed;
//! 3. a **format** writes the blocks as text, Markdown (front matter) or an HTML page (meta
//!    tags, navigation, cookie banner, captions, related stories, scripts), with the page junk
//!    and the publication date each format carries.
//!
//! Sentences are small grammars: `{slot}` is filled from the story, `[a|b|c]` picks one
//! alternative (alternatives nest; `[a|]` makes `a` optional). Kinds of sentence: reported
//! speech with the speaker before, after, inside or next to the words; claims, accusations and
//! denials; attacks in the active and the passive; casualties; responses; tallies with
//! breakdowns by country; relations (backing, leaders, umbrellas, spokesmen); background
//! events; and plain narration with none of these.
//!
//! Everything is deterministic for a seed, and article `i` depends only on `(seed, i)`, so
//! [`generate_range`] gives the same articles as [`generate`] in batches.
//!
//! ```
//! let lex = proxylens::lexicon::Lexicon::bundled();
//! let files = proxylens::synth::generate(3, 1, &lex);
//! assert_eq!(files.len(), 3);
//! assert!(files[0].0.starts_with("gen/"));
//! ```

// `*rng.pick(..)` reads a `&str` out of a slice of them; without the `*` the generic pick
// would be asked for a slice of `str` (clippy's auto-deref lint misreads it).
#![allow(clippy::explicit_auto_deref)]

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::lexicon::{Actor, Lexicon};
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

    /// True with the given chance in percent.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.next_u64() % 100 < u64::from(percent)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi.saturating_sub(lo) + 1) as usize) as u32
    }

    /// An index drawn by weight.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total.max(1) as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        0
    }
}

/// SplitMix64's finaliser: a bijective hash of 64 bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The version of the generator's output: bump it when the articles change, so that
/// benchmarks that keep a generated corpus on disk make a new one.
pub const VERSION: u32 = 2;

/// Generates `n` articles: (file name, bytes).
pub fn generate(n: usize, seed: u64, lex: &Lexicon) -> Vec<(String, Vec<u8>)> {
    generate_range(0, n, seed, lex)
}

/// Generates articles `start..start + n` of the sequence for `seed` (the same articles as a
/// single call to [`generate`] would give, in batches).
pub fn generate_range(start: usize, n: usize, seed: u64, lex: &Lexicon) -> Vec<(String, Vec<u8>)> {
    let pools = Pools::new(lex);
    (start..start + n)
        .map(|i| article(i, seed, &pools))
        .collect()
}

// ============================================================================ the world

/// Where a story happens: it decides places, attackers, targets, weapons and responders.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Theatre {
    /// Militia attacks on U.S. forces in Iraq, Syria and Jordan.
    IraqSyria,
    /// Houthi attacks on shipping in the Red Sea and the Gulf of Aden.
    RedSea,
    /// Hezbollah, Hamas and their allies against Israel.
    Levant,
}

impl Theatre {
    fn index(self) -> usize {
        self as usize
    }
}

/// Groups that fight in each theatre (kept only when the lexicon knows them).
const THEATRE_GROUPS: [&[&str]; 3] = [
    &[
        "Kataib Hezbollah",
        "Harakat al-Nujaba",
        "Kataib Sayyid al-Shuhada",
        "Islamic Resistance in Iraq",
        "Asaib Ahl al-Haq",
        "Saraya Awliya al-Dam",
        "Ashab al-Kahf",
        "Kataib Imam Ali",
        "Saraya al-Khorasani",
        "Kataib Jund al-Imam",
        "Haidar al-Karrar Brigade",
        "Jaysh al-Mukhtar",
        "Saraya al-Jihad",
        "Badr Organization",
        "ISIS",
    ],
    &["Houthis"],
    &[
        "Hezbollah",
        "Hamas",
        "Palestinian Islamic Jihad",
        "Radwan unit",
    ],
];
const THEATRE_COUNTRIES: [&[&str]; 3] = [&["Iraq", "Syria", "Jordan"], &[""], &["Israel"]];
const STRIKE_COUNTRIES: [&[&str]; 3] = [&["Iraq", "Syria"], &["Yemen"], &["Lebanon", "Syria"]];
const UMBRELLAS: [&str; 3] = [
    "Islamic Resistance in Iraq",
    "Axis of Resistance",
    "Axis of Resistance",
];

/// Words for invented group names ("Liwa al-Thar al-Muqaddas").
const GROUP_HEADS: [&str; 6] = ["Liwa", "Saraya", "Kataib", "Ashab", "Jaysh", "Harakat"];
const GROUP_WORDS: [&str; 18] = [
    "al-Thar",
    "al-Muntaqimun",
    "al-Fath",
    "al-Wad",
    "Thar al-Muhandis",
    "al-Ghadab",
    "al-Qariah",
    "al-Sabireen",
    "al-Waad al-Haq",
    "Ahl al-Kahf",
    "al-Mukhtar",
    "al-Tahrir",
    "Rab Allah",
    "al-Ashtar",
    "al-Hujja",
    "al-Qasas",
    "Usud al-Furat",
    "al-Nasr al-Mubin",
];

/// A weapon in its singular, plural and "fire" forms.
struct Weapon {
    one: &'static str,
    many: &'static str,
    fire: &'static str,
}

const fn wpn(one: &'static str, many: &'static str, fire: &'static str) -> Weapon {
    Weapon { one, many, fire }
}

const WEAPONS: [&[Weapon]; 3] = [
    &[
        wpn("drone", "drones", "drone fire"),
        wpn(
            "one-way attack drone",
            "one-way attack drones",
            "drone fire",
        ),
        wpn(
            "explosive-laden drone",
            "explosive-laden drones",
            "drone fire",
        ),
        wpn("rocket", "rockets", "rocket fire"),
        wpn("Katyusha rocket", "Katyusha rockets", "rocket fire"),
        wpn("107mm rocket", "107mm rockets", "rocket fire"),
        wpn("mortar round", "mortar rounds", "mortar fire"),
        wpn("roadside bomb", "roadside bombs", "attack"),
        wpn(
            "close-range ballistic missile",
            "close-range ballistic missiles",
            "missile fire",
        ),
    ],
    &[
        wpn(
            "anti-ship ballistic missile",
            "anti-ship ballistic missiles",
            "missile fire",
        ),
        wpn("cruise missile", "cruise missiles", "missile fire"),
        wpn("drone", "drones", "drone fire"),
        wpn(
            "one-way attack drone",
            "one-way attack drones",
            "drone fire",
        ),
        wpn(
            "uncrewed surface vessel",
            "uncrewed surface vessels",
            "attack",
        ),
        wpn("explosive-laden boat", "explosive-laden boats", "attack"),
    ],
    &[
        wpn("rocket", "rockets", "rocket fire"),
        wpn("anti-tank missile", "anti-tank missiles", "missile fire"),
        wpn("drone", "drones", "drone fire"),
        wpn("explosive drone", "explosive drones", "drone fire"),
        wpn("Burkan rocket", "Burkan rockets", "rocket fire"),
        wpn("mortar round", "mortar rounds", "mortar fire"),
    ],
];

const VICTIMS: [&[&str]; 3] = [
    &[
        "U.S. service members",
        "American troops",
        "U.S. soldiers",
        "coalition soldiers",
    ],
    &["crew members", "sailors", "seafarers"],
    &["Israeli soldiers", "civilians", "reservists", "residents"],
];

const ARAB_FIRST: [&str; 20] = [
    "Ahmed", "Ali", "Hussein", "Mohammed", "Karim", "Haidar", "Mustafa", "Abbas", "Omar", "Yasser",
    "Samir", "Jaafar", "Kadhim", "Nabil", "Salah", "Tariq", "Firas", "Hamza", "Adel", "Rami",
];
const ARAB_LAST: [&str; 20] = [
    "al-Jubouri",
    "al-Obeidi",
    "al-Rubaie",
    "al-Saadi",
    "al-Tamimi",
    "al-Zaidi",
    "al-Khafaji",
    "al-Dulaimi",
    "Hamdan",
    "Nasser",
    "al-Hakim",
    "al-Shammari",
    "al-Mousawi",
    "Haddad",
    "al-Karbalai",
    "al-Basri",
    "Mansour",
    "al-Ansari",
    "al-Fatlawi",
    "Younis",
];
const KUNYA: [&str; 10] = [
    "Ali", "Hussein", "Mahdi", "Alaa", "Turab", "Haidar", "Zainab", "Fadl", "Hamza", "Jaafar",
];
const WEST_FIRST: [&str; 20] = [
    "James", "Sarah", "David", "Emily", "Laura", "Daniel", "Rachel", "Thomas", "Karen", "Mark",
    "Elena", "Peter", "Hannah", "Simon", "Julia", "Robert", "Claire", "Nathan", "Megan", "Paul",
];
const WEST_LAST: [&str; 20] = [
    "Harlow",
    "Whitaker",
    "Brennan",
    "Castillo",
    "Hughes",
    "Moreno",
    "Fischer",
    "Lindqvist",
    "Okafor",
    "Patel",
    "Reyes",
    "Donnelly",
    "Marsh",
    "Keller",
    "Abbott",
    "Ferreira",
    "Novak",
    "Sandoval",
    "Whitfield",
    "Carver",
];
const HEBREW_FIRST: [&str; 8] = [
    "Avi", "Yoni", "Eyal", "Noa", "Tal", "Omri", "Shira", "Gilad",
];
const HEBREW_LAST: [&str; 8] = [
    "Levy",
    "Shapira",
    "Cohen",
    "Ben-David",
    "Mizrahi",
    "Peretz",
    "Avraham",
    "Golan",
];
const SHIP_FIRST: [&str; 12] = [
    "Star", "Ocean", "Blue", "Golden", "Sea", "Pacific", "Nordic", "True", "Silver", "Eastern",
    "Grand", "Coral",
];
const SHIP_LAST: [&str; 12] = [
    "Iris",
    "Pioneer",
    "Harmony",
    "Spirit",
    "Trader",
    "Falcon",
    "Confidence",
    "Glory",
    "Horizon",
    "Venture",
    "Dawn",
    "Meridian",
];
const SHIP_FLAGS: [&str; 6] = [
    "Marshall Islands-flagged",
    "Liberian-flagged",
    "Panama-flagged",
    "Malta-flagged",
    "Greek-owned",
    "Singapore-flagged",
];
const SHIP_KINDS: [&str; 6] = [
    "bulk carrier",
    "oil tanker",
    "container ship",
    "cargo ship",
    "chemical tanker",
    "vehicle carrier",
];
const WARSHIPS: [&str; 8] = [
    "Carney",
    "Mason",
    "Gravely",
    "Laboon",
    "Halsey",
    "Stethem",
    "Porter",
    "Thomas Hudner",
];
const TANKS: [&str; 5] = [
    "Gulf Security Observatory",
    "Center for Maritime Risk",
    "Levant Research Group",
    "Mesopotamia Policy Forum",
    "Conflict Monitoring Unit",
];

/// A place of the lexicon.
#[derive(Clone, Copy)]
struct PlaceRef<'a> {
    name: &'a str,
    country: &'a str,
    kind: &'a str,
}

/// An outlet of the lexicon.
#[derive(Clone, Copy)]
struct OutletRef<'a> {
    name: &'a str,
    /// The web domain ("aljazeera.com"), or none.
    domain: Option<&'a str>,
    /// The short name a dateline uses ("AP", "Reuters", "AFP").
    tag: &'a str,
}

/// A person who speaks, in the forms a story names them.
#[derive(Clone, Debug)]
struct Person {
    /// The title before the name: "Pentagon spokeswoman Sabrina Singh".
    full: String,
    /// The name with an apposition: "Sabrina Singh, a Pentagon spokeswoman".
    appos: String,
    /// A later mention: "Singh", "the official".
    short: String,
    /// A transcript label: "MS. SINGH".
    label: String,
    /// A woman (for "she said").
    she: bool,
}

impl Person {
    fn anonymous(full: &str, short: &str) -> Person {
        Person {
            full: full.to_string(),
            appos: full.to_string(),
            short: short.to_string(),
            label: "OFFICIAL".to_string(),
            she: false,
        }
    }
}

/// What the generator draws from, computed once per batch.
struct Pools<'a> {
    groups: [Vec<&'a str>; 3],
    all_groups: Vec<&'a str>,
    places: [Vec<PlaceRef<'a>>; 3],
    strike_places: [Vec<PlaceRef<'a>>; 3],
    cities: Vec<PlaceRef<'a>>,
    agencies: Vec<OutletRef<'a>>,
    outlets: Vec<OutletRef<'a>>,
    photo: Vec<&'a str>,
    /// Media actors and the actor they belong to.
    media: Vec<(&'a str, Option<&'a str>)>,
    /// People of the side that is attacked, per theatre.
    officials: [Vec<Person>; 3],
    /// Spokesmen and leaders of armed groups: (group, person, leads it).
    group_people: Vec<(&'a str, Person, bool)>,
    /// Iranian officials.
    backer_people: Vec<Person>,
    /// Officials of other states: (state, person).
    state_people: Vec<(&'a str, Person)>,
    analysts: Vec<Person>,
    tanks: Vec<&'a str>,
    demonyms: Vec<(&'a str, &'a str)>,
}

impl<'a> Pools<'a> {
    fn new(lex: &'a Lexicon) -> Self {
        let known = |name: &str| {
            lex.actors
                .iter()
                .any(|a| a.name == name && a.kind == ActorKind::ArmedGroup)
        };
        let groups = THEATRE_GROUPS.map(|g| g.iter().copied().filter(|n| known(n)).collect());
        // Any other armed group of the lexicon may turn up in Iraq and Syria.
        let all_groups = lex
            .actors
            .iter()
            .filter(|a| a.kind == ActorKind::ArmedGroup)
            .map(|a| a.name.as_str())
            .filter(|n| !THEATRE_GROUPS[1].contains(n) && !THEATRE_GROUPS[2].contains(n))
            .collect();
        let place_refs: Vec<PlaceRef<'a>> = lex
            .places
            .iter()
            .map(|p| PlaceRef {
                name: p.name.as_str(),
                country: p.country.as_deref().unwrap_or(""),
                kind: p.kind.as_str(),
            })
            .collect();
        let in_countries = |cs: &[&str], strike: bool| -> Vec<PlaceRef<'a>> {
            place_refs
                .iter()
                .copied()
                .filter(|p| cs.contains(&p.country))
                .filter(|p| !strike || !matches!(p.kind, "base" | "facility"))
                .collect()
        };
        let mut places = [0, 1, 2].map(|t| in_countries(THEATRE_COUNTRIES[t], false));
        // Ships are attacked at sea.
        places[1].retain(|p| p.country.is_empty());
        places[1].push(PlaceRef {
            name: "Gulf of Aden",
            country: "",
            kind: "region",
        });
        let strike_places = [0, 1, 2].map(|t| in_countries(STRIKE_COUNTRIES[t], true));
        let cities = place_refs
            .iter()
            .copied()
            .filter(|p| p.kind == "city" && !p.country.is_empty())
            .collect();
        let mut agencies = Vec::new();
        let mut outlets = Vec::new();
        let mut photo = Vec::new();
        for o in &lex.outlets {
            let domain = o
                .aliases
                .iter()
                .find(|a| a.contains('.'))
                .map(String::as_str);
            let tag = o
                .aliases
                .iter()
                .find(|a| a.len() <= 4 && a.chars().all(|c| c.is_ascii_uppercase()))
                .map(String::as_str)
                .unwrap_or(o.name.as_str());
            let r = OutletRef {
                name: o.name.as_str(),
                domain,
                tag,
            };
            if o.name.contains("Images") {
                photo.push(o.name.as_str());
            } else if o.agency {
                agencies.push(r);
            } else {
                outlets.push(r);
            }
        }
        let media = lex
            .actors
            .iter()
            .filter(|a| a.kind == ActorKind::Media)
            .map(|a| {
                (
                    a.name.as_str(),
                    a.affiliation
                        .and_then(|id| lex.actors.get(id.index()))
                        .map(|x| x.name.as_str()),
                )
            })
            .collect();
        let mut pools = Pools {
            groups,
            all_groups,
            places,
            strike_places,
            cities,
            agencies,
            outlets,
            photo,
            media,
            officials: [Vec::new(), Vec::new(), Vec::new()],
            group_people: Vec::new(),
            backer_people: Vec::new(),
            state_people: Vec::new(),
            analysts: Vec::new(),
            tanks: Vec::new(),
            demonyms: lex
                .actors
                .iter()
                .filter(|a| a.kind == ActorKind::State)
                .filter_map(|a| Some((a.name.as_str(), a.demonyms.first()?.as_str())))
                .collect(),
        };
        for a in &lex.actors {
            if a.kind == ActorKind::Organisation {
                pools.tanks.push(a.name.as_str());
            }
            if a.kind == ActorKind::Person {
                pools.add_person(lex, a);
            }
        }
        pools
    }

    /// The adjective of a state ("Iraqi"; "U.S." for the United States).
    fn adjective(&self, state: &str) -> String {
        if state == "United States" {
            return "U.S.".to_string();
        }
        self.demonyms
            .iter()
            .find(|(s, _)| *s == state)
            .map(|(_, d)| d.to_string())
            .unwrap_or_else(|| state.to_string())
    }

    /// Sorts a lexicon person into the sides a story draws its speakers from.
    fn add_person(&mut self, lex: &'a Lexicon, a: &'a Actor) {
        let actor = |id: crate::model::ActorId| lex.actors.get(id.index());
        let affil = a.affiliation.and_then(actor);
        let led = a.leads.first().copied().and_then(actor);
        // The state the person ultimately serves.
        let mut root = affil;
        for _ in 0..6 {
            match root {
                Some(r) if r.kind != ActorKind::State => {
                    root = r.affiliation.and_then(actor);
                }
                _ => break,
            }
        }
        let root = root.filter(|r| r.kind == ActorKind::State);
        let name = a.name.as_str();
        let surname = name.rsplit(' ').next().unwrap_or(name);
        let role = a.roles.first().map(String::as_str);
        let she = role.is_some_and(|r| r.contains("woman"));
        let honorific = match role {
            Some(r) if r.contains("woman") => "MS.",
            Some("general" | "commander") => "GEN.",
            _ => "MR.",
        };
        let short = if name.starts_with("King ") {
            "the king".to_string()
        } else {
            surname.to_string()
        };
        let person = |full: String, appos: String| Person {
            full,
            appos,
            short: short.clone(),
            label: format!("{honorific} {}", surname.to_uppercase()),
            she,
        };
        let state_adj = root.map(|r| self.adjective(&r.name));
        let made = match (role, affil, led) {
            (Some(r), Some(org), _) if r.starts_with("spokes") || r == "press secretary" => {
                Some(person(
                    format!("{} {r} {name}", org_adjective(&org.name)),
                    format!("{name}, a {r} for {}", np(&org.name)),
                ))
            }
            (Some(r), _, _)
                if matches!(
                    r,
                    "defense secretary" | "secretary of state" | "foreign minister" | "minister"
                ) =>
            {
                let adj = state_adj.clone().unwrap_or_default();
                Some(person(
                    format!("{adj} {} {name}", title_case(r)).trim().to_string(),
                    format!("{name}, the {adj} {r}").replace("  ", " "),
                ))
            }
            (Some("general" | "commander"), _, Some(org))
            | (Some("general" | "commander"), Some(org), None) => Some(person(
                format!("{} commander {name}", org_adjective(&org.name)),
                format!("{name}, the commander of {}", np(&org.name)),
            )),
            (_, _, Some(org)) if org.kind == ActorKind::State => {
                let title = LEADER_TITLES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, t)| *t)
                    .unwrap_or("President");
                let adj = self.adjective(&org.name);
                if name.starts_with("King ") {
                    Some(person(
                        format!("{}'s {name}", org.name),
                        format!("{name}, the {adj} monarch"),
                    ))
                } else {
                    Some(person(
                        format!("{adj} {title} {name}"),
                        format!("{name}, the {adj} {}", title.to_lowercase()),
                    ))
                }
            }
            (_, _, Some(org)) if org.kind == ActorKind::GovernmentBody => Some(person(
                format!("{} commander {name}", org_adjective(&org.name)),
                format!("{name}, the head of {}", np(&org.name)),
            )),
            (_, _, Some(org)) => Some(person(
                format!("{} leader {name}", org_adjective(&org.name)),
                format!("{name}, the leader of {}", np(&org.name)),
            )),
            (None, Some(org), None) if org.kind == ActorKind::Organisation => Some(person(
                name.to_string(),
                format!("{name}, a senior fellow at {}", np(&org.name)),
            )),
            (None, Some(org), None) if org.kind == ActorKind::ArmedGroup => Some(person(
                format!("senior {} figure {name}", org_adjective(&org.name)),
                format!("{name}, a senior figure in {}", np(&org.name)),
            )),
            _ => None,
        };
        let Some(p) = made else { return };
        let group = led
            .filter(|g| g.kind == ActorKind::ArmedGroup)
            .map(|g| (g, true))
            .or_else(|| {
                affil
                    .filter(|g| g.kind == ActorKind::ArmedGroup)
                    .map(|g| (g, false))
            });
        if let Some((g, leads)) = group {
            self.group_people.push((g.name.as_str(), p, leads));
        } else if let Some(r) = root {
            match r.name.as_str() {
                "United States" => {
                    self.officials[0].push(p.clone());
                    self.officials[1].push(p);
                }
                "Israel" => self.officials[2].push(p),
                "Iran" => self.backer_people.push(p),
                _ => self.state_people.push((r.name.as_str(), p)),
            }
        } else if matches!(affil.map(|o| o.kind), None | Some(ActorKind::Organisation)) {
            self.analysts.push(p);
        }
    }
}

/// Titles of heads of state and government that are not "President".
const LEADER_TITLES: [(&str, &str); 5] = [
    ("Ali Khamenei", "Supreme Leader"),
    ("Benjamin Netanyahu", "Prime Minister"),
    ("Mohammed Shia al-Sudani", "Prime Minister"),
    ("Najib Mikati", "Prime Minister"),
    ("Mustafa al-Kadhimi", "Prime Minister"),
];

/// Whether a name takes "the" ("the Houthis", "the Pentagon"; not "Kataib Hezbollah").
fn takes_the(name: &str) -> bool {
    const HEADS: [&str; 27] = [
        "Forces",
        "Force",
        "Council",
        "Department",
        "Ministry",
        "Movement",
        "Organization",
        "Framework",
        "Union",
        "Nations",
        "Brigade",
        "Brigades",
        "Gathering",
        "Foundation",
        "Institute",
        "Coalition",
        "Assembly",
        "States",
        "Kingdom",
        "Emirates",
        "Resistance",
        "Houthis",
        "Pentagon",
        "unit",
        "Agency",
        "Observatory",
        "Center",
    ];
    const ACRONYMS: [&str; 5] = ["IRGC", "PMF", "SDF", "IDF", "UN"];
    if ACRONYMS.contains(&name) {
        return true;
    }
    name.split(' ').any(|w| HEADS.contains(&w))
        || name.ends_with("Group")
        || name.ends_with(" Post")
        || name.starts_with("Times of")
        || name.ends_with("Forum")
        || name.ends_with("Unit")
}

/// A name as a noun phrase: "the Houthis", "Kataib Hezbollah".
fn np(name: &str) -> String {
    if takes_the(name) && !name.starts_with("the ") && !name.starts_with("The ") {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// A name as a modifier: "Houthi spokesman", "State Department spokesman".
fn org_adjective(name: &str) -> &str {
    let name = name.strip_prefix("US ").unwrap_or(name);
    match name.strip_suffix("is") {
        Some(stem) if !name.contains(' ') => &name[..stem.len() + 1],
        _ => name,
    }
}

/// Whether a group's name is plural ("the Houthis are").
fn plural(name: &str) -> bool {
    name.ends_with("Houthis") || name.ends_with("Forces") || name.ends_with("forces")
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| if w == "of" { w.to_string() } else { cap(w) })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` with its first letter in capitals.
fn cap(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    cap_into(s, &mut out);
    out
}

fn cap_into(s: &str, out: &mut String) {
    let mut chars = s.chars();
    // "al-Houthi" at the start of a sentence is "Al-Houthi"; a quote mark stays.
    if let Some(c) = chars.next() {
        out.extend(c.to_uppercase());
        out.push_str(chars.as_str());
    }
}

/// "a" or "an" before a word.
fn article_for(word: &str) -> &'static str {
    let w = word.as_bytes();
    let vowel = matches!(
        w.first(),
        Some(b'a' | b'e' | b'i' | b'o' | b'A' | b'E' | b'I' | b'O')
    ) || (w.starts_with(b"un") && !w.starts_with(b"uni"));
    if vowel && !word.starts_with("one") {
        "an"
    } else {
        "a"
    }
}

// ============================================================================ numbers, dates

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// A number in words below 100, in digits (with thousands commas) above.
fn words(n: u32) -> String {
    match n {
        0..20 => ONES[n as usize].to_string(),
        20..100 if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_string(),
        20..100 => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
        _ => digits(n),
    }
}

fn digits(n: u32) -> String {
    if n >= 1000 {
        format!("{},{:03}", n / 1000, n % 1000)
    } else {
        n.to_string()
    }
}

/// "61st", "62nd", "113th".
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

const MONTH_AP: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const MONTH_FULL: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTH_SHORT: [&str; 12] = [
    "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
];

fn weekday(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn month0(d: NaiveDate) -> usize {
    d.month0() as usize
}

/// "Jan. 28", "Jan. 28, 2024".
fn ap_date(d: NaiveDate, year: bool) -> String {
    if year {
        format!("{} {}, {}", MONTH_AP[month0(d)], d.day(), d.year())
    } else {
        format!("{} {}", MONTH_AP[month0(d)], d.day())
    }
}

fn long_date(d: NaiveDate) -> String {
    format!("{} {}, {}", MONTH_FULL[month0(d)], d.day(), d.year())
}

fn british_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTH_FULL[month0(d)], d.year())
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn minus_days(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_days(Days::new(u64::from(n))).unwrap_or(d)
}

fn plus_days(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_days(Days::new(u64::from(n))).unwrap_or(d)
}

fn day_number(d: NaiveDate) -> u32 {
    d.num_days_from_ce().max(0) as u32
}

fn date_from_day(n: u32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n as i32)
        .unwrap_or(NaiveDate::from_ymd_opt(2024, 1, 1).expect("a valid date"))
}

// ============================================================================ a story

/// One attack (or one response) as a story tells it.
#[derive(Clone)]
struct Incident {
    /// Who attacked, as a noun phrase.
    actor: String,
    /// The attacker's canonical name.
    actor_name: String,
    /// What was attacked: "U.S. forces at al-Asad air base".
    target: String,
    /// The target mentioned again: "the base".
    tref: &'static str,
    /// The target is plural ("U.S. forces ... were attacked").
    tplural: bool,
    /// The place as named: "al-Asad air base".
    place: String,
    /// The place with its country: "al-Asad air base in Iraq".
    place_c: String,
    /// The country name ("" at sea).
    country: String,
    date: NaiveDate,
    weapon: &'static Weapon,
    count: u32,
    killed: u32,
    injured: u32,
    victims: &'static str,
}

/// A running count of attacks.
struct Count {
    total: u32,
    parts: Vec<(u32, &'static str)>,
    since: NaiveDate,
    subject: &'static str,
}

/// The facts one article tells, drawn before any sentence is written.
struct Story<'a> {
    theatre: Theatre,
    pub_date: NaiveDate,
    main: Incident,
    /// The response: the responder strikes the attacker.
    response: Incident,
    umbrella: String,
    others: [String; 2],
    leader: String,
    leader_title: &'static str,
    backer: &'static str,
    responder: &'static str,
    responder_adj: &'static str,
    tally: Count,
    /// Speakers: official of the attacked side, group spokesman, backer, analyst, local, the
    /// group itself.
    speakers: Vec<Person>,
    outlet: OutletRef<'a>,
    media: String,
    city: String,
    city_country: String,
    think_tank: String,
    backgrounds: Vec<String>,
    reporters: [String; 3],
}

const OFFICIAL: usize = 0;
const SPOKESMAN: usize = 1;
const BACKER: usize = 2;
const ANALYST: usize = 3;
const LOCAL: usize = 4;
const GROUP: usize = 5;

/// A fallback outlet when the lexicon has none.
const NO_OUTLET: OutletRef<'static> = OutletRef {
    name: "Regional Desk",
    domain: None,
    tag: "Regional Desk",
};

/// A piece of an article.
enum Block {
    Para(String),
    Heading(String),
    List(Vec<String>),
    /// The first row is the header.
    Table(Vec<Vec<String>>),
    Quote(String),
    /// A photo caption with its credit.
    Photo(String),
    /// A liveblog entry: time stamp, headline, paragraphs.
    Entry(String, Option<String>, Vec<String>),
    /// Small print: a footer, a release number.
    Note(String),
}

impl Block {
    fn len(&self) -> usize {
        match self {
            Block::Para(s) | Block::Heading(s) | Block::Quote(s) | Block::Note(s) => s.len(),
            Block::Photo(_) => 0,
            Block::List(v) => v.iter().map(String::len).sum(),
            Block::Table(rows) => rows.iter().flatten().map(String::len).sum(),
            Block::Entry(_, h, v) => {
                h.as_ref().map_or(0, String::len) + v.iter().map(String::len).sum::<usize>()
            }
        }
    }
}

/// The genres of real folders.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Genre {
    Wire,
    News,
    Relay,
    Tracker,
    Briefing,
    Release,
    Liveblog,
    Oped,
}

/// An article before it is written in a format.
struct Article {
    title: String,
    dek: Option<String>,
    byline: Option<String>,
    blocks: Vec<Block>,
    /// Who publishes it (for the page's site name and the "Source:" line).
    publisher: String,
    domain: String,
}

// ============================================================================ templates
//
// Slots: {g} attacker, {gdesc} a description of it, {gref} "the group", {its}/{is}/{has}
// agreement with it, {u} umbrella, {udesc}, {x}/{y} other groups, {lead} its leader, {b}
// backer, {badj}, {t} target, {tref} "the base", {tis} was/were, {p} place, {pc} place and
// country, {c} country, {cadj}, {d} date of the attack (many styles), {dabs}, {w} weapon, {ws}
// plural, {wn} counted weapons, {aw} "a drone", {wfire}, {harm}/{harmed} casualties, {r}
// responder, {radj}, {rf} responding forces, {p2}/{pc2}/{d2} the response, {n} tally,
// {nth}, {ni}/{ns} its parts, {ri}/{rs} their regions, {since}, {tu} who is counted, {s}/{se}
// the current speaker (subject / sentence-final form), {sn} a later mention, {he}, {s1}…{s5}
// the story's speakers, {o} the outlet, {m} a relaying medium, {city}, {tank}, {bg} a
// background event, {num} a small number, {big} a larger one, {prop}/{Prop} the proposition in a
// speech frame, {q} the quote.

/// Frames of reported speech around a proposition ({Prop} capitalised).
const SPEECH: &[&str] = &[
    "{s} said {prop}.",
    "{s} said {d} that {prop}.",
    "{s} said [in a statement|at a news conference|in a televised address|in an interview|during a visit to {city}] that {prop}.",
    "{Prop}, {s} said.",
    "{Prop}, said {se}.",
    "{Prop}, {s} told reporters[ in {city}|].",
    "{Prop}, {s} told {o}.",
    "According to {se}, {prop}.",
    "{s} told reporters that {prop}.",
    "{s} told {o} that {prop}.",
    "{s} [added|noted|stressed|insisted|warned] that {prop}.",
    "In a statement, {s} said {prop}.",
    "{s} [wrote|said] on X, formerly Twitter, that {prop}.",
    "{Prop}, {s} said in a statement[ released {d}|].",
    "{s}, speaking [to reporters|at a briefing|to a small group of journalists], said {prop}.",
    "{Prop}, according to {se}.",
    "{s} [later |]confirmed that {prop}.",
    "Asked about the attack, {s} said {prop}.",
];

/// Frames for a group's statements.
const GROUP_SPEECH: &[&str] = &[
    "{s} said in a statement on Telegram that {prop}.",
    "In a statement posted on {its2} Telegram channel, {s} said {prop}.",
    "{s} said in a statement carried by {m} that {prop}.",
    "{Prop}, {s} said in a statement[ {d}|].",
    "In a video statement, {s} said {prop}.",
    "{m} quoted {s} as saying that {prop}.",
    "{s} said {prop}, according to a statement [carried|published] by {m}.",
    "{Prop}, {m} reported, citing a statement from {se}.",
    "{s} said {d} that {prop}.",
    "In a statement issued [late {wd}|{d}|hours later], {s} said {prop}.",
];

/// Frames for a quotation {q}.
const QUOTE: &[&str] = &[
    "“{q},” {s} said.",
    "“{q},” said {se}.",
    "{s} said: “{q}.”",
    "“{q},” {s} told {o}.",
    "“{q}.” That was the message from {se}.",
    "{s} [struck a defiant tone|was blunt|did not mince words|was unapologetic]. “{q}.”",
    "“{q},” {s} [wrote|posted] on X.",
    "In a [televised|recorded] speech, {s} said: “{q}.”",
    "“{q},” {s} said[ in a statement| in a televised speech| at a news conference].",
    "“{q}.” The words came from {se}[, speaking to reporters|, in a speech|].",
];

/// Frames for a quotation by the speaker of the sentence before.
const QUOTE_AGAIN: &[&str] = &[
    "“{q},” {he} said.",
    "“{q},” {he} added.",
    "“{q},” {he} said[ later| in the statement|].",
    "{He} [went further|was blunt]. “{q}.”",
];

/// Frames for a quotation by a speaker named earlier.
const QUOTE_NAMED_AGAIN: &[&str] = &[
    "“{q},” {sn} added.",
    "{sn} went further. “{q}.”",
    "“{q},” {sn} said.",
];

const PROPS_OFFICIAL: &[&str] = &[
    "{g} {was} responsible for the attack",
    "the [drone|{w}] had been launched by {g}",
    "the attack [on {t}|] bore the hallmarks of {g}",
    "militias backed by {b} were behind the strike [on {t}|]",
    "{b} bears responsibility for arming the groups that carry out these attacks",
    "the United States did not seek a wider war in the region",
    "{g} had been warned [repeatedly|several times] to stop",
    "the attackers had used {wn}",
    "investigators were still trying to determine where the {w} was launched from",
    "[there have been|there had been] {n} attacks on {tu} since {since}",
    "{tu} had been attacked {n} times since {since}, {ni} in {ri} and {ns} in {rs}",
    "the response would be [tiered|proportionate|swift]",
    "{g} [carried out|launched] the attack using {ws} supplied by {b}",
    "the strike was the work of {uc}",
    "air defenses [intercepted|shot down] [most of|some of|all but one of] the {ws}",
];

const PROPS_GROUP: &[&str] = &[
    "{its2} fighters had targeted {t} with {wn}",
    "{its2} forces [struck|hit|attacked] {t} {d}",
    "the operation was a response to {cause}",
    "attacks would continue until foreign forces [left|withdrew from] {c}",
    "{its2} fighters had [fired|launched] {wn} at {t} [\"with appropriate weapons\"|and hit their targets accurately|]",
    "the [attack|strike|operation] on {t} was carried out by {its2} drone unit",
    "{it} had launched the [attack|operation] {why}",
    "{its2} fighters were behind the [attack|strike] on {t}",
];

const PROPS_BACKER: &[&str] = &[
    "{b} had no role in the attack",
    "{b} does not direct the resistance groups, which make their own decisions",
    "the accusations were baseless",
    "{b} was not involved in any attack on {tu}",
    "{g} {3:acts|act} independently and {3:does|do} not take orders from {b}",
    "{b} had nothing to do with the [strike|incident]",
];

const PROPS_ANALYST: &[&str] = &[
    "{g} {is} among the most capable of the militias backed by {b}",
    "the attacks are meant to push {tu} out of {c}",
    "{b} gives the groups weapons and money but not always orders",
    "{u} is a [front|label] used by several groups, including {g} and {x}, to claim attacks",
    "the pace of attacks has [slowed|picked up] since {bg}",
    "{g} and {x} both answer to commanders of the Quds Force",
    "the groups had grown more willing to take risks",
    "{lead}, who leads {g}, has [little|growing] room to [back down|escalate]",
];

const PROPS_LOCAL: &[&str] = &[
    "[two|three|several] explosions were heard near {p} [shortly after midnight|before dawn|in the evening]",
    "the {w} hit [an empty building|a parking area|a storage hangar] [and caused no casualties|and started a fire|]",
    "ambulances rushed to the area",
    "residents had been told to stay indoors",
    "the roads around {p} were closed for several hours",
    "a fire broke out near the [perimeter|main gate] after the blast",
];

const QUOTES_OFFICIAL: &[&str] = &[
    "We will respond [at a time and place of our choosing|decisively|in a way that is proportionate]",
    "These attacks [are unacceptable|have to stop], and we will hold those responsible to account",
    "We know who is behind this, and we are not going to let it slide",
    "We do not seek a wider war, but we will defend our [people|forces|troops]",
    "Our thoughts are with the families of [those killed|the wounded|the service members who were hurt]",
    "Nobody should mistake our restraint for weakness",
    "We're still assessing the damage, and I don't want to get ahead of that",
    "It is too early to say [who launched the drone|where the rockets came from|whether there were casualties]",
    "We've been very clear about who we hold responsible",
    "There is no question in our minds that {b} is behind these groups",
];

const QUOTES_GROUP: &[&str] = &[
    "Our operations will continue as long as the aggression {aggr} continues",
    "The occupation forces have no place on our land",
    "Every base [used|occupied] by the Americans is a legitimate target",
    "This [operation|strike] is a response to the crimes of the occupation",
    "We warn the enemy that what is coming will be [greater|more painful]",
    "We have the right to defend our people and our sovereignty",
    "We will not be intimidated by threats",
];

const QUOTES_BACKER: &[&str] = &[
    "The resistance groups make their own decisions",
    "{b} does not [give orders to|direct] any group in the region",
    "Accusations against {b} are baseless",
    "The root of the crisis is {root}",
    "We do not want the war to spread",
];

const QUOTES_ANALYST: &[&str] = &[
    "[The militias|These groups] are testing how far they can go before they trigger a serious response",
    "{b} wants pressure without a war, and the groups give it that",
    "The umbrella name gives everyone deniability",
    "Deterrence is eroding, and both sides know it",
    "A strike that damages a runway is a message; a strike that kills Americans is a different thing",
    "What we're seeing is a campaign, not a string of incidents",
];

const QUOTES_LOCAL: &[&str] = &[
    "The whole house shook, and the children started screaming",
    "We heard [two|three|several] loud blasts and then the sirens",
    "People here are tired. They just want to live",
    "We are caught in the middle of someone else's war",
    "Nobody told us anything. We saw the smoke from the roof",
];

const CLAIMS: &[&str] = &[
    "{g} claimed responsibility for the attack[ on {t}| {d}|].",
    "{g} claimed, {d}, to have targeted {t} with {wn}.",
    "{uc} said {it} had launched {wn} at {t}[ {d}|].",
    "Responsibility for the [attack|strike|operation] was claimed by {uc}.",
    "{uc} claimed the attack in a statement on Telegram.",
    "{g} later [said {it} {was} behind|took credit for|claimed] the [attack|strike].",
    "In a statement on Telegram, {g} said {its} fighters had [struck|targeted|attacked] {t} [\"with appropriate weapons\"|with {wn}].",
    "{g} announced that {its} [fighters|forces|drone unit] had carried out the operation {why}.",
    "{g} [said|claimed] {d} that {its} fighters had hit {t}.",
];

const ACCUSATIONS: &[&str] = &[
    "{r} blamed the attack on {g}.",
    "{c} has blamed the [attack|strike|drone strike] on {g}[, which has not commented|, which denied involvement|].",
    "[U.S.|American|Western] officials [held|hold] {b} responsible for the [attack|attacks][, saying it arms and trains the groups|].",
    "[The Pentagon|The White House|Washington] attributed the [attack|strike] to {uc}.",
    "{s1} accused {g} of [carrying out|launching|being behind] the attack[ on {t}|].",
    "{s1} blamed militias backed by {b} for the [attack|strike].",
    "[Israeli|Iraqi|U.S.] [officials|security sources] said {g} [{was}|had been] behind the attack.",
    "[Officials in Washington|The administration] [pinned|placed] the blame on {g}.",
    "{radj} officials accused {b} of [supplying|providing] the {ws} used in the attack.",
];

const DENIALS: &[&str] = &[
    "{b} has denied [any role in the attacks|directing the groups|involvement], saying the groups act independently.",
    "{g} denied [involvement in|any role in|responsibility for] the [attack|strike][, saying it had no fighters in the area|].",
    "No group [has claimed|claimed] responsibility for the [attack|strike][ so far| as of {wd}|].",
    "There was no immediate claim of responsibility.",
    "{s3} [rejected|dismissed] the [accusation|allegations] as [baseless|a pretext], saying {b} [had no role|was not involved].",
    "{g} did not claim the [attack|strike], although {it} {has} claimed similar [operations|attacks] in the past.",
    "A spokesman for {g} [denied|rejected suggestions] that the group had [played any part in it|been involved].",
    "{b}'s mission to the United Nations said Tehran [was not involved|had nothing to do with the attack].",
];

const ATTACKS: &[&str] = &[
    "{g} [attacked|targeted|struck] {t} with {wn} {d}.",
    "{D}, {g} [launched|fired] {wn} at {t}.",
    "[Militants|Fighters|Gunmen] [fired|launched] {wn} at {t} {d}[, officials said|, according to security sources|].",
    "{Wn} [launched|fired] by {g} [hit|struck|slammed into] {t} {d}.",
    "{g} [carried out|mounted|staged] [an attack|a strike|an assault] on {t} {d} using {wn}.",
    "{t} {tis} [attacked|targeted|hit] with {wn} {d}.",
    "{t} came under {wfire} {d}.",
    "{Aw} [struck|hit|crashed into] {t} {d}[, causing [minor damage|no casualties|a fire]|].",
    "[An attack|A strike] on {t} {d} [was carried out|was launched] by {g}.",
    "{t} {tis} targeted by {g} {d}[, officials said|, according to {o}|].",
    "{D}, {t} {tis} struck by {wn} that [officials|the Pentagon|{radj} officials] said {wwas} launched by {g}.",
];

const RESPONSES: &[&str] = &[
    "{rf} [struck|hit|bombed] {num} [sites|targets|facilities] [used by|linked to|belonging to] {g} in {pc2} {d2}.",
    "{D2}, {rf} carried out [airstrikes|strikes|precision strikes] on [positions|command centers|weapons depots|drone storage sites] of {g} near {p2}.",
    "{r} [retaliated|responded] {d2} with strikes on [{num} locations|several sites] in {pc2} used by {g} and other groups backed by {b}.",
    "[Warplanes|Fighter jets|Aircraft] [struck|pounded|hit] [an ammunition depot|a weapons storage site|a command center|a training camp] in {pc2} {d2}[, according to {m}|].",
    "{g} said {num} of {its} fighters were killed in [the|a] strike on {p2}.",
    "In response, {rf} struck [facilities|sites] in {pc2} that [officials|the Pentagon] said were used by {g}.",
];

const TALLIES: &[&str] = &[
    "{Tu} have been attacked [at least |more than |]{n} times since {since}[, {ni} times in {ri} and {ns} in {rs}|].",
    "[The Pentagon has|U.S. officials have] counted {n} attacks on {tu} since {since}[, {ni} in {ri} and {ns} in {rs}|].",
    "The attack was [at least |]the {nth} on {tu} since {since}.",
    "Since {since}, there have been {n} attacks on {tu}, {ni} of them in {ri} and {ns} in {rs}.",
    "{g} and allied groups have [carried out|claimed] more than {n} attacks since {since}.",
    "That [brings|brought] the number of attacks on {tu} since {since} to {n}.",
    "[By one count|By the Pentagon's count|According to a tally by {tank}], {n} attacks have targeted {tu} since {since}.",
    "[Militias|The groups] have attacked {tu} {n} times since {since}, [{ni} in {ri} and {ns} in {rs}|most of them with {ws}].",
    "Of the {n} attacks [recorded |]since {since}, {ni} were in {ri} and {ns} in {rs}.",
];

const RELATIONS: &[&str] = &[
    "{g} {is} one of several [armed factions|militias|armed groups] backed by {b}.",
    "{g} {is} a member of {u}, {udesc}.",
    "{U}, which includes {g} and {x}, has claimed [dozens of attacks|scores of attacks|more than {big} attacks][ since {since}| this year|].",
    "{lead}, the {ltitle} of {g}, [has vowed|vowed|pledged] to [keep up the attacks|drive U.S. forces out of the region|continue the campaign].",
    "{g} {is} led by {lead}.",
    "{g} and {x} [both |]receive [weapons|training|money and weapons] from {b}'s Quds Force.",
    "{g} {3:operates|operate} under the umbrella of {u}[, alongside {x} and {y}|].",
    "{g}, {gdesc}, {has} [long |]been [armed|funded|trained] by {b}.",
    "{x} {xis} [closely allied|aligned] with {g}, and both take their cues from {b}.",
    "{g} {is} considered {b}'s [most loyal|most capable|closest] [proxy|partner|ally] in the region.",
    "{lead} [heads|leads|commands] {g}, which {has} [fighters|units|offices] in [several provinces|the capital and the south|three countries].",
    "{g} {is} backed by {b}, as are {x} and {y}.",
];

const BACKGROUND: &[&str] = &[
    "The [attack|strike] was the [deadliest|most serious|boldest] since {bg}.",
    "[Attacks|Tensions] have [risen|surged|escalated] since {bg}.",
    "{Bg} brought the region to the brink of a wider war.",
    "[Many|Some] analysts trace the current escalation to {bg}.",
    "The region has been on edge since {bg}.",
    "{g} {has} stepped up {its} attacks since {bg}.",
    "The last [comparable|similar] episode came after {bg}.",
];

/// Background events (year and month, and the words a sentence uses for them).
/// The mask says in which theatres' stories they come up (1 Iraq and Syria, 2 the Red Sea,
/// 4 the Levant).
const EVENTS: &[(u32, u8, &str)] = &[
    (
        201405,
        1,
        "the 2014 Islamic State offensive that captured Mosul",
    ),
    (
        201805,
        7,
        "the U.S. withdrawal from the Iran nuclear deal in May 2018",
    ),
    (
        201903,
        1,
        "the fall of the Islamic State's last stronghold in Syria in March 2019",
    ),
    (
        201909,
        3,
        "the 2019 drone and missile attack on Saudi oil facilities at Abqaiq",
    ),
    (
        201912,
        1,
        "the storming of the U.S. Embassy in Baghdad in late December 2019",
    ),
    (
        202001,
        7,
        "the January 2020 U.S. drone strike in Baghdad that killed Qassem Soleimani and Abu Mahdi al-Muhandis",
    ),
    (
        202001,
        1,
        "Iran's missile barrage on al-Asad air base in January 2020",
    ),
    (202104, 1, "the drone attack on Erbil airport in April 2021"),
    (
        202111,
        1,
        "the failed drone attack on the home of Iraq's prime minister in November 2021",
    ),
    (
        202203,
        2,
        "the Houthi missile strike on an oil depot in Jeddah in March 2022",
    ),
    (
        202204,
        2,
        "the truce between the Houthis and the Saudi-led coalition in April 2022",
    ),
    (
        202310,
        7,
        "the Hamas-led assault on southern Israel on Oct. 7, 2023",
    ),
    (202310, 7, "the start of the war in Gaza in October 2023"),
    (
        202311,
        2,
        "the Houthis' seizure of the cargo ship Galaxy Leader in November 2023",
    ),
    (
        202401,
        3,
        "the U.S. and British strikes on Houthi targets in Yemen in January 2024",
    ),
    (
        202401,
        1,
        "the drone attack that killed three U.S. soldiers in Jordan in January 2024",
    ),
    (
        202404,
        7,
        "Israel's strike on the Iranian consulate in Damascus in April 2024",
    ),
    (
        202404,
        4,
        "Iran's drone and missile barrage on Israel in April 2024",
    ),
    (
        202407,
        4,
        "the killing of Hamas leader Ismail Haniyeh in Tehran in July 2024",
    ),
    (
        202409,
        4,
        "the killing of Hassan Nasrallah in an Israeli strike on Beirut in September 2024",
    ),
];

const NARRATION: &[&str] = &[
    "[Traffic|Flights] returned to normal at {city}'s airport by [the afternoon|midday|the evening].",
    "The {cadj} parliament is due to [reconvene|meet] next week to debate the [budget|election law].",
    "Electricity cuts [have worsened|continued] as temperatures climbed above {hot} degrees Celsius.",
    "Shipping insurers have [raised|doubled] war-risk premiums for vessels [crossing|transiting] the region.",
    "The base sits in [a remote stretch of desert|flat farmland] [near the border|along the Euphrates|a few hours' drive from the capital].",
    "Oil prices [edged higher|rose slightly|slipped] in early trading.",
    "[Talks|Negotiations] on the future of the foreign troop presence are expected to resume [next month|after the holiday].",
    "[About 2,500|About 900|Several thousand] U.S. troops remain in [Iraq|Syria] on a mission to advise local forces.",
    "The [foreign minister|prime minister] is expected to visit {city} later this month.",
    "Markets in {city} were [busy|quiet] on [the eve of the holiday|Friday].",
    "The statement did not give further details.",
    "It was not possible to independently verify the [claim|account|figures].",
    "Officials did not say how many [troops|people] were at the site at the time.",
    "[Schools|Government offices] in the province [stayed open|reopened] the next day.",
    "The [ministry|embassy] did not respond to a request for comment.",
    "Satellite images [published|reviewed] by [analysts|researchers] [showed|appeared to show] scorch marks near the [runway|perimeter].",
    "[The U.S. Embassy|Several embassies] advised citizens to avoid travel to the area.",
    "Container traffic through the Suez Canal has fallen sharply [this year|since the attacks began].",
    "[Prices|Fuel prices] in {city} [jumped|rose] as [shops|traders] stocked up.",
    "Elections for provincial councils are scheduled for [the autumn|next year].",
    "The road between {city} and the border reopened after several hours.",
    "[Video|Footage] shared on social media showed smoke rising over the area.",
];

const OPED: &[&str] = &[
    "For two decades, Washington's policy in the region has swung between engagement and neglect.",
    "Deterrence is not a speech; it is a pattern of behavior that an adversary learns to expect.",
    "The militias have learned that {aw} costs little and buys a great deal of attention.",
    "None of this is inevitable.",
    "There are no good options, only less bad ones.",
    "Policymakers should [resist the temptation|be wary] of treating every attack as a message from {b}.",
    "What happens next will depend less on {r} than on the government in {capital}.",
    "The question is not whether the next attack will come, but where.",
    "A policy that [reacts to every provocation|waits for the next crisis] is not a policy at all.",
    "The costs of the current approach are [rising|hard to ignore], and they fall on people who have no say in it.",
    "It would be a mistake to read the lull as a sign that the problem has gone away.",
    "Diplomacy is slow, unglamorous and, for now, the only road that leads anywhere.",
    "The region's governments know this better than anyone.",
    "[Sanctions|Strikes] alone will not change the calculations of the men who give the orders.",
];

const QUESTIONS: &[&str] = &[
    "Thank you. Can you say whether the {ws} were launched from {c} or from [Syria|Iraq|Iran]?",
    "Is the department considering [strikes inside {b}|a change in force posture]?",
    "How many [troops|people] were [nearby|in the area] at the time of the attack?",
    "Do you [attribute|assign] this attack to {g} specifically, or to {u} more broadly?",
    "Has {b} been in touch through any channel since the attack?",
    "Can you give us an updated number of attacks since {since}?",
    "Just to follow up: did the {w} get past air defenses?",
    "Are you confident the response has restored deterrence?",
    "What is the status of the [wounded|service members who were injured]?",
    "Can you confirm reports that the attack was claimed by {uc}?",
    "Is there any indication that {b} ordered this attack?",
    "Were any of the {ws} intercepted?",
    "How would you characterize the damage?",
    "Has the secretary spoken with his counterpart in {capital}?",
    "Do you see this as an escalation?",
    "What can you tell us about the strikes on {p2}?",
    "[Sorry, a|A] quick one on a different topic: is there any update on the talks in {capital}?",
];

const ANSWERS: &[&str] = &[
    "We've seen {n} attacks [against|on] {tu} since {since}, {ni} in {ri} and {ns} in {rs}.",
    "We assess that {g} {was} responsible for this attack.",
    "I'm not going to get ahead of any decisions the [secretary|president] may make.",
    "I don't have an update on that for you today.",
    "I'd refer you to Central Command for the operational details.",
    "These groups are backed by {b}, and we hold {b} responsible.",
    "We don't seek a wider conflict, but we will protect our forces.",
    "The attack involved {wn}, and it was launched from {c}.",
    "That's still being assessed, and I'll be happy to come back to you.",
    "What I can tell you is that our forces responded appropriately.",
    "I'm just not going to get into intelligence matters from the podium.",
    "Our assessment is that {g} carried this out, and that the {ws} came from {b}.",
    "The service members who were injured are receiving treatment, and several have returned to duty.",
    "I'm not going to speculate on that.",
    "We remain in close contact with our partners in {capital}.",
    "I'll just say that the strikes were necessary and proportionate.",
    "We have the right to defend ourselves, and we'll continue to exercise it.",
];

const HEADLINES: &[&str] = &[
    "{g} {3:claims|claim} {w} attack on {tref0} in {c}",
    "{Cadj} officials blame {g} for {w} strike",
    "{r0} strikes {gadj} targets in {c2} after attack",
    "{b0} denies role in attack on {tu}",
    "{Aw} hits {tref0} near {p}",
    "[Attack|Strike] near {p} raises fears of wider war",
    "{g} {3:says|say} {it} targeted {tref0} with {ws}",
    "{Tu} attacked {n} times since {since}, Pentagon says",
    "What we know about the attack on {p}",
    "{r0} vows response after {w} attack in {c}",
    "{Uc} {3:claims|claim} strike as tensions rise",
];

// ============================================================================ the writer

/// Composes one article: the random state, the story and what has been said so far.
struct Writer<'p> {
    rng: Rng,
    pools: &'p Pools<'p>,
    s: Story<'p>,
    /// The incident the attack slots refer to (the main one, or one of a tracker's rows).
    inc: Incident,
    cur: usize,
    mentioned: [bool; 6],
    prop: String,
    used: Vec<usize>,
    size: usize,
    /// Sentences of each kind written so far.
    told: [u8; KINDS],
    /// Who spoke last (a pronoun may refer to them).
    last: Option<usize>,
}

fn article(i: usize, seed: u64, pools: &Pools<'_>) -> (String, Vec<u8>) {
    // Each article's stream starts at a hashed point, so that neighbouring articles do not
    // share a shifted stream (SplitMix64 advances by a constant step).
    let rng = Rng::new(mix(seed ^ mix(i as u64 + 1)));
    let mut w = Writer::new(rng, pools);
    let genre = *w.pick(&[
        (20, Genre::Wire),
        (18, Genre::News),
        (12, Genre::Relay),
        (10, Genre::Tracker),
        (8, Genre::Briefing),
        (8, Genre::Release),
        (10, Genre::Liveblog),
        (14, Genre::Oped),
    ]);
    let genre = match (genre, w.s.theatre) {
        (Genre::Briefing | Genre::Release, Theatre::Levant) => Genre::News,
        (g, _) => g,
    };
    // Text sizes like real articles: many short, some long.
    let target = match w.rng.weighted(&[40, 45, 15]) {
        0 => w.rng.range(1200, 3000),
        1 => w.rng.range(3000, 5500),
        _ => w.rng.range(5500, 7000),
    } as usize;
    let art = w.compose(genre, target);
    let format = match genre {
        Genre::Wire => w.rng.weighted(&[50, 10, 40]),
        Genre::News => w.rng.weighted(&[25, 20, 55]),
        Genre::Relay => w.rng.weighted(&[45, 10, 45]),
        Genre::Tracker => w.rng.weighted(&[10, 60, 30]),
        Genre::Briefing => w.rng.weighted(&[50, 10, 40]),
        Genre::Release => w.rng.weighted(&[45, 10, 45]),
        Genre::Liveblog => w.rng.weighted(&[15, 25, 60]),
        Genre::Oped => w.rng.weighted(&[25, 35, 40]),
    };
    let (ext, body) = match format {
        0 => ("txt", w.text(&art)),
        1 => ("md", w.markdown(&art)),
        _ => ("html", w.html(&art)),
    };
    (
        format!("gen/{:03}/article_{i:06}.{ext}", i % 997),
        body.into_bytes(),
    )
}

impl<'p> Writer<'p> {
    fn new(mut rng: Rng, pools: &'p Pools<'p>) -> Writer<'p> {
        let s = Story::draw(&mut rng, pools);
        Writer {
            rng,
            pools,
            inc: s.main.clone(),
            s,
            cur: OFFICIAL,
            mentioned: [false; 6],
            prop: String::new(),
            used: Vec::new(),
            size: 0,
            told: [0; KINDS],
            last: None,
        }
    }

    fn pick<'a, T>(&mut self, weighted: &'a [(u32, T)]) -> &'a T {
        let w: Vec<u32> = weighted.iter().map(|x| x.0).collect();
        &weighted[self.rng.weighted(&w)].1
    }

    /// A template of `list`, not yet used in this article when possible.
    fn fresh(&mut self, list: &'static [&'static str]) -> &'static str {
        let start = self.rng.below(list.len());
        // When the umbrella itself attacked, "the umbrella includes the attacker" is nonsense.
        let own_umbrella = self.inc.actor == self.s.umbrella;
        let fits = |t: &str| !(own_umbrella && (t.contains("{u}") || t.contains("{U}")));
        let t = (0..list.len())
            .map(|k| list[(start + k) % list.len()])
            .find(|t| fits(t) && !self.used.contains(&(t.as_ptr() as usize)))
            .or_else(|| {
                (0..list.len())
                    .map(|k| list[(start + k) % list.len()])
                    .find(|t| fits(t))
            })
            .unwrap_or(list[start]);
        self.used.push(t.as_ptr() as usize);
        t
    }

    /// Renders a template as a sentence (capitalised, spaces tidied).
    fn sentence(&mut self, t: &str) -> String {
        let mut raw = String::with_capacity(t.len() + 64);
        self.render(t, &mut raw);
        let mut out = String::with_capacity(raw.len());
        cap_into(raw.trim_start(), &mut out);
        tidy(out)
    }

    /// Renders a template from `list` as a sentence.
    fn from(&mut self, list: &'static [&'static str]) -> String {
        let t = self.fresh(list);
        self.sentence(t)
    }

    /// Reported speech: a proposition of `props` said by speaker `who` in one of `frames`.
    fn said(
        &mut self,
        who: usize,
        props: &'static [&'static str],
        frames: &'static [&'static str],
    ) -> String {
        self.cur = who;
        let p = self.fresh(props);
        let mut prop = String::new();
        self.render(p, &mut prop);
        self.prop = prop;
        let f = self.fresh(frames);
        let s = self.sentence(f);
        self.mentioned[who] = true;
        self.last = Some(who);
        s
    }

    /// A quotation by speaker `who`.
    fn quote(&mut self, who: usize, quotes: &'static [&'static str]) -> String {
        self.cur = who;
        let q = self.fresh(quotes);
        let mut text = String::new();
        self.render(q, &mut text);
        self.prop = text;
        let frames = if self.last == Some(who) && self.rng.chance(60) {
            QUOTE_AGAIN
        } else if self.mentioned[who] && self.rng.chance(40) {
            QUOTE_NAMED_AGAIN
        } else {
            QUOTE
        };
        let f = self.fresh(frames);
        let s = self.sentence(f);
        self.mentioned[who] = true;
        self.last = Some(who);
        s
    }

    /// Renders template `t` into `out`.
    fn render(&mut self, t: &str, out: &mut String) {
        let b = t.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'[' => {
                    let end = closing(b, i);
                    let inner = &t[i + 1..end.min(t.len())];
                    let n = alternatives(inner);
                    let k = self.rng.below(n);
                    let alt = nth_alternative(inner, k);
                    self.render(alt, out);
                    i = end + 1;
                }
                b'{' => {
                    let end = t[i..].find('}').map_or(b.len(), |e| i + e);
                    self.slot(&t[i + 1..end.min(t.len())], out);
                    i = end + 1;
                }
                _ => {
                    let next = b[i..]
                        .iter()
                        .position(|&c| c == b'[' || c == b'{')
                        .map_or(b.len(), |p| i + p);
                    out.push_str(&t[i..next]);
                    i = next;
                }
            }
        }
    }

    /// Fills one slot.
    fn slot(&mut self, key: &str, out: &mut String) {
        // "{3:says|say}": the verb agrees with the attacker.
        if let Some(forms) = key.strip_prefix("3:") {
            let (one, many) = forms.split_once('|').unwrap_or((forms, forms));
            out.push_str(if plural(&self.inc.actor) { many } else { one });
            return;
        }
        // A capital first letter asks for the slot capitalised.
        if key.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
            let mut s = String::new();
            self.slot(&key.to_ascii_lowercase(), &mut s);
            cap_into(&s, out);
            return;
        }
        let s = &self.s;
        let inc = &self.inc;
        match key {
            "g" => out.push_str(&inc.actor),
            "gdesc" => {
                let d = *self.rng.pick(GROUP_DESCRIPTIONS[s.theatre.index()]);
                out.push_str(d);
            }
            "gref" => out.push_str(if plural(&inc.actor) {
                "the rebels"
            } else {
                "the group"
            }),
            "its" => out.push_str(if plural(&inc.actor) { "their" } else { "its" }),
            // In a statement: the group's own "its", or "the group's" when a spokesman speaks.
            "its2" => out.push_str(match (self.cur == GROUP, plural(&inc.actor)) {
                (true, false) => "its",
                (true, true) => "their",
                (false, false) => "the group's",
                (false, true) => "the rebels'",
            }),
            "is" => out.push_str(if plural(&inc.actor) { "are" } else { "is" }),
            "was" => out.push_str(if plural(&inc.actor) { "were" } else { "was" }),
            "it" => out.push_str(if plural(&inc.actor) { "they" } else { "it" }),
            "has" => out.push_str(if plural(&inc.actor) { "have" } else { "has" }),
            "u" => out.push_str(&s.umbrella),
            "uc" => out.push_str(if s.theatre == Theatre::IraqSyria {
                &s.umbrella
            } else {
                &inc.actor
            }),
            "cause" | "why" | "aggr" | "root" | "war" => {
                let t = self.era(key);
                self.render(t, out);
            }
            "udesc" => out.push_str(*self.rng.pick(&[
                "an umbrella of Iran-aligned militias",
                "a coalition of armed factions backed by Iran",
                "an alliance of groups opposed to the U.S. presence",
                "a loose network of Tehran's partners in the region",
            ])),
            "x" => out.push_str(&s.others[0]),
            "xis" => out.push_str(if plural(&s.others[0]) { "are" } else { "is" }),
            "y" => out.push_str(&s.others[1]),
            "lead" => out.push_str(&s.leader),
            "ltitle" => out.push_str(s.leader_title),
            "b" => out.push_str(s.backer),
            "badj" => out.push_str("Iranian"),
            "b0" => out.push_str(s.backer),
            "t" => out.push_str(&inc.target),
            "tref" => out.push_str(inc.tref),
            "tref0" => out.push_str(inc.tref.trim_start_matches("the ")),
            "tis" => out.push_str(if inc.tplural { "were" } else { "was" }),
            "p" => out.push_str(&inc.place),
            "pc" => out.push_str(&inc.place_c),
            "c" => out.push_str(match (inc.country.as_str(), s.theatre) {
                ("", Theatre::RedSea) => "Yemen",
                ("", _) => "the region",
                (c, _) => c,
            }),
            "c2" => out.push_str(if s.response.country.is_empty() {
                "the region"
            } else {
                &s.response.country
            }),
            "cadj" => {
                let c = if inc.country.is_empty() {
                    "Yemen"
                } else {
                    inc.country.as_str()
                };
                out.push_str(&self.pools.adjective(c));
            }
            "capital" => out.push_str(match (s.theatre, inc.country.as_str()) {
                (Theatre::IraqSyria, "Syria") => "Damascus",
                (Theatre::IraqSyria, "Jordan") => "Amman",
                (Theatre::IraqSyria, _) => "Baghdad",
                (Theatre::RedSea, _) => "Sanaa",
                (Theatre::Levant, _) => "Beirut",
            }),
            "d" => {
                let d = inc.date;
                let p = self.date_phrase(d);
                out.push_str(&p);
            }
            "d2" => {
                let d = s.response.date;
                let p = self.date_phrase(d);
                out.push_str(&p);
            }
            "wd" => out.push_str(weekday(s.pub_date)),
            "dabs" => out.push_str(&ap_date(inc.date, false)),
            "w" => out.push_str(inc.weapon.one),
            "ws" => out.push_str(inc.weapon.many),
            "wfire" => out.push_str(inc.weapon.fire),
            "wwas" => out.push_str(if inc.count == 1 { "was" } else { "were" }),
            "gadj" => out.push_str(org_adjective(&inc.actor_name)),
            "aw" => {
                out.push_str(article_for(inc.weapon.one));
                out.push(' ');
                out.push_str(inc.weapon.one);
            }
            "wn" => {
                let phrase = self.weapons_counted();
                out.push_str(&phrase);
            }
            "harm" => out.push_str(&harm(inc, false)),
            "harmed" => out.push_str(&harm(inc, true)),
            "r" => out.push_str(s.responder),
            "r0" => out.push_str(if s.responder == "the United States" {
                "U.S."
            } else {
                s.responder
            }),
            "radj" => out.push_str(s.responder_adj),
            "rf" => out.push_str(&s.response.actor),
            "p2" => out.push_str(&s.response.place),
            "pc2" => out.push_str(&s.response.place_c),
            "n" => out.push_str(&digits(s.tally.total)),
            "nth" => out.push_str(&ordinal(s.tally.total)),
            "ni" => out.push_str(&number(s.tally.parts[0].0)),
            "ns" => out.push_str(&number(s.tally.parts.get(1).map_or(0, |p| p.0))),
            "ri" => out.push_str(s.tally.parts[0].1),
            "rs" => out.push_str(s.tally.parts.get(1).map_or("", |p| p.1)),
            "since" => {
                let d = s.tally.since;
                let year = d.year() != s.pub_date.year();
                out.push_str(&match self.rng.below(4) {
                    0 => format!("{} {}", MONTH_FULL[month0(d)], d.day()),
                    1 if year => format!("{} {}, {}", MONTH_AP[month0(d)], d.day(), d.year()),
                    2 => format!("mid-{}", MONTH_FULL[month0(d)]),
                    _ => ap_date(d, year),
                });
            }
            "tu" => out.push_str(s.tally.subject),
            "s" | "se" => {
                let form = self.speaker_form(self.cur, key == "se");
                out.push_str(&form);
            }
            "sn" => out.push_str(&s.speakers[self.cur].short),
            "he" => out.push_str(if s.speakers[self.cur].she {
                "she"
            } else {
                "he"
            }),
            "s1" | "s2" | "s3" | "s4" | "s5" | "s1e" | "s2e" | "s3e" | "s4e" | "s5e" => {
                let who = (key.as_bytes()[1] - b'1') as usize;
                let form = self.speaker_form(who, key.len() == 3);
                out.push_str(&form);
                self.mentioned[who] = true;
            }
            "prop" | "q" => out.push_str(&self.prop),
            "o" => out.push_str(&np(s.outlet.name)),
            "m" => out.push_str(&s.media),
            "city" => out.push_str(&s.city),
            "tank" => out.push_str(&s.think_tank),
            "bg" => {
                let e = s.backgrounds[self.rng.below(s.backgrounds.len())].clone();
                out.push_str(&e);
            }
            "num" => {
                let n = self.rng.range(2, 9);
                out.push_str(&number(n));
            }
            "big" => {
                let n = self.rng.range(12, 180);
                out.push_str(&digits(n));
            }
            "hot" => {
                let n = self.rng.range(44, 51);
                out.push_str(&n.to_string());
            }
            _ => {
                out.push('{');
                out.push_str(key);
                out.push('}');
            }
        }
    }

    /// A phrase whose choices depend on the time: nothing of the Gaza war before it began.
    fn era(&mut self, key: &str) -> &'static str {
        let (always, gaza): (&[&'static str], &[&'static str]) = match key {
            "cause" => (
                &[
                    "the American occupation",
                    "U.S. strikes on {p2}",
                    "the killing of its commanders",
                ],
                &["the massacres in Gaza", "American support for Israel"],
            ),
            "why" => (
                &[
                    "in response to U.S. strikes",
                    "to avenge its commanders",
                    "to drive out the occupation forces",
                ],
                &[
                    "in support of Gaza",
                    "in solidarity with the Palestinian people",
                ],
            ),
            "aggr" => (
                &["on our people", "against our country"],
                &["on Gaza", "on the people of Gaza"],
            ),
            "root" => (
                &["the American presence in the region"],
                &["the war on Gaza"],
            ),
            _ => (
                &["the standoff between Washington and Tehran"],
                &["the war in Gaza"],
            ),
        };
        let gaza_war = NaiveDate::from_ymd_opt(2023, 10, 7).expect("a valid date");
        if self.s.pub_date >= gaza_war && self.rng.chance(60) {
            gaza[self.rng.below(gaza.len())]
        } else {
            always[self.rng.below(always.len())]
        }
    }

    /// A speaker named the first time in full, later briefly.
    fn speaker_form(&mut self, who: usize, end: bool) -> String {
        let p = &self.s.speakers[who];
        if self.mentioned[who] {
            return p.short.clone();
        }
        match self.rng.below(3) {
            0 if p.appos != p.full => {
                if end {
                    p.appos.clone()
                } else {
                    format!("{},", p.appos)
                }
            }
            _ => p.full.clone(),
        }
    }

    /// "three drones", "a salvo of rockets", "a one-way attack drone".
    fn weapons_counted(&mut self) -> String {
        let w = self.inc.weapon;
        let n = self.inc.count;
        if n <= 1 {
            return format!("{} {}", article_for(w.one), w.one);
        }
        match self.rng.below(5) {
            0 => format!(
                "a {} of {}",
                ["salvo", "barrage", "volley"][self.rng.below(3)],
                w.many
            ),
            1 => format!("several {}", w.many),
            2 => format!("at least {} {}", number(n), w.many),
            _ => format!("{} {}", number(n), w.many),
        }
    }

    /// The date of an event, written as news writes it relative to the day of publication.
    fn date_phrase(&mut self, d: NaiveDate) -> String {
        let ago = day_number(self.s.pub_date).saturating_sub(day_number(d));
        let year = d.year() != self.s.pub_date.year();
        let wd = weekday(d);
        let style = self.rng.below(10);
        match style {
            0..=3 if ago <= 6 => match self.rng.below(8) {
                0 => wd.to_string(),
                1 => format!("late {wd}"),
                2 => format!("early {wd}"),
                3 => format!("on {wd} night"),
                4 => format!("{wd} morning"),
                5 if ago == 1 => "yesterday".to_string(),
                6 => format!("on {wd}, {}", ap_date(d, false)),
                _ => format!("on {wd}"),
            },
            4 | 5 => format!("on {}", ap_date(d, year)),
            6 => format!("on {} {}", MONTH_FULL[month0(d)], d.day()),
            7 => format!("on {}", british_date(d)),
            8 => format!("on {}", long_date(d)),
            _ if self.rng.chance(30) => format!("on {}", iso(d)),
            _ => ap_date(d, year),
        }
    }

    /// Adds a block, counting its text.
    fn push(&mut self, blocks: &mut Vec<Block>, b: Block) {
        self.size += b.len();
        blocks.push(b);
    }

    /// A paragraph of `n` sentences from the body mix.
    fn body_para(&mut self, mix: &[(u32, Kind)], n: usize) -> String {
        let mut p = String::new();
        for k in 0..n {
            // Each kind a few times per article at most, as a reporter would write it.
            let weights: Vec<u32> = mix
                .iter()
                .map(|&(w, kind)| {
                    if self.told[kind as usize] < kind.most() {
                        w
                    } else {
                        0
                    }
                })
                .collect();
            let kind = if weights.iter().all(|&w| w == 0) {
                Kind::Narration
            } else {
                mix[self.rng.weighted(&weights)].1
            };
            self.told[kind as usize] += 1;
            let s = self.sentence_of(kind);
            if k > 0 {
                p.push(' ');
            }
            p.push_str(&s);
        }
        p
    }

    /// One sentence of a kind.
    fn sentence_of(&mut self, kind: Kind) -> String {
        match kind {
            Kind::Attack => self.from(ATTACKS),
            Kind::Casualties => self.casualties(),
            Kind::Claim => {
                if self.rng.chance(50) {
                    self.from(CLAIMS)
                } else {
                    let who = if self.rng.chance(50) {
                        GROUP
                    } else {
                        SPOKESMAN
                    };
                    self.said(who, PROPS_GROUP, GROUP_SPEECH)
                }
            }
            Kind::Accusation => {
                if self.rng.chance(50) {
                    self.from(ACCUSATIONS)
                } else {
                    self.said(OFFICIAL, PROPS_OFFICIAL, SPEECH)
                }
            }
            Kind::Denial => {
                if self.rng.chance(60) {
                    self.from(DENIALS)
                } else {
                    self.said(BACKER, PROPS_BACKER, SPEECH)
                }
            }
            Kind::Response => self.from(RESPONSES),
            Kind::Tally => self.from(TALLIES),
            Kind::Relation => self.from(RELATIONS),
            Kind::Background => self.from(BACKGROUND),
            Kind::Narration => self.from(NARRATION),
            Kind::Analysis => self.said(ANALYST, PROPS_ANALYST, SPEECH),
            Kind::Local => self.said(LOCAL, PROPS_LOCAL, SPEECH),
            Kind::Quote => {
                let (who, list) = *self.pick(&[
                    (4, (OFFICIAL, QUOTES_OFFICIAL)),
                    (3, (SPOKESMAN, QUOTES_GROUP)),
                    (2, (BACKER, QUOTES_BACKER)),
                    (2, (ANALYST, QUOTES_ANALYST)),
                    (2, (LOCAL, QUOTES_LOCAL)),
                ]);
                self.quote(who, list)
            }
            Kind::Oped => self.from(OPED),
        }
    }

    /// A casualty sentence that agrees with the story's numbers.
    fn casualties(&mut self) -> String {
        let inc = self.inc.clone();
        let victims = inc.victims;
        let one = victims.trim_end_matches('s');
        let people = |n: u32| match n {
            1 => format!("one {one}"),
            n => format!("{} {victims}", number(n)),
        };
        let were = |n: u32| if n == 1 { "was" } else { "were" };
        let others = match (inc.injured, self.rng.below(3)) {
            (1, _) => "one other person".to_string(),
            (n, 0) if n > 20 => "dozens of others".to_string(),
            (n, 1) => format!("at least {} others", number(n)),
            (n, _) => format!("{} others", number(n)),
        };
        let t = match (inc.killed, inc.injured) {
            (0, 0) => self
                .rng
                .pick(&[
                    "There were no casualties and only minor damage, officials said.",
                    "The attack caused no injuries, [the Pentagon|officials|a spokesman] said.",
                    "No one was hurt in the attack, according to {s1e}.",
                    "There were no reports of casualties.",
                    "The {ws} caused no casualties and no damage to infrastructure.",
                ])
                .to_string(),
            (0, n) => format!(
                "{} {} [wounded|hurt|treated for minor injuries] in the attack[, and {} since returned to duty|].",
                cap(&people(n)),
                were(n),
                if n == 1 { "has" } else { "several have" }
            ),
            (k, 0) => format!(
                "{} {} killed in the attack on {{t}}.",
                cap(&people(k)),
                were(k)
            ),
            (k, _) => match self.rng.below(3) {
                0 => format!(
                    "{} {} killed and {others} wounded in the attack on {{t}}.",
                    cap(&people(k)),
                    were(k)
                ),
                1 => format!("The attack killed {} and wounded {others}.", people(k)),
                _ => format!(
                    "The {{w}} [struck|hit] {{tref}} {{d}}, killing {} and wounding {others}.",
                    people(k)
                ),
            },
        };
        self.sentence(&t)
    }

    /// The headline of the article.
    fn headline(&mut self) -> String {
        let t = self.fresh(HEADLINES);
        self.sentence(t)
    }

    /// Composes the article of a genre up to about `target` bytes of text.
    fn compose(&mut self, genre: Genre, target: usize) -> Article {
        let mut blocks = Vec::new();
        let title = self.headline();
        let mut art = Article {
            title,
            dek: None,
            byline: None,
            blocks: Vec::new(),
            publisher: self.s.outlet.name.to_string(),
            domain: self
                .s
                .outlet
                .domain
                .map(str::to_string)
                .unwrap_or_else(|| slug_domain(self.s.outlet.name)),
        };
        match genre {
            Genre::Wire => self.wire(&mut art, &mut blocks, target),
            Genre::News => self.news(&mut art, &mut blocks, target),
            Genre::Relay => self.relay(&mut art, &mut blocks, target),
            Genre::Tracker => self.tracker(&mut art, &mut blocks, target),
            Genre::Briefing => self.briefing(&mut art, &mut blocks, target),
            Genre::Release => self.release(&mut art, &mut blocks, target),
            Genre::Liveblog => self.liveblog(&mut art, &mut blocks, target),
            Genre::Oped => self.oped(&mut art, &mut blocks, target),
        }
        art.blocks = blocks;
        art
    }

    /// A byline name.
    fn reporter(&mut self) -> String {
        if self.rng.chance(50) {
            format!(
                "{} {}",
                self.rng.pick(&WEST_FIRST),
                self.rng.pick(&WEST_LAST)
            )
        } else {
            format!(
                "{} {}",
                self.rng.pick(&ARAB_FIRST),
                self.rng.pick(&ARAB_LAST)
            )
        }
    }

    /// The body of a news story after its first paragraphs.
    fn fill(
        &mut self,
        blocks: &mut Vec<Block>,
        target: usize,
        mix: &[(u32, Kind)],
        per: (u32, u32),
    ) {
        let mut guard = 0;
        while self.size < target && guard < 60 {
            guard += 1;
            let n = self.rng.range(per.0, per.1) as usize;
            let p = self.body_para(mix, n);
            self.push(blocks, Block::Para(p));
            if self.rng.chance(6) {
                let h = self.subhead();
                self.push(blocks, Block::Heading(h));
            }
            if self.rng.chance(5) {
                let p = self.photo();
                self.push(blocks, Block::Photo(p));
            }
        }
    }

    fn subhead(&mut self) -> String {
        self.sentence(
            "[A pattern of attacks|Who is behind the attacks|The response|What comes next|A widening war|Pressure on {capital}|The view from {city}|Deterrence in question]",
        )
    }

    /// A photo caption with its credit.
    fn photo(&mut self) -> String {
        let credit = if self.pools.photo.is_empty() || self.rng.chance(50) {
            format!("(AP Photo/{})", self.reporter())
        } else {
            let who = self.reporter();
            format!("({who}/{})", self.rng.pick(&self.pools.photo))
        };
        let text = self.sentence(
            "[Smoke rises over|Security forces stand guard near|A view of|Mourners gather in|Damaged vehicles are seen near] [{city}|the site] [after the attack|on {dabs}|in a file photo]",
        );
        format!("{text}. {credit}")
    }

    /// Wire copy: dateline, lead, quotes, reaction, context, footer.
    fn wire(&mut self, art: &mut Article, blocks: &mut Vec<Block>, target: usize) {
        let agency = if self.pools.agencies.is_empty() {
            NO_OUTLET
        } else {
            *self.rng.pick(&self.pools.agencies)
        };
        art.publisher = agency.name.to_string();
        art.domain = agency
            .domain
            .map(str::to_string)
            .unwrap_or_else(|| slug_domain(agency.name));
        let city = self.s.city.to_uppercase();
        let d = self.s.pub_date;
        let dateline = match agency.tag {
            "Reuters" => format!(
                "{city}, {} {} (Reuters) - ",
                MONTH_SHORT[month0(d)],
                d.day()
            ),
            "AP" if self.rng.chance(50) => format!("{city}, {} (AP) — ", self.s.city_country),
            tag => format!("{city} ({tag}) — "),
        };
        if agency.tag == "AP" {
            art.byline = Some(format!(
                "By {} and {}",
                self.s.reporters[0].to_uppercase(),
                self.s.reporters[1].to_uppercase()
            ));
        }
        let lead = self.lead();
        self.push(blocks, Block::Para(format!("{dateline}{lead}")));
        let second = self.body_para(
            &[
                (3, Kind::Casualties),
                (3, Kind::Claim),
                (2, Kind::Accusation),
            ],
            1,
        );
        self.push(blocks, Block::Para(second));
        let q = self.quote(OFFICIAL, QUOTES_OFFICIAL);
        self.push(blocks, Block::Para(q));
        self.fill(blocks, target, WIRE_MIX, (1, 2));
        let [a, b, c] = self.s.reporters.clone();
        let note = if agency.tag == "Reuters" {
            format!(
                "(Reporting by {a} in {}; additional reporting by {b} in Washington; editing by {c})",
                self.s.city
            )
        } else {
            format!(
                "Associated Press writers {b} in Washington and {c} in Beirut contributed to this report."
            )
        };
        self.push(blocks, Block::Note(note));
    }

    /// A lead sentence: the news with its date, place and source.
    fn lead(&mut self) -> String {
        self.from(&[
            "{g} [attacked|struck] {t} with {wn} {d}, [officials said|the Pentagon said|according to {s1e}].",
            "{Aw} launched by [militants|{g}] hit {t} {d}, {harm}, officials said.",
            "{r} blamed {g} for an attack on {t} {d} that {harmed}.",
            "{rf} struck {g} targets in {pc2} {d2} in response to an attack on {t}, officials said.",
            "{g} claimed responsibility {d} for {aw} attack on {t}, the latest in a string of attacks on {tu} since {since}.",
            "{T} {tis} attacked {d} by {wn}, {cadj} security officials said, in an attack that {harmed}.",
        ])
    }

    /// A web news story: headline, dek, byline, subheads.
    fn news(&mut self, art: &mut Article, blocks: &mut Vec<Block>, target: usize) {
        art.dek = Some(self.from(&[
            "The attack is the latest in a [string|series] of strikes on {tu} since {since}.",
            "{g} has claimed [dozens of|several] similar attacks [this year|in recent weeks].",
            "Officials fear a [wider|regional] war as {b}'s allies step up pressure.",
            "[The strike comes|It comes] [as|while] diplomats try to contain the fallout from {war}.",
        ]));
        art.byline = Some(format!("By {}", self.s.reporters[0]));
        let lead = self.lead();
        self.push(blocks, Block::Para(lead));
        let p = self.body_para(
            &[(3, Kind::Casualties), (3, Kind::Claim), (2, Kind::Attack)],
            2,
        );
        self.push(blocks, Block::Para(p));
        self.fill(blocks, target, NEWS_MIX, (1, 3));
    }

    /// A militia or Houthi statement as regional media relay it.
    fn relay(&mut self, art: &mut Article, blocks: &mut Vec<Block>, target: usize) {
        let d = self.s.pub_date;
        art.title = self.from(&[
            "{Uc} [{3:says|say} {it} targeted|{3:announces|announce} strike on] {tref0} in {c}",
            "{G} {3:claims|claim} {w} attack on {tref0}",
            "Resistance [targets|strikes] {tref0} with {ws}",
            "{G} spokesman: operations will continue",
        ]);
        let media = self.s.media.clone();
        let dateline = match self.rng.below(3) {
            0 => format!("{}, {} ({media}) – ", self.s.city, ap_date(d, false)),
            1 => format!("{} – ", self.s.city.to_uppercase()),
            _ => String::new(),
        };
        let lead = self.said(GROUP, PROPS_GROUP, GROUP_SPEECH);
        self.push(blocks, Block::Para(format!("{dateline}{lead}")));
        if self.rng.chance(50) {
            art.publisher = media
                .trim_start_matches("the Telegram channel ")
                .to_string();
            art.domain = slug_domain(&art.publisher);
        }
        if self.rng.chance(60) {
            let intro = self.from(&[
                "The statement read:",
                "[The|Its] statement said, in part:",
                "{G} said in its statement:",
            ]);
            self.push(blocks, Block::Para(intro));
            let text = self.from(STATEMENT);
            self.push(blocks, Block::Quote(text));
        }
        let q = self.quote(SPOKESMAN, QUOTES_GROUP);
        self.push(blocks, Block::Para(q));
        let c = self.from(CLAIMS);
        self.push(blocks, Block::Para(c));
        self.fill(blocks, target, RELAY_MIX, (1, 3));
    }

    /// A think-tank tracker: takeaways, a table of attacks, a timeline, an assessment.
    fn tracker(&mut self, art: &mut Article, blocks: &mut Vec<Block>, target: usize) {
        let d = self.s.pub_date;
        art.publisher = self.s.think_tank.clone();
        art.domain = slug_domain(&self.s.think_tank);
        art.title = format!(
            "{}: {}",
            self.rng.pick(&[
                "Militia Attack Tracker",
                "Proxy Attacks Weekly",
                "Red Sea Shipping Monitor",
                "Regional Escalation Update",
                "Iraq and Syria Security Brief",
            ]),
            long_date(d)
        );
        art.byline = Some(format!(
            "By {} and {}",
            self.s.reporters[0], self.s.reporters[1]
        ));
        let intro = self.body_para(&[(3, Kind::Tally), (1, Kind::Narration)], 2);
        self.push(blocks, Block::Para(intro));
        self.push(blocks, Block::Heading("Key takeaways".to_string()));
        let mut items = Vec::new();
        for kind in [
            Kind::Tally,
            Kind::Claim,
            Kind::Accusation,
            Kind::Response,
            Kind::Relation,
        ] {
            if self.rng.chance(75) {
                items.push(self.sentence_of(kind));
            }
        }
        if items.is_empty() {
            items.push(self.sentence_of(Kind::Claim));
        }
        self.push(blocks, Block::List(items));
        // The table of recent attacks and the timeline are about other incidents too.
        let rows = self.rng.range(4, 10);
        let mut table = vec![
            ["Date", "Location", "Claimed by", "Weapon", "Outcome"]
                .map(str::to_string)
                .to_vec(),
        ];
        let mut timeline = Vec::new();
        let main = self.inc.clone();
        let mut back = 0;
        for k in 0..rows {
            back += self.rng.range(1, 3);
            let day = minus_days(d, back);
            self.inc = self.minor(day);
            let claimed = if self.rng.chance(70) {
                self.inc.actor_name.clone()
            } else {
                "Unclaimed".to_string()
            };
            let outcome = match (self.inc.killed, self.inc.injured) {
                (0, 0) => "No casualties reported".to_string(),
                (0, n) => format!("{n} injured"),
                (k, n) => format!("{k} killed, {n} injured"),
            };
            let date = if self.rng.chance(50) {
                iso(day)
            } else {
                ap_date(day, false)
            };
            table.push(vec![
                date,
                self.inc.place.clone(),
                claimed,
                cap(self.inc.weapon.one),
                outcome,
            ]);
            if k < 5 {
                let line = self.from(TIMELINE);
                timeline.push(if self.rng.chance(50) {
                    format!("**{}:** {line}", ap_date(day, false))
                } else {
                    format!("{} — {line}", iso(day))
                });
            }
        }
        self.inc = main;
        self.push(blocks, Block::Heading("Recent attacks".to_string()));
        self.push(blocks, Block::Table(table));
        self.push(blocks, Block::Heading("Timeline".to_string()));
        self.push(blocks, Block::List(timeline));
        self.push(blocks, Block::Heading("Assessment".to_string()));
        self.fill(blocks, target, TRACKER_MIX, (2, 4));
        let note = self.sentence(
            "[Methodology: |]This tracker counts attacks claimed by or attributed to armed groups [and is updated weekly|based on public statements and media reports]. [Figures may change as new information comes to light.|Unverified claims are marked as such.]",
        );
        self.push(blocks, Block::Note(note));
    }

    /// A few words on an incident other than the main one.
    fn minor(&mut self, day: NaiveDate) -> Incident {
        let mut s = Story::incident(&mut self.rng, self.pools, self.s.theatre, day);
        if self.rng.chance(35) {
            s.actor = self.s.main.actor.clone();
            s.actor_name = self.s.main.actor_name.clone();
        }
        s
    }

    /// A briefing transcript: labelled turns, questions and answers.
    fn briefing(&mut self, art: &mut Article, blocks: &mut Vec<Block>, target: usize) {
        if self.s.speakers[OFFICIAL].label == "OFFICIAL" {
            self.s.speakers[OFFICIAL] = invented_official(&mut self.rng, self.s.theatre, false);
        }
        let briefer = self.s.speakers[OFFICIAL].clone();
        let label = briefer.label.clone();
        art.publisher = "U.S. Department of Defense".to_string();
        art.domain = "defense.gov".to_string();
        art.title = format!("{} Holds a Press Briefing", headline_case(&briefer.full));
        let target = target.min(5000);
        self.mentioned[OFFICIAL] = true;
        self.push(
            blocks,
            Block::Note(format!(
                "{}; {}",
                cap(&briefer.full),
                long_date(self.s.pub_date)
            )),
        );
        let opening = format!(
            "{label}: {} {} {}",
            self.sentence("[Good afternoon, everyone.|Hey, good afternoon.|All right, good afternoon.] [I have a few things to pass along at the top, and then I'll take your questions.|Just a couple of things at the top.]"),
            self.sentence_of(Kind::Attack),
            self.casualties(),
        );
        self.push(blocks, Block::Para(opening));
        let mut guard = 0;
        while self.size < target && guard < 40 {
            guard += 1;
            let q = self.from(QUESTIONS);
            self.push(blocks, Block::Para(format!("Q: {q}")));
            let mut a = format!("{label}: {}", self.from(ANSWERS));
            if self.rng.chance(60) {
                let kind = *self.pick(&[
                    (3, Kind::Tally),
                    (3, Kind::Response),
                    (2, Kind::Attack),
                    (1, Kind::Casualties),
                    (2, Kind::Relation),
                    (2, Kind::Narration),
                ]);
                a.push(' ');
                a.push_str(&self.sentence_of(kind));
            } else if self.rng.chance(40) {
                a.push(' ');
                a.push_str(&self.from(ANSWERS));
            }
            self.push(blocks, Block::Para(a));
        }
        let bye = self.sentence(
            "[Great, thanks, everybody.|All right, thank you all.|Thanks, everyone. Have a good afternoon.]",
        );
        self.push(blocks, Block::Para(format!("{label}: {bye}")));
    }

    /// A military press release.
    fn release(&mut self, art: &mut Article, blocks: &mut Vec<Block>, target: usize) {
        let d = self.s.pub_date;
        art.publisher = "U.S. Central Command".to_string();
        art.domain = "centcom.mil".to_string();
        art.title = self.from(&[
            "U.S. Central Command Statement on Strikes in {c2}",
            "CENTCOM Forces Conduct Self-Defense Strikes in {c2}",
            "Statement on [Attack|Strikes] in {c}",
            "CENTCOM Statement on {W} Attack in {c}",
        ]);
        self.push(
            blocks,
            Block::Note(format!(
                "Release No. {}-{:02}-{:02}P",
                d.year() % 100,
                d.month(),
                d.day()
            )),
        );
        let first = self.sentence(
            "TAMPA, Fla. – On {dabs}, at approximately [1:30|4:15|9:40|11:05] [a.m.|p.m.] ([{cadj}|local] time), {uc} launched {wn} at {t}.",
        );
        self.push(blocks, Block::Para(first));
        let second = self.sentence(
            "In response, U.S. Central Command forces conducted strikes against {num} [targets|facilities] in {pc2} used by {g}[ and other groups backed by {b}|].",
        );
        self.push(blocks, Block::Para(second));
        let third = self.casualties();
        self.push(blocks, Block::Para(third));
        for _ in 0..self.rng.range(1, 3) {
            let line = self.from(RELEASE_LINES);
            self.push(blocks, Block::Para(line));
        }
        self.fill(blocks, target.min(1300), RELEASE_MIX, (1, 2));
        self.push(blocks, Block::Note("###".to_string()));
    }

    /// A liveblog: time-stamped entries about several incidents.
    fn liveblog(&mut self, art: &mut Article, blocks: &mut Vec<Block>, target: usize) {
        art.title = self.from(&[
            "Live: [Middle East|Regional] tensions — latest updates",
            "Live updates: {r0} weighs response after attack in {c}",
            "{C} attack: what we know so far — live",
        ]);
        art.dek = Some(self.from(&[
            "Follow our live coverage of the attack on {p} and its aftermath.",
            "[All times GMT.|All times local.] This page will be updated as the story develops.",
        ]));
        let mut minutes = self.rng.range(16 * 60, 22 * 60);
        let et = self.rng.chance(40);
        let main = self.inc.clone();
        let mut guard = 0;
        while self.size < target && guard < 30 {
            guard += 1;
            let time = if et {
                let h = (minutes / 60) % 24;
                let (h12, ap) = match h {
                    0 => (12, "a.m."),
                    1..=11 => (h, "a.m."),
                    12 => (12, "p.m."),
                    _ => (h - 12, "p.m."),
                };
                format!("{h12}:{:02} {ap} ET", minutes % 60)
            } else {
                format!("{:02}:{:02} GMT", (minutes / 60) % 24, minutes % 60)
            };
            minutes = minutes.saturating_sub(self.rng.range(8, 55));
            // Some entries are about another incident of the day.
            if self.rng.chance(30) {
                self.inc = self.minor(self.s.pub_date);
            } else {
                self.inc = main.clone();
            }
            let heading = self.rng.chance(60).then(|| self.headline());
            let n = self.rng.range(1, 2) as usize;
            let mut paras = Vec::new();
            for _ in 0..n {
                let s = self.rng.range(1, 3) as usize;
                paras.push(self.body_para(LIVE_MIX, s));
            }
            self.push(blocks, Block::Entry(time, heading, paras));
        }
        self.inc = main;
    }

    /// An op-ed: an argument with the facts woven in.
    fn oped(&mut self, art: &mut Article, blocks: &mut Vec<Block>, target: usize) {
        let author = self.reporter();
        art.title = self.from(&[
            "Opinion | [Washington|The West] keeps misreading {b}'s proxies",
            "The attacks on {tu} are a symptom, not the disease",
            "Why deterrence against {g} keeps failing",
            "{C} deserves better than to be a battlefield",
            "Opinion: the war nobody wants is already here",
        ]);
        art.byline = Some(format!("By {author}"));
        let first = self.body_para(
            &[(3, Kind::Oped), (2, Kind::Attack), (1, Kind::Background)],
            3,
        );
        self.push(blocks, Block::Para(first));
        self.fill(blocks, target.min(5500), OPED_MIX, (3, 5));
        let bio = self.sentence(&format!(
            "{author} is [a senior fellow|a researcher|a former State Department official and now a fellow] at {{tank}}[ and the author of a book on Iraq's militias|]."
        ));
        self.push(blocks, Block::Note(bio));
    }
}

/// How many kinds of body sentence there are.
const KINDS: usize = 14;

/// What a body sentence is about.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Attack,
    Casualties,
    Claim,
    Accusation,
    Denial,
    Response,
    Tally,
    Relation,
    Background,
    Narration,
    Analysis,
    Local,
    Quote,
    Oped,
}

impl Kind {
    /// At most this many sentences of the kind in one article.
    fn most(self) -> u8 {
        match self {
            Kind::Attack => 4,
            Kind::Casualties => 2,
            Kind::Claim => 4,
            Kind::Accusation => 4,
            Kind::Denial => 3,
            Kind::Response => 3,
            Kind::Tally => 3,
            Kind::Relation => 5,
            Kind::Background => 3,
            Kind::Narration => 10,
            Kind::Analysis => 4,
            Kind::Local => 3,
            Kind::Quote => 6,
            Kind::Oped => 14,
        }
    }
}

const WIRE_MIX: &[(u32, Kind)] = &[
    (3, Kind::Attack),
    (3, Kind::Claim),
    (3, Kind::Accusation),
    (3, Kind::Denial),
    (2, Kind::Response),
    (3, Kind::Tally),
    (2, Kind::Relation),
    (2, Kind::Background),
    (4, Kind::Narration),
    (2, Kind::Analysis),
    (2, Kind::Local),
    (3, Kind::Quote),
];
const NEWS_MIX: &[(u32, Kind)] = &[
    (2, Kind::Attack),
    (2, Kind::Claim),
    (2, Kind::Accusation),
    (2, Kind::Denial),
    (2, Kind::Response),
    (2, Kind::Tally),
    (3, Kind::Relation),
    (3, Kind::Background),
    (4, Kind::Narration),
    (3, Kind::Analysis),
    (2, Kind::Local),
    (4, Kind::Quote),
];
const RELAY_MIX: &[(u32, Kind)] = &[
    (4, Kind::Claim),
    (2, Kind::Attack),
    (3, Kind::Relation),
    (2, Kind::Background),
    (2, Kind::Narration),
    (3, Kind::Quote),
    (1, Kind::Response),
    (1, Kind::Tally),
];
const TRACKER_MIX: &[(u32, Kind)] = &[
    (3, Kind::Tally),
    (2, Kind::Claim),
    (2, Kind::Accusation),
    (3, Kind::Relation),
    (2, Kind::Background),
    (2, Kind::Analysis),
    (2, Kind::Narration),
    (1, Kind::Response),
];
const RELEASE_MIX: &[(u32, Kind)] = &[(3, Kind::Tally), (2, Kind::Relation), (2, Kind::Response)];
const LIVE_MIX: &[(u32, Kind)] = &[
    (3, Kind::Attack),
    (2, Kind::Casualties),
    (2, Kind::Claim),
    (2, Kind::Accusation),
    (2, Kind::Denial),
    (2, Kind::Response),
    (1, Kind::Tally),
    (3, Kind::Narration),
    (2, Kind::Quote),
    (1, Kind::Local),
];
const OPED_MIX: &[(u32, Kind)] = &[
    (6, Kind::Oped),
    (2, Kind::Background),
    (3, Kind::Relation),
    (2, Kind::Tally),
    (2, Kind::Analysis),
    (1, Kind::Quote),
    (2, Kind::Narration),
    (1, Kind::Accusation),
];

/// The standard lines of a military press release.
const RELEASE_LINES: &[&str] = &[
    "The strikes were conducted to degrade and disrupt the ability of {g} to carry out further attacks.",
    "U.S. forces will continue to take all necessary measures to protect U.S. personnel and assets.",
    "The targets included [command and control nodes|weapons storage facilities|drone launch sites|radar installations].",
    "A battle damage assessment is ongoing.",
    "[No U.S. personnel were injured during the strikes.|All U.S. aircraft returned safely.]",
    "{B}-backed groups continue to [threaten|endanger] U.S. and coalition forces and regional stability.",
    "These actions are separate from and unrelated to other operations in the region.",
];

/// The words of a group's statement as relayed in full.
const STATEMENT: &[&str] = &[
    "[In continuation of our resistance to the occupation forces|In response to the crimes of the enemy], the fighters of {uc} [targeted|struck] {t} {d} with {wn}[, and the strike hit its target directly|]. Our operations will continue [until the occupation leaves our land|as long as the aggression continues].",
    "With God's help, {g} carried out [a qualitative operation|an operation] against {t}, using {wn}. [We affirm that|We warn that] every base of the occupiers is within our reach.",
    "The [armed forces|mujahideen] of {g} [announce|declare] that they [targeted|attacked] {t} with {wn}. [The operation achieved its goals, praise be to God.|This operation is a first response, and more will follow.]",
];

/// Timeline lines of a tracker (about the row's incident).
const TIMELINE: &[&str] = &[
    "{g} claimed {aw} attack on {t}.",
    "{t} {tis} targeted with {wn}; no group claimed it.",
    "[Unidentified militants|Militants] fired {wn} at {t}[, causing no casualties|].",
    "{Uc} said {it} struck {t}.",
    "{Aw} struck near {pc}[; damage was minor|].",
    "{G} said {its} fighters attacked {t} with {ws}.",
];

/// How a story describes an armed group, per theatre.
const GROUP_DESCRIPTIONS: [&[&str]; 3] = [
    &[
        "an Iran-backed Iraqi militia",
        "one of the most powerful armed factions in Iraq",
        "a Shiite militia with close ties to Tehran",
        "a hard-line faction of the Popular Mobilization Forces",
    ],
    &[
        "Yemen's Iran-aligned rebels",
        "the rebel movement that controls Sanaa",
        "the Iran-backed group that controls much of northern Yemen",
    ],
    &[
        "an Iran-backed armed group",
        "a militant group backed by Tehran",
        "an ally of Iran",
    ],
];

/// Collapses the doubled spaces and stray spaces before punctuation that optional parts leave.
fn tidy(mut s: String) -> String {
    if s.contains("  ") || s.contains(" ,") || s.contains(" .") || s.contains(",,") {
        s = s
            .replace("  ", " ")
            .replace(" ,", ",")
            .replace(" .", ".")
            .replace(",,", ",");
    }
    s
}

/// The index of the `]` that closes the `[` at `open`.
fn closing(b: &[u8], open: usize) -> usize {
    let mut depth = 0;
    for (i, &c) in b.iter().enumerate().skip(open) {
        match c {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    b.len()
}

/// How many top-level alternatives `inner` has.
fn alternatives(inner: &str) -> usize {
    let mut depth = 0;
    let mut n = 1;
    for c in inner.bytes() {
        match c {
            b'[' => depth += 1,
            b']' => depth -= 1,
            b'|' if depth == 0 => n += 1,
            _ => {}
        }
    }
    n
}

/// The `k`th top-level alternative of `inner`.
fn nth_alternative(inner: &str, k: usize) -> &str {
    let mut depth = 0;
    let mut start = 0;
    let mut seen = 0;
    for (i, c) in inner.bytes().enumerate() {
        match c {
            b'[' => depth += 1,
            b']' => depth -= 1,
            b'|' if depth == 0 => {
                if seen == k {
                    return &inner[start..i];
                }
                seen += 1;
                start = i + 1;
            }
            _ => {}
        }
    }
    &inner[start..]
}

/// A number as news writes it: words below ten, digits above.
fn number(n: u32) -> String {
    if n < 10 { words(n) } else { digits(n) }
}

/// The casualties of an incident as a participle ("killing three soldiers") or a finite verb.
fn harm(inc: &Incident, finite: bool) -> String {
    let victims = inc.victims;
    let one = victims.trim_end_matches('s');
    let people = |n: u32| match n {
        1 => format!("one {one}"),
        n => format!("{} {victims}", number(n)),
    };
    let (kill, wound) = if finite {
        ("killed", "wounded")
    } else {
        ("killing", "wounding")
    };
    match (inc.killed, inc.injured) {
        (0, 0) if finite => "caused no casualties".to_string(),
        (0, 0) => "causing no casualties".to_string(),
        (0, n) => format!("{wound} {}", people(n)),
        (k, 0) => format!("{kill} {}", people(k)),
        (k, n) => format!("{kill} {} and {wound} {} others", people(k), number(n)),
    }
}

/// A made-up web domain for a publisher without one.
fn slug_domain(name: &str) -> String {
    let slug: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    format!("{slug}.org")
}

impl<'a> Story<'a> {
    /// Draws the facts of one article.
    fn draw(rng: &mut Rng, pools: &Pools<'a>) -> Story<'a> {
        let theatre = match rng.weighted(&[55, 25, 20]) {
            0 => Theatre::IraqSyria,
            1 => Theatre::RedSea,
            _ => Theatre::Levant,
        };
        let t = theatre.index();
        let (from, to) = match theatre {
            Theatre::IraqSyria => ((2019, 6, 1), (2024, 12, 20)),
            Theatre::RedSea => ((2023, 11, 15), (2024, 12, 20)),
            Theatre::Levant => ((2023, 10, 8), (2024, 11, 26)),
        };
        let ymd =
            |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
        let date = date_from_day(rng.range(day_number(ymd(from)), day_number(ymd(to))));
        let pub_date = plus_days(date, rng.range(0, 2));
        let main = Story::incident(rng, pools, theatre, date);
        let group_name = main.actor_name.clone();
        let group_np = main.actor.clone();

        // The response.
        let (responder, responder_adj, forces): (&str, &str, &[&str]) = match theatre {
            Theatre::IraqSyria => (
                "the United States",
                "U.S.",
                &[
                    "U.S. forces",
                    "U.S. warplanes",
                    "American fighter jets",
                    "U.S. military aircraft",
                ],
            ),
            Theatre::RedSea => (
                "the United States",
                "U.S.",
                &[
                    "U.S. and British forces",
                    "American and British warplanes",
                    "U.S. Navy ships",
                ],
            ),
            Theatre::Levant => (
                "Israel",
                "Israeli",
                &[
                    "Israeli jets",
                    "the Israeli military",
                    "Israeli warplanes",
                    "Israeli drones",
                ],
            ),
        };
        let response_day = plus_days(date, rng.range(0, 2));
        let mut response = Story::incident(rng, pools, theatre, response_day);
        let sp = &pools.strike_places[t];
        let place = if sp.is_empty() {
            PlaceRef {
                name: "the border area",
                country: "",
                kind: "region",
            }
        } else {
            *rng.pick(sp)
        };
        response.actor = rng.pick(forces).to_string();
        response.actor_name = responder.trim_start_matches("the ").to_string();
        response.place = place_name(place);
        response.place_c = place_with_country(rng, place);
        response.country = place.country.to_string();
        response.date = response.date.min(pub_date);

        // Other groups of the same axis, and the umbrella.
        let axis: Vec<&str> = pools.groups.iter().flatten().copied().collect();
        let mut other = |not: &str| -> String {
            let own = &pools.groups[t];
            let pool = if own.len() > 2 { own } else { &axis };
            let candidates: Vec<&&str> = pool
                .iter()
                .filter(|g| **g != group_name && np(g) != not && **g != UMBRELLAS[t])
                .collect();
            if candidates.is_empty() || (theatre == Theatre::IraqSyria && rng.chance(15)) {
                invented_group(rng)
            } else {
                np(candidates[rng.below(candidates.len())])
            }
        };
        let x = other("");
        let y = other(&x);
        let others = [x, y];
        let umbrella = np(UMBRELLAS[t]);

        // Who leads the group.
        let leaders: Vec<&Person> = pools
            .group_people
            .iter()
            .filter(|(g, _, leads)| *g == group_name && *leads)
            .map(|(_, p, _)| p)
            .collect();
        let leader = if leaders.is_empty() {
            format!(
                "{} {}",
                rng.pick(&["Sheikh", "Abu"]),
                if rng.chance(50) {
                    format!("{} {}", rng.pick(&ARAB_FIRST), rng.pick(&ARAB_LAST))
                } else {
                    format!("{} {}", rng.pick(&KUNYA), rng.pick(&ARAB_LAST))
                }
            )
        } else {
            let p = leaders[rng.below(leaders.len())];
            p.appos.split(',').next().unwrap_or(&p.full).to_string()
        };
        let leader_title = *rng.pick(&["leader", "head", "secretary-general", "commander"]);

        // The tally.
        let span = rng.range(20, 240);
        let since = minus_days(date, span);
        let total = (span * rng.range(25, 90) / 100).max(3);
        let subject = *rng.pick(match theatre {
            Theatre::IraqSyria => &[
                "U.S. and coalition forces",
                "U.S. troops in Iraq and Syria",
                "American forces in the region",
                "U.S. personnel",
            ][..],
            Theatre::RedSea => &[
                "commercial ships",
                "merchant vessels",
                "ships in the region",
            ][..],
            Theatre::Levant => &[
                "Israeli positions along the border",
                "Israeli troops in the north",
                "communities in northern Israel",
            ][..],
        });
        let regions: (&str, &str) = match theatre {
            Theatre::IraqSyria => ("Iraq", "Syria"),
            Theatre::RedSea => ("the Red Sea", "the Gulf of Aden"),
            Theatre::Levant => ("the Galilee", "the Golan Heights"),
        };
        let first = total * rng.range(30, 70) / 100;
        let tally = Count {
            total,
            parts: vec![(first, regions.0), (total - first, regions.1)],
            since,
            subject,
        };

        // The speakers.
        let official = {
            let named = &pools.officials[t];
            if !named.is_empty() && rng.chance(60) {
                named[rng.below(named.len())].clone()
            } else {
                invented_official(rng, theatre, true)
            }
        };
        let spokesman = {
            let named: Vec<&Person> = pools
                .group_people
                .iter()
                .filter(|(g, _, _)| *g == group_name)
                .map(|(_, p, _)| p)
                .collect();
            if !named.is_empty() && rng.chance(60) {
                named[rng.below(named.len())].clone()
            } else {
                let name = format!("Abu {} {}", rng.pick(&KUNYA), rng.pick(&ARAB_LAST));
                let role = *rng.pick(&["spokesman", "military spokesman", "security official"]);
                Person {
                    full: name.clone(),
                    appos: format!("{name}, a {role} for {group_np}"),
                    short: name.clone(),
                    label: "SPOKESMAN".to_string(),
                    she: false,
                }
            }
        };
        let backer = if !pools.backer_people.is_empty() && rng.chance(70) {
            pools.backer_people[rng.below(pools.backer_people.len())].clone()
        } else {
            Person::anonymous("an Iranian Foreign Ministry spokesman", "the spokesman")
        };
        let think_tank = if !pools.tanks.is_empty() && rng.chance(50) {
            np(pools.tanks[rng.below(pools.tanks.len())])
        } else {
            np(*rng.pick(&TANKS))
        };
        let analyst = if !pools.analysts.is_empty() && rng.chance(50) {
            pools.analysts[rng.below(pools.analysts.len())].clone()
        } else {
            let name = format!("{} {}", rng.pick(&WEST_FIRST), rng.pick(&WEST_LAST));
            let short = name.rsplit(' ').next().unwrap_or(&name).to_string();
            Person {
                full: name.clone(),
                appos: format!(
                    "{name}, {} at {think_tank}",
                    rng.pick(&[
                        "a senior fellow",
                        "a researcher",
                        "an analyst",
                        "director of the Middle East program"
                    ])
                ),
                short,
                label: "ANALYST".to_string(),
                she: false,
            }
        };
        let city = if pools.cities.is_empty() {
            PlaceRef {
                name: "Baghdad",
                country: "Iraq",
                kind: "city",
            }
        } else {
            let near: Vec<&PlaceRef> = pools
                .cities
                .iter()
                .filter(|c| c.country == main.country || c.country == response.country)
                .collect();
            if near.is_empty() {
                *rng.pick(&pools.cities)
            } else {
                *near[rng.below(near.len())]
            }
        };
        let local = {
            let named: Vec<&Person> = pools
                .state_people
                .iter()
                .filter(|(s, _)| *s == main.country)
                .map(|(_, p)| p)
                .collect();
            if !named.is_empty() && rng.chance(30) {
                named[rng.below(named.len())].clone()
            } else {
                let name = format!("{} {}", rng.pick(&ARAB_FIRST), rng.pick(&ARAB_LAST));
                let short = name.rsplit(' ').next().unwrap_or(&name).to_string();
                Person {
                    full: name.clone(),
                    appos: format!(
                        "{name}, {} {}",
                        rng.pick(&[
                            "the mayor of",
                            "a council member in",
                            "a provincial official in",
                            "a resident of"
                        ]),
                        city.name
                    ),
                    short,
                    label: "RESIDENT".to_string(),
                    she: false,
                }
            }
        };
        let group_person = Person {
            full: group_np.clone(),
            appos: format!("{group_np}, {}", rng.pick(GROUP_DESCRIPTIONS[t])),
            short: if plural(&group_np) {
                "the rebels"
            } else {
                "the group"
            }
            .to_string(),
            label: "GROUP".to_string(),
            she: false,
        };
        let outlet = if pools.outlets.is_empty() {
            NO_OUTLET
        } else {
            *rng.pick(&pools.outlets)
        };
        let media = {
            let own: Vec<&str> = pools
                .media
                .iter()
                .filter(|(_, a)| *a == Some(group_name.as_str()))
                .map(|(m, _)| *m)
                .collect();
            if !own.is_empty() && rng.chance(70) {
                own[rng.below(own.len())].to_string()
            } else if !pools.media.is_empty() && rng.chance(80) {
                pools.media[rng.below(pools.media.len())].0.to_string()
            } else {
                rng.pick(&[
                    "Sabereen News",
                    "the Telegram channel Sabereen News",
                    "Saba news agency",
                ])
                .to_string()
            }
        };
        // Background events are events before the story's day.
        let month = pub_date.year() as u32 * 100 + pub_date.month();
        let past: Vec<&str> = EVENTS
            .iter()
            .filter(|(m, mask, _)| *m < month && mask & (1 << t) != 0)
            .map(|(_, _, e)| *e)
            .collect();
        let past = if past.is_empty() {
            vec![EVENTS[1].2]
        } else {
            past
        };
        let backgrounds = (0..2)
            .map(|_| past[rng.below(past.len())].to_string())
            .collect();
        let mut reporter = || {
            if rng.chance(50) {
                format!("{} {}", rng.pick(&WEST_FIRST), rng.pick(&WEST_LAST))
            } else {
                format!("{} {}", rng.pick(&ARAB_FIRST), rng.pick(&ARAB_LAST))
            }
        };
        let reporters = [reporter(), reporter(), reporter()];
        Story {
            theatre,
            pub_date,
            main,
            response,
            umbrella,
            others,
            leader,
            leader_title,
            backer: if rng.chance(75) { "Iran" } else { "Tehran" },
            responder,
            responder_adj,
            tally,
            speakers: vec![official, spokesman, backer, analyst, local, group_person],
            outlet,
            media,
            city: city.name.to_string(),
            city_country: city.country.to_string(),
            think_tank,
            backgrounds,
            reporters,
        }
    }

    /// An attack in a theatre on a day.
    fn incident(rng: &mut Rng, pools: &Pools<'_>, theatre: Theatre, date: NaiveDate) -> Incident {
        let t = theatre.index();
        let name: String = {
            let own = &pools.groups[t];
            // Iraq and Syria have many small factions, some of them new names.
            if own.is_empty() || (theatre == Theatre::IraqSyria && rng.chance(15)) {
                if pools.all_groups.is_empty() || rng.chance(50) {
                    invented_group(rng)
                } else {
                    rng.pick(&pools.all_groups).to_string()
                }
            } else {
                rng.pick(own).to_string()
            }
        };
        let places = &pools.places[t];
        let place = if places.is_empty() {
            PlaceRef {
                name: "the border area",
                country: "",
                kind: "region",
            }
        } else {
            *rng.pick(places)
        };
        let weapon = rng.pick(WEAPONS[t]);
        let (target, tref, tplural) = target_of(rng, theatre, place);
        let serious = rng.chance(25);
        let killed = if serious { rng.range(1, 5) } else { 0 };
        let injured = if serious || rng.chance(35) {
            rng.range(1, 40)
        } else {
            0
        };
        Incident {
            actor: np(&name),
            actor_name: name,
            target,
            tref,
            tplural,
            place: place_name(place),
            place_c: place_with_country(rng, place),
            country: place.country.to_string(),
            date,
            weapon,
            count: if rng.chance(40) { 1 } else { rng.range(2, 8) },
            killed,
            injured,
            victims: *rng.pick(VICTIMS[t]),
        }
    }
}

/// "the Red Sea" for a sea, the name for the rest.
fn place_name(p: PlaceRef<'_>) -> String {
    if p.country.is_empty() && !p.name.starts_with("the ") {
        format!("the {}", p.name)
    } else {
        p.name.to_string()
    }
}

/// A place with its country: "al-Tanf in Syria", "Erbil, Iraq", "the Iraqi city of Kirkuk".
fn place_with_country(rng: &mut Rng, p: PlaceRef<'_>) -> String {
    if p.country.is_empty() {
        return place_name(p);
    }
    match (p.kind, rng.below(3)) {
        ("city", 0) => format!("{}, {}", p.name, p.country),
        ("city", 1) => format!("the city of {} in {}", p.name, p.country),
        ("region", 0) => format!("{} province in {}", p.name, p.country),
        ("base", 1) => format!("{} in {}", p.name, p.country),
        _ => format!("{} in {}", p.name, p.country),
    }
}

/// What is attacked at a place: (noun phrase, later mention, plural).
fn target_of(rng: &mut Rng, theatre: Theatre, p: PlaceRef<'_>) -> (String, &'static str, bool) {
    let name = place_name(p);
    match theatre {
        Theatre::IraqSyria => match (p.kind, rng.below(4)) {
            ("base" | "facility", 0) => (format!("U.S. forces at {name}"), "the base", true),
            ("base" | "facility", 1) => (
                format!("a base hosting U.S. troops at {name}"),
                "the base",
                false,
            ),
            ("base" | "facility", 2) => (
                format!("coalition forces stationed at {name}"),
                "the base",
                true,
            ),
            ("base" | "facility", _) => (name, "the base", false),
            (_, 0) => (format!("a military base near {name}"), "the base", false),
            (_, 1) => (
                format!("a logistics convoy near {name}"),
                "the convoy",
                false,
            ),
            _ => (format!("a U.S. facility in {name}"), "the facility", false),
        },
        Theatre::RedSea => {
            if rng.chance(25) {
                (
                    format!("the destroyer USS {}", rng.pick(&WARSHIPS)),
                    "the warship",
                    false,
                )
            } else {
                let ship = format!(
                    "the {} {} {} {}",
                    rng.pick(&SHIP_FLAGS),
                    rng.pick(&SHIP_KINDS),
                    rng.pick(&SHIP_FIRST),
                    rng.pick(&SHIP_LAST)
                );
                let ship = if p.country.is_empty() {
                    format!("{ship} in {name}")
                } else {
                    format!("{ship} off {name}")
                };
                (ship, "the vessel", false)
            }
        }
        Theatre::Levant => match rng.below(3) {
            0 => (format!("Israeli troops near {name}"), "the troops", true),
            1 => (
                format!("an Israeli army post near {name}"),
                "the post",
                false,
            ),
            _ => (format!("a military site in {name}"), "the site", false),
        },
    }
}

/// A group the lexicon does not know ("Liwa al-Thar").
fn invented_group(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&GROUP_HEADS), rng.pick(&GROUP_WORDS))
}

/// An official of the attacked side who is not in the lexicon.
fn invented_official(rng: &mut Rng, theatre: Theatre, anonymous: bool) -> Person {
    let named = |rank: &str, first: &str, last: &str, role: String| Person {
        full: format!("{rank} {first} {last}"),
        appos: format!("{rank} {first} {last}, {role}"),
        short: last.to_string(),
        label: format!("{} {}", rank.to_uppercase(), last.to_uppercase()),
        she: false,
    };
    let roll = if anonymous {
        rng.below(4)
    } else {
        2 + rng.below(2)
    };
    match (theatre, roll) {
        (Theatre::Levant, 0) => {
            Person::anonymous("an Israeli military spokesperson", "the spokesperson")
        }
        (Theatre::Levant, _) => named(
            "Lt. Col.",
            *rng.pick(&HEBREW_FIRST),
            *rng.pick(&HEBREW_LAST),
            "an Israeli army spokesman".to_string(),
        ),
        (_, 0) => Person::anonymous("a U.S. defense official", "the official"),
        (_, 1) => Person::anonymous("a senior U.S. military official", "the official"),
        (Theatre::RedSea, _) => named(
            "Navy Capt.",
            *rng.pick(&WEST_FIRST),
            *rng.pick(&WEST_LAST),
            "a U.S. Central Command spokesman".to_string(),
        ),
        _ => named(
            "Col.",
            *rng.pick(&WEST_FIRST),
            *rng.pick(&WEST_LAST),
            "a spokesman for the U.S.-led coalition".to_string(),
        ),
    }
}

// ============================================================================ formats

impl Writer<'_> {
    /// Headlines of other stories for "Read more" lists.
    fn related(&mut self) -> Vec<String> {
        let n = self.rng.range(2, 5);
        let main = self.inc.clone();
        let mut v = Vec::new();
        for _ in 0..n {
            let day = minus_days(self.s.pub_date, self.rng.range(1, 30));
            self.inc = self.minor(day);
            let t = self.rng.pick(HEADLINES);
            v.push(self.sentence(t));
        }
        self.inc = main;
        v
    }

    /// The publication date as a text file states it (or nothing).
    fn date_line(&mut self) -> Option<String> {
        let d = self.s.pub_date;
        let time = format!(
            "{}:{:02} {}",
            self.rng.range(1, 12),
            self.rng.range(0, 59),
            self.rng.pick(&["AM", "PM"])
        );
        Some(match self.rng.below(8) {
            0 => format!("date {}", iso(d)),
            1 => format!("Published: {}", long_date(d)),
            2 => format!("{} {time} GMT", long_date(d)),
            3 => format!("{}, {}", weekday(d), british_date(d)),
            4 => format!("Updated: {}", ap_date(d, true)),
            5 => format!("Posted on {}", iso(d)),
            6 => format!("{} | {time}", long_date(d)),
            _ => return None,
        })
    }

    /// A plain-text file: a copied page, a wire story, a saved transcript.
    fn text(&mut self, a: &Article) -> String {
        let mut out = String::with_capacity(self.size + 1024);
        if self.rng.chance(15) {
            out.push_str(*self.rng.pick(&[
                "Skip to content\n",
                "Menu\n",
                "Home > World > Middle East\n",
            ]));
        }
        let date = if self.rng.chance(92) {
            self.date_line()
        } else {
            None
        };
        let date_first = self.rng.chance(20);
        if date_first && let Some(d) = &date {
            out.push_str(d);
            out.push('\n');
        }
        out.push_str(&a.title);
        out.push('\n');
        if let Some(dek) = &a.dek {
            out.push_str(dek);
            out.push('\n');
        }
        if let Some(b) = &a.byline {
            out.push_str(b);
            out.push('\n');
        }
        if !date_first && let Some(d) = &date {
            out.push_str(d);
            out.push('\n');
        }
        out.push('\n');
        let bullet = *self.rng.pick(&["- ", "• ", "* "]);
        let mut paras = 0;
        for b in &a.blocks {
            match b {
                Block::Para(s) | Block::Quote(s) | Block::Note(s) => {
                    out.push_str(s);
                    paras += 1;
                }
                Block::Heading(s) => out.push_str(s),
                Block::List(items) => {
                    for (k, it) in items.iter().enumerate() {
                        if k > 0 {
                            out.push('\n');
                        }
                        out.push_str(bullet);
                        out.push_str(it);
                    }
                }
                Block::Table(rows) => {
                    for (k, r) in rows.iter().enumerate() {
                        if k > 0 {
                            out.push('\n');
                        }
                        out.push_str(&r.join(" | "));
                    }
                }
                Block::Photo(s) => out.push_str(s),
                Block::Entry(time, h, body) => {
                    out.push_str(time);
                    if let Some(h) = h {
                        out.push('\n');
                        out.push_str(h);
                    }
                    for p in body {
                        out.push_str("\n\n");
                        out.push_str(p);
                    }
                }
            }
            out.push_str("\n\n");
            if paras == 3 && self.rng.chance(30) {
                let r = self.related();
                out.push_str(&format!("READ MORE: {}\n\n", r[0]));
                paras += 1;
            }
            if paras == 5 && self.rng.chance(20) {
                out.push_str("Advertisement\n\n");
                paras += 1;
            }
        }
        // Page furniture and the source line.
        if self.rng.chance(30) {
            out.push_str("Share this article\n");
        }
        if self.rng.chance(25) {
            out.push_str(&format!(
                "Tags: {}, {}, Security\n",
                if self.inc.country.is_empty() {
                    "Red Sea"
                } else {
                    &self.inc.country
                },
                self.inc.actor_name
            ));
        }
        match self.rng.below(4) {
            0 => out.push_str(&format!("Source: {}\n", a.publisher)),
            1 => out.push_str("Source link\n"),
            2 => out.push_str(&format!(
                "© {} {}. All rights reserved.\n",
                self.s.pub_date.year(),
                a.publisher
            )),
            _ => {}
        }
        out
    }

    /// A Markdown file as read-later apps and note tools save it.
    fn markdown(&mut self, a: &Article) -> String {
        let d = self.s.pub_date;
        let mut out = String::with_capacity(self.size + 1024);
        let url = format!(
            "https://www.{}/{}/{}",
            a.domain,
            d.format("%Y/%m/%d"),
            url_slug(&a.title)
        );
        let front = self.rng.chance(88);
        if front {
            out.push_str("---\n");
            out.push_str(&format!("title: \"{}\"\n", a.title.replace('"', "'")));
            match self.rng.below(4) {
                0 => out.push_str(&format!("published: {}\n", iso(d))),
                1 => out.push_str(&format!(
                    "date: {}T{:02}:{:02}:00Z\n",
                    iso(d),
                    self.rng.range(5, 22),
                    self.rng.range(0, 59)
                )),
                _ => out.push_str(&format!("date: {}\n", iso(d))),
            }
            out.push_str(&format!("source: {url}\n"));
            if let Some(b) = &a.byline {
                out.push_str(&format!("author: \"{}\"\n", b.trim_start_matches("By ")));
            }
            if self.rng.chance(50) {
                out.push_str("tags: [clippings, middle-east]\n");
            }
            out.push_str("---\n\n");
        }
        out.push_str(&format!("# {}\n\n", a.title));
        if let Some(dek) = &a.dek {
            out.push_str(&format!("*{dek}*\n\n"));
        }
        if let Some(b) = &a.byline {
            out.push_str(&format!("**{b}**\n\n"));
        }
        if !front {
            out.push_str(&format!("Published: {}\n\n", long_date(d)));
        }
        for b in &a.blocks {
            match b {
                Block::Para(s) => out.push_str(s),
                Block::Note(s) => {
                    out.push('*');
                    out.push_str(s);
                    out.push('*');
                }
                Block::Quote(s) => {
                    out.push_str("> ");
                    out.push_str(s);
                }
                Block::Heading(s) => {
                    out.push_str("## ");
                    out.push_str(s);
                }
                Block::List(items) => {
                    for (k, it) in items.iter().enumerate() {
                        if k > 0 {
                            out.push('\n');
                        }
                        out.push_str("- ");
                        out.push_str(it);
                    }
                }
                Block::Table(rows) => {
                    for (k, r) in rows.iter().enumerate() {
                        out.push_str("| ");
                        out.push_str(&r.join(" | "));
                        out.push_str(" |\n");
                        if k == 0 {
                            out.push_str(&"|---".repeat(r.len()));
                            out.push_str("|\n");
                        }
                    }
                    out.pop();
                }
                Block::Photo(s) => {
                    out.push_str(&format!(
                        "![{}](https://www.{}/images/{}.jpg)\n*{s}*",
                        s.split('.').next().unwrap_or(""),
                        a.domain,
                        self.rng.next_u64() % 100_000
                    ));
                }
                Block::Entry(time, h, body) => {
                    out.push_str(&format!("### {time}"));
                    if let Some(h) = h {
                        out.push_str(&format!(" — {h}"));
                    }
                    for p in body {
                        out.push_str("\n\n");
                        out.push_str(p);
                    }
                }
            }
            out.push_str("\n\n");
        }
        if self.rng.chance(35) {
            let r = self.related();
            out.push_str("**Read more:**\n\n");
            for h in r {
                out.push_str(&format!(
                    "- [{h}](https://www.{}/{})\n",
                    a.domain,
                    url_slug(&h)
                ));
            }
        }
        out
    }

    /// A saved web page: head with meta tags, navigation, cookie banner, the article with its
    /// figures, related stories, footer and scripts.
    fn html(&mut self, a: &Article) -> String {
        let d = self.s.pub_date;
        let stamp = format!(
            "{}T{:02}:{:02}:00Z",
            iso(d),
            self.rng.range(4, 22),
            self.rng.range(0, 59)
        );
        let url = format!(
            "https://www.{}/{}/{}",
            a.domain,
            d.format("%Y/%m/%d"),
            url_slug(&a.title)
        );
        let mut out = String::with_capacity(self.size * 2 + 4096);
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str(&format!(
            "<title>{} | {}</title>\n",
            esc(&a.title),
            esc(&a.publisher)
        ));
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str(&format!(
            "<meta property=\"og:title\" content=\"{}\">\n",
            esc(&a.title)
        ));
        out.push_str(&format!(
            "<meta property=\"og:site_name\" content=\"{}\">\n",
            esc(&a.publisher)
        ));
        out.push_str(&format!("<link rel=\"canonical\" href=\"{url}\">\n"));
        let date_in_head = self.rng.below(10);
        match date_in_head {
            0..=4 => out.push_str(&format!(
                "<meta property=\"article:published_time\" content=\"{stamp}\">\n"
            )),
            5 | 6 => out.push_str(&format!(
                "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"{}\",\"datePublished\":\"{stamp}\",\"publisher\":{{\"@type\":\"Organization\",\"name\":\"{}\"}}}}</script>\n",
                a.title.replace('"', "'"),
                a.publisher.replace('"', "'")
            )),
            7 => out.push_str(&format!("<meta name=\"date\" content=\"{}\">\n", iso(d))),
            _ => {}
        }
        out.push_str("<link rel=\"stylesheet\" href=\"/static/css/main.css\">\n");
        out.push_str("<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-XXXXXX');</script>\n");
        out.push_str("</head>\n<body class=\"article-page\">\n");
        // Navigation.
        out.push_str(&format!(
            "<header class=\"site-header\"><a class=\"logo\" href=\"/\">{}</a>\n<nav class=\"main-nav\"><ul>",
            esc(&a.publisher)
        ));
        for item in [
            "Home",
            "World",
            "Middle East",
            "Politics",
            "Business",
            "Opinion",
            "Video",
        ] {
            if item == "Home" || self.rng.chance(75) {
                out.push_str(&format!(
                    "<li><a href=\"/{}\">{item}</a></li>",
                    item.to_lowercase().replace(' ', "-")
                ));
            }
        }
        out.push_str("</ul></nav>\n<form class=\"search\"><input type=\"search\" placeholder=\"Search\"><button>Go</button></form></header>\n");
        if self.rng.chance(60) {
            out.push_str("<div class=\"cookie-banner\" id=\"cookie-consent\"><p>We use cookies to improve your experience and to show you relevant advertising. By continuing to browse you agree to our use of cookies.</p><button>Accept all</button> <button>Manage preferences</button></div>\n");
        }
        if self.rng.chance(30) {
            out.push_str("<div class=\"breaking-ticker\"><span>Breaking</span> <a href=\"/live\">Follow our live coverage</a></div>\n");
        }
        let wrapper = *self
            .rng
            .pick(&["article", "div class=\"story-body\"", "main"]);
        let close = wrapper.split(' ').next().unwrap_or("article");
        out.push_str(&format!("<{wrapper}>\n"));
        out.push_str(&format!("<h1>{}</h1>\n", esc(&a.title)));
        if let Some(dek) = &a.dek {
            out.push_str(&format!("<p class=\"standfirst\">{}</p>\n", esc(dek)));
        }
        if let Some(b) = &a.byline {
            out.push_str(&format!("<div class=\"byline\">{}</div>\n", esc(b)));
        }
        if date_in_head >= 8 || self.rng.chance(40) {
            if date_in_head == 9 {
                out.push_str(&format!("<time>{}</time>\n", long_date(d)));
            } else {
                out.push_str(&format!(
                    "<time datetime=\"{stamp}\">{}</time>\n",
                    long_date(d)
                ));
            }
        }
        if self.rng.chance(50) {
            let p = self.photo();
            out.push_str(&format!(
                "<figure><img src=\"/images/{}.jpg\" alt=\"\"><figcaption>{}</figcaption></figure>\n",
                self.rng.next_u64() % 100_000,
                esc(&p)
            ));
        }
        let mut paras = 0;
        for b in &a.blocks {
            match b {
                Block::Para(s) => {
                    out.push_str(&format!("<p>{}</p>\n", esc(s)));
                    paras += 1;
                }
                Block::Note(s) => out.push_str(&format!("<p class=\"note\"><em>{}</em></p>\n", esc(s))),
                Block::Quote(s) => out.push_str(&format!("<blockquote><p>{}</p></blockquote>\n", esc(s))),
                Block::Heading(s) => out.push_str(&format!("<h2>{}</h2>\n", esc(s))),
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    for it in items {
                        out.push_str(&format!("<li>{}</li>\n", esc(&strip_stars(it))));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Table(rows) => {
                    out.push_str("<table>\n");
                    for (k, r) in rows.iter().enumerate() {
                        let cell = if k == 0 { "th" } else { "td" };
                        out.push_str("<tr>");
                        for c in r {
                            out.push_str(&format!("<{cell}>{}</{cell}>", esc(c)));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</table>\n");
                }
                Block::Photo(s) => out.push_str(&format!(
                    "<figure><img src=\"/images/{}.jpg\" alt=\"\"><figcaption>{}</figcaption></figure>\n",
                    self.rng.next_u64() % 100_000,
                    esc(s)
                )),
                Block::Entry(time, h, body) => {
                    out.push_str(&format!("<div class=\"live-entry\"><time>{time}</time>\n"));
                    if let Some(h) = h {
                        out.push_str(&format!("<h3>{}</h3>\n", esc(h)));
                    }
                    for p in body {
                        out.push_str(&format!("<p>{}</p>\n", esc(p)));
                    }
                    out.push_str("</div>\n");
                }
            }
            if paras == 3 && self.rng.chance(30) {
                out.push_str("<div class=\"ad-slot\" data-ad=\"mid-article\"><span>Advertisement</span></div>\n");
                paras += 1;
            }
            if paras == 5 && self.rng.chance(30) {
                let r = self.related();
                out.push_str(&format!(
                    "<p class=\"read-more\"><strong>READ MORE:</strong> <a href=\"/{}\">{}</a></p>\n",
                    url_slug(&r[0]),
                    esc(&r[0])
                ));
                paras += 1;
            }
        }
        if self.rng.chance(50) {
            out.push_str("<div class=\"share\"><span>Share this article</span> <a href=\"#\">Facebook</a> <a href=\"#\">X</a> <a href=\"#\">WhatsApp</a> <a href=\"#\">Email</a></div>\n");
        }
        out.push_str(&format!("</{close}>\n"));
        if self.rng.chance(80) {
            let r = self.related();
            out.push_str("<aside class=\"related-stories\"><h3>Related stories</h3><ul>");
            for h in &r {
                out.push_str(&format!(
                    "<li><a href=\"/{}\">{}</a></li>",
                    url_slug(h),
                    esc(h)
                ));
            }
            out.push_str("</ul></aside>\n");
        }
        if self.rng.chance(50) {
            out.push_str("<section class=\"newsletter\"><h3>Sign up for our newsletter</h3><p>The day's top stories from the region, in your inbox every morning.</p><form><input type=\"email\" placeholder=\"Email address\"><button>Subscribe</button></form></section>\n");
        }
        out.push_str(&format!(
            "<footer class=\"site-footer\"><ul><li><a href=\"/about\">About us</a></li><li><a href=\"/contact\">Contact</a></li><li><a href=\"/privacy\">Privacy policy</a></li><li><a href=\"/terms\">Terms of use</a></li></ul><p>© {} {}. All rights reserved.</p></footer>\n",
            d.year(),
            esc(&a.publisher)
        ));
        out.push_str("<script src=\"/static/js/vendor.min.js\"></script>\n<script>document.querySelectorAll('.cookie-banner button').forEach(function(b){b.addEventListener('click',function(){document.getElementById('cookie-consent').remove();});});</script>\n");
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// Every word capitalised but the small ones: "Pentagon Press Secretary Pat Ryder".
fn headline_case(s: &str) -> String {
    s.split(' ')
        .enumerate()
        .map(|(k, w)| {
            if k > 0 && matches!(w, "a" | "an" | "the" | "of" | "for" | "in" | "and" | "to") {
                w.to_string()
            } else {
                cap(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// HTML text escaping.
fn esc(s: &str) -> String {
    if !s.contains(['&', '<', '>', '"']) {
        return s.to_string();
    }
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Markdown emphasis removed (for the HTML list items of a tracker's timeline).
fn strip_stars(s: &str) -> String {
    s.replace("**", "")
}

/// A URL path from a headline.
fn url_slug(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.chars().take(80) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::corpus::{Corpus, Format};

    fn lex() -> Lexicon {
        Lexicon::bundled()
    }

    /// The sentences of a text, roughly (enough to count how varied texts are).
    fn sentences(text: &str) -> impl Iterator<Item = &str> {
        text.split(['\n', '.', '?', '!', '“', '”'])
            .map(str::trim)
            .filter(|s| s.split(' ').count() >= 5)
    }

    /// A sentence with its names and numbers blanked: its shape.
    fn shape(s: &str) -> String {
        let mut out = Vec::new();
        for w in s.split(' ') {
            let blank = w
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || w.starts_with("al-");
            if !(blank && out.last() == Some(&"#")) {
                out.push(if blank { "#" } else { w });
            }
        }
        out.join(" ")
    }

    fn texts(files: &[(String, Vec<u8>)]) -> Vec<String> {
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let corpus = Corpus::from_memory(&refs, &lex());
        corpus.docs.into_iter().map(|d| d.text).collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_articles() {
        let lex = lex();
        assert_eq!(generate(120, 9, &lex), generate(120, 9, &lex));
        let other = generate(120, 10, &lex);
        let same = generate(120, 9, &lex)
            .iter()
            .zip(&other)
            .filter(|(a, b)| a.1 == b.1)
            .count();
        assert_eq!(same, 0, "another seed gives other articles");
    }

    #[test]
    fn batches_give_the_articles_of_one_call() {
        let lex = lex();
        let whole = generate(250, 3, &lex);
        let mut batched = generate_range(0, 100, 3, &lex);
        batched.extend(generate_range(100, 100, 3, &lex));
        batched.extend(generate_range(200, 50, 3, &lex));
        assert_eq!(whole, batched);
        assert_eq!(generate_range(137, 1, 3, &lex)[0], whole[137]);
    }

    #[test]
    fn neighbouring_articles_are_not_copies_of_each_other() {
        // Regression: with the stream of article i started at `seed ^ i * step`, article i + 2
        // replayed article i two draws later.
        let texts = texts(&generate(300, 1, &lex()));
        let long = |t: &str| -> HashSet<String> {
            sentences(t)
                .filter(|s| s.split(' ').count() >= 8)
                .map(str::to_string)
                .collect()
        };
        let sets: Vec<HashSet<String>> = texts.iter().map(|t| long(t)).collect();
        for i in 0..sets.len() {
            for j in i + 1..(i + 5).min(sets.len()) {
                let shared = sets[i].intersection(&sets[j]).count();
                let least = sets[i].len().min(sets[j].len()).max(1);
                // Two op-eds may share a few stock sentences of the genre; a replayed stream
                // shares most of them.
                assert!(
                    shared * 2 < least,
                    "articles {i} and {j} share {shared} of {least} sentences"
                );
            }
        }
    }

    #[test]
    fn text_markdown_and_html_are_mixed_under_gen() {
        let files = generate(600, 5, &lex());
        let share = |ext: &str| {
            files.iter().filter(|(n, _)| n.ends_with(ext)).count() as f64 / files.len() as f64
        };
        let (txt, md, html) = (share(".txt"), share(".md"), share(".html"));
        assert!((txt - 1.0 / 3.0).abs() < 0.12, "txt {txt}");
        assert!(md > 0.15 && md < 0.35, "md {md}");
        assert!(html > 0.3 && html < 0.55, "html {html}");
        assert!((txt + md + html - 1.0).abs() < 1e-9);
        for (i, (name, _)) in files.iter().enumerate() {
            assert!(
                name.starts_with(&format!("gen/{:03}/article_{i:06}.", i % 997)),
                "{name}"
            );
        }
        let names: HashSet<_> = files.iter().map(|(n, _)| n).collect();
        assert_eq!(names.len(), files.len());
    }

    #[test]
    fn every_template_fills_every_slot() {
        let lex = lex();
        let pools = Pools::new(&lex);
        let lists: &[&[&str]] = &[
            SPEECH,
            GROUP_SPEECH,
            QUOTE,
            QUOTE_AGAIN,
            PROPS_OFFICIAL,
            PROPS_GROUP,
            PROPS_BACKER,
            PROPS_ANALYST,
            PROPS_LOCAL,
            QUOTES_OFFICIAL,
            QUOTES_GROUP,
            QUOTES_BACKER,
            QUOTES_ANALYST,
            QUOTES_LOCAL,
            CLAIMS,
            ACCUSATIONS,
            DENIALS,
            ATTACKS,
            RESPONSES,
            TALLIES,
            RELATIONS,
            BACKGROUND,
            NARRATION,
            OPED,
            QUESTIONS,
            ANSWERS,
            HEADLINES,
            STATEMENT,
            TIMELINE,
        ];
        for seed in 0..40 {
            let mut w = Writer::new(Rng::new(seed), &pools);
            w.prop = "the proposition".to_string();
            for list in lists {
                for t in *list {
                    let s = w.sentence(t);
                    assert!(
                        !s.contains(['{', '}', '[', ']', '|']) && !s.contains("  "),
                        "{t} -> {s}"
                    );
                }
            }
        }
    }

    #[test]
    fn texts_are_varied_far_beyond_the_seeds() {
        let lex = lex();
        let files = generate(1000, 21, &lex);
        let texts = texts(&files);
        let distinct: HashSet<&str> = texts.iter().flat_map(|t| sentences(t)).collect();
        let shapes: HashSet<String> = distinct.iter().map(|s| shape(s)).collect();
        let seed_texts: Vec<String> = crate::seeds::SEEDS
            .iter()
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        let seed_sentences: HashSet<&str> = seed_texts.iter().flat_map(|t| sentences(t)).collect();
        let seed_shapes: HashSet<String> = seed_sentences.iter().map(|s| shape(s)).collect();
        eprintln!(
            "1,000 articles: {} distinct sentences, {} distinct shapes; the five seeds: {} sentences, {} shapes",
            distinct.len(),
            shapes.len(),
            seed_sentences.len(),
            seed_shapes.len()
        );
        assert!(
            distinct.len() > 40 * seed_sentences.len(),
            "{}",
            distinct.len()
        );
        assert!(shapes.len() > 10 * seed_shapes.len(), "{}", shapes.len());
        // Nothing is taken from the seed articles.
        let long_seed: Vec<&&str> = seed_sentences.iter().filter(|s| s.len() > 40).collect();
        for t in texts.iter().take(300) {
            for s in &long_seed {
                assert!(!t.contains(**s), "a seed sentence: {s}");
            }
        }
    }

    #[test]
    fn the_loader_reads_every_file_with_its_date_and_outlet() {
        let lex = lex();
        let files = generate(600, 8, &lex);
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let corpus = Corpus::from_memory(&refs, &lex);
        assert!(corpus.failed.is_empty(), "{:?}", corpus.failed);
        assert_eq!(corpus.docs.len(), files.len());
        let dated = corpus.docs.iter().filter(|d| d.date.is_some()).count();
        assert!(dated * 100 >= 85 * corpus.docs.len(), "{dated} dated");
        for d in &corpus.docs {
            if let Some(date) = d.date {
                assert!(
                    (2019..=2025).contains(&date.year()),
                    "{} {date}",
                    d.rel_path
                );
            }
            // Sizes like real articles.
            assert!(
                (900..=9000).contains(&d.text.len()),
                "{}: {} bytes of text",
                d.rel_path,
                d.text.len()
            );
            assert!(!d.title.is_empty(), "{}", d.rel_path);
        }
        // HTML pages say who published them; their menus and banners are not article text.
        for d in corpus.docs.iter().filter(|d| d.format == Format::Html) {
            assert!(d.source.is_some(), "{}", d.rel_path);
            for junk in [
                "We use cookies",
                "Sign up for our newsletter",
                "Privacy policy",
            ] {
                if let Some(at) = d.text.find(junk) {
                    assert!(d.junk_at(at).is_some(), "{}: {junk} is text", d.rel_path);
                }
            }
        }
        let with_junk = corpus.docs.iter().filter(|d| !d.junk.is_empty()).count();
        assert!(
            with_junk * 2 > corpus.docs.len(),
            "{with_junk} with page junk"
        );
    }

    #[test]
    fn the_analysis_finds_each_kind_of_finding_in_a_realistic_share() {
        let lex = lex();
        let files = generate(400, 13, &lex);
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let corpus = Corpus::from_memory(&refs, &lex);
        let a = crate::analysis::analyse(&corpus, &lex);
        let n = corpus.docs.len();
        let docs = |it: &mut dyn Iterator<Item = crate::model::DocId>| {
            it.collect::<HashSet<_>>().len() as f64 / n as f64
        };
        let statements = docs(&mut a.statements.iter().map(|s| s.span.doc));
        let kinds: HashSet<_> = a.statements.iter().map(|s| s.kind).collect();
        let tallies = docs(&mut a.tallies.iter().map(|t| t.span.doc));
        let attacks = docs(&mut a.reports.iter().map(|r| r.span.doc));
        let relations = docs(
            &mut a
                .relations
                .iter()
                .flat_map(|r| r.evidence.iter().map(|e| e.doc)),
        );
        eprintln!(
            "share of articles with statements {statements:.2}, tallies {tallies:.2}, attacks {attacks:.2}, relations {relations:.2}; statement kinds {kinds:?}"
        );
        assert!(statements > 0.6, "statements in {statements:.2}");
        assert_eq!(kinds.len(), 3, "claims, accusations and denials: {kinds:?}");
        assert!(tallies > 0.3, "tallies in {tallies:.2}");
        assert!(attacks > 0.6, "attacks in {attacks:.2}");
        assert!(relations > 0.3, "relations in {relations:.2}");
    }
}
