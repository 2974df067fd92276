//! The sample as a Typst document, to time Typst side by side on the same
//! content: the same words, fonts, logo, paper, 13 pt type and two columns,
//! with a header band, numbered and bulleted lists with bold titles, the
//! warning box, the contact block and a footer with page numbers. Typst has
//! no QR code built in, so its leaflet has none; it tags its PDFs as ours.

use std::fmt::Write;

/// A Typst document for `handout` (a handout file's table) under `clinic`
/// (clinic.toml's table), with the logo at `logo` (relative to the source).
pub fn source(handout: &toml::Table, clinic: &toml::Table, logo: &str) -> String {
    let get = |table: &toml::Table, key: &str| {
        table
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let clinic_name = get(clinic, "name");
    let phone = get(clinic, "phone");
    // Placeholders filled, links written as Typst links, everything else a
    // Typst string so no character of the text is read as markup.
    let text = |s: &str| {
        markup(
            &s.replace("{clinic.phone}", &phone)
                .replace("{clinic.name}", &clinic_name),
        )
    };
    let title = get(handout, "title");
    let mut out = String::new();
    write!(
        out,
        r##"#set document(title: {title:?})
#set page(paper: "us-letter", columns: 2, margin: (x: 0.6in, top: 1.5in, bottom: 0.8in),
  header: context if here().page() == 1 {{ place(top + left, dx: -0.6in, dy: 0.3in,
    block(width: 8.5in, height: 0.9in, fill: rgb("#0B5FA5"), inset: (x: 0.6in, y: 0.2in),
      grid(columns: (auto, 1fr), gutter: 12pt, image({logo:?}, height: 0.5in),
        align(horizon, text(fill: white, weight: "bold", size: 18pt, {clinic_name:?}))))) }},
  footer: context text(size: 10pt)[{clinic_name} · {phone} #h(1fr) Page #counter(page).display() of #counter(page).final().first()])
#set text(font: "Atkinson Hyperlegible Next", size: 13pt, lang: "en")
#set par(leading: 0.6em, justify: false)
#set enum(numbering: "1.")
#show heading: set text(fill: rgb("#0B5FA5"))
#place(top, scope: "parent", float: true)[
  #text(size: 26pt, weight: "bold", {title:?})

  #text(size: 16pt, {subtitle:?})
]
"##,
        subtitle = get(handout, "subtitle"),
    )
    .unwrap();
    for paragraph in get(handout, "summary").trim().split("\n\n") {
        writeln!(out, "{}\n", text(paragraph)).unwrap();
    }
    let empty = Vec::new();
    let sections = handout
        .get("section")
        .and_then(|s| s.as_array())
        .unwrap_or(&empty);
    for section in sections.iter().filter_map(|s| s.as_table()) {
        let kind = get(section, "kind");
        let heading = match (get(section, "heading"), kind.as_str()) {
            (h, _) if !h.is_empty() => h,
            (_, "warning-signs") => "When to get help right away".into(),
            (_, "treatments") => format!("Treatments at {clinic_name}"),
            (_, other) => other.into(),
        };
        let mut body = format!("== {}\n\n", markup(&heading));
        let intro = get(section, "intro");
        if !intro.is_empty() {
            writeln!(body, "{}\n", text(&intro)).unwrap();
        }
        let marker = if get(section, "style") == "numbered" {
            "+"
        } else {
            "-"
        };
        let items = section
            .get("item")
            .and_then(|i| i.as_array())
            .unwrap_or(&empty);
        for item in items.iter().filter_map(|i| i.as_table()) {
            let (item_title, item_text) = (get(item, "title"), get(item, "text"));
            if item_title.is_empty() {
                writeln!(body, "{marker} {}", text(&item_text)).unwrap();
            } else {
                writeln!(
                    body,
                    "{marker} *{}* {}",
                    markup(&item_title),
                    text(&item_text)
                )
                .unwrap();
            }
        }
        if kind == "warning-signs" {
            writeln!(
                out,
                "#block(breakable: false, stroke: 2pt + rgb(\"#B3261E\"), inset: 10pt, radius: 4pt)[\n{body}]\n"
            )
            .unwrap();
        } else {
            writeln!(out, "{body}").unwrap();
        }
    }
    for paragraph in get(handout, "closing").trim().split("\n\n") {
        writeln!(out, "{}\n", text(paragraph)).unwrap();
    }
    writeln!(
        out,
        "#block(breakable: false, fill: rgb(\"#E7EFF6\"), inset: 10pt, width: 100%)[*{}* \\ {} \\ {} \\ {}]",
        markup(&clinic_name),
        markup(&phone),
        markup(&get(clinic, "email")),
        markup(&get(clinic, "address")),
    )
    .unwrap();
    out
}

/// `s` as Typst markup: `[label](url)` links become Typst links, and the
/// rest is quoted as strings.
fn markup(s: &str) -> String {
    let quote = |s: &str| {
        if s.is_empty() {
            String::new()
        } else {
            format!("#{s:?}")
        }
    };
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let Some((label, after)) = rest[open + 1..].split_once("](") else {
            break;
        };
        let Some((url, tail)) = after.split_once(')') else {
            break;
        };
        out.push_str(&quote(&rest[..open]));
        write!(out, "#link({url:?})[{}]", quote(label)).unwrap();
        rest = tail;
    }
    out.push_str(&quote(rest));
    out
}
