// A build makes and drops many small objects (glyph runs, PDF objects):
// mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // A build touches a few megabytes once. Where transparent huge pages are
    // on, each first touch clears 2 MB: about a tenth of a build.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and changes only how
    // this process's memory is backed.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    let status = handout::cli::run();
    // Leave at once: every file is written and closed, and the allocator's
    // teardown would hand each page back to the kernel in some 200 system
    // calls.
    use std::io::Write;
    std::io::stdout().flush().ok();
    // SAFETY: _exit ends the process; nothing runs after it.
    unsafe { libc::_exit(status) }
}
