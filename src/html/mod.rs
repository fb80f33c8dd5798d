//! A self-contained HTML report page: overview, discrepancies, a timeline chart per
//! figure, accounts, mediators and every statement, in one file (feature `html`).
//!
//! ```
//! use contested::{Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure,
//!     Statement, TimeWindow, Whose};
//! use contested::reconcile::Reconciler;
//!
//! let day = TimeWindow::new("2022-09-13T00:00:00+04:00".parse()?, "2022-09-13T23:59:59+04:00".parse()?)?;
//! let dossier = Dossier::builder()
//!     .actor(Actor::new("armenia", "Armenia", ActorKind::State))
//!     .actor(Actor::new("azerbaijan", "Azerbaijan", ActorKind::State))
//!     .event(Event::new("clash", "Border clashes", EventKind::Clash).with_side("armenia").with_side("azerbaijan"))
//!     .statement(Statement::new("am", "armenia", day).claim(Claim::count("am-killed", "clash",
//!         Measure::Killed, Whose::party("armenia"), Category::Military, "at least 49".parse()?)))
//!     .build()?;
//! let reconciliation = Reconciler::new().reconcile(&dossier);
//! let page = contested::html::render(&dossier, &reconciliation);
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains(r#"id="s-am""#) && page.contains("clash/killed/armenia/military"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What the page holds
//!
//! 1. **Overview**: each event with figures or discrepancies, its sides, and per figure the
//!    low (conservative) / best / high numbers with who said them.
//! 2. **Discrepancies**, each linking to the claims and statements it cites.
//! 3. **Figures over time**: per quantity key an SVG timeline (time across, counts up),
//!    every reading drawn as its range at its statement's window, coloured by party,
//!    shaped by voice (own, adversary, third party, unattributed), superseded readings
//!    faded, current positions ringed and labelled, the low–high band, the conservative
//!    line and part-whole bounds behind them, conflicts marked with "!". Each mark has
//!    an SVG `<title>` (words, speaker, relays, date) and links to its claim; beside each
//!    chart a table gives the same numbers.
//! 4. **Accounts** (blame, actions, denials, credit) and **mediators** as tables.
//! 5. **Statements**: quote, form, hedges, relay chain, claims, anchored as `#s-ID` and
//!    `#c-ID` (ids outside `[A-Za-z0-9-]` are written `_XX`, byte by byte in hex).
//!
//! # Safety
//!
//! The page is built with [maud](https://docs.rs/maud), which escapes every
//! interpolated string; no input is ever written as markup. Control characters (ANSI
//! escapes) and bidirectional overrides in input are shown as visible `⟨U+XXXX⟩`
//! tokens. The page has no script and a Content-Security-Policy that forbids any, and
//! loads nothing from the network; it prints cleanly (`@media print`).

mod escape;
mod layout;
mod tables;
mod timeline;
mod view;

use crate::dossier::Dossier;
use crate::reconcile::Reconciliation;

/// A report page under construction: the dossier, its reconciliation, and options.
///
/// ```
/// use contested::{Dossier, reconcile::Reconciler};
/// use contested::html::Page;
///
/// let d = Dossier::default();
/// let r = Reconciler::new().reconcile(&d);
/// let html = Page::new(&d, &r).title("An empty dossier").render();
/// assert!(html.contains("<title>An empty dossier</title>"));
/// ```
#[derive(Debug, Clone)]
pub struct Page<'a> {
    dossier: &'a Dossier,
    reconciliation: &'a Reconciliation,
    title: Option<String>,
}

impl<'a> Page<'a> {
    /// A page for `reconciliation`, which should be a reconciliation of `dossier` (the
    /// dossier supplies names, quotes and statements; the reconciliation the findings).
    ///
    /// ```
    /// # use contested::{Dossier, reconcile::Reconciler, html::Page};
    /// let d = Dossier::default();
    /// let r = Reconciler::new().reconcile(&d);
    /// assert!(Page::new(&d, &r).render().contains("No statements."));
    /// ```
    pub fn new(dossier: &'a Dossier, reconciliation: &'a Reconciliation) -> Self {
        Page {
            dossier,
            reconciliation,
            title: None,
        }
    }

    /// The page's title; by default the dossier's title, or "Reconciliation report".
    ///
    /// ```
    /// # use contested::{Dossier, reconcile::Reconciler, html::Page};
    /// let d = Dossier::default();
    /// let r = Reconciler::new().reconcile(&d);
    /// let html = Page::new(&d, &r).title("<b>bold</b>").render();
    /// assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"));
    /// ```
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The page as one self-contained HTML document.
    ///
    /// ```
    /// # use contested::{Dossier, reconcile::Reconciler, html::Page};
    /// let d = Dossier::default();
    /// let r = Reconciler::new().reconcile(&d);
    /// assert!(!Page::new(&d, &r).render().contains("<script"));
    /// ```
    pub fn render(&self) -> String {
        let title = self
            .title
            .as_deref()
            .or(self.dossier.title())
            .unwrap_or("Reconciliation report");
        let view = view::View::new(self.dossier, self.reconciliation);
        layout::page(&view, title).into_string()
    }
}

/// The report page of `reconciliation`, a reconciliation of `dossier`, with default
/// options: shorthand for [`Page::new`]`(dossier, reconciliation).render()`.
///
/// ```
/// use contested::{Dossier, reconcile::Reconciler};
///
/// let d = Dossier::default();
/// let page = contested::html::render(&d, &Reconciler::new().reconcile(&d));
/// assert!(page.contains("<title>Reconciliation report</title>"));
/// ```
pub fn render(dossier: &Dossier, reconciliation: &Reconciliation) -> String {
    Page::new(dossier, reconciliation).render()
}
