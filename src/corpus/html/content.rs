//! Which part of a page is the article: readability's scoring over the flattened tree.
//!
//! Every paragraph of 25 characters or more gives points (one, one per comma, one per 100
//! characters up to three) to the elements around it, fewer the further out; an element starts
//! from its tag and its class and id words, and ends scaled by the share of its text that is
//! not in links. The best element, moved out to the ancestor that holds its neighbours when
//! they score nearly as well, is the article; siblings that score well or read like paragraphs
//! join it. Paragraphs inside page furniture (navigation, sidebars, "related" boxes, share
//! bars, comments) give no points.

use html5ever::local_name;

use super::tree::{Block, BlockKind, El, NO_PARENT, Page};

/// The children of element `p`.
pub fn children(els: &[El], p: u32) -> impl Iterator<Item = u32> + '_ {
    let end = els[p as usize].end_el;
    let mut c = p + 1;
    std::iter::from_fn(move || {
        if c >= end {
            return None;
        }
        let this = c;
        c = els[c as usize].end_el.max(c + 1);
        Some(this)
    })
}

/// Whether each element is furniture or inside furniture.
pub fn in_furniture(els: &[El]) -> Vec<bool> {
    let mut inside = vec![false; els.len()];
    for (i, e) in els.iter().enumerate() {
        inside[i] = e.mark.is_some() || (e.parent != NO_PARENT && inside[e.parent as usize]);
    }
    inside
}

fn tag_score(e: &El) -> f32 {
    match e.tag {
        local_name!("div") | local_name!("article") | local_name!("main") => 5.0,
        local_name!("pre") | local_name!("td") | local_name!("blockquote") => 3.0,
        local_name!("address")
        | local_name!("ol")
        | local_name!("ul")
        | local_name!("dl")
        | local_name!("dd")
        | local_name!("dt")
        | local_name!("li")
        | local_name!("form") => -3.0,
        local_name!("h1")
        | local_name!("h2")
        | local_name!("h3")
        | local_name!("h4")
        | local_name!("h5")
        | local_name!("h6")
        | local_name!("th") => -5.0,
        _ => 0.0,
    }
}

/// The commas of a block (a comma of Chinese, Japanese or Arabic too).
fn commas(b: &Block) -> u32 {
    b.text
        .chars()
        .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
        .count() as u32
}

/// The elements whose blocks are the article, in document order; empty when nothing on the
/// page reads like a paragraph.
pub fn choose(page: &Page) -> Vec<u32> {
    let els = &page.els;
    if els.is_empty() {
        return Vec::new();
    }
    let furniture = in_furniture(els);
    let mut scores = score(page, &furniture);
    if scores.iter().all(|s| s.is_none()) {
        // Everything readable is in something that looks like furniture: score it anyway.
        scores = score(page, &vec![false; els.len()]);
    }
    let finals: Vec<Option<f32>> = scores
        .iter()
        .zip(els)
        .map(|(s, e)| s.map(|s| s * (1.0 - e.link_density())))
        .collect();
    let mut ranked: Vec<u32> = (0..els.len() as u32)
        .filter(|&i| finals[i as usize].is_some())
        .collect();
    if ranked.is_empty() {
        // No paragraph anywhere: the page's body as it is, its furniture dimmed.
        return els
            .iter()
            .position(|e| e.tag == local_name!("body"))
            .map(|b| vec![b as u32])
            .unwrap_or_default();
    }
    ranked.sort_by(|&a, &b| {
        finals[b as usize]
            .unwrap_or(0.0)
            .total_cmp(&finals[a as usize].unwrap_or(0.0))
    });
    let score_of = |i: u32| finals[i as usize];
    let mut top = ranked[0];
    let top_score = score_of(top).unwrap_or(0.0);
    // Neighbours that score nearly as well: their common ancestor holds the article.
    let alternatives: Vec<u32> = ranked[1..ranked.len().min(5)]
        .iter()
        .copied()
        .filter(|&c| score_of(c).unwrap_or(0.0) / top_score.max(1e-6) >= 0.75)
        .collect();
    if alternatives.len() >= 3 {
        let mut p = els[top as usize].parent;
        while p != NO_PARENT && !is_root(&els[p as usize]) {
            let holds = alternatives
                .iter()
                .filter(|&&c| is_ancestor(els, p, c))
                .count();
            if holds >= 3 {
                top = p;
                break;
            }
            p = els[p as usize].parent;
        }
    }
    // Up the chain while the parent scores better.
    let mut last = score_of(top).unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut p = els[top as usize].parent;
    while p != NO_PARENT && !is_root(&els[p as usize]) {
        let Some(ps) = score_of(p) else {
            p = els[p as usize].parent;
            continue;
        };
        if ps < threshold {
            break;
        }
        if ps > last {
            top = p;
            break;
        }
        last = ps;
        p = els[p as usize].parent;
    }
    // An only child is its parent.
    loop {
        let p = els[top as usize].parent;
        if p == NO_PARENT || is_root(&els[p as usize]) || children(els, p).count() != 1 {
            break;
        }
        top = p;
    }
    let top_final = score_of(top).unwrap_or(0.0);
    let parent = els[top as usize].parent;
    if parent == NO_PARENT {
        return vec![top];
    }
    let top_paragraphs = paragraph_len(page, top, &furniture);
    // Siblings that belong with it.
    let threshold = (top_final * 0.2).max(10.0);
    children(els, parent)
        .filter(|&s| {
            if s == top {
                return true;
            }
            let e = &els[s as usize];
            if furniture[s as usize] {
                return false;
            }
            if score_of(s).is_some_and(|x| x >= threshold) {
                return true;
            }
            // A sibling that holds paragraphs of its own, deeper down (a story in sections).
            if paragraph_len(page, s, &furniture) >= 200.max(top_paragraphs / 10) {
                return true;
            }
            if e.tag != local_name!("p") {
                return false;
            }
            let text: String = page.blocks[e.first_block as usize..e.end_block as usize]
                .iter()
                .map(|b| b.text.as_str())
                .collect();
            let ld = e.link_density();
            (e.text_len > 80 && ld < 0.25)
                || (e.text_len > 0
                    && e.text_len <= 80
                    && ld == 0.0
                    && text.trim_end().ends_with(['.', '。', '!', '?']))
        })
        .collect()
}

fn is_root(e: &El) -> bool {
    matches!(e.tag, local_name!("html") | local_name!("body"))
}

fn is_ancestor(els: &[El], a: u32, d: u32) -> bool {
    a < d && d < els[a as usize].end_el
}

/// Each element's content score, `None` for an element no paragraph gave points to.
fn score(page: &Page, furniture: &[bool]) -> Vec<Option<f32>> {
    let els = &page.els;
    let mut scores: Vec<Option<f32>> = vec![None; els.len()];
    // Lines split by `<br>` in one element are one paragraph.
    let blocks = &page.blocks;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        let mut j = i + 1;
        while j < blocks.len() && blocks[j].after_br && blocks[j].el == b.el {
            j += 1;
        }
        let len: u32 = blocks[i..j].iter().map(|x| x.len).sum();
        let commas: u32 = blocks[i..j].iter().map(commas).sum();
        i = j;
        if len < 25 || furniture[b.el as usize] {
            continue;
        }
        if !matches!(b.kind, BlockKind::Text | BlockKind::Heading(2..)) {
            continue;
        }
        // One point, one per comma, one per 100 characters up to three.
        let points = 1.0 + commas as f32 + (len / 100).min(3) as f32;
        let own = &els[b.el as usize];
        // Text beside blocks in the same element is a paragraph of that element; an element
        // of text only is itself the paragraph.
        let at_top = own.parent == NO_PARENT || is_root(&els[own.parent as usize]);
        let mut a = if own.block_child || at_top {
            b.el
        } else {
            own.parent
        };
        let mut level = 0u32;
        while a != NO_PARENT && level < 5 {
            let e = &els[a as usize];
            if matches!(e.tag, local_name!("html")) {
                break;
            }
            let s = scores[a as usize].get_or_insert_with(|| tag_score(e) + e.weight as f32);
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            *s += points / divider;
            a = e.parent;
            level += 1;
        }
    }
    scores
}

/// The length of the paragraphs under element `e` that would score, outside furniture.
fn paragraph_len(page: &Page, e: u32, furniture: &[bool]) -> u32 {
    let el = &page.els[e as usize];
    page.blocks[el.first_block as usize..el.end_block as usize]
        .iter()
        .filter(|b| {
            b.len >= 25
                && b.kind == BlockKind::Text
                && b.link_len * 4 < b.len
                && !furniture[b.el as usize]
        })
        .map(|b| b.len)
        .sum()
}
