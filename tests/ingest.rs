//! JSON Lines ingest: good files, bad lines under both error policies, odd lines, and the
//! synthetic corpus generator.

use std::io::{self, BufRead, BufReader, Read};

use contested::ingest::{IngestError, JsonLines, OnError, ingest_into, read_statements};
use contested::{Actor, ActorKind, Dossier, Event, EventKind, Problem};

const MADE: &str = r#"{"earliest":"2022-09-13T10:00:00+04:00","latest":"2022-09-13T10:00:00+04:00","precision":"minute"}"#;

fn statement(id: &str, speaker: &str, claims: &str) -> String {
    format!(
        r#"{{"id":"{id}","speaker":"{speaker}","made":{MADE},"form":"paraphrase","about":["clash"],"claims":[{claims}]}}"#
    )
}

fn count(id: &str, estimate: &str) -> String {
    format!(
        r#"{{"id":"{id}","event":"clash","count":{{"measure":"killed","whose":{{"party":"armenia"}},"category":"military","estimate":"{estimate}"}}}}"#
    )
}

fn context() -> Dossier {
    Dossier::builder()
        .actor(Actor::new("armenia", "Armenia", ActorKind::State))
        .actor(Actor::new("azerbaijan", "Azerbaijan", ActorKind::State))
        .actor(
            Actor::new(
                "am-mod",
                "Armenian Defense Ministry",
                ActorKind::GovernmentBody,
            )
            .part_of("armenia"),
        )
        .event(
            Event::new("clash", "Border clashes", EventKind::Clash)
                .with_side("armenia")
                .with_side("azerbaijan"),
        )
        .build()
        .unwrap()
}

/// Lines 1, 2 and 4 good; line 3 has a bad estimate in its second claim.
fn file_with_bad_line_3() -> String {
    [
        statement("s1", "am-mod", &count("c1", "at least 49")),
        statement("s2", "armenia", &count("c2", "about 100")),
        statement(
            "s3",
            "am-mod",
            &format!("{},{}", count("c3", "50"), count("c4", "a great many")),
        ),
        statement("s4", "azerbaijan", &count("c5", "50")),
    ]
    .join("\n")
        + "\n"
}

#[test]
fn a_good_file_reads_whole_and_validates() {
    let text = file_with_bad_line_3().replace("a great many", "dozens");
    let report = read_statements(text.as_bytes(), OnError::Stop).unwrap();
    assert_eq!(report.statements.len(), 4);
    assert!(report.skipped.is_empty());
    assert_eq!(report.lines, 4);
    let (dossier, skipped) = ingest_into(&context(), text.as_bytes(), OnError::Stop).unwrap();
    assert!(skipped.is_empty());
    assert_eq!(dossier.claims().count(), 5);
    assert_eq!(dossier.actors().len(), 3);
}

#[test]
fn a_bad_line_stops_reading_with_its_line_and_path() {
    let err = read_statements(file_with_bad_line_3().as_bytes(), OnError::Stop).unwrap_err();
    match &err {
        IngestError::Json {
            line,
            path,
            message,
            ..
        } => {
            assert_eq!(*line, 3);
            assert_eq!(path, "claims[1].count.estimate");
            assert!(message.contains("unknown quantity phrase"), "{message}");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("line 3: claims[1].count.estimate: unknown quantity phrase"),
        "{err}"
    );
}

#[test]
fn a_bad_line_is_skipped_and_reported() {
    let report =
        read_statements(file_with_bad_line_3().as_bytes(), OnError::SkipAndReport).unwrap();
    let ids: Vec<_> = report.statements.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["s1", "s2", "s4"]);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].line(), 3);
    assert_eq!(report.skipped[0].path(), Some("claims[1].count.estimate"));
}

#[test]
fn validation_errors_name_line_and_path_in_both_modes() {
    let text = [
        statement("s1", "am-mod", &count("c1", "49")),
        statement("s2", "russia", &count("c2", "50")),
        statement("s3", "armenia", &count("c1", "51")),
    ]
    .join("\n");
    let err = ingest_into(&context(), text.as_bytes(), OnError::Stop).unwrap_err();
    match &err {
        IngestError::Invalid {
            line: 2,
            path,
            problem,
        } => {
            assert_eq!(path, "speaker");
            assert!(matches!(**problem, Problem::UnknownActor { .. }));
        }
        other => panic!("unexpected {other:?}"),
    }
    let (dossier, skipped) =
        ingest_into(&context(), text.as_bytes(), OnError::SkipAndReport).unwrap();
    assert_eq!(dossier.statements().len(), 1);
    let found: Vec<_> = skipped
        .iter()
        .map(|e| (e.line(), e.path().unwrap_or("")))
        .collect();
    assert_eq!(found, [(2, "speaker"), (3, "claims[0].id")]);
    assert!(
        skipped[1].to_string().contains("duplicate claim id `c1`"),
        "{}",
        skipped[1]
    );
}

#[test]
fn blank_lines_are_skipped_but_counted() {
    let one = statement("s1", "am-mod", &count("c1", "1"));
    let text = format!("\n   \n\t\r\n{one}\r\n\n{}\n\n", "{\"id\":3}");
    let mut lines = JsonLines::new(text.as_bytes());
    assert_eq!(lines.next().unwrap().unwrap().id.as_str(), "s1");
    assert_eq!(lines.line_number(), 4);
    let err = lines.next().unwrap().unwrap_err();
    assert_eq!((err.line(), err.path()), (6, Some("id")));
    assert!(lines.next().is_none());
    assert_eq!(lines.line_number(), 7);
}

#[test]
fn a_huge_line_reads_and_an_over_limit_line_is_skipped_without_losing_sync() {
    let quote = "x".repeat(4 << 20);
    let huge = statement("big", "am-mod", &count("c1", "1")).replacen(
        r#""form""#,
        &format!(r#""quote":"{quote}","form""#),
        1,
    );
    let small = statement("small", "am-mod", &count("c2", "2"));
    let text = format!("{huge}\n{small}\n{huge}");
    let report = read_statements(text.as_bytes(), OnError::Stop).unwrap();
    assert_eq!(
        report.statements[0].quote.as_deref().map(str::len),
        Some(4 << 20)
    );
    assert_eq!(report.statements.len(), 3);

    // A small reader buffer, so the limit is crossed across many fills.
    let mut lines =
        JsonLines::new(BufReader::with_capacity(64, text.as_bytes())).with_max_line_bytes(1 << 20);
    assert!(
        matches!(lines.next(), Some(Err(IngestError::LineTooLong { line: 1, limit })) if limit == 1 << 20)
    );
    assert_eq!(lines.next().unwrap().unwrap().id.as_str(), "small");
    assert!(matches!(
        lines.next(),
        Some(Err(IngestError::LineTooLong { line: 3, .. }))
    ));
    assert!(lines.next().is_none());
}

#[test]
fn a_line_exactly_at_the_limit_is_read() {
    let line = statement("s", "am-mod", "");
    let text = format!("{line}\r\n{line}");
    let got: Vec<_> = JsonLines::new(text.as_bytes())
        .with_max_line_bytes(line.len())
        .collect();
    assert!(got.iter().all(Result::is_ok), "{got:?}");
    let mut short = JsonLines::new(text.as_bytes()).with_max_line_bytes(line.len() - 1);
    assert!(matches!(
        short.next(),
        Some(Err(IngestError::LineTooLong { line: 1, .. }))
    ));
}

#[test]
fn invalid_utf8_names_the_line_and_byte_and_reading_goes_on() {
    let good = statement("s1", "am-mod", &count("c1", "1"));
    let mut bytes = good.clone().into_bytes();
    bytes.push(b'\n');
    bytes.extend_from_slice(b"{\"id\":\"caf\xe9\"}\n");
    bytes.extend_from_slice(good.replace("s1", "s2").replace("c1", "c2").as_bytes());
    let report = read_statements(&bytes[..], OnError::SkipAndReport).unwrap();
    assert_eq!(report.statements.len(), 2);
    assert!(
        matches!(
            report.skipped[..],
            [IngestError::Utf8 {
                line: 2,
                column: 11
            }]
        ),
        "{:?}",
        report.skipped
    );
    assert_eq!(
        report.skipped[0].to_string(),
        "line 2: invalid UTF-8 at byte 11"
    );
}

#[test]
fn a_truncated_last_line_is_an_error_on_that_line() {
    let one = statement("s1", "am-mod", &count("c1", "1"));
    let two = statement("s2", "am-mod", &count("c2", "2"));
    let text = format!("{one}\n{}", &two[..two.len() / 2]);
    let err = read_statements(text.as_bytes(), OnError::Stop).unwrap_err();
    assert_eq!(err.line(), 2);
    assert!(err.to_string().contains("EOF while parsing"), "{err}");
    // A complete last line without a line ending is fine.
    let text = format!("{one}\n{two}");
    assert_eq!(
        read_statements(text.as_bytes(), OnError::Stop)
            .unwrap()
            .statements
            .len(),
        2
    );
}

#[test]
fn trailing_text_after_a_record_is_refused() {
    let text = format!("{} {{}}\n", statement("s1", "am-mod", ""));
    let err = read_statements(text.as_bytes(), OnError::Stop).unwrap_err();
    assert_eq!((err.line(), err.path()), (1, Some(".")));
    assert!(err.to_string().contains("trailing characters"), "{err}");
}

/// Fails after handing out `ok` bytes.
struct Flaky<'a> {
    data: &'a [u8],
    ok: usize,
}

impl Read for Flaky<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ok == 0 {
            return Err(io::Error::other("disk on fire"));
        }
        let n = buf.len().min(self.ok).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        self.ok -= n;
        Ok(n)
    }
}

#[test]
fn an_io_error_stops_reading_even_when_skipping() {
    let one = statement("s1", "am-mod", "");
    let text = format!("{one}\n{one}\n");
    let reader = BufReader::with_capacity(
        16,
        Flaky {
            data: text.as_bytes(),
            ok: one.len() + 10,
        },
    );
    let err = read_statements(reader, OnError::SkipAndReport).unwrap_err();
    assert!(matches!(err, IngestError::Io { line: 2, .. }), "{err:?}");
    let mut lines = JsonLines::new(BufReader::new(Flaky {
        data: text.as_bytes(),
        ok: 0,
    }));
    assert!(matches!(
        lines.next(),
        Some(Err(IngestError::Io { line: 1, .. }))
    ));
    assert!(lines.next().is_none());
}

#[test]
fn the_reader_is_read_line_by_line() {
    let one = statement("s1", "am-mod", "");
    let text = format!("{one}\n{one}\n");
    let mut lines = JsonLines::new(text.as_bytes());
    lines.next().unwrap().unwrap();
    let mut rest = lines.into_inner();
    assert_eq!(rest.fill_buf().unwrap().len(), one.len() + 1);
}

#[cfg(feature = "corpus")]
mod corpus {
    use contested::corpus::{Corpus, CorpusSpec};
    use contested::ingest::{OnError, ingest_into, read_statements};
    use contested::{ClaimBody, EstimateKind};

    fn bytes(spec: CorpusSpec) -> Vec<u8> {
        let mut out = Vec::new();
        Corpus::new(spec).unwrap().write_jsonl(&mut out).unwrap();
        out
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_another_seed_differs() {
        let a = bytes(CorpusSpec::new(3_000).with_seed(11));
        assert_eq!(a, bytes(CorpusSpec::new(3_000).with_seed(11)));
        assert_ne!(a, bytes(CorpusSpec::new(3_000).with_seed(12)));
        let c = Corpus::new(CorpusSpec::new(10).with_seed(11)).unwrap();
        assert_eq!(
            c.context(),
            Corpus::new(CorpusSpec::new(10).with_seed(11))
                .unwrap()
                .context()
        );
    }

    #[test]
    fn generated_statements_validate_against_the_generated_context() {
        for seed in 0..3 {
            let spec = CorpusSpec::new(5_000)
                .with_seed(seed)
                .with_revision_share(0.5)
                .with_breakdown_share(0.3);
            let corpus = Corpus::new(spec).unwrap();
            let data = bytes(corpus.spec().clone());
            let (dossier, skipped) =
                ingest_into(corpus.context(), &data[..], OnError::Stop).unwrap();
            assert!(skipped.is_empty());
            assert_eq!(dossier.claims().count(), 5_000);
            let read = read_statements(&data[..], OnError::Stop)
                .unwrap()
                .statements;
            assert!(
                read.iter()
                    .eq(corpus.statements().collect::<Vec<_>>().iter())
            );
            assert!(read.iter().all(|s| (1..=5).contains(&s.claims.len())));
        }
    }

    #[test]
    fn breakdowns_sum_to_their_totals_and_shares_show() {
        let corpus = Corpus::new(
            CorpusSpec::new(5_000)
                .with_seed(3)
                .with_breakdown_share(0.2),
        )
        .unwrap();
        let mut counts = 0;
        let mut broken = 0;
        let mut phrases = std::collections::HashSet::new();
        for s in corpus.statements() {
            for c in &s.claims {
                let ClaimBody::Count(count) = &c.body else {
                    continue;
                };
                counts += 1;
                phrases.insert(std::mem::discriminant(&count.estimate.kind()));
                if count.breakdown.is_empty() {
                    continue;
                }
                broken += 1;
                let EstimateKind::Exact(total) = count.estimate.kind() else {
                    panic!("inexact total")
                };
                let sum: u64 = count
                    .breakdown
                    .iter()
                    .map(|p| match p.estimate.kind() {
                        EstimateKind::Exact(n) => n,
                        other => panic!("inexact part {other:?}"),
                    })
                    .sum();
                assert_eq!(sum, total);
            }
        }
        let share = f64::from(broken) / f64::from(counts);
        assert!((0.1..0.3).contains(&share), "breakdown share {share}");
        assert!(phrases.len() >= 5, "{phrases:?}");
    }

    #[test]
    fn revisions_restate_a_key_later_with_another_figure() {
        let corpus =
            Corpus::new(CorpusSpec::new(3_000).with_seed(5).with_revision_share(1.0)).unwrap();
        let statements: Vec<_> = corpus.statements().collect();
        let mut revised = 0;
        for (i, later) in statements.iter().enumerate() {
            let [c] = &later.claims[..] else { continue };
            let ClaimBody::Count(lc) = &c.body else {
                continue;
            };
            let earlier = statements[..i].iter().find(|s| {
                s.speaker == later.speaker
                    && s.made.earliest() < later.made.earliest()
                    && s.claims.iter().any(|e| match &e.body {
                        ClaimBody::Count(ec) => {
                            e.event == c.event
                                && (&ec.measure, &ec.whose, &ec.category)
                                    == (&lc.measure, &lc.whose, &lc.category)
                                && ec.estimate != lc.estimate
                        }
                        _ => false,
                    })
            });
            revised += usize::from(earlier.is_some());
        }
        assert!(revised > 50, "{revised} revisions");
    }
}

#[test]
fn errors_inside_a_claim_name_the_field() {
    let timing = r#"{"id":"t","event":"clash","timing":{"boundary":"onset","window":{"earliest":"yesterday","latest":"2022-09-13T01:00:00Z"}}}"#;
    let missing =
        r#"{"id":"m","event":"clash","count":{"whose":"all","category":"any","estimate":"5"}}"#;
    let text = format!(
        "{}\n{}\n",
        statement("s1", "am-mod", timing),
        statement("s2", "am-mod", missing)
    );
    let report = read_statements(text.as_bytes(), OnError::SkipAndReport).unwrap();
    let found: Vec<_> = report
        .skipped
        .iter()
        .map(|e| (e.line(), e.path().unwrap_or("")))
        .collect();
    assert_eq!(
        found,
        [
            (1, "claims[0].timing.window.earliest"),
            (2, "claims[0].count")
        ]
    );
    assert!(
        report.skipped[1]
            .to_string()
            .contains("missing field `measure`"),
        "{}",
        report.skipped[1]
    );
}
