// A build makes and drops many small objects (glyph runs, PDF objects):
// mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(handout::cli::run());
}
