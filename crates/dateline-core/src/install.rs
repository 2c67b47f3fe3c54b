//! Where an installed Dateline finds the files installed beside it: the one
//! place that knows the layout the installers give (docs/INSTALL.md).
//!
//! - Debian: the spelling dictionaries are the system's, from the
//!   `hunspell-*` packages the `.deb` depends on, in `/usr/share/hunspell`.
//! - Windows: the installer puts them in `<install folder>\dictionaries`
//!   (`%LOCALAPPDATA%\Programs\Dateline\dictionaries`), beside
//!   `dateline-app.exe` and `dateline.exe`, with their licences in
//!   `dictionaries\licences`.

use std::path::{Path, PathBuf};

/// The folder of installed Hunspell dictionaries (`<name>.dic`/`.aff`) for
/// this system. `DATELINE_DICTIONARIES`, when set, is checked before it.
pub fn dictionary_dir() -> PathBuf {
    if cfg!(windows) {
        beside_program("dictionaries")
    } else {
        PathBuf::from("/usr/share/hunspell")
    }
}

/// `name` in the folder of the running program (the install folder), or in
/// the working folder if the program's path cannot be known.
fn beside_program(name: &str) -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
        .unwrap_or_default()
        .join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionaries_are_where_the_installer_puts_them() {
        let dir = dictionary_dir();
        if cfg!(windows) {
            let exe = std::env::current_exe().unwrap();
            assert_eq!(dir, exe.parent().unwrap().join("dictionaries"));
        } else {
            assert_eq!(dir, Path::new("/usr/share/hunspell"));
            // The .deb's dependencies put these here (tauri.conf.json).
            for stem in ["en_GB", "en_US", "fr", "es_ES", "ru_RU", "ar"] {
                for ext in ["dic", "aff"] {
                    let f = dir.join(format!("{stem}.{ext}"));
                    assert!(f.exists(), "{} missing: run `make deps`", f.display());
                }
            }
        }
    }
}
