//! ProxyLens: read conflict news as linked views.
//!
//! The core of ProxyLens is this library, which never touches the UI. Its flow is
//! *files → corpus → analysis → export*:
//!
//! - [`corpus`] reads a folder of articles (text, Markdown, HTML; any common encoding) into
//!   documents with cleaned, displayed text, metadata, and marked page junk;
//! - [`lexicon`] loads the knowledge that analysts edit (actors, places, outlets, cue phrases)
//!   from TOML data in `assets/lexicon/` and the user's own `proxylens.toml`;
//! - [`analysis`] finds actor mentions, claims, accusations and denials, attack incidents,
//!   reported tallies and relations, each with the byte span of its evidence;
//! - [`export`] writes all of it as JSON.
//!
//! ```
//! use proxylens::{analysis, corpus::Corpus, lexicon::Lexicon};
//!
//! let lex = Lexicon::bundled();
//! let text = "Iran denies any involvement in the attack, a spokesman said.";
//! let corpus = Corpus::from_memory(&[("a.txt", text.as_bytes())], &lex);
//! let a = analysis::analyse(&corpus, &lex);
//! let denial = &a.statements[0];
//! assert_eq!(denial.kind, proxylens::model::StatementKind::Denial);
//! assert_eq!(a.actor(denial.speaker.unwrap()).name, "Iran");
//! ```
#![deny(missing_docs)]

pub mod analysis;
pub mod cache;
pub mod corpus;
pub mod export;
pub mod lexicon;
pub mod model;
pub mod open;
pub mod seeds;
pub mod synth;
pub mod util;
