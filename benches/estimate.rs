//! Estimate parsing throughput: `cargo bench --bench estimate`.
use std::hint::black_box;

use contested::Estimate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const PHRASES: &[&str] = &[
    "50",
    "at least 49",
    "about 100",
    "roughly 2,000",
    "between 40 and 60",
    "fewer than 1,000,000",
    "nearly 300",
    "dozens",
    "more than 12",
    "up to 7",
];

fn parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("estimate");
    g.throughput(Throughput::Elements(PHRASES.len() as u64));
    g.bench_function("parse_mixed_phrases", |b| {
        b.iter(|| {
            for p in PHRASES {
                black_box(black_box(p).parse::<Estimate>().ok());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
