//! One app per desktop session. A second start hands its arguments to the running app over the
//! session's D-Bus bus, at the name and path the single-instance plugin serves, and ends before the
//! window toolkit starts.
//!
//! The plugin can hand over too, but only from inside the app's setup, after GTK started: it then
//! calls `exit` while GTK's and D-Bus's threads run, and that second process crashed in `libc` or
//! `libX11` now and then (seen in CI). Asking first, before anything starts, leaves nothing to race.
//! The plugin still owns the name for the first app, and still covers two apps started at the same
//! instant.

/// The well-known bus name and object path the plugin serves for an app identifier (its
/// `semver` feature, which adds the version to the name, is off).
fn bus_name_and_path(identifier: &str) -> (String, String) {
    let name = format!("{identifier}.SingleInstance");
    let path = format!("/{}", name.replace('.', "/").replace('-', "_"));
    (name, path)
}

/// Hands this start's arguments and working folder to a running app. True when one took them (this
/// start should end); false when none runs, or there is no session bus (this start goes on).
#[cfg(target_os = "linux")]
pub fn hand_over(identifier: &str) -> bool {
    let (name, path) = bus_name_and_path(identifier);
    let connection = zbus::blocking::connection::Builder::session()
        .map(|b| b.method_timeout(std::time::Duration::from_secs(20)))
        .and_then(|b| b.build());
    let Ok(connection) = connection else { return false };
    let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    let cwd = std::env::current_dir().unwrap_or_default().to_string_lossy().into_owned();
    connection
        .call_method(
            Some(name.as_str()),
            path.as_str(),
            Some("org.SingleInstance.DBus"),
            "ExecuteCallback",
            &(args, cwd.as_str()),
        )
        .is_ok()
}

/// Elsewhere the plugin hands over by its own means.
#[cfg(not(target_os = "linux"))]
pub fn hand_over(_identifier: &str) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plugins_name_and_path() {
        let (name, path) = bus_name_and_path("org.bpfdesk.app");
        assert_eq!(name, "org.bpfdesk.app.SingleInstance");
        assert_eq!(path, "/org/bpfdesk/app/SingleInstance");
        let (_, path) = bus_name_and_path("org.bpf-desk.app");
        assert_eq!(path, "/org/bpf_desk/app/SingleInstance");
    }
}
