//! The officer's preferences that exports use.

/// The OS user's full name (GECOS on Unix), else the login name; written as
/// the creator of exported Word files.
pub fn default_author() -> String {
    if let Ok(name) = std::env::var("DATELINE_AUTHOR") {
        if !name.trim().is_empty() {
            return name;
        }
    }
    let real = whoami::realname();
    if !real.trim().is_empty() && real != "Unknown" {
        return real;
    }
    whoami::username()
}
