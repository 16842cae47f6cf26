//! The tray's documents as real PDF and Word files, written byte by byte so that the same
//! text always gives the same file (and MD5), with no PDF or ZIP writer to depend on.
//!
//! - [`pdf`]: A4 pages of text. Latin lines use the standard Helvetica font; lines with
//!   Chinese use Adobe's standard Chinese font STSong-Light through the predefined CMap
//!   UniGB-UCS2-H (ISO 32000-1, 9.7.5.2), whose codes are the characters' UCS-2 values, so any
//!   reader can map them back to text. Neither font is embedded: viewers substitute their own.
//! - [`docx`]: the three parts Word needs (`[Content_Types].xml`, `_rels/.rels`,
//!   `word/document.xml`) in a ZIP archive with its entries stored, not compressed.

/// Points per line, and lines per A4 page within its margins.
const LEADING: f32 = 16.0;
const LINES_PER_PAGE: usize = 46;
const PAGE: (u32, u32) = (595, 842);
const MARGIN: u32 = 56;
/// Wide characters per line at 11 pt in the text width (483 pt), and Latin characters at
/// 10 pt (Helvetica averages about half its size per character).
const CJK_PER_LINE: usize = 40;
const LATIN_PER_LINE: usize = 92;

/// A PDF showing `text`, one line per line of the text (long lines wrapped).
pub fn pdf(text: &str) -> Vec<u8> {
    let lines: Vec<String> = text.lines().flat_map(wrap).collect();
    let pages: Vec<&[String]> = lines.chunks(LINES_PER_PAGE).collect();
    // Objects: 1 catalog, 2 page tree, 3 Helvetica, 4 STSong-Light (Type0), 5 its CIDFont,
    // 6 its descriptor, then a page and its content stream for each page.
    let first_page = 7;
    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", first_page + 2 * i))
        .collect();
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H \
          /DescendantFonts [5 0 R] >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
          /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> \
          /FontDescriptor 6 0 R /DW 1000 >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 \
          /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 \
          /CapHeight 880 /StemV 93 >>"
            .to_vec(),
    );
    for (i, page) in pages.iter().enumerate() {
        let content = page_content(page);
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                PAGE.0,
                PAGE.1,
                first_page + 2 * i + 1
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(&content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    assemble(&objects)
}

/// The header, the numbered objects, the cross-reference table and the trailer.
fn assemble(objects: &[Vec<u8>]) -> Vec<u8> {
    // The second line's high bytes tell file-transfer tools the file is binary.
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// One text object per line, top to bottom.
fn page_content(lines: &[String]) -> Vec<u8> {
    let mut out = String::new();
    let top = PAGE.1 - MARGIN;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        let y = top as f32 - LEADING * i as f32;
        let shown = if line.is_ascii() {
            format!("/F1 10 Tf ({}) Tj", escape_literal(line))
        } else {
            let hex: String = line
                .encode_utf16()
                .map(|unit| format!("{unit:04X}"))
                .collect();
            format!("/F2 11 Tf <{hex}> Tj")
        };
        out.push_str(&format!("BT {MARGIN} {y:.0} Td {shown} ET\n"));
    }
    out.into_bytes()
}

fn escape_literal(line: &str) -> String {
    line.chars()
        .flat_map(|c| match c {
            '(' | ')' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect()
}

/// A line cut to fit the page. Chinese lines break only after punctuation (so no word, and
/// no keyword, is split across lines); Latin lines break at spaces.
fn wrap(line: &str) -> Vec<String> {
    let (limit, breaks): (usize, &[char]) = if line.is_ascii() {
        (LATIN_PER_LINE, &[' '])
    } else {
        (CJK_PER_LINE, &['，', '。', '；', '：', '、', '）'])
    };
    let mut out = Vec::new();
    let mut rest: Vec<char> = line.chars().collect();
    while rest.len() > limit {
        let cut = rest[..limit]
            .iter()
            .rposition(|c| breaks.contains(c))
            .map_or(limit, |i| i + 1);
        let head: String = rest.drain(..cut).collect();
        out.push(head.trim_end().to_string());
        while rest.first() == Some(&' ') {
            rest.remove(0);
        }
    }
    out.push(rest.into_iter().collect());
    out
}

/// A Word document with one paragraph per line of `text`.
pub fn docx(text: &str) -> Vec<u8> {
    let paragraphs: String = text
        .lines()
        .map(|line| match line {
            "" => "<w:p/>".to_string(),
            line => format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape_xml(line)
            ),
        })
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{paragraphs}<w:sectPr/></w:body></w:document>"
    );
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
        <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
        <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
        <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
        </Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
        </Relationships>";
    stored_zip(&[
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ])
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A ZIP archive (APPNOTE 6.3) of uncompressed entries, dated 1980-01-01 so the bytes never
/// change.
pub fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    const DOS_DATE: u16 = (1 << 5) | 1; // 1980-01-01
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
            v.extend_from_slice(&0x0800u16.to_le_bytes()); // names are UTF-8
            v.extend_from_slice(&0u16.to_le_bytes()); // stored
            v.extend_from_slice(&0u16.to_le_bytes()); // time 00:00
            v.extend_from_slice(&DOS_DATE.to_le_bytes());
            v.extend_from_slice(&crc32(data).to_le_bytes());
            v.extend_from_slice(&(data.len() as u32).to_le_bytes());
            v.extend_from_slice(&(data.len() as u32).to_le_bytes());
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // no extra field
        };
        out.extend_from_slice(b"PK\x03\x04");
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes()); // made by: 2.0
        common(&mut central);
        central.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_at = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]); // this disk, the central directory's disk
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // no comment
    out
}

/// CRC-32 (IEEE 802.3, reflected), as ZIP requires.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn chinese_lines_break_after_punctuation_and_latin_lines_at_spaces() {
        let long = "一二三四五六七八九十，".repeat(6);
        let lines = wrap(&long);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= CJK_PER_LINE));
        assert!(lines[..lines.len() - 1].iter().all(|l| l.ends_with('，')));
        assert_eq!(lines.concat(), long);
        let latin = "word ".repeat(40);
        let lines = wrap(latin.trim_end());
        assert!(
            lines
                .iter()
                .all(|l| l.len() <= LATIN_PER_LINE && !l.starts_with(' '))
        );
        assert_eq!(lines.join(" "), latin.trim_end());
    }

    #[test]
    fn the_pdf_has_a_correct_cross_reference_table() {
        let bytes = pdf("Hello (world)\n你好，世界");
        // Offsets count bytes, and the header's second line is not UTF-8: work on bytes.
        let at = |offset: usize, what: &str| bytes[offset..].starts_with(what.as_bytes());
        let tail = std::str::from_utf8(&bytes[bytes.len() - 40..]).unwrap();
        let xref: usize = tail
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref");
        assert!(at(xref, "xref\n0 9\n"), "xref at its offset");
        let table = std::str::from_utf8(&bytes[xref..]).unwrap();
        for (i, entry) in table.lines().skip(3).take(8).enumerate() {
            let offset: usize = entry[..10].parse().unwrap();
            assert!(
                at(offset, &format!("{} 0 obj", i + 1)),
                "object {} at {offset}",
                i + 1
            );
        }
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("(Hello \\(world\\)) Tj"));
        assert!(text.contains("<4F60597DFF0C4E16754C> Tj"), "UCS-2 codes");
    }

    #[test]
    fn the_same_text_gives_the_same_bytes() {
        assert_eq!(pdf("a\nb"), pdf("a\nb"));
        assert_eq!(docx("a\nb"), docx("a\nb"));
        assert_ne!(docx("a\nb"), docx("a\nc"));
    }
}
