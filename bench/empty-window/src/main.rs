//! An empty Tauri window: the memory baseline of bench/run.
fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the window could not start");
}
