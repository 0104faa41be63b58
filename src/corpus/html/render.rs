//! The displayed text of a page: the headline and the lines under it (byline, dateline), then
//! the article's blocks, paragraphs separated by blank lines. What the reader shows but the
//! analysis leaves out — the headline, bylines, captions, link lists, share bars and other
//! furniture inside the article — is returned as junk ranges of that text.

use html5ever::local_name;

use super::content::in_furniture;
use super::tree::{Block, BlockKind, Page};
use crate::corpus::{Junk, JunkKind};

/// The displayed text and its junk.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The text.
    pub text: String,
    /// Junk ranges of `text`, sorted, not overlapping.
    pub junk: Vec<Junk>,
    /// The headline shown above the article, if one was found.
    pub headline: Option<String>,
}

/// Words a byline or a dateline is at most.
const BYLINE_WORDS: usize = 14;
/// Blocks between the headline and the article that are shown with it.
const HEAD_BLOCKS: usize = 8;

/// Renders the blocks of `regions` (element indices, in document order) with the headline
/// before them.
pub fn render(page: &Page, regions: &[u32]) -> Rendered {
    let mut picked: Vec<(u32, Option<JunkKind>)> = Vec::new();
    let first = regions.first().map_or(page.blocks.len() as u32, |&r| {
        page.els[r as usize].first_block
    });
    let furniture = in_furniture(&page.els);
    // The headline: the first top-level heading before the article, outside furniture.
    let headline = page.blocks[..first as usize]
        .iter()
        .rposition(|b| b.kind == BlockKind::Heading(1) && !furniture[b.el as usize]);
    if let Some(h) = headline {
        let between = &page.blocks[h + 1..first as usize];
        picked.push((h as u32, Some(JunkKind::Headline)));
        if between.len() <= HEAD_BLOCKS {
            for (i, b) in between.iter().enumerate() {
                if furniture[b.el as usize]
                    && page.els[b.el as usize].mark != Some(JunkKind::Byline)
                {
                    continue;
                }
                // A lead paragraph under the headline is the article's first paragraph.
                let kind = if words(&b.text) <= BYLINE_WORDS {
                    Some(JunkKind::Byline)
                } else if b.link_len * 2 > b.len {
                    Some(JunkKind::LinkList)
                } else {
                    None
                };
                picked.push(((h + 1 + i) as u32, kind));
            }
        }
    }
    for &r in regions {
        classify_region(page, r, &mut picked);
    }
    let mut out = Rendered {
        headline: picked
            .iter()
            .find(|&&(b, k)| {
                k == Some(JunkKind::Headline)
                    && page.blocks[b as usize].kind == BlockKind::Heading(1)
            })
            .map(|&(b, _)| page.blocks[b as usize].text.clone()),
        ..Default::default()
    };
    let mut prev: Option<u32> = None;
    for (b, kind) in picked {
        let block = &page.blocks[b as usize];
        if !out.text.is_empty() {
            let same_line = block.after_br && prev == Some(b.wrapping_sub(1));
            let sep = if same_line { "\n" } else { "\n\n" };
            // A junk range that goes on runs over the break too.
            if let (Some(k), Some(last)) = (kind, out.junk.last_mut())
                && last.kind == k
                && last.end == out.text.len()
            {
                out.text.push_str(sep);
                out.text.push_str(&block.text);
                last.end = out.text.len();
                prev = Some(b);
                continue;
            }
            out.text.push_str(sep);
        }
        let start = out.text.len();
        out.text.push_str(&block.text);
        if let Some(kind) = kind {
            out.junk.push(Junk {
                start,
                end: out.text.len(),
                kind,
            });
        }
        prev = Some(b);
    }
    out
}

fn words(s: &str) -> usize {
    let spaced = s.split_whitespace().count();
    let cjk = s.chars().filter(|&c| super::tree::is_cjk(c)).count();
    spaced.max(cjk / 2)
}

/// Appends the blocks of region `r` with what each is: article text (`None`) or junk.
fn classify_region(page: &Page, r: u32, picked: &mut Vec<(u32, Option<JunkKind>)>) {
    let els = &page.els;
    let region = &els[r as usize];
    // The nearest furniture element around each element inside the region, not counting one
    // that holds most of the region (that is a page state, "has-sidebar", not furniture).
    let base = r as usize;
    let n = region.end_el as usize - base;
    // The region itself was chosen as the article: its own mark does not count.
    let mut near: Vec<Option<JunkKind>> = vec![None; n];
    for i in base + 1..base + n {
        let e = &els[i];
        let own = e.mark.filter(|_| e.text_len * 2 < region.text_len.max(1));
        let inherited = (e.parent as usize)
            .checked_sub(base)
            .and_then(|p| near.get(p).copied())
            .flatten();
        near[i - base] = inherited.or(own);
    }
    let link_lists = link_lists(page, r);
    // Right under a headline, up to three short lines with a date or a "By" are its byline
    // and dateline.
    let mut under_headline = 0;
    for b in region.first_block..region.end_block {
        let block = &page.blocks[b as usize];
        // Text of an inline region belongs to the block around it: nothing is nearer.
        let nearest = (block.el as usize)
            .checked_sub(base)
            .and_then(|i| near.get(i).copied())
            .flatten();
        let kind = nearest.or_else(|| junk_of_block(page, block)).or_else(|| {
            link_lists
                .contains(&els[block.el as usize].parent)
                .then_some(JunkKind::LinkList)
        });
        let kind = match kind {
            Some(JunkKind::Headline) => {
                under_headline = 3;
                kind
            }
            None if under_headline > 0 && is_byline(page, b) => {
                under_headline -= 1;
                Some(JunkKind::Byline)
            }
            None => {
                under_headline = 0;
                None
            }
            other => other,
        };
        picked.push((b, kind));
    }
}

/// What a block is, by itself, when it is not article text.
fn junk_of_block(page: &Page, b: &Block) -> Option<JunkKind> {
    match b.kind {
        BlockKind::Caption => Some(JunkKind::Caption),
        BlockKind::Heading(1) => Some(JunkKind::Headline),
        _ if b.link_len * 3 > b.len * 2 => Some(JunkKind::LinkList),
        _ => {
            let e = &page.els[b.el as usize];
            (e.tag == local_name!("figure")).then_some(JunkKind::Caption)
        }
    }
}

/// The lists inside region `r` that are mostly links.
fn link_lists(page: &Page, r: u32) -> Vec<u32> {
    (r..page.els[r as usize].end_el)
        .filter(|&e| {
            let el = &page.els[e as usize];
            // A list of headlines: mostly links, short items.
            let items = super::content::children(&page.els, e).count().max(1) as u32;
            matches!(el.tag, local_name!("ul") | local_name!("ol"))
                && el.link_density() > 0.5
                && el.text_len / items < 120
        })
        .collect()
}

/// Whether block `b` reads like a byline or a dateline: a short line of its own with a digit
/// or a "By".
fn is_byline(page: &Page, b: u32) -> bool {
    let block = &page.blocks[b as usize];
    let t = block.text.as_str();
    let continued = page
        .blocks
        .get(b as usize + 1)
        .is_some_and(|n| n.after_br && n.el == block.el);
    let lower = t.to_lowercase();
    block.kind == BlockKind::Text
        && !block.after_br
        && !continued
        && words(t) <= 8
        && !t.ends_with(['.', '。', '!', '?', '"', '”'])
        && (t.chars().any(|c| c.is_ascii_digit())
            || ["by ", "von ", "por ", "par ", "di ", "door "]
                .iter()
                .any(|w| lower.starts_with(w)))
}
