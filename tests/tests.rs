//! Integration tests, in one binary to save link time.

mod bad_records;
mod cache;
mod cli;
mod generated;
mod git;
mod reports;
mod rules;
mod support;
