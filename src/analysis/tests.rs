//! Table-driven tests of the analysis, on sentences written for them (none is taken from the
//! seed articles or the evaluation sets). Each case states the complete findings of its text:
//! a finding too many fails as surely as one missing.

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

/// The statements of a text as (kind, speaker, about), sorted.
fn statements_of(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let (_, _, a) = run(&[("a.txt", text)]);
    let mut v: Vec<_> = a
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
    v.sort();
    v.dedup();
    v
}

type Want<'a> = &'a [(&'a str, Option<&'a str>, Option<&'a str>)];

fn want(w: Want<'_>) -> Vec<(String, Option<String>, Option<String>)> {
    let mut v: Vec<_> = w
        .iter()
        .map(|(k, s, a)| (k.to_string(), s.map(String::from), a.map(String::from)))
        .collect();
    v.sort();
    v
}

#[test]
fn statements_table() {
    // (text, the complete set of (kind, speaker, about))
    let cases: Vec<(&str, Want<'_>)> = vec![
        // Speech acts of their own: claim, blame, deny.
        (
            "The Houthis took responsibility for the missile attack on the tanker.",
            &[("claim", Some("Houthis"), Some("Houthis"))],
        ),
        (
            "A faction calling itself Kataib Hezbollah claimed the rocket strike on the airport.",
            &[("claim", Some("Kataib Hezbollah"), Some("Kataib Hezbollah"))],
        ),
        (
            "The Pentagon blamed the ambush on Kataib Hezbollah.",
            &[("accusation", Some("Pentagon"), Some("Kataib Hezbollah"))],
        ),
        (
            "Jordan accused Iran of smuggling the drones used in the raid.",
            &[("accusation", Some("Jordan"), Some("Iran"))],
        ),
        (
            "Israel and Hamas blamed Hezbollah for the explosion.",
            &[
                ("accusation", Some("Hamas"), Some("Hezbollah")),
                ("accusation", Some("Israel"), Some("Hezbollah")),
            ],
        ),
        (
            "Iran denied any role in the bombing.",
            &[("denial", Some("Iran"), Some("Iran"))],
        ),
        (
            "Syria rejected the allegations as fabricated.",
            &[("denial", Some("Syria"), Some("Syria"))],
        ),
        // Reported speech in its positions, and what it reports.
        (
            "US officials said the drones were launched by Harakat al-Nujaba.",
            &[(
                "accusation",
                Some("United States"),
                Some("Harakat al-Nujaba"),
            )],
        ),
        (
            "The drones were launched by Harakat al-Nujaba, US officials said.",
            &[(
                "accusation",
                Some("United States"),
                Some("Harakat al-Nujaba"),
            )],
        ),
        (
            "According to CENTCOM, US aircraft struck two depots in western Iraq on Tuesday.",
            &[("claim", Some("CENTCOM"), Some("United States"))],
        ),
        (
            "Kataib Hezbollah said in a statement that its fighters had shelled the base.",
            &[("claim", Some("Kataib Hezbollah"), Some("Kataib Hezbollah"))],
        ),
        (
            "“Tehran was not involved in this attack,” Nasser Kanaani told reporters.",
            &[("denial", Some("Nasser Kanaani"), Some("Iran"))],
        ),
        (
            "Abbas Araghchi said the militias act on their own and take no orders from Tehran.",
            &[("denial", Some("Abbas Araghchi"), Some("Iran"))],
        ),
        (
            "The Pentagon said the attack bore the hallmarks of Kataib Hezbollah.",
            &[("accusation", Some("Pentagon"), Some("Kataib Hezbollah"))],
        ),
        (
            "Lloyd Austin said Iran was behind the attacks on American troops.",
            &[("accusation", Some("Lloyd Austin"), Some("Iran"))],
        ),
        // A source on its own side's act claims it; on another's, accuses.
        (
            "The Israeli military said its jets had struck a Hezbollah arms depot near the border.",
            &[("claim", Some("Israel Defense Forces"), Some("Israel"))],
        ),
        (
            "Yahya Saree said the Houthis had fired three missiles at a container ship.",
            &[("claim", Some("Yahya Saree"), Some("Houthis"))],
        ),
        // A definite noun points back to the group named before; so does a possessor.
        (
            "The Houthis fired at a tanker. London blamed the militia for the deaths of two sailors.",
            &[("accusation", Some("United Kingdom"), Some("Houthis"))],
        ),
        (
            "Hamas fired rockets on Monday. Its spokesman said the group's fighters had also shelled an army post.",
            &[("claim", Some("Hamas"), Some("Hamas"))],
        ),
        // Attribution in the passive and hedged; a gerund after names is a noun.
        (
            "American officials have attributed the Basra shelling to Asaib Ahl al-Haq.",
            &[(
                "accusation",
                Some("United States"),
                Some("Asaib Ahl al-Haq"),
            )],
        ),
        (
            "Harakat al-Nujaba is often accused of rocket attacks on American convoys.",
            &[("accusation", None, Some("Harakat al-Nujaba"))],
        ),
        (
            "Kataib Sayyid al-Shuhada is thought to have carried out the ambush on the convoy.",
            &[("accusation", None, Some("Kataib Sayyid al-Shuhada"))],
        ),
        // A participle with "by" is passive; "the same group" points back; a date between
        // subject and verb; what a rejected charge says is not asserted.
        (
            "A mortar attack claimed by Asaib Ahl al-Haq on the airport wounded two guards.",
            &[("claim", Some("Asaib Ahl al-Haq"), Some("Asaib Ahl al-Haq"))],
        ),
        (
            "Harakat al-Nujaba fired at a base. Most of the recent attacks were claimed by the same group.",
            &[(
                "claim",
                Some("Harakat al-Nujaba"),
                Some("Harakat al-Nujaba"),
            )],
        ),
        (
            "Esmaeil Baghaei, the foreign ministry spokesman, on Monday called the accusations \
             that Tehran was behind the ambush \"absurd.\"",
            &[("denial", Some("Esmaeil Baghaei"), Some("Iran"))],
        ),
        // A rejected warning, access or figure denies no part in an act.
        (
            "The tanker's captain rejected repeated warnings from the navy.",
            &[],
        ),
        (
            "Iran's foreign ministry dismissed any collusion with the gunmen.",
            &[("denial", Some("Iranian Foreign Ministry"), Some("Iran"))],
        ),
        // Complements quoted from a statement, and speech that goes on in a participle.
        (
            "Jordan's army said the raid had been carried out by \"outlaw groups backed by Iran\".",
            &[
                ("accusation", Some("Jordanian Armed Forces"), None),
                ("accusation", Some("Jordanian Armed Forces"), Some("Iran")),
            ],
        ),
        (
            "The Pentagon blamed \u{201c}Iran-aligned militias\u{201d} for the rocket fire.",
            &[("accusation", Some("Pentagon"), None)],
        ),
        (
            "In a short statement, the Houthis said their navy hit a tanker, adding that the strike was carried out by the group's drone unit.",
            &[("claim", Some("Houthis"), Some("Houthis"))],
        ),
        (
            "An unknown faction calling itself Ashab al-Kahf claimed the blast in a post shared on Telegram, saying it had hit a \"US convoy\".",
            &[("claim", Some("Ashab al-Kahf"), Some("Ashab al-Kahf"))],
        ),
        // A frame set inside the clause; aircraft no one owns, told of by a side's source.
        (
            "The ambush, Lloyd Austin said, was carried out by Kataib Hezbollah.",
            &[("accusation", Some("Lloyd Austin"), Some("Kataib Hezbollah"))],
        ),
        (
            "Israel's military said fighter jets bombed a Hezbollah depot near Tyre.",
            &[("claim", Some("Israel Defense Forces"), Some("Israel"))],
        ),
        (
            "The Pentagon said the jets were grounded after the storm.",
            &[],
        ),
        // Blame in other words: the blame laid on X, X responsible, the work of X, pointing to X.
        (
            "Washington laid the blame for the sinking on the Houthis.",
            &[("accusation", Some("United States"), Some("Houthis"))],
        ),
        (
            "Benjamin Netanyahu said Iran-aligned armed factions based in Syria were responsible.",
            &[("accusation", Some("Benjamin Netanyahu"), None)],
        ),
        (
            "\"That bombing was the work of Hezbollah,\" Benjamin Netanyahu said.",
            &[("accusation", Some("Benjamin Netanyahu"), Some("Hezbollah"))],
        ),
        (
            "A US official told Reuters that early evidence pointed to Kataib Hezbollah.",
            &[(
                "accusation",
                Some("United States"),
                Some("Kataib Hezbollah"),
            )],
        ),
        (
            "The minister pointed to a rise in attacks since October.",
            &[],
        ),
        (
            "Analysts pointed to Hassan Nasrallah's speech on Friday.",
            &[],
        ),
        (
            "Analysts cited Ali Khamenei's recent remarks that Tehran would be patient.",
            &[],
        ),
        // Raising verbs and "it" for the act named before.
        (
            "Joe Biden said the ambush appeared to have been carried out by \"Iran-aligned militia groups.\"",
            &[("accusation", Some("Joe Biden"), None)],
        ),
        (
            "\"We know it was carried out by Kataib Hezbollah,\" Joe Biden said.",
            &[("accusation", Some("Joe Biden"), Some("Kataib Hezbollah"))],
        ),
        // "call for" intends; "called the strikes a mistake" does not.
        (
            "Nasser Kanaani called the Friday strikes \"another strategic mistake\" by the United States.",
            &[("accusation", Some("Nasser Kanaani"), Some("United States"))],
        ),
        // What "it" denies is the denier's part; "saying" is the main clause's.
        (
            "Iran rejected allegations that it was behind a drone attack on a US outpost near the Jordanian-Syrian border that killed three troops, saying armed groups in the region make their own decisions.",
            &[("denial", Some("Iran"), Some("Iran"))],
        ),
        (
            "The government spokesman told state TV that the attack did not take place on Jordanian soil.",
            &[],
        ),
        // Rejecting that an attack struck, or a ship's ties, is no denial of a part.
        (
            "US officials have rejected earlier claims by the Houthis that the carrier had been hit.",
            &[],
        ),
        (
            "The tanker's Greek manager said it had no connection to the United States.",
            &[],
        ),
        (
            "Iran rejected claims that it had supplied the drones used in the attack.",
            &[("denial", Some("Iran"), Some("Iran"))],
        ),
        // Claims in the infinitive; coordinated participles share their "by"; trends and
        // data are no speakers; a regional engagement is no attack.
        (
            "The Houthis claimed to have struck a tanker in the Red Sea.",
            &[("claim", Some("Houthis"), Some("Houthis"))],
        ),
        (
            "\"We believe the ambush was planned, financed and carried out by Kataib Hezbollah,\" John Kirby said.",
            &[("accusation", Some("John Kirby"), Some("Kataib Hezbollah"))],
        ),
        (
            "Historical trends suggest that strikes since the Oct. 7 Hamas assault on Israel have not deterred the militias.",
            &[],
        ),
        (
            "The sanctions could weaken Tehran's regional engagement.",
            &[],
        ),
        (
            "Saeed Khatibzadeh said the US was disrupting security in the region and, as usual, said Iran had nothing to do with the attacks.",
            &[("denial", Some("Saeed Khatibzadeh"), Some("Iran"))],
        ),
        // Verbs of going on: the subject and the mood are theirs.
        (
            "The Islamic Resistance in Iraq has kept claiming drone attacks on Israel.",
            &[(
                "claim",
                Some("Islamic Resistance in Iraq"),
                Some("Islamic Resistance in Iraq"),
            )],
        ),
        (
            "The Houthis said they would keep targeting ships bound for Israel.",
            &[],
        ),
        (
            "\"Our fighters will continue to strike the occupation bases,\" Kataib Hezbollah said.",
            &[],
        ),
        // A name with its abbreviation in brackets before the verb.
        (
            "US Central Command (CENTCOM) said its forces struck 40 targets in Syria.",
            &[("claim", Some("CENTCOM"), Some("United States"))],
        ),
        // Questions, retreats, awaited attacks and one's own things are no statements.
        ("Are you ruling out strikes on Iranian soil?", &[]),
        ("So you are blaming Tehran directly?", &[]),
        (
            "Hezbollah's leader said in a speech that the movement would not back down.",
            &[],
        ),
        (
            "The cleric, who seldom speaks about individual fighters, published a tribute of his own.",
            &[],
        ),
        ("Israel braced for an attack by Iran and Hezbollah.", &[]),
        (
            "The Houthis say they act on the basis of their own priorities.",
            &[("denial", Some("Houthis"), Some("Houthis"))],
        ),
        // Nothing: narration, threats, hypotheses, negated claims, counts.
        (
            "US aircraft struck two depots in western Iraq on Tuesday.",
            &[],
        ),
        (
            "Kataib Hezbollah threatened to attack American bases if the strikes continued.",
            &[],
        ),
        ("No group has claimed the attack so far.", &[]),
        (
            "The militia said it could strike US bases at any time.",
            &[],
        ),
        (
            "The ministry said the talks would resume next week in Muscat.",
            &[],
        ),
        (
            "Officials said there had been 40 attacks on US forces since October.",
            &[],
        ),
        (
            "The militia claimed to be behind a series of rocket attacks on the airport.",
            &[("claim", None, None)],
        ),
        (
            "The militia claimed to have the support of most tribes, but its attacks have waned.",
            &[],
        ),
        // An editor's words in square brackets stay inside the clause; a source no one can
        // name speaks through the one named around it.
        (
            "Local outlets said the gunmen [members of a Yemeni unit] had shelled the port, according to Al Masirah.",
            &[("claim", Some("Al-Masirah"), None)],
        ),
        // Fighters, weapons or sites a source says are someone's.
        (
            "Jordanian officials believe the gunmen belonged to Hamas.",
            &[("accusation", Some("Jordan"), Some("Hamas"))],
        ),
        (
            "The ministry said the drones answered to Hezbollah commanders.",
            &[("accusation", None, Some("Hezbollah"))],
        ),
        (
            "The villa belonged to a Hamas official, neighbours said.",
            &[],
        ),
        // A charge reported with its maker, rejected or not.
        (
            "The minister rejected what he called the baseless accusations of Israeli officials that Iran was behind the bombing.",
            &[
                ("accusation", Some("Israel"), Some("Iran")),
                ("denial", None, Some("Iran")),
            ],
        ),
        (
            "Ankara dismissed Russian allegations that Turkey had armed the gunmen who attacked the convoy.",
            &[
                ("accusation", Some("Russia"), Some("Turkey")),
                ("denial", Some("Turkey"), Some("Turkey")),
            ],
        ),
        // "Rocket attacks" is a compound after a verb; "a drone strikes" is a clause.
        (
            "Hezbollah claims rocket attacks the same day on two Israeli posts.",
            &[("claim", Some("Hezbollah"), Some("Hezbollah"))],
        ),
        // A claim made as a noun.
        (
            "Hours later, Hezbollah issued a claim of responsibility for the ambush.",
            &[("claim", Some("Hezbollah"), Some("Hezbollah"))],
        ),
        (
            "The Houthis put out a claim for it the next morning.",
            &[("claim", Some("Houthis"), Some("Houthis"))],
        ),
        // Strikes a source speaks up for are its side's.
        (
            "The Pentagon said the raids were a proportionate response to the shelling of its base.",
            &[("claim", Some("Pentagon"), Some("United States"))],
        ),
        (
            "Hezbollah defended the ambush in a televised speech.",
            &[("claim", Some("Hezbollah"), Some("Hezbollah"))],
        ),
        (
            "The operation, a Houthi spokesman said, was revenge for the bombing of Sanaa.",
            &[("claim", Some("Houthis"), Some("Houthis"))],
        ),
        (
            "Russia called the strikes a necessary act of self-defense.",
            &[("claim", Some("Russia"), Some("Russia"))],
        ),
        (
            "Analysts said the strikes were unlikely to stop the raids.",
            &[],
        ),
        (
            "Israel said the strikes would be a response to any attack.",
            &[],
        ),
        ("The strikes were a response to months of attacks.", &[]),
        // Blamed with the whole its members belong to.
        (
            "Israel blamed the ambush on Hamas and other factions of the Axis of Resistance.",
            &[
                ("accusation", Some("Israel"), Some("Hamas")),
                ("accusation", Some("Israel"), Some("Axis of Resistance")),
            ],
        ),
        (
            "Israel blamed the ambush on Hamas and other groups in Gaza.",
            &[("accusation", Some("Israel"), Some("Hamas"))],
        ),
        // A gerund after a part in an act is its holder's act.
        (
            "Israel said Hamas had a direct role in planning and carrying out the ambush.",
            &[("accusation", Some("Israel"), Some("Hamas"))],
        ),
        (
            "\"We have entered an era of eliminating the militias,\" the Israeli minister said.",
            &[],
        ),
        // A charge spoken of as a gerund: called false, it is denied; else no one makes it.
        (
            "\"Blaming the bombing on Hezbollah is a lie,\" the Lebanese minister said.",
            &[("denial", Some("Lebanon"), Some("Hezbollah"))],
        ),
        (
            "Blaming the bombing on Hezbollah would be a mistake, the Lebanese minister said.",
            &[],
        ),
        // What a denial rejects is not reported; another source named after "and" speaks
        // for itself.
        (
            "Hezbollah denied that its fighters had attacked the convoy.",
            &[("denial", Some("Hezbollah"), Some("Hezbollah"))],
        ),
        (
            "Israel said the strike was in retaliation for a rocket attack, and Hezbollah denied it had fired the rocket.",
            &[
                ("claim", Some("Israel"), Some("Israel")),
                ("denial", Some("Hezbollah"), Some("Hezbollah")),
            ],
        ),
        // Confirming an act one is not the target of owns it; a state's body confirming "the
        // attack" tells that it was attacked.
        (
            "Hezbollah confirmed the ambush in a separate statement.",
            &[("claim", Some("Hezbollah"), Some("Hezbollah"))],
        ),
        (
            "The Pentagon confirmed the strike on its base in Syria.",
            &[],
        ),
        ("The US embassy in Baghdad confirmed the attack.", &[]),
        ("Israel made a claim for compensation.", &[]),
        // Backing the fighters a source spoke of, with no attack in the sentence.
        (
            "\"These militias are funded, trained and equipped by Iran,\" the Israeli minister said.",
            &[("accusation", Some("Israel"), Some("Iran"))],
        ),
        ("Iran funds and trains the militias, the report says.", &[]),
        // Each of several sources who say it together.
        (
            "The governments of France, Italy and Spain said the raids were a response to repeated Houthi attacks on ships.",
            &[
                ("accusation", Some("France"), Some("Houthis")),
                ("accusation", Some("Italy"), Some("Houthis")),
                ("accusation", Some("Spain"), Some("Houthis")),
                ("claim", Some("France"), Some("France")),
                ("claim", Some("Italy"), Some("Italy")),
                ("claim", Some("Spain"), Some("Spain")),
            ],
        ),
        (
            "France and Italy carried out the raids on the port, according to a joint statement.",
            &[
                ("claim", Some("France"), Some("France")),
                ("claim", Some("Italy"), Some("Italy")),
            ],
        ),
        // "The Tower 22 attack": a name's modifier, not a verb's subject.
        (
            "Israeli officials have attributed the Metula attack to Hezbollah.",
            &[("accusation", Some("Israel"), Some("Hezbollah"))],
        ),
        // An act or a weapon said with "to be" to be someone's.
        (
            "\"It was a Turkish drone, nothing else,\" the Kurdish commander said.",
            &[("accusation", None, Some("Turkey"))],
        ),
        (
            "\"This was almost certainly Hezbollah,\" a Western diplomat said of the ambush.",
            &[("accusation", None, Some("Hezbollah"))],
        ),
        ("It was a Turkish drone of the kind sold abroad.", &[]),
        // What someone wants to deny is not yet denied; wanting to hide one's hand in it says
        // one has a part.
        (
            "Syria wants to hide its hand and deny its part in the raids, the minister said.",
            &[("accusation", None, Some("Syria"))],
        ),
        // The source of a number is not the source of who did what.
        (
            "The raid followed the militia's March 3 attack on the port, which killed 40 people, according to official figures.",
            &[],
        ),
        // Blame is a statement only where violence is at stake, and only when someone blames.
        (
            "The Pentagon blamed Hamas for the deaths of two aid workers.",
            &[("accusation", Some("Pentagon"), Some("Hamas"))],
        ),
        (
            "Hezbollah is often accused of putting Iran's interests before Lebanon's.",
            &[],
        ),
        ("Israel blamed Iran for the collapse of the talks.", &[]),
        (
            "The militias mask their role by attributing the raids to a front group.",
            &[],
        ),
        (
            "A Kataib Hezbollah commander said that as long as Washington arms Israel, the attacks will intensify.",
            &[],
        ),
    ];
    let mut failures = Vec::new();
    for (text, w) in cases {
        let got = statements_of(text);
        if got != want(w) {
            failures.push(format!("{text}\n  want {:?}\n   got {got:?}", want(w)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn speakers_across_sentences_transcripts_and_official_texts() {
    // A pronoun and a role noun point back to the person named before.
    let text = "Iranian Foreign Ministry spokesman Nasser Kanaani spoke on Monday. He said that the \
                Islamic Resistance in Iraq acted on its own.\n\n“Tehran has never supported these \
                attacks,” the spokesman said.";
    assert_eq!(
        statements_of(text),
        want(&[("denial", Some("Nasser Kanaani"), Some("Iran"))])
    );
    // A transcript: the labelled speaker speaks; a question only quotes.
    let text = "MS. SINGH: Good afternoon. We assess that Kataib Hezbollah carried out the attack.\n\n\
                Q: Kanaani said Iran had nothing to do with it. Do you accept that?\n\n\
                MS. SINGH: No. Our forces struck the group's headquarters on Friday.\n\n\
                Singh is a deputy press secretary at the Pentagon.";
    let got = statements_of(text);
    assert_eq!(
        got,
        want(&[
            (
                "accusation",
                Some("Sabrina Singh"),
                Some("Kataib Hezbollah")
            ),
            ("claim", Some("Sabrina Singh"), Some("United States")),
            ("denial", Some("Nasser Kanaani"), Some("Iran")),
        ])
    );
    // A diplomatic letter speaks for the state its mission represents.
    let text = "PERMANENT MISSION OF THE ISLAMIC REPUBLIC OF IRAN TO THE UNITED NATIONS\n\n\
                Identical letters addressed to the Secretary-General\n\nExcellency,\n\n\
                The Islamic Republic of Iran has not been involved in any attack on the bases. \
                Blaming these attacks on Iran is a pretext.";
    assert_eq!(
        statements_of(text),
        want(&[("denial", Some("Iran"), Some("Iran"))])
    );
    // A label names the one of two people with that family name whom the page names in
    // full, even in its byline.
    let text = "By Matthew Miller\n\nMR MILLER: We assess that Kataib Hezbollah carried out the \
                attack.";
    assert_eq!(
        statements_of(text),
        want(&[(
            "accusation",
            Some("Matthew Miller"),
            Some("Kataib Hezbollah")
        )])
    );
    // "The Syrian group" is the group named before, a demonym describing it.
    let text = "Hayat Tahrir al-Sham fighters advanced on Tuesday.\n\nOn Wednesday the Syrian \
                group said its fighters had shelled an army post near Aleppo.";
    let got = statements_of(text);
    assert!(
        got.iter()
            .any(|(k, s, _)| k == "claim" && s.as_deref() == Some("Hayat Tahrir al-Sham")),
        "{got:?}"
    );
    // Else the one who works for the page's issuer; the label is a mention of that person.
    let text = "Department Press Briefing\nsource U.S. Department of State\n\nMR MILLER: We \
                assess that Kataib Hezbollah carried out the attack.";
    assert_eq!(
        statements_of(text),
        want(&[(
            "accusation",
            Some("Matthew Miller"),
            Some("Kataib Hezbollah")
        )])
    );
    let (_, _, a) = run(&[("a.txt", text)]);
    let miller = a.actor_by_name("Matthew Miller").unwrap();
    assert_eq!(a.actor(miller).docs.len(), 1);
    // "From: Ministry of Defence": the ministry of the state the page speaks of.
    let text = "Press release\nRAF jets strike targets in Yemen\n\nFrom: Ministry of Defence\n\n\
                Four RAF Typhoon jets have carried out strikes against two Houthi sites in Yemen.";
    assert_eq!(
        statements_of(text),
        want(&[(
            "claim",
            Some("UK Ministry of Defence"),
            Some("United Kingdom")
        )])
    );
    // A press release: the issuing body speaks in its narration.
    let text = "source U.S. Central Command\nPress Release\n\nU.S. forces conducted strikes on two \
                Houthi radar sites in Yemen on Feb. 3. The Houthis fired an anti-ship missile at a \
                merchant vessel in the Red Sea on Feb. 2.";
    assert_eq!(
        statements_of(text),
        want(&[
            ("accusation", Some("CENTCOM"), Some("Houthis")),
            ("claim", Some("CENTCOM"), Some("United States")),
        ])
    );
    // The issuer's own strike and the other side's attacks it answers, in one sentence.
    let text = "source UK Ministry of Defence\nPress Release\n\nTwo RAF Tornado jets have carried \
                out strikes against a Houthi radar site in Yemen, in response to the group's \
                repeated attacks on merchant ships.";
    assert_eq!(
        statements_of(text),
        want(&[
            (
                "accusation",
                Some("UK Ministry of Defence"),
                Some("Houthis")
            ),
            (
                "claim",
                Some("UK Ministry of Defence"),
                Some("United Kingdom")
            ),
        ])
    );
    // What follows "in response to" is the response's, not the strike's: the "by" phrase
    // names who attacked the troops, not who struck the depots.
    let text = "The US military said its jets struck two depots in Iraq on Friday in response to \
                attacks on US troops by Kataib Hezbollah.";
    assert_eq!(
        statements_of(text),
        want(&[
            (
                "accusation",
                Some("United States"),
                Some("Kataib Hezbollah")
            ),
            ("claim", Some("United States"), Some("United States")),
        ])
    );
    // A story that tells of "a statement on Sunday" is no official text: its narration is
    // no body's voice.
    let text = "In a statement on Sunday, the Pentagon said three soldiers were wounded.\n\n\
                Kataib Hezbollah fired rockets at the base on Monday.";
    assert_eq!(statements_of(text), want(&[]));
    // A person named in full speaks on under the family name alone; a family name two
    // people share names neither.
    let text = "Deputy Pentagon press secretary Sabrina Singh spoke on Monday.\n\nSingh said \
                the ambush bore the hallmarks of Kataib Hezbollah.";
    assert_eq!(
        statements_of(text),
        want(&[(
            "accusation",
            Some("Sabrina Singh"),
            Some("Kataib Hezbollah")
        )])
    );
    let text = "Matthew Miller and Christopher Miller spoke on Monday.\n\nMiller said the \
                ambush bore the hallmarks of Kataib Hezbollah.";
    assert_eq!(
        statements_of(text),
        want(&[("accusation", None, Some("Kataib Hezbollah"))])
    );
    // A news story: the outlet's narration is no source.
    let text = "source Reuters\n\nU.S. forces struck two Houthi radar sites in Yemen on Feb. 3.";
    assert_eq!(statements_of(text), want(&[]));
}

/// The attack reports of a text as (date, place, country, attacker, target, weapon, killed,
/// injured).
#[allow(clippy::type_complexity)]
fn attacks_of(
    text: &str,
) -> Vec<(
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<u64>,
    Option<u64>,
)> {
    let (_, lex, a) = run(&[("a.txt", text)]);
    a.incidents
        .iter()
        .map(|i| {
            (
                i.date.map(|d| d.to_string()),
                i.place.map(|p| lex.place(p).name.clone()),
                name(&a, i.country),
                name(&a, i.attacker),
                name(&a, i.target),
                i.weapon.clone(),
                i.killed,
                i.injured,
            )
        })
        .collect()
}

#[test]
fn attacks_table() {
    let s = |x: &str| Some(x.to_string());
    let cases = vec![
        // The place of what happens meanwhile is not the attack's.
        (
            "date 2023-11-25\nUS jets struck two militia depots in Iraq on Friday as Israel and \
             Hamas agreed to a truce in Gaza.",
            vec![(
                s("2023-11-24"),
                None,
                s("Iraq"),
                s("United States"),
                None,
                None,
                None,
                None,
            )],
        ),
        (
            "date 2024-01-30\nA drone attack on Tower 22 in Jordan on Sunday killed three US \
             soldiers and injured 34 others.",
            vec![(
                s("2024-01-28"),
                s("Tower 22"),
                s("Jordan"),
                None,
                s("United States"),
                s("drone"),
                Some(3),
                Some(34),
            )],
        ),
        (
            "date 2023-11-02\nRockets struck Ain al-Assad air base on Oct. 17.",
            vec![(
                s("2023-10-17"),
                s("al-Asad air base"),
                s("Iraq"),
                None,
                None,
                s("rocket"),
                None,
                None,
            )],
        ),
        // Coordinated forces share their owner; a place before "that" does not act.
        (
            "date 2024-03-09\nBritish jets and warships struck radar sites in Hodeidah on \
             Friday.",
            vec![(
                s("2024-03-08"),
                s("Hodeidah"),
                s("Yemen"),
                s("United Kingdom"),
                None,
                None,
                None,
                None,
            )],
        ),
        (
            "date 2024-03-09\nThe Houthis fired a missile from Yemen that struck a cargo ship \
             near Aden on Friday.",
            vec![(
                s("2024-03-08"),
                s("Aden"),
                s("Yemen"),
                s("Houthis"),
                None,
                s("missile"),
                None,
                None,
            )],
        ),
        // The attacker from grammar, active and passive, and from a claim.
        (
            "date 2024-02-10\nUS warplanes bombed a Kataib Hezbollah depot in Jurf al-Sakhar on \
             Thursday.",
            vec![(
                s("2024-02-08"),
                s("Jurf al-Sakhar"),
                s("Iraq"),
                s("United States"),
                s("Kataib Hezbollah"),
                s("airstrike"),
                None,
                None,
            )],
        ),
        (
            "date 2024-03-05\nA commercial ship was hit by a Houthi missile in the Gulf of Aden \
             on Monday. The Houthis claimed the attack hours later.",
            vec![(
                s("2024-03-04"),
                s("Gulf of Aden"),
                None,
                s("Houthis"),
                None,
                s("missile"),
                None,
                None,
            )],
        ),
        // The war around an attack is not its place.
        (
            "date 2023-12-12\nA rocket attack on the US embassy in Baghdad on Friday came amid \
             the war in Gaza.",
            vec![(
                s("2023-12-08"),
                s("US Embassy in Baghdad"),
                s("Iraq"),
                None,
                s("US Embassy in Baghdad"),
                s("rocket"),
                None,
                None,
            )],
        ),
        // Not attacks: threats, counts, generic campaigns, a war.
        (
            "Kataib Hezbollah threatened to attack American bases. Militias have attacked US \
             bases 60 times since October. The war in Gaza has killed thousands.",
            vec![],
        ),
        // One attack on each day of a list.
        (
            "date 2024-03-20\nIsraeli jets struck the depot on March 3, March 9 and March 14.",
            vec![
                (s("2024-03-03"), None, None, s("Israel"), None, None, None, None),
                (s("2024-03-09"), None, None, s("Israel"), None, None, None, None),
                (s("2024-03-14"), None, None, s("Israel"), None, None, None, None),
            ],
        ),
        // Acts told as a habit, with no day of their own.
        (
            "date 2024-05-02\nThe rebels have targeted dozens of cargo ships in the Red Sea. The \
             militia has continued to attack convoys near Basra. Since March, the group has \
             launched numerous rockets at the capital.",
            vec![],
        ),
        (
            "date 2024-05-02\nA one-way attack drone strikes the Erbil air base on Tuesday.",
            vec![(
                s("2024-04-30"),
                s("Erbil air base"),
                s("Iraq"),
                None,
                None,
                s("drone"),
                None,
                None,
            )],
        ),
        // Seizing land is no attack; a compound noun is no verb.
        (
            "date 2024-05-02\nThe group seized swathes of territory in 2014. Washington sent two \
             aircraft carrier strike groups to the region.",
            vec![],
        ),
        // A war's toll, told with its victims' side, is no attack either.
        (
            "date 2024-05-02
The Russian invasion has killed more than 10,000 Ukrainians. More              than 500 Syrians have been killed since January, a monitor said.",
            vec![],
        ),
        // The day of what an act responds to is that act's; a place named to say where
        // another is ("south of Damascus") is no second site.
        (
            "date 2023-12-28\nDecember 26: US aircraft struck three militia depots in Iraq in \
             response to a December 25 attack on Erbil Air Base.",
            vec![
                (
                    s("2023-12-26"),
                    None,
                    s("Iraq"),
                    s("United States"),
                    None,
                    None,
                    None,
                    None,
                ),
                (
                    s("2023-12-25"),
                    s("Erbil air base"),
                    s("Iraq"),
                    None,
                    None,
                    None,
                    None,
                    None,
                ),
            ],
        ),
        (
            "date 2023-12-28\nAn Israeli missile strike on the Sayyida Zeinab district south of \
             Damascus killed an IRGC adviser on Wednesday.",
            vec![(
                s("2023-12-27"),
                s("Sayyida Zeinab"),
                s("Syria"),
                s("Israel"),
                s("IRGC"),
                s("missile"),
                None,
                None,
            )],
        ),
        // A site and the city it is in are one place.
        (
            "date 2019-12-31\nProtesters stormed the US embassy in Baghdad on Tuesday.",
            vec![(
                s("2019-12-31"),
                s("US Embassy in Baghdad"),
                s("Iraq"),
                None,
                s("US Embassy in Baghdad"),
                None,
                None,
                None,
            )],
        ),
        // What is no one does not attack; a campaign to be ended is no one attack.
        (
            "date 2020-01-12\nA stampede during the funeral procession in Kerman kills 56 people. \
             The flood killed the mayor of Aden on Monday.",
            vec![],
        ),
        (
            "date 2024-01-12\nOn Wednesday the council demanded an immediate end to the Houthi \
             attacks in the Red Sea.",
            vec![],
        ),
        // A timeline's entries take the day of the heading above them, in capitals or not.
        (
            "date 2020-01-12\nTimeline of a crisis\n\nFRIDAY, DEC. 27, 2019\n\nRockets hit the \
             Balad air base north of Baghdad.\n\nSaturday, Jan. 4\n\nMilitants fired rockets at \
             the US embassy in Baghdad.",
            vec![
                (
                    s("2019-12-27"),
                    s("Balad Air Base"),
                    s("Iraq"),
                    None,
                    None,
                    s("rocket"),
                    None,
                    None,
                ),
                (
                    s("2020-01-04"),
                    s("US Embassy in Baghdad"),
                    s("Iraq"),
                    None,
                    None,
                    s("rocket"),
                    None,
                    None,
                ),
            ],
        ),
        // A day told relative to the one before is a particular day.
        (
            "date 2024-02-03\nMilitants shelled a US base in Syria on Jan. 4. Two days later US \
             jets struck three militia depots in Iraq.",
            vec![
                (
                    s("2024-01-04"),
                    None,
                    s("Syria"),
                    None,
                    s("United States"),
                    None,
                    None,
                    None,
                ),
                (
                    None,
                    None,
                    s("Iraq"),
                    s("United States"),
                    None,
                    None,
                    None,
                    None,
                ),
            ],
        ),
        // A person acts for the side he leads.
        (
            "date 2024-02-03\nBiden struck three militia depots in Syria on Friday.",
            vec![(
                s("2024-02-02"),
                None,
                s("Syria"),
                s("United States"),
                None,
                None,
                None,
                None,
            )],
        ),
        // A clause "in which" tells more of the attack before it: one attack, by its actor.
        (
            "date 2024-04-20\nThe raids came a week after the drone attack on Israel on April \
             13, in which Iran launched 300 drones at Israel.",
            vec![(
                s("2024-04-13"),
                None,
                None,
                s("Iran"),
                s("Israel"),
                s("drone"),
                None,
                None,
            )],
        ),
        // "At least" bounds the number fired; where they were fired from is not where they
        // struck.
        (
            "date 2024-04-22\nMilitants fired at least six rockets from Zummar, north of Mosul, at \
             the Rumeilan base in Syria on Sunday.",
            vec![(
                s("2024-04-21"),
                s("Rumalyn"),
                s("Syria"),
                None,
                None,
                s("rocket"),
                None,
                None,
            )],
        ),
    ];
    let mut failures = Vec::new();
    for (text, w) in cases {
        let got = attacks_of(text);
        if got != w {
            failures.push(format!("{text}\n  want {w:?}\n   got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn same_attack_told_twice_is_one_incident() {
    // In one article.
    let (_, _, a) = run(&[(
        "a.txt",
        "date 2024-01-29\nThree US soldiers were killed in a drone attack on a base in Jordan on \
         Sunday. The attack hit Tower 22, a small outpost near the Syrian border.",
    )]);
    assert_eq!(a.incidents.len(), 1, "{:#?}", a.incidents);
    // "The strikes", told of again on the day they were spoken of.
    let (_, _, a) = run(&[(
        "a.txt",
        "date 2024-02-03\nUS bombers struck 85 targets in Iraq and Syria on Friday.\n\nThe \
         defence secretary said on Saturday the strikes were only the beginning, and a militia \
         said six of its fighters were killed in the strikes.",
    )]);
    assert_eq!(a.incidents.len(), 1, "{:#?}", a.incidents);
    // "The strikes" that hit again are the strikes told of, not the drone attack named
    // since; a verb coordinated after one of no class shares its subject ("began … and hit").
    let (_, _, a) = run(&[(
        "a.txt",
        "date 2024-03-08\nUS jets launched airstrikes on weapons depots in eastern Syria on \
         Thursday, a week after a rocket attack wounded four soldiers at a base in Iraq.\n\nThe \
         Pentagon said the strikes began at 2 a.m. and struck three depots used by the militia.",
    )]);
    assert_eq!(a.incidents.len(), 2, "{:#?}", a.incidents);
    assert!(
        a.incidents.iter().any(|i| i.reports.len() == 2),
        "{:#?}",
        a.incidents
    );
    // Named again by its place, after a first report that named only the region.
    let (_, _, a) = run(&[(
        "a.txt",
        "date 2024-01-29\nThree US soldiers were killed in a drone attack on a small US outpost \
         in northeast Jordan near the Syrian border early Sunday.\n\nThe attack hit Tower 22, a \
         logistics base where about 350 troops are deployed.",
    )]);
    assert_eq!(a.incidents.len(), 1, "{:#?}", a.incidents);
    // Casualties "in that attack", sentences later, are the same attack's.
    let (_, _, a) = run(&[(
        "a.txt",
        "date 2024-01-29\nA drone attack on Tower 22 in Jordan on Sunday killed three US \
         soldiers.\n\nOfficials said the base was hit while troops slept.\n\nMore than 40 \
         service members were wounded in that attack.",
    )]);
    assert_eq!(a.incidents.len(), 1, "{:#?}", a.incidents);
    assert_eq!(a.incidents[0].injured, Some(40));
    // In two.
    let (_, _, a) = run(&[
        (
            "a.txt",
            "date 2024-01-29\nThree US soldiers were killed in a drone attack on Tower 22 on \
             January 28.",
        ),
        (
            "b.txt",
            "date 2024-02-01\nOn January 28, a drone struck the Tower 22 outpost in Jordan, \
             killing three soldiers.",
        ),
    ]);
    assert_eq!(a.incidents.len(), 1, "{:#?}", a.incidents);
    assert_eq!(a.incidents[0].reports.len(), 2);
}

#[test]
#[allow(clippy::type_complexity)]
fn tallies_table() {
    let cases: Vec<(&str, Vec<(u64, &str, Option<&str>)>)> = vec![
        (
            "date 2023-11-20\nThe Pentagon said US forces have been attacked 58 times since Oct. \
             17, 27 times in Iraq and 31 times in Syria.",
            vec![
                (58, "attacks", None),
                (27, "attacks", Some("Iraq")),
                (31, "attacks", Some("Syria")),
            ],
        ),
        (
            "date 2024-02-20\nMilitants have carried out more than 170 drone and rocket attacks \
             since October. Of those, 70 were in Iraq.",
            vec![(170, "attacks", None), (70, "attacks", Some("Iraq"))],
        ),
        (
            "date 2024-03-20\nCENTCOM reported no attacks on US forces since Feb. 4.",
            vec![(0, "attacks", None)],
        ),
        (
            "date 2024-03-20\nThe US has struck back five times, a US official said.",
            vec![(5, "retaliatory strikes", None)],
        ),
        (
            "date 2024-03-20\nAt least 60 US personnel were injured and 85 targets were hit.",
            vec![],
        ),
        // The count's noun far before its number; a count of people is none of attacks.
        (
            "date 2024-03-20\nThe raid brings the total number of attacks on coalition bases in \
             northern Iraq and eastern Syria since the start of January to at least 48.",
            vec![(48, "attacks", None)],
        ),
        (
            "date 2024-03-20\nThe number of soldiers hurt in the drone attack on the base has \
             risen to 40.",
            vec![],
        ),
    ];
    let mut failures = Vec::new();
    for (text, w) in cases {
        let (_, _, a) = run(&[("a.txt", text)]);
        let got: Vec<(u64, &str, Option<&str>)> = a
            .tallies
            .iter()
            .map(|t| (t.value, t.unit.as_str(), t.region.as_deref()))
            .collect();
        if got != w {
            failures.push(format!("{text}\n  want {w:?}\n   got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn relations_table() {
    // (text, relations that must be found, relations that must not)
    type Triple<'a> = (&'a str, &'a str, &'a str);
    let cases: Vec<(&str, Vec<Triple<'_>>, Vec<Triple<'_>>)> = vec![
        (
            "The Iran-backed Kataib Hezbollah struck again in January.",
            vec![("Iran", "backs", "Kataib Hezbollah")],
            vec![],
        ),
        (
            "Kataib Hezbollah, which is funded and armed by Iran, denied it.",
            vec![("Iran", "backs", "Kataib Hezbollah")],
            vec![],
        ),
        (
            "The king, who met Erdogan on Monday, condemned what he called an assault on the border with Syria.",
            vec![],
            vec![
                ("Jordan", "negotiates_with", "Syria"),
                ("King Abdullah II", "negotiates_with", "Syria"),
            ],
        ),
        (
            "Blinken spoke on Friday with Iraqi Prime Minister Mohammed Shia al-Sudani.",
            vec![(
                "Antony Blinken",
                "negotiates_with",
                "Mohammed Shia al-Sudani",
            )],
            vec![],
        ),
        (
            "Rahim Hamid, a Basra-based political analyst, said the truce was fragile.",
            vec![],
            vec![("Rahim Hamid", "member_of", "Iraq")],
        ),
        // One of several heads, a deputy, a head of something else: members.
        (
            "A drone strike killed Fuad Shukr, a senior Hezbollah commander, in Beirut.",
            vec![("Fuad Shukr", "member_of", "Hezbollah")],
            vec![("Fuad Shukr", "leads", "Hezbollah")],
        ),
        (
            "Houthi chief negotiator Mohammed Abdulsalam spoke to reporters.",
            vec![("Mohammed Abdulsalam", "member_of", "Houthis")],
            vec![("Mohammed Abdulsalam", "leads", "Houthis")],
        ),
        (
            "Vice President Kamala Harris joined the meeting.",
            vec![("Kamala Harris", "member_of", "United States")],
            vec![("Kamala Harris", "leads", "United States")],
        ),
        (
            "Iraqi Prime Minister Mohammed Shia al-Sudani condemned the raid.",
            vec![("Mohammed Shia al-Sudani", "leads", "Iraq")],
            vec![("Mohammed Shia al-Sudani", "member_of", "Iraq")],
        ),
        // The name that modifies a noun is not the body: "ships linked to Israel" are not
        // the Houthis', "the Iran-backed militia X" is not Iran, "the US killing of General
        // X" makes X no member of the US, "Russian security chief X" heads a part.
        (
            "The Houthis say they target ships linked to Israel.",
            vec![],
            vec![("Israel", "backs", "Houthis")],
        ),
        (
            "Kataib Hezbollah, a militia closely aligned with Iran, denied it.",
            vec![("Iran", "backs", "Kataib Hezbollah")],
            vec![],
        ),
        (
            "Qais al-Khazali, the leader of the Iran-backed militia Asaib Ahl al-Haq, spoke.",
            vec![("Qais al-Khazali", "leads", "Asaib Ahl al-Haq")],
            vec![("Qais al-Khazali", "leads", "Iran")],
        ),
        (
            "Protests followed the US killing of General Qassem Soleimani in Baghdad.",
            vec![],
            vec![("Qassem Soleimani", "member_of", "United States")],
        ),
        (
            "Russian security chief Sergei Shoigu met Iranian officials.",
            vec![("Sergei Shoigu", "member_of", "Russia")],
            vec![("Sergei Shoigu", "leads", "Russia")],
        ),
        (
            "Militants shelled Houthi-controlled parts of Yemen.",
            vec![],
            vec![("Houthis", "backs", "Yemen")],
        ),
        (
            "Hezbollah leader Hassan Nasrallah spoke.",
            vec![("Hassan Nasrallah", "leads", "Hezbollah")],
            vec![],
        ),
        (
            "Qais al-Khazali, the head of Asaib Ahl al-Haq, spoke on television.",
            vec![("Qais al-Khazali", "leads", "Asaib Ahl al-Haq")],
            vec![],
        ),
        (
            "Asaib Ahl al-Haq is part of the “Coordination Framework”, a bloc in parliament.",
            vec![("Asaib Ahl al-Haq", "member_of", "Coordination Framework")],
            vec![],
        ),
        (
            "Pentagon press secretary Pat Ryder took questions.",
            vec![("Pat Ryder", "member_of", "Pentagon")],
            vec![],
        ),
        (
            "\"Nobody wants this,\" said Tom Becker, a regional analyst at Northgate Consulting in London.",
            vec![],
            vec![("Tom Becker", "member_of", "United Kingdom")],
        ),
        (
            "The Islamic Resistance in Iraq, an umbrella that includes Kataib Hezbollah and \
             Harakat al-Nujaba, said it would go on.",
            vec![
                (
                    "Kataib Hezbollah",
                    "member_of",
                    "Islamic Resistance in Iraq",
                ),
                (
                    "Harakat al-Nujaba",
                    "member_of",
                    "Islamic Resistance in Iraq",
                ),
            ],
            vec![],
        ),
        (
            "The Houthis launched a missile attack on Israel.",
            vec![("Houthis", "attacks", "Israel")],
            vec![],
        ),
        (
            "In response, US jets struck Kataib Hezbollah sites in Iraq.",
            vec![
                ("United States", "attacks", "Kataib Hezbollah"),
                ("United States", "retaliates_against", "Kataib Hezbollah"),
            ],
            vec![],
        ),
        (
            "The envoy met the Qatari foreign minister, and Iran urged restraint.",
            vec![],
            vec![("Iran", "attacks", "Qatar"), ("Iran", "backs", "Qatar")],
        ),
        (
            "Iran does not fund the Houthis, its foreign minister said.",
            vec![],
            vec![("Iran", "backs", "Houthis")],
        ),
    ];
    let mut failures = Vec::new();
    for (text, must, must_not) in cases {
        let (_, _, a) = run(&[("a.txt", text)]);
        let got: Vec<(String, String, String)> = a
            .relations
            .iter()
            .map(|r| {
                (
                    a.actor(r.from).name.clone(),
                    r.kind.as_str().to_string(),
                    a.actor(r.to).name.clone(),
                )
            })
            .collect();
        let has = |(f, k, t): &(&str, &str, &str)| {
            got.iter().any(|g| g.0 == *f && g.1 == *k && g.2 == *t)
        };
        for r in &must {
            if !has(r) {
                failures.push(format!("{text}: missing {r:?}, got {got:?}"));
            }
        }
        for r in &must_not {
            if has(r) {
                failures.push(format!("{text}: unwanted {r:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_word_class_example_is_read_as_its_class() {
    // The examples and counter-examples written beside the word classes of frames.toml.
    let lex = Lexicon::bundled();
    assert!(lex.words.examples.len() > 20);
    let mut failures = Vec::new();
    for ex in &lex.words.examples {
        let c = Corpus::from_memory(&[("ex.txt", ex.sentence.as_bytes())], &lex);
        let found = class_found(&c.docs[0], &lex, &ex.class, &ex.words);
        if found != ex.positive {
            failures.push(format!(
                "{} ({}): {:?} {} a {} frame",
                ex.origin,
                if ex.positive {
                    "example"
                } else {
                    "counter-example"
                },
                ex.sentence,
                if found { "has" } else { "has no" },
                ex.class
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whether a factual predicate of `class` ("verb:attack", "noun:attack") whose word is one of
/// `words` is found in the document.
fn class_found(doc: &Document, lex: &Lexicon, class: &str, words: &[String]) -> bool {
    let (prepared, _) = prepare(&[doc], lex, &Matcher::new(lex), None);
    let (ctx, _) = &prepared[0];
    let (what, name) = class.split_once(':').unwrap_or(("", ""));
    let lemmas: Vec<String> = words
        .iter()
        .map(|w| {
            w.split(':')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    (0..ctx.sentences.len()).any(|i| {
        let fr = frames::read(ctx, i);
        fr.preds.iter().any(|p| {
            let t = &fr.sent.toks[p.tok];
            let ok_class = match (what, p.class) {
                ("verb", frames::PClass::Verb(c)) => format!("{c:?}").eq_ignore_ascii_case(name),
                ("noun", frames::PClass::AttackNoun) => name == "attack",
                ("noun", frames::PClass::WeakAttackNoun) => name == "weak_attack",
                _ => false,
            };
            let lemma_ok = match (what, t.entry) {
                ("verb", Some(e)) => e
                    .verbs
                    .iter()
                    .any(|v| lemmas.iter().any(|l| *l == *v.lemma)),
                ("noun", _) => words.iter().any(|w| w == fr.sent.w(p.tok)),
                _ => false,
            };
            ok_class && lemma_ok && p.mood.factual()
        })
    })
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

#[test]
fn words_next_to_characters_of_several_bytes_do_not_break_the_reader() {
    // A digit comma before a character of three bytes, an apostrophe before one, an
    // abbreviation period before one: each was a slice inside a character once.
    let text = "Militants fired 2,9ኲ5 rockets. The group’ኲs drones hit U.ኲ base on 3,€€ day. \
                Kataib Hezbollah claimed 1,0ኲ attacks, 4,5é, n’ኲt.";
    let (_, _, a) = run(&[("odd.txt", text)]);
    assert!(a.actor_by_name("Kataib Hezbollah").is_some());
}

#[test]
fn a_unit_named_with_its_parent_mentions_the_parent_too() {
    let docs_of = |text: &str, who: &str| {
        let (_, _, a) = run(&[("p.txt", text)]);
        a.actor_by_name(who)
            .is_some_and(|id| !a.actor(id).docs.is_empty())
    };
    assert!(docs_of(
        "An IRGC Quds Force adviser was killed in the raid.",
        "IRGC"
    ));
    assert!(docs_of(
        "The Revolutionary Guards' Quds Force denied it.",
        "IRGC"
    ));
    // A person's name, an outlet's or an international body's holds no mention of its parent.
    assert!(!docs_of(
        "Abdul-Malik al-Houthi spoke on television.",
        "Houthis"
    ));
    assert!(!docs_of(
        "The U.N. Security Council met on Friday.",
        "United Nations"
    ));
}

#[test]
fn a_name_of_capitalised_common_words_names_the_body_only_with_its_capitals() {
    let (_, _, a) = run(&[
        (
            "a.txt",
            "Iraqi security forces sealed off the road near the airport.",
        ),
        (
            "b.txt",
            "The Iraqi Security Forces sealed off the road near the airport.",
        ),
    ]);
    let isf = a.actor_by_name("Iraqi Security Forces").unwrap();
    let docs: Vec<usize> = a.actor(isf).docs.iter().map(|d| d.index()).collect();
    assert_eq!(docs, vec![1]);
}

#[test]
fn airlines_and_shipping_firms_are_found_by_their_names() {
    let (_, _, a) = run(&[(
        "a.txt",
        "A missile hit a tanker managed by Blue Horizon Shipping near Aden. Flights of \
         Cedar Coast Airways were cancelled.",
    )]);
    for name in ["Blue Horizon Shipping", "Cedar Coast Airways"] {
        let id = a.actor_by_name(name);
        assert!(
            id.is_some_and(|i| a.actor(i).kind == ActorKind::Organisation),
            "{name}"
        );
    }
}

#[test]
fn who_claimed_an_attack_is_its_attacker() {
    let attacker = |text: &str| -> Vec<Option<String>> {
        let (_, _, a) = run(&[("a.txt", text)]);
        a.incidents.iter().map(|i| name(&a, i.attacker)).collect()
    };
    // A claim set off by commas after the attack.
    assert_eq!(
        attacker(
            "date 2023-12-27\nA drone attack on Erbil air base on Christmas Day, claimed by \
             Kataib Hezbollah, wounded three US soldiers."
        ),
        vec![Some("Kataib Hezbollah".to_string())]
    );
    // The strike a killing was done with is the same act, by the killer.
    assert_eq!(
        attacker(
            "date 2024-02-10\nIn January 2020 the United States killed Qassem Soleimani with a \
             drone strike at Baghdad airport."
        ),
        vec![Some("United States".to_string())]
    );
    // A blame in a relative clause right after the attack names its attacker.
    assert_eq!(
        attacker(
            "date 2024-02-10\nThe answer followed the Jan. 28 drone attack on Tower 22, which \
             killed three soldiers and which Washington blamed on Kataib Hezbollah."
        ),
        vec![Some("Kataib Hezbollah".to_string())]
    );
    // "It claimed": a group, not the state named last.
    assert_eq!(
        attacker(
            "date 2024-01-02\nAsaib Ahl al-Haq backs the talks with Washington. It also claimed \
             the Christmas Day rocket attack on Erbil air base."
        ),
        vec![Some("Asaib Ahl al-Haq".to_string())]
    );
}

#[test]
fn a_service_after_a_title_is_not_a_person() {
    let (_, _, a) = run(&[(
        "a.txt",
        "Deputy Press Secretary Air Force Brig. Gen. Dana Whitfield Holds a Press Briefing\n\nThe briefing began at noon.",
    )]);
    assert!(a.actor_by_name("Air Force Brig").is_none());
    assert!(
        a.actor_by_name("Air Force")
            .is_none_or(|id| a.actor(id).kind != ActorKind::Person)
    );
}

#[test]
fn a_person_named_with_and_without_a_middle_name_is_one_person() {
    let (_, _, a) = run(&[
        ("a.txt", "Sgt. Dana Lee Whitfield was killed in the attack."),
        ("b.txt", "Sgt. Dana Whitfield, 24, was among the dead."),
        (
            "c.txt",
            "Commander Abu Ali al-Basri spoke. Commander Abu Hassan al-Basri did not.",
        ),
    ]);
    let id = a
        .actor_by_name("Dana Lee Whitfield")
        .expect("the full name");
    assert_eq!(a.actor(id).docs.len(), 2);
    assert!(a.actor_by_name("Abu Ali al-Basri") != a.actor_by_name("Abu Hassan al-Basri"));
}

#[test]
fn a_broadcaster_is_found_by_its_name_before_tv() {
    let (_, _, a) = run(&[(
        "a.txt",
        "A minister told state-run Al-Rafidain TV that the attack came from Syria. Iranian \
         State TV and Syrian TV carried the news. Watch Live TV.",
    )]);
    let id = a.actor_by_name("Al-Rafidain").expect("the broadcaster");
    assert_eq!(a.actor(id).kind, ActorKind::Media);
    for wrong in ["State", "Iranian State", "Live", "Watch Live", "Syrian"] {
        assert!(
            a.actor_by_name(wrong)
                .is_none_or(|id| a.actor(id).kind != ActorKind::Media),
            "{wrong}"
        );
    }
}

#[test]
fn the_outlet_that_publishes_a_page_is_not_one_of_its_actors() {
    let body = "the Houthis said on Tuesday that their forces had fired two missiles at a tanker \
                in the Red Sea, the latest in a series of attacks on shipping that the group says \
                will go on, and a spokesman later told Al Jazeera that more would follow.";
    let masthead =
        format!("Al Arabiya English\n\nHouthis fire missiles at tanker\n\nDUBAI – {body}");
    let dateline = format!("Houthis fire missiles at tanker\n\nSANAA (Saba) - {body}");
    let (_, _, a) = run(&[("a.txt", &masthead), ("b.txt", &dateline)]);
    let docs = |name: &str| a.actor_by_name(name).map_or(0, |id| a.actor(id).docs.len());
    assert_eq!(docs("Al Arabiya"), 0);
    assert_eq!(docs("Saba"), 0);
    // An outlet the story tells of stays an actor.
    assert_eq!(docs("Al Jazeera"), 2);
    assert_eq!(docs("Houthis"), 2);
}
