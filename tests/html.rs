//! The HTML report: the seed and every case file render with every figure key, every
//! discrepancy and every statement present; hostile input never becomes markup; the
//! charts draw what the reconciliation says.
#![cfg(feature = "html")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use contested::reconcile::{Reconciler, Reconciliation};
use contested::{
    Actor, ActorKind, BreakdownPart, Category, Claim, ClaimBody, CountClaim, Dossier, Estimate,
    Event, EventKind, Form, Hedge, Measure, Statement, TimeWindow, Whose,
};

const SEED: &str = "examples/data/armenia_azerbaijan_2022-09-13.json";
const CASES: &str = "examples/data/cases";

/// How maud writes text: `& < > "` as entities.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Text as the page shows it: controls and bidi formatting as visible tokens, then escaped.
fn shown(s: &str) -> String {
    let visible: String = s
        .chars()
        .map(|c| {
            let invisible = c.is_control()
                || matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
            if invisible && c != '\n' && c != '\t' {
                format!("\u{27e8}U+{:04X}\u{27e9}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect();
    esc(&visible)
}

/// A fragment id as the page writes it: bytes outside `[A-Za-z0-9-]` as `_XX`.
fn anchor(prefix: &str, id: &str) -> String {
    let mut out = format!("{prefix}-");
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(b as char);
        } else {
            out.push_str(&format!("_{b:02X}"));
        }
    }
    out
}

/// Every tag name used in the page.
fn tags(page: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = page.as_bytes();
    for (i, _) in page.match_indices('<') {
        let rest = &bytes[i + 1..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name: String = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!')
            .map(|b| *b as char)
            .collect();
        out.insert(name.to_ascii_lowercase());
    }
    out
}

const ALLOWED_TAGS: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "main",
    "nav",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "li",
    "a",
    "code",
    "em",
    "strong",
    "small",
    "span",
    "div",
    "br",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "svg",
    "defs",
    "pattern",
    "rect",
    "line",
    "g",
    "circle",
    "polygon",
    "text",
];

/// With `CONTESTED_HTML_OUT=DIR`, each checked page is also written to DIR (the
/// browser check screenshots them).
fn keep(what: &str, page: &str) {
    if let Some(dir) = std::env::var_os("CONTESTED_HTML_OUT") {
        let name: String = what
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let path = Path::new(&dir).join(format!("test-{name}.html"));
        std::fs::write(&path, page).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// The checks every rendered page must pass, whatever the dossier.
fn check_page(what: &str, d: &Dossier, r: &Reconciliation, page: &str) {
    keep(what, page);
    assert!(
        page.starts_with("<!DOCTYPE html>"),
        "{what}: not a document"
    );
    let used = tags(page);
    let extra: Vec<&String> = used
        .iter()
        .filter(|t| !ALLOWED_TAGS.contains(&t.as_str()))
        .collect();
    assert!(extra.is_empty(), "{what}: unexpected tags {extra:?}");
    assert!(!page.contains("<script"), "{what}: script");
    // Nothing is fetched: no `src`, links only to anchors on the page, only the SVG
    // namespace as an address (text may mention addresses; tags may not).
    for (i, _) in page.match_indices('<') {
        let tag = &page[i..i + page[i..].find('>').unwrap_or(page.len() - i)];
        assert!(!tag.contains(" src="), "{what}: {tag}");
        for (j, _) in tag.match_indices("href=\"") {
            assert!(tag[j + 6..].starts_with('#'), "{what}: {tag}");
        }
        assert!(
            !tag.replace("http://www.w3.org/2000/svg", "")
                .contains("://"),
            "{what}: {tag}"
        );
    }
    assert!(
        !page.contains("url(http") && !page.contains("@import"),
        "{what}: a fetch in CSS"
    );
    for f in r.figures() {
        let key = shown(&f.key.to_string());
        assert!(page.contains(&key), "{what}: figure {key} missing");
        assert!(page.contains(&format!("id=\"{}\"", anchor("f", &f.key.to_string()))));
    }
    for dsc in r.discrepancies() {
        let kind = dsc.kind_name().replace('_', " ");
        assert!(
            page.contains(&kind),
            "{what}: discrepancy kind {kind} missing"
        );
        let text = shown(&dsc.to_string());
        assert!(page.contains(&text), "{what}: discrepancy {text} missing");
        for c in dsc.cites() {
            for link in [
                anchor("c", c.claim.as_str()),
                anchor("s", c.statement.as_str()),
            ] {
                assert!(
                    page.contains(&format!("href=\"#{link}\"")),
                    "{what}: no link to {link}"
                );
            }
        }
    }
    assert_eq!(
        page.matches("class=\"finding\"").count(),
        r.discrepancies().len(),
        "{what}: one block per discrepancy"
    );
    for s in d.statements() {
        let id = format!("id=\"{}\"", anchor("s", s.id.as_str()));
        assert!(page.contains(&id), "{what}: statement {} missing", s.id);
        for c in &s.claims {
            let id = format!("id=\"{}\"", anchor("c", c.id.as_str()));
            assert!(page.contains(&id), "{what}: claim {} missing", c.id);
        }
    }
    // Every chart draws at least one mark, and there is one chart per figure.
    let charts: Vec<&str> = page.split("<svg class=\"timeline\"").skip(1).collect();
    assert_eq!(
        charts.len(),
        r.figures().len(),
        "{what}: one chart per figure"
    );
    for c in charts {
        let body = &c[..c.find("</svg>").unwrap()];
        assert!(
            body.contains("class=\"mark"),
            "{what}: a chart with no mark"
        );
    }
}

fn render_file(path: &Path) -> (Dossier, Reconciliation, String) {
    let d = Dossier::from_json_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let r = Reconciler::new().reconcile(&d);
    let page = contested::html::render(&d, &r);
    (d, r, page)
}

#[test]
fn seed_renders_with_every_figure_discrepancy_and_statement() {
    let (d, r, page) = render_file(Path::new(SEED));
    check_page("seed", &d, &r, &page);
    assert!(r.figures().len() >= 4 && !r.discrepancies().is_empty());
    // Headline figures with who said them.
    assert!(page.contains("clash-2022-09-13/killed/armenia/military"));
    assert!(page.contains("responsibility conflict"));
    // A mark's tooltip has the words, the speaker, the relay and the date.
    assert!(page.contains(
        "<title>\u{201c}at least 49\u{201d} (49..) said by Armenia (armenia), own count; via agencies; made 2022-09-13 (\u{201c}Tuesday\u{201d})"
    ), "tooltip of am-killed");
    // The open-ended "at least 49" is drawn as an arrow; the part-whole bounds as a band.
    assert!(page.contains("class=\"arrow\""));
    assert!(page.contains("class=\"band-bounds\""));
    // Quotes and relay chains of statements.
    assert!(page.contains("to refrain from further escalation and show restraint"));
    assert!(page.contains("<code>un-sg-spokesman</code> \u{2192} <code>agencies</code>"));
    // Mediators and their even-handedness.
    assert!(page.contains("id=\"mediators\""));
    assert!(page.contains("Russia"));
    // Prints cleanly.
    assert!(page.contains("@media print"));
}

/// Each `examples/data/cases/*.json`, when the folder exists.
#[test]
fn every_case_file_renders() {
    let dir = Path::new(CASES);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for f in files {
        let (d, r, page) = render_file(&f);
        check_page(&f.display().to_string(), &d, &r, &page);
    }
}

/// The reading rules show in the tables as in the text report: a denied count names
/// its denial, a vaguer restatement names the word it restates, a figure raised by later
/// sums says so, a retracted account names its retraction.
#[test]
fn denials_and_restatements_show_in_the_tables() {
    let (_, _, page) = render_file(&Path::new(CASES).join("georgia_2008.json"));
    assert!(
        page.contains(", denied by <code>G16a-denies-G7</code>"),
        "denial of G7"
    );
    let (_, _, page) = render_file(&Path::new(CASES).join("mariupol_theatre_2022.json"));
    assert!(
        page.contains(", restates <code>M11b-killed</code>"),
        "restatement"
    );
    let (_, _, page) = render_file(&Path::new(CASES).join("al_asad_2020.json"));
    assert!(page.contains("raised by later sums to 110.."), "raised");
    let (_, _, page) = render_file(&Path::new(CASES).join("al_ahli_2023.json"));
    assert!(
        page.contains(
            "(retracted by <a href=\"#c-H7b-retraction\"><code>H7b-retraction</code></a>)"
        ),
        "retraction"
    );
}

#[test]
fn as_of_marks_later_statements_as_not_counted() {
    let d = Dossier::from_json_file(SEED).unwrap();
    let r = Reconciler::new()
        .as_of("2022-09-12T00:00:00+04:00".parse().unwrap())
        .reconcile(&d);
    let page = contested::html::render(&d, &r);
    check_page("seed before anything was said", &d, &r, &page);
    assert!(page.contains("made after the as-of time: not counted"));
    assert!(page.contains("As of 2022-09-12T00:00:00+04:00"));
}

fn at(s: &str) -> TimeWindow {
    TimeWindow::instant(s.parse().unwrap())
}

/// Revisions, a numeric conflict, an unattributed hedged report, a breakdown.
fn eventful() -> Dossier {
    let killed = |id: &str, whose: Whose, words: &str| {
        Claim::count(
            id,
            "e",
            Measure::Killed,
            whose,
            Category::Military,
            words.parse().unwrap(),
        )
    };
    Dossier::builder()
        .actor(Actor::new("a", "Alpha", ActorKind::State))
        .actor(Actor::new("b", "Beta", ActorKind::State))
        .actor(Actor::new("wire", "Wire", ActorKind::Agency))
        .event(
            Event::new("e", "Clash", EventKind::Clash)
                .with_side("a")
                .with_side("b"),
        )
        .statement(
            Statement::new("a1", "a", at("2022-09-13T08:00:00Z")).claim(killed(
                "a1-k",
                Whose::party("a"),
                "12",
            )),
        )
        .statement(
            Statement::new("a2", "a", at("2022-09-14T08:00:00Z")).claim(killed(
                "a2-k",
                Whose::party("a"),
                "20",
            )),
        )
        .statement(
            Statement::new("b1", "b", at("2022-09-13T12:00:00Z")).claim(killed(
                "b1-k",
                Whose::party("a"),
                "about 100",
            )),
        )
        .statement(
            Statement::unattributed("u1", at("2022-09-13T20:00:00Z"))
                .relayed_by("wire")
                .with_hedge(Hedge::Reportedly)
                .claim(killed("u1-k", Whose::party("a"), "between 90 and 120")),
        )
        .statement(
            Statement::new("w1", "wire", at("2022-09-15T08:00:00Z")).claim(Claim::new(
                "w1-k",
                "e",
                ClaimBody::Count(
                    CountClaim::new(
                        Measure::Killed,
                        Whose::party("b"),
                        Category::Military,
                        Estimate::exact(10),
                    )
                    .with_part(BreakdownPart::new("army", Estimate::exact(7)))
                    .with_part(BreakdownPart::new("police", Estimate::exact(3))),
                ),
            )),
        )
        .build()
        .unwrap()
}

#[test]
fn charts_show_revisions_conflicts_and_voices() {
    let d = eventful();
    let r = Reconciler::new().reconcile(&d);
    let page = contested::html::render(&d, &r);
    check_page("eventful", &d, &r, &page);
    assert!(page.contains("numeric conflict"));
    // Superseded "12" is faded; Alpha's current "at least 20" is ringed and labelled.
    assert!(
        page.contains("class=\"mark own c0 old\""),
        "superseded reading"
    );
    assert!(page.contains("superseded by a2-k"));
    assert!(
        page.contains("class=\"mark own c0 current\""),
        "current reading"
    );
    assert!(page.contains("\u{201c}20\u{201d} \u{2014} Alpha"));
    // Voices: adversary (Beta on Alpha), unattributed (hollow), third party (the wire).
    assert!(page.contains("class=\"mark adv c1"));
    assert!(page.contains("class=\"mark unattr cx"));
    assert!(page.contains("class=\"shape hollow\""));
    assert!(page.contains("class=\"mark third cx"));
    // Conflict glyphs on the claims outside the best-supported interval.
    assert!(page.contains("class=\"bang\""));
    // The breakdown parts get charts of their own.
    assert!(page.contains("e/killed/b/army"));
}

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'; --",
    "\u{1b}[31mred\u{1b}[0m",
    "exe.\u{202E}txt",
    "a&amp;b</title><style>",
];

fn hostile(n: usize) -> Dossier {
    let h = |i: usize| HOSTILE[(i + n) % HOSTILE.len()].to_owned();
    let id = |i: usize, tag: &str| format!("{tag}{}", h(i));
    let (a, b, relay) = (id(0, "A"), id(1, "B"), id(2, "R"));
    let event = id(3, "E");
    let words = Estimate::exact(7);
    Dossier::builder()
        .title(h(4))
        .source(h(5))
        .actor(Actor::new(a.clone(), h(1), ActorKind::State))
        .actor(Actor::new(b.clone(), h(2), ActorKind::State))
        .actor(Actor::new(relay.clone(), h(3), ActorKind::Agency))
        .event(
            Event::new(event.clone(), h(0), EventKind::Clash)
                .with_side(a.clone())
                .with_side(b.clone())
                .with_place(h(4)),
        )
        .statement(
            Statement::new(id(4, "S"), a.clone(), at("2022-09-13T08:00:00Z"))
                .relayed_by(relay.clone())
                .with_form(Form::DirectQuote)
                .with_quote(h(5))
                .with_hedge(Hedge::Other(h(0)))
                .about(event.clone())
                .claim(Claim::count(
                    id(5, "C"),
                    event.clone(),
                    Measure::Killed,
                    Whose::party(a.clone()),
                    Category::Unit(h(1)),
                    words,
                ))
                .claim(Claim::new(
                    id(0, "K"),
                    event.clone(),
                    ClaimBody::Responsibility {
                        initiator: b.as_str().into(),
                        against: Some(a.as_str().into()),
                        description: Some(h(2)),
                    },
                )),
        )
        .statement(
            Statement::new(id(1, "S"), b.clone(), at("2022-09-13T09:00:00Z"))
                .about(event.clone())
                .claim(Claim::count(
                    id(2, "C"),
                    event.clone(),
                    Measure::Killed,
                    Whose::party(a.clone()),
                    Category::Unit(h(1)),
                    "at least 50".parse().unwrap(),
                ))
                .claim(Claim::new(
                    id(1, "K"),
                    event.clone(),
                    ClaimBody::Responsibility {
                        initiator: a.as_str().into(),
                        against: Some(b.as_str().into()),
                        description: Some(h(3)),
                    },
                ))
                .claim(Claim::new(
                    id(3, "D"),
                    event.clone(),
                    ClaimBody::Denial {
                        denies: Some(id(0, "K").into()),
                        allegation: None,
                        wording: Some(h(4)),
                    },
                )),
        )
        .build()
        .unwrap()
}

#[test]
fn hostile_ids_and_words_are_text_never_markup() {
    for n in 0..HOSTILE.len() {
        let d = hostile(n);
        let r = Reconciler::new().reconcile(&d);
        assert!(!r.discrepancies().is_empty());
        let page = contested::html::render(&d, &r);
        check_page(&format!("hostile {n}"), &d, &r, &page);
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!page.contains("<img"), "an injected tag");
        // Every literal `<` opens one of the page's own tags (input `<` is `&lt;`), and
        // no tag carries input: attributes hold only anchors, classes and numbers.
        for (i, _) in page.match_indices('<') {
            let tag = &page[i..i + page[i..].find('>').unwrap()];
            assert!(
                !tag.contains(" onerror") && !tag.contains("onerror="),
                "injected: {tag}"
            );
        }
        assert!(
            page.contains("onerror=alert(1)&gt;"),
            "the hostile text is shown"
        );
        assert!(!page.contains('\u{1b}'), "a raw ANSI escape");
        assert!(page.contains("\u{27e8}U+001B\u{27e9}[31mred"));
        assert!(!page.contains('\u{202E}'), "a raw bidi override");
        assert!(page.contains("exe.\u{27e8}U+202E\u{27e9}txt"));
        // Exactly one <style> and one <title>: the page's own.
        assert_eq!(page.matches("<style>").count(), 1);
        assert_eq!(
            page.matches("<title>").count() - page.matches("<title>\u{201c}").count(),
            1
        );
        // Anchors are plain tokens.
        for (i, _) in page.match_indices(" id=\"") {
            let v = &page[i + 5..];
            let v = &v[..v.find('"').unwrap()];
            assert!(
                v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "id {v:?}"
            );
        }
    }
}

#[test]
fn the_same_reconciliation_gives_the_same_bytes() {
    let d = eventful();
    let r = Reconciler::new().reconcile(&d);
    assert_eq!(
        contested::html::render(&d, &r),
        contested::html::render(&d, &r)
    );
    let merged = r.merge(&Reconciler::new().reconcile(&Dossier::default()));
    assert_eq!(
        contested::html::render(&d, &merged),
        contested::html::render(&d, &r)
    );
}

#[test]
fn titles_are_escaped_too() {
    let d = Dossier::default();
    let r = Reconciler::new().reconcile(&d);
    let page = contested::html::Page::new(&d, &r)
        .title("</title><script>x</script>")
        .render();
    assert!(page.contains("<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>"));
    check_page("empty", &d, &r, &page);
}
