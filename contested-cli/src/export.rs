//! `contested export csv`: one row per figure.

use contested::reconcile::Reconciliation;

/// The columns, in order.
pub const HEADER: [&str; 6] = ["key", "low", "best", "high", "sources", "status"];

/// The figures of `r` as CSV: key, low, best, high (empty when unbounded), the statements
/// of the live readings (space-separated, in reading order), and `agreed` or `conflict`.
pub fn csv(r: &Reconciliation) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER).map_err(|e| e.to_string())?;
    for f in r.figures() {
        let mut sources: Vec<&str> = Vec::new();
        for reading in f.live() {
            let s = reading.cite.statement.as_str();
            if !sources.contains(&s) {
                sources.push(s);
            }
        }
        let status = if f.bounds.is_some() {
            "agreed"
        } else {
            "conflict"
        };
        w.write_record([
            f.key.to_string(),
            f.low.to_string(),
            f.best.to_string(),
            f.high.map(|h| h.to_string()).unwrap_or_default(),
            sources.join(" "),
            status.to_owned(),
        ])
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
