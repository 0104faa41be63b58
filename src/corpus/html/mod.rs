//! A saved web page read as a browser's reader mode reads it.
//!
//! Three steps, one file each:
//!
//! 0. [`raw`]: the bodies of scripts and styles are cut out (half of a page's bytes).
//! 1. [`tree`]: the page is parsed by html5ever into the tree a browser builds, and flattened
//!    into elements (with their class and id signals) and text blocks (paragraphs, headings,
//!    list items, captions); scripts, styles, forms' controls and hidden elements give no text.
//!    The `<head>`, meta tags and JSON-LD give the title, outlet, date and address.
//! 2. [`content`]: readability's scoring picks the element that holds the article.
//! 3. [`render`]: the displayed text is the headline and the lines under it, then the
//!    article's blocks; headline, bylines, captions, link lists and furniture inside the
//!    article are junk ranges of it (shown dimmed, not analysed).
//!
//! ```
//! let page = proxylens::corpus::html::convert(
//!     "<title>T</title><nav><a href=/>Home</a></nav><article><h1>Strike</h1>\
//!      <p>The strike hit the depot at dawn, officials said, and the fire burned all day.</p></article>",
//! );
//! assert!(page.text.starts_with("Strike\n\nThe strike hit the depot"));
//! assert!(!page.text.contains("Home"));
//! ```

mod content;
mod raw;
mod render;
mod tree;

use super::Junk;

/// The text of a page and the metadata found in it.
#[derive(Debug, Default)]
pub struct HtmlPage {
    /// The displayed text: headline, byline, article; paragraphs separated by blank lines.
    pub text: String,
    /// Junk ranges of `text` the page's structure shows (headline, captions, link lists,
    /// furniture inside the article), sorted.
    pub junk: Vec<Junk>,
    /// `og:title`, the JSON-LD headline, or `<title>`.
    pub title: Option<String>,
    /// The headline shown above the article (the page's `<h1>`).
    pub h1: Option<String>,
    /// `og:site_name`, `application-name` or the JSON-LD publisher.
    pub site_name: Option<String>,
    /// A publication date as written (from meta tags, JSON-LD, or `<time datetime>`).
    pub date: Option<String>,
    /// `<link rel="canonical">` or `og:url`.
    pub url: Option<String>,
}

/// Converts a page to its displayed text, junk and metadata.
pub fn convert(html: &str) -> HtmlPage {
    let page = tree::parse(html);
    let regions = content::choose(&page);
    let rendered = render::render(&page, &regions);
    let head = page.head;
    HtmlPage {
        text: rendered.text,
        junk: rendered.junk,
        title: head.og_title.or(head.ld_headline).or(head.title),
        h1: rendered.headline,
        site_name: head.site_name.or(head.ld_publisher),
        date: head.date,
        url: head.url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_decoded() {
        let p = convert(
            "<div class=story><p>Kata&#39;ib Hezbollah &ldquo;denied&rdquo; it &amp; more,&nbsp;said the \
             statement, which was&#x2019;read aloud on television&hellip;</p></div>",
        );
        assert!(
            p.text.contains(
                "Kata'ib Hezbollah “denied” it & more,\u{A0}said the statement, which was’read"
            ),
            "{:?}",
            p.text
        );
    }

    #[test]
    fn a_broken_tag_before_a_wide_character_keeps_boundaries() {
        // Found by the fuzzer on the old scanner: a tag cut short after a 4-byte character.
        let p = convert("<p>One<b\u{11F13}<i>two</i> three</p>");
        assert!(p.text.contains("two three"), "{:?}", p.text);
        assert!(convert("a < b and c > d").text.contains("a < b and c > d"));
    }

    #[test]
    fn a_script_that_writes_a_script_tag_does_not_swallow_the_page() {
        let p = convert(
            "<script>document.write('<script src=\"a.js\"><\\/script>');</script>\
             <p>The strike hit the depot at dawn, officials said, and the fire burned all day.</p>",
        );
        assert!(p.text.contains("The strike hit the depot"), "{:?}", p.text);
        assert!(!p.text.contains("document.write"));
    }
}
