//! Writing PDFs atomically: a failed or interrupted build never leaves a
//! partial file and never destroys the previous good one.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Write `bytes` to `path` through a temporary file in the same folder,
/// renamed into place once complete. Temporary files left by a build that
/// was killed are removed first.
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
    remove_stale(dir, &name);
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

/// Remove `.NAME.PID-N.partial` files of `name` whose process is gone: a
/// build killed mid-write (SIGKILL, power loss) leaves one behind. Each
/// folder is listed once a run: a batch writes hundreds of PDFs into one,
/// and listing it again for each would take time growing with their square.
fn remove_stale(dir: &Path, name: &str) {
    static LISTED: Mutex<Vec<(PathBuf, Vec<PathBuf>)>> = Mutex::new(Vec::new());
    let mut listed = LISTED.lock().unwrap_or_else(|e| e.into_inner());
    if !listed.iter().any(|(d, _)| d == dir) {
        listed.push((dir.to_path_buf(), list_stale(dir)));
    }
    let Some((_, stale)) = listed.iter_mut().find(|(d, _)| d == dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    stale.retain(|file| {
        let ours = file
            .file_name()
            .is_some_and(|f| f.to_string_lossy().starts_with(&prefix));
        if ours {
            fs::remove_file(file).ok();
        }
        !ours
    });
}

/// `.NAME.PID-N.partial` files in `dir` whose process is gone.
fn list_stale(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| {
            let file = entry.file_name();
            let file = file.to_string_lossy();
            let pid = file
                .strip_prefix('.')
                .and_then(|rest| rest.strip_suffix(".partial"))
                .and_then(|rest| rest.rsplit_once('.'))
                .and_then(|(_, run)| run.split('-').next())
                .and_then(|pid| pid.parse::<u32>().ok());
            pid.is_some_and(|pid| !running(pid, &entry.path()))
        })
        .map(|entry| entry.path())
        .collect()
}

/// Whether process `pid` may still be writing `temp`: on Linux, whether it
/// runs; elsewhere, whether the file changed in the last hour.
fn running(pid: u32, temp: &Path) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return proc.join(pid.to_string()).exists();
    }
    fs::metadata(temp)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() < 3600))
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
    fn temporaries_of_dead_builds_are_removed() {
        let dir = std::env::temp_dir().join(format!("handout-output-stale-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        // No process has PID 4194305 (above Linux's limit): its file is stale.
        let stale = dir.join(".a.pdf.4194305-0.partial");
        fs::write(&stale, b"half").unwrap();
        let other = dir.join(".b.pdf.4194305-0.partial");
        fs::write(&other, b"another output's").unwrap();
        write_atomic(&dir.join("a.pdf"), b"whole").unwrap();
        assert!(!stale.exists());
        assert!(
            other.exists(),
            "only the output's own temporaries are touched"
        );
        // The folder was listed once; the other output's write still finds its own.
        write_atomic(&dir.join("b.pdf"), b"whole").unwrap();
        assert!(!other.exists());
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
