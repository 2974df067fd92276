//! Every input file (handout, clinic.toml, font, picture) is read here. What
//! is not a regular file is refused from its metadata, before it is opened (a
//! pipe would block forever, a device never ends); each kind of file has a
//! size limit, and the read is bounded by it, so a file that grows while it is
//! read cannot pass it either.

use std::fmt;
use std::fs::Metadata;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What a file is for, which sets its size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A handout or clinic.toml: a few KB of text.
    Text,
    /// A TrueType or OpenType font; a full CJK face is about 20 MB.
    Font,
    /// A PNG or JPEG; a camera photo is a few MB.
    Picture,
}

impl Kind {
    /// The largest file of this kind, in bytes.
    pub const fn limit(self) -> u64 {
        match self {
            Kind::Text => 1 << 20,
            Kind::Font => 32 << 20,
            Kind::Picture => 20 << 20,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Text => "a handout or clinic profile",
            Kind::Font => "a font",
            Kind::Picture => "a picture",
        }
    }
}

/// Why a file was not read, as a clause for editors: "no such file", "it is a
/// folder, not a file".
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// A symbolic link whose target does not exist.
    DanglingLink(PathBuf),
    /// A folder, pipe, device or socket: what it is.
    NotAFile(&'static str),
    TooLarge(Kind),
    /// The path names another file than when it was checked.
    Replaced,
}

impl ReadError {
    /// The stable identifier for machines.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Io(_) | ReadError::Replaced => "unreadable-file",
            ReadError::DanglingLink(_) => "dangling-link",
            ReadError::NotAFile(_) => "not-a-file",
            ReadError::TooLarge(_) => "file-too-large",
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => f.write_str(&io_reason(e)),
            ReadError::DanglingLink(to) => write!(
                f,
                "it is a link to `{}`, which does not exist",
                to.display()
            ),
            ReadError::NotAFile(what) => write!(f, "it is {what}, not a file"),
            ReadError::TooLarge(kind) => write!(
                f,
                "it is larger than {} MB, the limit for {}",
                kind.limit() >> 20,
                kind.noun()
            ),
            ReadError::Replaced => f.write_str("it was replaced while being read; try again"),
        }
    }
}

/// An I/O error in words, without Rust's "(os error 2)".
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

/// A regular file within its kind's limit, checked but not yet opened.
#[derive(Debug)]
pub struct File {
    path: PathBuf,
    kind: Kind,
    meta: Metadata,
}

/// The file at `path` if it is a regular file no larger than `kind` allows;
/// only its metadata is read.
pub fn locate(path: &Path, kind: Kind) -> Result<File, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        let link = std::fs::read_link(path).ok();
        match link {
            Some(to) if e.kind() == std::io::ErrorKind::NotFound => ReadError::DanglingLink(to),
            _ => ReadError::Io(e),
        }
    })?;
    if let Some(what) = not_a_file(&meta) {
        return Err(ReadError::NotAFile(what));
    }
    if meta.len() > kind.limit() {
        return Err(ReadError::TooLarge(kind));
    }
    Ok(File {
        path: path.to_path_buf(),
        kind,
        meta,
    })
}

/// The bytes of the file at `path`, checked as [`locate`] does.
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
    locate(path, kind)?.read()
}

/// What `meta` describes when it is not a regular file.
fn not_a_file(meta: &Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("a device")
}

impl File {
    /// The file's identity on disk: two paths (hard links, symbolic links)
    /// to one file have the same.
    pub fn identity(&self) -> (u64, u64) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            (self.meta.dev(), self.meta.ino())
        }
        #[cfg(not(unix))]
        {
            (0, self.meta.len())
        }
    }

    /// Its length in bytes, when it was checked.
    pub fn size(&self) -> u64 {
        self.meta.len()
    }

    /// Read the whole file, at most its kind's limit.
    pub fn read(&self) -> Result<Vec<u8>, ReadError> {
        let bytes = self.read_start(self.kind.limit() + 1)?;
        if bytes.len() as u64 > self.kind.limit() {
            return Err(ReadError::TooLarge(self.kind));
        }
        Ok(bytes)
    }

    /// Read at most the first `most` bytes.
    pub fn read_start(&self, most: u64) -> Result<Vec<u8>, ReadError> {
        self.read_at(0, most)
    }

    /// Read at most `most` bytes from byte `offset` on.
    pub fn read_at(&self, offset: u64, most: u64) -> Result<Vec<u8>, ReadError> {
        use std::io::{Seek, SeekFrom};
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        // Should a pipe take the file's place after it was checked, opening
        // it does not wait for a writer.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
        let mut file = options.open(&self.path).map_err(ReadError::Io)?;
        let opened = file.metadata().map_err(ReadError::Io)?;
        if not_a_file(&opened).is_some() || !same_file(&opened, &self.meta) {
            return Err(ReadError::Replaced);
        }
        if offset > 0 {
            file.seek(SeekFrom::Start(offset)).map_err(ReadError::Io)?;
        }
        let left = opened.len().saturating_sub(offset);
        let mut bytes = Vec::with_capacity(left.min(most) as usize);
        file.take(most)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        Ok(bytes)
    }
}

fn same_file(a: &Metadata, b: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (a.dev(), a.ino()) == (b.dev(), b.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_regular_file_is_refused_unopened() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path(), Kind::Text).unwrap_err();
        assert_eq!(err.to_string(), "it is a folder, not a file");
        let err = read(Path::new("/dev/zero"), Kind::Font).unwrap_err();
        assert_eq!(err.to_string(), "it is a device, not a file");
        let link = dir.path().join("gone.toml");
        std::os::unix::fs::symlink("nowhere.toml", &link).unwrap();
        let err = read(&link, Kind::Text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "it is a link to `nowhere.toml`, which does not exist"
        );
    }

    #[test]
    fn a_file_over_its_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        std::fs::write(&path, vec![b'#'; (Kind::Text.limit() + 1) as usize]).unwrap();
        let err = read(&path, Kind::Text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "it is larger than 1 MB, the limit for a handout or clinic profile"
        );
        std::fs::write(&path, "title = 1").unwrap();
        assert_eq!(read(&path, Kind::Text).unwrap(), b"title = 1");
    }
}
