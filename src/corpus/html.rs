//! HTML to article text: a forgiving tag scanner (no DOM) that keeps the article body and
//! drops scripts, styles, navigation, headers, footers, asides, forms and cookie or
//! subscription banners. Entities are decoded. Pages that never close their tags still give
//! their text.

/// The text of a page and the metadata found in its head.
#[derive(Debug, Default)]
pub struct HtmlPage {
    /// Article text, paragraphs separated by blank lines.
    pub text: String,
    /// Byte ranges of `text` that came from captions (`figcaption`).
    pub captions: Vec<(usize, usize)>,
    /// `<title>` or `og:title`.
    pub title: Option<String>,
    /// The first `<h1>`.
    pub h1: Option<String>,
    /// `og:site_name` or `application-name`.
    pub site_name: Option<String>,
    /// A publication date in ISO form (from meta tags, `<time datetime>`, or JSON-LD).
    pub date: Option<String>,
    /// `<link rel="canonical">` or `og:url`.
    pub url: Option<String>,
}

/// Elements whose whole content is dropped.
const SKIP_ALWAYS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "nav", "header", "footer", "aside",
    "form", "button", "select", "object", "canvas", "video", "audio",
];
/// Class or id fragments that mark page furniture.
const SKIP_MARKERS: &[&str] = &[
    "cookie",
    "consent",
    "newsletter",
    "subscribe",
    "subscription",
    "paywall",
    "banner",
    "share",
    "social",
    "related",
    "recommend",
    "promo",
    "advert",
    "ad-slot",
    "ads-",
    "comments",
    "breadcrumb",
    "menu",
    "sidebar",
    "popup",
    "modal",
    "read-more",
    "readmore",
    "most-read",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "dl",
    "dt",
    "dd",
    "hr",
    "body",
];
const VOID: &[&str] = &[
    "br", "img", "meta", "link", "input", "hr", "wbr", "source", "area", "base", "col", "embed",
    "param", "track",
];

struct Tag<'a> {
    name: String,
    closing: bool,
    self_closing: bool,
    attrs: &'a str,
}

fn parse_tag(inner: &str) -> Option<Tag<'_>> {
    let (closing, rest) = match inner.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, inner),
    };
    let name_end = rest
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(rest.len());
    let name = rest[..name_end].to_ascii_lowercase();
    if name.is_empty() || !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let attrs = &rest[name_end..];
    Some(Tag {
        self_closing: attrs.trim_end().ends_with('/'),
        name,
        closing,
        attrs,
    })
}

/// The value of attribute `key` in a tag's attribute text.
fn attr<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(key) {
        let at = from + pos;
        from = at + key.len();
        let before_ok = at == 0
            || !lower.as_bytes()[at - 1].is_ascii_alphanumeric()
                && lower.as_bytes()[at - 1] != b'-';
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let vstart = attrs.len() - rest.len() + 1;
        let v = attrs[vstart..].trim_start();
        let vstart = attrs.len() - v.len();
        let (q, body_start) = match v.chars().next() {
            Some(c @ ('"' | '\'')) => (Some(c), vstart + 1),
            _ => (None, vstart),
        };
        let body = &attrs[body_start..];
        let end = match q {
            Some(c) => body.find(c).unwrap_or(body.len()),
            None => body
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(body.len()),
        };
        return Some(&body[..end]);
    }
    None
}

/// Decodes HTML character references.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1);
        let Some(end) = end.filter(|&e| e > 1 && e < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            n.map(|n| match n {
                // Windows-1252 code points written as numeric references.
                0x80..=0x9F => {
                    let b = [n as u8];
                    encoding_rs::WINDOWS_1252
                        .decode(&b)
                        .0
                        .chars()
                        .next()
                        .unwrap_or('\u{FFFD}')
                }
                0 => '\u{FFFD}',
                n => char::from_u32(n).unwrap_or('\u{FFFD}'),
            })
        } else {
            named_entity(name)
        };
        match decoded {
            Some(c) => {
                out.push(c);
                let skip = if rest.as_bytes().get(end) == Some(&b';') {
                    end + 1
                } else {
                    end
                };
                rest = &rest[skip..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "szlig" => 'ß',
        "euro" => '€',
        "pound" => '£',
        "shy" => '\u{AD}',
        "zwj" => '\u{200D}',
        "zwnj" => '\u{200C}',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        _ => return None,
    })
}

/// Converts a page to its article text and metadata.
pub fn convert(html: &str) -> HtmlPage {
    let mut page = HtmlPage::default();
    let has_article = html.to_ascii_lowercase().contains("<article");
    let mut out = String::with_capacity(html.len() / 2);
    let mut skip: Option<(String, usize)> = None; // (element, nesting)
    let mut article_depth = 0usize;
    let mut in_title = false;
    let mut title_buf = String::new();
    let mut in_h1 = false;
    let mut h1_buf = String::new();
    let mut caption_start: Option<usize> = None;
    let mut json_ld = false;
    let mut in_head = false;
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < html.len() {
        if bytes[i] == b'<' {
            // Comment or doctype.
            if html[i..].starts_with("<!--") {
                i = html[i + 4..]
                    .find("-->")
                    .map(|e| i + 4 + e + 3)
                    .unwrap_or(html.len());
                continue;
            }
            if html[i..].starts_with("<!") || html[i..].starts_with("<?") {
                i = html[i..].find('>').map(|e| i + e + 1).unwrap_or(html.len());
                continue;
            }
            let (close, next) = find_tag_end(html, i + 1);
            let inner = &html[i + 1..close];
            let Some(tag) = parse_tag(inner) else {
                // A lone '<' in text.
                if skip.is_none() {
                    out.push('<');
                }
                i += 1;
                continue;
            };
            i = next;
            // Skipping: only watch for the end of the skipped element.
            if let Some((name, depth)) = &mut skip {
                if tag.name == *name {
                    if tag.closing {
                        *depth -= 1;
                        if *depth == 0 {
                            if json_ld {
                                json_ld = false;
                            }
                            skip = None;
                        }
                    } else if !tag.self_closing {
                        *depth += 1;
                    }
                }
                continue;
            }
            if !tag.closing {
                match tag.name.as_str() {
                    "meta" => meta(&mut page, tag.attrs),
                    "link"
                        if attr(tag.attrs, "rel")
                            .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                    {
                        page.url = attr(tag.attrs, "href").map(decode_entities);
                    }
                    "time" if page.date.is_none() => {
                        page.date =
                            attr(tag.attrs, "datetime").map(|d| d.chars().take(10).collect());
                    }
                    "title" => {
                        in_title = true;
                        continue;
                    }
                    _ => {}
                }
            } else if tag.name == "title" {
                in_title = false;
                continue;
            }
            if tag.name == "script" && !tag.closing {
                let ty = attr(tag.attrs, "type").unwrap_or("");
                if ty.contains("ld+json") {
                    let body_end = html[i..]
                        .to_ascii_lowercase()
                        .find("</script")
                        .map(|e| i + e)
                        .unwrap_or(html.len());
                    json_ld_date(&mut page, &html[i..body_end]);
                    json_ld = true;
                }
            }
            let furniture = !tag.closing && {
                let class = attr(tag.attrs, "class").unwrap_or("").to_ascii_lowercase();
                let id = attr(tag.attrs, "id").unwrap_or("").to_ascii_lowercase();
                let role = attr(tag.attrs, "role").unwrap_or("").to_ascii_lowercase();
                SKIP_MARKERS
                    .iter()
                    .any(|m| class.contains(m) || id.contains(m))
                    || matches!(
                        role.as_str(),
                        "navigation" | "banner" | "contentinfo" | "complementary"
                    )
                    || attr(tag.attrs, "aria-hidden").is_some_and(|v| v == "true")
            };
            let skippable = !tag.closing && !tag.self_closing && !VOID.contains(&tag.name.as_str());
            #[allow(clippy::nonminimal_bool)]
            if skippable
                && (SKIP_ALWAYS.contains(&tag.name.as_str()) || furniture)
                // A page's main header inside an article is kept (it holds the headline).
                && !(tag.name == "header" && article_depth > 0)
            {
                skip = Some((tag.name.clone(), 1));
                continue;
            }
            match (tag.name.as_str(), tag.closing) {
                ("head", false) => in_head = true,
                ("head", true) | ("body", false) => in_head = false,
                ("article", false) => article_depth += 1,
                ("article", true) => {
                    article_depth = article_depth.saturating_sub(1);
                    push_break(&mut out, "\n\n");
                }
                ("h1", false) => in_h1 = true,
                ("h1", true) => in_h1 = false,
                ("figcaption", false) => {
                    push_break(&mut out, "\n\n");
                    caption_start = Some(out.len());
                }
                ("figcaption", true) => {
                    if let Some(s) = caption_start.take() {
                        let e = out.trim_end().len();
                        if e > s {
                            page.captions.push((s, e));
                        }
                    }
                }
                _ => {}
            }
            let keep = !has_article || article_depth > 0;
            if keep {
                if tag.name == "br" {
                    push_break(&mut out, "\n");
                } else if BLOCK.contains(&tag.name.as_str()) {
                    push_break(&mut out, "\n\n");
                }
            }
        } else {
            let end = html[i..].find('<').map(|e| i + e).unwrap_or(html.len());
            let raw = &html[i..end];
            i = end;
            if skip.is_some() {
                continue;
            }
            let text = decode_entities(raw);
            if in_title {
                title_buf.push_str(&text);
                continue;
            }
            if in_h1 {
                h1_buf.push_str(&text);
            }
            if in_head || has_article && article_depth == 0 {
                continue;
            }
            push_text(&mut out, &text);
        }
    }
    let title = collapse(&title_buf);
    if !title.is_empty() && page.title.is_none() {
        page.title = Some(title);
    }
    let h1 = collapse(&h1_buf);
    if !h1.is_empty() {
        page.h1 = Some(h1);
    }
    // Trim trailing whitespace; captions keep their offsets since only the end shrinks.
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    page.captions.retain(|&(s, e)| e <= out.len() && s < e);
    page.text = out;
    page
}

/// The index of the '>' that ends a tag starting at `from`, honouring quoted attributes.
/// Where the tag whose name starts at `from` ends: (end of its inside, where the text goes on).
/// Both are character boundaries.
fn find_tag_end(html: &str, from: usize) -> (usize, usize) {
    let b = html.as_bytes();
    let mut quote: Option<u8> = None;
    let mut j = from;
    while j < b.len() {
        match (quote, b[j]) {
            (None, b'"' | b'\'')
                // Quotes count only inside attribute values (after '=').
                if j > from && b[j - 1] == b'=' => {
                    quote = Some(b[j]);
                }
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return (j, j + 1),
            (None, b'<') if j > from => return (j, j), // broken tag: end before the next one
            _ => {}
        }
        j += 1;
        if j - from > 4096 && quote.is_some() {
            quote = None; // an unterminated quote never swallows the page
        }
    }
    (b.len(), b.len())
}

fn push_break(out: &mut String, brk: &str) {
    let trimmed = out.trim_end_matches([' ', '\t']).len();
    out.truncate(trimmed);
    if out.is_empty() {
        return;
    }
    let have = out.len() - out.trim_end_matches('\n').len();
    let want = brk.len();
    for _ in have..want {
        out.push('\n');
    }
}

fn push_text(out: &mut String, text: &str) {
    let mut last_space = out.is_empty() || out.ends_with(char::is_whitespace);
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{A0}' {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = false;
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn meta(page: &mut HtmlPage, attrs: &str) {
    let key = attr(attrs, "property")
        .or_else(|| attr(attrs, "name"))
        .or_else(|| attr(attrs, "itemprop"));
    let (Some(key), Some(content)) = (key, attr(attrs, "content")) else {
        return;
    };
    let content = decode_entities(content).trim().to_string();
    if content.is_empty() {
        return;
    }
    match key.to_ascii_lowercase().as_str() {
        "og:site_name" | "application-name" => page.site_name = Some(content),
        "og:title" | "twitter:title" => page.title = Some(content),
        "og:url" => page.url = page.url.take().or(Some(content)),
        "article:published_time"
        | "date"
        | "pubdate"
        | "publish-date"
        | "publishdate"
        | "dc.date"
        | "dc.date.issued"
        | "datepublished"
        | "sailthru.date"
        | "parsely-pub-date"
        | "article.published"
        | "og:published_time"
            if page.date.is_none() =>
        {
            page.date = Some(content.chars().take(10).collect());
        }
        _ => {}
    }
}

fn json_ld_date(page: &mut HtmlPage, body: &str) {
    if page.date.is_some() {
        return;
    }
    if let Some(p) = body.find("\"datePublished\"") {
        let rest = &body[p + 15..];
        if let Some(q) = rest.find('"') {
            let v: String = rest[q + 1..].chars().take(10).collect();
            if v.len() == 10 {
                page.date = Some(v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_tag_before_a_wide_character_keeps_boundaries() {
        // Found by the fuzzer: a tag cut short by the next '<' right after a 4-byte character.
        let page = convert("<p>One<b\u{11F13}<i>two</i> three</p>");
        assert!(page.text.contains("two three"), "{:?}", page.text);
    }

    #[test]
    fn keeps_body_drops_furniture() {
        let html = r#"<!doctype html><html><head><title>T &amp; more</title>
<meta property="og:site_name" content="Al-Monitor">
<meta property="article:published_time" content="2024-01-29T10:00:00Z">
<script>var x = 1;</script><style>p{}</style></head>
<body><header>Site header</header><nav>Home | World</nav>
<div class="cookie-banner">We use cookies. Accept all</div>
<article><h1>Drone strike kills three</h1><p>Three US soldiers were killed&nbsp;in Jordan, officials said.</p>
<figure><img src=x><figcaption>A photo (AP)</figcaption></figure>
<p>Kata&#39;ib Hezbollah &ldquo;denied&rdquo; it.</p></article>
<aside>Read more: other</aside><footer>© 2024</footer></body></html>"#;
        let p = convert(html);
        assert_eq!(p.title.as_deref(), Some("T & more"));
        assert_eq!(p.site_name.as_deref(), Some("Al-Monitor"));
        assert_eq!(p.date.as_deref(), Some("2024-01-29"));
        assert_eq!(p.h1.as_deref(), Some("Drone strike kills three"));
        assert!(
            p.text
                .contains("Three US soldiers were killed\u{A0}in Jordan, officials said.")
        );
        assert!(p.text.contains("Kata'ib Hezbollah “denied” it."));
        for junk in [
            "Site header",
            "Home",
            "cookies",
            "var x",
            "Read more",
            "© 2024",
        ] {
            assert!(!p.text.contains(junk), "{junk} in {:?}", p.text);
        }
        assert_eq!(p.captions.len(), 1);
        let (s, e) = p.captions[0];
        assert_eq!(&p.text[s..e], "A photo (AP)");
    }

    #[test]
    fn unclosed_tags_still_give_text() {
        let p = convert("<html><body><p>First paragraph<p>Second <b>bold <i>never closed");
        assert!(p.text.contains("First paragraph"));
        assert!(p.text.contains("Second bold never closed"));
        let p = convert("<p>text <a href=\"x");
        assert!(p.text.contains("text"));
        let p = convert("a < b and c > d");
        assert!(p.text.contains("a < b"));
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a&amp;b &#8217; &#x2019; &bogus; &"),
            "a&b ’ ’ &bogus; &"
        );
        assert_eq!(decode_entities("&#150;"), "–");
    }
}
