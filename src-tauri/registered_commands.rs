// Shared by build.rs (which gives each command an `allow-…` permission) and the security tests
// (which check the capability against it): one reading of the app's command list.

/// The names in `generate_handler![module::name, …]` of the app's `src/lib.rs` source.
pub fn registered_commands(source: &str) -> Vec<String> {
    let Some(start) = source.find("generate_handler![") else { return Vec::new() };
    let rest = &source[start + "generate_handler![".len()..];
    let body = &rest[..rest.find(']').unwrap_or(0)];
    body.split(',')
        .map(|item| item.trim().rsplit("::").next().unwrap_or("").trim().to_string())
        .filter(|name| !name.is_empty() && !name.starts_with("//"))
        .collect()
}
