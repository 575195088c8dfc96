//! The memory allocator: mimalloc (version 2), and when it hands freed memory back.
//!
//! A pre-commit check at 5,000 faculty types 28,713 cached records, hundreds of thousands of
//! small allocations on two threads; with glibc's allocator a quarter of its CPU samples were in
//! `malloc` and in the kernel faulting in fresh heap pages (perf). mimalloc, which ruff also
//! links, made that check about 35% faster (hyperfine, alternating runs: median 180 ms -> 112
//! ms; see `docs/performance.md`).
//!
//! mimalloc keeps freed memory for a while (10 ms by default) before it returns it to the
//! operating system. For a run that parses every file (a cold check, a report) that pushed peak
//! memory from 82 MB to 106 MB, past the 100 MB target; returning it at once keeps it at 88 MB
//! and costs no time there. A run that takes its records from a cache allocates little that it
//! frees, and returning memory at once cost it a third of mimalloc's gain. So [`lean`] is the
//! setting every command starts with, and [`quick`] is for the checks that found a cache.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`: milliseconds before freed memory is returned to the
/// operating system (0: at once). libmimalloc-sys does not name it; version 2's `mi_option_e`
/// lists it between `eager_commit_delay` and `use_numa_nodes`, which it does name (the tests
/// check both neighbours and its default of 10 ms).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = libmimalloc_sys::mi_option_eager_commit_delay + 1;

/// mimalloc's default purge delay, in milliseconds.
const DEFAULT_PURGE_DELAY: std::ffi::c_long = 10;

/// Return freed memory to the operating system at once. Call it first in `main`, before any
/// other thread starts.
pub(crate) fn lean() {
    set_purge_delay(0);
}

/// Keep freed memory for mimalloc's default 10 ms: for a check whose records come from a cache
/// file. Call it while no other thread allocates (between phases).
pub(crate) fn quick() {
    set_purge_delay(DEFAULT_PURGE_DELAY);
}

fn set_purge_delay(milliseconds: std::ffi::c_long) {
    // SAFETY: `mi_option_set` stores a number in mimalloc's option table; it is not
    // synchronised, so the callers run it while no other thread is allocating or freeing.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, milliseconds) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn purge_delay() -> std::ffi::c_long {
        // SAFETY: reads mimalloc's option table; this test is the only code that sets it.
        unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }
    }

    #[test]
    fn the_purge_delay_option_sits_between_its_named_neighbours() {
        assert_eq!(PURGE_DELAY + 1, libmimalloc_sys::mi_option_use_numa_nodes);
    }

    #[test]
    fn the_purge_delay_option_is_the_one_set_and_restored() {
        // The option at this position defaults to 10 ms (unless the environment sets it) ...
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(purge_delay(), DEFAULT_PURGE_DELAY);
        }
        // ... and reads back what `lean` and `quick` set.
        lean();
        assert_eq!(purge_delay(), 0);
        quick();
        assert_eq!(purge_delay(), DEFAULT_PURGE_DELAY);
    }
}
