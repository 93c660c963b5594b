//! Types and rules of a Best Practice Forum year.
//!
//! Pure: no I/O, and never the clock — "today" is always passed in.

pub mod balance;
pub mod comments;
pub mod contributions;
pub mod cycle;
pub mod demo;
pub mod dissemination;
pub mod home;
pub mod mail;
pub mod meeting;
mod model;
pub mod people;
pub mod plan;
pub mod proposal;
pub mod regions;
pub mod report;
pub mod scorecard;
pub mod slots;
pub mod validate;

pub use cycle::{DRAFT_LEAD_DAYS, draft_deadline, standard_cycle};
pub use model::*;
pub use plan::{FacilitatorCheck, ItemRef, MilestoneView, PlanView, Warning, WarningCode, plan_view};
pub use validate::{InvalidInput, parse_date, parse_zone};

#[cfg(test)]
mod tests;
