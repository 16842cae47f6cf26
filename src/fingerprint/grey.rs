//! Luminosity greyscale, the first step of WeChat's image analysis.
//!
//! Citizen Lab's OCR-evasion tool uses 0.299 R + 0.587 G + 0.114 B, and text recoloured to
//! vanish under exactly these weights evaded both OCR and the visual filter, so every
//! analysis here starts from this image (docs/sources.md §4.4, §4.5).

/// A greyscale image, one byte per pixel, row-major.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Greyscale {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// Converts RGBA pixels (straight alpha) to luminosity greyscale.
///
/// Transparent areas are composited over white first, as a chat client shows them.
pub fn luminosity(width: u32, height: u32, rgba: &[u8]) -> Greyscale {
    assert_eq!(
        rgba.len(),
        width as usize * height as usize * 4,
        "RGBA buffer size"
    );
    let pixels = rgba
        .chunks_exact(4)
        .map(|p| {
            let a = p[3] as u32;
            let over_white = |c: u8| (c as u32 * a + 255 * (255 - a)) / 255;
            // Integer weights scaled by 1000 keep the result exact and platform-independent.
            let y = 299 * over_white(p[0]) + 587 * over_white(p[1]) + 114 * over_white(p[2]);
            ((y + 500) / 1000) as u8
        })
        .collect();
    Greyscale {
        width,
        height,
        pixels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_luminosity() {
        let g = luminosity(
            4,
            1,
            &[
                255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255,
            ],
        );
        assert_eq!(g.pixels, vec![76, 150, 29, 255]);
    }

    #[test]
    fn colours_of_equal_luminosity_vanish() {
        // Pure red (76) on a grey of 76: the picture disappears in greyscale.
        let g = luminosity(2, 1, &[255, 0, 0, 255, 76, 76, 76, 255]);
        assert_eq!(g.pixels[0], g.pixels[1]);
    }

    #[test]
    fn transparent_is_white() {
        let g = luminosity(1, 1, &[0, 0, 0, 0]);
        assert_eq!(g.pixels, vec![255]);
    }
}
