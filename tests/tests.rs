//! Integration tests, in one binary to save link time.

mod bad_records;
mod cli;
mod generated;
mod git;
mod matching;
mod reports;
mod rules;
mod support;
