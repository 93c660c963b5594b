//! Types and rules of a Best Practice Forum year.
//!
//! Pure: no I/O, and never the clock — "today" is always passed in.

pub mod cycle;
pub mod demo;
mod model;
pub mod plan;
pub mod validate;

pub use cycle::{draft_deadline, standard_cycle, DRAFT_LEAD_DAYS};
pub use model::*;
pub use plan::{plan_view, FacilitatorCheck, ItemRef, MilestoneView, PlanView, Warning, WarningCode};
pub use validate::{parse_date, parse_zone, InvalidInput};

#[cfg(test)]
mod tests;
