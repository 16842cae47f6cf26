//! Same-MD5 GIF pairs: two files that share an MD5 and each show their own picture.
//!
//! See `research/md5-collisions.md` §4 for the construction: a comment sub-block whose
//! length byte is the last differing byte of a fastcoll collision, so the two files' GIF
//! parsers part ways there and never meet again until the trailer.

pub mod prefix;
