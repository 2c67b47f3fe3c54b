//! Reads tauri.conf.json and the capability files and fails on anything
//! wider than the app needs: wildcard windows, remote origins, script-src
//! that allows eval, data: or blob:, a shell plugin, or file-system scopes.

use std::path::Path;

use serde_json::Value;

fn read(p: &Path) -> Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn capabilities() -> Vec<(String, Value)> {
    let dir = root().join("src-tauri/capabilities");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "json") {
            out.push((p.display().to_string(), read(&p)));
        }
    }
    assert!(!out.is_empty(), "no capability files");
    out
}

#[test]
fn csp_is_strict() {
    let conf = read(&root().join("tauri.conf.json"));
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP string is set");
    let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
    let script = directives
        .iter()
        .find(|d| d.starts_with("script-src"))
        .or_else(|| directives.iter().find(|d| d.starts_with("default-src")))
        .expect("script-src or default-src");
    for bad in [
        "'unsafe-eval'",
        "data:",
        "blob:",
        "'unsafe-inline'",
        "*",
        "http:",
        "https:",
    ] {
        assert!(
            !script.split_whitespace().any(|t| t == bad),
            "script-src allows {bad}: {script}"
        );
    }
    for d in &directives {
        for token in d.split_whitespace().skip(1) {
            let remote = (token.starts_with("http://") || token.starts_with("https://"))
                && token != "http://ipc.localhost";
            assert!(!remote && token != "*", "remote origin in CSP: {d}");
        }
    }
    assert!(!csp.contains("unsafe-eval"));
}

#[test]
fn no_remote_urls_or_wildcard_windows_or_shell() {
    let conf = read(&root().join("tauri.conf.json"));
    assert!(
        conf["plugins"].get("shell").is_none(),
        "shell plugin configured"
    );
    for (name, cap) in capabilities() {
        assert!(cap.get("remote").is_none(), "{name}: remote access");
        let windows = cap["windows"].as_array().expect("windows list");
        assert!(
            windows
                .iter()
                .all(|w| w.as_str().is_some_and(|s| !s.contains('*'))),
            "{name}: wildcard window"
        );
        let webviews = cap
            .get("webviews")
            .and_then(|w| w.as_array())
            .cloned()
            .unwrap_or_default();
        assert!(
            webviews
                .iter()
                .all(|w| w.as_str().is_some_and(|s| !s.contains('*'))),
            "{name}: wildcard webview"
        );
        for p in cap["permissions"].as_array().expect("permissions") {
            let id = p
                .as_str()
                .or_else(|| p["identifier"].as_str())
                .unwrap_or("");
            assert!(!id.starts_with("shell:"), "{name}: shell permission {id}");
            assert!(!id.starts_with("http:"), "{name}: http permission {id}");
            // The web view gets no file-system access at all; dialogs and
            // exports run in Rust.
            assert!(!id.starts_with("fs:"), "{name}: fs permission {id}");
            assert!(
                !id.contains("allow-execute") && !id.contains("allow-spawn"),
                "{name}: {id}"
            );
        }
    }
    let cargo = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    assert!(
        !cargo.contains("tauri-plugin-shell"),
        "shell plugin dependency"
    );
    assert!(
        !cargo.contains("tauri-plugin-http"),
        "http plugin dependency"
    );
}
