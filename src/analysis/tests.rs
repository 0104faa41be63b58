//! Table-driven tests of the analysis rules, on sentences written for them.

use super::*;
use crate::corpus::Corpus;
use crate::lexicon::Lexicon;

fn run(docs: &[(&str, &str)]) -> (Corpus, Lexicon, Analysis) {
    let lex = Lexicon::bundled();
    let files: Vec<(&str, &[u8])> = docs.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    let c = Corpus::from_memory(&files, &lex);
    let a = analyse(&c, &lex);
    (c, lex, a)
}

fn name(a: &Analysis, id: Option<ActorId>) -> Option<String> {
    id.map(|i| a.actor(i).name.clone())
}

#[test]
fn statements_table() {
    // (text, kind, speaker, about)
    let cases: Vec<(&str, &str, Option<&str>, Option<&str>)> = vec![
        (
            "Kataib Hezbollah denied any involvement in the attack.",
            "denial",
            Some("Kataib Hezbollah"),
            Some("Kataib Hezbollah"),
        ),
        (
            "The Pentagon blamed Kataib Hezbollah for the drone strike on the base.",
            "accusation",
            Some("Pentagon"),
            Some("Kataib Hezbollah"),
        ),
        (
            "Washington accused Iran of arming the militias that carried out the attacks.",
            "accusation",
            Some("United States"),
            Some("Iran"),
        ),
        (
            "The Islamic Resistance in Iraq claimed responsibility for the rocket attack.",
            "claim",
            Some("Islamic Resistance in Iraq"),
            Some("Islamic Resistance in Iraq"),
        ),
        (
            "Tehran was not involved in the attack, Nasser Kanaani told reporters.",
            "denial",
            Some("Nasser Kanaani"),
            Some("Iran"),
        ),
        (
            "“We hold the Islamic Resistance in Iraq responsible for this attack,” said John Kirby.",
            "accusation",
            Some("John Kirby"),
            Some("Islamic Resistance in Iraq"),
        ),
        (
            "Iranian officials rejected the accusations.",
            "denial",
            Some("Iran"),
            Some("Iran"),
        ),
        (
            "The Houthis took credit for the missile strike on Eilat.",
            "claim",
            Some("Houthis"),
            Some("Houthis"),
        ),
    ];
    for (text, kind, speaker, about) in cases {
        let (_, _, a) = run(&[("a.txt", text)]);
        let s = a.statements.iter().find(|s| s.kind.as_str() == kind);
        let s = s.unwrap_or_else(|| panic!("no {kind} in {text:?}: {:?}", a.statements));
        assert_eq!(
            name(&a, s.speaker).as_deref(),
            speaker,
            "speaker in {text:?}"
        );
        assert_eq!(name(&a, s.about).as_deref(), about, "about in {text:?}");
    }
}

#[test]
fn several_statements_in_one_sentence() {
    let (_, _, a) = run(&[(
        "a.txt",
        "Hamas blamed Israel for the explosion, but Israel has denied it, and both Israeli and US officials have blamed it on a rocket misfire by Islamic Jihad.",
    )]);
    let mut got: Vec<(String, Option<String>, Option<String>)> = a
        .statements
        .iter()
        .map(|s| {
            (
                s.kind.as_str().to_string(),
                name(&a, s.speaker),
                name(&a, s.about),
            )
        })
        .collect();
    got.sort();
    let want = vec![
        (
            "accusation".to_string(),
            Some("Hamas".to_string()),
            Some("Israel".to_string()),
        ),
        (
            "accusation".to_string(),
            Some("Israel".to_string()),
            Some("Palestinian Islamic Jihad".to_string()),
        ),
        (
            "accusation".to_string(),
            Some("United States".to_string()),
            Some("Palestinian Islamic Jihad".to_string()),
        ),
        (
            "denial".to_string(),
            Some("Israel".to_string()),
            Some("Israel".to_string()),
        ),
    ];
    assert_eq!(got, want);
}

#[test]
fn speaker_from_previous_sentence_and_role_noun() {
    let text = "Iranian Foreign Ministry spokesman Nasser Kanaani spoke on Monday. He said that the Islamic Resistance in Iraq acted on its own.\n\n“Tehran has never supported these attacks,” the spokesman said.";
    let (_, _, a) = run(&[("a.txt", text)]);
    let denials: Vec<_> = a
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Denial)
        .collect();
    assert_eq!(denials.len(), 2, "{:?}", a.statements);
    for d in denials {
        assert_eq!(name(&a, d.speaker).as_deref(), Some("Nasser Kanaani"));
        assert_eq!(name(&a, d.about).as_deref(), Some("Iran"));
    }
}

#[test]
fn threats_and_narration_are_not_statements() {
    for text in [
        "The group threatened to escalate attacks, claiming it could strike US bases.",
        "Militias have attacked US bases dozens of times.",
        "Experts caution that not every action is attributable to Tehran.",
    ] {
        let (_, _, a) = run(&[("a.txt", text)]);
        assert!(a.statements.is_empty(), "{text}: {:?}", a.statements);
    }
}

#[test]
#[allow(clippy::type_complexity)]
fn tallies_table() {
    let text = "date 2023-11-20\nThe Pentagon said there have been 61 attacks on US forces in Iraq and Syria since Oct. 17. Of those, 29 were in Iraq and 32 in Syria. Militants have launched more than five dozen attacks. At least 60 US personnel were injured. The US has struck back just three times. It is one of two recent attacks.";
    let (_, _, a) = run(&[("a.txt", text)]);
    let got: Vec<(u64, &str, Option<String>, Option<&str>, Option<String>)> = a
        .tallies
        .iter()
        .map(|t| {
            (
                t.value,
                t.unit.as_str(),
                t.since.map(|d| d.to_string()),
                t.region.as_deref(),
                name(&a, t.reported_by),
            )
        })
        .collect();
    let since = Some("2023-10-17".to_string());
    let pentagon = Some("Pentagon".to_string());
    assert_eq!(
        got,
        vec![
            (
                61,
                "attacks",
                since.clone(),
                Some("Iraq and Syria"),
                pentagon.clone()
            ),
            (29, "attacks", since.clone(), Some("Iraq"), pentagon.clone()),
            (
                32,
                "attacks",
                since.clone(),
                Some("Syria"),
                pentagon.clone()
            ),
            (60, "attacks", since.clone(), None, None),
            (3, "retaliatory strikes", since.clone(), None, None),
        ]
    );
    assert!(a.tallies[3].lower_bound);
}

#[test]
fn incidents_table() {
    let text = "date 2024-01-30\nA drone attack on Tower 22 in Jordan on Sunday killed three US soldiers and injured 34 others.\n\nRockets struck Ain al-Assad air base on Oct. 17.\n\nMilitias have launched attacks on US bases across the region.";
    let (_, lex, a) = run(&[("a.txt", text)]);
    assert_eq!(a.reports.len(), 2, "{:#?}", a.reports);
    let r = &a.reports[0];
    assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("2024-01-28"));
    assert_eq!(
        r.place.map(|p| lex.place(p).name.as_str()),
        Some("Tower 22")
    );
    assert_eq!(name(&a, r.country).as_deref(), Some("Jordan"));
    assert_eq!(name(&a, r.target).as_deref(), Some("United States"));
    assert_eq!(r.weapon.as_deref(), Some("drone"));
    assert_eq!((r.killed, r.injured), (Some(3), Some(34)));
    let r = &a.reports[1];
    assert_eq!(
        r.place.map(|p| lex.place(p).name.as_str()),
        Some("al-Asad air base")
    );
    assert_eq!(r.weapon.as_deref(), Some("rocket"));
    assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("2023-10-17"));
}

#[test]
fn same_attack_in_two_documents_is_one_incident() {
    let (_, _, a) = run(&[
        (
            "a.txt",
            "date 2024-01-29\nThree US soldiers were killed in a drone attack on Tower 22 on January 28.",
        ),
        (
            "b.txt",
            "date 2024-02-01\nOn January 28, a drone struck the Tower 22 outpost in Jordan, killing three soldiers.",
        ),
    ]);
    assert_eq!(a.reports.len(), 2);
    assert_eq!(a.incidents.len(), 1, "{:#?}", a.incidents);
    assert_eq!(a.incidents[0].reports.len(), 2);
}

#[test]
fn relations_table() {
    let cases: Vec<(&str, &str, &str, &str)> = vec![
        (
            "In January, the Iran-backed Kataib Hezbollah struck again.",
            "Iran",
            "backs",
            "Kataib Hezbollah",
        ),
        (
            "Hezbollah leader Hassan Nasrallah spoke.",
            "Hassan Nasrallah",
            "leads",
            "Hezbollah",
        ),
        (
            "Qais al-Khazali, the leader of Asaib Ahl al-Haq, spoke.",
            "Qais al-Khazali",
            "leads",
            "Asaib Ahl al-Haq",
        ),
        (
            "Kataib Hezbollah is a member of the Popular Mobilization Forces.",
            "Kataib Hezbollah",
            "member_of",
            "Popular Mobilization Forces",
        ),
        (
            "Israel retaliated against the Houthis.",
            "Israel",
            "retaliates_against",
            "Houthis",
        ),
        (
            "Talks continued between Israel and Hamas.",
            "Israel",
            "negotiates_with",
            "Hamas",
        ),
        (
            "The Houthis launched a missile attack on Israel.",
            "Houthis",
            "attacks",
            "Israel",
        ),
        (
            "Iraqi Prime Minister Mohammed Shia al-Sudani spoke.",
            "Mohammed Shia al-Sudani",
            "leads",
            "Iraq",
        ),
        (
            "Nasser Kanaani, a spokesman for the Iranian Foreign Ministry, spoke.",
            "Nasser Kanaani",
            "member_of",
            "Iranian Foreign Ministry",
        ),
        (
            "Kataib Hezbollah, a group linked to Iran, paused.",
            "Iran",
            "backs",
            "Kataib Hezbollah",
        ),
    ];
    for (text, from, kind, to) in cases {
        let (_, _, a) = run(&[("a.txt", text)]);
        let found = a.relations.iter().any(|r| {
            a.actor(r.from).name == from && a.actor(r.to).name == to && r.kind.as_str() == kind
        });
        let got: Vec<String> = a
            .relations
            .iter()
            .map(|r| {
                format!(
                    "{} {} {}",
                    a.actor(r.from).name,
                    r.kind.as_str(),
                    a.actor(r.to).name
                )
            })
            .collect();
        assert!(found, "{text}: want {from} {kind} {to}, got {got:?}");
    }
}

#[test]
fn lebanese_hezbollah_is_not_kataib_hezbollah() {
    let (_, _, a) = run(&[(
        "a.txt",
        "Kataib Hezbollah, also called the Hezbollah Brigades, is an Iraqi militia.",
    )]);
    let hez = a.actor_by_name("Hezbollah").unwrap();
    assert!(a.actor(hez).docs.is_empty());
    let kh = a.actor_by_name("Kataib Hezbollah").unwrap();
    assert_eq!(a.actor(kh).mention_count, 2);
}

#[test]
fn junk_is_not_analysed_but_captions_count_for_actors() {
    let text = "A headline about Iran\n\nPresident Ebrahim Raisi of Iran© Getty Images\n\nThe Houthis claimed responsibility for the attack.\n\n`; document.getElementById(\"x\").innerHTML = \"Hezbollah denied involvement\"; var a = 1;";
    let (_, _, a) = run(&[("a.txt", text)]);
    let raisi = a.actor_by_name("Ebrahim Raisi").unwrap();
    assert_eq!(a.actor(raisi).docs.len(), 1);
    assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
    let hez = a.actor_by_name("Hezbollah").unwrap();
    assert!(a.actor(hez).docs.is_empty());
}

#[test]
fn every_span_points_into_its_document() {
    let docs: Vec<(String, Vec<u8>)> = crate::seeds::SEEDS
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    let lex = Lexicon::bundled();
    let files: Vec<(&str, &[u8])> = docs
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let c = Corpus::from_memory(&files, &lex);
    let a = analyse(&c, &lex);
    let check = |s: &Span| {
        let t = &c.doc(s.doc).text;
        assert!(s.start < s.end && (s.end as usize) <= t.len());
        assert!(t.is_char_boundary(s.start as usize) && t.is_char_boundary(s.end as usize));
    };
    a.mentions.iter().for_each(|m| check(&m.span));
    a.statements.iter().for_each(|s| check(&s.span));
    a.tallies.iter().for_each(|s| check(&s.span));
    a.reports.iter().for_each(|s| check(&s.span));
    a.relations
        .iter()
        .flat_map(|r| r.evidence.iter())
        .for_each(check);
}
