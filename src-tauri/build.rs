//! Tauri build script: reads tauri.conf.json at the package root and the
//! capabilities in src-tauri/capabilities/.
fn main() {
    if let Err(e) = tauri_build::try_build(
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*"),
    ) {
        eprintln!("tauri build failed: {e:#}");
        std::process::exit(1);
    }
}
