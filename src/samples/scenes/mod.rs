//! The named scenes of the sample tray, each a flat illustration drawn on a 640×480
//! design grid and rendered at any size.
//!
//! The "sensitive" scenes evoke pictures the Citizen Lab saw censored; they are schematic
//! and carry no words, so only the visual filter (not OCR) can flag them. The benign ones
//! are everyday subjects, one of them (the birthday cake) a deliberate near-miss for the
//! candlelight vigil.
//!
//! The [`LETTERED`] scenes carry words, for OCR: a protest leaflet, the same leaflet
//! camouflaged for greyscale, and a noodle shop's menu. Their font is native-only (see
//! `lettering`), so the wasm build does not list them: the page fetches their files.

mod bicycle;
mod cake;
mod cat;
mod chair;
mod flowers;
mod lake;
#[cfg(not(target_arch = "wasm32"))]
mod leaflet;
#[cfg(not(target_arch = "wasm32"))]
mod menu;
mod noodles;
mod paper;
mod tanks;
mod vigil;

use super::canvas::{Canvas, Colour};
use super::geometry::Point;
use super::shapes::Path;
use image::RgbaImage;

/// The design grid every scene is drawn on; it is stretched to the requested size.
pub const DESIGN_WIDTH: f32 = 640.0;
pub const DESIGN_HEIGHT: f32 = 480.0;

/// A scene: its id in the catalogue and how to draw it.
#[derive(Clone, Copy, Debug)]
pub struct Scene {
    pub id: &'static str,
    draw: fn(&mut Canvas),
}

impl Scene {
    /// The scene as a `width`×`height` opaque picture.
    pub fn render(&self, width: u32, height: u32) -> RgbaImage {
        let mut canvas = Canvas::new(
            width,
            height,
            DESIGN_WIDTH,
            DESIGN_HEIGHT,
            Colour::hex(0xFFFFFF),
        );
        (self.draw)(&mut canvas);
        canvas.to_rgba()
    }
}

/// The scenes with words in them, drawn natively only.
pub const LETTERED: &[&str] = &["protest-leaflet", "leaflet-camouflage", "noodle-menu"];

/// Every scene, sensitive ones first (the camouflaged leaflet beside its original).
pub const SCENES: &[Scene] = &[
    Scene {
        id: "tank-column",
        draw: tanks::draw,
    },
    Scene {
        id: "candle-vigil",
        draw: vigil::draw,
    },
    Scene {
        id: "empty-chair",
        draw: chair::draw,
    },
    Scene {
        id: "blank-paper",
        draw: paper::draw,
    },
    #[cfg(not(target_arch = "wasm32"))]
    Scene {
        id: "protest-leaflet",
        draw: leaflet::draw_plain,
    },
    #[cfg(not(target_arch = "wasm32"))]
    Scene {
        id: "leaflet-camouflage",
        draw: leaflet::draw_camouflaged,
    },
    Scene {
        id: "mountain-lake",
        draw: lake::draw,
    },
    Scene {
        id: "cat",
        draw: cat::draw,
    },
    Scene {
        id: "noodle-bowl",
        draw: noodles::draw,
    },
    #[cfg(not(target_arch = "wasm32"))]
    Scene {
        id: "noodle-menu",
        draw: menu::draw,
    },
    Scene {
        id: "birthday-cake",
        draw: cake::draw,
    },
    Scene {
        id: "bicycle",
        draw: bicycle::draw,
    },
    Scene {
        id: "flowers",
        draw: flowers::draw,
    },
];

/// The scene with this id.
pub fn scene(id: &str) -> Option<Scene> {
    SCENES.iter().find(|s| s.id == id).copied()
}

/// A soft contact shadow under an object standing on the ground.
fn shadow(canvas: &mut Canvas, centre: Point, rx: f32, ry: f32, strength: f32) {
    use super::canvas::Paint;
    let dark = Colour::hex(0x000000);
    canvas.fill(
        &Path::new().ellipse(centre, rx, ry),
        Paint::Radial {
            centre,
            rx,
            ry,
            stops: vec![
                (0.0, dark.alpha(strength)),
                (0.6, dark.alpha(strength * 0.6)),
                (1.0, dark.alpha(0.0)),
            ],
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degenerate_sizes_draw_without_panicking() {
        for scene in SCENES {
            assert_eq!(scene.render(0, 0).dimensions(), (0, 0));
            assert_eq!(scene.render(1, 1).dimensions(), (1, 1));
            assert_eq!(scene.render(3, 700).dimensions(), (3, 700));
        }
    }

    #[test]
    fn ids_are_unique_and_found() {
        for s in SCENES {
            assert_eq!(SCENES.iter().filter(|t| t.id == s.id).count(), 1);
            assert_eq!(scene(s.id).map(|t| t.id), Some(s.id));
        }
        assert!(scene("nothing").is_none());
    }
}
