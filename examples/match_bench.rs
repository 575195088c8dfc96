//! Benchmark of the peer group partition (`mentor match groups`): time and score on generated
//! instances of 60 and 300 applicants (10 topics, 10 weekly slots, groups of 4 to 8).
//! Run with `cargo run --release --example match_bench`; not part of the test suite.

use std::time::Instant;

use mentor_records::matching::partition::{Instance, partition, score};

fn instance(n: usize, seed: u64) -> Instance {
    let mut rng = fastrand::Rng::with_seed(seed);
    Instance {
        topics: (0..n)
            .map(|_| rng.u128(..) & 0x3ff & rng.u128(..))
            .collect(),
        slots: (0..n)
            .map(|_| (rng.u128(..) & 0x3ff & rng.u128(..) & rng.u128(..)) | 1 << rng.u32(0..10))
            .collect(),
        apart: (0..n / 10)
            .map(|_| (rng.usize(0..n), rng.usize(0..n)))
            .collect(),
        min: 4,
        max: 8,
    }
}

fn main() {
    println!("applicants  groups  unplaced  score  seconds");
    for n in [60, 300] {
        let inst = instance(n, 16);
        let start = Instant::now();
        let p = partition(&inst);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{n:>10}  {:>6}  {:>8}  {:>5}  {secs:>7.3}",
            p.groups.len(),
            p.unplaced.len(),
            score(&inst, &p)
        );
    }
}
