//! Work that runs beside the build on a second core.
//!
//! Linux queues a new thread on the core of the thread that made it, and
//! can leave it there for milliseconds while another core idles: the two
//! then take turns on one core. So the new thread first steps off its
//! parent's core (a move the kernel makes at once), and the parent yields
//! so that it gets to.
//!
//! A batch keeps every core busy with handouts of its own: there, work is
//! done in turn, when its result is asked for, on the thread that asks.

use std::cell::Cell;
use std::thread::{Scope, ScopedJoinHandle};

thread_local! {
    /// Whether this thread shares the cores with others as busy as itself.
    static CROWDED: Cell<bool> = const { Cell::new(false) };
}

/// Mark this thread as one of several that keep every core busy.
pub fn crowded() {
    CROWDED.set(true);
}

/// Work under way beside this thread, or waiting to be done in turn.
pub enum Beside<'scope, T, F> {
    Running(ScopedJoinHandle<'scope, T>),
    Waiting(F),
}

impl<T, F: FnOnce() -> T> Beside<'_, T, F> {
    /// The work's result, once it is done; a panic in it goes on here.
    pub fn join(self) -> T {
        match self {
            Beside::Running(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Beside::Waiting(work) => work(),
        }
    }
}

/// Start `work` on a thread of `scope`, on another core than this one; on a
/// crowded thread, leave it to be done when joined.
pub fn spawn<'scope, T, F>(scope: &'scope Scope<'scope, '_>, work: F) -> Beside<'scope, T, F>
where
    T: Send + 'scope,
    F: FnOnce() -> T + Send + 'scope,
{
    if CROWDED.get() {
        return Beside::Waiting(work);
    }
    let parent = current_core();
    let handle = scope.spawn(move || {
        leave_core(parent);
        work()
    });
    std::thread::yield_now();
    Beside::Running(handle)
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
        // Should the second call fail, the thread still runs, on the
        // other cores: nothing is lost but a little freedom.
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn work_runs_beside_or_in_turn_and_gives_its_result() {
        std::thread::scope(|scope| {
            let running = spawn(scope, || 6 * 7);
            assert!(matches!(running, Beside::Running(_)));
            assert_eq!(running.join(), 42);
        });
        // A batch's worker: nothing is started until the result is asked for.
        std::thread::spawn(|| {
            crowded();
            let done = AtomicBool::new(false);
            std::thread::scope(|scope| {
                let waiting = spawn(scope, || {
                    done.store(true, Ordering::Relaxed);
                    6 * 7
                });
                assert!(!done.load(Ordering::Relaxed));
                assert_eq!(waiting.join(), 42);
                assert!(done.load(Ordering::Relaxed));
            });
        })
        .join()
        .unwrap();
    }
}
