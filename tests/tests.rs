//! Integration tests, in one binary to save link time.

mod bad_records;
mod cli;
mod due;
mod generated;
mod git;
mod notices;
mod reports;
mod rules;
mod support;
