//! Finds where each of many byte strings first occurs in a text, in one pass.
//!
//! This is Aho and Corasick's automaton (1975): a trie of the patterns with, for each node, a
//! failure link to the longest proper suffix of its path that is also a path of the trie, and
//! the list of patterns that end there (its own and those of its failure chain). Scanning the
//! text once reports every occurrence of every pattern, overlapping ones included, which the
//! keyword filter needs (`調整` and `整體` inside `調整體`).
//!
//! It replaces the `aho-corasick` crate, whose prefilters, DFA and match kinds the filter
//! never used and which took about 55 KB of the page's wasm (docs/research/l10n-size.md).
//! Transitions are kept as sorted byte lists: keyword lists are thousands of short parts, so
//! nodes have few children and a binary search is as quick as a table, at a fraction of the
//! memory.

/// Node 0 is the root.
const ROOT: u32 = 0;

/// A compiled set of non-empty byte patterns.
#[derive(Clone, Debug)]
pub struct Automaton {
    /// Per node, its children as (byte, node), sorted by byte.
    children: Vec<Vec<(u8, u32)>>,
    /// Per node, the node of its longest proper suffix in the trie.
    fail: Vec<u32>,
    /// Per node, the patterns that end here, own and inherited through `fail`.
    ends: Vec<Vec<u32>>,
    /// Length in bytes of each pattern.
    lengths: Vec<usize>,
}

impl Automaton {
    /// Builds the automaton; pattern `i` is reported as `i`. Empty patterns are never reported.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Self {
        let mut a = Self {
            children: vec![Vec::new()],
            fail: vec![ROOT],
            ends: vec![Vec::new()],
            lengths: patterns.iter().map(|p| p.as_ref().len()).collect(),
        };
        for (id, pattern) in patterns.iter().enumerate() {
            let pattern = pattern.as_ref();
            if pattern.is_empty() {
                continue;
            }
            let mut node = ROOT;
            for &byte in pattern {
                node = match a.child(node, byte) {
                    Some(next) => next,
                    None => a.add_child(node, byte),
                };
            }
            a.ends[node as usize].push(id as u32);
        }
        a.link_failures();
        a
    }

    fn child(&self, node: u32, byte: u8) -> Option<u32> {
        let list = &self.children[node as usize];
        list.binary_search_by_key(&byte, |&(b, _)| b)
            .ok()
            .map(|i| list[i].1)
    }

    fn add_child(&mut self, node: u32, byte: u8) -> u32 {
        let new = self.children.len() as u32;
        self.children.push(Vec::new());
        self.fail.push(ROOT);
        self.ends.push(Vec::new());
        let list = &mut self.children[node as usize];
        let at = list.partition_point(|&(b, _)| b < byte);
        list.insert(at, (byte, new));
        new
    }

    /// Where the automaton goes from `node` on `byte`, following failure links as needed.
    fn step(&self, mut node: u32, byte: u8) -> u32 {
        loop {
            if let Some(next) = self.child(node, byte) {
                return next;
            }
            if node == ROOT {
                return ROOT;
            }
            node = self.fail[node as usize];
        }
    }

    /// Breadth first, so that a node's failure target, being shallower, is complete before it.
    fn link_failures(&mut self) {
        let mut queue = std::collections::VecDeque::new();
        for &(_, child) in &self.children[ROOT as usize] {
            queue.push_back(child);
        }
        while let Some(node) = queue.pop_front() {
            for i in 0..self.children[node as usize].len() {
                let (byte, child) = self.children[node as usize][i];
                let target = if node == ROOT {
                    ROOT
                } else {
                    self.step(self.fail[node as usize], byte)
                };
                self.fail[child as usize] = target;
                let inherited = self.ends[target as usize].clone();
                self.ends[child as usize].extend(inherited);
                queue.push_back(child);
            }
        }
    }

    /// For each pattern, the byte range of its first occurrence in `text` (the one that starts
    /// earliest), or `None` where it does not occur.
    pub fn first_occurrences(&self, text: &[u8]) -> Vec<Option<(usize, usize)>> {
        let mut first = vec![None; self.lengths.len()];
        let mut node = ROOT;
        for (at, &byte) in text.iter().enumerate() {
            node = self.step(node, byte);
            for &id in &self.ends[node as usize] {
                let slot = &mut first[id as usize];
                // Occurrences of one pattern are met in order of their ends, and so of their
                // starts: the first one met is the earliest.
                if slot.is_none() {
                    let end = at + 1;
                    *slot = Some((end - self.lengths[id as usize], end));
                }
            }
        }
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every start position, every pattern: what the automaton must agree with.
    fn naive(patterns: &[Vec<u8>], text: &[u8]) -> Vec<Option<(usize, usize)>> {
        patterns
            .iter()
            .map(|p| {
                if p.is_empty() {
                    return None;
                }
                (0..text.len())
                    .find(|&s| text[s..].starts_with(p))
                    .map(|s| (s, s + p.len()))
            })
            .collect()
    }

    #[test]
    fn overlapping_parts_are_each_found() {
        let text = "一帶來二二調整體三三三領域四四四四";
        let a = Automaton::new(&["帶來", "調整", "整體", "領域", "整體三"]);
        assert_eq!(
            a.first_occurrences(text.as_bytes()),
            vec![
                Some((3, 9)),
                Some((15, 21)),
                Some((18, 24)),
                Some((33, 39)),
                Some((18, 27))
            ]
        );
    }

    #[test]
    fn a_pattern_inside_another_and_repeated_patterns() {
        let a = Automaton::new(&["she", "he", "hers", "he", "", "x"]);
        assert_eq!(
            a.first_occurrences(b"ushers"),
            vec![
                Some((1, 4)),
                Some((2, 4)),
                Some((2, 6)),
                Some((2, 4)),
                None,
                None
            ]
        );
        assert!(a.first_occurrences(b"").iter().all(Option::is_none));
    }

    proptest! {
        // A two-letter alphabet and short patterns make shared prefixes, suffixes and
        // overlaps common, which is where failure links can go wrong.
        #[test]
        fn agrees_with_a_naive_search(
            patterns in prop::collection::vec(prop::collection::vec(97u8..99, 0..6), 0..12),
            text in prop::collection::vec(97u8..100, 0..80),
        ) {
            let a = Automaton::new(&patterns);
            prop_assert_eq!(a.first_occurrences(&text), naive(&patterns, &text));
        }

        #[test]
        fn agrees_on_any_bytes(
            patterns in prop::collection::vec(prop::collection::vec(any::<u8>(), 1..4), 1..20),
            text in prop::collection::vec(any::<u8>(), 0..300),
        ) {
            let a = Automaton::new(&patterns);
            prop_assert_eq!(a.first_occurrences(&text), naive(&patterns, &text));
        }
    }
}
