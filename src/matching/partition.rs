//! The peer group partition problem and its heuristic solver.
//!
//! Applicants are indexes `0..n`. Each has a topic set and a slot set (bit sets). A *group* is
//! feasible when it has `min..=max` members, at least one slot every member can attend, and no
//! pair in which one member asked not to be grouped with the other. Applicants may stay
//! unplaced. The objective, maximised: the sum over groups of the sum over member pairs of
//! `1 + shared topics`. So each pair that shares a group earns a point, plus a point per topic
//! both chose: placing people and sharing topics both count.
//!
//! There is no maintained crate for this exact problem (a capacitated clustering problem with
//! side constraints), so the solver is a well-known heuristic: greedy seeding by slot (the slot
//! most applicants share first; the most constrained applicant seeds a group, and the applicant
//! adding the most pair score joins next), then local search with moves and swaps (including
//! with the unplaced) until no move improves the score, from a few deterministic starts; the
//! best result wins. Everything is deterministic: ties go to the lower index.

/// One instance: per applicant, topic and slot bit sets; pairs kept apart; group sizes.
#[derive(Debug, Clone)]
pub struct Instance {
    /// Topic bit set of each applicant.
    pub topics: Vec<u128>,
    /// Slot bit set of each applicant.
    pub slots: Vec<u128>,
    /// Pairs `(i, j)` that never share a group.
    pub apart: Vec<(usize, usize)>,
    /// Fewest members in a group.
    pub min: usize,
    /// Most members in a group.
    pub max: usize,
}

/// A solution: groups of applicant indexes (each sorted ascending; groups sorted by first
/// member) and the unplaced applicants (ascending).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    /// The groups.
    pub groups: Vec<Vec<usize>>,
    /// Applicants in no group.
    pub unplaced: Vec<usize>,
}

/// Precomputed pair weights and the "kept apart" relation.
pub struct Weights {
    n: usize,
    w: Vec<u32>,
    apart: Vec<bool>,
}

impl Weights {
    /// The weights of `inst`: `1 + |topics_i ∩ topics_j|` per pair.
    pub fn new(inst: &Instance) -> Self {
        let n = inst.topics.len();
        let mut w = vec![0; n * n];
        for i in 0..n {
            for j in 0..n {
                if i != j {
                    w[i * n + j] = 1 + (inst.topics[i] & inst.topics[j]).count_ones();
                }
            }
        }
        let mut apart = vec![false; n * n];
        for &(i, j) in &inst.apart {
            if i < n && j < n {
                apart[i * n + j] = true;
                apart[j * n + i] = true;
            }
        }
        Weights { n, w, apart }
    }

    /// The weight of pair `(i, j)`.
    pub fn pair(&self, i: usize, j: usize) -> u32 {
        self.w[i * self.n + j]
    }

    /// Whether `i` and `j` must not share a group.
    pub fn apart(&self, i: usize, j: usize) -> bool {
        self.apart[i * self.n + j]
    }

    /// Sum of pair weights between `i` and the members of `group` other than `i` and `skip`.
    fn gain(&self, i: usize, group: &[usize], skip: usize) -> i64 {
        group
            .iter()
            .filter(|&&g| g != i && g != skip)
            .map(|&g| i64::from(self.pair(i, g)))
            .sum()
    }

    /// Whether `i` may join `group` (ignoring `skip`, who leaves): no pair kept apart.
    fn compatible(&self, i: usize, group: &[usize], skip: usize) -> bool {
        group
            .iter()
            .all(|&g| g == skip || g == i || !self.apart(i, g))
    }
}

/// The objective value of one group: the sum over member pairs of `1 + shared topics`.
pub fn group_score(weights: &Weights, group: &[usize]) -> u64 {
    let mut s = 0u64;
    for (k, &i) in group.iter().enumerate() {
        for &j in &group[k + 1..] {
            s += u64::from(weights.pair(i, j));
        }
    }
    s
}

/// The objective value of a partition.
pub fn score(inst: &Instance, partition: &Partition) -> u64 {
    let weights = Weights::new(inst);
    partition
        .groups
        .iter()
        .map(|g| group_score(&weights, g))
        .sum()
}

/// Whether `group` is feasible for `inst` (size, a common slot, no pair kept apart).
pub fn feasible(inst: &Instance, weights: &Weights, group: &[usize]) -> bool {
    group.len() >= inst.min
        && group.len() <= inst.max
        && common_slots(inst, group, usize::MAX) != 0
        && group
            .iter()
            .enumerate()
            .all(|(k, &i)| group[k + 1..].iter().all(|&j| !weights.apart(i, j)))
}

/// The slots every member of `group` except `skip` can attend.
fn common_slots(inst: &Instance, group: &[usize], skip: usize) -> u128 {
    group
        .iter()
        .filter(|&&g| g != skip)
        .fold(u128::MAX, |m, &g| m & inst.slots[g])
}

/// How the greedy start picks a group's first member.
#[derive(Clone, Copy)]
enum Seed {
    /// Fewest available slots first (hardest to place).
    MostConstrained,
    /// Most topics first.
    MostTopics,
    /// Lowest index first.
    First,
    /// A seeded random slot and first member (perturbation rounds).
    Random(u64),
}

/// Partitions the applicants of `inst`, maximising the objective (see the module docs) by
/// greedy seeding, local search and a fixed number of seeded perturbation rounds. Deterministic.
pub fn partition(inst: &Instance) -> Partition {
    let n = inst.topics.len();
    if n == 0 || inst.max == 0 || inst.min > inst.max {
        return Partition {
            groups: Vec::new(),
            unplaced: (0..n).collect(),
        };
    }
    let weights = Weights::new(inst);
    let total =
        |groups: &[Vec<usize>]| groups.iter().map(|g| group_score(&weights, g)).sum::<u64>();
    let mut best: Option<(u64, Vec<Vec<usize>>)> = None;
    for seed in [Seed::MostConstrained, Seed::MostTopics, Seed::First] {
        let mut groups = greedy(inst, &weights, (0..n).collect(), seed);
        settle(inst, &weights, &mut groups, seed);
        let s = total(&groups);
        if best.as_ref().is_none_or(|(b, _)| s > *b) {
            best = Some((s, groups));
        }
    }
    let Some((mut best_score, mut best_groups)) = best else {
        return normalise(n, Vec::new());
    };
    // Iterated local search: kick a few members out of the best solution (or dissolve a
    // group), settle again, keep the result if it scores higher. The generator has a fixed
    // seed, so the same input always gives the same proposal.
    let mut rng = fastrand::Rng::with_seed(0x5eed_0002);
    let rounds = if n <= 24 { 300 } else { (6_000 / n).max(10) };
    for _ in 0..rounds {
        if best_groups.is_empty() {
            break;
        }
        let mut groups = best_groups.clone();
        let kick = rng.u8(..8);
        if kick == 0 {
            // A fresh randomised start.
            groups.clear();
        } else if kick <= 2 {
            let g = rng.usize(..groups.len());
            groups.remove(g);
        } else {
            for _ in 0..rng.usize(1..=3) {
                let g = rng.usize(..groups.len());
                if !groups[g].is_empty() {
                    let k = rng.usize(..groups[g].len());
                    groups[g].remove(k);
                }
            }
            // A group kicked below the minimum is dissolved.
            groups.retain(|g| g.len() >= inst.min);
        }
        settle(inst, &weights, &mut groups, Seed::Random(rng.u64(..)));
        let s = total(&groups);
        if s > best_score {
            (best_score, best_groups) = (s, groups);
        }
    }
    normalise(n, best_groups)
}

/// Local search, then greedy groups from the people left over, until neither changes anything.
fn settle(inst: &Instance, weights: &Weights, groups: &mut Vec<Vec<usize>>, seed: Seed) {
    let n = inst.topics.len();
    loop {
        improve(inst, weights, groups);
        let mut placed = vec![false; n];
        groups.iter().flatten().for_each(|&i| placed[i] = true);
        let rest: Vec<usize> = (0..n).filter(|&i| !placed[i]).collect();
        let more = greedy(inst, weights, rest, seed);
        if more.is_empty() {
            break;
        }
        groups.extend(more);
    }
}

fn normalise(n: usize, mut groups: Vec<Vec<usize>>) -> Partition {
    for g in &mut groups {
        g.sort_unstable();
    }
    groups.retain(|g| !g.is_empty());
    groups.sort();
    let mut placed = vec![false; n];
    groups.iter().flatten().for_each(|&i| placed[i] = true);
    Partition {
        groups,
        unplaced: (0..n).filter(|&i| !placed[i]).collect(),
    }
}

/// Greedy seeding by slot: while some slot has at least `min` free applicants, seed a group in
/// the slot with the most, and fill it with the applicants that add the most pair score.
fn greedy(inst: &Instance, weights: &Weights, mut free: Vec<usize>, seed: Seed) -> Vec<Vec<usize>> {
    let slot_count = 128;
    let mut rng = match seed {
        Seed::Random(s) => Some(fastrand::Rng::with_seed(s)),
        _ => None,
    };
    let mut exhausted = [false; 128];
    let mut groups = Vec::new();
    loop {
        let open: Vec<(usize, usize)> = (0..slot_count)
            .filter(|&s| !exhausted[s])
            .map(|s| {
                let count = free
                    .iter()
                    .filter(|&&i| inst.slots[i] >> s & 1 == 1)
                    .count();
                (count, s)
            })
            .filter(|&(count, _)| count >= inst.min.max(1))
            .collect();
        let best_slot = match &mut rng {
            Some(rng) if !open.is_empty() => Some(open[rng.usize(..open.len())]),
            _ => open
                .iter()
                .copied()
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1))),
        };
        let Some((_, slot)) = best_slot else {
            break;
        };
        let candidates: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&i| inst.slots[i] >> slot & 1 == 1)
            .collect();
        let pick = rng.as_mut().map(|r| r.usize(..candidates.len().max(1)));
        let first = candidates
            .iter()
            .copied()
            .enumerate()
            .min_by_key(|&(k, i)| match seed {
                Seed::Random(_) => (u32::from(Some(k) != pick), 0, i),
                Seed::MostConstrained => (
                    inst.slots[i].count_ones(),
                    u32::MAX - inst.topics[i].count_ones(),
                    i,
                ),
                Seed::MostTopics => (
                    u32::MAX - inst.topics[i].count_ones(),
                    inst.slots[i].count_ones(),
                    i,
                ),
                Seed::First => (0, 0, i),
            });
        let first = first.map(|(_, i)| i);
        let Some(first) = first else {
            exhausted[slot] = true;
            continue;
        };
        let mut group = vec![first];
        while group.len() < inst.max {
            let next = candidates
                .iter()
                .copied()
                .filter(|c| !group.contains(c) && weights.compatible(*c, &group, usize::MAX))
                .max_by(|&a, &b| {
                    let ga = weights.gain(a, &group, usize::MAX);
                    let gb = weights.gain(b, &group, usize::MAX);
                    ga.cmp(&gb)
                        .then(inst.slots[b].count_ones().cmp(&inst.slots[a].count_ones()))
                        .then(b.cmp(&a))
                });
            match next {
                Some(c) => group.push(c),
                None => break,
            }
        }
        if group.len() >= inst.min {
            free.retain(|i| !group.contains(i));
            groups.push(group);
        } else {
            exhausted[slot] = true;
        }
    }
    groups
}

/// Local search: apply improving moves (one applicant to another group, or from the unplaced
/// into a group) and swaps (two applicants of different groups, or a member with an unplaced
/// applicant) until none improves the objective. First improvement, in index order.
fn improve(inst: &Instance, weights: &Weights, groups: &mut [Vec<usize>]) {
    let n = inst.topics.len();
    // Bounded, to stay fast on adversarial inputs; every accepted step raises the score.
    for _ in 0..10_000 {
        if !step(inst, weights, groups, n) {
            break;
        }
    }
}

/// One improving step, if any.
fn step(inst: &Instance, weights: &Weights, groups: &mut [Vec<usize>], n: usize) -> bool {
    const NONE: usize = usize::MAX;
    let mut home = vec![NONE; n];
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            home[i] = g;
        }
    }
    let fits = |i: usize, target: &[usize], leaving: usize| -> bool {
        common_slots(inst, target, leaving) & inst.slots[i] != 0
            && weights.compatible(i, target, leaving)
    };
    // Moves.
    for (i, &from) in home.iter().enumerate() {
        if from != NONE && groups[from].len() <= inst.min {
            continue;
        }
        let loss = if from == NONE {
            0
        } else {
            weights.gain(i, &groups[from], NONE)
        };
        for to in 0..groups.len() {
            if to == from || groups[to].len() >= inst.max || !fits(i, &groups[to], NONE) {
                continue;
            }
            if weights.gain(i, &groups[to], NONE) > loss {
                if from != NONE {
                    groups[from].retain(|&x| x != i);
                }
                groups[to].push(i);
                return true;
            }
        }
    }
    // Swaps.
    for i in 0..n {
        let a = home[i];
        if a == NONE {
            continue;
        }
        for (j, &b) in home.iter().enumerate() {
            if j == i || b == a || (b != NONE && j < i) {
                continue;
            }
            let delta_a = weights.gain(j, &groups[a], i) - weights.gain(i, &groups[a], NONE);
            let delta_b = if b == NONE {
                0
            } else {
                weights.gain(i, &groups[b], j) - weights.gain(j, &groups[b], NONE)
            };
            if delta_a + delta_b <= 0 {
                continue;
            }
            if !fits(j, &groups[a], i) || (b != NONE && !fits(i, &groups[b], j)) {
                continue;
            }
            groups[a].retain(|&x| x != i);
            groups[a].push(j);
            if b != NONE {
                groups[b].retain(|&x| x != j);
                groups[b].push(i);
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exact optimum by dynamic programming over subsets: the lowest applicant left is either
    /// unplaced or in some feasible group with others left.
    fn optimum(inst: &Instance) -> u64 {
        let n = inst.topics.len();
        let weights = Weights::new(inst);
        let full = (1usize << n) - 1;
        let members =
            |mask: usize| -> Vec<usize> { (0..n).filter(|i| mask >> i & 1 == 1).collect() };
        let value: Vec<Option<u64>> = (0..=full)
            .map(|mask| {
                let g = members(mask);
                feasible(inst, &weights, &g).then(|| group_score(&weights, &g))
            })
            .collect();
        let mut best = vec![0u64; full + 1];
        for mask in 1..=full {
            let low = mask.trailing_zeros() as usize;
            let rest = mask & !(1 << low);
            let mut b = best[rest];
            // Every submask of `rest`, with `low` added, as the group of `low`.
            let mut sub = rest;
            loop {
                let group = sub | 1 << low;
                if let Some(v) = value[group] {
                    b = b.max(v + best[mask & !group]);
                }
                if sub == 0 {
                    break;
                }
                sub = (sub - 1) & rest;
            }
            best[mask] = b;
        }
        best[full]
    }

    fn random_instance(rng: &mut fastrand::Rng, n: usize) -> Instance {
        let topics = (0..n)
            .map(|_| rng.u128(..) & 0x3ff & rng.u128(..))
            .collect();
        let slots = (0..n)
            .map(|_| {
                let s = rng.u128(..) & 0x3f & rng.u128(..);
                if s == 0 { 1 << rng.u32(0..6) } else { s }
            })
            .collect();
        let apart = (0..rng.usize(0..3))
            .map(|_| (rng.usize(0..n), rng.usize(0..n)))
            .filter(|(i, j)| i != j)
            .collect();
        Instance {
            topics,
            slots,
            apart,
            min: rng.usize(2..=4),
            max: rng.usize(4..=6),
        }
    }

    fn check_valid(inst: &Instance, p: &Partition) {
        let weights = Weights::new(inst);
        let mut seen = vec![0; inst.topics.len()];
        for g in &p.groups {
            assert!(
                feasible(inst, &weights, g),
                "infeasible group {g:?} in {inst:?}"
            );
            g.iter().for_each(|&i| seen[i] += 1);
        }
        p.unplaced.iter().for_each(|&i| seen[i] += 1);
        assert!(seen.iter().all(|&c| c == 1), "not a partition: {p:?}");
    }

    #[test]
    fn reaches_95_percent_of_the_exact_optimum_on_small_instances() {
        let mut rng = fastrand::Rng::with_seed(16);
        let (mut total, mut total_opt) = (0u64, 0u64);
        for case in 0..120 {
            let n = rng.usize(4..=12);
            let inst = random_instance(&mut rng, n);
            let p = partition(&inst);
            check_valid(&inst, &p);
            let (s, opt) = (score(&inst, &p), optimum(&inst));
            assert!(
                s <= opt,
                "case {case}: heuristic {s} above the optimum {opt}"
            );
            assert!(
                s * 100 >= opt * 95,
                "case {case}: heuristic {s} < 95% of the optimum {opt}: {inst:?} {p:?}"
            );
            total += s;
            total_opt += opt;
        }
        assert!(total_opt > 0, "the generated instances must have groups");
        assert!(total * 100 >= total_opt * 95);
    }

    #[test]
    fn the_exact_optimum_is_what_it_says() {
        // Two triangles of topic lovers and one loner, groups of exactly 3: both triangles.
        let inst = Instance {
            topics: vec![0b1, 0b1, 0b1, 0b10, 0b10, 0b10, 0b100],
            slots: vec![1; 7],
            apart: vec![],
            min: 3,
            max: 3,
        };
        assert_eq!(optimum(&inst), 12);
        let p = partition(&inst);
        assert_eq!(p.groups, vec![vec![0, 1, 2], vec![3, 4, 5]]);
        assert_eq!(p.unplaced, vec![6]);
    }

    #[test]
    fn keeps_apart_pairs_apart_and_needs_a_common_slot() {
        let inst = Instance {
            topics: vec![1; 6],
            slots: vec![0b01, 0b01, 0b01, 0b10, 0b10, 0b10],
            apart: vec![(0, 1)],
            min: 2,
            max: 6,
        };
        let p = partition(&inst);
        check_valid(&inst, &p);
        assert!(!p.groups.iter().any(|g| g.contains(&0) && g.contains(&1)));
        assert!(p.groups.contains(&vec![3, 4, 5]), "{p:?}");
    }

    #[test]
    fn is_deterministic() {
        let mut rng = fastrand::Rng::with_seed(7);
        let inst = random_instance(&mut rng, 40);
        let inst = Instance {
            min: 4,
            max: 8,
            ..inst
        };
        assert_eq!(partition(&inst), partition(&inst.clone()));
    }
}
