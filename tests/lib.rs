//! Integration tests live in `integration/`; see `integration/main.rs`.
