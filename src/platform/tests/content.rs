//! What analysis reads in files: evasion by transformation, OCR and document text, bad files.

use super::*;

#[test]
fn mirrored_and_stretched_variants_evade_while_a_recompressed_copy_is_caught() {
    let original = sensitive_picture();
    let variants = [
        (
            "mirrored.png",
            png_file("mirrored.png", &imageops::flip_horizontal(&original)),
            false,
        ),
        (
            "stretched.png",
            png_file(
                "stretched.png",
                &imageops::resize(&original, 960, 480, imageops::FilterType::Triangle),
            ),
            false,
        ),
        (
            "shorter.png",
            png_file(
                "shorter.png",
                &imageops::resize(&original, 640, 300, imageops::FilterType::Triangle),
            ),
            false,
        ),
        (
            "recompressed.jpg",
            jpeg_file("recompressed.jpg", &original, 60),
            true,
        ),
        ("rescaled.jpg", sensitive_copy(), true),
    ];
    for (name, facts, caught) in variants {
        let (mut p, cast) = setup();
        send(&mut p, cast.international_chat, cast.amira, facts);
        let events = wait(&mut p, 10_000);
        let (visual, _, flagged, event) = analysed(&events);
        assert_eq!(flagged, caught, "{name}: {}", narrate::event(event, &p));
        let VisualOutcome::Compared { similarity, .. } = visual else {
            panic!("{name}: {visual:?}")
        };
        // Caught copies are within the matcher's bound; evading ones lost their edges.
        let bound = similarity.max_distance;
        assert_eq!(
            similarity.distance <= bound,
            caught,
            "{name}: {similarity:?}"
        );
        assert_eq!(hash_added(&events).len(), usize::from(caught), "{name}");
    }
}

#[test]
fn ocr_and_document_text_are_checked_against_keywords() {
    let (mut p, cast) = setup();
    let mut picture = analyse_file(
        "flyer.png",
        "image/png",
        &test_pictures::png(&test_pictures::picture(4, 300, 200)),
    );
    picture.ocr_text = Some("传单：习近平在广场喊口号".into());
    picture.ocr_note = None;
    send(
        &mut p,
        cast.international_chat,
        cast.amira,
        Box::new(picture),
    );
    let queued = p.pending_jobs()[0].due;
    assert!((3_000..=6_000).contains(&queued), "OCR delay: {queued}");
    let events = wait(&mut p, 10_000);
    let (_, text, flagged, event) = analysed(&events);
    assert!(flagged);
    assert!(
        matches!(text, TextOutcome::Checked { source: TextSource::Ocr, matched: Some(m) } if m.combination == "习近平+喊口号")
    );
    assert_eq!(event.rule.unwrap(), Rule::OcrKeywords);
    // The server view quotes what OCR read and how sure it was.
    let said = narrate::event(event, &p);
    assert!(
        said.contains("OCR read “\u{2068}传单：习近平在广场喊口号\u{2069}” (confidence ?%)"),
        "{said}"
    );

    // A long reading is quoted on one line, cut after 80 characters, with its confidence.
    let mut poster = analyse_file(
        "poster.png",
        "image/png",
        &test_pictures::png(&test_pictures::picture(5, 300, 200)),
    );
    poster.read_picture_text(Ok((format!("习近平\n喊口号 {}", "字".repeat(100)), 71)));
    send(
        &mut p,
        cast.international_chat,
        cast.amira,
        Box::new(poster),
    );
    let events = wait(&mut p, 10_000);
    let said = narrate::event(analysed(&events).3, &p);
    let quoted = format!(
        "“\u{2068}习近平 喊口号 {}…\u{2069}” (confidence 71%)",
        "字".repeat(72)
    );
    assert!(said.contains(&quoted), "{said}");

    // This combination is on the group list only, and a file is checked against the list of
    // the chat it was sent in: the international chat here is one-to-one, so check it
    // against every feature's list.
    with_options(&mut p, |o| o.learned_hash_target = LearnTarget::AllFeatures);
    let doc = text_file(
        "report.txt",
        "内部报告：肺炎疫情……疾病预防控制中心……病毒样本……医学期刊投稿",
    );
    send(&mut p, cast.international_chat, cast.amira, doc);
    let events = wait(&mut p, 10_000);
    let (_, text, flagged, event) = analysed(&events);
    assert!(flagged, "{}", narrate::event(event, &p));
    assert!(matches!(
        text,
        TextOutcome::Checked {
            source: TextSource::Document,
            ..
        }
    ));
    assert_eq!(event.rule.unwrap(), Rule::DocumentText);
    let learned = p
        .lists()
        .hashes
        .one_to_one
        .iter()
        .find(|(_, e)| e.label == "report.txt")
        .unwrap();
    assert!(
        narrate::provenance(&learned.1.provenance)
            .contains("document text: keywords \u{2068}肺炎+疾病预防控制+病毒+医学期刊\u{2069}")
    );
}

#[test]
fn a_pdf_and_a_word_document_are_read_flagged_and_learned_like_pictures() {
    use crate::samples::{document_files, texts};
    let (mut p, cast) = setup();
    with_options(&mut p, |o| o.learned_hash_target = LearnTarget::AllFeatures);
    let pdf = document_files::pdf(texts::MEETING_NOTES);
    let facts = analyse_file("notes.pdf", "application/pdf", &pdf);
    let events = send(&mut p, cast.international_chat, cast.amira, Box::new(facts));
    let queued = events
        .iter()
        .find(|e| matches!(e.kind, EventKind::AnalysisQueued { .. }))
        .expect("queued");
    assert!(narrate::event(queued, &p).starts_with("Analysis of the PDF queued"));
    let events = wait(&mut p, 10_000);
    let (_, text, flagged, event) = analysed(&events);
    assert!(flagged, "{}", narrate::event(event, &p));
    assert!(matches!(
        text,
        TextOutcome::Checked { source: TextSource::Document, matched: Some(m) }
            if m.combination == texts::MEETING_NOTES_COMBINATION
    ));
    assert!(
        p.lists()
            .hashes
            .one_to_one
            .iter()
            .any(|(_, e)| e.label == "notes.pdf")
    );
    // The same bytes to a China-registered account are now dropped on sight.
    let again = analyse_file("notes.pdf", "application/pdf", &pdf);
    let events = send(&mut p, cast.china_chat, cast.amira, Box::new(again));
    assert_eq!(fate(&events, cast.wang_fang).0, EventKind::Dropped);

    // A Word document with nothing listed: read, checked, not learned.
    let docx = document_files::docx(texts::WEEKEND_PLANS);
    let facts = analyse_file("plans.docx", "", &docx);
    send(&mut p, cast.international_chat, cast.amira, Box::new(facts));
    let events = wait(&mut p, 10_000);
    let (_, text, flagged, event) = analysed(&events);
    assert!(!flagged);
    assert!(
        narrate::event(event, &p).contains("the document's text contains no blacklisted"),
        "{}",
        narrate::event(event, &p)
    );
    assert!(matches!(text, TextOutcome::Checked { matched: None, .. }));
}

#[test]
fn bad_files_are_hashed_routed_and_explained() {
    let good = test_pictures::png(&sensitive_picture());
    let files: Vec<(&str, &str, Vec<u8>)> = vec![
        ("empty.png", "image/png", vec![]),
        (
            "truncated.png",
            "image/png",
            good[..good.len() / 3].to_vec(),
        ),
        ("corrupt.png", "image/png", {
            let mut b = good.clone();
            let idat = b.windows(4).position(|w| w == b"IDAT").unwrap() + 8;
            b[idat..idat + 64].iter_mut().for_each(|x| *x ^= 0xA5);
            b
        }),
        ("photo.jpg", "image/jpeg", b"definitely not a JPEG".to_vec()),
        (
            "archive.zip",
            "application/zip",
            vec![0x50, 0x4B, 0x03, 0x04, 0, 0, 0xFF, 0xFE],
        ),
    ];
    let (mut p, cast) = setup();
    for (name, mime, bytes) in files {
        let facts = analyse_file(name, mime, &bytes);
        assert_eq!(facts.md5, crate::fingerprint::md5(&bytes), "{name}");
        let events = send(&mut p, cast.china_chat, cast.amira, Box::new(facts.clone()));
        assert_eq!(
            fate(&events, cast.wang_fang).0,
            EventKind::Delivered,
            "{name}"
        );
        let events = wait(&mut p, 10_000);
        let (visual, text, flagged, event) = analysed(&events);
        assert!(!flagged, "{name}");
        match name {
            "archive.zip" => assert_eq!(visual, &VisualOutcome::NotAPicture),
            _ => {
                let VisualOutcome::Unreadable { reason } = visual else {
                    panic!("{name}: {visual:?}")
                };
                assert_eq!(
                    reason,
                    &facts.problem.clone().unwrap().to_string(),
                    "{name}"
                );
            }
        }
        assert!(
            matches!(text, TextOutcome::NoText { .. }),
            "{name}: {text:?}"
        );
        let said = narrate::event(event, &p);
        assert!(said.contains(&narrate::isolate(name)), "{said}");
    }
    let problems: Vec<_> = p
        .messages()
        .iter()
        .map(|m| match &m.content {
            Content::File(f) => f.problem.clone().unwrap(),
            Content::Text(_) => unreachable!(),
        })
        .collect();
    assert_eq!(problems[0], ContentProblem::Empty);
    assert!(
        matches!(problems[1], ContentProblem::Truncated),
        "{:?}",
        problems[1]
    );
    assert!(
        matches!(
            problems[2],
            ContentProblem::Corrupt(_) | ContentProblem::Truncated
        ),
        "{:?}",
        problems[2]
    );
    assert_eq!(problems[3], ContentProblem::NotAPicture);
    assert_eq!(problems[4], ContentProblem::Unsupported);
}
