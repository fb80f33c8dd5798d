//! `contested import ucdp|acled`: one dataset row per event, as a dossier.
//!
//! The mappings are documented column by column in docs/ucdp.md and docs/acled.md; keep
//! them in step.

use std::collections::HashMap;

use contested::{
    Actor, ActorKind, Category, Claim, Dossier, Estimate, EstimateKind, Event, EventKind, Measure,
    Precision, Statement, TimeWindow, Whose,
};

use crate::diag::{Diag, Input};

/// A CSV file's rows as maps from column name to value, with their line numbers.
struct Table<'a> {
    input: &'a Input,
    headers: Vec<String>,
    rows: Vec<(usize, csv::StringRecord)>,
}

impl<'a> Table<'a> {
    fn read(input: &'a Input, required: &[&str]) -> Result<Table<'a>, Vec<Diag>> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(input.text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| vec![csv_diag(input, &e)])?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        let missing: Vec<Diag> = required
            .iter()
            .filter(|c| !headers.iter().any(|h| h == *c))
            .map(|c| Diag::at(&input.name, 1, 1, format!("missing column `{c}`")))
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let mut rows = Vec::new();
        let mut errors = Vec::new();
        for record in reader.records() {
            match record {
                Ok(r) => rows.push((r.position().map_or(0, |p| p.line() as usize), r)),
                Err(e) => errors.push(csv_diag(input, &e)),
            }
        }
        if errors.is_empty() {
            Ok(Table {
                input,
                headers,
                rows,
            })
        } else {
            Err(errors)
        }
    }

    fn get<'r>(&self, row: &'r csv::StringRecord, column: &str) -> &'r str {
        self.headers
            .iter()
            .position(|h| h == column)
            .and_then(|i| row.get(i))
            .map_or("", str::trim)
    }

    fn error(&self, line: usize, column: &str, message: impl std::fmt::Display) -> Diag {
        Diag::at(
            &self.input.name,
            line,
            1,
            format!("column `{column}`: {message}"),
        )
    }

    fn count(&self, line: usize, row: &csv::StringRecord, column: &str) -> Result<u64, Diag> {
        let v = self.get(row, column);
        v.parse()
            .map_err(|_| self.error(line, column, format!("{v:?} is not a whole number")))
    }
}

fn csv_diag(input: &Input, e: &csv::Error) -> Diag {
    let line = e.position().map_or(1, |p| p.line() as usize);
    Diag::at(&input.name, line, 1, format!("not valid CSV: {e}"))
}

/// Actors met so far, by name, each with a unique id made from its name.
#[derive(Default)]
struct Actors {
    by_name: HashMap<String, usize>,
    ids: HashMap<String, usize>,
    list: Vec<Actor>,
}

impl Actors {
    /// The id of the actor called `name`, adding it (of `kind`) on first sight.
    fn id(&mut self, name: &str, kind: ActorKind) -> String {
        let key = name.trim().to_lowercase();
        if let Some(&i) = self.by_name.get(&key) {
            return self.list[i].id.to_string();
        }
        let base = slug(name);
        let mut id = base.clone();
        let mut n = 1;
        while self.ids.contains_key(&id) || self.by_name.contains_key(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        let i = self.list.len();
        self.by_name.insert(key, i);
        self.ids.insert(id.clone(), i);
        self.list.push(Actor::new(id.as_str(), name.trim(), kind));
        id
    }
}

/// `Government of Armenia` → `government-of-armenia`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "unnamed".to_owned()
    } else {
        out
    }
}

/// The items of a `;`-separated list, trimmed, empty ones left out.
fn list(v: &str) -> Vec<&str> {
    v.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// `best` within `low..=high` (UCDP's three figures); the number itself when they agree.
fn best_of(best: u64, low: u64, high: u64) -> Estimate {
    if low == high {
        Estimate::exact(best)
    } else {
        Estimate::new(EstimateKind::Best { best, low, high }).unwrap_or(Estimate::exact(best))
    }
}

/// The day a `YYYY-MM-DD` (optionally followed by a time, as UCDP writes) names.
fn day(text: &str) -> Option<TimeWindow> {
    text.get(..10)?.parse::<TimeWindow>().ok()
}

const UCDP_COLUMNS: &[&str] = &[
    "id",
    "type_of_violence",
    "dyad_name",
    "side_a",
    "side_b",
    "source_office",
    "source_date",
    "source_original",
    "where_description",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
];

/// A UCDP GED CSV as a dossier (docs/ucdp.md).
pub fn ucdp(input: &Input) -> Result<Dossier, Vec<Diag>> {
    let t = Table::read(input, UCDP_COLUMNS)?;
    let mut actors = Actors::default();
    let mut events = Vec::new();
    let mut statements = Vec::new();
    let mut errors = Vec::new();
    for (line, row) in &t.rows {
        match ucdp_row(&t, *line, row, &mut actors) {
            Ok((event, mut s)) => {
                events.push(event);
                statements.append(&mut s);
            }
            Err(e) => errors.push(e),
        }
    }
    build(actors, events, statements, errors, input)
}

fn ucdp_row(
    t: &Table<'_>,
    line: usize,
    row: &csv::StringRecord,
    actors: &mut Actors,
) -> Result<(Event, Vec<Statement>), Diag> {
    let get = |c: &str| t.get(row, c);
    let id = format!("ucdp-{}", get("id"));
    let prec_text = get("date_prec");
    let precision = prec_text
        .parse::<u8>()
        .ok()
        .and_then(|c| Precision::from_ucdp(c).ok())
        .ok_or_else(|| {
            t.error(
                line,
                "date_prec",
                format!("{prec_text:?} is not a code 1 to 5"),
            )
        })?;
    let start = day(get("date_start"))
        .ok_or_else(|| t.error(line, "date_start", "not a date YYYY-MM-DD"))?;
    let end =
        day(get("date_end")).ok_or_else(|| t.error(line, "date_end", "not a date YYYY-MM-DD"))?;
    let when = TimeWindow::interval(&start, &end)
        .map_err(|e| t.error(line, "date_end", e))?
        .with_precision(precision);

    let one_sided = get("type_of_violence") == "3";
    let side_kind = |name: &str| {
        if name.starts_with("Government of") {
            ActorKind::State
        } else if name.eq_ignore_ascii_case("civilians") {
            ActorKind::Collective
        } else {
            ActorKind::ArmedForce
        }
    };
    let side_a = actors.id(get("side_a"), side_kind(get("side_a")));
    let side_b = actors.id(get("side_b"), side_kind(get("side_b")));
    let kind = if one_sided {
        EventKind::Other
    } else {
        EventKind::Clash
    };
    let place = [get("where_description"), get("country")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut event = Event::new(id.as_str(), get("dyad_name"), kind)
        .with_when(when.clone())
        .with_side(side_a.as_str())
        .with_side(side_b.as_str());
    if !place.is_empty() {
        event = event.with_place(place);
    }

    let (low, best, high) = (
        t.count(line, row, "low")?,
        t.count(line, row, "best")?,
        t.count(line, row, "high")?,
    );
    if !(low <= best && best <= high) {
        return Err(t.error(
            line,
            "best",
            format!("low {low}, best {best}, high {high} are not in order"),
        ));
    }
    let unknown = t.count(line, row, "deaths_unknown")?;
    // UCDP gives low and high for the total only. Each part gets the total's slack on
    // both sides, and the unknown deaths on top, so the parts never narrow the total.
    let part = |v: u64| {
        best_of(
            v,
            v.saturating_sub(best - low),
            v.saturating_add(high - best).saturating_add(unknown),
        )
    };
    let parts = [
        (
            "a",
            Whose::party(side_a.as_str()),
            Category::Military,
            t.count(line, row, "deaths_a")?,
        ),
        (
            "b",
            Whose::party(side_b.as_str()),
            Category::Military,
            t.count(line, row, "deaths_b")?,
        ),
        (
            "civilians",
            Whose::All,
            Category::Civilian,
            t.count(line, row, "deaths_civilians")?,
        ),
    ];

    let originals = list(get("source_original"));
    let offices = list(get("source_office"));
    let dates = list(get("source_date"));
    let speakers: Vec<Option<&str>> = if originals.is_empty() {
        vec![None]
    } else {
        originals.iter().copied().map(Some).collect()
    };
    let mut statements = Vec::new();
    for (k, speaker) in speakers.iter().enumerate() {
        let sid = format!("{id}-s{}", k + 1);
        let date = dates.get(k).or(dates.first()).copied();
        let made = date
            .and_then(day)
            .filter(|d| d.latest() >= when.earliest())
            .unwrap_or_else(|| end.clone());
        let mut s = match speaker {
            Some(name) => Statement::new(sid.as_str(), actors.id(name, ActorKind::Other), made),
            None => Statement::unattributed(sid.as_str(), made),
        };
        // One office for all sources relays them all; one per source pairs them up.
        let office = match offices.len() {
            1 => offices.first(),
            n if n == speakers.len() => offices.get(k),
            _ => None,
        };
        if let Some(o) = office
            && speaker.is_none_or(|sp| !sp.eq_ignore_ascii_case(o))
        {
            s = s.relayed_by(actors.id(o, ActorKind::Outlet));
        }
        s = s.about(id.as_str()).claim(Claim::count(
            format!("{sid}-killed"),
            id.as_str(),
            Measure::Killed,
            Whose::All,
            Category::Any,
            best_of(best, low, high),
        ));
        for (name, whose, category, v) in &parts {
            s = s.claim(Claim::count(
                format!("{sid}-killed-{name}"),
                id.as_str(),
                Measure::Killed,
                whose.clone(),
                category.clone(),
                part(*v),
            ));
        }
        statements.push(s);
    }
    Ok((event, statements))
}

const ACLED_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "time_precision",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "location",
    "source",
    "notes",
    "fatalities",
];

/// An ACLED CSV export as a dossier (docs/acled.md).
pub fn acled(input: &Input) -> Result<Dossier, Vec<Diag>> {
    let t = Table::read(input, ACLED_COLUMNS)?;
    let mut actors = Actors::default();
    let mut events = Vec::new();
    let mut statements = Vec::new();
    let mut errors = Vec::new();
    for (line, row) in &t.rows {
        match acled_row(&t, *line, row, &mut actors) {
            Ok((event, mut s)) => {
                events.push(event);
                statements.append(&mut s);
            }
            Err(e) => errors.push(e),
        }
    }
    build(actors, events, statements, errors, input)
}

/// ACLED writes `2022-09-13` or `13 September 2022`: the year, month and day.
fn acled_date(text: &str) -> Option<(i32, u32, u32)> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let mut iso = text.split('-');
    if let (Some(y), Some(m), Some(d), None) = (iso.next(), iso.next(), iso.next(), iso.next()) {
        return Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?));
    }
    let mut it = text.split_whitespace();
    let (d, m, y) = (it.next()?, it.next()?, it.next()?);
    let m = MONTHS.iter().position(|n| n.eq_ignore_ascii_case(m))? as u32 + 1;
    Some((y.parse().ok()?, m, d.parse().ok()?))
}

fn acled_row(
    t: &Table<'_>,
    line: usize,
    row: &csv::StringRecord,
    actors: &mut Actors,
) -> Result<(Event, Vec<Statement>), Diag> {
    let get = |c: &str| t.get(row, c);
    let id = format!("acled-{}", get("event_id_cnty"));
    let bad_date = || {
        t.error(
            line,
            "event_date",
            "not a date (2022-09-13 or 13 September 2022)",
        )
    };
    let (y, m, d) = acled_date(get("event_date")).ok_or_else(bad_date)?;
    let date = TimeWindow::day(y, m, d).map_err(|_| bad_date())?;
    let when = match get("time_precision") {
        "1" => date,
        // The week around the date ACLED gives.
        "2" => around(&date, 3)
            .ok_or_else(bad_date)?
            .with_precision(Precision::Week),
        "3" => TimeWindow::month(y, m).map_err(|_| bad_date())?,
        other => {
            return Err(t.error(
                line,
                "time_precision",
                format!("{other:?} is not 1, 2 or 3"),
            ));
        }
    };
    let kind = match get("sub_event_type") {
        "Armed clash" => EventKind::Clash,
        "Shelling/artillery/missile attack" => EventKind::ArtilleryFire,
        "Air/drone strike" => EventKind::AerialAttack,
        "Non-state actor overtakes territory" | "Government regains territory" => {
            EventKind::GroundAdvance
        }
        "Remote explosive/landmine/IED" => EventKind::MinesLaid,
        "Agreement" => EventKind::Agreement,
        _ => EventKind::Other,
    };
    let actor_kind = |name: &str| {
        let lower = name.to_lowercase();
        if lower.starts_with("civilians")
            || lower.starts_with("protesters")
            || lower.starts_with("rioters")
        {
            ActorKind::Collective
        } else {
            ActorKind::ArmedForce
        }
    };
    let name = match get("sub_event_type") {
        "" => get("location").to_owned(),
        sub => format!("{sub} in {}", get("location")),
    };
    let mut event = Event::new(id.as_str(), name, kind).with_when(when.clone());
    for column in ["actor1", "actor2"] {
        let a = get(column);
        if !a.is_empty() {
            event = event.with_side(actors.id(a, actor_kind(a)).as_str());
        }
    }
    let place = [get("location"), get("country")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if !place.is_empty() {
        event = event.with_place(place);
    }
    let fatalities = t.count(line, row, "fatalities")?;
    let sources = list(get("source"));
    let speakers: Vec<Option<&str>> = if sources.is_empty() {
        vec![None]
    } else {
        sources.iter().copied().map(Some).collect()
    };
    let mut statements = Vec::new();
    for (k, speaker) in speakers.iter().enumerate() {
        let sid = format!("{id}-s{}", k + 1);
        let made = when.clone();
        let mut s = match speaker {
            Some(name) => Statement::new(sid.as_str(), actors.id(name, ActorKind::Outlet), made),
            None => Statement::unattributed(sid.as_str(), made),
        };
        if !get("notes").is_empty() {
            s = s.with_quote(get("notes"));
        }
        // ACLED's fatalities are its most conservative figure: at least that many.
        s = s.about(id.as_str()).claim(Claim::count(
            format!("{sid}-killed"),
            id.as_str(),
            Measure::Killed,
            Whose::All,
            Category::Any,
            Estimate::at_least(fatalities),
        ));
        statements.push(s);
    }
    Ok((event, statements))
}

/// The window from `days` days before `w` to `days` days after it.
fn around(w: &TimeWindow, days: i64) -> Option<TimeWindow> {
    let delta = chrono::TimeDelta::try_days(days)?;
    TimeWindow::new(
        w.earliest().checked_sub_signed(delta)?,
        w.latest().checked_add_signed(delta)?,
    )
    .ok()
}

fn build(
    actors: Actors,
    events: Vec<Event>,
    statements: Vec<Statement>,
    errors: Vec<Diag>,
    input: &Input,
) -> Result<Dossier, Vec<Diag>> {
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut b = Dossier::builder().source(format!("imported from {}", input.name));
    for a in actors.list {
        b = b.actor(a);
    }
    for e in events {
        b = b.event(e);
    }
    for s in statements {
        b = b.statement(s);
    }
    b.build().map_err(|errs| {
        errs.errors()
            .iter()
            .map(|e| Diag::whole(&input.name, format!("the imported dossier is invalid: {e}")))
            .collect()
    })
}
