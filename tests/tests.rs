//! Integration tests, in one binary to save link time.

mod architecture;
mod bad_records;
mod cache;
mod cli;
mod dayone;
mod due;
mod generated;
mod git;
mod hostile;
mod install;
mod matching;
mod notices;
mod reports;
mod rules;
mod support;
