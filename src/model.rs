//! The findings of an analysis: ids, spans and the typed records every view reads.
//!
//! Every finding carries the document it came from and the byte span of its evidence in the
//! document's *displayed* text (see [`crate::corpus::Document::text`]).

use serde::Serialize;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
        pub struct $name(pub u32);

        impl $name {
            /// The id as an index into the vector that holds the items.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// A document of the corpus, an index into [`crate::corpus::Corpus::docs`].
    DocId
);
id_type!(
    /// An actor: an index into [`crate::analysis::Analysis::actors`].
    ActorId
);
id_type!(
    /// A place of the lexicon: an index into [`crate::lexicon::Lexicon::places`].
    PlaceId
);
id_type!(
    /// An incident (one attack, possibly reported by several documents).
    IncidentId
);

/// A byte range in one document's displayed text.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
pub struct Span {
    /// The document.
    pub doc: DocId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span of `doc` from `start` to `end` (bytes).
    pub fn new(doc: DocId, start: usize, end: usize) -> Self {
        Span {
            doc,
            start: start as u32,
            end: end as u32,
        }
    }

    /// The byte range, for slicing the document text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether `other` lies inside this span (same document).
    pub fn contains(&self, other: &Span) -> bool {
        self.doc == other.doc && self.start <= other.start && other.end <= self.end
    }
}

/// What an actor is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A sovereign state.
    State,
    /// A militia, armed movement or military force.
    ArmedGroup,
    /// A ministry, agency or command of a state.
    GovernmentBody,
    /// A political party or movement.
    PoliticalParty,
    /// A news outlet or agency that speaks inside a story.
    Media,
    /// An international organisation or alliance.
    InternationalOrg,
    /// A named person.
    Person,
    /// Any other organisation (think tanks, companies).
    Organisation,
}

impl ActorKind {
    /// All kinds, in legend order.
    pub const ALL: [ActorKind; 8] = [
        ActorKind::State,
        ActorKind::ArmedGroup,
        ActorKind::GovernmentBody,
        ActorKind::PoliticalParty,
        ActorKind::Media,
        ActorKind::InternationalOrg,
        ActorKind::Person,
        ActorKind::Organisation,
    ];

    /// The snake_case name used in data files and the export.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::ArmedGroup => "armed_group",
            ActorKind::GovernmentBody => "government_body",
            ActorKind::PoliticalParty => "political_party",
            ActorKind::Media => "media",
            ActorKind::InternationalOrg => "international_org",
            ActorKind::Person => "person",
            ActorKind::Organisation => "organisation",
        }
    }

    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            ActorKind::State => "State",
            ActorKind::ArmedGroup => "Armed group",
            ActorKind::GovernmentBody => "Government body",
            ActorKind::PoliticalParty => "Party / movement",
            ActorKind::Media => "Media",
            ActorKind::InternationalOrg => "International org.",
            ActorKind::Person => "Person",
            ActorKind::Organisation => "Organisation",
        }
    }
}

/// The kind of a statement about responsibility.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// An actor takes responsibility for its own act.
    Claim,
    /// An actor says another is responsible.
    Accusation,
    /// An actor rejects involvement.
    Denial,
}

impl StatementKind {
    /// All kinds.
    pub const ALL: [StatementKind; 3] = [
        StatementKind::Claim,
        StatementKind::Accusation,
        StatementKind::Denial,
    ];

    /// The export name.
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Claim => "claim",
            StatementKind::Accusation => "accusation",
            StatementKind::Denial => "denial",
        }
    }
}

/// The kind of a relation between two actors.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// `from` supports, arms or funds `to`.
    Backs,
    /// `from` belongs to `to` (an official of a body, a group in an umbrella).
    MemberOf,
    /// `from` heads, founded or commands `to`.
    Leads,
    /// `from` attacked `to`.
    Attacks,
    /// `from` struck `to` in retaliation.
    RetaliatesAgainst,
    /// `from` talks or negotiates with `to`.
    NegotiatesWith,
}

impl RelationKind {
    /// All kinds, in legend order.
    pub const ALL: [RelationKind; 6] = [
        RelationKind::Backs,
        RelationKind::MemberOf,
        RelationKind::Leads,
        RelationKind::Attacks,
        RelationKind::RetaliatesAgainst,
        RelationKind::NegotiatesWith,
    ];

    /// The export name.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Backs => "backs",
            RelationKind::MemberOf => "member_of",
            RelationKind::Leads => "leads",
            RelationKind::Attacks => "attacks",
            RelationKind::RetaliatesAgainst => "retaliates_against",
            RelationKind::NegotiatesWith => "negotiates_with",
        }
    }

    /// Parses the export name.
    pub fn parse(s: &str) -> Option<Self> {
        RelationKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            RelationKind::Backs => "backs",
            RelationKind::MemberOf => "member of",
            RelationKind::Leads => "leads",
            RelationKind::Attacks => "attacks",
            RelationKind::RetaliatesAgainst => "retaliates against",
            RelationKind::NegotiatesWith => "negotiates with",
        }
    }
}
