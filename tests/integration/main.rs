//! One integration-test binary for the whole workspace (ripgrep's layout): journeys through
//! the `bpf-desk` CLI on real project files in temporary folders.

// Test helpers: a panic is the failure report.
#![allow(clippy::unwrap_used)]

#[macro_use]
mod macros;
mod util;

mod bad_input;
mod calendar;
mod comments;
mod contributions;
mod dissemination;
mod journeys;
mod mail;
mod meetings;
mod people;
mod report;
mod safety;
mod scorecard;
