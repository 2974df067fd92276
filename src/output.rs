//! Writing PDFs safely: only over nothing or a PDF this tool wrote, and
//! atomically, so a failed or interrupted build never leaves a partial file
//! and never destroys the previous good one.

use std::fs;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Whether a build may write `target`: nothing is there yet, or a PDF this
/// tool wrote (its metadata names it as the producer), or a web page it
/// wrote (named so at its top). A handout, a font, a folder, a device, a
/// link or someone else's PDF or page is never replaced.
pub fn replaceable(target: &Path) -> Result<(), String> {
    let meta = match fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(crate::model::io_reason(&e)),
        Ok(meta) => meta,
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Err("this is a link; name the file itself".into());
    }
    if !kind.is_file() {
        return Err("this is not a file (a folder or a device); name a PDF file".into());
    }
    let mut file = fs::File::open(target).map_err(|e| crate::model::io_reason(&e))?;
    let mut head = Vec::with_capacity(512);
    (&mut file).take(512).read_to_end(&mut head).ok();
    if crate::html::ours(&head) {
        return Ok(());
    }
    if !head.starts_with(b"%PDF-") || file.seek(std::io::SeekFrom::Start(0)).is_err() {
        return Err(
            "this file exists and is not a PDF or web page this tool wrote, so it is not \
             replaced; choose another name"
                .into(),
        );
    }
    if !holds(file, crate::render::SIGNATURE.as_bytes()) {
        return Err(
            "this PDF was not made by handout, so it is not replaced; choose another name".into(),
        );
    }
    Ok(())
}

/// Whether `file` holds `needle`, read a piece at a time: however large the
/// file, memory stays small.
fn holds(mut file: fs::File, needle: &[u8]) -> bool {
    let finder = memchr::memmem::Finder::new(needle);
    let keep = needle.len().saturating_sub(1);
    let mut buffer = vec![0u8; 64 * 1024 + keep];
    let mut filled = 0;
    loop {
        let read = match file.read(&mut buffer[filled..]) {
            Ok(0) | Err(_) => return false,
            Ok(n) => n,
        };
        filled += read;
        if finder.find(&buffer[..filled]).is_some() {
            return true;
        }
        // The last bytes may start the needle: keep them for the next piece.
        let tail = filled.saturating_sub(keep);
        buffer.copy_within(tail..filled, 0);
        filled -= tail;
    }
}

/// Write `bytes` to `path` through a temporary file in the same folder,
/// renamed into place once complete. Temporary files left in that folder by
/// builds that were killed are removed first.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    remove_stale(dir);
    // Unique per process and per write, and created new: two builds (or two
    // threads) never share one, and an existing file or link is never followed.
    static WRITES: AtomicUsize = AtomicUsize::new(0);
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}-{n}.partial", std::process::id()));
    let result = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        // Held until the file is closed: another process cleaning the folder
        // (on another machine, over a network drive, where this process's
        // number means nothing) sees the temporary is in use. Where the disk
        // keeps no locks, the age of the file tells instead.
        file.lock().ok();
        // No fsync: it cost more than the whole typesetting (2 to 12 ms on
        // ext4). The rename is atomic for every process, and ext4 and btrfs
        // write a replacing file's data before the rename itself; a leaflet
        // that a power cut empties elsewhere is rebuilt in milliseconds.
        file.write_all(bytes)?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        fs::remove_file(&temp).ok();
    }
    result
}

/// Remove the temporaries in `dir` that builds killed mid-write (SIGKILL,
/// power loss) left behind, whichever output they were for. Each folder is
/// cleaned once a run: a batch writes hundreds of PDFs into one, and
/// listing it again for each would take time growing with their square.
fn remove_stale(dir: &Path) {
    static CLEANED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    let mut cleaned = CLEANED.lock().unwrap_or_else(|e| e.into_inner());
    if cleaned.iter().any(|d| d == dir) {
        return;
    }
    cleaned.push(dir.to_path_buf());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if temporary_of(&entry.file_name().to_string_lossy())
            .is_some_and(|pid| abandoned(pid, &path))
        {
            fs::remove_file(&path).ok();
        }
    }
}

/// The process number in a temporary's name, `.NAME.PID-N.partial`.
fn temporary_of(file: &str) -> Option<u32> {
    file.strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(".partial"))
        .and_then(|rest| rest.rsplit_once('.'))
        .and_then(|(_, run)| run.split_once('-'))
        .filter(|(_, n)| n.parse::<usize>().is_ok())
        .and_then(|(pid, _)| pid.parse().ok())
}

/// Whether no build is writing `temp` any more: its process (`pid`) is not
/// running here, and no process anywhere holds the file's lock.
fn abandoned(pid: u32, temp: &Path) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    if proc.join("self").exists() && proc.join(pid.to_string()).exists() {
        return false;
    }
    let Ok(file) = fs::File::open(temp) else {
        return false;
    };
    match file.try_lock() {
        Ok(()) => true,
        Err(fs::TryLockError::WouldBlock) => false,
        // A disk that keeps no locks: a temporary untouched for an hour is
        // abandoned (a write takes milliseconds).
        Err(fs::TryLockError::Error(_)) => file
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() >= 3600)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_files_and_leaves_no_temporaries() {
        let dir = std::env::temp_dir().join(format!("handout-output-{}", std::process::id()));
        let path = dir.join("a.pdf");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn temporaries_of_dead_builds_are_removed_unless_held() {
        let dir = std::env::temp_dir().join(format!("handout-output-stale-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        // No process has PID 4194305 (above Linux's limit): its files are
        // stale, whichever output they were for.
        let stale = dir.join(".a.pdf.4194305-0.partial");
        fs::write(&stale, b"half").unwrap();
        let other = dir.join(".b.pdf.4194305-1.partial");
        fs::write(&other, b"another output's").unwrap();
        // One being written from another machine holds its lock.
        let held = dir.join(".c.pdf.4194305-2.partial");
        fs::write(&held, b"under way").unwrap();
        let writer = fs::File::open(&held).unwrap();
        writer.lock().unwrap();
        let unrelated = dir.join(".notes.partial");
        fs::write(&unrelated, b"not ours").unwrap();
        write_atomic(&dir.join("a.pdf"), b"whole").unwrap();
        assert!(!stale.exists() && !other.exists());
        assert!(held.exists(), "a temporary in use was removed");
        assert!(unrelated.exists(), "a file of another naming was removed");
        drop(writer);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn only_a_pdf_this_tool_wrote_is_replaceable() {
        let dir = std::env::temp_dir().join(format!("handout-output-ours-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let theirs = dir.join("consent.pdf");
        fs::write(&theirs, b"%PDF-1.4\n").unwrap();
        assert!(
            replaceable(&theirs)
                .unwrap_err()
                .contains("not made by handout")
        );
        // The signature may straddle two pieces of the file as it is read.
        let ours = dir.join("ours.pdf");
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.resize(64 * 1024 - 5, b' ');
        bytes.extend(crate::render::SIGNATURE.as_bytes());
        fs::write(&ours, &bytes).unwrap();
        assert_eq!(replaceable(&ours), Ok(()));
        assert_eq!(replaceable(&dir.join("none.pdf")), Ok(()));
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = std::env::temp_dir().join(format!("handout-output-fail-{}", std::process::id()));
        fs::create_dir_all(dir.join("taken.pdf")).unwrap();
        assert!(write_atomic(&dir.join("taken.pdf"), b"x").is_err());
        assert!(dir.join("taken.pdf").is_dir());
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(dir).unwrap();
    }
}
