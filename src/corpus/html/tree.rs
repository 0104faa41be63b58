//! The parsed page, flattened: the elements in document order (each after its parent) and the
//! text blocks (paragraphs, headings, list items, captions …) with what each is inside of.
//!
//! The page is parsed by html5ever (through `scraper`), the parser of Servo, which builds the
//! tree a browser builds from the same bytes: unclosed tags close where a browser closes them,
//! a `<script>` holds everything up to its `</script>`, entities are decoded. The walk over the
//! tree keeps its own stack, so a page nested 20,000 elements deep is no deeper for us.

use html5ever::{LocalName, local_name};
use scraper::{Html, Node};

use crate::corpus::JunkKind;

/// No parent: the element is the page's root.
pub const NO_PARENT: u32 = u32::MAX;

/// One element of the page.
#[derive(Debug)]
pub struct El {
    /// Its parent's index, or [`NO_PARENT`].
    pub parent: u32,
    /// The tag name.
    pub tag: LocalName,
    /// Readability's class and id weight: +25 for a content word, −25 for a furniture word.
    pub weight: i32,
    /// What its class, id, role or tag says it is, when that is page furniture.
    pub mark: Option<JunkKind>,
    /// The first of its blocks; its blocks are `first_block..end_block`.
    pub first_block: u32,
    /// One past its last block.
    pub end_block: u32,
    /// Text length of everything under it (see [`Block::len`]).
    pub text_len: u32,
    /// Of which inside links.
    pub link_len: u32,
    /// One past its last descendant: its descendants are `index + 1..end_el`.
    pub end_el: u32,
    /// Whether a block-level element is among its children.
    pub block_child: bool,
}

impl El {
    /// The share of its text inside links.
    pub fn link_density(&self) -> f32 {
        if self.text_len == 0 {
            0.0
        } else {
            self.link_len as f32 / self.text_len as f32
        }
    }
}

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph, or text directly in a `div`, cell or quote.
    Text,
    /// A heading of level 1 to 6.
    Heading(u8),
    /// A list item.
    Item,
    /// A figure caption.
    Caption,
}

/// A run of text between two block boundaries.
#[derive(Debug)]
pub struct Block {
    /// The innermost block-level element it is in.
    pub el: u32,
    /// Its text, whitespace collapsed.
    pub text: String,
    /// Its length for scoring: characters, a CJK ideograph or syllable counting as two.
    pub len: u32,
    /// Of which inside links.
    pub link_len: u32,
    /// What it is.
    pub kind: BlockKind,
    /// Separated from the block before it by a line break (`<br>`) only.
    pub after_br: bool,
}

/// What the page's head and markup say about the article.
#[derive(Debug, Default)]
pub struct Head {
    /// `<title>`.
    pub title: Option<String>,
    /// `og:title` or `twitter:title`.
    pub og_title: Option<String>,
    /// `og:site_name` or `application-name`.
    pub site_name: Option<String>,
    /// A publication date (from meta tags, JSON-LD or `<time datetime>`), as written.
    pub date: Option<String>,
    /// `<link rel="canonical">` or `og:url`.
    pub url: Option<String>,
    /// The JSON-LD `headline`.
    pub ld_headline: Option<String>,
    /// The JSON-LD `publisher.name`.
    pub ld_publisher: Option<String>,
}

/// A page parsed and flattened.
#[derive(Debug, Default)]
pub struct Page {
    /// The elements, in document order.
    pub els: Vec<El>,
    /// The blocks, in document order.
    pub blocks: Vec<Block>,
    /// What the head says.
    pub head: Head,
}

/// Elements whose content is never text a reader shows.
fn is_skipped(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("iframe")
            | local_name!("frameset")
            | local_name!("button")
            | local_name!("select")
            | local_name!("option")
            | local_name!("input")
            | local_name!("textarea")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("canvas")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("map")
            | local_name!("title")
            | local_name!("dialog")
    )
}

/// Elements that start and end a block of text.
fn is_block(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("p")
            | local_name!("div")
            | local_name!("section")
            | local_name!("article")
            | local_name!("main")
            | local_name!("header")
            | local_name!("footer")
            | local_name!("nav")
            | local_name!("aside")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("li")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("tr")
            | local_name!("caption")
            | local_name!("blockquote")
            | local_name!("figure")
            | local_name!("figcaption")
            | local_name!("pre")
            | local_name!("address")
            | local_name!("form")
            | local_name!("fieldset")
            | local_name!("details")
            | local_name!("summary")
            | local_name!("center")
            | local_name!("hr")
            | local_name!("body")
            | local_name!("html")
    )
}

/// Whether a word of a class or id says "this is the content".
fn is_content_word(w: &str) -> bool {
    matches!(
        w,
        "article"
            | "body"
            | "content"
            | "entry"
            | "hentry"
            | "main"
            | "page"
            | "post"
            | "text"
            | "blog"
            | "story"
            | "articlebody"
            | "storybody"
            | "postbody"
    )
}

/// What a word of a class or id says the element is, when it says page furniture.
fn furniture_word(w: &str) -> Option<JunkKind> {
    Some(match w {
        "nav" | "navbar" | "navigation" | "menu" | "breadcrumb" | "breadcrumbs" | "related"
        | "recommended" | "recommendations" | "readmore" | "popular" | "trending" | "outbrain"
        | "taboola" | "tags" | "pagination" | "pager" => JunkKind::LinkList,
        "sidebar" | "widget" | "footer" | "comment" | "comments" | "disqus" | "masthead" => {
            JunkKind::Furniture
        }
        "share" | "sharing" | "sharebar" | "social" | "newsletter" | "subscribe"
        | "subscription" | "signup" | "cookie" | "cookies" | "consent" | "gdpr" | "promo"
        | "ad" | "ads" | "advert" | "advertisement" | "adslot" | "sponsor" | "sponsored" => {
            JunkKind::Boilerplate
        }
        "byline" | "author" | "dateline" | "timestamp" => JunkKind::Byline,
        "caption" | "credit" => JunkKind::Caption,
        _ => return None,
    })
}

/// Calls `f` with each word of a class or id attribute (split at anything not a letter or
/// digit), lower-cased.
fn for_each_word(attr: &str, mut f: impl FnMut(&str)) {
    let mut buf = String::new();
    for w in attr.split(|c: char| !c.is_ascii_alphanumeric()) {
        if w.is_empty() || w.len() > 24 {
            continue;
        }
        buf.clear();
        buf.extend(w.chars().map(|c| c.to_ascii_lowercase()));
        f(&buf);
    }
}

/// The weight and the furniture mark of an element from its class and id.
fn class_signals(tag: &LocalName, class: &str, id: &str, role: &str) -> (i32, Option<JunkKind>) {
    let mut weight = 0;
    let mut mark = None;
    let mut content = false;
    for attr in [class, id] {
        let (mut pos, mut neg) = (false, false);
        for_each_word(attr, |w| {
            pos |= is_content_word(w);
            if let Some(kind) = furniture_word(w) {
                neg = true;
                mark = mark.or(Some(kind));
            }
        });
        content |= pos;
        weight += 25 * (pos as i32) - 25 * (neg as i32);
    }
    // A wrapper that says it holds the content ("l-sidebar-fixed l-article-body") is not
    // furniture, and the document's own elements carry page states ("no-sidebar").
    if content
        || matches!(
            *tag,
            local_name!("html")
                | local_name!("body")
                | local_name!("main")
                | local_name!("article")
        )
    {
        mark = None;
    }
    let by_tag = match *tag {
        local_name!("nav") => Some(JunkKind::LinkList),
        local_name!("aside") => Some(JunkKind::Furniture),
        local_name!("footer") => Some(JunkKind::Furniture),
        local_name!("figcaption") => Some(JunkKind::Caption),
        _ => None,
    };
    let by_role = match role {
        "navigation" | "menu" | "menubar" => Some(JunkKind::LinkList),
        "complementary" | "contentinfo" => Some(JunkKind::Furniture),
        "banner" if *tag != local_name!("header") => Some(JunkKind::Furniture),
        _ => None,
    };
    (weight, by_tag.or(by_role).or(mark))
}

/// Whether an element is hidden from a reader (`hidden`, `display:none`, `aria-hidden`).
fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Whether `c` is written without spaces between words (CJK ideographs, kana, hangul).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// The length of a text for scoring (a CJK character counts as two).
pub fn text_len(s: &str) -> u32 {
    s.chars()
        .map(|c| if is_cjk(c) { 2 } else { 1 })
        .sum::<u32>()
}

/// The text being gathered for the current block.
#[derive(Default)]
struct Inline {
    text: String,
    link_len: u32,
    after_br: bool,
}

impl Inline {
    fn push(&mut self, s: &str, in_link: bool) {
        let mut last_space = self.text.is_empty() || self.text.ends_with(' ');
        let mut added = 0;
        for c in s.chars() {
            if c.is_whitespace() && c != '\u{A0}' {
                if !last_space {
                    self.text.push(' ');
                    last_space = true;
                }
            } else if c != '\u{AD}' && c != '\u{200B}' && c != '\0' {
                self.text.push(c);
                last_space = false;
                added += if is_cjk(c) { 2 } else { 1 };
            }
        }
        if in_link {
            self.link_len += added;
        }
    }
}

/// The stack frame of an open element during the walk.
struct Open {
    el: u32,
    /// The innermost block element (this one, or the one it is in).
    block: u32,
    kind: BlockKind,
    is_link: bool,
}

struct Walker {
    page: Page,
    stack: Vec<Open>,
    inline: Inline,
    links: u32,
}

impl Walker {
    fn flush(&mut self) {
        let text = self.inline.text.trim();
        if text.is_empty() {
            self.inline = Inline::default();
            return;
        }
        let top = self
            .stack
            .last()
            .map_or((0, BlockKind::Text), |o| (o.block, o.kind));
        let text = text.to_string();
        self.page.blocks.push(Block {
            el: top.0,
            len: text_len(&text),
            text,
            link_len: self.inline.link_len,
            kind: top.1,
            after_br: self.inline.after_br,
        });
        self.inline = Inline::default();
    }

    fn enter(&mut self, el: &scraper::node::Element) -> bool {
        let tag = el.name.local.clone();
        if tag == local_name!("br") {
            self.flush();
            self.inline.after_br = true;
            return false;
        }
        if is_skipped(&tag) || is_hidden(el) {
            return false;
        }
        // The cells of a row are one line of text (a row of a table of results reads as a
        // line; a layout table's cell that holds paragraphs still splits at them).
        if matches!(tag, local_name!("td") | local_name!("th")) && !self.inline.text.is_empty() {
            let kept = self.inline.text.trim_end().len();
            self.inline.text.truncate(kept);
            self.inline.text.push_str(" | ");
        }
        let block = is_block(&tag);
        if block {
            self.flush();
        }
        if block && let Some(p) = self.stack.last() {
            self.page.els[p.el as usize].block_child = true;
        }
        let parent = self.stack.last();
        let (weight, mark) = class_signals(
            &tag,
            el.attr("class").unwrap_or(""),
            el.attr("id").unwrap_or(""),
            &el.attr("role").unwrap_or("").to_ascii_lowercase(),
        );
        let index = self.page.els.len() as u32;
        let kind = match tag {
            local_name!("h1") => BlockKind::Heading(1),
            local_name!("h2") => BlockKind::Heading(2),
            local_name!("h3") => BlockKind::Heading(3),
            local_name!("h4") => BlockKind::Heading(4),
            local_name!("h5") => BlockKind::Heading(5),
            local_name!("h6") => BlockKind::Heading(6),
            local_name!("li") | local_name!("dt") | local_name!("dd") => BlockKind::Item,
            local_name!("figcaption") | local_name!("caption") => BlockKind::Caption,
            _ if block => match parent.map(|p| p.kind) {
                // A `div` inside a heading or a caption is still the heading or caption.
                Some(k @ (BlockKind::Heading(_) | BlockKind::Caption)) => k,
                _ => BlockKind::Text,
            },
            _ => parent.map_or(BlockKind::Text, |p| p.kind),
        };
        let is_link = tag == local_name!("a");
        let open = Open {
            el: index,
            block: if block {
                index
            } else {
                parent.map_or(index, |p| p.block)
            },
            kind,
            is_link,
        };
        self.page.els.push(El {
            parent: parent.map_or(NO_PARENT, |p| p.el),
            tag,
            weight,
            mark,
            first_block: self.page.blocks.len() as u32,
            end_block: 0,
            text_len: 0,
            link_len: 0,
            end_el: 0,
            block_child: false,
        });
        if is_link {
            self.links += 1;
        }
        self.stack.push(open);
        true
    }

    fn leave(&mut self) {
        let Some((el, is_link)) = self.stack.last().map(|o| (o.el as usize, o.is_link)) else {
            return;
        };
        if is_block(&self.page.els[el].tag) {
            self.flush();
        }
        if is_link {
            self.links -= 1;
        }
        self.stack.pop();
        self.page.els[el].end_block = self.page.blocks.len() as u32;
        self.page.els[el].end_el = self.page.els.len() as u32;
    }

    fn text(&mut self, s: &str) {
        let in_link = self.links > 0;
        self.inline.push(s, in_link);
    }
}

/// The text directly inside an element (for `<title>` and JSON-LD), whitespace collapsed.
fn own_text(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for c in node.children() {
        if let Node::Text(t) = c.value() {
            s.push_str(t);
        }
    }
    s
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses and flattens a page.
pub fn parse(html: &str) -> Page {
    let doc = Html::parse_document(&super::raw::strip_scripts(html));
    let mut w = Walker {
        page: Page::default(),
        stack: Vec::new(),
        inline: Inline::default(),
        links: 0,
    };
    let root = doc.tree.root();
    let mut node = root;
    loop {
        // Enter `node`; go down when it has children to read.
        let mut down = false;
        let mut is_element = false;
        match node.value() {
            Node::Element(el) => {
                head_element(&mut w.page.head, el, node);
                is_element = true;
                down = w.enter(el);
            }
            Node::Text(t) => w.text(t),
            Node::Document | Node::Fragment => down = true,
            _ => {}
        }
        if down && let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        if down && is_element {
            w.leave();
        }
        // Go to the next sibling, leaving the elements that end on the way.
        loop {
            if node.id() == root.id() {
                w.flush();
                return finish(w.page);
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            let Some(parent) = node.parent() else {
                w.flush();
                return finish(w.page);
            };
            node = parent;
            if matches!(node.value(), Node::Element(_)) {
                w.leave();
            }
        }
    }
}

/// Sums the text lengths of the blocks into their elements (parents come before children).
fn finish(mut page: Page) -> Page {
    for b in &page.blocks {
        let e = &mut page.els[b.el as usize];
        e.text_len += b.len;
        e.link_len += b.link_len;
    }
    for i in (0..page.els.len()).rev() {
        let (p, t, l) = {
            let e = &page.els[i];
            (e.parent, e.text_len, e.link_len)
        };
        if p != NO_PARENT {
            page.els[p as usize].text_len += t;
            page.els[p as usize].link_len += l;
        }
    }
    page
}

/// Reads what the page's metadata says from a `<title>`, `<meta>`, `<link>`, `<time>` or
/// JSON-LD `<script>` element.
fn head_element(head: &mut Head, el: &scraper::node::Element, node: ego_tree::NodeRef<'_, Node>) {
    match el.name.local {
        local_name!("title") if head.title.is_none() => {
            let t = collapse(&own_text(node));
            if !t.is_empty() {
                head.title = Some(t);
            }
        }
        local_name!("meta") => {
            let key = el
                .attr("property")
                .or_else(|| el.attr("name"))
                .or_else(|| el.attr("itemprop"));
            let (Some(key), Some(content)) = (key, el.attr("content")) else {
                return;
            };
            let content = content.trim();
            if content.is_empty() {
                return;
            }
            match key.to_ascii_lowercase().as_str() {
                "og:site_name" | "application-name" if head.site_name.is_none() => {
                    head.site_name = Some(content.to_string())
                }
                "og:title" | "twitter:title" if head.og_title.is_none() => {
                    head.og_title = Some(content.to_string())
                }
                "og:url" if head.url.is_none() => head.url = Some(content.to_string()),
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
                    if head.date.is_none() =>
                {
                    head.date = Some(content.to_string());
                }
                _ => {}
            }
        }
        local_name!("link")
            if el
                .attr("rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
        {
            if let Some(h) = el.attr("href") {
                head.url = Some(h.to_string());
            }
        }
        local_name!("time") if head.date.is_none() => {
            head.date = el.attr("datetime").map(str::to_string);
        }
        local_name!("script")
            if el
                .attr("type")
                .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) =>
        {
            json_ld(head, &own_text(node));
        }
        _ => {}
    }
}

/// Reads a JSON-LD block: the first `datePublished`, `headline` and `publisher.name` in it.
fn json_ld(head: &mut Head, body: &str) {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(body.trim()) else {
        return;
    };
    // Breadth-first over the objects (a `@graph` or a list holds several), a bounded number.
    let mut queue = std::collections::VecDeque::from([&v]);
    let mut seen = 0;
    while let Some(v) = queue.pop_front() {
        seen += 1;
        if seen > 2_000 {
            break;
        }
        match v {
            serde_json::Value::Array(a) => queue.extend(a.iter()),
            serde_json::Value::Object(o) => {
                let str_of = |k: &str| o.get(k).and_then(|x| x.as_str()).map(str::trim);
                if head.date.is_none()
                    && let Some(d) = str_of("datePublished").filter(|d| !d.is_empty())
                {
                    head.date = Some(d.to_string());
                }
                if head.ld_headline.is_none()
                    && let Some(h) = str_of("headline").filter(|h| !h.is_empty())
                {
                    head.ld_headline = Some(collapse(h));
                }
                if head.ld_publisher.is_none()
                    && let Some(n) = o
                        .get("publisher")
                        .and_then(|p| p.get("name"))
                        .and_then(|n| n.as_str())
                        .filter(|n| !n.trim().is_empty())
                {
                    head.ld_publisher = Some(n.trim().to_string());
                }
                queue.extend(o.values().filter(|x| x.is_object() || x.is_array()));
            }
            _ => {}
        }
    }
}
