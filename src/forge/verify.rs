//! Checking a forged pair before anyone sees it.
//!
//! A pair is offered only if the claim it illustrates holds, checked independently of how it
//! was built: the two files have the same MD5 (recomputed here), they differ, and each decodes,
//! in two independent decoders (the `gif` crate directly and the `image` crate's GIF codec),
//! to exactly one frame whose pixels are exactly the picture it is meant to show.

use crate::fingerprint::{Digest, md5};
use image::AnimationDecoder;
use std::io::Cursor;

/// Checks a pair; returns the shared MD5, or what is wrong.
pub fn verify(
    x: &[u8],
    y: &[u8],
    width: u16,
    height: u16,
    shows_x: &[u8],
    shows_y: &[u8],
) -> Result<Digest, String> {
    let digest = md5(x);
    if md5(y) != digest {
        return Err(format!("the MD5s differ: {} and {}", digest, md5(y)));
    }
    if x == y {
        return Err("the two files are identical".into());
    }
    for (name, file, want) in [("X", x, shows_x), ("Y", y, shows_y)] {
        let got =
            with_gif(file, width, height).map_err(|e| format!("file {name}, gif decoder: {e}"))?;
        if got != want {
            return Err(format!("file {name} shows other pixels in the gif decoder"));
        }
        let got = with_image(file).map_err(|e| format!("file {name}, image decoder: {e}"))?;
        if got != want {
            return Err(format!(
                "file {name} shows other pixels in the image decoder"
            ));
        }
    }
    Ok(digest)
}

/// The single frame's RGBA through the `gif` crate.
fn with_gif(file: &[u8], width: u16, height: u16) -> Result<Vec<u8>, String> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(Cursor::new(file))
        .map_err(|e| e.to_string())?;
    if (decoder.width(), decoder.height()) != (width, height) {
        return Err(format!("canvas {}×{}", decoder.width(), decoder.height()));
    }
    let mut frames = Vec::new();
    while let Some(frame) = decoder.read_next_frame().map_err(|e| e.to_string())? {
        if (frame.left, frame.top, frame.width, frame.height) != (0, 0, width, height) {
            return Err("a frame does not cover the canvas".into());
        }
        frames.push(frame.buffer.to_vec());
    }
    match <[Vec<u8>; 1]>::try_from(frames) {
        Ok([only]) => Ok(only),
        Err(frames) => Err(format!("{} frames instead of one", frames.len())),
    }
}

/// The single frame's RGBA through the `image` crate.
fn with_image(file: &[u8]) -> Result<Vec<u8>, String> {
    let decoder =
        image::codecs::gif::GifDecoder::new(Cursor::new(file)).map_err(|e| e.to_string())?;
    let frames = decoder
        .into_frames()
        .collect_frames()
        .map_err(|e| e.to_string())?;
    match <[image::Frame; 1]>::try_from(frames) {
        Ok([only]) => Ok(only.into_buffer().into_raw()),
        Err(frames) => Err(format!("{} frames instead of one", frames.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain 2×1 GIF with a given second pixel index and some comment text.
    fn gif(second: u8, comment: &[u8]) -> Vec<u8> {
        let mut buf = Vec::new();
        {
            let mut enc = gif::Encoder::new(&mut buf, 2, 1, &[0, 0, 0, 255, 255, 255]).unwrap();
            enc.write_raw_extension(gif::Extension::Comment.into(), &[comment])
                .unwrap();
            enc.write_frame(&gif::Frame {
                width: 2,
                height: 1,
                buffer: vec![0, second].into(),
                ..Default::default()
            })
            .unwrap();
        }
        buf
    }

    #[test]
    fn refuses_pairs_whose_md5_differs() {
        let (x, y) = (gif(0, b"a"), gif(1, b"a"));
        let err = verify(
            &x,
            &y,
            2,
            1,
            &[0, 0, 0, 255, 0, 0, 0, 255],
            &[0, 0, 0, 255, 255, 255, 255, 255],
        )
        .unwrap_err();
        assert!(err.contains("MD5s differ"), "{err}");
    }

    #[test]
    fn refuses_identical_files() {
        let x = gif(1, b"a");
        let want = [0, 0, 0, 255, 255, 255, 255, 255];
        assert!(
            verify(&x, &x, 2, 1, &want, &want)
                .unwrap_err()
                .contains("identical")
        );
    }

    #[test]
    fn decodes_what_a_file_shows() {
        let x = gif(1, b"a");
        assert_eq!(
            with_gif(&x, 2, 1).unwrap(),
            vec![0, 0, 0, 255, 255, 255, 255, 255]
        );
        assert_eq!(
            with_image(&x).unwrap(),
            vec![0, 0, 0, 255, 255, 255, 255, 255]
        );
        assert!(with_gif(&x, 3, 1).unwrap_err().contains("canvas"));
    }

    #[test]
    fn counts_frames() {
        let mut buf = Vec::new();
        {
            let mut enc = gif::Encoder::new(&mut buf, 1, 1, &[0, 0, 0, 9, 9, 9]).unwrap();
            for i in 0..2 {
                enc.write_frame(&gif::Frame {
                    width: 1,
                    height: 1,
                    buffer: vec![i].into(),
                    ..Default::default()
                })
                .unwrap();
            }
        }
        assert!(with_gif(&buf, 1, 1).unwrap_err().contains("2 frames"));
        assert!(with_image(&buf).unwrap_err().contains("2 frames"));
    }
}
