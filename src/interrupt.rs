//! Ctrl-C during a build: stop starting new PDFs, let those under way finish
//! their atomic write, and exit with status 130 as shells expect. A second
//! Ctrl-C exits at once; the next build removes any temporary file left.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);
static INSTALLED: OnceLock<bool> = OnceLock::new();

/// Start listening for Ctrl-C; the flag it sets. Without a handler (it could
/// not be installed) the flag never rises and Ctrl-C kills as usual.
pub fn watch() -> &'static AtomicBool {
    INSTALLED.get_or_init(|| {
        ctrlc::set_handler(|| {
            if REQUESTED.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        })
        .is_ok()
    });
    &REQUESTED
}

/// Whether Ctrl-C was pressed.
pub fn requested(flag: &AtomicBool) -> bool {
    flag.load(Ordering::SeqCst)
}
