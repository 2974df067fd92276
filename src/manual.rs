//! `handout man`: one manual page with every subcommand and its options
//! (from the clap definition, so it never drifts), the two file formats in
//! brief, and the exit statuses.

use clap_mangen::Man;
use std::io::Write;

/// The file formats and exit statuses, in roff.
const FILES_AND_STATUS: &str = r#".SH FILES
.TP
\fBclinic.toml\fR
The clinic's profile, found in the current folder or the nearest folder above
it (or given with \fB\-\-clinic\fR): \fBname\fR (required), \fBlogo\fR,
\fBlogo_alt\fR, \fBphone\fR, \fBemail\fR, \fBwebsite\fR, \fBaddress\fR,
\fBbooking_url\fR, \fBdisclaimer\fR; tables \fB[colors]\fR (primary, accent,
warning as #RRGGBB), \fB[fonts]\fR (regular required; bold, italic,
bold_italic, fallback), \fB[page]\fR (\fBpaper\fR letter|a4, \fBbody_size\fR in pt,
12 or more, \fBcolumns\fR 1 or 2) and \fB[policy]\fR (\fBmax_grade\fR,
\fBmin_inflesz\fR, \fBreview_months\fR from 1 to 120, \fBallow_words\fR,
\fBdefault_icons\fR and \fBalso_available\fR, true or false).
.TP
\fBhandouts/NAME.toml\fR
One handout: \fBtitle\fR and \fBreviewed\fR (a date such as 2026\-11\-01,
without quotes) are required; \fBsubtitle\fR, \fBlanguage\fR (default en),
\fBnext_review\fR, \fBsummary\fR, \fBkey_points\fR (2 to 5 sentences),
\fBclosing\fR, \fBkeywords\fR (a list),
\fBtranslation_of\fR and \fBsource_reviewed\fR for a translation,
\fBallow_words\fR and a \fB[words]\fR table are optional. Each \fB[[section]]\fR has a \fBkind\fR
(causes, prevention, self\-care, warning\-signs, treatments, text or notes) and
optionally \fBheading\fR, \fBintro\fR, \fBstyle\fR (numbered|bullets), \fBicon\fR,
\fBlines\fR (notes: lines to write on, 1 to 20) and
\fB[[section.item]]\fR entries with \fBtitle\fR, \fBtext\fR, \fBimage\fR,
\fBimage_alt\fR, \fBicon\fR (a pictogram \fBhandout icons\fR lists) and \fBicon_alt\fR. Text may use **bold**, *italic*, [label](https://...) links
and the placeholders {clinic.name}, {clinic.phone}, {clinic.website},
{clinic.email}, {clinic.address} and {patient.name}.
.TP
\fBschema/\fR
JSON Schemas of both formats, for editors that check TOML as you type.
.TP
\fBout/\fR
Where PDFs are written unless \fB\-o\fR or \fB\-\-out\-dir\fR says otherwise.
.SH "EXIT STATUS"
.TP
\fB0\fR
Success (warnings do not change it).
.TP
\fB1\fR
An input has an error (the others are still built), or, for \fBlist\fR, a
handout is past its review date or has errors.
.TP
\fB2\fR
The command line is wrong (an unknown option, or options that cannot go together).
.TP
\fB130\fR
Interrupted with Ctrl\-C: the PDFs already written are whole, the rest were not started.
.SH ENVIRONMENT
.TP
\fBSOURCE_DATE_EPOCH\fR
Seconds since 1970 to use as today, for reproducible PDFs and tests.
"#;

/// Write the manual page of `cmd` to `out`.
pub fn render(cmd: clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let man = Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_subcommands_section(out)?;
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        let sub = sub.clone().bin_name(format!("handout {name}"));
        let mut page = Vec::new();
        let man = Man::new(sub.clone());
        man.render_synopsis_section(&mut page)?;
        man.render_description_section(&mut page)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut page)?;
        }
        // Each subcommand is a section of this page, its parts subsections.
        let page = String::from_utf8_lossy(&page)
            .replace(
                ".SH SYNOPSIS",
                &format!(".SH \"HANDOUT {}\"", name.to_uppercase()),
            )
            .replace(".SH DESCRIPTION\n", "")
            .replace(".SH OPTIONS", ".SS Options");
        out.write_all(page.as_bytes())?;
    }
    out.write_all(FILES_AND_STATUS.as_bytes())?;
    man.render_version_section(out)
}
