//! Text fields as editors write them: paragraphs separated by a blank line,
//! `{placeholders}`, and inline `**bold**`, `*italic*` and `[label](https://...)`.

use std::collections::BTreeMap;

/// One run of text with a single style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The address a link points to; its label is `text`.
    pub link: Option<String>,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            bold: false,
            italic: false,
            link: None,
        }
    }

    pub fn bold(text: impl Into<String>) -> Span {
        Span {
            bold: true,
            ..Span::plain(text)
        }
    }
}

/// A paragraph: styled runs that flow together.
pub type Paragraph = Vec<Span>;

/// Why a text's placeholders cannot be filled; offsets are bytes into the text.
#[derive(Debug, PartialEq, Eq)]
pub enum PlaceholderError {
    /// `{name}` names nothing known.
    Unknown { name: String, offset: usize },
    /// A `{` or `}` without its partner.
    Unbalanced { offset: usize },
}

/// Replace `{name}` with its value; `{{` and `}}` are literal braces.
pub fn expand_placeholders(
    text: &str,
    values: &BTreeMap<&str, String>,
) -> Result<String, PlaceholderError> {
    // Grown as filled: a text of 250,000 bad placeholders is expanded once
    // after each, and a whole text's room each time would be quadratic.
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        let offset = text.len() - tail.len();
        let end = tail.find('}').filter(|_| tail.starts_with('{'));
        let Some(end) = end.filter(|e| !tail[1..*e].contains('{')) else {
            return Err(PlaceholderError::Unbalanced { offset });
        };
        let name = &tail[1..end];
        let value = values.get(name).ok_or_else(|| PlaceholderError::Unknown {
            name: name.to_string(),
            offset,
        })?;
        out.push_str(value);
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Split on blank lines, join the lines of each paragraph with spaces and parse
/// its inline markup.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim).chain([""]) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(inline(&current.join(" ")));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    out
}

/// Parse `**bold**`, `*italic*` and `[label](url)` in one paragraph. Markers
/// without a partner are kept as written, so a stray `*` never hides text.
/// Linear in the text's length: every "is there a partner later?" question is
/// answered from tables built in one pass, so no input makes it quadratic.
pub fn inline(text: &str) -> Paragraph {
    // Most paragraphs hold no marker: the tables below would cost more
    // than the paragraph's whole layout.
    if !text.contains(['*', '[']) {
        return (!text.is_empty())
            .then(|| Span::plain(text))
            .into_iter()
            .collect();
    }
    let ahead = Ahead::new(text);
    let mut spans: Paragraph = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let mut buf = String::new();
    let mut i = 0;
    let flush = |buf: &mut String, spans: &mut Paragraph, bold, italic, link: Option<String>| {
        if !buf.is_empty() {
            spans.push(Span {
                text: std::mem::take(buf),
                bold,
                italic,
                link,
            });
        }
    };
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with("**") && (bold || ahead.double_star(i + 2)) {
            flush(&mut buf, &mut spans, bold, italic, None);
            bold = !bold;
            i += 2;
        } else if rest.starts_with('*') && (italic || ahead.opens_italic(text, i)) {
            flush(&mut buf, &mut spans, bold, italic, None);
            italic = !italic;
            i += 1;
        } else if let Some((label, url, end)) = ahead.link(text, i) {
            flush(&mut buf, &mut spans, bold, italic, None);
            let mut label = label.to_string();
            flush(&mut label, &mut spans, bold, italic, Some(url.to_string()));
            i = end;
        } else {
            let c = rest.chars().next().expect("non-empty");
            buf.push(c);
            i += c.len_utf8();
        }
    }
    flush(&mut buf, &mut spans, bold, italic, None);
    spans
}

/// For each byte offset of a paragraph, where the next marker of each kind
/// starts (`NONE` when there is none), and which `)` closes each `(`.
struct Ahead {
    /// The next `**`.
    double_star: Vec<usize>,
    /// The next `*` that follows a non-space character, so it can close italics.
    closing_star: Vec<usize>,
    /// The next `[`, `](`, `)` and whitespace character.
    bracket: Vec<usize>,
    label_end: Vec<usize>,
    paren: Vec<usize>,
    space: Vec<usize>,
    /// The `)` that balances the `(` at each offset, so an address such as
    /// `https://en.wikipedia.org/wiki/Knee_(joint)` keeps its own parentheses.
    matching: Vec<usize>,
}

const NONE: usize = usize::MAX;

impl Ahead {
    fn new(text: &str) -> Ahead {
        let b = text.as_bytes();
        let n = b.len();
        let next = |hit: &dyn Fn(usize) -> bool| {
            let mut v = vec![NONE; n + 1];
            for i in (0..n).rev() {
                v[i] = if hit(i) { i } else { v[i + 1] };
            }
            v
        };
        let star_closes = |i: usize| {
            b[i] == b'*'
                && text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| !p.is_whitespace())
        };
        // Whitespace in URLs is only ever ASCII or a multi-byte space; either
        // starts at a char boundary, which is all `is_whitespace` needs here.
        let space_at = |i: usize| {
            text.is_char_boundary(i) && text[i..].chars().next().is_some_and(char::is_whitespace)
        };
        let mut matching = vec![NONE; n + 1];
        let mut open = Vec::new();
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'(' => open.push(i),
                b')' => {
                    if let Some(o) = open.pop() {
                        matching[o] = i;
                    }
                }
                _ => {}
            }
        }
        Ahead {
            double_star: next(&|i| b[i..].starts_with(b"**")),
            closing_star: next(&star_closes),
            bracket: next(&|i| b[i] == b'['),
            label_end: next(&|i| b[i..].starts_with(b"](")),
            paren: next(&|i| b[i] == b')'),
            space: next(&space_at),
            matching,
        }
    }

    fn double_star(&self, from: usize) -> bool {
        self.double_star.get(from).is_some_and(|&i| i != NONE)
    }

    /// A `*` at `at` opens italics when text follows it directly and a later
    /// `*` that follows text can close it (so `5 * 3` stays as written).
    fn opens_italic(&self, text: &str, at: usize) -> bool {
        let starts_word = text[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace());
        starts_word && self.closing_star.get(at + 2).is_some_and(|&i| i != NONE)
    }

    /// `[label](url)` at `at`: the label, the address and the offset after it.
    fn link<'t>(&self, text: &'t str, at: usize) -> Option<(&'t str, &'t str, usize)> {
        if text.as_bytes()[at] != b'[' {
            return None;
        }
        let close = self.label_end[at + 1];
        if close == NONE || self.bracket[at + 1] < close {
            return None;
        }
        let url_start = close + 2;
        let end = match self.matching[close + 1] {
            NONE => self.paren[url_start],
            m => m,
        };
        let plausible = end != NONE && close > at + 1 && self.space[url_start] >= end;
        plausible.then(|| (&text[at + 1..close], &text[url_start..end], end + 1))
    }
}

/// The text of a paragraph without its styling.
pub fn plain_text(paragraph: &[Span]) -> String {
    paragraph.iter().map(|s| s.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> BTreeMap<&'static str, String> {
        BTreeMap::from([
            ("clinic.name", "Gramercy".to_string()),
            ("patient.name", String::new()),
        ])
    }

    #[test]
    fn placeholders_expand_and_braces_escape() {
        let out = expand_placeholders("Call {clinic.name} {{now}}{patient.name}", &values());
        assert_eq!(out.unwrap(), "Call Gramercy {now}");
    }

    #[test]
    fn unknown_placeholders_are_located() {
        let err = expand_placeholders("Hi {clinic.nmae}!", &values()).unwrap_err();
        let name = "clinic.nmae".to_string();
        assert_eq!(err, PlaceholderError::Unknown { name, offset: 3 });
        let err = expand_placeholders("a { b", &values()).unwrap_err();
        assert_eq!(err, PlaceholderError::Unbalanced { offset: 2 });
        let err = expand_placeholders("a } b", &values()).unwrap_err();
        assert_eq!(err, PlaceholderError::Unbalanced { offset: 2 });
    }

    #[test]
    fn inline_markup_parses() {
        let p = inline("Take **two** *small* steps, see [our site](https://example.org).");
        let shown: Vec<(&str, bool, bool, Option<&str>)> = p
            .iter()
            .map(|s| (s.text.as_str(), s.bold, s.italic, s.link.as_deref()))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("Take ", false, false, None),
                ("two", true, false, None),
                (" ", false, false, None),
                ("small", false, true, None),
                (" steps, see ", false, false, None),
                ("our site", false, false, Some("https://example.org")),
                (".", false, false, None),
            ]
        );
    }

    #[test]
    fn bold_italic_nests() {
        let p = inline("***both*** done");
        assert_eq!(
            (p[0].text.as_str(), p[0].bold, p[0].italic),
            ("both", true, true)
        );
        assert_eq!(
            (p[1].text.as_str(), p[1].bold, p[1].italic),
            (" done", false, false)
        );
    }

    #[test]
    fn stray_markers_stay_literal() {
        assert_eq!(
            plain_text(&inline("5 * 3 = 15 and [x]")),
            "5 * 3 = 15 and [x]"
        );
        assert_eq!(inline("**not closed").len(), 1);
        assert_eq!(plain_text(&inline("a * b * c")), "a * b * c");
    }

    #[test]
    fn addresses_keep_their_own_parentheses() {
        let p = inline("See [the knee](https://en.wikipedia.org/wiki/Knee_(joint)) now.");
        assert_eq!(
            p[1].link.as_deref(),
            Some("https://en.wikipedia.org/wiki/Knee_(joint)")
        );
        assert_eq!(plain_text(&p), "See the knee now.");
        let p = inline("(see [x](https://a.org))");
        assert_eq!(p[1].link.as_deref(), Some("https://a.org"));
        assert_eq!(plain_text(&p), "(see x)");
    }

    #[test]
    fn adversarial_markup_is_linear() {
        // Each of these took seconds per 100 KB when every marker searched ahead.
        // None of these pairs up, so all of it is printed as written.
        for unit in ["a * ", "*a ", "[ ", "[a](", "(("] {
            let text = unit.repeat(200_000 / unit.len());
            let started = std::time::Instant::now();
            assert_eq!(plain_text(&inline(&text)).len(), text.len(), "{unit:?}");
            assert!(started.elapsed().as_secs_f64() < 2.0, "{unit:?} is slow");
        }
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let ps = paragraphs("One line\ncontinues.\n\n  Second.\n");
        assert_eq!(ps.len(), 2);
        assert_eq!(plain_text(&ps[0]), "One line continues.");
    }
}
