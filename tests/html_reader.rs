//! Saved web pages: what the reader shows, what the analysis reads, and pages that are broken
//! in the ways real saved pages are.

use proxylens::corpus::junk::without_junk;
use proxylens::corpus::{Document, Format, JunkKind, build_document};
use proxylens::lexicon::Lexicon;

fn lexicon() -> &'static Lexicon {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(Lexicon::bundled)
}

fn read(html: &str) -> Document {
    build_document("page.html", Format::Html, html.as_bytes(), lexicon())
        .unwrap_or_else(|e| panic!("page not read: {e}"))
}

/// The text the analysis reads.
fn analysed(d: &Document) -> String {
    without_junk(&d.text, &d.junk)
}

/// The kind of junk the displayed text `needle` is, `None` when it is article text.
fn junk_kind(d: &Document, needle: &str) -> Option<JunkKind> {
    let at = d
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not displayed in {:?}", d.text));
    d.junk_at(at).map(|j| j.kind)
}

/// Junk ranges lie on character boundaries of the displayed text, sorted, apart.
fn assert_spans_hold(d: &Document) {
    let mut last_end = 0;
    for j in &d.junk {
        assert!(j.start <= j.end && j.end <= d.text.len(), "{j:?}");
        assert!(d.text.is_char_boundary(j.start) && d.text.is_char_boundary(j.end));
        assert!(
            j.start >= last_end,
            "overlapping junk {j:?} in {:?}",
            d.junk
        );
        last_end = j.end;
    }
}

const BODY: &str = "<p>Two rockets struck the eastern edge of the airfield shortly after midnight, \
    the provincial governor said on Tuesday, adding that nobody was hurt.</p>\
    <p>The governor's office said the rockets were fired from a field about ten kilometres \
    away, where police later found a burnt-out launcher mounted on a truck.</p>\
    <p>No group has said it carried out the attack, the third on the airfield this month, \
    and the defence ministry said an inquiry had been opened.</p>";

fn news_page(inside_article: &str) -> String {
    format!(
        r#"<!doctype html><html class="no-js cookies-not-set"><head>
<meta charset="utf-8"><title>Rockets hit airfield | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="https://news.example.org/rockets-airfield">
<script>var html = '<script src="x.js"><\/script>'; document.write(html);</script>
</head><body class="no-sidebar html_menu_right">
<header class="site-header"><a href="/">The Daily Example</a><nav><a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div class="l-sidebar-fixed l-article-body"><article class="article modal-enabled">
<h1>Rockets hit airfield in the east</h1>
<div class="byline">By Sam Writer</div>
<time datetime="2024-03-05">March 5, 2024</time>
{BODY}
{inside_article}
</article></div>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">A story everyone read this week</a></li></ul></aside>
<footer>© 2024 The Daily Example. All rights reserved.</footer>
</body></html>"#
    )
}

#[test]
fn the_article_is_read_and_the_furniture_is_not() {
    let d = read(&news_page(""));
    let text = analysed(&d);
    assert!(
        text.starts_with("Two rockets struck the eastern edge"),
        "{text:?}"
    );
    assert!(text.contains("an inquiry had been opened."));
    for furniture in [
        "World",
        "Sport",
        "Most read",
        "everyone read",
        "All rights reserved",
        "document.write",
    ] {
        assert!(
            !d.text.contains(furniture),
            "{furniture:?} shown in {:?}",
            d.text
        );
    }
    assert_spans_hold(&d);
}

#[test]
fn headline_and_byline_are_shown_but_not_analysed() {
    let d = read(&news_page(""));
    assert!(
        d.text.starts_with("Rockets hit airfield in the east"),
        "{:?}",
        d.text
    );
    assert_eq!(
        junk_kind(&d, "Rockets hit airfield in the east"),
        Some(JunkKind::Headline)
    );
    assert_eq!(junk_kind(&d, "By Sam Writer"), Some(JunkKind::Byline));
    assert_eq!(junk_kind(&d, "Two rockets struck"), None);
    assert!(!analysed(&d).contains("Sam Writer"));
}

#[test]
fn title_date_and_outlet_come_from_the_page() {
    let d = read(&news_page(""));
    assert_eq!(d.title, "Rockets hit airfield in the east");
    assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2024-03-05"));
    assert_eq!(d.source.as_deref(), Some("The Daily Example"));
    // JSON-LD alone.
    let page = format!(
        r#"<html><head><script type="application/ld+json">
{{"@context":"https://schema.org","@graph":[{{"@type":"WebSite","name":"x"}},
{{"@type":"NewsArticle","headline":"Rockets hit airfield","datePublished":"2023-11-20T10:00:00+03:00",
"publisher":{{"@type":"Organization","name":"Example Wire"}}}}]}}</script></head>
<body><div class="content">{BODY}</div></body></html>"#
    );
    let d = read(&page);
    assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2023-11-20"));
    assert_eq!(d.source.as_deref(), Some("Example Wire"));
    assert_eq!(d.title, "Rockets hit airfield");
}

#[test]
fn captions_and_related_links_are_shown_dimmed() {
    let inside = r#"<figure><img src="a.jpg"><figcaption>The damaged hangar on Tuesday.</figcaption></figure>
<div class="related-stories"><h4>Related</h4><ul><li><a href="/b">Drone downed near the border</a></li>
<li><a href="/c">Talks on troop withdrawal resume</a></li></ul></div>
<div class="share-tools"><a href="/s">Share on social media</a></div>"#;
    let d = read(&news_page(inside));
    assert_eq!(
        junk_kind(&d, "The damaged hangar on Tuesday."),
        Some(JunkKind::Caption)
    );
    assert_eq!(
        junk_kind(&d, "Drone downed near the border"),
        Some(JunkKind::LinkList)
    );
    assert!(d.junk_at(d.text.find("Share on social").unwrap()).is_some());
    let text = analysed(&d);
    for junk in ["damaged hangar", "Drone downed", "Share on"] {
        assert!(!text.contains(junk), "{junk:?} analysed");
    }
    assert_spans_hold(&d);
}

#[test]
fn teaser_cards_in_article_elements_do_not_hide_the_story() {
    // The story is in a plain div; the page's teasers are <article> elements.
    let page = format!(
        r#"<html><body><div id="story-body">{BODY}</div>
<section class="more"><article class="card"><a href="/x">A teaser headline</a></article>
<article class="card"><a href="/y">Another teaser headline</a></article></section></body></html>"#
    );
    let text = analysed(&read(&page));
    assert!(text.contains("Two rockets struck"), "{text:?}");
    assert!(!text.contains("teaser headline"));
}

#[test]
fn a_form_around_the_whole_page_is_read() {
    let page = format!(
        r#"<html><body><form id="aspnetForm" action="/x" method="post"><div class="main">{BODY}</div></form></body></html>"#
    );
    assert!(analysed(&read(&page)).contains("Two rockets struck"));
}

#[test]
fn a_hidden_copy_of_the_article_is_not_read_twice() {
    let page = format!(
        r#"<html><body><div class="story">{BODY}</div><div style="display: none">{BODY}</div><div hidden>{BODY}</div></body></html>"#
    );
    let d = read(&page);
    assert_eq!(
        d.text.matches("Two rockets struck").count(),
        1,
        "{:?}",
        d.text
    );
}

#[test]
fn pages_in_other_languages_keep_their_text() {
    let ja = "<p>東部の空港に火曜日未明、ロケット弾二発が着弾したと州知事が明らかにした。けが人はいなかったという。</p>\
        <p>知事室によると、ロケット弾は約十キロ離れた畑から発射され、警察はその後、トラックに積まれた焼けた発射台を発見した。</p>\
        <p>今月に入って空港が攻撃されたのは三回目で、国防省は調査を開始したと発表した。犯行声明は出ていない。</p>";
    let ru = "<p>Две ракеты попали в восточную часть аэродрома вскоре после полуночи, сообщил во вторник губернатор провинции, добавив, что никто не пострадал.</p>\
        <p>По словам губернатора, ракеты были выпущены с поля примерно в десяти километрах, где полиция позже нашла сгоревшую пусковую установку.</p>";
    for (lang, body, probe) in [
        ("ja", ja, "ロケット弾二発"),
        ("ru", ru, "Две ракеты попали"),
    ] {
        let page = format!(
            r#"<html lang="{lang}"><body><nav><a href="/">Home</a></nav><div class="article-body">{body}</div></body></html>"#
        );
        let d = read(&page);
        let text = analysed(&d);
        assert!(text.contains(probe), "{lang}: {text:?} (junk {:?})", d.junk);
        assert!(!text.contains("Home"));
    }
}

#[test]
fn unclosed_tags_still_give_the_text() {
    let page = "<html><body><div class=story><p>Two rockets struck the eastern edge of the airfield, \
        the governor said, adding that nobody was hurt<p>The rockets were fired from a field, <b>police \
        said, and a <i>launcher was found";
    let text = analysed(&read(page));
    assert!(text.contains("nobody was hurt"), "{text:?}");
    assert!(text.contains("a launcher was found"), "{text:?}");
}

#[test]
fn twenty_thousand_nested_divs_give_the_text() {
    let mut page = String::from("<html><body>");
    page.push_str(&"<div>".repeat(20_000));
    page.push_str(BODY);
    page.push_str(&"</div>".repeat(20_000));
    page.push_str("</body></html>");
    let d = read(&page);
    assert!(analysed(&d).contains("Two rockets struck"), "{:?}", d.text);
}

#[test]
fn a_five_megabyte_page_on_one_line_gives_the_text() {
    let mut page = String::from("<html><body><div class=story>");
    let para =
        "<p>The convoy, which left at dawn, reached the crossing at noon, the agency said.</p>";
    while page.len() < 5_000_000 {
        page.push_str(para);
    }
    page.push_str("</div></body></html>");
    assert!(!page.contains('\n'));
    let d = read(&page);
    assert!(d.text.len() > 4_000_000, "{} bytes of text", d.text.len());
    assert_spans_hold(&d);
}

#[test]
fn binary_bytes_inside_a_page_give_text_or_a_reason() {
    // Bytes that are not UTF-8 inside an otherwise good page: its text.
    let mut page = news_page("").into_bytes();
    let at = page.len() / 2;
    page.splice(at..at, [0xFF, 0xFE, 0x9C, 0x81].iter().copied());
    let d = build_document("p.html", Format::Html, &page, lexicon())
        .unwrap_or_else(|e| panic!("a page with a few stray bytes was refused: {e}"));
    assert!(
        analysed(&d).contains("an inquiry had been opened"),
        "{:?}",
        d.text
    );
    assert_spans_hold(&d);
    // Zero bytes too: the text, or the reason it was not read.
    let mut page = news_page("").into_bytes();
    page.splice(at..at, [0x00, 0x01, 0x00, 0x02].iter().copied());
    match build_document("p.html", Format::Html, &page, lexicon()) {
        Ok(d) => assert!(analysed(&d).contains("an inquiry had been opened")),
        Err(reason) => assert_eq!(reason, "binary data, not text"),
    }
    // A picture saved with an .html name: a reason.
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    png.extend((0..4000u32).map(|i| (i * 7 % 256) as u8));
    let e = build_document("p.html", Format::Html, &png, lexicon()).unwrap_err();
    assert_eq!(e, "binary data, not text");
}

#[test]
fn a_page_with_no_text_gets_a_reason() {
    let e = build_document(
        "p.html",
        Format::Html,
        b"<html><head><script>only()</script></head><body><img src=x></body></html>",
        lexicon(),
    )
    .unwrap_err();
    assert_eq!(e, "no article text");
}

#[test]
fn a_page_of_bare_paragraph_text_is_read() {
    // No markup around the story but a body and line breaks.
    let page = "<html><body>Two rockets struck the eastern edge of the airfield, the governor said.<br><br>\
        The rockets were fired from a field about ten kilometres away, police said.<br>\
        An inquiry has been opened, the ministry said.</body></html>";
    let text = analysed(&read(page));
    assert!(text.contains("Two rockets struck"), "{text:?}");
    assert!(text.contains("An inquiry has been opened"), "{text:?}");
}
