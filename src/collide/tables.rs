//! The six condition tables (docs/attack.md §4), read from `data/fastcoll/` at build time and
//! turned into bit masks: one table for block 1 and one per block-2 path (W, S00, S01, S10, S11).
//!
//! The tables are the single source of the attack's conditions. They are included as text and
//! parsed once, so a reader can compare them with the specification line by line and nobody
//! retypes 400 rows of bit symbols.

use super::md5q::at;
use std::fmt;
use std::sync::OnceLock;

/// One of the five block-2 differential paths (docs/attack.md §5.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Variant {
    /// Wang's path; its base message is file X.
    W,
    /// Stevens' paths S`<b6><b0>`; their base message is file Y.
    S00,
    S01,
    S10,
    S11,
}

impl Variant {
    pub const ALL: [Variant; 5] = [
        Variant::W,
        Variant::S00,
        Variant::S01,
        Variant::S10,
        Variant::S11,
    ];

    /// The name docs/attack.md uses and the reference tool prints.
    pub fn name(self) -> &'static str {
        match self {
            Variant::W => "W",
            Variant::S00 => "S00",
            Variant::S01 => "S01",
            Variant::S10 => "S10",
            Variant::S11 => "S11",
        }
    }

    /// Whether the table describes file Y (the Stevens paths) rather than file X.
    pub fn base_is_y(self) -> bool {
        self != Variant::W
    }

    pub fn from_name(name: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.name() == name)
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The conditions of one Q row as masks (docs/attack.md §4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowMask {
    /// Every bit with a condition.
    pub cond: u32,
    /// Bits fixed to 1 (`1`); bits in `cond` but in no other mask are fixed to 0.
    pub fixed1: u32,
    /// Equal to Q_{t-1} (`^`).
    pub eq1: u32,
    /// Different from Q_{t-1} (`!`).
    pub ne1: u32,
    /// Equal to Q_{t-2} (`=`).
    pub eq2: u32,
    /// Different from Q_{t-2} (`~`).
    pub ne2: u32,
}

impl RowMask {
    /// The value the conditions require of Q_t given Q_{t-1} and Q_{t-2} (meaningful on `cond`).
    #[inline(always)]
    pub fn want(&self, prev: u32, prev2: u32) -> u32 {
        self.fixed1
            | (prev & self.eq1)
            | (!prev & self.ne1)
            | (prev2 & self.eq2)
            | (!prev2 & self.ne2)
    }

    #[inline(always)]
    pub fn holds(&self, q: u32, prev: u32, prev2: u32) -> bool {
        (q ^ self.want(prev, prev2)) & self.cond == 0
    }

    /// A value satisfying the row whose free bits come from `random`.
    #[inline(always)]
    pub fn draw(&self, random: u32, prev: u32, prev2: u32) -> u32 {
        (random & !self.cond) | self.want(prev, prev2)
    }

    /// Bits related to Q_{t-1} (either way).
    pub fn related1(&self) -> u32 {
        self.eq1 | self.ne1
    }

    /// Bits related to Q_{t-2} (either way).
    pub fn related2(&self) -> u32 {
        self.eq2 | self.ne2
    }

    /// Bits fixed to 0.
    pub fn fixed0(&self) -> u32 {
        self.cond & !(self.fixed1 | self.related1() | self.related2())
    }

    /// Bits without any condition.
    pub fn free(&self) -> u32 {
        !self.cond
    }
}

/// A signed-difference row (`D`): which bits differ and how (other − base).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DiffRow {
    /// `+`: base 0, other 1.
    pub plus: u32,
    /// `-`: base 1, other 0.
    pub minus: u32,
    /// `*`: differs, either sign.
    pub star: u32,
    /// `?`: may or may not differ (the carry zone Q62..Q64).
    pub maybe: u32,
}

/// A condition row on T_t (`T`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TRow {
    pub mask: u32,
    pub value: u32,
}

/// One parsed table.
#[derive(Clone, Debug)]
pub struct Table {
    pub name: &'static str,
    /// Q rows, Q_t at index t + 3 (every row is present in the file).
    pub q: [RowMask; 68],
    /// P rows (documentation: the path's own conditions); absent rows are empty.
    pub p: [RowMask; 68],
    /// D rows; absent rows have no difference.
    pub d: [DiffRow; 68],
    /// A rows, δQ_t = other − base; absent rows are 0.
    pub a: [u32; 68],
    /// T rows for steps 0..63; absent rows are empty.
    pub t: [TRow; 64],
}

/// A table that does not parse: which file, which line, what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableError {
    pub table: &'static str,
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "condition table {} line {}: {}",
            self.table, self.line, self.reason
        )
    }
}

impl std::error::Error for TableError {}

impl Table {
    /// Parses the text format of docs/attack.md §4.
    pub fn parse(name: &'static str, text: &str) -> Result<Table, TableError> {
        let mut table = Table {
            name,
            q: [RowMask::default(); 68],
            p: [RowMask::default(); 68],
            d: [DiffRow::default(); 68],
            a: [0; 68],
            t: [TRow::default(); 64],
        };
        let mut seen_q = [false; 68];
        for (n, raw) in text.lines().enumerate() {
            let err = |reason: String| TableError {
                table: name,
                line: n + 1,
                reason,
            };
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split_whitespace();
            let kind = fields.next().unwrap_or_default();
            let index: i32 = fields
                .next()
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| err("missing or bad row number".into()))?;
            let body: String = fields.collect();
            let q_range = -3..=64;
            match kind {
                "Q" | "P" => {
                    if !q_range.contains(&index) {
                        return Err(err(format!("row {index} outside -3..64")));
                    }
                    let row = parse_conditions(&body).map_err(err)?;
                    if kind == "Q" {
                        if seen_q[at(index)] {
                            return Err(err(format!("Q row {index} given twice")));
                        }
                        seen_q[at(index)] = true;
                        table.q[at(index)] = row;
                    } else {
                        table.p[at(index)] = row;
                    }
                }
                "D" => {
                    if !q_range.contains(&index) {
                        return Err(err(format!("row {index} outside -3..64")));
                    }
                    table.d[at(index)] = parse_diff(&body).map_err(err)?;
                }
                "A" => {
                    if !q_range.contains(&index) {
                        return Err(err(format!("row {index} outside -3..64")));
                    }
                    table.a[at(index)] = u32::from_str_radix(&body, 16)
                        .ok()
                        .filter(|_| body.len() == 8)
                        .ok_or_else(|| err(format!("{body:?} is not 8 hex digits")))?;
                }
                "T" => {
                    if !(16..=63).contains(&index) {
                        return Err(err(format!("T row {index} outside 16..63")));
                    }
                    table.t[index as usize] = parse_t(&body).map_err(err)?;
                }
                _ => return Err(err(format!("unknown record kind {kind:?}"))),
            }
        }
        if let Some(missing) = (-3..=64).find(|&t| !seen_q[at(t)]) {
            return Err(TableError {
                table: name,
                line: 0,
                reason: format!("Q row {missing} missing"),
            });
        }
        Ok(table)
    }
}

/// The 32 symbols of a row, most significant bit first.
fn bits(body: &str) -> Result<impl Iterator<Item = (u32, char)> + '_, String> {
    let n = body.chars().count();
    if n != 32 {
        return Err(format!("{n} symbols in a row, want 32"));
    }
    Ok(body.chars().enumerate().map(|(k, c)| (1u32 << (31 - k), c)))
}

fn parse_conditions(body: &str) -> Result<RowMask, String> {
    let mut row = RowMask::default();
    for (bit, c) in bits(body)? {
        match c {
            '.' => continue,
            '0' => {}
            '1' => row.fixed1 |= bit,
            '^' => row.eq1 |= bit,
            '!' => row.ne1 |= bit,
            '=' => row.eq2 |= bit,
            '~' => row.ne2 |= bit,
            _ => return Err(format!("unknown condition symbol {c:?}")),
        }
        row.cond |= bit;
    }
    Ok(row)
}

fn parse_diff(body: &str) -> Result<DiffRow, String> {
    let mut row = DiffRow::default();
    for (bit, c) in bits(body)? {
        match c {
            '.' => {}
            '+' => row.plus |= bit,
            '-' => row.minus |= bit,
            '*' => row.star |= bit,
            '?' => row.maybe |= bit,
            _ => return Err(format!("unknown difference symbol {c:?}")),
        }
    }
    Ok(row)
}

fn parse_t(body: &str) -> Result<TRow, String> {
    let mut row = TRow::default();
    for (bit, c) in bits(body)? {
        match c {
            '.' => {}
            '0' => row.mask |= bit,
            '1' => {
                row.mask |= bit;
                row.value |= bit;
            }
            _ => return Err(format!("unknown T symbol {c:?}")),
        }
    }
    Ok(row)
}

/// All six tables.
#[derive(Clone, Debug)]
pub struct Tables {
    pub block1: Table,
    /// Indexed by `Variant as usize`.
    pub block2: [Table; 5],
}

impl Tables {
    pub fn block2(&self, v: Variant) -> &Table {
        &self.block2[v as usize]
    }

    fn parse_builtin() -> Result<Tables, TableError> {
        macro_rules! table {
            ($name:literal, $file:literal) => {
                Table::parse($name, include_str!(concat!("../../data/fastcoll/", $file)))?
            };
        }
        Ok(Tables {
            block1: table!("block1", "conditions-block1.txt"),
            block2: [
                table!("W", "conditions-block2-w.txt"),
                table!("S00", "conditions-block2-s00.txt"),
                table!("S01", "conditions-block2-s01.txt"),
                table!("S10", "conditions-block2-s10.txt"),
                table!("S11", "conditions-block2-s11.txt"),
            ],
        })
    }
}

/// The built-in tables, parsed on first use.
pub fn tables() -> Result<&'static Tables, TableError> {
    static TABLES: OnceLock<Result<Tables, TableError>> = OnceLock::new();
    TABLES
        .get_or_init(Tables::parse_builtin)
        .as_ref()
        .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tables_parse_with_the_counts_of_spec_6_1() {
        let t = tables().expect("built-in tables parse");
        let count = |table: &Table, rows: std::ops::RangeInclusive<i32>| -> u32 {
            rows.map(|r| table.q[at(r)].cond.count_ones()).sum()
        };
        // docs/attack.md §6.1: conditions on rows -3..0, 1..16, 17..24, 25..64.
        let want = [
            (&t.block1, [0, 247, 17, 18]),
            (t.block2(Variant::W), [8, 316, 17, 18]),
            (t.block2(Variant::S00), [8, 317, 16, 18]),
            (t.block2(Variant::S01), [8, 320, 16, 18]),
            (t.block2(Variant::S10), [8, 306, 16, 18]),
            (t.block2(Variant::S11), [8, 297, 17, 18]),
        ];
        for (table, [cv, r1, r2, r3]) in want {
            let got = [
                count(table, -3..=0),
                count(table, 1..=16),
                count(table, 17..=24),
                count(table, 25..=64),
            ];
            assert_eq!(got, [cv, r1, r2, r3], "table {}", table.name);
            let t34 = table.t[34];
            assert_eq!(t34.mask, 1 << 15, "table {}", table.name);
            assert_eq!(
                t34.value != 0,
                table.name == "W",
                "T34 value, table {}",
                table.name
            );
            assert_eq!((table.t[22].mask, table.t[22].value), (1 << 17, 0));
        }
        // Block 1, free bits of Q1..Q16 (docs/attack.md §6.1).
        let free: Vec<u32> = (1..=16)
            .map(|r| t.block1.q[at(r)].free().count_ones())
            .collect();
        assert_eq!(
            free,
            [32, 32, 22, 10, 0, 0, 5, 15, 17, 3, 4, 23, 23, 25, 26, 28]
        );
    }

    #[test]
    fn parser_reads_every_symbol() {
        let text = "# comment\nQ -3 ........ ........ ........ ........\n\
                    Q 5 01^!=~.. ........ ........ ........\nD 5 +-*?.... ........ ........ ........\n\
                    A 5 8000000f\nT 20 10...... ........ ........ ........\n";
        let mut full = String::from(text);
        for r in -2..=64 {
            if r != 5 {
                full.push_str(&format!("Q {r} {}\n", ".".repeat(32)));
            }
        }
        let t = Table::parse("test", &full).unwrap();
        let row = t.q[at(5)];
        assert_eq!(row.cond, 0xfc00_0000);
        assert_eq!(
            (row.fixed1, row.eq1, row.ne1, row.eq2, row.ne2),
            (1 << 30, 1 << 29, 1 << 28, 1 << 27, 1 << 26)
        );
        assert_eq!(row.fixed0(), 1 << 31);
        let d = t.d[at(5)];
        assert_eq!(
            (d.plus, d.minus, d.star, d.maybe),
            (1 << 31, 1 << 30, 1 << 29, 1 << 28)
        );
        assert_eq!(t.a[at(5)], 0x8000_000f);
        assert_eq!((t.t[20].mask, t.t[20].value), (0xc000_0000, 0x8000_0000));
    }

    #[test]
    fn parser_rejects_bad_tables_with_a_line_number() {
        let short = "Q 1 ........\n";
        let e = Table::parse("bad", short).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.to_string().contains("want 32"), "{e}");
        let e = Table::parse("bad", "Q 1 ........ ........ ........ .......x\n").unwrap_err();
        assert!(e.reason.contains("symbol"), "{e}");
        let e = Table::parse("bad", "Z 1 x\n").unwrap_err();
        assert!(e.reason.contains("kind"), "{e}");
        let e = Table::parse("bad", "").unwrap_err();
        assert!(e.reason.contains("missing"), "{e}");
    }

    #[test]
    fn masks_draw_values_that_satisfy_the_row() {
        let row = parse_conditions("01^!=~..^^^^!!!!====~~~~01010101").unwrap();
        let mut rng = crate::rng::Rng::new(5);
        for _ in 0..1000 {
            let (r, p1, p2) = (rng.next_u32(), rng.next_u32(), rng.next_u32());
            let q = row.draw(r, p1, p2);
            assert!(row.holds(q, p1, p2));
            let bit = 1u32 << (rng.next_u32() % 32);
            assert_eq!(
                row.holds(q ^ bit, p1, p2),
                bit & row.cond == 0,
                "flipping {bit:#x}"
            );
        }
    }
}
