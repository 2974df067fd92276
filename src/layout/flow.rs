//! Pagination: measured blocks are placed page by page. A block that does not
//! fit sends the page back to its last allowed break, so headings keep with
//! what follows and no paragraph leaves a single line at a page's top or bottom.

use super::frame::{Bookmark, Element};
use crate::model::Rgb;

/// One unbreakable piece of the flow: a line of text, a picture, a rule.
#[derive(Debug, Clone, Default)]
pub struct Block {
    pub height: f32,
    /// Space above the block, dropped at the top of a page.
    pub space_before: f32,
    /// No page break is allowed between this block and the next.
    pub keep_with_next: bool,
    /// Elements with `y` relative to the block's top; `x` is on the page.
    pub elements: Vec<Element>,
    /// The box (see [`Container`]) drawn around this block, if any.
    pub container: Option<usize>,
    /// An outline entry pointing here.
    pub bookmark: Option<String>,
}

/// A panel drawn behind consecutive blocks, on every page they reach.
#[derive(Debug, Clone)]
pub struct Container {
    pub x: f32,
    pub w: f32,
    /// Room between the panel's edge and its content, above and below.
    pub pad: f32,
    pub fill: Option<Rgb>,
    pub border: Option<(Rgb, f32)>,
    /// A thick bar down the panel's left edge.
    pub bar: Option<Rgb>,
    pub radius: f32,
}

/// The flow area of a page: its top and bottom, in points from the page top.
pub type Region = (f32, f32);

pub struct Flowed {
    pub pages: Vec<Vec<Element>>,
    pub outline: Vec<Bookmark>,
}

/// Place `blocks` on as many pages as they need.
pub fn paginate(
    blocks: Vec<Block>,
    containers: &[Container],
    region: impl Fn(usize) -> Region,
) -> Flowed {
    let pages = place(&blocks, containers, &region);
    let mut slots: Vec<Option<Block>> = blocks.into_iter().map(Some).collect();
    let mut outline = Vec::new();
    let pages = pages
        .iter()
        .enumerate()
        .map(|(p, placed)| {
            let mut elements = decorations(&slots, containers, placed);
            for &(i, y) in placed {
                let block = slots[i].take().expect("each block is placed once");
                if let Some(title) = block.bookmark {
                    outline.push(Bookmark {
                        title,
                        page: p,
                        top: y,
                    });
                }
                elements.extend(block.elements.into_iter().map(|e| e.shifted(0.0, y)));
            }
            elements
        })
        .collect();
    Flowed { pages, outline }
}

/// Block indices and their top `y`, page by page.
fn place(
    blocks: &[Block],
    containers: &[Container],
    region: &impl Fn(usize) -> Region,
) -> Vec<Vec<(usize, f32)>> {
    let inset = |b: &Block| b.container.map_or(0.0, |c| containers[c].pad);
    let mut pages: Vec<Vec<(usize, f32)>> = vec![Vec::new()];
    let mut y = 0.0;
    let mut i = 0;
    while i < blocks.len() {
        let page = pages.len() - 1;
        let (top, bottom) = region(page);
        let block = &blocks[i];
        let first = pages[page].is_empty();
        let at = if first {
            top + inset(block)
        } else {
            y + block.space_before
        };
        if first || at + block.height + inset(block) <= bottom {
            pages[page].push((i, at));
            y = at + block.height;
            i += 1;
            continue;
        }
        let placed = &mut pages[page];
        if let Some(k) = placed.iter().rposition(|&(b, _)| !blocks[b].keep_with_next)
            && k + 1 < placed.len()
        {
            i = placed[k + 1].0;
            placed.truncate(k + 1);
        }
        pages.push(Vec::new());
    }
    pages
}

/// Panels behind the container blocks on one page.
fn decorations(
    blocks: &[Option<Block>],
    containers: &[Container],
    placed: &[(usize, f32)],
) -> Vec<Element> {
    let mut spans: Vec<(usize, f32, f32)> = Vec::new();
    for &(i, y) in placed {
        let Some(block) = &blocks[i] else { continue };
        let Some(c) = block.container else { continue };
        let bottom = y + block.height;
        match spans.iter_mut().find(|s| s.0 == c) {
            Some(span) => span.2 = bottom,
            None => spans.push((c, y, bottom)),
        }
    }
    let mut out = Vec::new();
    for (c, top, bottom) in spans {
        let k = &containers[c];
        let (y, h) = (top - k.pad, bottom - top + 2.0 * k.pad);
        if let Some(fill) = k.fill {
            out.push(Element::Rect {
                x: k.x,
                y,
                w: k.w,
                h,
                radius: k.radius,
                fill,
            });
        }
        if let Some(fill) = k.bar {
            out.push(Element::Rect {
                x: k.x,
                y,
                w: 5.0,
                h,
                radius: 0.0,
                fill,
            });
        }
        if let Some((color, width)) = k.border {
            let half = width / 2.0;
            out.push(Element::Frame {
                x: k.x + half,
                y: y + half,
                w: k.w - width,
                h: h - width,
                radius: k.radius,
                width,
                color,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(keep: bool) -> Block {
        Block {
            height: 10.0,
            keep_with_next: keep,
            ..Block::default()
        }
    }

    fn pages_of(blocks: &[Block], height: f32) -> Vec<Vec<usize>> {
        place(blocks, &[], &|_| (0.0, height))
            .into_iter()
            .map(|p| p.into_iter().map(|(i, _)| i).collect())
            .collect()
    }

    #[test]
    fn fills_pages_in_order() {
        let blocks = vec![line(false); 5];
        assert_eq!(pages_of(&blocks, 30.0), vec![vec![0, 1, 2], vec![3, 4]]);
    }

    #[test]
    fn kept_blocks_move_together() {
        // A heading (kept with the next two lines) would end page one.
        let blocks = vec![
            line(false),
            line(false),
            line(true),
            line(true),
            line(false),
        ];
        assert_eq!(pages_of(&blocks, 30.0), vec![vec![0, 1], vec![2, 3, 4]]);
    }

    #[test]
    fn a_chain_longer_than_a_page_still_breaks() {
        let blocks = vec![line(true); 5];
        assert_eq!(
            pages_of(&blocks, 20.0),
            vec![vec![0, 1], vec![2, 3], vec![4]]
        );
    }
}
