//! JSON Lines ingest throughput on a generated corpus held in memory:
//! `cargo bench --features corpus --bench ingest`.
use std::hint::black_box;

use contested::corpus::{Corpus, CorpusSpec};
use contested::ingest::{JsonLines, OnError, ingest_into, read_statements};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn corpus(claims: usize) -> (Corpus, Vec<u8>) {
    let corpus = match Corpus::new(CorpusSpec::new(claims).with_seed(1)) {
        Ok(c) => c,
        Err(e) => panic!("corpus spec: {e}"),
    };
    let mut bytes = Vec::new();
    if let Err(e) = corpus.write_jsonl(&mut bytes) {
        panic!("writing to memory: {e}");
    }
    (corpus, bytes)
}

fn ingest(c: &mut Criterion) {
    let (corpus, bytes) = corpus(20_000);
    let mut g = c.benchmark_group("ingest");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("json_lines_20k_claims", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for s in JsonLines::new(black_box(&bytes[..])) {
                n += s.map_or(0, |s| s.claims.len());
            }
            black_box(n)
        })
    });
    g.bench_function("read_statements_20k_claims", |b| {
        b.iter(|| black_box(read_statements(black_box(&bytes[..]), OnError::Stop).ok()))
    });
    g.bench_function("ingest_into_20k_claims", |b| {
        b.iter(|| {
            black_box(ingest_into(corpus.context(), black_box(&bytes[..]), OnError::Stop).ok())
        })
    });
    g.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
