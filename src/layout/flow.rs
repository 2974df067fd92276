//! The flow: pieces placed into regions (columns, panels) one after another.
//! Text is broken into lines when it is placed, at the width of the region it
//! lands in, so regions of different widths just work. A line that does not
//! fit sends the region back to its last allowed break; what may not break
//! is said by each piece's keep rules (see [`Piece`]).

use super::frame::{Bookmark, Element, Part, Tag};
use super::theme::PanelStyle;
use super::typeset::{Ink, TextStyle, Typesetter};
use crate::picture::Picture;
use crate::text::{Run, ShapedText};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// Taller than any region on a page (A4 is 842 pt): a paragraph's sets
/// from one byte stop after as many lines as fill this, as they overflow
/// any region, so a long paragraph costs its length, not its length times
/// the columns it runs through.
const TALLEST: f32 = 900.0;

/// A stretch of a page that the flow fills, in points from the page's top-left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    pub page: usize,
    pub x: f32,
    pub width: f32,
    pub top: f32,
    pub bottom: f32,
}

/// How tightly a flow is set, for copyfitting: the theme's spacing at
/// [`Spacing::AS_SET`], tighter to save a page, looser to spread the text
/// over the pages it needs. Type sizes never change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spacing {
    /// From -1 (leading down to 1.2 of the size, and never under size + 2 pt)
    /// through 0 (the theme's) to 1 (leading up by 0.15 of the size).
    pub lines: f32,
    /// The space above pieces, times this.
    pub gaps: f32,
    /// Pictures' largest size, times this.
    pub pictures: f32,
}

impl Spacing {
    pub const AS_SET: Spacing = Spacing::at(0.0);

    /// Spacing `s` from -1, as tight as reads well (1.2 leading, gaps
    /// halved, pictures at 80%), through 0, as the theme sets it, to 1
    /// (leading 1.45, gaps half as large again, pictures a fifth larger).
    pub const fn at(s: f32) -> Spacing {
        Spacing {
            lines: s,
            gaps: 1.0 + 0.5 * s,
            pictures: 1.0 + 0.2 * s,
        }
    }
}

/// A picture beside a piece's text, at its end edge.
#[derive(Debug, Clone)]
pub struct Figure {
    pub picture: Picture,
    pub alt: String,
}

/// A figure's size at the width its piece is set at.
struct FigureBox<'a> {
    figure: &'a Figure,
    w: f32,
    h: f32,
    /// Beside the text rather than above it.
    side: bool,
}

impl<'a> FigureBox<'a> {
    /// Below this width a third of it leaves too little beside the text
    /// (about 25 characters), so the figure goes above the text.
    const SIDE_FROM: f32 = 330.0;

    /// The figure at `width`, its largest size scaled by `scale`.
    fn at(figure: &'a Figure, width: f32, scale: f32) -> FigureBox<'a> {
        let side = width >= Self::SIDE_FROM;
        let (max_w, max_h) = if side {
            ((width * 0.32).min(150.0 * scale), 170.0 * scale)
        } else {
            (width.min(180.0 * scale), 150.0 * scale)
        };
        let mut w = max_w.max(0.0);
        let mut h = w * figure.picture.aspect();
        if h > max_h {
            h = max_h;
            w = h / figure.picture.aspect();
        }
        FigureBox { figure, w, h, side }
    }

    /// The width the figure takes from the text beside it (none when above).
    fn beside(&self) -> f32 {
        if self.side { self.w + 12.0 } else { 0.0 }
    }
}

/// What a piece sets.
#[derive(Debug, Clone)]
pub enum Content {
    /// Text, broken into lines at the width it is placed at; `balanced`
    /// lines are of even length (titles, headings); `rule` draws a short bar
    /// (width, room it takes, colour) under the last line.
    Text {
        runs: Vec<Run<Ink>>,
        style: TextStyle,
        balanced: bool,
        rule: Option<(f32, f32, crate::model::Rgb)>,
        figure: Option<Figure>,
    },
    /// Lines to write on, `spacing` apart across the piece's width, in
    /// `color`: each a set of its own, so they break across columns.
    Rules {
        count: usize,
        spacing: f32,
        color: crate::model::Rgb,
    },
    /// A drawing `width` by `height`, centred in the piece: elements with x
    /// from the drawing's left edge and y from its top.
    Fixed {
        width: f32,
        height: f32,
        elements: Vec<Element>,
    },
}

/// One paragraph, heading or drawing in the flow, with its keep rules.
#[derive(Debug, Clone)]
pub struct Piece {
    pub content: Content,
    /// Space above, dropped at the top of a region.
    pub space_before: f32,
    /// Of `space_before`, the padding of the boxes it separates, which no
    /// spacing changes: halved, two boxes' borders would touch.
    pub pad_before: f32,
    /// From the region's left and right edges to the piece's.
    pub indent: (f32, f32),
    /// The panel drawn behind it, an index into the flow's containers.
    pub container: Option<usize>,
    /// An outline entry pointing at it.
    pub bookmark: Option<String>,
    /// No break between this piece and the next.
    pub keep_with_next: bool,
    /// No break between its lines.
    pub keep_lines: bool,
    /// Set as one line, it keeps with the next piece (so a heading before
    /// it has two lines under it).
    pub keep_single: bool,
    /// Drawn level with its first line (a list marker): x from the piece's
    /// start edge, y from the line's top.
    pub marker: Vec<(Element, Part)>,
    /// The leaflet node it sets, for tagging.
    pub tag: Tag,
}

impl Piece {
    pub fn new(content: Content, tag: Tag) -> Piece {
        Piece {
            content,
            space_before: 0.0,
            pad_before: 0.0,
            indent: (0.0, 0.0),
            container: None,
            bookmark: None,
            keep_with_next: false,
            keep_lines: false,
            keep_single: false,
            marker: Vec::new(),
            tag,
        }
    }
}

/// A panel behind consecutive pieces, drawn in every region they reach.
#[derive(Debug, Clone)]
pub struct Container {
    pub style: PanelStyle,
    /// Its first and last piece.
    pub pieces: (usize, usize),
    /// Its heading piece, set again at the top of each region the panel continues into.
    pub heading: Option<usize>,
    /// Kept in one region when it fits one.
    pub whole: bool,
    /// May float to the next region when kept whole (see [`Flow::floats`]).
    pub float: bool,
    pub tag: Tag,
}

/// One line or drawing of a piece at a width, ready to place.
#[derive(Debug, Clone)]
struct Set {
    height: f32,
    /// How much a line's leading may shrink and grow (see [`Spacing`]).
    give: (f32, f32),
    /// x from the region's left edge, y from the set's top; each with
    /// what it is to the piece's node.
    elements: Vec<(Element, Part)>,
    /// Kept with the next set by the piece's line rules; the piece's own
    /// `keep_with_next` is applied when placing, as the flow's owner may
    /// change it between runs.
    keep_with_next: bool,
    /// Where the piece's text resumes after this set.
    next: usize,
}

#[derive(Debug, Clone)]
struct Entry {
    /// The piece and the byte its set starts at.
    at: (usize, usize),
    y: f32,
    /// The sets of the piece from that byte at the region's width, and
    /// which of them this is: shared, so placing copies no glyphs.
    sets: Rc<[Set]>,
    index: usize,
    /// The set's own rule, or kept because its panel is kept whole.
    keep_with_next: bool,
    /// A heading set again where its panel continues.
    repeat: bool,
}

impl Entry {
    fn set(&self) -> &Set {
        &self.sets[self.index]
    }
}

/// Where a run of the flow put each set, before anything is drawn: enough
/// to count regions and judge a balance, and cheap to throw away.
pub struct Placed {
    regions: Vec<(Region, Vec<Entry>)>,
    forced: usize,
}

impl Placed {
    /// The regions used, in order.
    pub fn regions(&self) -> impl Iterator<Item = &Region> {
        self.regions.iter().map(|(r, _)| r)
    }

    pub fn region(&self, r: usize) -> &Region {
        &self.regions[r].0
    }

    /// Where region `r` may end early, the rest going on in the next: the
    /// pieces starting in it after one its keep rules let go of.
    pub fn breaks(&self, r: usize) -> Vec<(usize, usize)> {
        let entries = &self.regions[r].1;
        let allowed = |w: &[Entry]| !w[0].keep_with_next && !w[1].repeat && w[1].index == 0;
        let starts = entries.windows(2).filter(|w| allowed(w) && w[1].at.1 == 0);
        starts.map(|w| w[1].at).collect()
    }

    /// Where the text of region `r` starts (piece and byte), if it holds any.
    pub fn text_start(&self, r: usize) -> Option<(usize, usize)> {
        self.regions[r].1.iter().find(|e| !e.repeat).map(|e| e.at)
    }

    /// The first piece set in region `r`, if any.
    pub fn start(&self, r: usize) -> Option<usize> {
        self.regions[r].1.first().map(|e| e.at.0)
    }

    /// Panels continued from one region into the next.
    pub fn continued(&self) -> usize {
        let entries = self.regions.iter().flat_map(|(_, e)| e);
        entries.filter(|e| e.repeat).count()
    }

    /// Regions ended where no break was allowed (keep rules broken because
    /// what is kept together is taller than the region).
    pub fn forced(&self) -> usize {
        self.forced
    }
}

/// One region filled: the entries placed, where the next region starts,
/// whether it ends where no break was allowed, and the first piece of a box
/// floated on to the next region.
struct Filled {
    entries: Vec<Entry>,
    next: (usize, usize),
    broke: bool,
    float: Option<usize>,
}

impl Filled {
    fn new(
        entries: Vec<Entry>,
        next: (usize, usize),
        broke: bool,
        float: Option<(usize, usize)>,
    ) -> Filled {
        Filled {
            entries,
            next,
            broke,
            float: float.map(|(first, _)| first),
        }
    }
}

/// What the flow placed, region by region: elements with their tags.
pub struct Flowed {
    pub regions: Vec<(Region, Vec<(Element, Tag)>)>,
    /// Where each region's content ends, panel padding included.
    pub ends: Vec<f32>,
    pub outline: Vec<Bookmark>,
}

/// Piece, byte, width, and the pictures' scale for a piece with a figure.
type SetKey = (usize, usize, u32, u32);

pub struct Flow<'a> {
    pub ts: &'a Typesetter<'a>,
    pub pieces: Vec<Piece>,
    pub containers: Vec<Container>,
    /// Sets of piece, from byte, at width: shaping, breaking and drawing
    /// lines is most of a build, and a flow is run again and again
    /// (balancing, keep checks, measuring a panel whole) at the same few widths.
    sets: RefCell<HashMap<SetKey, Rc<[Set]>>>,
    spacing: Cell<Spacing>,
    /// Whether a box kept whole that does not fit what is left of a region
    /// may float to the top of the next while the text after it fills the gap.
    pub floats: bool,
    /// Each text piece shaped once, whatever it is broken at or from.
    shaped: RefCell<HashMap<usize, Rc<ShapedText<'static, Ink>>>>,
}

impl<'a> Flow<'a> {
    pub fn new(ts: &'a Typesetter<'a>, pieces: Vec<Piece>, containers: Vec<Container>) -> Flow<'a> {
        Flow {
            ts,
            pieces,
            containers,
            sets: RefCell::default(),
            spacing: Cell::new(Spacing::AS_SET),
            floats: false,
            shaped: RefCell::default(),
        }
    }

    /// Pieces `range` of this flow as a flow of their own, at its spacing:
    /// a sheet's ending set apart as a band. A panel must lie wholly inside
    /// or outside `range`. Tags keep their nodes, so reading order holds.
    pub fn part(&self, range: std::ops::Range<usize>) -> Flow<'a> {
        let start = range.start;
        let inside = |c: &Container| range.contains(&c.pieces.0);
        let mut renumber = HashMap::new();
        let mut containers = Vec::new();
        for (i, c) in self
            .containers
            .iter()
            .enumerate()
            .filter(|(_, c)| inside(c))
        {
            renumber.insert(i, containers.len());
            containers.push(Container {
                pieces: (c.pieces.0 - start, c.pieces.1 - start),
                heading: c.heading.map(|h| h - start),
                ..c.clone()
            });
        }
        let pieces = self.pieces[range.clone()].iter().map(|p| Piece {
            container: p.container.and_then(|c| renumber.get(&c).copied()),
            ..p.clone()
        });
        let mut flow = Flow::new(self.ts, pieces.collect(), containers);
        flow.floats = self.floats;
        flow.space(self.spacing.get());
        flow
    }

    /// Where piece `p` starts in `placed`: its region and the top of its first set.
    pub fn top_of(&self, placed: &Placed, p: usize) -> Option<(usize, f32)> {
        placed
            .regions
            .iter()
            .enumerate()
            .find_map(|(r, (_, entries))| {
                let first = entries.iter().find(|e| e.at == (p, 0) && !e.repeat)?;
                Some((r, first.y))
            })
    }

    pub fn spacing(&self) -> Spacing {
        self.spacing.get()
    }

    /// Set the flow with `spacing` from now on.
    pub fn space(&self, spacing: Spacing) {
        self.spacing.set(spacing);
    }

    /// A set's height at the flow's spacing.
    fn tall(&self, set: &Set) -> f32 {
        let t = self.spacing.get().lines;
        let (shrink, grow) = set.give;
        set.height + if t < 0.0 { t * shrink } else { t * grow }
    }

    /// The space above piece `p` at the flow's spacing; none past the
    /// flow's end (a part of a flow may end with a floated box).
    fn space_before(&self, p: usize) -> f32 {
        let gaps = self.spacing.get().gaps;
        self.pieces.get(p).map_or(0.0, |q| {
            let pad = q.pad_before.min(q.space_before);
            pad + (q.space_before - pad) * gaps
        })
    }

    /// Where region `r`'s content ends, panel padding included.
    pub fn end(&self, placed: &Placed, r: usize) -> f32 {
        let (region, entries) = &placed.regions[r];
        let end = |e: &Entry| e.y + self.tall(e.set()) + self.pad(e.at.0);
        entries.iter().map(end).fold(region.top, f32::max)
    }

    /// When the region after `r` goes on with a paragraph or a box begun in
    /// `r`, where that paragraph or box starts in `r`: ending `r` there keeps
    /// it whole in the next (a trifold's two sides are never read together).
    pub fn continued_from(&self, placed: &Placed, r: usize) -> Option<f32> {
        let next = placed.regions.get(r + 1)?.1.first()?;
        let boxed = self.container_of(next.at.0).map(|c| c.pieces.0);
        let start = match boxed {
            Some(first) if next.repeat || first < next.at.0 || next.at.1 > 0 => first,
            _ if next.at.1 > 0 => next.at.0,
            _ => return None,
        };
        let entries = &placed.regions[r].1;
        let first = entries.iter().find(|e| !e.repeat && e.at.0 >= start)?;
        Some(first.y - self.pad(first.at.0))
    }

    /// Place every piece, asking `region` for as many regions as they need.
    pub fn run(&self, region: impl FnMut(usize) -> Region) -> Flowed {
        self.draw(self.place(region))
    }

    /// Place every piece as [`Flow::run`] does, without drawing them.
    pub fn place(&self, region: impl FnMut(usize) -> Region) -> Placed {
        self.place_within(region, usize::MAX)
    }

    /// Place pieces as [`Flow::place`] does, in at most `most` regions:
    /// enough to tell whether they fit, without setting all of a long text.
    pub fn place_within(&self, region: impl FnMut(usize) -> Region, most: usize) -> Placed {
        self.resume(Vec::new(), (0, 0), region, most)
    }

    /// `placed` kept as it is up to where it sets byte `from.1` of piece
    /// `from.0`, and the flow placed again from there in the next regions
    /// of `region` (asked for by their number in the whole). `None` when
    /// `placed` does not set `from`, or text after it comes before it (a box
    /// floated past text).
    pub fn place_again(
        &self,
        placed: &Placed,
        from: (usize, usize),
        region: impl FnMut(usize) -> Region,
    ) -> Option<Placed> {
        let at = |(_, entries): &(Region, Vec<Entry>)| {
            entries.iter().position(|e| e.at == from && !e.repeat)
        };
        let (k, j) = placed
            .regions
            .iter()
            .enumerate()
            .find_map(|(k, r)| Some((k, at(r)?)))?;
        let mut kept = placed.regions[..=k].to_vec();
        kept[k].1.truncate(j);
        if kept[k].1.iter().all(|e| e.repeat) {
            kept.pop();
        }
        let later = kept.iter().flat_map(|(_, e)| e).any(|e| e.at.0 > from.0);
        if later || from.0 >= self.pieces.len() {
            return None;
        }
        Some(self.resume(kept, from, region, usize::MAX))
    }

    /// Place the flow from `cursor` on, after the regions `regions`.
    fn resume(
        &self,
        mut regions: Vec<(Region, Vec<Entry>)>,
        mut cursor: (usize, usize),
        mut region: impl FnMut(usize) -> Region,
        most: usize,
    ) -> Placed {
        let mut forced = 0;
        let mut float = None;
        while (cursor.0 < self.pieces.len() || float.is_some()) && regions.len() < most {
            let r = region(regions.len());
            let filled = self.fill(r, cursor, float);
            regions.push((r, filled.entries));
            (cursor, float) = (filled.next, filled.float);
            forced += usize::from(filled.broke);
        }
        Placed { regions, forced }
    }

    fn container_of(&self, piece: usize) -> Option<&Container> {
        self.pieces[piece].container.map(|c| &self.containers[c])
    }

    fn pad(&self, piece: usize) -> f32 {
        self.container_of(piece).map_or(0.0, |c| c.style.pad)
    }

    /// Fill one region from `cursor`, a box floated on from the region
    /// before first.
    fn fill(&self, r: Region, mut cursor: (usize, usize), floated: Option<usize>) -> Filled {
        let mut entries: Vec<Entry> = Vec::new();
        // The floated box's pieces are placed first, then the cursor's.
        let mut queue = floated.and_then(|p| self.container_of(p)).map(|c| c.pieces);
        // A box this region floats on: its first piece, and how many
        // entries come before it.
        let mut float: Option<(usize, usize)> = None;
        let mut y = r.top;
        if floated.is_none()
            && let Some(c) = self.container_of(cursor.0)
            && let Some(h) = c.heading
            && (cursor.0 > h || cursor.1 > 0)
        {
            let sets = self.sets(h, r.width, 0);
            for (index, set) in sets.iter().enumerate() {
                let at = if entries.is_empty() {
                    r.top + c.style.pad
                } else {
                    y
                };
                y = at + self.tall(set);
                entries.push(Entry {
                    at: (h, 0),
                    y: at,
                    sets: Rc::clone(&sets),
                    index,
                    keep_with_next: true,
                    repeat: true,
                });
            }
        }
        let mut whole_until = None;
        let mut broke = false;
        'pieces: loop {
            let (p, from) = match queue {
                Some((q, _)) => (q, 0),
                None => cursor,
            };
            if p >= self.pieces.len() {
                break;
            }
            let sets = self.sets(p, r.width, from);
            if from == 0
                && let Some(last) = self.fits_whole(p, &r)
            {
                whole_until = Some(last);
            }
            let last = sets.len().saturating_sub(1);
            let whole = |i| whole_until.is_some_and(|end| p < end || (p == end && i < last));
            let pad = self.pad(p);
            let mut start = from;
            for (index, set) in sets.iter().enumerate() {
                let at = if entries.is_empty() {
                    r.top + pad
                } else if start == 0 {
                    y + self.space_before(p)
                } else {
                    y
                };
                let progress = entries.iter().any(|e| !e.repeat);
                // A floated box is placed whole, as it fitted a region like this.
                if progress && queue.is_none() && at + self.tall(set) + pad > r.bottom {
                    // Back to the last place a break is allowed.
                    let k = entries.iter().rposition(|e| !e.keep_with_next && !e.repeat);
                    // Breaking here is allowed when the last entry allows it,
                    // and forced when no entry does.
                    let Some(k) = k.filter(|k| k + 1 < entries.len()) else {
                        let next = (p, start);
                        if let (Some(float), Some(k)) = (float, k) {
                            return self.end_beside(entries, float, (k, next), broke);
                        }
                        return Filled::new(entries, next, broke || k.is_none(), float);
                    };
                    let resume = entries[k + 1].at;
                    if let Some(float) = float {
                        return self.end_beside(entries, float, (k, resume), broke);
                    }
                    if float.is_none()
                        && floated.is_none()
                        && let Some(first) =
                            self.floats(resume, &r, self.y_after(&entries[..=k], r.top))
                    {
                        // The box moves to the next region; what follows it
                        // fills the gap.
                        entries.truncate(k + 1);
                        y = self.y_after(&entries, r.top);
                        float = Some((first, entries.len()));
                        cursor = (self.last_of(first) + 1, 0);
                        whole_until = None;
                        continue 'pieces;
                    }
                    entries.truncate(k + 1);
                    return Filled::new(entries, resume, broke, float);
                }
                broke |= queue.is_some() && at + self.tall(set) + pad > r.bottom;
                let next = set.next;
                y = at + self.tall(set);
                entries.push(Entry {
                    at: (p, start),
                    y: at,
                    sets: Rc::clone(&sets),
                    index,
                    keep_with_next: set.keep_with_next
                        || whole(index)
                        || (set.next == usize::MAX && self.pieces[p].keep_with_next),
                    repeat: false,
                });
                start = next;
            }
            queue = match queue {
                Some((q, last)) if q < last => Some((q + 1, last)),
                Some((_, last)) => {
                    // Below the box, the space the piece after it in the
                    // author's order takes (it holds the box's padding),
                    // whatever piece goes on here.
                    let below = self.space_before(last + 1);
                    y += if cursor.1 > 0 {
                        below
                    } else {
                        (below - self.space_before(cursor.0)).max(0.0)
                    };
                    None
                }
                None => {
                    // Sets stop short of a long piece's end only past any
                    // region's height, so only an unbounded region gets
                    // here with more to set.
                    cursor = if start == usize::MAX {
                        (p + 1, 0)
                    } else {
                        (p, start)
                    };
                    None
                }
            };
        }
        Filled::new(entries, cursor, broke, float)
    }

    /// End a region a box floats on from (its first piece, and the entries
    /// before it) at break `k`, the text resuming at `resume`. What fills the
    /// gap ends with a whole section, so the box never comes between a
    /// text's lines, nor between a section's heading and the rest of it (a
    /// treatments list under the warning box would read as warning signs);
    /// when nothing does, the box stays in place.
    fn end_beside(
        &self,
        mut entries: Vec<Entry>,
        (first, before): (usize, usize),
        (k, resume): (usize, (usize, usize)),
        broke: bool,
    ) -> Filled {
        let from = before.min(k + 1);
        let next_at = |i: usize| {
            entries
                .get(i + 1)
                .filter(|_| i < k)
                .map_or(resume, |e| e.at)
        };
        let whole = (from..=k)
            .rev()
            .find(|&i| {
                let e = &entries[i];
                !e.keep_with_next && e.set().next == usize::MAX && self.starts_section(next_at(i))
            })
            .map(|i| i - from)
            .filter(|_| resume.0 > self.last_of(first));
        let Some(whole) = whole else {
            entries.truncate(before);
            return Filled::new(entries, (first, 0), broke, None);
        };
        let k = before + whole;
        let resume = entries.get(k + 1).map_or(resume, |e| e.at);
        entries.truncate(k + 1);
        Filled::new(entries, resume, broke, Some((first, before)))
    }

    /// Whether the flow at `at` (piece, byte) starts a section, a box, or
    /// nothing more: a place the text after a floated box may stop.
    fn starts_section(&self, (p, from): (usize, usize)) -> bool {
        let Some(piece) = self.pieces.get(p) else {
            return true;
        };
        let opens_box = self.container_of(p).is_some_and(|c| c.pieces.0 == p);
        from == 0 && (piece.bookmark.is_some() || opens_box)
    }

    /// Where the last of `entries` ends, or `top`.
    fn y_after(&self, entries: &[Entry], top: f32) -> f32 {
        entries.last().map_or(top, |e| e.y + self.tall(e.set()))
    }

    /// The last piece of the panel piece `p` is in, or `p`.
    fn last_of(&self, p: usize) -> usize {
        self.container_of(p).map_or(p, |c| c.pieces.1)
    }

    /// When the flow floats boxes, the box starting at `at` is one kept
    /// whole that fits a region like `r`, and the gap it would leave (from
    /// `y` down) is a fifth of the region or more: its first piece.
    fn floats(&self, (p, from): (usize, usize), r: &Region, y: f32) -> Option<usize> {
        let c = self.container_of(p)?;
        let gap = r.bottom - y;
        let floats = self.floats && c.float && from == 0 && c.pieces.0 == p;
        (floats && gap >= 0.2 * (r.bottom - r.top) && c.pieces.1 + 1 < self.pieces.len())
            .then_some(())
            .and(self.fits_whole(p, r).map(|_| p))
    }

    /// When `p` starts a panel kept whole and the panel fits a region like
    /// `r`, the panel's last piece.
    fn fits_whole(&self, p: usize, r: &Region) -> Option<usize> {
        // Its own panel: every piece of a panel points at it.
        let c = self
            .container_of(p)
            .filter(|c| c.whole && c.pieces.0 == p)?;
        let (first, last) = c.pieces;
        let mut height = 2.0 * c.style.pad;
        for q in first..=last {
            if q > first {
                height += self.space_before(q);
            }
            height += self
                .sets(q, r.width, 0)
                .iter()
                .map(|s| self.tall(s))
                .sum::<f32>();
        }
        (height <= r.bottom - r.top).then_some(last)
    }

    /// Piece `p` from byte `from` of its text, set `width` wide: one set per
    /// line, or one for a drawing. The last set's `next` is `usize::MAX`.
    fn sets(&self, p: usize, width: f32, from: usize) -> Rc<[Set]> {
        let figure = from == 0
            && matches!(
                self.pieces[p].content,
                Content::Text {
                    figure: Some(_),
                    ..
                }
            );
        let scale = if figure {
            self.spacing.get().pictures
        } else {
            1.0
        };
        let key = (p, from, width.to_bits(), scale.to_bits());
        if let Some(sets) = self.sets.borrow().get(&key) {
            return Rc::clone(sets);
        }
        let sets: Rc<[Set]> = self.set(p, width, from, scale).into();
        self.sets.borrow_mut().insert(key, Rc::clone(&sets));
        sets
    }

    /// Text runs of piece `p`, shaped once for the flow's life.
    /// Piece `p`'s runs shaped, once; `words_only` for titles and headings.
    fn shaped(
        &self,
        p: usize,
        runs: &[Run<Ink>],
        words_only: bool,
    ) -> Rc<ShapedText<'static, Ink>> {
        let mut cache = self.shaped.borrow_mut();
        let shaped = cache.entry(p).or_insert_with(|| {
            let owned: Vec<Run<Ink>> = runs.to_vec();
            let shaped = self.ts.shape(owned);
            Rc::new(if words_only {
                shaped.between_words()
            } else {
                shaped
            })
        });
        Rc::clone(shaped)
    }

    fn set(&self, p: usize, width: f32, from: usize, scale: f32) -> Vec<Set> {
        let piece = &self.pieces[p];
        let (left, right) = piece.indent;
        let width = width - left - right;
        let marker = || -> Vec<(Element, Part)> {
            if from > 0 {
                return Vec::new();
            }
            let shifted = |(e, part): &(Element, Part)| (e.clone().shifted(left, 0.0), *part);
            piece.marker.iter().map(shifted).collect()
        };
        let (style, lines, rule, figure) = match &piece.content {
            Content::Rules {
                count,
                spacing,
                color,
            } => {
                // A set's `next` is the number of the line after it.
                let rule = |i: usize| Set {
                    height: *spacing,
                    elements: vec![(
                        Element::Rect {
                            x: left,
                            y: spacing - 1.0,
                            w: width,
                            h: 1.0,
                            radius: 0.0,
                            fill: *color,
                        },
                        Part::Decoration,
                    )],
                    keep_with_next: false,
                    // Lines to write on keep their spacing: a hand needs it.
                    give: (0.0, 0.0),
                    next: if i + 1 < *count { i + 1 } else { usize::MAX },
                };
                return (from.min(*count)..*count).map(rule).collect();
            }
            Content::Fixed {
                width: w,
                height,
                elements,
            } => {
                let x = left + ((width - w) / 2.0).max(0.0);
                // The marker first: it is read before what it marks.
                let mut drawn = marker();
                let shifted = |e: &Element| (e.clone().shifted(x, 0.0), Part::Content);
                drawn.extend(elements.iter().map(shifted));
                return vec![Set {
                    height: *height,
                    give: (0.0, 0.0),
                    elements: drawn,
                    keep_with_next: false,
                    next: usize::MAX,
                }];
            }
            Content::Text {
                runs,
                style,
                balanced,
                rule,
                figure,
            } => {
                let figure = figure
                    .as_ref()
                    .filter(|_| from == 0)
                    .map(|f| FigureBox::at(f, width, scale));
                let gap = figure.as_ref().map_or(0.0, |f| f.beside());
                let shaped = self.shaped(p, runs, *balanced);
                let ranges =
                    (self.ts).breaks(&shaped, style, width - gap, from, *balanced && from == 0);
                // Titles and headings stay ragged; paragraphs set on the
                // character grid are justified to the measure they broke at.
                let measure = (!balanced).then(|| self.ts.measure(style, width - gap));
                (style, (shaped, ranges, measure), rule, figure)
            }
        };
        let (shaped, ranges, measure) = lines;
        let n = ranges.len();
        let most = n.min((TALLEST / style.leading).ceil() as usize + 1);
        let mut sets = Vec::with_capacity(most.max(1));
        let mut top = 0.0;
        // Leading no tighter than 1.2 and size + 2 pt (HEALTH-LITERACY.md).
        let floor = (1.2 * style.size).max(style.size + 2.0);
        let give = ((style.leading - floor).max(0.0), 0.15 * style.size);
        for (i, range) in ranges.iter().take(most).cloned().enumerate() {
            let next = if i + 1 == n { usize::MAX } else { range.end };
            let line = match measure {
                Some(measure) => shaped.grid_line(range, measure),
                None => shaped.line(range),
            };
            // A break after line i leaves i+1 lines above it and n-i-1 below:
            // both must be at least two. Text beside a figure keeps with it.
            let beside = figure
                .as_ref()
                .is_some_and(|f| f.side && top + style.leading < f.h);
            // A line beside a figure keeps its leading: the figure's
            // height does not shrink with it.
            let give = if beside { (0.0, give.1) } else { give };
            let keep = if i + 1 == n {
                piece.keep_single && n == 1
            } else {
                piece.keep_lines || beside || i + 1 < 2 || n - i - 1 < 2
            };
            sets.push(Set {
                height: style.leading,
                give,
                elements: self.ts.line_parts(line, style, left, 0.0),
                keep_with_next: keep,
                next,
            });
            top += style.leading;
        }
        if sets.is_empty() {
            sets.push(Set {
                height: 0.0,
                give: (0.0, 0.0),
                elements: Vec::new(),
                keep_with_next: false,
                next: usize::MAX,
            });
        }
        // The marker first: it is read before what it marks. A whole piece
        // is at least as tall as its marker (a pictogram beside one line).
        let marker = marker();
        let marker_len = marker.len();
        let marker_bottom = marker.iter().map(|(e, _)| e.bottom()).fold(0.0, f32::max);
        sets[0].elements.splice(0..0, marker);
        let last = sets.last_mut().expect("one set at least");
        if last.next == usize::MAX {
            last.height += (marker_bottom - top).max(0.0);
        }
        if let Some(f) = figure {
            let image = |x, y| {
                let image = Element::Image {
                    x,
                    y,
                    w: f.w,
                    h: f.h,
                    picture: f.figure.picture.clone(),
                    alt: f.figure.alt.clone(),
                };
                (image, Part::Picture)
            };
            if f.side {
                // Read after the marker, before the text beside it.
                let picture = image(left + width - f.w, 3.0);
                sets[0].elements.insert(marker_len, picture);
                let last = sets.last_mut().expect("one set at least");
                if last.next == usize::MAX {
                    last.height += (f.h + 6.0 - top).max(0.0);
                }
            } else {
                // Above the text: the first line moves down under it, so
                // the rest of the item breaks like any other text.
                let room = f.h + 0.5 * style.size;
                let first = &mut sets[0];
                // Drawn in reading order: the marker, the picture, the text.
                let moved = std::mem::take(&mut first.elements);
                let shifted = |(e, part): (Element, Part)| (e.shifted(0.0, room), part);
                let (marker, text) = moved.split_at(marker_len);
                first.elements.extend(marker.iter().cloned().map(shifted));
                first.elements.push(image(left, 0.0));
                first.elements.extend(text.iter().cloned().map(shifted));
                first.height += room;
            }
        }
        if let Some((w, room, fill)) = *rule
            && let Some(last) = sets.last_mut().filter(|s| s.next == usize::MAX)
        {
            let bar = Element::Rect {
                x: left,
                y: last.height + 3.0,
                w,
                h: 3.0,
                radius: 1.5,
                fill,
            };
            last.elements.push((bar, Part::Decoration));
            last.height += room;
        }
        sets
    }

    /// The placed entries as elements on their pages, panels behind them.
    pub fn draw(&self, placed: Placed) -> Flowed {
        let mut outline = Vec::new();
        let ends = (0..placed.regions.len())
            .map(|r| self.end(&placed, r))
            .collect();
        let regions = placed
            .regions
            .into_iter()
            .map(|(r, entries)| {
                let mut elements = self.panels(&r, &entries);
                for e in entries {
                    let piece = &self.pieces[e.at.0];
                    if let Some(title) = &piece.bookmark
                        && !e.repeat
                        && e.at.1 == 0
                    {
                        let mark = Bookmark {
                            title: title.clone(),
                            page: r.page,
                            top: e.y,
                        };
                        outline.push((e.at.0, mark));
                    }
                    // A heading set again where its panel continues is not read twice.
                    let tag = if e.repeat { Tag::Artifact } else { piece.tag };
                    let drawn = e.set().elements.iter().cloned();
                    elements.extend(
                        drawn.map(|(el, part)| (el.shifted(r.x, e.y), tag.placed(part, e.at))),
                    );
                }
                (r, elements)
            })
            .collect();
        // In the author's order, a floated box's where it was written.
        outline.sort_by_key(|(piece, _)| *piece);
        Flowed {
            regions,
            ends,
            outline: outline.into_iter().map(|(_, mark)| mark).collect(),
        }
    }

    /// The panels behind the entries of one region.
    fn panels(&self, r: &Region, entries: &[Entry]) -> Vec<(Element, Tag)> {
        let mut spans: Vec<(usize, f32, f32)> = Vec::new();
        for e in entries {
            let Some(c) = self.pieces[e.at.0].container else {
                continue;
            };
            let bottom = e.y + self.tall(e.set());
            match spans.iter_mut().find(|s| s.0 == c) {
                Some(span) => span.2 = bottom,
                None => spans.push((c, e.y, bottom)),
            }
        }
        let mut out = Vec::new();
        for (c, top, bottom) in spans {
            let k = &self.containers[c];
            let s = &k.style;
            let (x, w) = (r.x, r.width);
            let (y, h) = (top - s.pad, bottom - top + 2.0 * s.pad);
            let mut push = |e| out.push((e, Tag::Artifact));
            if let Some(fill) = s.fill {
                push(Element::Rect {
                    x,
                    y,
                    w,
                    h,
                    radius: s.radius,
                    fill,
                });
            }
            if let Some(fill) = s.bar {
                push(Element::Rect {
                    x,
                    y,
                    w: 5.0,
                    h,
                    radius: 0.0,
                    fill,
                });
            }
            if let Some((color, width)) = s.border {
                let half = width / 2.0;
                push(Element::Frame {
                    x: x + half,
                    y: y + half,
                    w: w - width,
                    h: h - width,
                    radius: s.radius,
                    width,
                    color,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Colors, Rgb};
    use crate::text::{Face, FontSet, Writing};

    fn fonts() -> FontSet {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fonts/AtkinsonHyperlegibleNext-Regular.ttf"
        );
        let face = Face::from_bytes("f", std::fs::read(path).unwrap()).unwrap();
        FontSet::new(vec![(face, [None, None, None])])
    }

    const STYLE: TextStyle = TextStyle {
        size: 10.0,
        leading: 10.0,
        bold: false,
        italic: false,
        color: Rgb::INK,
    };

    fn colors() -> Colors {
        Colors {
            primary: Rgb::INK,
            accent: Rgb::INK,
            warning: Rgb::INK,
        }
    }

    /// A piece of `words` words of text.
    fn text(ts: &Typesetter, words: usize) -> Piece {
        let text = vec!["word"; words].join(" ");
        Piece::new(
            Content::Text {
                runs: ts.runs(&[crate::markup::Span::plain(text)], &STYLE),
                style: STYLE,
                balanced: false,
                rule: None,
                figure: None,
            },
            Tag::node(0),
        )
    }

    /// Regions 100 pt tall, alternately `widths[0]` and `widths[1]` wide.
    fn run(flow: &Flow, widths: [f32; 2], height: f32) -> Flowed {
        flow.run(|i| Region {
            page: i,
            x: 0.0,
            width: widths[i % 2],
            top: 0.0,
            bottom: height,
        })
    }

    /// The baselines of text lines per region, with their right edges.
    fn lines(flowed: &Flowed) -> Vec<Vec<(f32, f32)>> {
        flowed
            .regions
            .iter()
            .map(|(_, elements)| {
                let mut lines: Vec<(f32, f32)> = Vec::new();
                for (e, _) in elements {
                    if let Element::Text {
                        baseline, x, width, ..
                    } = e
                    {
                        match lines.iter_mut().find(|l| l.0 == *baseline) {
                            Some(l) => l.1 = l.1.max(x + width),
                            None => lines.push((*baseline, x + width)),
                        }
                    }
                }
                lines
            })
            .collect()
    }

    fn with<'a>(
        ts: &'a Typesetter<'a>,
        pieces: Vec<Piece>,
        containers: Vec<Container>,
    ) -> Flow<'a> {
        Flow::new(ts, pieces, containers)
    }

    fn typesetter<'a>(fonts: &'a FontSet, writing: &'a Writing) -> Typesetter<'a> {
        Typesetter {
            fonts,
            website: None,
            link_color: Rgb::INK,
            italic_as_bold: false,
            writing,
        }
    }

    #[test]
    fn text_is_broken_at_the_width_of_the_region_it_lands_in() {
        let (fonts, writing) = (fonts(), Writing::new("en", 0));
        let ts = typesetter(&fonts, &writing);
        let flow = with(&ts, vec![text(&ts, 200)], vec![]);
        let flowed = run(&flow, [200.0, 80.0], 100.0);
        let lines = lines(&flowed);
        assert!(lines.len() >= 3);
        let last = lines.len() - 1;
        for (r, lines) in lines.iter().enumerate() {
            let width = [200.0, 80.0][r % 2];
            assert!(r == last || lines.len() == 10, "region {r} is not full");
            assert!(
                lines.iter().all(|l| l.1 <= width + 0.01),
                "region {r}: {lines:?}"
            );
            // Lines use the room there is: none is far shorter than its region.
            assert!(
                lines.iter().any(|l| l.1 > width * 0.7),
                "region {r}: {lines:?}"
            );
        }
    }

    #[test]
    fn a_heading_keeps_with_two_lines_and_a_lead_in_with_its_item() {
        let (fonts, writing) = (fonts(), Writing::new("en", 0));
        let ts = typesetter(&fonts, &writing);
        // 8 lines of four words fill a 100 pt region but for two lines.
        let mut heading = text(&ts, 1);
        heading.keep_lines = true;
        heading.keep_with_next = true;
        let mut lead_in = text(&ts, 1);
        lead_in.keep_with_next = true;
        let item = text(&ts, 30);
        for (second, third) in [(heading, text(&ts, 30)), (lead_in, item)] {
            let flow = with(&ts, vec![text(&ts, 32), second, third], vec![]);
            let flowed = run(&flow, [100.0, 60.0], 100.0);
            let lines = lines(&flowed);
            // The kept piece did not stay at the foot of region one.
            assert_eq!(lines[0].len(), 8, "{lines:?}");
            assert_eq!(lines[1].len(), 10, "{lines:?}");
        }
    }

    /// The warning box's style without padding, so heights are lines alone.
    /// A warning box without padding after the piece `before`: a one-word
    /// heading and a body of `words` words, pieces 1 and 2 of its flow.
    fn warning_box(ts: &Typesetter, before: Piece, words: usize) -> (Vec<Piece>, Container) {
        let theme = super::super::theme::Theme::new(&colors(), 10.0, false);
        let mut heading = text(ts, 1);
        heading.keep_lines = true;
        heading.keep_with_next = true;
        heading.container = Some(0);
        let mut body = text(ts, words);
        body.container = Some(0);
        let container = Container {
            style: PanelStyle {
                pad: 0.0,
                ..theme.warning_panel()
            },
            pieces: (1, 2),
            heading: Some(1),
            whole: true,
            float: true,
            tag: Tag::node(1),
        };
        (vec![before, heading, body], container)
    }

    #[test]
    fn a_box_stays_whole_when_it_fits_and_repeats_its_heading_when_not() {
        let (fonts, writing) = (fonts(), Writing::new("en", 0));
        let ts = typesetter(&fonts, &writing);
        for (box_words, narrow) in [(40, 120.0), (400, 200.0)] {
            let (pieces, container) = warning_box(&ts, text(&ts, 60), box_words);
            let flow = with(&ts, pieces, vec![container]);
            let flowed = run(&flow, [200.0, narrow], 100.0);
            let heading_at = |r: usize| {
                flowed.regions[r]
                    .1
                    .iter()
                    .filter(|(e, _)| matches!(e, Element::Text { glyphs, .. } if glyphs.len() == 4))
                    .count()
            };
            if box_words == 40 {
                // The box moved whole to region two, at its narrower width.
                assert_eq!(flowed.regions.len(), 2);
                let boxed = lines(&flowed)[1].clone();
                assert!(boxed.iter().all(|l| l.1 <= narrow + 0.01));
                assert!(boxed.len() >= 3, "{boxed:?}");
            } else {
                // Too tall for any region: it starts at once and every
                // region it reaches starts with its heading again.
                assert!(flowed.regions.len() >= 3);
                for r in 1..flowed.regions.len() {
                    assert!(heading_at(r) >= 1, "region {r} has no heading");
                }
            }
        }
    }

    #[test]
    fn a_box_floats_only_past_whole_sections() {
        let (fonts, writing) = (fonts(), Writing::new("en", 0));
        let ts = typesetter(&fonts, &writing);
        // Lines a piece of `words` words takes alone.
        let alone = |words| {
            lines(&run(
                &with(&ts, vec![text(&ts, words)], vec![]),
                [200.0; 2],
                1e4,
            ))[0]
                .len()
        };
        // After the box: a short paragraph and a long one that starts a
        // section (it has a bookmark, as a section's heading does) or goes
        // on with the short one's; or the long one only.
        for (after, section) in [
            (vec![12, 80], true),
            (vec![12, 80], false),
            (vec![80], true),
        ] {
            let (mut pieces, container) = warning_box(&ts, text(&ts, 40), 40);
            pieces.extend(after.iter().map(|&w| text(&ts, w)));
            if section {
                pieces.last_mut().expect("the long paragraph").bookmark = Some("Next".into());
            }
            let mut flow = with(&ts, pieces, vec![container]);
            flow.floats = true;
            let first = lines(&run(&flow, [200.0; 2], 100.0))[0].len();
            // Region one holds whole sections: the short paragraph floats
            // past the box when a new section follows it; the long one
            // would be split by the box, and a section's rest would read
            // as part of the box: then the box stays in place.
            let floats = after.len() == 2 && section;
            let whole = alone(40) + if floats { alone(12) } else { 0 };
            assert_eq!(
                first, whole,
                "after the box: {after:?}, a new section: {section}"
            );
        }
    }

    #[test]
    fn regions_of_no_width_still_end() {
        let (fonts, writing) = (fonts(), Writing::new("en", 0));
        let ts = typesetter(&fonts, &writing);
        let flow = with(&ts, vec![text(&ts, 20)], vec![]);
        for width in [0.0, -40.0] {
            let flowed = run(&flow, [width, width], 100.0);
            assert!(!flowed.regions.is_empty() && flowed.regions.len() < 20);
        }
    }

    #[test]
    fn tighter_spacing_narrows_gaps_but_never_a_boxs_padding() {
        let (fonts, writing) = (fonts(), Writing::new("en", 0));
        let ts = typesetter(&fonts, &writing);
        // Below a box: 6 pt of its padding and 4 pt of gap.
        let mut after = text(&ts, 3);
        (after.space_before, after.pad_before) = (10.0, 6.0);
        let flow = with(&ts, vec![text(&ts, 3), after], vec![]);
        flow.space(Spacing::at(-1.0));
        assert_eq!(
            flow.space_before(1),
            8.0,
            "the gap halved, the padding kept"
        );
        flow.space(Spacing::at(1.0));
        assert_eq!(flow.space_before(1), 12.0);
    }

    #[test]
    fn a_flow_is_placed_again_from_a_break_and_in_part() {
        let (fonts, writing) = (fonts(), Writing::new("en", 0));
        let ts = typesetter(&fonts, &writing);
        // Seven one-line paragraphs 20 pt apart: five fit a 100 pt region.
        let pieces = (0..7)
            .map(|_| {
                let mut piece = text(&ts, 2);
                piece.space_before = 10.0;
                piece
            })
            .collect();
        let flow = with(&ts, pieces, vec![]);
        let region = |i: usize| Region {
            page: i,
            x: 0.0,
            width: 60.0,
            top: 0.0,
            bottom: 100.0,
        };
        let placed = flow.place(region);
        assert_eq!(placed.regions().count(), 2);
        // Region 0 may end before any paragraph after the first.
        assert_eq!(placed.breaks(0), vec![(1, 0), (2, 0), (3, 0), (4, 0)]);
        // From paragraph 3: region 0 keeps two, the rest go on.
        let again = flow
            .place_again(&placed, (2, 0), region)
            .expect("from a break");
        assert_eq!(again.start(1), Some(2));
        assert_eq!(flow.top_of(&again, 6).map(|(r, _)| r), Some(1));
        // Not from a place the placement does not set.
        assert!(flow.place_again(&placed, (2, 3), region).is_none());
        // The last two paragraphs as a flow of their own fit one region.
        let part = flow.part(5..7);
        assert_eq!(part.pieces.len(), 2);
        assert_eq!(part.place(region).regions().count(), 1);
    }
}
