//! Colours: one place, so every colour has a legend entry and views agree.

use egui::Color32;

use proxylens::model::{ActorKind, RelationKind, StatementKind};

use super::network::EdgeKind;

/// The selection colour.
pub const SELECTED: Color32 = Color32::from_rgb(255, 196, 0);
/// Reported tallies.
pub const TALLY: Color32 = Color32::from_rgb(190, 120, 230);
/// Claims.
pub const CLAIM: Color32 = Color32::from_rgb(64, 170, 110);
/// Accusations.
pub const ACCUSATION: Color32 = Color32::from_rgb(230, 90, 70);
/// Denials.
pub const DENIAL: Color32 = Color32::from_rgb(80, 140, 230);
/// Attack reports.
pub const INCIDENT: Color32 = Color32::from_rgb(235, 150, 50);

/// A colour made faint (not part of the selection).
pub fn dim(c: Color32) -> Color32 {
    c.gamma_multiply(0.25)
}

/// Node colour by actor kind.
pub fn kind(k: ActorKind) -> Color32 {
    match k {
        ActorKind::State => Color32::from_rgb(90, 150, 235),
        ActorKind::ArmedGroup => Color32::from_rgb(230, 80, 70),
        ActorKind::GovernmentBody => Color32::from_rgb(120, 190, 220),
        ActorKind::PoliticalParty => Color32::from_rgb(200, 150, 90),
        ActorKind::Media => Color32::from_rgb(170, 170, 170),
        ActorKind::InternationalOrg => Color32::from_rgb(140, 120, 220),
        ActorKind::Person => Color32::from_rgb(240, 190, 70),
        ActorKind::Organisation => Color32::from_rgb(120, 200, 150),
    }
}

/// Edge colour by kind.
pub fn edge(k: EdgeKind) -> Color32 {
    match k {
        EdgeKind::Relation(RelationKind::Backs) => Color32::from_rgb(60, 180, 120),
        EdgeKind::Relation(RelationKind::MemberOf) => Color32::from_rgb(150, 150, 160),
        EdgeKind::Relation(RelationKind::Leads) => Color32::from_rgb(240, 190, 70),
        EdgeKind::Relation(RelationKind::Attacks) => Color32::from_rgb(225, 60, 50),
        EdgeKind::Relation(RelationKind::RetaliatesAgainst) => Color32::from_rgb(240, 120, 40),
        EdgeKind::Relation(RelationKind::NegotiatesWith) => Color32::from_rgb(90, 160, 240),
        EdgeKind::Statement(StatementKind::Claim) => CLAIM.gamma_multiply(0.8),
        EdgeKind::Statement(StatementKind::Accusation) => Color32::from_rgb(250, 110, 170),
        EdgeKind::Statement(StatementKind::Denial) => Color32::from_rgb(110, 210, 230),
    }
}

/// Statement highlight colour.
pub fn statement(k: StatementKind) -> Color32 {
    match k {
        StatementKind::Claim => CLAIM,
        StatementKind::Accusation => ACCUSATION,
        StatementKind::Denial => DENIAL,
    }
}

const SERIES: [Color32; 10] = [
    Color32::from_rgb(86, 145, 227),
    Color32::from_rgb(231, 111, 81),
    Color32::from_rgb(103, 178, 111),
    Color32::from_rgb(232, 178, 62),
    Color32::from_rgb(162, 119, 219),
    Color32::from_rgb(84, 188, 196),
    Color32::from_rgb(219, 112, 168),
    Color32::from_rgb(160, 140, 100),
    Color32::from_rgb(120, 200, 80),
    Color32::from_rgb(200, 90, 90),
];

/// Colour of a chart series; "unknown" is grey.
pub fn series(i: usize, name: &str) -> Color32 {
    if name == "unknown" {
        return Color32::from_gray(130);
    }
    SERIES[i % SERIES.len()]
}

/// Warnings (skipped files, lexicon issues).
pub const WARN: Color32 = Color32::from_rgb(230, 160, 40);
