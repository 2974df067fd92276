//! The XMP metadata packet: the document information again (PDF/A wants the
//! two in step), the PDF/A-2u and PDF/UA-1 identifiers, and the PDF/A
//! extension schema that declares PDF/UA's `pdfuaid` namespace, which XMP
//! itself does not define.

use crate::layout::Metadata;
use crate::xml::escape;

/// The fields shared with the Info dictionary, as written there.
pub struct Info<'a> {
    pub metadata: &'a Metadata,
    pub creator: &'a str,
    pub producer: &'a str,
}

/// Bytes every PDF this tool writes holds, in its metadata packet, which
/// is never compressed: how a PDF it may replace is told from someone else's.
pub const SIGNATURE: &str = "<pdf:Producer>handout ";

pub fn packet(info: &Info) -> String {
    let m = info.metadata;
    let d = m.date;
    let date = format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day);
    let (title, author, subject) = (escape(&m.title), escape(&m.author), escape(&m.subject));
    let keywords = escape(&m.keywords.join(", "));
    let language = escape(&m.language);
    let (creator, producer) = (escape(info.creator), escape(info.producer));
    let bom = '\u{feff}';
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{keywords}</pdf:Keywords>
<pdf:Producer>{producer}</pdf:Producer>
<xmp:CreatorTool>{creator}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>U</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    #[test]
    fn fields_are_escaped_and_the_identifiers_declared() {
        let metadata = Metadata {
            title: "Knees & <hips>".into(),
            author: "Clinic".into(),
            subject: "s".into(),
            keywords: vec!["a".into(), "b".into()],
            language: "en".into(),
            date: Date {
                year: 2026,
                month: 11,
                day: 19,
            },
        };
        let xmp = packet(&Info {
            metadata: &metadata,
            creator: "handout",
            producer: "p",
        });
        assert!(xmp.contains(">Knees &amp; &lt;hips&gt;<"));
        assert!(xmp.contains("<pdf:Keywords>a, b</pdf:Keywords>"));
        assert!(xmp.contains("<xmp:CreateDate>2026-11-19T00:00:00Z</xmp:CreateDate>"));
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(xmp.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
    }
}
