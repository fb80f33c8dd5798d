//! Inputs and diagnostics: every problem is one line, `FILE:LINE:COL: message`, so editors
//! can jump to it. The file is named once, at the start; the library's errors name only
//! what is inside it.

use std::fmt;
use std::io::Read;

use contested::LoadError;
use contested::ingest::IngestError;

use crate::locate::locate;

/// A file's name as the user gave it and its whole text.
pub struct Input {
    /// The name to print: the path, or `<stdin>` for `-`.
    pub name: String,
    /// The text.
    pub text: String,
}

impl Input {
    /// Reads `path`, or standard input for `-`.
    pub fn read(path: &str) -> Result<Input, Diag> {
        let (name, text) = if path == "-" {
            let mut text = String::new();
            let name = "<stdin>".to_owned();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Diag::whole(&name, format!("cannot read: {e}")))?;
            (name, text)
        } else {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Diag::whole(path, format!("cannot read: {e}")))?;
            (path.to_owned(), text)
        };
        Ok(Input { name, text })
    }
}

/// One problem, with where it is.
#[derive(Debug)]
pub struct Diag {
    file: String,
    at: Option<(usize, usize)>,
    message: String,
}

impl Diag {
    /// A problem with the file as a whole (it cannot be read, ...).
    pub fn whole(file: &str, message: impl Into<String>) -> Diag {
        Diag {
            file: file.to_owned(),
            at: None,
            message: message.into(),
        }
    }

    /// A problem at a 1-based line and column.
    pub fn at(file: &str, line: usize, column: usize, message: impl Into<String>) -> Diag {
        Diag {
            file: file.to_owned(),
            at: Some((line.max(1), column.max(1))),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// `path: message`, or the message alone for the document itself.
fn with_path(path: &str, message: &dyn fmt::Display) -> String {
    if path == "." || path.is_empty() {
        message.to_string()
    } else {
        format!("{path}: {message}")
    }
}

/// Every problem of a dossier that did not load.
pub fn load_error(input: &Input, e: &LoadError) -> Vec<Diag> {
    match e {
        LoadError::Json {
            path,
            message,
            line,
            column,
            ..
        } => {
            let message = contested::error::with_hint(message);
            vec![Diag::at(
                &input.name,
                *line,
                *column,
                with_path(path, &message),
            )]
        }
        LoadError::Invalid(errors) => errors
            .errors()
            .iter()
            .map(|v| {
                let (line, col) = locate(&input.text, &v.path);
                Diag::at(&input.name, line, col, with_path(&v.path, &v.problem))
            })
            .collect(),
        other => vec![Diag::whole(&input.name, other.to_string())],
    }
}

/// One bad line of a JSON Lines stream.
pub fn ingest_error(input: &Input, e: &IngestError) -> Diag {
    let name = &input.name;
    let line_text = || {
        input
            .text
            .lines()
            .nth(e.line().saturating_sub(1))
            .unwrap_or("")
    };
    match e {
        IngestError::Json {
            line,
            path,
            column,
            message,
            ..
        } => Diag::at(name, *line, *column, with_path(path, message)),
        IngestError::Utf8 { line, column, .. } => Diag::at(name, *line, *column, "invalid UTF-8"),
        IngestError::Invalid {
            line,
            path,
            problem,
            ..
        } => {
            let col = locate(line_text(), path).1;
            Diag::at(name, *line, col, with_path(path, problem))
        }
        IngestError::LineTooLong { line, limit, .. } => Diag::at(
            name,
            *line,
            1,
            format!("longer than the limit of {limit} bytes"),
        ),
        IngestError::Io { line, source, .. } => {
            Diag::at(name, *line, 1, format!("cannot read: {source}"))
        }
        other => Diag::whole(name, other.to_string()),
    }
}
