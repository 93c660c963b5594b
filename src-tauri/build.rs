//! Tauri's build step, with the app's own commands in the access-control list: each command gets
//! an `allow-…` permission, and a window may call only what its capability grants
//! (`capabilities/`). The commands are read from the one list the app registers them in, the
//! `generate_handler!` call in `src/lib.rs`, so the two cannot drift apart.

fn main() {
    println!("cargo:rerun-if-changed=src/lib.rs");
    println!("cargo:rerun-if-changed=registered_commands.rs");
    let source = std::fs::read_to_string("src/lib.rs").unwrap_or_default();
    let commands = registered_commands(&source);
    assert!(!commands.is_empty(), "no commands found in the generate_handler! call of src/lib.rs");
    let commands: &'static [&'static str] =
        Vec::leak(commands.into_iter().map(|c| &*String::leak(c)).collect());
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .unwrap_or_else(|e| panic!("tauri build: {e:#}"));
}

include!("registered_commands.rs");
