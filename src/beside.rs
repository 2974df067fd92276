//! Work that runs beside the build on a second core.
//!
//! Linux queues a new thread on the core of the thread that made it, and
//! can leave it there for milliseconds while another core idles: the two
//! then take turns on one core. So the new thread first steps off its
//! parent's core (a move the kernel makes at once), and the parent yields
//! so that it gets to.

use std::thread::{Scope, ScopedJoinHandle};

/// Start `work` on a thread of `scope`, on another core than this one.
pub fn spawn<'scope, T: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    work: impl FnOnce() -> T + Send + 'scope,
) -> ScopedJoinHandle<'scope, T> {
    let parent = current_core();
    let handle = scope.spawn(move || {
        leave_core(parent);
        work()
    });
    std::thread::yield_now();
    handle
}

#[cfg(target_os = "linux")]
fn current_core() -> Option<usize> {
    // SAFETY: sched_getcpu takes nothing and only reads.
    usize::try_from(unsafe { libc::sched_getcpu() }).ok()
}

/// Move this thread to another core than `core`, then let it run anywhere
/// again: the kernel keeps it where it moved until there is reason to move.
#[cfg(target_os = "linux")]
fn leave_core(core: Option<usize>) {
    let Some(core) = core.filter(|c| *c < libc::CPU_SETSIZE as usize) else {
        return;
    };
    let size = std::mem::size_of::<libc::cpu_set_t>();
    // SAFETY: the sets are plain bit arrays of `size` bytes, written by the
    // kernel or by CPU_CLR within their bounds (checked above), and the
    // calls change only where this thread may run.
    unsafe {
        let mut allowed: libc::cpu_set_t = std::mem::zeroed();
        if libc::sched_getaffinity(0, size, &mut allowed) != 0 {
            return;
        }
        let mut others = allowed;
        libc::CPU_CLR(core, &mut others);
        if libc::CPU_COUNT(&others) == 0 {
            return;
        }
        if libc::sched_setaffinity(0, size, &others) == 0 {
            libc::sched_setaffinity(0, size, &allowed);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn current_core() -> Option<usize> {
    None
}

#[cfg(not(target_os = "linux"))]
fn leave_core(_: Option<usize>) {}
