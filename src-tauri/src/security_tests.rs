//! The shell is as locked down as ARCHITECTURE.md says, read from the shipped files themselves:
//! the Content Security Policy of `tauri.conf.json`, and capabilities that grant the one window
//! exactly the app commands its page calls (`ui/src/lib/api.ts`), nothing of any plugin, and no
//! remote origin.

use std::collections::BTreeSet;

use serde_json::Value;

fn read(rel: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(rel: &str) -> Value {
    serde_json::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The CSP's directives: name → sources.
fn directives(csp: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    csp.split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_string();
            Some((name, words.map(str::to_string).collect()))
        })
        .collect()
}

#[test]
fn the_content_security_policy_allows_only_the_app_itself() {
    let conf = json("tauri.conf.json");
    let security = &conf["app"]["security"];
    let csp = directives(security["csp"].as_str().expect("a CSP string"));
    let only = |name: &str, allowed: &[&str]| {
        let sources = csp.get(name).unwrap_or_else(|| panic!("no {name} in the CSP"));
        assert_eq!(sources.iter().map(String::as_str).collect::<Vec<_>>(), allowed, "{name}");
    };
    only("default-src", &["'self'"]);
    only("script-src", &["'self'"]);
    only("style-src", &["'self'"]);
    only("img-src", &["'self'", "data:"]);
    only("font-src", &["'self'", "data:"]);
    only("connect-src", &["ipc:", "http://ipc.localhost"]);
    only("object-src", &["'none'"]);
    only("base-uri", &["'none'"]);
    only("form-action", &["'none'"]);
    only("frame-ancestors", &["'none'"]);
    for (name, sources) in &csp {
        for s in sources {
            assert!(!s.contains("unsafe"), "{name} allows {s}");
            assert!(
                s != "*" && !s.starts_with("https:") && s != "http:",
                "{name} allows remote content: {s}"
            );
        }
    }
    assert_eq!(security["freezePrototype"], true);
    for risky in ["dangerousDisableAssetCspModification", "assetProtocol", "headers"] {
        assert!(security.get(risky).is_none(), "{risky} is set");
    }
    assert_ne!(conf["app"]["withGlobalTauri"], true, "the page gets no global Tauri object");
    for w in conf["app"]["windows"].as_array().expect("windows") {
        assert!(
            w.get("url").is_none_or(|u| !u.as_str().unwrap_or("").contains("://")),
            "a window loads a remote page"
        );
    }
}

/// The commands the page calls: `call("name"` / `call<T>("name"` in api.ts, the only file that
/// invokes.
fn page_commands() -> BTreeSet<String> {
    let api = read("../ui/src/lib/api.ts");
    let mut found = BTreeSet::new();
    for (i, _) in api.match_indices("call") {
        let rest = &api[i + 4..];
        let rest =
            if rest.starts_with('<') { &rest[rest.find(">(").map_or(rest.len(), |j| j + 1)..] } else { rest };
        let name = rest.strip_prefix("(\"").and_then(|r| r.split('"').next()).unwrap_or("");
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            found.insert(name.to_string());
        }
    }
    found
}

mod registered {
    include!("../registered_commands.rs");
}

/// The commands the app registers (`generate_handler!` in lib.rs), read as build.rs reads them.
fn registered_commands() -> BTreeSet<String> {
    let names = registered::registered_commands(&read("src/lib.rs"));
    assert!(!names.is_empty(), "no generate_handler! in src/lib.rs");
    names.into_iter().collect()
}

#[test]
fn capabilities_match_the_page() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("capabilities")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(files.len(), 1, "one capability, for the one window: {files:?}");
    let cap = json("capabilities/default.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(cap.get("remote").is_none(), "no remote origin may call commands");
    assert!(cap.get("webviews").is_none() && cap.get("platforms").is_none());
    let permissions: Vec<&str> = cap["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("a plain permission"))
        .collect();
    let (core, app): (Vec<&str>, Vec<&str>) = permissions.iter().partition(|p| p.contains(':'));
    assert_eq!(
        core,
        ["core:event:default", "core:window:allow-set-title"],
        "no plugin or wider core permission"
    );
    let granted: BTreeSet<String> = app
        .iter()
        .map(|p| {
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("{p}: only allow- permissions"))
                .replace('-', "_")
        })
        .collect();
    let page = page_commands();
    let registered = registered_commands();
    assert!(page.len() > 100, "api.ts was not read right: {page:?}");
    let unused: Vec<_> = granted.difference(&page).collect();
    let missing: Vec<_> = page.difference(&granted).collect();
    let unknown: Vec<_> = granted.difference(&registered).collect();
    assert!(unused.is_empty(), "granted but never called by the page: {unused:?}");
    assert!(missing.is_empty(), "called by the page but not granted: {missing:?}");
    assert!(unknown.is_empty(), "granted but not a command: {unknown:?}");
    let ungranted: Vec<_> = registered.difference(&granted).collect();
    assert!(ungranted.is_empty(), "registered but callable by no window (remove it): {ungranted:?}");
}
