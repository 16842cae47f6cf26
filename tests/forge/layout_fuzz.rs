//! The layout search fuzzed: random data streams (from clean to hopeless), sizes, palettes,
//! canvases and collisions, real and made up. It must either return a layout that passes
//! both parser walks, or a clear error within its step limit; never hang, never panic.

use hashwall::forge::blocks::HEAD_LEN;
use hashwall::forge::layout::{self, FIXED_LEN, GifImage, LayoutError};
use hashwall::forge::prefix::{SWITCH_BYTE, gif_prefix};
use hashwall::forge::walk::walk;
use hashwall::forge::{CollisionBlocks, shipped_blocks};
use hashwall::rng::Rng;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Collision {
    /// One of the shipped blocks.
    Shipped(usize),
    /// A made-up block pair (no real MD5 collision, which the layout does not need): the
    /// switch byte is `v` in one block and `v + 128` in the other, anything else random.
    MadeUp { v: u8, x_is_short: bool, seed: u64 },
}

impl Collision {
    fn blocks(&self, width: u16, height: u16) -> CollisionBlocks {
        match *self {
            Collision::Shipped(i) => {
                let all = shipped_blocks();
                all[i % all.len()].clone()
            }
            Collision::MadeUp {
                v,
                x_is_short,
                seed,
            } => {
                let mut block_x = [0u8; 128];
                Rng::new(seed).fill(&mut block_x);
                let mut block_y = block_x;
                let (short, long) = if x_is_short {
                    (&mut block_x, &mut block_y)
                } else {
                    (&mut block_y, &mut block_x)
                };
                short[SWITCH_BYTE] = v;
                long[SWITCH_BYTE] = v + 128;
                CollisionBlocks {
                    width,
                    height,
                    prefix: gif_prefix(width, height, seed as u32),
                    block_x,
                    block_y,
                }
            }
        }
    }
}

#[derive(Clone, Debug)]
struct Stream {
    len: usize,
    /// One byte in `zero_in` is 0 (0: none; 1: all).
    zero_in: u64,
    /// Repeat a short pattern instead of random bytes (regular data like flat pictures give).
    period: Option<usize>,
    seed: u64,
}

impl Stream {
    fn bytes(&self) -> Vec<u8> {
        let mut rng = Rng::new(self.seed);
        let mut draw = || match self.zero_in {
            0 => rng.range(1, 255) as u8,
            z if rng.range(1, z) == 1 => 0,
            _ => rng.range(1, 255) as u8,
        };
        match self.period {
            Some(p) => {
                let pattern: Vec<u8> = (0..p).map(|_| draw()).collect();
                (0..self.len).map(|i| pattern[i % p]).collect()
            }
            None => (0..self.len).map(|_| draw()).collect(),
        }
    }
}

fn stream() -> impl Strategy<Value = Stream> {
    let len =
        prop_oneof![4 => 1usize..=3_000, 4 => 3_000usize..=60_000, 1 => 60_000usize..=400_000];
    let zero_in = prop_oneof![3 => Just(0u64), 6 => Just(100u64), 3 => Just(30u64), 2 => Just(8u64), 1 => Just(3u64), 1 => Just(1u64)];
    let period = prop_oneof![5 => Just(None), 1 => (1usize..=600).prop_map(Some)];
    (len, zero_in, period, any::<u64>()).prop_map(|(len, zero_in, period, seed)| Stream {
        len,
        zero_in,
        period,
        seed,
    })
}

fn collision() -> impl Strategy<Value = Collision> {
    prop_oneof![
        1 => (0usize..15).prop_map(Collision::Shipped),
        1 => (0u8..128, any::<bool>(), any::<u64>()).prop_map(|(v, x_is_short, seed)| Collision::MadeUp { v, x_is_short, seed }),
    ]
}

/// A picture's fixed bytes from a random palette (zeros included) and a random set of unused
/// entries.
fn image(width: u16, height: u16, seed: u64, data: Vec<u8>) -> GifImage {
    let mut rng = Rng::new(seed);
    let mut palette = [0u8; 768];
    rng.fill(&mut palette);
    let zeros = rng.range(0, 3);
    for b in palette.iter_mut() {
        if rng.range(0, 9) < zeros {
            *b = 0;
        }
    }
    let unused = rng.range(0, 256);
    let used: [bool; 256] = std::array::from_fn(|i| (i as u64) >= unused);
    GifImage::new(width, height, &palette, &used, data)
}

/// The palette may only change where the search may change it.
fn palette_kept(before: &GifImage, after: &GifImage) -> Result<(), TestCaseError> {
    prop_assert_eq!(&before.data, &after.data);
    prop_assert_eq!(&before.fixed[..10], &after.fixed[..10]);
    prop_assert_eq!(before.fixed[FIXED_LEN - 1], after.fixed[FIXED_LEN - 1]);
    for i in 10..FIXED_LEN - 1 {
        let (old, new) = (before.fixed[i], after.fixed[i]);
        if old != new {
            prop_assert!(new != 0, "a palette byte became 0");
            prop_assert!(
                before.free[(i - 10) / 3] || old.abs_diff(new) == 1,
                "a shown colour moved by more than one unit"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, max_shrink_iters: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn layout_search_succeeds_or_says_why(
        collision in collision(),
        a in stream(),
        b in stream(),
        width in 1u16..=u16::MAX,
        height in 1u16..=u16::MAX,
        palettes in any::<u64>(),
    ) {
        let blocks = collision.blocks(width, height);
        let a_img = image(width, height, palettes, a.bytes());
        let b_img = image(width, height, palettes ^ 1, b.bytes());
        let limit = layout::step_limit(&a_img, &b_img);
        match layout::layout(&blocks, &a_img, &b_img, limit) {
            Ok(found) => {
                prop_assert!(found.stats.steps <= limit);
                palette_kept(&a_img, &found.a)?;
                palette_kept(&b_img, &found.b)?;
                layout::check(&blocks, &found).map_err(|e| TestCaseError::fail(e.to_string()))?;
                // And by hand: one picture per file, each the right one, in a complete GIF.
                for (y, img) in [(false, &found.a), (true, &found.b)] {
                    let file = [&blocks.head(y)[..], &found.suffix].concat();
                    let seen = walk(&file).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    prop_assert_eq!(seen.images.len(), 1);
                    prop_assert_eq!(&seen.images[0].data, &img.data);
                    prop_assert!(seen.images[0].at >= HEAD_LEN);
                }
            }
            Err(LayoutError::GaveUp { steps }) => prop_assert_eq!(steps, limit),
            Err(LayoutError::NoWay { steps }) => prop_assert!(steps <= limit),
            Err(LayoutError::BadCollision(why)) => {
                prop_assert!(matches!(collision, Collision::MadeUp { v, .. } if v < 4), "{}", why);
            }
            Err(other) => prop_assert!(false, "unexpected error: {other}"),
        }
    }

    #[test]
    fn clean_data_always_lays_out(
        collision in (0usize..15).prop_map(Collision::Shipped),
        len_a in 1usize..=80_000,
        len_b in 1usize..=80_000,
        seed in any::<u64>(),
    ) {
        // Data like real LZW output (about 1 byte in 100 is zero): the search must not fail.
        let blocks = collision.blocks(640, 480);
        let a = Stream { len: len_a, zero_in: 100, period: None, seed }.bytes();
        let b = Stream { len: len_b, zero_in: 100, period: None, seed: !seed }.bytes();
        let (a_img, b_img) = (image(640, 480, seed, a), image(640, 480, seed ^ 7, b));
        let found = layout::layout(&blocks, &a_img, &b_img, layout::step_limit(&a_img, &b_img));
        prop_assert!(found.is_ok(), "{:?}", found.err());
    }
}
