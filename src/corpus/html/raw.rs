//! Before parsing: the bodies of `<script>` and `<style>` elements are cut out of the page.
//!
//! They are half of a saved news page's bytes and never text a reader shows; cut out, the
//! parser has half the work. The cut follows the HTML tokenizer's own rules — tags are read
//! with their quoted attributes, comments are skipped whole, a script ends at the first
//! `</script` — and leaves alone what it cannot cut the way a browser would: JSON-LD scripts
//! (the metadata is read from them) and scripts that open a comment (where a browser's
//! tokenizer can run past the first `</script>`).

use std::borrow::Cow;

/// The page with the bodies of its scripts and styles removed.
pub fn strip_scripts(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` before this are in `out` (or cut)
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &b[i..]).map(|p| i + p) {
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            // A comment: skip it whole ("<!-->" and "<!--->" end at once).
            let body = lt + 4;
            i = match find(&b[body..], b"-->") {
                _ if b[body..].starts_with(b">") => body + 1,
                _ if b[body..].starts_with(b"->") => body + 2,
                Some(p) => body + p + 3,
                None => return finish(html, out, copied),
            };
            continue;
        }
        let name_len = rest[1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !rest[1].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = &rest[1..1 + name_len];
        let Some(tag_end) = tag_end(b, lt + 1 + name_len) else {
            return finish(html, out, copied);
        };
        let raw = if name.eq_ignore_ascii_case(b"script") {
            b"</script".as_slice()
        } else if name.eq_ignore_ascii_case(b"style") {
            b"</style".as_slice()
        } else {
            i = tag_end;
            continue;
        };
        let Some(close) = find_ignore_case(&b[tag_end..], raw).map(|p| tag_end + p) else {
            return finish(html, out, copied);
        };
        let attrs = &html[lt..tag_end];
        let body = &b[tag_end..close];
        let keep = attrs.to_ascii_lowercase().contains("ld+json") || find(body, b"<!--").is_some();
        if !keep && close > tag_end {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
            o.push_str(&html[copied..tag_end]);
            copied = close;
        }
        i = close + raw.len();
    }
    finish(html, out, copied)
}

fn finish(html: &str, out: Option<String>, copied: usize) -> Cow<'_, str> {
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

/// Where a start tag whose name ends at `from` ends (one past its `>`), honouring quoted
/// attribute values as the tokenizer does; `None` when the page ends first.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut j = from;
    // Whether the last thing read was `=` (a quote then opens a value).
    let mut after_eq = false;
    while j < b.len() {
        match b[j] {
            b'>' => return Some(j + 1),
            b'=' => after_eq = true,
            q @ (b'"' | b'\'') if after_eq => {
                j += 1 + memchr(q, &b[j + 1..])?;
                after_eq = false;
            }
            c if c.is_ascii_whitespace() => {}
            _ => after_eq = false,
        }
        j += 1;
    }
    None
}

use memchr::memchr;
use memchr::memmem::find;

/// The first `needle` (lower-case ASCII) in `hay`, in any case, followed by what ends a tag
/// name (white space, `/`, `>`) or the end.
fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = memchr(b'<', &hay[from..]).map(|p| from + p) {
        let end = p + needle.len();
        if end <= hay.len()
            && hay[p..end].eq_ignore_ascii_case(needle)
            && hay
                .get(end)
                .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
        {
            return Some(p);
        }
        from = p + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_script_and_style_bodies_only() {
        let page = r#"<p title="a<script>b">One</p><script type="text/javascript">var s = '<p>not text</p>';</script><STYLE>p{}</STYLE ><p>Two</p>"#;
        assert_eq!(
            strip_scripts(page),
            r#"<p title="a<script>b">One</p><script type="text/javascript"></script><STYLE></STYLE ><p>Two</p>"#
        );
    }

    #[test]
    fn leaves_what_a_browser_reads_differently() {
        for page in [
            r#"<script type="application/ld+json">{"datePublished":"2024-01-02"}</script>"#,
            "<script><!-- <script>x</script> --></script><p>a</p>",
            "<!-- <script> --><p>Kept</p><script>x</script>",
            "<script>never closed",
            "<p>a < b</p>",
        ] {
            let cut = strip_scripts(page);
            match page {
                "<!-- <script> --><p>Kept</p><script>x</script>" => {
                    assert_eq!(cut, "<!-- <script> --><p>Kept</p><script></script>")
                }
                _ => assert_eq!(cut, page),
            }
        }
    }
}
